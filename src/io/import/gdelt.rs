//! GDELT event files: tab-separated, no header; GDELT 2.0's 61 columns and GDELT 1.0's 57
//! (before April 2013) or 58 (with `SOURCEURL`). Each row is one coded event between two
//! actors (CAMEO codes), with its quad class, Goldstein scale and the article it was coded
//! from. GDELT keeps no narrative, so each event's evidence is its whole row.

use super::build::{Builder, NewEvent, Refusal, trimmed};
use super::csv::Record;
use super::rows::{Row, read_rows};
use super::{Format, Imported, Table};
use crate::io::Progress;
use crate::model::date::{days_from_civil, days_in_month, iso_day};
use crate::model::{ActorKind, EventKind, RelationKind, Role};

/// Where the columns are in each generation.
#[derive(Clone, Copy, Debug)]
struct Layout {
    generation: &'static str,
    place: usize,
    latitude: usize,
    longitude: usize,
    url: Option<usize>,
}

const ID: usize = 0;
const DATE: usize = 1;
const ACTOR1_CODE: usize = 5;
const ACTOR1_NAME: usize = 6;
const ACTOR1_TYPE: usize = 12;
const ACTOR2_CODE: usize = 15;
const ACTOR2_NAME: usize = 16;
const ACTOR2_TYPE: usize = 22;
const EVENT_CODE: usize = 26;
const ROOT_CODE: usize = 28;
const QUAD_CLASS: usize = 29;
const GOLDSTEIN: usize = 30;
const ARTICLES: usize = 33;

fn layout(columns: usize) -> Option<Layout> {
    match columns {
        61 => Some(Layout {
            generation: "GDELT 2.0",
            place: 52,
            latitude: 56,
            longitude: 57,
            url: Some(60),
        }),
        58 => Some(Layout {
            generation: "GDELT 1.0",
            place: 50,
            latitude: 53,
            longitude: 54,
            url: Some(57),
        }),
        57 => Some(Layout {
            generation: "GDELT 1.0 (before SOURCEURL)",
            place: 50,
            latitude: 53,
            longitude: 54,
            url: None,
        }),
        _ => None,
    }
}

/// Whether a table is a GDELT event file (its first row is data: tab-separated, 57, 58 or 61
/// columns, an id and a `YYYYMMDD` date first).
pub fn recognise(table: &Table<'_>) -> Result<(), String> {
    if table.delimiter != b'\t' {
        return Err("not tab-separated".to_owned());
    }
    if layout(table.header.len()).is_none() {
        return Err(format!("{} columns, not 57, 58 or 61", table.header.len()));
    }
    let date = &table.header[DATE];
    if table.header[ID].parse::<u64>().is_err() || date.len() != 8 || date.parse::<u32>().is_err() {
        return Err("the first row does not start with an event id and a YYYYMMDD date".to_owned());
    }
    Ok(())
}

/// CAMEO's twenty root event codes.
pub fn root_label(root: &str) -> Option<&'static str> {
    Some(match root {
        "01" => "Make public statement",
        "02" => "Appeal",
        "03" => "Express intent to cooperate",
        "04" => "Consult",
        "05" => "Engage in diplomatic cooperation",
        "06" => "Engage in material cooperation",
        "07" => "Provide aid",
        "08" => "Yield",
        "09" => "Investigate",
        "10" => "Demand",
        "11" => "Disapprove",
        "12" => "Reject",
        "13" => "Threaten",
        "14" => "Protest",
        "15" => "Exhibit force posture",
        "16" => "Reduce relations",
        "17" => "Coerce",
        "18" => "Assault",
        "19" => "Fight",
        "20" => "Use unconventional mass violence",
        _ => return None,
    })
}

fn event_kind(root: &str) -> EventKind {
    match root {
        "01" | "12" | "13" => EventKind::Statement,
        "02" | "10" => EventKind::Request,
        "03" | "05" | "06" => EventKind::Agreement,
        "04" => EventKind::Visit,
        "07" => EventKind::Aid,
        "08" => EventKind::Withdrawal,
        "09" => EventKind::Investigation,
        "11" => EventKind::Accusation,
        "14" => EventKind::Protest,
        "15" => EventKind::Deployment,
        "16" | "17" => EventKind::Sanctions,
        "18" => EventKind::Violence,
        "19" => EventKind::MilitaryOperation,
        "20" => EventKind::Atrocity,
        other => EventKind::Other(format!("CAMEO {other}")),
    }
}

/// An actor's kind from its CAMEO type code (a country code alone is a state).
fn actor_kind(code: &str, kind: &str) -> ActorKind {
    match kind {
        "GOV" => ActorKind::Government,
        "MIL" | "COP" | "SPY" => ActorKind::ArmedForces,
        "REB" | "INS" | "SEP" | "UAF" => ActorKind::ArmedGroup,
        "IGO" => ActorKind::InternationalOrganisation,
        "NGO" | "NGM" => ActorKind::Ngo,
        "MED" | "JRN" => ActorKind::MediaOutlet,
        "CVL" | "REF" | "LAB" | "EDU" | "HLH" | "AGR" | "ELI" => ActorKind::Population,
        "" if code.len() == 3 => ActorKind::State,
        "" => ActorKind::Other("actor".to_owned()),
        other => ActorKind::Other(format!("CAMEO {other}")),
    }
}

