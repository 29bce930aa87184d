//! ACLED event exports, every header generation seen in the wild:
//! - 2016-era: UPPER-CASE headers, `ALLY_ACTOR_1/2`, dates `dd/mm/yyyy`, often Windows-1252;
//! - 2019-era: `data_id`, `event_id_no_cnty`, `iso3`, dates `22 February 2019`;
//! - humanitarian-portal (HDX) copies: a second row of HXL hashtags, ISO dates;
//! - current: `disorder_type`, `civilian_targeting`, `tags`, `interaction` (codes or words).
//!
//! Each row becomes an event whose evidence is its `notes` cell, a verbatim span of the file
//! (or the whole row when the notes are empty): nothing is paraphrased.

use std::borrow::Cow;

use super::build::{Builder, NewEvent, Refusal, trimmed};
use super::csv::{Cell, Reader, Record};
use super::jsontree::{Node, Value};
use super::rows::{Row, read_rows_split};
use super::{Format, Imported, RowProblems, Table};
use crate::io::Progress;
use crate::model::date::{civil_from_days, days_from_civil, days_in_month, iso_day};
use crate::model::{ActorKind, EventKind, RelationKind, Role};

/// The columns read, by their current lower-case names.
#[derive(Clone, Copy, Debug, Default)]
struct Columns {
    id: Option<usize>,
    date: usize,
    precision: Option<usize>,
    event_type: Option<usize>,
    sub_event_type: Option<usize>,
    actor1: usize,
    assoc1: Option<usize>,
    inter1: Option<usize>,
    actor2: Option<usize>,
    assoc2: Option<usize>,
    inter2: Option<usize>,
    country: Option<usize>,
    admin1: Option<usize>,
    location: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    source: Option<usize>,
    notes: Option<usize>,
    fatalities: Option<usize>,
}

/// Why a table is not ACLED, or the columns it has.
fn columns(header: &[String]) -> Result<Columns, String> {
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let date = find(&["event_date"]).ok_or("no event_date column")?;
    let actor1 = find(&["actor1"]).ok_or("no actor1 column")?;
    if find(&["event_type"]).is_none() && find(&["sub_event_type"]).is_none() {
        return Err("no event_type column".to_owned());
    }
    Ok(Columns {
        id: find(&["event_id_cnty"]),
        date,
        precision: find(&["time_precision"]),
        event_type: find(&["event_type"]),
        sub_event_type: find(&["sub_event_type"]),
        actor1,
        assoc1: find(&["assoc_actor_1", "ally_actor_1"]),
        inter1: find(&["inter1"]),
        actor2: find(&["actor2"]),
        assoc2: find(&["assoc_actor_2", "ally_actor_2"]),
        inter2: find(&["inter2"]),
        country: find(&["country"]),
        admin1: find(&["admin1"]),
        location: find(&["location"]),
        latitude: find(&["latitude"]),
        longitude: find(&["longitude"]),
        source: find(&["source"]),
        notes: find(&["notes"]),
        fatalities: find(&["fatalities"]),
    })
}

