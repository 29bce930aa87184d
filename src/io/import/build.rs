//! What every importer does once it has read a record: actors deduplicated by name, events
//! with unique ids, relations grouped by pair and kind (each backed by its events), and the
//! one document that is the imported file.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::{Format, Imported, RowProblems, Table};
use crate::model::date::iso_day;
use crate::model::{
    Actor, ActorId, ActorKind, Dataset, Day, DocId, Document, Event, EventId, EventKind, Evidence,
    Indexes, Kind, PartialDate, Relation, RelationId, RelationKind, Role, When,
};

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

/// Builds the validated [`Dataset`] of an import directly, row by row: typed ids, evidence as
/// spans of the file's text (never copies of it), relations backed by event ids. It checks
/// what loading a dataset file checks, item by item as it is added — every span slices the
/// text on character boundaries to words that are not blank, inside the record it came from;
/// dates parse and end after they start; ids are unique; every event has an actor — so an
/// import needs no second pass over a raw copy of itself.
#[derive(Default)]
pub struct Builder {
    /// Data rows read.
    pub rows: usize,
    actors: Vec<Actor>,
    actor_of: FastMap<String, usize>,
    events: Vec<Event>,
    event_keys: HashMap<String, EventId>,
    /// The line of each event's row, for a later row that reuses its id.
    lines: Vec<u32>,
    relations: Vec<Relation>,
    /// By source, target and the kind's place in [`RelationKind::ALL`].
    relation_of: FastMap<(usize, usize, usize), usize>,
    /// Relations the row being read backs, joined when its event is pushed (and forgotten
    /// when the row is refused, so a refused row backs nothing).
    pending: Vec<(usize, usize, RelationKind, bool)>,
    /// For a builder whose rows another will absorb: each event's relations as asked for, in
    /// order, rather than made (which relation an undirected pair joins depends on the order
    /// the actors were first seen in, which only the absorbing builder knows).
    log: Option<Vec<Backing>>,
    latest: Option<Day>,
}

/// A relation an event backs, as [`Builder::relate`] was asked for it.
type Backing = (EventId, usize, usize, RelationKind, bool);

impl Builder {
    /// Room for `events` events, so that a large table's vectors and key map grow once.
    pub fn reserve(&mut self, events: usize) {
        self.events.reserve(events);
        self.lines.reserve(events);
        self.event_keys.reserve(events);
    }

    /// A builder for rows that another builder will [`Builder::absorb`].
    pub fn for_absorbing() -> Self {
        Self {
            log: Some(Vec::new()),
            ..Self::default()
        }
    }
}

impl Builder {
    /// The actor of that name, made on first sight with the kind `kind` gives.
    pub fn actor(&mut self, name: &str, kind: impl FnOnce() -> ActorKind) -> usize {
        if let Some(&a) = self.actor_of.get(name) {
            return a;
        }
        let a = self.actors.len();
        self.actors.push(Actor {
            key: name.to_owned(),
            name: name.to_owned(),
            kind: kind(),
            aliases: Vec::new(),
            parent: None,
            description: String::new(),
            evidence: Vec::new(),
        });
        self.actor_of.insert(name.to_owned(), a);
        a
    }

    /// Refuses an id another row already has.
    pub fn unused(&self, key: &str) -> Result<(), String> {
        match self.event_keys.get(key) {
            Some(first) => Err(format!(
                "event id {key:?} is already used by the row on line {}",
                self.lines[first.index()]
            )),
            None => Ok(()),
        }
    }

