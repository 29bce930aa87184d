//! FollowTheMoney entities, one JSON object per line, as Aleph and the OpenSanctions tools
//! write them: `{"id", "schema", "properties": {"name": [...], ...}}`, every property a list
//! of strings.
//!
//! `Event` entities become events (`startDate`/`endDate`/`date`, `summary`, `name`,
//! `organizer`, `involved`, `location`, `sourceUrl`); the entities they reference — `Person`,
//! `Organization`, `Company`, `LegalEntity`, `PublicBody` — become actors. An event's evidence
//! is its `summary` value as written in the file, else its `name`, else its whole line.

use std::collections::HashMap;
use std::ops::Range;

use super::build::{Builder, NewEvent, trimmed};
use super::jsontree::{self, Node};
use super::{Format, Imported, RowProblems, Table};
use crate::io::Progress;
use crate::model::date::{days_from_civil, days_in_month};
use crate::model::{ActorKind, EventKind, RelationKind, Role};

/// The schemas taken as actors, with their kinds.
fn actor_kind(schema: &str) -> Option<ActorKind> {
    Some(match schema {
        "Person" => ActorKind::Person,
        "PublicBody" => ActorKind::Government,
        "Organization" | "LegalEntity" => ActorKind::Other("organization".to_owned()),
        "Company" => ActorKind::Other("company".to_owned()),
        _ => return None,
    })
}

/// The interval schemas read as relations: the property naming each end, and the kind.
fn interval(schema: &str) -> Option<(&'static str, &'static str, RelationKind)> {
    Some(match schema {
        "Membership" => ("member", "organization", RelationKind::Membership),
        "Employment" => ("employee", "employer", RelationKind::Membership),
        "Directorship" => ("director", "organization", RelationKind::Command),
        "Ownership" => ("owner", "asset", RelationKind::Ownership),
        _ => return None,
    })
}

/// Whether the first line of a text is a FollowTheMoney entity (else why not).
pub fn recognise(text: &str) -> Result<(), String> {
    let (first, _) = jsontree::parse_at(text, 0).map_err(|e| e.message)?;
    if first.get("schema").and_then(Node::as_str).is_none() {
        return Err("no \"schema\" in the first entity".to_owned());
    }
    if first.get("properties").is_none() {
        return Err("no \"properties\" in the first entity".to_owned());
    }
    Ok(())
}

/// One entity line.
struct Entity {
    line: usize,
    span: Range<usize>,
    node: Node,
}

impl Entity {
    fn schema(&self) -> &str {
        self.node.get("schema").and_then(Node::as_str).unwrap_or("")
    }

    fn id(&self) -> &str {
        self.node.get("id").and_then(Node::as_str).unwrap_or("")
    }

    /// The values of a property (each a string node, with its span).
    fn values(&self, property: &str) -> &[Node] {
        self.node
            .get("properties")
            .and_then(|p| p.get(property))
            .and_then(Node::as_array)
            .unwrap_or(&[])
    }

    fn first(&self, property: &str) -> Option<&Node> {
        self.values(property)
            .iter()
            .find(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()))
    }
}

/// An ISO date prefix (`2021`, `2021-12`, `2021-12-24`, with a time or not): the text to
/// keep, and its first and last day.
fn date(value: &str) -> Result<(String, i32, i32), String> {
    let day_part = value.trim().split('T').next().unwrap_or("");
    let parts: Vec<&str> = day_part.split('-').collect();
    let number = |s: &str| {
        s.parse::<i32>()
            .map_err(|_| format!("{value:?} is not a date"))
    };
    let year = number(parts[0])?;
    if !(1000..=9999).contains(&year) || parts[0].len() != 4 {
        return Err(format!("{value:?} is not a date (a four-digit year first)"));
    }
    match parts[1..] {
        [] => Ok((
            format!("{year:04}"),
            days_from_civil(year, 1, 1),
            days_from_civil(year, 12, 31),
        )),
        [m] => {
            let m = number(m)?;
            if !(1..=12).contains(&m) {
                return Err(format!("{value:?} has no month {m}"));
            }
            let m = m as u8;
            Ok((
                format!("{year:04}-{m:02}"),
                days_from_civil(year, m, 1),
                days_from_civil(year, m, days_in_month(year, m)),
            ))
        }
        [m, d] => {
            let (m, d) = (number(m)?, number(d)?);
            if !(1..=12).contains(&m) || !(1..=i32::from(days_in_month(year, m as u8))).contains(&d)
            {
                return Err(format!("{value:?} is not a date"));
            }
            let day = days_from_civil(year, m as u8, d as u8);
            Ok((format!("{year:04}-{m:02}-{d:02}"), day, day))
        }
        _ => Err(format!("{value:?} is not a date")),
    }
}

