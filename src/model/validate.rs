//! The one conversion from [`RawDataset`] to [`Dataset`]: resolves every reference, locates
//! every quote, and collects *all* problems rather than stopping at the first.
//!
//! Problems carry the line and column of the offending item in the dataset's own text, found
//! by [`Locator`] (serde does not keep positions, so items are found by their `id` in the
//! text, which works for RON and JSON alike).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::raw::{RawDataset, RawEvidence};
use super::{
    Actor, ActorId, Claim, ClaimId, Dataset, DocId, Document, Event, EventId, Evidence, Indexes,
    LineIndex, Location, PartialDate, Position, Problem, ProblemKind, Relation, RelationId, When,
};

/// Why a document's text could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    /// The path leaves the dataset's folder (`..`, an absolute path).
    Escapes,
    /// Missing, unreadable or not UTF-8; the message says which.
    Unreadable(String),
}

/// Where the dataset came from, for messages and for finding line numbers.
pub struct Origin<'a> {
    /// The name to print for the file (a path, or `<embedded>/dataset.ron`).
    pub file: &'a str,
    /// The dataset file's own text, searched to give problems a line and column.
    pub text: &'a str,
}

/// Converts a raw dataset into a validated one, or returns every problem found.
///
/// `read_text` is given each document's `file` as written and returns its UTF-8 text; it is
/// where the caller decides what a path means (a folder on disk, the embedded assets).
pub fn validate(
    raw: RawDataset,
    origin: &Origin<'_>,
    read_text: &mut dyn FnMut(&str) -> Result<Arc<str>, TextError>,
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

    fn run(
        &mut self,
        raw: RawDataset,
        read_text: &mut dyn FnMut(&str) -> Result<Arc<str>, TextError>,
    ) -> Dataset {
        let mut index = Indexes::default();

        // Documents first: everything else quotes them.
        let mut documents = Vec::new();
        // Documents whose text could not be read: quotes into them are not checked again.
        let mut unread_docs = HashSet::new();
        let mut seen = HashMap::new();
        for raw_doc in raw.documents {
            let item = self.item("document", &raw_doc.id);
            let id = DocId::from_index(documents.len());
            if !self.register(
                "document",
                &raw_doc.id,
                &item,
                &mut index.document_keys,
                &mut seen,
                id,
            ) {
                continue;
            }
            let published = self
                .date(&item, "published", &raw_doc.published)
                .unwrap_or(PartialDate::year(1970));
            let file_hint = self
                .locator
                .after(item.offset, &format!("\"{}\"", raw_doc.file));
            let text: Arc<str> = match read_text(&raw_doc.file) {
                Ok(text) => text,
                Err(err) => {
                    let kind = match err {
                        TextError::Escapes => ProblemKind::PathEscapes(raw_doc.file.clone()),
                        TextError::Unreadable(reason) => ProblemKind::DocumentFile {
                            path: raw_doc.file.clone(),
                            reason,
                        },
                    };
                    self.report(&item, file_hint, kind);
                    unread_docs.insert(id);
                    Arc::from("")
                }
            };
            let chrome_start = match &raw_doc.chrome_from {
                Some(marker) if !unread_docs.contains(&id) => {
                    let found = text.find(marker.as_str());
                    if found.is_none() {
                        let hint = self.locator.after(item.offset, "chrome_from");
                        self.report(
                            &item,
                            hint,
                            ProblemKind::ChromeMarkerNotFound(marker.clone()),
                        );
                    }
                    found
                }
                _ => None,
            };
            documents.push(Document {
                key: raw_doc.id,
                title: raw_doc.title,
                outlet: raw_doc.outlet,
                language: raw_doc.language,
                published,
                url: raw_doc.url,
                file: raw_doc.file,
                notes: raw_doc.notes,
                text,
                chrome_from: raw_doc.chrome_from,
                chrome_start,
            });
        }
        let mut quotes = Quotes {
            documents: &documents,
            keys: &index.document_keys,
            unread: &unread_docs,
            found: HashMap::new(),
        };

        // Actors: register every id before resolving parents, which may point forward.
        let mut seen = HashMap::new();
        let mut actor_items = Vec::new();
        for raw_actor in &raw.actors {
            let item = self.item("actor", &raw_actor.id);
            let id = ActorId::from_index(actor_items.len());
            if self.register(
                "actor",
                &raw_actor.id,
                &item,
                &mut index.actor_keys,
                &mut seen,
                id,
            ) {
                actor_items.push((raw_actor, item));
            }
        }
        let mut actors = Vec::new();
        for (raw_actor, item) in actor_items {
            let parent = raw_actor.parent.as_ref().and_then(|key| {
                let found = index.actor_keys.get(key).copied();
                if found.is_none() {
                    self.dangling(&item, "actor", key);
                }
                found
            });
            let evidence = self.evidence_list(&item, &raw_actor.evidence, &mut quotes);
            actors.push(Actor {
                key: raw_actor.id.clone(),
                name: raw_actor.name.clone(),
                kind: raw_actor.kind.clone(),
                aliases: raw_actor.aliases.clone(),
                parent,
                description: raw_actor.description.clone(),
                evidence,
            });
        }
        self.check_parent_cycles(&actors);

        // Events.
        let mut events = Vec::new();
        let mut seen = HashMap::new();
        for raw_event in raw.events {
            let item = self.item("event", &raw_event.id);
            let id = EventId::from_index(events.len());
            if !self.register(
                "event",
                &raw_event.id,
                &item,
                &mut index.event_keys,
                &mut seen,
                id,
            ) {
                continue;
            }
            let start = self.date(&item, "date", &raw_event.date);
            let end = match &raw_event.end {
                Some(end) => self.date(&item, "end", end),
                None => None,
            };
            if let (Some(start), Some(end)) = (start, end)
                && end.first_day() < start.first_day()
            {
                let hint = self.locator.after(item.offset, "end:");
                self.report(
                    &item,
                    hint,
                    ProblemKind::EndBeforeStart {
                        start: start.to_string(),
                        end: end.to_string(),
                    },
                );
            }
            if raw_event.actors.is_empty() {
                self.report(&item, None, ProblemKind::NoActors);
            }
            let mut participants = Vec::new();
            for participant in &raw_event.actors {
                let Some(actor) =
                    self.resolve(&item, "actor", &participant.actor, &index.actor_keys)
                else {
                    continue;
                };
                if participants.iter().any(|(a, _)| *a == actor) {
                    let hint = self.locator.nth_after(
                        item.offset,
                        &format!("\"{}\"", participant.actor),
                        2,
                    );
                    self.report(
                        &item,
                        hint,
                        ProblemKind::DuplicateParticipant(participant.actor.clone()),
                    );
                    continue;
                }
                participants.push((actor, participant.role.clone()));
            }
            if raw_event.evidence.is_empty() {
                self.report(&item, None, ProblemKind::NoEvidence);
            }
            let evidence = self.evidence_list(&item, &raw_event.evidence, &mut quotes);
            events.push(Event {
                key: raw_event.id,
                title: raw_event.title,
                summary: raw_event.summary,
                when: When {
                    start: start.unwrap_or(PartialDate::year(1970)),
                    end,
                },
                kind: raw_event.kind,
                place: raw_event.place,
                participants,
                evidence,
            });
        }

        // Relations.
        let mut relations = Vec::new();
        let mut seen = HashMap::new();
        for raw_relation in raw.relations {
            let item = self.item("relation", &raw_relation.id);
            let id = RelationId::from_index(relations.len());
            if !self.register(
                "relation",
                &raw_relation.id,
                &item,
                &mut index.relation_keys,
                &mut seen,
                id,
            ) {
                continue;
            }
            let source = self.resolve(&item, "actor", &raw_relation.source, &index.actor_keys);
            let target = self.resolve(&item, "actor", &raw_relation.target, &index.actor_keys);
            if raw_relation.source == raw_relation.target {
                self.report(
                    &item,
                    None,
                    ProblemKind::SelfRelation(raw_relation.source.clone()),
                );
            }
            let backing: Vec<EventId> = raw_relation
                .events
                .iter()
                .filter_map(|key| self.resolve(&item, "event", key, &index.event_keys))
                .collect();
            if raw_relation.events.is_empty() && raw_relation.evidence.is_empty() {
                self.report(&item, None, ProblemKind::RelationUnbacked);
            }
            let evidence = self.evidence_list(&item, &raw_relation.evidence, &mut quotes);
            let (Some(source), Some(target)) = (source, target) else {
                continue;
            };
            relations.push(Relation {
                key: raw_relation.id,
                source,
                target,
                kind: raw_relation.kind,
                directed: raw_relation.directed,
                summary: raw_relation.summary,
                events: backing,
                evidence,
            });
        }

        // Claims.
        let mut claims = Vec::new();
        let mut seen = HashMap::new();
        for raw_claim in raw.claims {
            let item = self.item("claim", &raw_claim.id);
            let id = ClaimId::from_index(claims.len());
            if !self.register(
                "claim",
                &raw_claim.id,
                &item,
                &mut index.claim_keys,
                &mut seen,
                id,
            ) {
                continue;
            }
            let claim_events: Vec<EventId> = raw_claim
                .events
                .iter()
                .filter_map(|key| self.resolve(&item, "event", key, &index.event_keys))
                .collect();
            if raw_claim.positions.len() < 2 {
                self.report(
                    &item,
                    None,
                    ProblemKind::TooFewPositions(raw_claim.positions.len()),
                );
            }
            let mut positions = Vec::new();
            let mut quote_offset = 0;
            for (n, position) in raw_claim.positions.iter().enumerate() {
                if position.evidence.is_empty() {
                    let hint = self.locator.nth_after(item.offset, "Position", n + 1);
                    self.report(&item, hint, ProblemKind::PositionWithoutEvidence(n + 1));
                }
                let evidence =
                    self.evidence_list_from(&item, &position.evidence, quote_offset, &mut quotes);
                quote_offset += position.evidence.len();
                positions.push(Position {
                    value: position.value.clone(),
                    evidence,
                });
            }
            claims.push(Claim {
                key: raw_claim.id,
                question: raw_claim.question,
                events: claim_events,
                positions,
            });
        }

        let mut dataset = Dataset {
            title: raw.title,
            documents,
            actors,
            events,
            relations,
            claims,
            index,
        };
        if self.problems.is_empty() {
            build_indexes(&mut dataset);
        }
        dataset
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

    fn evidence_list(
        &mut self,
        item: &Item,
        raw: &[RawEvidence],
        quotes: &mut Quotes<'_>,
    ) -> Vec<Evidence> {
        self.evidence_list_from(item, raw, 0, quotes)
    }

    /// `first_index` counts the quotes of this item already seen (claims have several lists),
    /// so that a problem points at the right `quote:` in the file.
    fn evidence_list_from(
        &mut self,
        item: &Item,
        raw: &[RawEvidence],
        first_index: usize,
        quotes: &mut Quotes<'_>,
    ) -> Vec<Evidence> {
        let mut out = Vec::new();
        for (n, evidence) in raw.iter().enumerate() {
            match quotes.locate(evidence) {
                Ok(Some(located)) => out.push(located),
                Ok(None) => {}
                Err(kind) => {
                    let needle = match kind {
                        ProblemKind::Dangling { .. } => "doc:",
                        _ => "quote:",
                    };
                    let hint = self
                        .locator
                        .nth_after(item.offset, needle, first_index + n + 1);
                    self.report(item, hint, kind);
                }
            }
        }
        out
    }

    fn check_parent_cycles(&mut self, actors: &[Actor]) {
        for (start, actor) in actors.iter().enumerate() {
            let mut current = actor.parent;
            let mut steps = 0;
            while let Some(parent) = current {
                if parent.index() == start {
                    let item = Item {
                        label: format!("actor {:?}", actor.key),
                        offset: self.locator.first_declaration(&actor.key),
                    };
                    let hint = self.locator.after(item.offset, "parent:");
                    self.report(&item, hint, ProblemKind::ParentCycle);
                    break;
                }
                steps += 1;
                if steps > actors.len() {
                    break; // a cycle further up, reported for its own members
                }
                current = actors[parent.index()].parent;
            }
        }
    }
}

/// Finds quotes in the documents.
struct Quotes<'a> {
    documents: &'a [Document],
    keys: &'a HashMap<String, DocId>,
    unread: &'a HashSet<DocId>,
    /// Occurrences already searched for, by document and quote: large datasets quote the same
    /// passage many times, and each search scans the whole text.
    found: HashMap<(DocId, String), Vec<usize>>,
}

