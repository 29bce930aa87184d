//! The one conversion from [`RawDataset`] to [`Dataset`]: resolves every reference, locates
//! every quote, and collects *all* problems rather than stopping at the first.
//!
//! Problems carry the line and column of the offending item in the dataset's own text, found
//! by [`Locator`] (serde does not keep positions, so items are found by their `id` in the
//! text, which works for RON and JSON alike).

use std::collections::HashMap;
use std::sync::Arc;

mod items;
mod locator;
mod quotes;

use self::locator::Locator;
pub(crate) use self::quotes::find_all;
use super::raw::RawDataset;
use super::{Dataset, LineIndex, Location, PartialDate, Problem, ProblemKind};

/// Why a document's text could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    /// The path leaves the dataset's folder (`..`, an absolute path).
    Escapes,
    /// Missing, unreadable or not UTF-8; the message says which.
    Unreadable(String),
}

/// Supplies a document's text, given its `file` as written and its `encoding`, if any.
pub type ReadText<'a> = dyn FnMut(&str, Option<&str>) -> Result<Arc<str>, TextError> + 'a;

/// Where the dataset came from, for messages and for finding line numbers.
pub struct Origin<'a> {
    /// The name to print for the file (a path, or `<embedded>/dataset.ron`).
    pub file: &'a str,
    /// The dataset file's own text, searched to give problems a line and column.
    pub text: &'a str,
}

/// Converts a raw dataset into a validated one, or returns every problem found.
///
/// `read_text` is given each document's `file` as written (and its `encoding`, if any) and
/// returns its text; it is
/// where the caller decides what a path means (a folder on disk, the embedded assets).
pub fn validate(
    raw: RawDataset,
    origin: &Origin<'_>,
    read_text: &mut ReadText<'_>,
) -> Result<Dataset, Vec<Problem>> {
    let mut v = Validator {
        origin,
        locator: Locator::new(origin.text),
        lines: None,
        problems: Vec::new(),
    };
    let dataset = v.run(raw, read_text);
    if v.problems.is_empty() {
        Ok(dataset)
    } else {
        v.problems.sort_by_key(|p| p.location);
        Err(v.problems)
    }
}

struct Validator<'a> {
    origin: &'a Origin<'a>,
    locator: Locator<'a>,
    /// Built on the first problem: a clean file never needs it.
    lines: Option<LineIndex>,
    problems: Vec<Problem>,
}

/// The item a problem is about, with the byte offset of its `id` in the dataset text.
#[derive(Clone)]
struct Item {
    label: String,
    offset: Option<usize>,
}

impl Validator<'_> {
    fn location(&mut self, offset: usize) -> Location {
        let text = self.origin.text;
        self.lines
            .get_or_insert_with(|| LineIndex::new(text))
            .location(text, offset)
    }

    fn report(&mut self, item: &Item, location_hint: Option<usize>, kind: ProblemKind) {
        let offset = location_hint.or(item.offset);
        let location = offset.map(|o| self.location(o));
        self.problems.push(Problem {
            file: self.origin.file.to_owned(),
            location,
            item: item.label.clone(),
            kind,
        });
    }

    /// Registers an id, reporting empty and duplicate ones; returns whether it is new.
    fn register<T: Copy>(
        &mut self,
        what: &'static str,
        id: &str,
        item: &Item,
        keys: &mut HashMap<String, T>,
        // Where each id was first declared, as a byte offset: turned into line:column only
        // for a duplicate (computing it for every item would be quadratic in the file size).
        first_seen: &mut HashMap<String, Option<usize>>,
        value: T,
    ) -> bool {
        if id.is_empty() {
            self.report(item, None, ProblemKind::EmptyId);
            return false;
        }
        if let Some(&first) = first_seen.get(id) {
            let first = first
                .map(|o| self.location(o).to_string())
                .unwrap_or_else(|| "an earlier item".to_owned());
            self.report(
                item,
                None,
                ProblemKind::DuplicateId {
                    what,
                    id: id.to_owned(),
                    first,
                },
            );
            return false;
        }
        first_seen.insert(id.to_owned(), item.offset);
        keys.insert(id.to_owned(), value);
        true
    }

    fn item(&mut self, what: &str, id: &str) -> Item {
        Item {
            label: format!("{what} {id:?}"),
            offset: self.locator.declaration(id),
        }
    }

    fn date(&mut self, item: &Item, field: &'static str, value: &str) -> Option<PartialDate> {
        match PartialDate::parse(value) {
            Ok(date) => Some(date),
            Err(err) => {
                let hint = self.locator.after(item.offset, &format!("\"{value}\""));
                self.report(
                    item,
                    hint,
                    ProblemKind::BadDate {
                        field,
                        value: value.to_owned(),
                        reason: err.to_string(),
                    },
                );
                None
            }
        }
    }

    fn dangling(&mut self, item: &Item, what: &'static str, key: &str) {
        let hint = self.locator.after(item.offset, &format!("\"{key}\""));
        self.report(
            item,
            hint,
            ProblemKind::Dangling {
                what,
                id: key.to_owned(),
            },
        );
    }

    fn resolve<T: Copy>(
        &mut self,
        item: &Item,
        what: &'static str,
        key: &str,
        keys: &HashMap<String, T>,
    ) -> Option<T> {
        let found = keys.get(key).copied();
        if found.is_none() {
            self.dangling(item, what, key);
        }
        found
    }
}