    /// Adds the event of the row on `line`, its evidence the span `event.span` of `text`,
    /// backing the relations [`Builder::relate`] was asked for since the last row; or why the
    /// row cannot be an event (then it backs nothing).
    pub fn push(&mut self, line: usize, text: &str, event: NewEvent) -> Result<(), Refusal> {
        let pending = std::mem::take(&mut self.pending);
        let refuse = |why: String| Err((None, why));
        if self.event_keys.contains_key(&event.key) {
            return refuse(format!("event id {:?} is used twice", event.key));
        }
        let start = PartialDate::parse(&event.date)
            .map_err(|err| (None, format!("date {:?}: {err}", event.date)))?;
        let end = match &event.end {
            Some(end) => {
                Some(PartialDate::parse(end).map_err(|err| (None, format!("end {end:?}: {err}")))?)
            }
            None => None,
        };
        if end.is_some_and(|end| end.first_day() < start.first_day()) {
            return refuse(format!(
                "it ends ({}) before it starts ({start})",
                end.map(|e| e.to_string()).unwrap_or_default()
            ));
        }
        if event.participants.is_empty() {
            return refuse("no actor takes part".to_owned());
        }
        let span = event.span;
        let record = event.record;
        match text.get(span.clone()) {
            None => return refuse(format!("its words {span:?} are not a span of the text")),
            Some(words) if words.trim().is_empty() => {
                return refuse("its words are blank".to_owned());
            }
            Some(_) => {}
        }
        if text.get(record.clone()).is_none() || record.start > span.start || span.end > record.end
        {
            return refuse(format!("its record {record:?} does not hold its words"));
        }
        let mut participants: Vec<(ActorId, Role)> = Vec::with_capacity(event.participants.len());
        for (a, role) in event.participants {
            let a = ActorId::from_index(a);
            if !participants.iter().any(|(p, _)| *p == a) {
                participants.push((a, role));
            }
        }
        let id = EventId::from_index(self.events.len());
        self.event_keys.insert(event.key.clone(), id);
        self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        if self.latest.is_none_or(|l| l < event.last_day) {
            self.latest = Some(event.last_day);
        }
        self.events.push(Event {
            key: event.key,
            title: event.title,
            summary: event.summary,
            when: When { start, end },
            kind: event.kind,
            place: (!event.place.is_empty()).then_some(event.place),
            participants,
            evidence: vec![Evidence {
                doc: DocId(0),
                span,
                gloss: None,
            }],
            record: Some(record),
        });
        for (a, b, kind, directed) in pending {
            match &mut self.log {
                Some(log) => log.push((id, a, b, kind, directed)),
                None => {
                    let r = self.relation_id(a, b, kind, directed);
                    self.relations[r].events.push(id);
                }
            }
        }
        Ok(())
    }

    /// Backs the relation of `kind` from `a` to `b` (either way round unless `directed`)
    /// with the event of the row being read, once it is pushed.
    pub fn relate(&mut self, a: usize, b: usize, kind: RelationKind, directed: bool) {
        if a != b {
            self.pending.push((a, b, kind, directed));
        }
    }

    /// Forgets what the row being read asked for: it was refused.
    pub fn discard_row(&mut self) {
        self.pending.clear();
    }

