//! What can be wrong with a dataset, said so that a person can find and fix it: the file, the
//! line and column, the item and what is wrong with it.

use std::fmt;

/// A 1-based line and column in a text file (column counted in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

/// Line starts of a text, found once, so that each [`Location`] after that is a binary search
/// instead of a scan from the start (a file with many problems stays linear).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self { starts }
    }

    /// The location of a byte offset in `text` (the text this index was built from).
    pub fn location(&self, text: &str, offset: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        let column = text[line_start..offset].chars().count() + 1;
        Location { line, column }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One thing wrong with a dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file the problem is in, as the user named it (or `<embedded>/…`).
    pub file: String,
    pub location: Option<Location>,
    /// The item at fault, e.g. `event "2021-12-wagner-arrives"`; empty for file-level problems.
    pub item: String,
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(location) = self.location {
            write!(f, ":{location}")?;
        }
        if !self.item.is_empty() {
            write!(f, ": {}", self.item)?;
        }
        write!(f, ": {}", self.kind)
    }
}

/// What is wrong. Each variant's message names the offending value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error("syntax error: {0}")]
    Syntax(String),
    #[error("the id is empty")]
    EmptyId,
    #[error("duplicate id {id:?}: already used by the {what} at {first}")]
    DuplicateId {
        what: &'static str,
        id: String,
        first: String,
    },
    #[error("refers to {what} {id:?}, which does not exist")]
    Dangling { what: &'static str, id: String },
    #[error("the quote is not in document {doc:?}: {quote:?}")]
    QuoteNotFound { doc: String, quote: String },
    #[error("the quote occurs {found} time(s) in document {doc:?}, not {wanted}: {quote:?}")]
    OccurrenceMissing {
        doc: String,
        quote: String,
        wanted: u32,
        found: usize,
    },
    #[error("the quote lies in the site chrome of document {doc:?} (not article text): {quote:?}")]
    QuoteInChrome { doc: String, quote: String },
    #[error("the text of document {doc:?} at byte {start} is not the quote {quote:?}")]
    SpanMismatch {
        doc: String,
        start: usize,
        quote: String,
    },
    #[error("the quote is empty")]
    EmptyQuote,
    #[error("the chrome marker is not in the document's text: {0:?}")]
    ChromeMarkerNotFound(String),
    #[error("{field} {value:?} is not a date: {reason}")]
    BadDate {
        field: &'static str,
        value: String,
        reason: String,
    },
    #[error("ends ({end}) before it starts ({start})")]
    EndBeforeStart { start: String, end: String },
    #[error("has no evidence: add at least one quote")]
    NoEvidence,
    #[error("has neither backing events nor evidence")]
    RelationUnbacked,
    #[error("has no actors")]
    NoActors,
    #[error("links {0:?} to itself")]
    SelfRelation(String),
    #[error("has {0} position(s); a claim needs at least two")]
    TooFewPositions(usize),
    #[error("position {0} has no evidence")]
    PositionWithoutEvidence(usize),
    #[error("actor {0:?} takes part twice")]
    DuplicateParticipant(String),
    #[error("its parent chain loops back to itself")]
    ParentCycle,
    #[error("document file {path:?}: {reason}")]
    DocumentFile { path: String, reason: String },
    #[error("document file {0:?} lies outside the dataset's folder")]
    PathEscapes(String),
    #[error("not a file Actorscope reads: {0}")]
    UnknownFormat(String),
    #[error("row not imported: {0}")]
    RowRefused(String),
    #[error("loading was cancelled")]
    Cancelled,
    #[error(
        "its record, bytes {start}..{end}, is not a passage of its document that holds its evidence"
    )]
    BadRecord { start: usize, end: usize },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let text = "ab\nçd\n\nlast line é";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 3 {
            assert_eq!(
                index.location(text, offset),
                Location::of_offset(text, offset),
                "offset {offset}"
            );
        }
    }
}
