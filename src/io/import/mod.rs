//! Importing the event datasets analysts already have. An importer turns a file into a
//! [`Dataset`] whose one document is the file itself, each event's evidence a verbatim
//! span of it; the dataset is then validated like any other, so every imported quote is
//! located and checked when it loads.
//!
//! - `text`: bytes to text (UTF-8 with or without BOM, else Windows-1252), recorded so the
//!   copied file decodes the same way again;
//! - `csv`: delimited text with the byte span of every cell;
//! - `acled`: ACLED exports of every header generation;
//! - `ucdp`: the UCDP Georeferenced Event Dataset (GED) CSV;
//! - `timelinejs`: TimelineJS sheets (CSV) and JSON; `jsontree`: JSON with spans;
//! - `ftm`: FollowTheMoney entities (JSON lines), as Aleph exports them;
//! - `gdelt`: GDELT 1.0 and 2.0 event files (tab-separated, no header);
//! - `build`: what every importer shares (actors by name, relations by pair and kind).
//!
//! Formats are recognised by content, not by extension: a file in no known format is refused
//! with every format tried and why each refused it.

pub mod acled;
pub use crate::model::text::{csv, jsontree};
mod build;
pub mod folder;
pub mod ftm;
pub mod gdelt;
pub mod mapped;
mod rows;
pub mod text;
pub mod timelinejs;
pub mod ucdp;

use super::progress::Progress;
use std::sync::Arc;

use crate::model::{Dataset, LineIndex, Location, Problem, ProblemKind};

pub use self::text::Encoding;

/// The formats an import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Acled,
    Ucdp,
    TimelineJs,
    FollowTheMoney,
    Gdelt,
    /// Any other table, through a column mapping ([`mapped::Mapping`]); never recognised by
    /// itself.
    Mapped,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Acled,
        Format::Ucdp,
        Format::Gdelt,
        Format::TimelineJs,
        Format::FollowTheMoney,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Acled => "acled",
            Self::Ucdp => "ucdp",
            Self::TimelineJs => "timelinejs",
            Self::FollowTheMoney => "ftm",
            Self::Gdelt => "gdelt",
            Self::Mapped => "mapped",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Acled => "ACLED CSV",
            Self::Ucdp => "UCDP GED CSV",
            Self::TimelineJs => "TimelineJS",
            Self::FollowTheMoney => "FollowTheMoney",
            Self::Gdelt => "GDELT events",
            Self::Mapped => "table with a column mapping",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// What an import made of a file.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The dataset: one document (the file, by the name given), its actors, events and
    /// relations, checked as they were read (see [`build::Builder`]), with its indexes.
    pub dataset: Dataset,
    pub format: Format,
    /// Data rows read (blank lines and header rows not counted).
    pub rows: usize,
    /// Rows that could not be imported, each with its line, column and reason.
    pub skipped: Vec<Problem>,
    /// The document's text: the file decoded (see [`Encoding`]); every evidence span is a
    /// range of it.
    pub text: std::sync::Arc<str>,
}

/// A delimited table's text with its header, as the importers look at it.
#[derive(Clone, Debug)]
pub struct Table<'t> {
    /// The file's name in messages.
    pub name: &'t str,
    pub text: &'t str,
    /// The same text, shared: the imported document's text.
    pub shared: Arc<str>,
    pub encoding: Encoding,
    pub delimiter: u8,
    /// The header's cells, normalised (lower case, underscores).
    pub header: Vec<String>,
    /// The header was written in upper case (ACLED's 2016-era files).
    pub header_upper: bool,
}

impl<'t> Table<'t> {
    /// The first line of `text` as a header; `None` for an empty text.
    pub fn new(name: &'t str, shared: &'t Arc<str>, encoding: Encoding) -> Option<Self> {
        let text: &'t str = shared;
        let delimiter = csv::sniff_delimiter(text);
        let mut reader = csv::Reader::new(text, delimiter);
        let mut record = csv::Record::default();
        if !matches!(reader.next_into(&mut record), Ok(true)) {
            return None;
        }
        let raw: Vec<&str> = record.cells.iter().map(|c| &text[c.span.clone()]).collect();
        let letters = || {
            raw.iter()
                .flat_map(|c| c.chars())
                .filter(|c| c.is_alphabetic())
        };
        let header_upper = letters().next().is_some() && letters().all(char::is_uppercase);
        Some(Self {
            name,
            text,
            shared: shared.clone(),
            encoding,
            delimiter,
            header: raw.iter().map(|c| acled::normalise_header(c)).collect(),
            header_upper,
        })
    }
}

