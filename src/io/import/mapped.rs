//! Any other table of events, read through a column mapping: which column holds the date (and
//! in which order its parts come), the actors, the words, the kind, the place and the
//! coordinates. The mapping is a small RON file an analyst writes once per kind of sheet:
//!
//! ```ron
//! Mapping(
//!     date: "Date",
//!     date_order: DayMonthYear,
//!     actors: ["Perpetrator", "Target"],
//!     text: Some("Description"),
//! )
//! ```
//!
//! The first actor column initiates, the others are targets (or all take part, with
//! `roles: Participants`). Each event's evidence is its `text` cell, else its `title` cell, else
//! the whole row — a verbatim span of the file, as for every import.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::build::{Builder, NewEvent, Refusal, trimmed};
use super::csv::Record;
use super::rows::{Row, read_rows};
use super::{Format, Imported, Table};
use crate::io::Progress;
use crate::model::date::{days_from_civil, days_in_month};
use crate::model::{ActorKind, EventKind, Kind as _, RelationKind, Role};

/// How the parts of a date come in the date column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateOrder {
    /// `2021-12-24`, `2021-12`, `2021` (ISO, as precise as written).
    #[default]
    YearMonthDay,
    /// `24/12/2021`, `24-12-2021`, `24 December 2021`.
    DayMonthYear,
    /// `12/24/2021`, `December 24, 2021`.
    MonthDayYear,
}

/// How the actor columns take part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Roles {
    /// The first column initiates; the others are targets.
    #[default]
    InitiatorThenTargets,
    /// All take part alike.
    Participants,
}

/// Which columns mean what, by their header (compared without case).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Mapping", deny_unknown_fields)]
pub struct Mapping {
    pub date: String,
    #[serde(default)]
    pub date_order: DateOrder,
    #[serde(default)]
    pub end_date: Option<String>,
    pub actors: Vec<String>,
    #[serde(default)]
    pub roles: Roles,
    /// What several actors in one cell are separated by (`;`), if they are.
    #[serde(default)]
    pub actor_separator: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// Its values become event kinds: the app's codes (`violence`, `protest`, …) or, when
    /// unknown, kinds of their own.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub latitude: Option<String>,
    #[serde(default)]
    pub longitude: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    /// The outlet or source a row names, kept in its summary.
    #[serde(default)]
    pub source: Option<String>,
}

impl Mapping {
    /// Reads a mapping file's text; the error names the line and column.
    pub fn parse(text: &str) -> Result<Self, String> {
        ron::from_str(text).map_err(|err| {
            format!(
                "{}:{}: {}",
                err.span.start.line, err.span.start.col, err.code
            )
        })
    }

    /// Reads a mapping file, or says why not (its path, line and column).
    pub fn read_file(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| format!("{}: cannot read the mapping: {err}", path.display()))?;
        Self::parse(&text).map_err(|why| format!("{}:{why}", path.display()))
    }

    /// The mapping as a file's text (what [`Mapping::parse`] reads back).
    pub fn to_text(&self) -> String {
        let config = ron::ser::PrettyConfig::default().struct_names(true);
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }

    /// Writes the mapping to `path` through a temporary file, so a mapping already there is
    /// never left half written.
    pub fn write_file(&self, path: &Path) -> Result<(), String> {
        crate::io::atomic::write(path, self.to_text().as_bytes())
            .map_err(|err| format!("{}: the mapping was not saved: {err}", path.display()))
    }
}

/// Where the column mapping of a table is kept: beside it, named after it
/// (`events.csv` → `events.mapping.ron`). Opening the table reads it.
pub fn beside(table: &Path) -> PathBuf {
    let mut name = table
        .file_stem()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".mapping.ron");
    table.with_file_name(name)
}

#[derive(Clone, Debug)]
struct Columns {
    date: usize,
    end_date: Option<usize>,
    actors: Vec<usize>,
    text: Option<usize>,
    title: Option<usize>,
    kind: Option<usize>,
    place: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    id: Option<usize>,
    source: Option<usize>,
}

fn columns(m: &Mapping, header: &[String]) -> Result<Columns, String> {
    let find = |name: &str| {
        let wanted = super::acled::normalise_header(name);
        header
            .iter()
            .position(|h| *h == wanted)
            .ok_or_else(|| format!("the mapping names a column {name:?} the file does not have"))
    };
    let optional = |name: &Option<String>| name.as_deref().map(find).transpose();
    if m.actors.is_empty() {
        return Err("the mapping names no actor column".to_owned());
    }
    Ok(Columns {
        date: find(&m.date)?,
        end_date: optional(&m.end_date)?,
        actors: m.actors.iter().map(|a| find(a)).collect::<Result<_, _>>()?,
        text: optional(&m.text)?,
        title: optional(&m.title)?,
        kind: optional(&m.kind)?,
        place: optional(&m.place)?,
        latitude: optional(&m.latitude)?,
        longitude: optional(&m.longitude)?,
        id: optional(&m.id)?,
        source: optional(&m.source)?,
    })
}

