//! TimelineJS timelines, as journalists make them: the Google Sheets template exported as
//! CSV (`Year, Month, Day, Time, End Year, …, Headline, Text, …, Type, Group`) and the JSON
//! the library reads (`events[].start_date{year,month,day}`, `text{headline,text}`, `group`).
//!
//! A timeline names no actors: each group becomes one (an entry without a group belongs to
//! the timeline itself). Each entry's evidence is its text (inside any enclosing HTML tags),
//! else its headline, else the whole row or object — a verbatim span of the file; HTML is
//! made plain text for titles and summaries only.

use std::borrow::Cow;
use std::ops::Range;

use super::build::{Builder, NewEvent, Refusal, trimmed};
use super::jsontree::Node;
use super::rows::{Row, read_rows};
use super::{Format, Imported, RowProblems, Table};
use crate::io::Progress;
use crate::model::date::{days_from_civil, days_in_month};
use crate::model::{ActorKind, EventKind, Role};

/// The CSV columns read.
#[derive(Clone, Copy, Debug)]
struct Columns {
    year: usize,
    month: Option<usize>,
    day: Option<usize>,
    end_year: Option<usize>,
    end_month: Option<usize>,
    end_day: Option<usize>,
    headline: usize,
    text: usize,
    kind: Option<usize>,
    group: Option<usize>,
}

fn columns(header: &[String]) -> Result<Columns, String> {
    let find = |name: &str| header.iter().position(|h| h == name);
    Ok(Columns {
        year: find("year").ok_or("no Year column")?,
        month: find("month"),
        day: find("day"),
        end_year: find("end_year"),
        end_month: find("end_month"),
        end_day: find("end_day"),
        headline: find("headline").ok_or("no Headline column")?,
        text: find("text").ok_or("no Text column")?,
        kind: find("type"),
        group: find("group"),
    })
}

pub fn recognise(table: &Table<'_>) -> Result<(), String> {
    columns(&table.header).map(|_| ())
}

/// Whether a JSON document is a TimelineJS timeline (else why not).
pub fn recognise_json(root: &Node) -> Result<(), String> {
    let events = root
        .get("events")
        .and_then(Node::as_array)
        .ok_or("no \"events\" array")?;
    if events.iter().any(|e| e.get("start_date").is_none()) {
        return Err("an event without \"start_date\"".to_owned());
    }
    Ok(())
}

/// The date of an entry: a year, with a month and a day when given (that precise, no more).
fn date(year: &str, month: &str, day: &str) -> Result<(String, i32, i32), String> {
    let year_n: i32 = year
        .trim()
        .parse()
        .map_err(|_| format!("year {year:?} is not a number"))?;
    if !(1000..=9999).contains(&year_n) {
        return Err(format!("year {year_n} is out of range (1000–9999)"));
    }
    let number = |s: &str, what: &str| -> Result<Option<u8>, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        s.parse::<u8>()
            .map(Some)
            .map_err(|_| format!("{what} {s:?} is not a number"))
    };
    match (number(month, "month")?, number(day, "day")?) {
        (None, None) => Ok((
            format!("{year_n:04}"),
            days_from_civil(year_n, 1, 1),
            days_from_civil(year_n, 12, 31),
        )),
        (Some(m), None) if (1..=12).contains(&m) => Ok((
            format!("{year_n:04}-{m:02}"),
            days_from_civil(year_n, m, 1),
            days_from_civil(year_n, m, days_in_month(year_n, m)),
        )),
        (Some(m), Some(d))
            if (1..=12).contains(&m) && (1..=days_in_month(year_n, m)).contains(&d) =>
        {
            let day = days_from_civil(year_n, m, d);
            Ok((format!("{year_n:04}-{m:02}-{d:02}"), day, day))
        }
        (None, Some(_)) => Err("a day without a month".to_owned()),
        (Some(m), _) => Err(format!("there is no such date: {year_n}-{m}-{day}")),
    }
}