pub fn read(table: Table<'_>, file: &str, progress: &Progress) -> Result<Imported, String> {
    recognise(&table)?;
    let text = table.text;
    let mut b = Builder::default();
    let mut generations = std::collections::BTreeSet::new();
    // No header: the first row is data.
    let problems = read_rows(&table, 0, Some(ID), progress, &mut b, &mut |b, record| {
        Row::Read(match layout(record.cells.len()) {
            Some(l) => {
                generations.insert(l.generation);
                row(b, l, record, text)
            }
            None => Err((
                None,
                format!("{} columns, not 57, 58 or 61", record.cells.len()),
            )),
        })
    });
    let notes = format!(
        "GDELT event file ({}), imported by Actorscope: {} rows, {} events. GDELT keeps no narrative: each event's evidence is its whole row, and the article it was coded from is in its summary.",
        generations.into_iter().collect::<Vec<_>>().join(", "),
        b.rows,
        b.events()
    );
    Ok(b.finish(&table, file, Format::Gdelt, Some("GDELT"), notes, problems))
}

fn row(b: &mut Builder, l: Layout, record: &Record, text: &str) -> Result<(), Refusal> {
    let get = |i: usize| record.get(text, i);
    let id = get(ID);
    let date = get(DATE);
    let day = yyyymmdd(&date).map_err(|why| (Some(DATE), why))?;
    let key = format!("gdelt-{id}");
    b.unused(&key).map_err(|why| (Some(ID), why))?;
    let (name1, name2) = (get(ACTOR1_NAME), get(ACTOR2_NAME));
    // GDELT names actors by country ("MALI" for Mali's army, its government and its
    // civilians alike): the CAMEO code tells them apart, so it is part of the name.
    let full = |name: &str, code: &str| {
        if code.len() > 3 {
            format!("{name} ({code})")
        } else {
            name.to_owned()
        }
    };
    let (full1, full2) = (
        full(&name1, &get(ACTOR1_CODE)),
        full(&name2, &get(ACTOR2_CODE)),
    );
    let mut actors = Vec::new();
    for (name, code, kind) in [
        (&full1, get(ACTOR1_CODE), get(ACTOR1_TYPE)),
        (&full2, get(ACTOR2_CODE), get(ACTOR2_TYPE)),
    ] {
        if !name.is_empty() {
            actors.push(b.actor(name, || actor_kind(&code, &kind)));
        }
    }
    if actors.is_empty() {
        return Err((
            Some(ACTOR1_NAME),
            "names neither Actor1 nor Actor2".to_owned(),
        ));
    }
    let participants = match actors[..] {
        [a, t] if a != t && !name1.is_empty() => vec![(a, Role::Initiator), (t, Role::Target)],
        [a, _] => vec![(a, Role::Initiator)],
        [a] if name1.is_empty() => vec![(a, Role::Target)],
        _ => vec![(actors[0], Role::Initiator)],
    };
    let (code, root) = (get(EVENT_CODE), get(ROOT_CODE));
    let label = root_label(&root).unwrap_or("Unknown CAMEO code");
    let quad = get(QUAD_CLASS);
    if let [(a, Role::Initiator), (t, Role::Target)] = participants[..] {
        let relation = match quad.as_ref() {
            "1" | "2" => Some(RelationKind::Cooperation),
            "3" => Some(RelationKind::Criticism),
            "4" => Some(RelationKind::Hostility),
            _ => None,
        };
        if let Some(kind) = relation {
            b.relate(a, t, kind, true);
        }
    }
    let mut facts = vec![
        format!("GDELT {id}"),
        format!("CAMEO {code} ({label})"),
        format!("quad class {quad}"),
        format!("Goldstein {}", get(GOLDSTEIN)),
        format!("{} articles", get(ARTICLES)),
    ];
    let (lat, lon) = (get(l.latitude), get(l.longitude));
    if !lat.is_empty() && !lon.is_empty() {
        facts.push(format!("at {lat}, {lon}"));
    }
    if let Some(url) = l.url.map(get).filter(|u| !u.is_empty()) {
        facts.push(format!("source: {url}"));
    }
    let title = match (name1.is_empty(), name2.is_empty()) {
        (false, false) => format!("{label}: {full1} → {full2}"),
        (false, true) => format!("{label}: {full1}"),
        _ => format!("{label}: {full2}"),
    };
    b.push(
        record.line,
        text,
        NewEvent {
            key,
            title,
            summary: facts.join(" · "),
            date: iso_day(day),
            end: None,
            last_day: day,
            kind: event_kind(&root),
            place: get(l.place).into_owned(),
            participants,
            span: trimmed(text, record.span.clone()),
            record: record.span.clone(),
        },
    )
}

fn yyyymmdd(cell: &str) -> Result<i32, String> {
    let bad = || format!("SQLDATE {cell:?} is not a YYYYMMDD date");
    if cell.len() != 8 || !cell.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (y, m, d) = (
        cell[..4].parse::<i32>().map_err(|_| bad())?,
        cell[4..6].parse::<u8>().map_err(|_| bad())?,
        cell[6..].parse::<u8>().map_err(|_| bad())?,
    );
    if !(1..=12).contains(&m) || !(1..=days_in_month(y, m)).contains(&d) || y < 1000 {
        return Err(bad());
    }
    Ok(days_from_civil(y, m, d))
}
