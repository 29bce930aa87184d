//! What every importer does once it has read a record: actors deduplicated by name, events
//! with unique ids, relations grouped by pair and kind (each backed by its events), and the
//! one document that is the imported file.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::csv::{Reader, Record};
use super::{Format, Imported, RowProblems, Table};
use crate::io::Progress;
use crate::model::date::iso_day;
use crate::model::raw::{
    RawActor, RawDataset, RawDocument, RawEvent, RawEvidence, RawParticipant, RawRelation,
};
use crate::model::{ActorKind, Day, EventKind, Kind, RelationKind, Role};

/// The id of the one document an import makes: the file itself.
pub const DOC: &str = "source-file";

/// FNV-1a for the builder's maps: names and ids are short, made by the file's author, and a
/// map is rebuilt per import; SipHash's protection against chosen collisions costs a third
/// of an import's time at a million rows.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A refused row: the cell at fault (by column), and why.
pub type Refusal = (Option<usize>, String);

/// An event as an importer reads it, before it joins the dataset.
pub struct NewEvent {
    pub key: String,
    pub title: String,
    pub summary: String,
    pub date: String,
    pub end: Option<String>,
    /// The last day it covers (the document's publication is the latest of them).
    pub last_day: Day,
    pub kind: EventKind,
    pub place: String,
    pub participants: Vec<(usize, Role)>,
    /// The verbatim words: a span of the file.
    pub span: Range<usize>,
    /// The whole record (row, object, line) the words are in.
    pub record: Range<usize>,
}

#[derive(Default)]
pub struct Builder {
    /// Data rows read.
    pub rows: usize,
    actors: Vec<RawActor>,
    actor_of: FastMap<String, usize>,
    events: Vec<RawEvent>,
    /// Each event id with the line of its row.
    event_lines: FastMap<String, usize>,
    relations: Vec<RawRelation>,
    /// By source, target and the kind's place in [`RelationKind::ALL`].
    relation_of: FastMap<(usize, usize, usize), usize>,
    latest: Option<Day>,
}

impl Builder {
    /// The actor of that name, made on first sight with the kind `kind` gives.
    pub fn actor(&mut self, name: &str, kind: impl FnOnce() -> ActorKind) -> usize {
        if let Some(&a) = self.actor_of.get(name) {
            return a;
        }
        let a = self.actors.len();
        self.actors.push(RawActor {
            id: name.to_owned(),
            name: name.to_owned(),
            kind: kind(),
            ..RawActor::default()
        });
        self.actor_of.insert(name.to_owned(), a);
        a
    }

    /// Refuses an id another row already has.
    pub fn unused(&self, key: &str) -> Result<(), String> {
        match self.event_lines.get(key) {
            Some(first) => Err(format!(
                "event id {key:?} is already used by the row on line {first}"
            )),
            None => Ok(()),
        }
    }

    /// Adds the event of the row on `line`, its evidence the span `event.span` of `text`.
    pub fn push(&mut self, line: usize, text: &str, event: NewEvent) {
        self.event_lines.insert(event.key.clone(), line);
        if self.latest.is_none_or(|l| l < event.last_day) {
            self.latest = Some(event.last_day);
        }
        let span = event.span;
        self.events.push(RawEvent {
            id: event.key,
            title: event.title,
            summary: event.summary,
            date: event.date,
            end: event.end,
            kind: event.kind,
            place: (!event.place.is_empty()).then_some(event.place),
            record: Some((event.record.start, event.record.end)),
            actors: event
                .participants
                .iter()
                .map(|(a, role)| RawParticipant {
                    actor: self.actors[*a].id.clone(),
                    role: role.clone(),
                })
                .collect(),
            evidence: vec![RawEvidence {
                doc: DOC.to_owned(),
                quote: text[span.clone()].to_owned(),
                gloss: None,
                occurrence: None,
                expected_start: Some(span.start),
            }],
        });
    }

    /// Backs the relation of `kind` from `a` to `b` (either way round unless `directed`)
    /// with the event `key`, making the relation on first sight.
    pub fn relate(&mut self, a: usize, b: usize, kind: RelationKind, directed: bool, key: &str) {
        if a == b {
            return;
        }
        let id = self.relation_id(a, b, kind, directed);
        self.relations[id].events.push(key.to_owned());
    }