pub fn read(table: Table<'_>, file: &str, progress: &Progress) -> Result<Imported, String> {
    recognise(table.text)?;
    let text = table.text;
    let mut problems = RowProblems::new(table.name, text);
    // Every line first: events may come before the entities they name.
    let mut entities = Vec::new();
    let mut line_start = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let span = line_start..line_start + line.len();
        line_start = span.end;
        if n % super::PROGRESS_EVERY == 0 {
            progress.set(span.start as u64, text.len() as u64, n as u64);
            if progress.is_cancelled() {
                break;
            }
        }
        if line.trim().is_empty() {
            continue;
        }
        match jsontree::parse_at(text, span.start) {
            Ok((node, end)) if text[end..span.end].trim().is_empty() => entities.push(Entity {
                line: n + 1,
                span: trimmed(text, span),
                node,
            }),
            Ok((_, end)) => problems.refuse(
                end,
                n + 1,
                None,
                "text after the entity on its line".to_owned(),
            ),
            Err(err) => {
                // Where the parser gave up, if that is on the line; else the line's start.
                let at = if err.offset < span.end {
                    err.offset
                } else {
                    span.start
                };
                problems.refuse(
                    at,
                    n + 1,
                    None,
                    format!("not JSON: expected {}", err.message),
                );
            }
        }
    }
    let mut b = Builder::default();
    let names: HashMap<&str, (&Entity, ActorKind)> = entities
        .iter()
        .filter_map(|e| Some((e.id(), (e, actor_kind(e.schema())?))))
        .collect();
    let mut others = 0;
    for entity in &entities {
        if entity.schema() != "Event" {
            if actor_kind(entity.schema()).is_none() && interval(entity.schema()).is_none() {
                others += 1;
            }
            continue;
        }
        b.rows += 1;
        let id = entity.id().to_owned();
        let refuse = |problems: &mut RowProblems, at: usize, why: String| {
            problems.refuse(at, entity.line, Some(&id), why);
        };
        if id.is_empty() {
            refuse(
                &mut problems,
                entity.span.start,
                "the event has no \"id\"".to_owned(),
            );
            continue;
        }
        if let Err(why) = b.unused(&id) {
            refuse(&mut problems, entity.span.start, why);
            continue;
        }
        let start = entity.first("startDate").or_else(|| entity.first("date"));
        let Some(start) = start else {
            refuse(
                &mut problems,
                entity.span.start,
                "the event has no startDate or date".to_owned(),
            );
            continue;
        };
        let (date_text, first, last) = match date(start.as_str().unwrap_or("")) {
            Ok(d) => d,
            Err(why) => {
                refuse(&mut problems, start.span.start, why);
                continue;
            }
        };
        let (end, last) = match entity.first("endDate") {
            None => (None, last),
            Some(end) => match date(end.as_str().unwrap_or("")) {
                Ok((text, _, end_last)) if end_last >= first => (Some(text), end_last),
                Ok(_) => {
                    refuse(
                        &mut problems,
                        end.span.start,
                        "the end comes before the start".to_owned(),
                    );
                    continue;
                }
                Err(why) => {
                    refuse(&mut problems, end.span.start, why);
                    continue;
                }
            },
        };
        // The actors it names, organisers first; a reference to no entity in the file is
        // reported, never made up.
        let mut participants: Vec<(usize, Role)> = Vec::new();
        let mut missing = Vec::new();
        for (property, role) in [
            ("organizer", Role::Initiator),
            ("involved", Role::Participant),
        ] {
            for value in entity.values(property) {
                let Some(reference) = value.as_str() else {
                    continue;
                };
                match names.get(reference) {
                    Some((target, kind)) => {
                        let name = target
                            .first("name")
                            .and_then(Node::as_str)
                            .unwrap_or(reference)
                            .trim()
                            .to_owned();
                        let a = b.actor(&name, || kind.clone());
                        if !participants.iter().any(|&(p, _)| p == a) {
                            participants.push((a, role.clone()));
                        }
                    }
                    None => missing.push(reference.to_owned()),
                }
            }
        }
        if !missing.is_empty() {
            refuse(
                &mut problems,
                entity.span.start,
                format!(
                    "names entities that are not in the file: {}",
                    missing.join(", ")
                ),
            );
            continue;
        }
        if participants.is_empty() {
            refuse(
                &mut problems,
                entity.span.start,
                "the event names no organizer or involved entity".to_owned(),
            );
            continue;
        }
        let words = ["summary", "name"]
            .iter()
            .filter_map(|p| entity.first(p))
            .map(|v| trimmed(text, v.span.clone()))
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| entity.span.clone());
        let name = entity
            .first("name")
            .and_then(Node::as_str)
            .unwrap_or("")
            .trim()
            .to_owned();
        let summary = entity
            .first("summary")
            .and_then(Node::as_str)
            .unwrap_or("")
            .trim()
            .to_owned();
        let mut facts = vec![format!("FollowTheMoney {id}")];
        for (property, label) in [
            ("location", "at"),
            ("country", "country"),
            ("sourceUrl", "source"),
        ] {
            let values: Vec<&str> = entity
                .values(property)
                .iter()
                .filter_map(Node::as_str)
                .collect();
            if !values.is_empty() {
                facts.push(format!("{label}: {}", values.join(", ")));
            }
        }
        let place = entity
            .values("location")
            .iter()
            .filter_map(Node::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        let pushed = b.push(
            entity.line,
            text,
            NewEvent {
                key: id.clone(),
                title: if name.is_empty() {
                    summary.chars().take(80).collect()
                } else {
                    name
                },
                summary: if summary.is_empty() {
                    facts.join(" · ")
                } else {
                    format!("{summary} ({})", facts.join(" · "))
                },
                date: date_text,
                end,
                last_day: last,
                kind: EventKind::Other("event".to_owned()),
                place,
                participants,
                span: words,
                record: entity.span.clone(),
            },
        );
        if let Err((_, why)) = pushed {
            refuse(&mut problems, entity.span.start, why);
        }
    }
    // Interval entities between two named entities: relations, backed by their own words.
    for entity in &entities {
        let Some((from, to, kind)) = interval(entity.schema()) else {
            continue;
        };
        let id = entity.id().to_owned();
        let mut ends = Vec::new();
        let mut missing = Vec::new();
        for property in [from, to] {
            let reference = entity.first(property).and_then(Node::as_str).unwrap_or("");
            match names.get(reference) {
                Some((target, actor)) => {
                    let name = target
                        .first("name")
                        .and_then(Node::as_str)
                        .unwrap_or(reference)
                        .trim()
                        .to_owned();
                    ends.push(b.actor(&name, || actor.clone()));
                }
                None => missing.push(format!("{property} {reference:?}")),
            }
        }
        if !missing.is_empty() {
            problems.refuse(
                entity.span.start,
                entity.line,
                Some(&id),
                format!(
                    "the {} names entities that are not in the file: {}",
                    entity.schema(),
                    missing.join(", ")
                ),
            );
            continue;
        }
        let words = ["summary", "description", "role"]
            .iter()
            .filter_map(|p| entity.first(p))
            .map(|v| trimmed(text, v.span.clone()))
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| entity.span.clone());
        if let Err(why) = b.relate_by_words((ends[0], ends[1]), kind, true, text, words) {
            problems.refuse(entity.span.start, entity.line, Some(&id), why);
        }
    }
    let notes = format!(
        "FollowTheMoney entities, imported by Actorscope: {} events and {} relations (memberships, directorships, ownerships, employments) among {} lines; the people and organisations they name are actors{}. Each event's evidence is its summary (else its name) as written in this file, each relation's its summary, description or role, else its line.",
        b.rows,
        b.relations(),
        entities.len(),
        if others > 0 {
            format!("; {others} entities of other schemas are not read")
        } else {
            String::new()
        },
    );
    Ok(b.finish(
        &table,
        file,
        Format::FollowTheMoney,
        Some("FollowTheMoney"),
        notes,
        problems,
    ))
}
