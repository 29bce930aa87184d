//! UCDP Georeferenced Event Dataset (GED) CSV: one row per event of organised violence, with
//! its dyad (`side_a`, `side_b`), its dates (`date_start`, `date_end`, `date_prec`), its
//! death estimates (`best`, `low`, `high`) and its sources (`source_headline`,
//! `source_article`, `source_original`).
//!
//! Each row's evidence is its `source_headline` cell, else its `source_article` cell, else
//! the whole row: a verbatim span of the file.

use super::build::{Builder, NewEvent, Refusal, trimmed};
use super::csv::Record;
use super::rows::{Row, read_rows};
use super::{Format, Imported, Table};
use crate::io::Progress;
use crate::model::date::iso_day;
use crate::model::{ActorKind, EventKind, RelationKind, Role};

#[derive(Clone, Copy, Debug)]
struct Columns {
    id: Option<usize>,
    start: usize,
    end: Option<usize>,
    precision: Option<usize>,
    violence: Option<usize>,
    side_a: usize,
    side_b: usize,
    conflict: Option<usize>,
    headline: Option<usize>,
    article: Option<usize>,
    original: Option<usize>,
    where_description: Option<usize>,
    adm_1: Option<usize>,
    country: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    where_prec: Option<usize>,
    best: Option<usize>,
    low: Option<usize>,
    high: Option<usize>,
}

fn columns(header: &[String]) -> Result<Columns, String> {
    let find = |name: &str| header.iter().position(|h| h == name);
    Ok(Columns {
        id: find("id"),
        start: find("date_start").ok_or("no date_start column")?,
        end: find("date_end"),
        precision: find("date_prec"),
        violence: find("type_of_violence"),
        side_a: find("side_a").ok_or("no side_a column")?,
        side_b: find("side_b").ok_or("no side_b column")?,
        conflict: find("conflict_name"),
        headline: find("source_headline"),
        article: find("source_article"),
        original: find("source_original"),
        where_description: find("where_description"),
        adm_1: find("adm_1"),
        country: find("country"),
        latitude: find("latitude"),
        longitude: find("longitude"),
        where_prec: find("where_prec"),
        best: find("best"),
        low: find("low"),
        high: find("high"),
    })
}

/// Whether the table is UCDP GED (else why not), without reading its rows.
pub fn recognise(table: &Table<'_>) -> Result<(), String> {
    columns(&table.header).map(|_| ())
}

/// Reads every row of a GED table; rows that cannot be read are reported in `skipped`.
pub fn read(table: Table<'_>, file: &str, progress: &Progress) -> Result<Imported, String> {
    let cols = columns(&table.header)?;
    let text = table.text;
    let mut b = Builder::default();
    let problems = read_rows(&table, 1, cols.id, progress, &mut b, &mut |b, record| {
        Row::Read(row(b, &cols, record, text))
    });
    let notes = format!(
        "UCDP Georeferenced Event Dataset, imported by Actorscope: {} data rows, {} events. Each event's evidence is its source_headline cell (else its source_article cell, else the whole row), a span of this file; the publication date is the latest event date in it.",
        b.rows,
        b.events()
    );
    Ok(b.finish(&table, file, Format::Ucdp, Some("UCDP"), notes, problems))
}

/// A GED date: `2019-03-23`, also with a time (`2019-03-23 00:00:00.000`), or `23/03/2019`.
fn parse_day(cell: &str) -> Result<i32, String> {
    let day = cell.split([' ', 'T']).next().unwrap_or("");
    super::acled::parse_date(day)
}