/// A date in `order`, as precise as written: its text, first and last day.
pub fn parse_date(cell: &str, order: DateOrder) -> Result<(String, i32, i32), String> {
    let cell = cell.trim();
    let day_part = cell.split(['T', ' ']).next().unwrap_or("");
    let iso_like = day_part.len() >= 4
        && day_part.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && day_part.as_bytes().get(4).is_none_or(|&b| b == b'-');
    if order == DateOrder::YearMonthDay || iso_like {
        // ISO prefixes: a year, a month or a day.
        let parts: Vec<&str> = day_part.split('-').collect();
        let n = |s: &str| {
            s.parse::<i32>()
                .map_err(|_| format!("{cell:?} is not a date"))
        };
        let year = n(parts[0])?;
        if parts[0].len() == 4 && (1000..=9999).contains(&year) {
            return match parts[1..] {
                [] => Ok((
                    format!("{year:04}"),
                    days_from_civil(year, 1, 1),
                    days_from_civil(year, 12, 31),
                )),
                [m] if (1..=12).contains(&n(m)?) => {
                    let m = n(m)? as u8;
                    Ok((
                        format!("{year:04}-{m:02}"),
                        days_from_civil(year, m, 1),
                        days_from_civil(year, m, days_in_month(year, m)),
                    ))
                }
                [m, d] => {
                    let (m, d) = (n(m)?, n(d)?);
                    if !(1..=12).contains(&m)
                        || !(1..=i32::from(days_in_month(year, m as u8))).contains(&d)
                    {
                        return Err(format!("{cell:?} is not a date"));
                    }
                    let day = days_from_civil(year, m as u8, d as u8);
                    Ok((format!("{year:04}-{m:02}-{d:02}"), day, day))
                }
                _ => Err(format!("{cell:?} is not a date")),
            };
        }
        if order == DateOrder::YearMonthDay {
            return Err(format!("{cell:?} is not a YYYY-MM-DD date"));
        }
    }
    let text = match order {
        // `12/24/2021` → `24/12/2021`; `December 24, 2021` → `24 December 2021`.
        DateOrder::MonthDayYear => {
            let parts: Vec<&str> = cell
                .split(['/', '-', ' ', ',', '.'])
                .filter(|p| !p.is_empty())
                .collect();
            match parts[..] {
                [m, d, y] => format!("{d} {m} {y}"),
                _ => return Err(format!("{cell:?} is not a month, a day and a year")),
            }
        }
        _ => cell.to_owned(),
    };
    let day = super::acled::parse_date(&text).map_err(|why| format!("{cell:?}: {why}"))?;
    Ok((crate::model::date::iso_day(day), day, day))
}

/// Reads `table` through `mapping`.
pub fn read(
    table: Table<'_>,
    mapping: &Mapping,
    file: &str,
    progress: &Progress,
) -> Result<Imported, String> {
    let cols = columns(mapping, &table.header)?;
    let text = table.text;
    let mut b = Builder::default();
    let problems = read_rows(&table, 1, cols.id, progress, &mut b, &mut |b, record| {
        Row::Read(row(b, mapping, &cols, record, text))
    });
    let notes = format!(
        "A table read through a column mapping, imported by Actorscope: {} data rows, {} events. Each event's evidence is its {} cell, else the whole row, a span of this file.",
        b.rows,
        b.events(),
        mapping
            .text
            .as_deref()
            .or(mapping.title.as_deref())
            .unwrap_or("row's")
    );
    Ok(b.finish(&table, file, Format::Mapped, None, notes, problems))
}