/// A header cell as compared: trimmed, lower case, spaces as underscores.
pub fn normalise_header(cell: &str) -> String {
    cell.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// Whether the table is ACLED (else why not), without reading its rows.
pub fn recognise(table: &Table<'_>) -> Result<(), String> {
    columns(&table.header).map(|_| ())
}

/// Reads every row of an ACLED table. Rows that cannot be read are reported in the result's
/// `skipped`, each with its line and column; the others are imported.
pub fn read(table: Table<'_>, file: &str, progress: &Progress) -> Result<Imported, String> {
    let cols = columns(&table.header)?;
    let text = table.text;
    // After the header, an HXL hashtag row may come: not data.
    let hxl = hxl_row(&table);
    let (b, problems) = read_rows_split(&table, 1, cols.id, progress, &|b, record| {
        if hxl == Some(record.span.start) {
            return Row::Skip;
        }
        Row::Read(row(b, &cols, record, text))
    });
    let hxl = hxl.is_some();
    let generation = if table.header_upper {
        "2016-era (upper-case headers)"
    } else if hxl {
        "humanitarian-portal copy (HXL hashtags)"
    } else if table.header.iter().any(|h| h == "disorder_type") {
        "current"
    } else {
        "2019-era"
    };
    let notes = format!(
        "ACLED export ({generation} columns), imported by Actorscope: {} data rows, {} events. Each event's evidence is its notes cell (or the whole row where the notes are empty), a span of this file; the publication date is the latest event date in it.",
        b.rows,
        b.events()
    );
    Ok(b.finish(&table, file, Format::Acled, Some("ACLED"), notes, problems))
}

/// Reads ACLED's API JSON (`{"status": 200, "data": [{…}, …]}`, the same fields as the CSV):
/// each object is a record whose cells are its values, spans of the file (a string's inside
/// its quotes, escapes as written), so the notes are evidence exactly as for the CSV.
pub fn read_json(
    table: Table<'_>,
    root: &Node,
    file: &str,
    progress: &Progress,
) -> Result<Imported, String> {
    let data = root
        .get("data")
        .and_then(Node::as_array)
        .ok_or("no \"data\" array")?;
    let header: Vec<String> = match data.first().map(|d| &d.value) {
        Some(Value::Object(members)) => members.iter().map(|(k, _)| normalise_header(k)).collect(),
        Some(_) => return Err("the \"data\" array does not hold objects".to_owned()),
        None => Vec::new(),
    };
    let cols = columns(&header).map_err(|why| format!("{why} in its records"))?;
    let text = table.text;
    let lines = crate::model::LineIndex::new(text);
    let mut problems = RowProblems::new(table.name, text);
    let mut b = Builder::default();
    let mut record = Record::default();
    for (n, object) in data.iter().enumerate() {
        if n % super::PROGRESS_EVERY == 0 {
            progress.set(object.span.start as u64, text.len() as u64, n as u64);
            if progress.is_cancelled() {
                break;
            }
        }
        b.rows += 1;
        record.line = lines.location(text, object.span.start).line;
        record.span = object.span.clone();
        record.cells.clear();
        for key in &header {
            let value = match &object.value {
                Value::Object(members) => members
                    .iter()
                    .find(|(k, _)| normalise_header(k) == *key)
                    .map(|(_, v)| v),
                _ => None,
            };
            record.cells.push(match value {
                Some(v) => Cell {
                    span: v.span.clone(),
                    quoted: false,
                    decoded: v.text().map(String::into_boxed_str),
                },
                None => Cell {
                    span: object.span.start..object.span.start,
                    quoted: false,
                    decoded: Some("".into()),
                },
            });
        }
        if let Err((cell, reason)) = row(&mut b, &cols, &record, text) {
            let at = cell
                .and_then(|c| record.cells.get(c))
                .map_or(record.span.start, |c| c.span.start);
            let id = cols.id.map(|i| record.get(text, i).into_owned());
            problems.refuse(at, record.line, id.as_deref(), reason);
        }
    }
    let notes = format!(
        "ACLED API JSON, imported by Actorscope: {} records, {} events. Each event's evidence is its notes value as written in this file (JSON escapes included), else its whole record; the publication date is the latest event date in it.",
        b.rows,
        b.events()
    );
    Ok(b.finish(&table, file, Format::Acled, Some("ACLED"), notes, problems))
}

/// Where the first row that is not blank after the header starts, if it is HXL hashtags.
fn hxl_row(table: &Table<'_>) -> Option<usize> {
    let mut reader = Reader::new(table.text, table.delimiter);
    let mut record = Record::default();
    let _ = reader.next_into(&mut record);
    while let Ok(true) = reader.next_into(&mut record) {
        if !record.is_blank(table.text) {
            return is_hxl_row(&record, table.text).then_some(record.span.start);
        }
    }
    None
}

/// A row of HXL hashtags (`#event+code`, `#date+occurred`…) under the header.
fn is_hxl_row(record: &Record, text: &str) -> bool {
    let filled: Vec<_> = record
        .cells
        .iter()
        .map(|c| text[c.span.clone()].trim())
        .filter(|c| !c.is_empty())
        .collect();
    !filled.is_empty() && filled.iter().all(|c| c.starts_with('#'))
}

/// One ACLED row into `b`, or why not.
fn row(b: &mut Builder, cols: &Columns, record: &Record, text: &str) -> Result<(), Refusal> {
    let get = |i: Option<usize>| i.map_or(Cow::Borrowed(""), |i| record.get(text, i));
    let date_cell = record.get(text, cols.date);
    let day = parse_date(&date_cell).map_err(|reason| {
        (
            Some(cols.date),
            format!("event_date {date_cell:?} is not a date: {reason}"),
        )
    })?;
    let (date, end, last_day) = match get(cols.precision).as_ref() {
        "" | "1" => (iso_day(day), None, day),
        // Known to a week around the date.
        "2" => (iso_day(day - 3), Some(iso_day(day + 3)), day + 3),
        // Known to the month.
        "3" => {
            let (y, m, _) = civil_from_days(day);
            let last = days_from_civil(y, m as u8, days_in_month(y, m as u8));
            (format!("{y:04}-{m:02}"), None, last)
        }
        other => {
            return Err((
                cols.precision,
                format!("time_precision {other:?} is not 1, 2 or 3"),
            ));
        }
    };
    let actor1 = record.get(text, cols.actor1).into_owned();
    if actor1.is_empty() {
        return Err((Some(cols.actor1), "actor1 is empty".to_owned()));
    }
    let key = match get(cols.id) {
        id if id.is_empty() => format!("row-{}", record.line),
        id => id.into_owned(),
    };
    b.unused(&key).map_err(|why| (cols.id, why))?;
    let event_type = get(cols.event_type);
    let sub = get(cols.sub_event_type);
    let kind = event_kind(&event_type, &sub);
    let actor2 = get(cols.actor2);
    let one_sided = matches!(kind, EventKind::Atrocity)
        || event_type.eq_ignore_ascii_case("explosions/remote violence");
    // ACLED's actor 1 and 2 carry no direction, except that one-sided violence is coded
    // from the side that did it.
    let (role1, role2) = if actor2.is_empty() || one_sided {
        (Role::Initiator, Role::Target)
    } else {
        (Role::Participant, Role::Participant)
    };
    let inter1 = get(cols.inter1);
    let inter2 = get(cols.inter2);
    let a1 = b.actor(&actor1, || actor_kind(&inter1, &actor1));
    let mut participants = vec![(a1, role1)];
    let a2 = (!actor2.is_empty() && actor2 != actor1)
        .then(|| b.actor(&actor2, || actor_kind(&inter2, &actor2)));
    if let Some(a2) = a2 {
        participants.push((a2, role2));
    }
    for (assoc, inter) in [(get(cols.assoc1), &inter1), (get(cols.assoc2), &inter2)] {
        for name in assoc.split(';').map(str::trim).filter(|n| !n.is_empty()) {
            let a = b.actor(name, || actor_kind(inter, name));
            if !participants.iter().any(|&(p, _)| p == a) {
                participants.push((a, Role::Participant));
            }
        }
    }
    // The words: the notes cell as it stands in the file, else the whole row.
    let span = cols
        .notes
        .and_then(|i| record.cells.get(i))
        .map(|c| trimmed(text, c.span.clone()))
        .filter(|span| !span.is_empty())
        .unwrap_or_else(|| trimmed(text, record.span.clone()));
    let place = [get(cols.location), get(cols.admin1), get(cols.country)]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let label = if sub.is_empty() { &event_type } else { &sub };
    let title = match a2 {
        Some(_) => format!("{label}: {actor1} / {actor2}"),
        None => format!("{label}: {actor1}"),
    };
    let summary = summary(cols, record, text, &event_type, &sub, &key);
    // Who acted on whom: fighting is hostility (mutual in battle, from the attacker in
    // one-sided violence); an agreement is cooperation.
    let relation = match kind {
        EventKind::Violence | EventKind::MilitaryOperation | EventKind::Atrocity => {
            Some((RelationKind::Hostility, one_sided))
        }
        EventKind::Agreement => Some((RelationKind::Cooperation, false)),
        _ => None,
    };
    if let (Some(a2), Some((relation, directed))) = (a2, relation) {
        b.relate(a1, a2, relation, directed);
    }
    b.push(
        record.line,
        text,
        NewEvent {
            key,
            title,
            summary,
            date,
            end,
            last_day,
            kind,
            place,
            participants,
            span,
            record: record.span.clone(),
        },
    )
}

/// The record's own facts, in the words of its columns, for the inspector and search.
fn summary(
    cols: &Columns,
    record: &Record,
    text: &str,
    event_type: &str,
    sub: &str,
    key: &str,
) -> String {
    let get = |i: Option<usize>| i.map_or(String::new(), |i| record.get(text, i).into_owned());
    let mut parts = vec![format!("ACLED {key}")];
    if !event_type.is_empty() {
        parts.push(if sub.is_empty() || sub == event_type {
            event_type.to_owned()
        } else {
            format!("{event_type} / {sub}")
        });
    }
    let fatalities = get(cols.fatalities);
    if !fatalities.is_empty() {
        parts.push(format!("fatalities: {fatalities}"));
    }
    let (lat, lon) = (get(cols.latitude), get(cols.longitude));
    if !lat.is_empty() && !lon.is_empty() {
        parts.push(format!("at {lat}, {lon}"));
    }
    let source = get(cols.source);
    if !source.is_empty() {
        parts.push(format!("source: {source}"));
    }
    parts.join(" · ")
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// ACLED's dates: `2019-02-22`, `22 February 2019` (or `22-Feb-2019`), `22/02/2019` and
/// `22-02-2019` (day first, as ACLED writes them).
pub fn parse_date(cell: &str) -> Result<i32, String> {
    let cell = cell.trim();
    let parts: Vec<&str> = cell
        .split(['-', '/', ' ', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts[..] else {
        return Err("expected a day, a month and a year".to_owned());
    };
    let number = |s: &str| {
        s.parse::<i32>()
            .map_err(|_| format!("{s:?} is not a number"))
    };
    let month_of = |s: &str| -> Result<i32, String> {
        if let Ok(n) = s.parse::<i32>() {
            return Ok(n);
        }
        let lower = s.to_lowercase();
        MONTHS
            .iter()
            .position(|m| lower.len() >= 3 && m.starts_with(&lower))
            .map(|i| i as i32 + 1)
            .ok_or_else(|| format!("{s:?} is not a month"))
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, month_of(b)?, number(c)?)
    } else {
        let year = number(c)?;
        if c.len() != 4 {
            return Err(format!("the year {c:?} is not four digits"));
        }
        (year, month_of(b)?, number(a)?)
    };
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    if !(1..=i32::from(days_in_month(year, month as u8))).contains(&day) {
        return Err(format!("there is no day {day} in that month"));
    }
    if !(1000..=9999).contains(&year) {
        return Err(format!("the year {year} is out of range"));
    }
    Ok(days_from_civil(year, month as u8, day as u8))
}

/// ACLED's actor types (`inter1`/`inter2`: a code 1–8, or, in current files, its words).
fn actor_kind(inter: &str, name: &str) -> ActorKind {
    let inter = inter.trim().to_lowercase();
    match inter.as_str() {
        "1" | "state forces" => {
            if name.to_lowercase().contains("government") {
                ActorKind::Government
            } else {
                ActorKind::ArmedForces
            }
        }
        "2" | "rebel group" | "rebel groups" | "3" | "political militia" | "political militias"
        | "4" | "identity militia" | "identity militias" => ActorKind::ArmedGroup,
        "5" | "rioters" | "6" | "protesters" | "7" | "civilians" => ActorKind::Population,
        "8" | "external/other forces" | "external/other force" => {
            let lower = name.to_lowercase();
            if lower.contains("united nations") || lower.starts_with("un ") {
                ActorKind::InternationalOrganisation
            } else {
                ActorKind::ArmedForces
            }
        }
        _ => ActorKind::ArmedGroup,
    }
}

/// ACLED's event and sub-event types in the app's vocabulary (the original words stay in the
/// title and summary).
fn event_kind(event_type: &str, sub: &str) -> EventKind {
    let sub = sub.to_lowercase();
    match sub.as_str() {
        "armed clash" | "looting/property destruction" | "mob violence" => {
            return EventKind::Violence;
        }
        "government regains territory"
        | "non-state actor overtakes territory"
        | "air/drone strike"
        | "shelling/artillery/missile attack" => {
            return EventKind::MilitaryOperation;
        }
        "attack"
        | "abduction/forced disappearance"
        | "sexual violence"
        | "excessive force against protesters"
        | "excessive force against protestors" => {
            return EventKind::Atrocity;
        }
        "agreement" => return EventKind::Agreement,
        "headquarters or base established" => return EventKind::Deployment,
        "non-violent transfer of territory" => return EventKind::Withdrawal,
        "peaceful protest" | "protest with intervention" | "violent demonstration" => {
            return EventKind::Protest;
        }
        _ => {}
    }
    let event_type = event_type.to_lowercase();
    match event_type.as_str() {
        "battles" | "explosions/remote violence" | "riots" | "remote violence" => {
            EventKind::Violence
        }
        // 2016-era: "Battle-No change of territory", "Battle-Government regains territory"…
        t if t.starts_with("battle") => EventKind::Violence,
        "violence against civilians" => EventKind::Atrocity,
        "protests" | "riots/protests" => EventKind::Protest,
        "headquarters or base established" => EventKind::Deployment,
        _ => EventKind::Report,
    }
}

#[cfg(test)]
#[path = "acled_two_cores.rs"]
mod two_cores;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_date_form_acled_has_written_and_what_is_not_a_date() {
        let day = |y, m, d| days_from_civil(y, m, d);
        for (cell, want) in [
            ("2019-02-22", day(2019, 2, 22)),
            ("22 February 2019", day(2019, 2, 22)),
            ("22-Feb-2019", day(2019, 2, 22)),
            ("22/02/2019", day(2019, 2, 22)),
            ("05-03-2016", day(2016, 3, 5)),
            (" 1 march 2020 ", day(2020, 3, 1)),
            ("29/02/2020", day(2020, 2, 29)),
        ] {
            assert_eq!(parse_date(cell), Ok(want), "{cell}");
        }
        for cell in [
            "",
            "2019",
            "31 February 2019",
            "29/02/2019",
            "22/13/2019",
            "22 Fbr 2019",
            "22/02/19",
            "1 Ma 2019",
        ] {
            assert!(parse_date(cell).is_err(), "{cell:?} is not a date");
        }
    }

    #[test]
    fn headers_of_every_generation_are_recognised_and_others_refused_with_a_reason() {
        let header = |line: &str| line.split(',').map(normalise_header).collect::<Vec<_>>();
        assert!(
            columns(&header(
                "EVENT_ID_CNTY,EVENT_DATE,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,NOTES"
            ))
            .is_ok()
        );
        let old = columns(&header("EVENT_DATE,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1")).unwrap();
        assert_eq!(old.assoc1, Some(3));
        assert!(columns(&header("\u{feff}event_date,sub_event_type,actor1")).is_ok());
        assert_eq!(
            columns(&header("date,actor1,event_type")).unwrap_err(),
            "no event_date column"
        );
        assert_eq!(
            columns(&header("event_date,side_a,event_type")).unwrap_err(),
            "no actor1 column"
        );
    }
}