impl Quotes<'_> {
    /// `Ok(None)` when the document's text is missing (already reported).
    fn locate(&mut self, raw: &RawEvidence) -> Result<Option<Evidence>, ProblemKind> {
        let Some(&doc) = self.keys.get(&raw.doc) else {
            return Err(ProblemKind::Dangling {
                what: "document",
                id: raw.doc.clone(),
            });
        };
        if self.unread.contains(&doc) {
            return Ok(None);
        }
        if raw.quote.is_empty() {
            return Err(ProblemKind::EmptyQuote);
        }
        let documents = self.documents;
        let document = &documents[doc.index()];
        if let Some(start) = raw.expected_start {
            // The interchange JSON gives the span; it must still slice to the quote.
            let end = start + raw.quote.len();
            if document.text.get(start..end) != Some(raw.quote.as_str()) {
                return Err(ProblemKind::SpanMismatch {
                    doc: raw.doc.clone(),
                    start,
                    quote: raw.quote.clone(),
                });
            }
            return self.finish(document, raw, doc, start);
        }
        let wanted = raw.occurrence.unwrap_or(1).max(1);
        let found = self
            .found
            .entry((doc, raw.quote.clone()))
            .or_insert_with(|| find_all(&document.text, &raw.quote));
        let Some(&start) = found.get(wanted as usize - 1) else {
            return Err(if found.is_empty() {
                ProblemKind::QuoteNotFound {
                    doc: raw.doc.clone(),
                    quote: raw.quote.clone(),
                }
            } else {
                ProblemKind::OccurrenceMissing {
                    doc: raw.doc.clone(),
                    quote: raw.quote.clone(),
                    wanted,
                    found: found.len(),
                }
            });
        };
        self.finish(document, raw, doc, start)
    }

    fn finish(
        &self,
        document: &Document,
        raw: &RawEvidence,
        doc: DocId,
        start: usize,
    ) -> Result<Option<Evidence>, ProblemKind> {
        let end = start + raw.quote.len();
        if document.chrome_start.is_some_and(|chrome| end > chrome) {
            return Err(ProblemKind::QuoteInChrome {
                doc: raw.doc.clone(),
                quote: raw.quote.clone(),
            });
        }
        Ok(Some(Evidence {
            doc,
            span: start..end,
            gloss: raw.gloss.clone(),
        }))
    }
}