fn row(b: &mut Builder, cols: &Columns, record: &Record, text: &str) -> Result<(), Refusal> {
    let get = |i: Option<usize>| i.map_or(String::new(), |i| record.get(text, i).into_owned());
    let start_cell = record.get(text, cols.start);
    let start = parse_day(&start_cell).map_err(|why| {
        (
            Some(cols.start),
            format!("date_start {start_cell:?} is not a date: {why}"),
        )
    })?;
    let end_cell = get(cols.end);
    let end = if end_cell.is_empty() {
        start
    } else {
        parse_day(&end_cell).map_err(|why| {
            (
                cols.end,
                format!("date_end {end_cell:?} is not a date: {why}"),
            )
        })?
    };
    if end < start {
        return Err((
            cols.end,
            format!("date_end {end_cell:?} is before date_start {start_cell:?}"),
        ));
    }
    let side_a = record.get(text, cols.side_a).into_owned();
    let side_b = record.get(text, cols.side_b).into_owned();
    if side_a.is_empty() {
        return Err((Some(cols.side_a), "side_a is empty".to_owned()));
    }
    let key = match get(cols.id) {
        id if id.is_empty() => format!("row-{}", record.line),
        id => format!("ged-{id}"),
    };
    b.unused(&key).map_err(|why| (cols.id, why))?;
    // 1 state-based, 2 non-state, 3 one-sided (side_b is the civilians).
    let violence = get(cols.violence);
    let (kind, label, one_sided) = match violence.as_str() {
        "1" => (EventKind::Violence, "State-based violence", false),
        "2" => (EventKind::Violence, "Non-state violence", false),
        "3" => (EventKind::Atrocity, "One-sided violence", true),
        "" => (EventKind::Violence, "Organised violence", false),
        other => {
            return Err((
                cols.violence,
                format!("type_of_violence {other:?} is not 1, 2 or 3"),
            ));
        }
    };
    let a = b.actor(&side_a, || side_kind(&side_a));
    let (role_a, role_b) = if one_sided {
        (Role::Initiator, Role::Target)
    } else {
        (Role::Participant, Role::Participant)
    };
    let mut participants = vec![(a, role_a)];
    if !side_b.is_empty() && side_b != side_a {
        let s = b.actor(&side_b, || side_kind(&side_b));
        participants.push((s, role_b));
        b.relate(a, s, RelationKind::Hostility, one_sided);
    }
    let span = [cols.headline, cols.article]
        .into_iter()
        .flatten()
        .filter_map(|i| record.cells.get(i))
        .map(|c| trimmed(text, c.span.clone()))
        .find(|span| !span.is_empty())
        .unwrap_or_else(|| trimmed(text, record.span.clone()));
    let place = [
        get(cols.where_description),
        get(cols.adm_1),
        get(cols.country),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let mut facts = vec![format!("UCDP GED {}", key.trim_start_matches("ged-"))];
    let conflict = get(cols.conflict);
    if !conflict.is_empty() {
        facts.push(conflict);
    }
    let (best, low, high) = (get(cols.best), get(cols.low), get(cols.high));
    if !best.is_empty() {
        facts.push(format!("deaths: {best} (low {low}, high {high})"));
    }
    let (lat, lon) = (get(cols.latitude), get(cols.longitude));
    if !lat.is_empty() && !lon.is_empty() {
        let prec = get(cols.where_prec);
        facts.push(format!("at {lat}, {lon} (where_prec {prec})"));
    }
    let original = get(cols.original);
    if !original.is_empty() {
        facts.push(format!("source: {original}"));
    }
    let _ = get(cols.precision);
    b.push(
        record.line,
        text,
        NewEvent {
            title: if side_b.is_empty() {
                format!("{label}: {side_a}")
            } else {
                format!("{label}: {side_a} / {side_b}")
            },
            key,
            summary: facts.join(" · "),
            date: iso_day(start),
            end: (end != start).then(|| iso_day(end)),
            last_day: end,
            kind,
            place,
            participants,
            span,
            record: record.span.clone(),
        },
    )
}

/// A side's kind: UCDP names governments `Government of …` and the victims of one-sided
/// violence `Civilians`; every other side is an organised armed group.
fn side_kind(name: &str) -> ActorKind {
    if name.starts_with("Government of") {
        ActorKind::Government
    } else if name.eq_ignore_ascii_case("civilians") {
        ActorKind::Population
    } else {
        ActorKind::ArmedGroup
    }
}