/// Imports `bytes`, read from a file called `name` in messages, to be copied into a dataset
/// as `file`. `format` forces a format; without it the content decides.
pub fn import(
    name: &str,
    file: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Imported, Box<Problem>> {
    import_with(name, file, bytes, format, &Progress::new())
}

/// [`import`], telling `progress` how far the reading has come; a cancelled import stops at
/// the next record and says so.
pub fn import_with(
    name: &str,
    file: &str,
    bytes: &[u8],
    format: Option<Format>,
    progress: &Progress,
) -> Result<Imported, Box<Problem>> {
    let (text, encoding) = decode_shared(bytes);
    import_text(name, file, &text, encoding, format, progress)
}

/// `bytes` decoded (see [`text::decode`]) into the text an import's document shares.
pub fn decode_shared(bytes: &[u8]) -> (Arc<str>, Encoding) {
    let (text, encoding) = text::decode(bytes);
    (Arc::from(&*text), encoding)
}

/// [`import_with`] of a text already decoded (so a caller can drop the bytes first).
pub fn import_text(
    name: &str,
    file: &str,
    text: &Arc<str>,
    encoding: Encoding,
    format: Option<Format>,
    progress: &Progress,
) -> Result<Imported, Box<Problem>> {
    let refuse = |why: String| {
        Box::new(Problem {
            file: name.to_owned(),
            location: None,
            item: String::new(),
            kind: ProblemKind::UnknownFormat(why),
        })
    };
    if looks_like_json(text) {
        return import_json(name, file, text, encoding, format, progress);
    }
    let Some(table) = Table::new(name, text, encoding) else {
        return Err(refuse("the file is empty".to_owned()));
    };
    let chosen = match format {
        Some(format) => format,
        None => recognise(&table).map_err(refuse)?,
    };
    let imported =
        match chosen {
            Format::Acled => acled::read(table, file, progress)
                .map_err(|why| refuse(format!("not ACLED: {why}"))),
            Format::Ucdp => ucdp::read(table, file, progress)
                .map_err(|why| refuse(format!("not UCDP GED: {why}"))),
            Format::TimelineJs => timelinejs::read(table, file, progress)
                .map_err(|why| refuse(format!("not a TimelineJS sheet: {why}"))),
            Format::FollowTheMoney => Err(refuse(
                "FollowTheMoney entities are JSON lines, and this is a table".to_owned(),
            )),
            Format::Gdelt => gdelt::read(table, file, progress)
                .map_err(|why| refuse(format!("not GDELT events: {why}"))),
            Format::Mapped => Err(refuse(
                "a table read through a column mapping needs the mapping (--mapping)".to_owned(),
            )),
        }?;
    unless_cancelled(name, progress, imported)
}

/// Imports a table through a column mapping (see [`mapped`]).
pub fn import_mapped(
    name: &str,
    file: &str,
    bytes: &[u8],
    mapping: &mapped::Mapping,
    progress: &Progress,
) -> Result<Imported, Box<Problem>> {
    let (text, encoding) = decode_shared(bytes);
    import_mapped_text(name, file, &text, encoding, mapping, progress)
}

/// [`import_mapped`] of a text already decoded.
pub fn import_mapped_text(
    name: &str,
    file: &str,
    text: &Arc<str>,
    encoding: Encoding,
    mapping: &mapped::Mapping,
    progress: &Progress,
) -> Result<Imported, Box<Problem>> {
    let refuse = |why: String| {
        Box::new(Problem {
            file: name.to_owned(),
            location: None,
            item: String::new(),
            kind: ProblemKind::UnknownFormat(why),
        })
    };
    let table =
        Table::new(name, text, encoding).ok_or_else(|| refuse("the file is empty".to_owned()))?;
    let imported = mapped::read(table, mapping, file, progress).map_err(refuse)?;
    unless_cancelled(name, progress, imported)
}

/// Whether a text is JSON (an object or an array) rather than a table.
pub fn looks_like_json(text: &str) -> bool {
    let first = text.trim_start_matches('\u{feff}').trim_start();
    first.starts_with('{') || first.starts_with('[')
}

/// Whether a JSON text is Actorscope's own interchange format (its `format` member), rather
/// than a file to import.
pub fn looks_like_interchange(text: &str) -> bool {
    text.contains("\"actorscope/v")
}

fn import_json(
    name: &str,
    file: &str,
    shared: &Arc<str>,
    encoding: Encoding,
    format: Option<Format>,
    progress: &Progress,
) -> Result<Imported, Box<Problem>> {
    let refuse = |location: Option<Location>, why: String| {
        Box::new(Problem {
            file: name.to_owned(),
            location,
            item: String::new(),
            kind: ProblemKind::UnknownFormat(why),
        })
    };
    let text: &str = shared;
    let table = Table {
        name,
        text,
        shared: shared.clone(),
        encoding,
        delimiter: b',',
        header: Vec::new(),
        header_upper: false,
    };
    // JSON lines of FollowTheMoney entities: each line its own value.
    if format == Some(Format::FollowTheMoney) || (format.is_none() && ftm::recognise(text).is_ok())
    {
        let imported = ftm::read(table, file, progress)
            .map_err(|why| refuse(None, format!("not FollowTheMoney entities: {why}")))?;
        return unless_cancelled(name, progress, imported);
    }
    let root = jsontree::parse(text).map_err(|err| {
        refuse(
            Some(Location::of_offset(text, err.offset)),
            format!("not JSON: expected {}", err.message),
        )
    })?;
    let chosen = match format {
        Some(format) => format,
        None => match (
            timelinejs::recognise_json(&root),
            root.get("data").and_then(jsontree::Node::as_array),
        ) {
            (Ok(()), _) => Format::TimelineJs,
            (_, Some(_)) => Format::Acled,
            (Err(why), None) => {
                return Err(refuse(
                    None,
                    format!(
                        "not TimelineJS JSON: {why}; not ACLED API JSON: no \"data\" array; not FollowTheMoney entities: no \"schema\" and \"properties\"; not Actorscope's interchange JSON: no \"format\": \"actorscope/v1\""
                    ),
                ));
            }
        },
    };
    let imported = match chosen {
        Format::TimelineJs => timelinejs::read_json(table, &root, file, progress)
            .map_err(|why| refuse(None, format!("not TimelineJS JSON: {why}")))?,
        Format::Acled => acled::read_json(table, &root, file, progress)
            .map_err(|why| refuse(None, format!("not ACLED API JSON: {why}")))?,
        other => {
            return Err(refuse(
                None,
                format!("{} is read from a table, not from JSON", other.label()),
            ));
        }
    };
    unless_cancelled(name, progress, imported)
}

/// What a reader made, unless the load was cancelled meanwhile (then it is thrown away).
fn unless_cancelled(
    name: &str,
    progress: &Progress,
    imported: Imported,
) -> Result<Imported, Box<Problem>> {
    if progress.is_cancelled() {
        return Err(Box::new(Problem {
            file: name.to_owned(),
            location: None,
            item: String::new(),
            kind: ProblemKind::Cancelled,
        }));
    }
    Ok(imported)
}

/// How often (in records) a reader tells its progress and looks for a Cancel.
pub const PROGRESS_EVERY: usize = 4096;

/// The format `table` is in, or every format tried with why it refused.
pub fn recognise(table: &Table<'_>) -> Result<Format, String> {
    let mut reasons = Vec::new();
    for format in Format::ALL {
        let verdict = match format {
            Format::Acled => acled::recognise(table),
            Format::Ucdp => ucdp::recognise(table),
            Format::TimelineJs => timelinejs::recognise(table),
            Format::FollowTheMoney => Err("entities are JSON lines, not a table".to_owned()),
            Format::Gdelt => gdelt::recognise(table),
            Format::Mapped => Err("needs a column mapping".to_owned()),
        };
        match verdict {
            Ok(()) => return Ok(format),
            Err(why) => reasons.push(format!("not {}: {why}", format.label())),
        }
    }
    reasons.push(
        "any other table can be read with a column mapping (`actorscope import FILE --mapping M`)"
            .to_owned(),
    );
    reasons.push(
        "not an Actorscope dataset: RON starts with `Dataset(` or `(`, interchange JSON says \"format\": \"actorscope/v1\""
            .to_owned(),
    );
    Err(reasons.join("; "))
}

/// Whether a file's text looks like an Actorscope RON dataset rather than an import.
pub fn looks_like_ron(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    // Line and block comments may lead.
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else if rest.starts_with("#![") {
            rest = rest.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    rest.starts_with("Dataset(") || rest.starts_with("Dataset (") || rest.starts_with('(')
}

/// Problems with rows, located lazily (a clean file never builds the line index).
pub struct RowProblems<'t> {
    name: &'t str,
    text: &'t str,
    lines: Option<LineIndex>,
    problems: Vec<Problem>,
}

impl<'t> RowProblems<'t> {
    pub fn new(name: &'t str, text: &'t str) -> Self {
        Self {
            name,
            text,
            lines: None,
            problems: Vec::new(),
        }
    }

    fn location(&mut self, offset: usize) -> Location {
        let text = self.text;
        self.lines
            .get_or_insert_with(|| LineIndex::new(text))
            .location(text, offset)
    }

    /// A row that was not imported: `at` is the byte offset of the offending cell.
    pub fn refuse(&mut self, at: usize, line: usize, id: Option<&str>, reason: String) {
        let location = self.location(at);
        let item = match id {
            Some(id) if !id.is_empty() => format!("row on line {line} ({id:?})"),
            _ => format!("row on line {line}"),
        };
        self.problems.push(Problem {
            file: self.name.to_owned(),
            location: Some(location),
            item,
            kind: ProblemKind::RowRefused(reason),
        });
    }

    /// A quoted cell that never closes: the rest of the file cannot be read.
    pub fn unterminated(&mut self, open: csv::Unterminated) {
        self.problems.push(Problem {
            file: self.name.to_owned(),
            location: Some(Location {
                line: open.line,
                column: open.column,
            }),
            item: format!("row on line {}", open.line),
            kind: ProblemKind::RowRefused(
                "a quoted cell opens here and never closes; the rows from here on are not read"
                    .to_owned(),
            ),
        });
    }

    /// The problems in the order of the file.
    /// Takes the problems `other` found (in another stretch of the same text).
    pub fn absorb(&mut self, other: RowProblems<'_>) {
        self.problems.extend(other.problems);
    }

    pub fn into_problems(mut self) -> Vec<Problem> {
        self.problems.sort_by_key(|p| p.location);
        self.problems
    }
}