/// Start offsets of every (possibly overlapping) occurrence of `needle` in `haystack`.
fn find_all(haystack: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = haystack[from..].find(needle) {
        let at = from + found;
        out.push(at);
        // Step one character on, so overlapping occurrences are counted too.
        from = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn build_indexes(dataset: &mut Dataset) {
    let events = &dataset.events;
    let mut by_time: Vec<EventId> = (0..events.len()).map(EventId::from_index).collect();
    by_time.sort_by(|a, b| {
        let (a, b) = (&events[a.index()], &events[b.index()]);
        (a.when.sort_key(), &a.key).cmp(&(b.when.sort_key(), &b.key))
    });
    let mut time_rank = vec![0; events.len()];
    for (rank, id) in by_time.iter().enumerate() {
        time_rank[id.index()] = rank as u32;
    }
    let mut events_by_actor = vec![Vec::new(); dataset.actors.len()];
    for &id in &by_time {
        for (actor, _) in &events[id.index()].participants {
            events_by_actor[actor.index()].push(id);
        }
    }
    let mut relations_by_actor = vec![Vec::new(); dataset.actors.len()];
    let mut relations_by_event = vec![Vec::new(); events.len()];
    for (n, relation) in dataset.relations.iter_mut().enumerate() {
        let id = RelationId::from_index(n);
        relations_by_actor[relation.source.index()].push(id);
        if relation.target != relation.source {
            relations_by_actor[relation.target.index()].push(id);
        }
        relation.events.sort_by_key(|e| time_rank[e.index()]);
        relation.events.dedup();
        for event in &relation.events {
            relations_by_event[event.index()].push(id);
        }
    }
    let mut claims_by_event = vec![Vec::new(); events.len()];
    for (n, claim) in dataset.claims.iter_mut().enumerate() {
        claim.events.sort_by_key(|e| time_rank[e.index()]);
        claim.events.dedup();
        for event in &claim.events {
            claims_by_event[event.index()].push(ClaimId::from_index(n));
        }
    }
    let mut children = vec![Vec::new(); dataset.actors.len()];
    for (n, actor) in dataset.actors.iter().enumerate() {
        if let Some(parent) = actor.parent {
            children[parent.index()].push(ActorId::from_index(n));
        }
    }
    let mut event_kinds: Vec<_> = dataset.events.iter().map(|e| &e.kind).collect();
    event_kinds.sort();
    event_kinds.dedup();
    let event_kinds = event_kinds.into_iter().cloned().collect();
    let mut actors_by_name: Vec<ActorId> =
        (0..dataset.actors.len()).map(ActorId::from_index).collect();
    actors_by_name.sort_by_cached_key(|a| dataset.actors[a.index()].name.to_lowercase());
    let index = &mut dataset.index;
    index.event_kinds = event_kinds;
    index.actors_by_name = actors_by_name;
    index.events_by_time = by_time;
    index.time_rank = time_rank;
    index.events_by_actor = events_by_actor;
    index.relations_by_actor = relations_by_actor;
    index.relations_by_event = relations_by_event;
    index.claims_by_event = claims_by_event;
    index.children = children;
}

/// Finds items and values in the dataset's own text, to give problems a line and column.
struct Locator<'a> {
    text: &'a str,
    /// For each id, the offsets where an item declares it (`id: "x"` or `"id": "x"`), in order,
    /// and how many of them have been handed out.
    declarations: HashMap<String, (Vec<usize>, usize)>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        let mut declarations: HashMap<String, (Vec<usize>, usize)> = HashMap::new();
        for (at, _) in text.match_indices("id") {
            // The key must stand alone: not `doc_id`, `valid`, ….
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[at + 2..];
            let rest = rest.strip_prefix('"').unwrap_or(rest);
            let Some(rest) = rest.trim_start().strip_prefix(':') else {
                continue;
            };
            let Some(value) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            if let Some(end) = value.find('"') {
                declarations
                    .entry(value[..end].to_owned())
                    .or_default()
                    .0
                    .push(at);
            }
        }
        Self { text, declarations }
    }

    /// Where the next item declaring `id` starts (each call moves on to the next declaration,
    /// so duplicates point at their own place).
    fn declaration(&mut self, id: &str) -> Option<usize> {
        let (offsets, used) = self.declarations.get_mut(id)?;
        let found = offsets.get(*used).or(offsets.last()).copied();
        *used += 1;
        found
    }

    fn first_declaration(&self, id: &str) -> Option<usize> {
        self.declarations.get(id)?.0.first().copied()
    }

    /// The first occurrence of `needle` at or after `from`.
    fn after(&self, from: Option<usize>, needle: &str) -> Option<usize> {
        self.nth_after(from, needle, 1)
    }

    /// The `n`th (1-based) occurrence of `needle` at or after `from`.
    fn nth_after(&self, from: Option<usize>, needle: &str, n: usize) -> Option<usize> {
        let from = from?;
        self.text[from..]
            .match_indices(needle)
            .nth(n.saturating_sub(1))
            .map(|(at, _)| from + at)
    }
}