fn row(
    b: &mut Builder,
    m: &Mapping,
    cols: &Columns,
    record: &Record,
    text: &str,
) -> Result<(), Refusal> {
    let get = |i: Option<usize>| i.map_or(Cow::Borrowed(""), |i| record.get(text, i));
    let (date, first, last) =
        parse_date(&get(Some(cols.date)), m.date_order).map_err(|why| (Some(cols.date), why))?;
    let (end, last) = match get(cols.end_date) {
        e if e.is_empty() => (None, last),
        e => {
            let (end, _, end_last) =
                parse_date(&e, m.date_order).map_err(|why| (cols.end_date, why))?;
            if end_last < first {
                return Err((cols.end_date, "the end comes before the start".to_owned()));
            }
            (Some(end), end_last)
        }
    };
    let key = match get(cols.id) {
        id if id.is_empty() => format!("row-{}", record.line),
        id => id.into_owned(),
    };
    b.unused(&key).map_err(|why| (cols.id, why))?;
    let mut participants: Vec<(usize, Role)> = Vec::new();
    let mut names = Vec::new();
    for (n, &column) in cols.actors.iter().enumerate() {
        let cell = get(Some(column));
        let values: Vec<&str> = match &m.actor_separator {
            Some(sep) if !sep.is_empty() => cell.split(sep.as_str()).map(str::trim).collect(),
            _ => vec![cell.trim()],
        };
        for name in values.into_iter().filter(|v| !v.is_empty()) {
            let a = b.actor(name, || ActorKind::Other("actor".to_owned()));
            if participants.iter().any(|&(p, _)| p == a) {
                continue;
            }
            let role = match (m.roles, n) {
                (Roles::Participants, _) => Role::Participant,
                (Roles::InitiatorThenTargets, 0) => Role::Initiator,
                (Roles::InitiatorThenTargets, _) => Role::Target,
            };
            participants.push((a, role));
            names.push(name.to_owned());
        }
    }
    if participants.is_empty() {
        return Err((cols.actors.first().copied(), "no actor is named".to_owned()));
    }
    let span = [cols.text, cols.title]
        .into_iter()
        .flatten()
        .filter_map(|i| record.cells.get(i))
        .map(|c| trimmed(text, c.span.clone()))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| trimmed(text, record.span.clone()));
    let kind_cell = get(cols.kind);
    let kind = if kind_cell.is_empty() {
        EventKind::Other("event".to_owned())
    } else {
        EventKind::from_code(&kind_cell.to_lowercase().replace([' ', '-'], "_"))
    };
    let title = match get(cols.title) {
        t if !t.is_empty() => t.into_owned(),
        _ if !kind_cell.is_empty() => format!("{kind_cell}: {}", names.join(" / ")),
        _ => names.join(" / "),
    };
    // Who acted on whom, when the kind says it: violence is a hostility from the initiator
    // to each target, an agreement a cooperation.
    let relation = match kind {
        EventKind::Violence | EventKind::MilitaryOperation | EventKind::Atrocity => {
            Some((RelationKind::Hostility, true))
        }
        EventKind::Agreement => Some((RelationKind::Cooperation, false)),
        _ => None,
    };
    if let (Some((relation, directed)), Some(&(initiator, Role::Initiator))) =
        (relation, participants.first())
    {
        for &(target, _) in &participants[1..] {
            b.relate(initiator, target, relation.clone(), directed);
        }
    }
    let mut facts = vec![format!("row {key}")];
    let (lat, lon) = (get(cols.latitude), get(cols.longitude));
    if !lat.is_empty() && !lon.is_empty() {
        facts.push(format!("at {lat}, {lon}"));
    }
    let source = get(cols.source);
    if !source.is_empty() {
        facts.push(format!("source: {source}"));
    }
    b.push(
        record.line,
        text,
        NewEvent {
            key,
            title,
            summary: facts.join(" · "),
            date,
            end,
            last_day: last,
            kind,
            place: get(cols.place).into_owned(),
            participants,
            span,
            record: record.span.clone(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_each_order_as_precise_as_written() {
        let iso = |c| parse_date(c, DateOrder::YearMonthDay).map(|d| d.0);
        assert_eq!(iso("2021").unwrap(), "2021");
        assert_eq!(iso("2021-12").unwrap(), "2021-12");
        assert_eq!(iso("2021-12-24T10:00:00").unwrap(), "2021-12-24");
        assert!(iso("24/12/2021").is_err());
        let dmy = |c| parse_date(c, DateOrder::DayMonthYear).map(|d| d.0);
        assert_eq!(dmy("24/12/2021").unwrap(), "2021-12-24");
        assert_eq!(dmy("24 December 2021").unwrap(), "2021-12-24");
        assert_eq!(
            dmy("2021-12").unwrap(),
            "2021-12",
            "ISO is ISO in any order"
        );
        let mdy = |c| parse_date(c, DateOrder::MonthDayYear).map(|d| d.0);
        assert_eq!(mdy("12/24/2021").unwrap(), "2021-12-24");
        assert_eq!(mdy("December 24, 2021").unwrap(), "2021-12-24");
        assert!(mdy("24/12/2021").is_err());
    }

    #[test]
    fn a_mapping_file_reads_and_its_errors_have_a_place() {
        let m = Mapping::parse(
            "Mapping(date: \"When\", date_order: DayMonthYear, actors: [\"Who\", \"Whom\"], text: Some(\"What\"))",
        )
        .unwrap();
        assert_eq!(m.actors, ["Who", "Whom"]);
        assert_eq!(m.date_order, DateOrder::DayMonthYear);
        let err = Mapping::parse("Mapping(date: \"When\", actorz: [])").unwrap_err();
        assert!(err.starts_with("1:"), "{err}");
    }
}