    /// The relation of `kind` between `a` and `b`, made on first sight.
    fn relation_id(&mut self, a: usize, b: usize, kind: RelationKind, directed: bool) -> usize {
        let (s, t) = if directed || a < b { (a, b) } else { (b, a) };
        let k = RelationKind::ALL
            .iter()
            .position(|x| *x == kind)
            .unwrap_or(usize::MAX);
        *self.relation_of.entry((s, t, k)).or_insert_with(|| {
            self.relations.push(Relation {
                key: format!(
                    "{}: {} / {}",
                    kind.code(),
                    self.actors[s].key,
                    self.actors[t].key
                ),
                source: ActorId::from_index(s),
                target: ActorId::from_index(t),
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
    /// entity of FollowTheMoney: a membership, an ownership), making it on first sight; or
    /// why the passage cannot be evidence.
    pub fn relate_by_words(
        &mut self,
        (a, b): (usize, usize),
        kind: RelationKind,
        directed: bool,
        text: &str,
        span: Range<usize>,
    ) -> Result<(), String> {
        if a == b {
            return Ok(());
        }
        match text.get(span.clone()) {
            None => return Err(format!("its words {span:?} are not a span of the text")),
            Some(words) if words.trim().is_empty() => return Err("its words are blank".into()),
            Some(_) => {}
        }
        let id = self.relation_id(a, b, kind, directed);
        self.relations[id].evidence.push(Evidence {
            doc: DocId(0),
            span,
            gloss: None,
        });
        Ok(())
    }

    /// Adds what `other` read from the rows after this builder's (the second half of a
    /// table read on two cores), as if this builder had read them itself: its actors by
    /// name, its events after these (a row whose id one of these rows already has is refused
    /// into `problems`, as it would have been), its relations by pair and kind.
    pub fn absorb(&mut self, other: Builder, problems: &mut RowProblems<'_>) {
        self.rows += other.rows;
        let actor_of: Vec<usize> = other
            .actors
            .into_iter()
            .map(|actor| {
                let kind = actor.kind;
                self.actor(&actor.name, || kind)
            })
            .collect();
        let mut event_of: Vec<Option<EventId>> = Vec::with_capacity(other.events.len());
        self.reserve(other.events.len());
        // Its keys are moved here, not copied.
        let mut keys = other.event_keys;
        for (mut event, line) in other.events.into_iter().zip(other.lines) {
            if let Some(first) = self.event_keys.get(&event.key) {
                let record = event.record.as_ref().map_or(0, |r| r.start);
                problems.refuse(
                    record,
                    line as usize,
                    Some(&event.key),
                    format!(
                        "event id {:?} is already used by the row on line {}",
                        event.key,
                        self.lines[first.index()]
                    ),
                );
                event_of.push(None);
                continue;
            }
            for (actor, _) in &mut event.participants {
                *actor = ActorId::from_index(actor_of[actor.index()]);
            }
            let id = EventId::from_index(self.events.len());
            event_of.push(Some(id));
            let key = keys
                .remove_entry(&event.key)
                .map_or_else(|| event.key.clone(), |(key, _)| key);
            self.event_keys.insert(key, id);
            self.lines.push(line);
            self.events.push(event);
        }
        self.latest = self.latest.max(other.latest);
        // Relations as if these rows had asked for them here, in their order.
        for (event, a, b, kind, directed) in other.log.into_iter().flatten() {
            if let Some(event) = event_of[event.index()] {
                let r = self.relation_id(actor_of[a], actor_of[b], kind, directed);
                self.relations[r].events.push(event);
            }
        }
        // Relations backed by words (none in the rows of a table) join theirs.
        for relation in other.relations {
            if relation.evidence.is_empty() {
                continue;
            }
            let r = self.relation_id(
                actor_of[relation.source.index()],
                actor_of[relation.target.index()],
                relation.kind,
                relation.directed,
            );
            self.relations[r].evidence.extend(relation.evidence);
        }
    }

    pub fn relations(&self) -> usize {
        self.relations.len()
    }

    pub fn events(&self) -> usize {
        self.events.len()
    }

    /// The import: one document (the file, with `outlet` and `notes`), and all that was read,
    /// with the indexes every view needs.
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
        let text = table.shared.clone();
        let published = self
            .latest
            .and_then(|day| PartialDate::parse(&iso_day(day)).ok())
            .unwrap_or(PartialDate::year(1900));
        let mut index = Indexes::default();
        index.document_keys.insert(DOC.to_owned(), DocId(0));
        index.actor_keys = self
            .actor_of
            .into_iter()
            .map(|(name, a)| (name, ActorId::from_index(a)))
            .collect();
        index.event_keys = self.event_keys;
        index.relation_keys = self
            .relations
            .iter()
            .enumerate()
            .map(|(n, r)| (r.key.clone(), RelationId::from_index(n)))
            .collect();
        let mut dataset = Dataset {
            title: format!("{}: {file}", format.label()),
            focus: Vec::new(),
            documents: vec![Document {
                key: DOC.to_owned(),
                title: file.to_owned(),
                outlet: outlet.map(str::to_owned),
                language: "en".to_owned(),
                published,
                url: None,
                file: file.to_owned(),
                notes,
                text: text.clone(),
                chrome_from: None,
                chrome_start: None,
                encoding: table.encoding.code().map(str::to_owned),
            }],
            actors: self.actors,
            events: self.events,
            relations: self.relations,
            claims: Vec::new(),
            index,
        };
        Indexes::build(&mut dataset);
        Imported {
            dataset,
            format,
            rows: self.rows,
            skipped: problems.into_problems(),
            text,
        }
    }
}

/// `span` without the whitespace at its ends.
pub fn trimmed(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;

    use super::*;
    use crate::io::import::Encoding;

    const TEXT: &str = "id,who,words\n1,A,they met\n2,B,   \n";

    fn event(key: &str, span: Range<usize>, record: Range<usize>, a: usize) -> NewEvent {
        NewEvent {
            key: key.to_owned(),
            title: key.to_owned(),
            summary: String::new(),
            date: "2021-12-24".to_owned(),
            end: None,
            last_day: 0,
            kind: EventKind::Statement,
            place: String::new(),
            participants: vec![(a, Role::Participant)],
            span,
            record,
        }
    }

    #[test]
    fn what_loading_checks_is_checked_as_each_event_is_added() {
        let mut b = Builder::default();
        let a = b.actor("A", || ActorKind::Person);
        let c = b.actor("B", || ActorKind::Person);
        let words = TEXT.find("they met").unwrap();
        let row = TEXT.find("1,A").unwrap();
        // Refused: blank words, words outside their record, words off the text, a bad date,
        // an end before the start, no actor.
        let blank = TEXT.find("   ").unwrap();
        assert!(
            b.push(3, TEXT, event("2", blank..blank + 3, 0..TEXT.len(), a))
                .is_err()
        );
        assert!(
            b.push(2, TEXT, event("1", words..words + 8, 0..row, a))
                .is_err()
        );
        assert!(
            b.push(2, TEXT, event("1", 900..901, 0..TEXT.len(), a))
                .is_err()
        );
        let mut bad = event("1", words..words + 8, row..TEXT.len(), a);
        bad.date = "2021-02-30".to_owned();
        assert!(b.push(2, TEXT, bad).is_err());
        let mut backwards = event("1", words..words + 8, row..TEXT.len(), a);
        backwards.end = Some("2021-12-01".to_owned());
        assert!(b.push(2, TEXT, backwards).is_err());
        let mut alone = event("1", words..words + 8, row..TEXT.len(), a);
        alone.participants.clear();
        assert!(b.push(2, TEXT, alone).is_err());
        assert_eq!(b.events(), 0);
        // A refused row backs no relation; an accepted one backs the relation it asked for.
        b.relate(a, c, RelationKind::Hostility, false);
        b.discard_row();
        b.relate(a, c, RelationKind::Cooperation, false);
        b.push(2, TEXT, event("1", words..words + 8, row..TEXT.len(), a))
            .unwrap();
        assert_eq!(
            b.unused("1").unwrap_err(),
            "event id \"1\" is already used by the row on line 2"
        );
        let shared: Arc<str> = Arc::from(TEXT);
        let table = Table::new("t.csv", &shared, Encoding::Utf8).unwrap();
        let imported = b.finish(
            &table,
            "t.csv",
            Format::Mapped,
            None,
            String::new(),
            RowProblems::new("t.csv", TEXT),
        );
        let dataset = &imported.dataset;
        assert_eq!(dataset.relations.len(), 1);
        assert_eq!(dataset.relations[0].kind, RelationKind::Cooperation);
        assert_eq!(dataset.relations[0].events, [EventId(0)]);
        assert_eq!(dataset.quote(&dataset.events[0].evidence[0]), "they met");
        assert_eq!(dataset.event_by_key("1"), Some(EventId(0)));
        assert_eq!(dataset.actor_by_key("B"), Some(ActorId(1)));
        assert_eq!(dataset.index.events_by_actor[0], [EventId(0)]);
        // The same dataset in its file form loads as any dataset file does.
        let raw = crate::model::edit::to_raw(dataset);
        let origin = crate::model::validate::Origin {
            file: "t",
            text: "",
        };
        let again =
            crate::model::validate::validate(raw, &origin, &mut |_, _| Ok(shared.clone())).unwrap();
        assert_eq!(again.events[0].evidence, dataset.events[0].evidence);
    }
}