/// HTML as plain text: tags dropped (a block — paragraph, line break, list item, heading —
/// becomes a space), the common entities decoded, whitespace collapsed.
pub fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        match rest[lt..].find('>') {
            Some(gt) => {
                let name: String = rest[lt + 1..lt + gt]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                let block = matches!(
                    name.as_str(),
                    "p" | "br"
                        | "div"
                        | "li"
                        | "ul"
                        | "ol"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "blockquote"
                        | "tr"
                        | "td"
                );
                if block {
                    out.push(' ');
                }
                rest = &rest[lt + gt + 1..];
            }
            None => {
                out.push_str(&rest[lt..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let out = out
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `span` of `text` without HTML tags (and whitespace) at its ends: `<p>words</p>` gives
/// the words, still verbatim.
fn inside_tags(text: &str, span: Range<usize>) -> Range<usize> {
    let mut span = trimmed(text, span);
    loop {
        let s = &text[span.clone()];
        if s.starts_with('<')
            && let Some(gt) = s.find('>')
        {
            span = trimmed(text, span.start + gt + 1..span.end);
            continue;
        }
        if s.ends_with('>')
            && let Some(lt) = s.rfind('<')
        {
            span = trimmed(text, span.start..span.start + lt);
            continue;
        }
        return span;
    }
}

/// One entry, whatever the file it came from.
struct Entry<'a> {
    line: usize,
    key: String,
    start: (Cow<'a, str>, Cow<'a, str>, Cow<'a, str>),
    end: (Cow<'a, str>, Cow<'a, str>, Cow<'a, str>),
    headline: Cow<'a, str>,
    html: Cow<'a, str>,
    group: Cow<'a, str>,
    /// The words: text, else headline, else the whole record.
    span: Range<usize>,
    /// The whole record: its row or its object.
    record: Range<usize>,
}

fn entry(b: &mut Builder, timeline: &str, text: &str, e: Entry<'_>) -> Result<(), Refusal> {
    b.unused(&e.key).map_err(|why| (None, why))?;
    let (date_text, first, last) =
        date(&e.start.0, &e.start.1, &e.start.2).map_err(|why| (Some(0), why))?;
    let (end, last) = if e.end.0.trim().is_empty() {
        (None, last)
    } else {
        let (end, _, end_last) =
            date(&e.end.0, &e.end.1, &e.end.2).map_err(|why| (Some(1), why))?;
        if end_last < first {
            return Err((Some(1), "the end comes before the start".to_owned()));
        }
        (Some(end), end_last)
    };
    let group = e.group.trim();
    let actor = if group.is_empty() {
        b.actor(timeline, || ActorKind::Other("timeline".to_owned()))
    } else {
        b.actor(group, || ActorKind::Other("timeline group".to_owned()))
    };
    let title = plain(&e.headline);
    let summary = plain(&e.html);
    b.push(
        e.line,
        text,
        NewEvent {
            title: if title.is_empty() {
                summary.chars().take(80).collect()
            } else {
                title
            },
            key: e.key,
            summary,
            date: date_text,
            end,
            last_day: last,
            kind: EventKind::Other("timeline entry".to_owned()),
            place: String::new(),
            participants: vec![(actor, Role::Participant)],
            span: e.span,
            record: e.record,
        },
    )
}

/// Reads a TimelineJS sheet exported as CSV.
pub fn read(table: Table<'_>, file: &str, progress: &Progress) -> Result<Imported, String> {
    let cols = columns(&table.header)?;
    let text = table.text;
    let mut b = Builder::default();
    // The entries first: the title slide that names the timeline may come anywhere.
    let mut rows = Vec::new();
    let mut title = None;
    let mut eras = 0;
    let mut problems = read_rows(&table, 1, None, progress, &mut b, &mut |_, record| {
        let kind = record.get(text, cols.kind.unwrap_or(usize::MAX));
        match kind.to_lowercase().as_str() {
            "title" => {
                title = Some(plain(&record.get(text, cols.headline)));
                Row::Skip
            }
            "era" => {
                eras += 1;
                Row::Skip
            }
            _ => {
                rows.push(record.clone());
                Row::Read(Ok(()))
            }
        }
    });
    let timeline = title
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("Timeline {file}"));
    for record in &rows {
        let get = |i: Option<usize>| i.map_or(Cow::Borrowed(""), |i| record.get(text, i));
        let words = [cols.text, cols.headline]
            .into_iter()
            .filter_map(|i| record.cells.get(i))
            .map(|c| inside_tags(text, c.span.clone()))
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| trimmed(text, record.span.clone()));
        let e = Entry {
            line: record.line,
            key: format!("row-{}", record.line),
            start: (get(Some(cols.year)), get(cols.month), get(cols.day)),
            end: (get(cols.end_year), get(cols.end_month), get(cols.end_day)),
            headline: get(Some(cols.headline)),
            html: get(Some(cols.text)),
            group: get(cols.group),
            span: words,
            record: trimmed(text, record.span.clone()),
        };
        if let Err((cell, reason)) = entry(&mut b, &timeline, text, e) {
            let column = match cell {
                Some(0) => Some(cols.year),
                Some(_) => cols.end_year,
                None => None,
            };
            let at = column
                .and_then(|c| record.cells.get(c))
                .map_or(record.span.start, |c| c.span.start);
            problems.refuse(at, record.line, None, reason);
        }
    }
    let notes = format!(
        "TimelineJS sheet, imported by Actorscope: {} entries{}{}. Each group is an actor; each entry's evidence is its text (inside enclosing HTML tags), else its headline, a span of this file.",
        b.rows,
        if eras > 0 {
            format!(", {eras} era(s) not taken as events")
        } else {
            String::new()
        },
        if title_given(&timeline, file) {
            ", its title slide naming the timeline"
        } else {
            ""
        },
    );
    Ok(b.finish(
        &table,
        file,
        Format::TimelineJs,
        Some("TimelineJS"),
        notes,
        problems,
    ))
}

fn title_given(timeline: &str, file: &str) -> bool {
    timeline != format!("Timeline {file}")
}

/// Reads a TimelineJS JSON timeline (already parsed into `root`).
pub fn read_json(
    table: Table<'_>,
    root: &Node,
    file: &str,
    progress: &Progress,
) -> Result<Imported, String> {
    recognise_json(root)?;
    let text = table.text;
    let mut problems = RowProblems::new(table.name, text);
    let mut b = Builder::default();
    let timeline = root
        .get("title")
        .and_then(|t| t.get("text"))
        .and_then(|t| t.get("headline"))
        .and_then(Node::as_str)
        .map(plain)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("Timeline {file}"));
    let events = root.get("events").and_then(Node::as_array).unwrap_or(&[]);
    let lines = crate::model::LineIndex::new(text);
    for (n, event) in events.iter().enumerate() {
        if n % super::PROGRESS_EVERY == 0 {
            progress.set(event.span.start as u64, text.len() as u64, n as u64);
            if progress.is_cancelled() {
                break;
            }
        }
        b.rows += 1;
        let part = |date: Option<&Node>, key: &str| -> Cow<'_, str> {
            Cow::Owned(
                date.and_then(|d| d.get(key))
                    .and_then(Node::text)
                    .unwrap_or_default(),
            )
        };
        let start = event.get("start_date");
        let end = event.get("end_date");
        let words_of = |n: Option<&Node>| {
            n.filter(|n| n.as_str().is_some())
                .map(|n| inside_tags(text, n.span.clone()))
        };
        let body = event.get("text");
        let span = words_of(body.and_then(|t| t.get("text")))
            .filter(|s| !s.is_empty())
            .or_else(|| words_of(body.and_then(|t| t.get("headline"))).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| event.span.clone());
        let line = lines.location(text, event.span.start).line;
        let key = event
            .get("unique_id")
            .and_then(Node::as_str)
            .filter(|id| !id.is_empty())
            .map_or_else(|| format!("event-{}", n + 1), str::to_owned);
        let e = Entry {
            line,
            key: key.clone(),
            start: (
                part(start, "year"),
                part(start, "month"),
                part(start, "day"),
            ),
            end: (part(end, "year"), part(end, "month"), part(end, "day")),
            headline: Cow::Owned(
                body.and_then(|t| t.get("headline"))
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_owned(),
            ),
            html: Cow::Owned(
                body.and_then(|t| t.get("text"))
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_owned(),
            ),
            group: Cow::Owned(
                event
                    .get("group")
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_owned(),
            ),
            span,
            record: event.span.clone(),
        };
        if let Err((cell, reason)) = entry(&mut b, &timeline, text, e) {
            let at = match cell {
                Some(0) => start.map_or(event.span.start, |s| s.span.start),
                Some(_) => end.map_or(event.span.start, |s| s.span.start),
                None => event.span.start,
            };
            problems.refuse(at, line, Some(&key), reason);
        }
    }
    let notes = format!(
        "TimelineJS JSON, imported by Actorscope: {} entries. Each group is an actor; each entry's evidence is its text (inside enclosing HTML tags), else its headline, a span of this file.",
        b.rows
    );
    Ok(b.finish(
        &table,
        file,
        Format::TimelineJs,
        Some("TimelineJS"),
        notes,
        problems,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text_and_evidence_stays_inside_the_tags() {
        assert_eq!(
            plain("<p>Troops <b>arrive</b> in&nbsp;Gao &amp; Timbuktu.</p><br/>"),
            "Troops arrive in Gao & Timbuktu."
        );
        let text = "x,\" <p>Troops <b>arrive</b>.</p> \",y";
        let span = inside_tags(text, 3..text.len() - 3);
        assert_eq!(&text[span], "Troops <b>arrive</b>.");
    }

    #[test]
    fn dates_are_as_precise_as_the_sheet_says() {
        assert_eq!(date("2021", "", "").unwrap().0, "2021");
        assert_eq!(date("2021", "12", "").unwrap().0, "2021-12");
        assert_eq!(date("2021", "12", "24").unwrap().0, "2021-12-24");
        assert!(date("2021", "", "24").is_err());
        assert!(date("2021", "2", "30").is_err());
        assert!(date("-500", "", "").is_err());
        assert!(date("MMXXI", "", "").is_err());
    }
}