    /// The relation of `kind` between `a` and `b`, made on first sight.
    fn relation_id(&mut self, a: usize, b: usize, kind: RelationKind, directed: bool) -> usize {
        let (s, t) = if directed || a < b { (a, b) } else { (b, a) };
        let k = RelationKind::ALL
            .iter()
            .position(|x| *x == kind)
            .unwrap_or(usize::MAX);
        *self.relation_of.entry((s, t, k)).or_insert_with(|| {
            self.relations.push(RawRelation {
                id: format!(
                    "{}: {} / {}",
                    kind.code(),
                    self.actors[s].id,
                    self.actors[t].id
                ),
                source: self.actors[s].id.clone(),
                target: self.actors[t].id.clone(),
                kind: kind.clone(),
                directed,
                summary: String::new(),
                events: Vec::new(),
                evidence: Vec::new(),
            });
            self.relations.len() - 1
        })
    }

    /// Backs the relation of `kind` from `a` to `b` with a passage of the file (an interval
    /// entity of FollowTheMoney: a membership, an ownership), making it on first sight.
    pub fn relate_by_words(
        &mut self,
        (a, b): (usize, usize),
        kind: RelationKind,
        directed: bool,
        text: &str,
        span: Range<usize>,
    ) {
        if a == b {
            return;
        }
        let id = self.relation_id(a, b, kind, directed);
        self.relations[id].evidence.push(RawEvidence {
            doc: DOC.to_owned(),
            quote: text[span.clone()].to_owned(),
            gloss: None,
            occurrence: None,
            expected_start: Some(span.start),
        });
    }

    pub fn relations(&self) -> usize {
        self.relations.len()
    }

    pub fn events(&self) -> usize {
        self.events.len()
    }

    /// The import: one document (the file, with `outlet` and `notes`), and all that was read.
    pub fn finish(
        self,
        table: &Table<'_>,
        file: &str,
        format: Format,
        outlet: Option<&str>,
        mut notes: String,
        problems: RowProblems,
    ) -> Imported {
        if let Some(note) = table.encoding.note() {
            notes.push(' ');
            notes.push_str(note);
        }
        let raw = RawDataset {
            title: format!("{}: {file}", format.label()),
            focus_actors: Vec::new(),
            documents: vec![RawDocument {
                id: DOC.to_owned(),
                title: file.to_owned(),
                outlet: outlet.map(str::to_owned),
                language: "en".to_owned(),
                published: self.latest.map_or_else(|| "1900".to_owned(), iso_day),
                url: None,
                file: file.to_owned(),
                notes,
                chrome_from: None,
                encoding: table.encoding.code().map(str::to_owned),
            }],
            actors: self.actors,
            events: self.events,
            relations: self.relations,
            claims: Vec::new(),
        };
        Imported {
            raw,
            format,
            rows: self.rows,
            skipped: problems.into_problems(),
            text: std::sync::Arc::from(table.text),
        }
    }
}

/// What a reader makes of one row: not data (a hashtag row under the header), or an event
/// read, or why not.
pub enum Row {
    Skip,
    Read(Result<(), Refusal>),
}

/// The loop every table importer shares: each record of `table` after `headers` header rows
/// that is not blank goes to `each`; a refused row is reported at its cell, named by its
/// `id_column` value; progress is told and Cancel looked for every [`super::PROGRESS_EVERY`]
/// rows; an unterminated quote is reported where it opens and ends the reading.
pub fn read_rows<'t>(
    table: &Table<'t>,
    headers: usize,
    id_column: Option<usize>,
    progress: &Progress,
    b: &mut Builder,
    each: &mut dyn FnMut(&mut Builder, &Record) -> Row,
) -> RowProblems<'t> {
    let text = table.text;
    let mut reader = Reader::new(text, table.delimiter);
    let mut record = Record::default();
    let mut problems = RowProblems::new(table.name, text);
    for _ in 0..headers {
        let _ = reader.next_into(&mut record);
    }
    let mut seen = 0usize;
    loop {
        match reader.next_into(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(open) => {
                problems.unterminated(open);
                break;
            }
        }
        seen += 1;
        if seen.is_multiple_of(super::PROGRESS_EVERY) {
            progress.set(reader.offset() as u64, text.len() as u64, b.rows as u64);
            if progress.is_cancelled() {
                break;
            }
        }
        if record.is_blank(text) {
            continue;
        }
        let Row::Read(result) = each(b, &record) else {
            continue;
        };
        b.rows += 1;
        if let Err((cell, reason)) = result {
            let at = cell
                .and_then(|c| record.cells.get(c))
                .map_or(record.span.start, |c| c.span.start);
            let id = id_column.map(|i| record.get(text, i).into_owned());
            problems.refuse(at, record.line, id.as_deref(), reason);
        }
    }
    problems
}

/// `span` without the whitespace at its ends.
pub fn trimmed(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}
