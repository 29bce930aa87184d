//! An imported event's source record, field by field — a table's row under its header, or a
//! JSON object's members — so that the analyst reads the record as the source wrote it, with
//! the field that is the event's evidence marked. Parsed on demand from the document's text
//! (one record, never the file).

use crate::model::text::{csv, jsontree};
use crate::model::{Dataset, EventId};

/// One field of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub value: String,
    /// This field holds the event's evidence (its words).
    pub words: bool,
}

/// The outlet `event`'s record names as its source: ACLED's `source`, UCDP's
/// `source_original`, GDELT's `SOURCEURL` (its last column), FollowTheMoney's `sourceUrl`, a
/// mapped table's outlet column — `None` when it names none.
pub fn outlet(dataset: &Dataset, event: EventId) -> Option<String> {
    const NAMES: [&str; 10] = [
        "source",
        "source_original",
        "sourceurl",
        "source_url",
        "outlet",
        "publisher",
        "reported by",
        "reported_by",
        "properties.sourceurl",
        "properties.publisher",
    ];
    let fields = fields(dataset, event)?;
    let named = fields
        .iter()
        .find(|f| !f.value.trim().is_empty() && NAMES.contains(&f.name.to_lowercase().trim()));
    // A table without a header (GDELT) ends with the article's address.
    let headless = || {
        fields
            .last()
            .filter(|f| f.name.starts_with("column ") && f.value.starts_with("http"))
    };
    named.or_else(headless).map(|f| f.value.trim().to_owned())
}

/// The fields of `event`'s record, if it was imported with one.
pub fn fields(dataset: &Dataset, event: EventId) -> Option<Vec<Field>> {
    let e = dataset.event(event);
    let span = e.record.clone()?;
    let evidence = e.evidence.first()?;
    let text = &dataset.document(evidence.doc).text;
    let raw = text.get(span.clone())?;
    let holds = |cell: std::ops::Range<usize>| {
        cell.start <= evidence.span.start && evidence.span.end <= cell.end && !cell.is_empty()
    };
    if raw.starts_with('{') {
        let node = jsontree::parse(raw).ok()?;
        let mut out = Vec::new();
        flatten(&node, "", raw, span.start, &holds, &mut out);
        return Some(out);
    }
    let delimiter = csv::sniff_delimiter(text);
    let mut reader = csv::Reader::new(text, delimiter);
    let mut header = csv::Record::default();
    reader.next_into(&mut header).ok()?;
    // A table without a header (GDELT) starts with data: its columns are numbered.
    let headed = header.span != span && header.get(text, 0).parse::<f64>().is_err();
    let mut record = csv::Record::default();
    csv::Reader::at(text, delimiter, span.start)
        .next_into(&mut record)
        .ok()?;
    Some(
        record
            .cells
            .iter()
            .enumerate()
            .map(|(i, cell)| Field {
                name: if headed {
                    header.get(text, i).into_owned()
                } else {
                    format!("column {}", i + 1)
                },
                value: cell.value(text).into_owned(),
                words: holds(cell.span.clone()),
            })
            .collect(),
    )
}

/// A JSON value's members as fields, nested ones by their path (`properties.name`), lists
/// joined with "; ". Spans in `raw` are offset by `base` to be spans of the document.
fn flatten(
    node: &jsontree::Node,
    path: &str,
    raw: &str,
    base: usize,
    holds: &dyn Fn(std::ops::Range<usize>) -> bool,
    out: &mut Vec<Field>,
) {
    let absolute = |n: &jsontree::Node| n.span.start + base..n.span.end + base;
    match &node.value {
        jsontree::Value::Object(members) => {
            for (key, value) in members {
                let name = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                flatten(value, &name, raw, base, holds, out);
            }
        }
        jsontree::Value::Array(items) if items.iter().all(|i| i.text().is_some()) => {
            out.push(Field {
                name: path.to_owned(),
                value: items
                    .iter()
                    .filter_map(jsontree::Node::text)
                    .collect::<Vec<_>>()
                    .join("; "),
                words: items.iter().any(|i| holds(absolute(i))),
            });
        }
        _ => out.push(Field {
            name: path.to_owned(),
            value: node
                .text()
                .unwrap_or_else(|| raw[node.span.clone()].to_owned()),
            words: holds(absolute(node)),
        }),
    }
}
