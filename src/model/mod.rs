//! The validated dataset: documents, actors, events, relations and claims, with typed ids and
//! the indexes every view needs.
//!
//! Invariants, established once by [`validate::validate`] and relied on everywhere else:
//! - every id refers to an existing item (indexing with a typed id never panics);
//! - every [`Evidence`] span slices its document's text to exactly the quote, outside chrome;
//! - every event has at least one actor and one piece of evidence, and `start <= end`;
//! - every relation is backed by at least one event or piece of evidence.
//!
//! This module knows nothing of egui, files or the network.

pub mod date;
pub mod edit;
pub mod indexes;
pub mod kinds;
pub mod problem;
pub mod raw;
pub mod text;
pub mod validate;

use std::ops::Range;
use std::sync::Arc;

pub use date::{Day, PartialDate, Precision, When};
pub use indexes::Indexes;
pub use kinds::{ActorKind, EventKind, Kind, RelationKind, Role};
pub use problem::{LineIndex, Location, Problem, ProblemKind};

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            #[inline]
            pub fn from_index(index: usize) -> Self {
                Self(index as u32)
            }
        }
    };
}

typed_id!(
    /// Index of a [`Document`] in [`Dataset::documents`].
    DocId
);
typed_id!(
    /// Index of an [`Actor`] in [`Dataset::actors`].
    ActorId
);
typed_id!(
    /// Index of an [`Event`] in [`Dataset::events`].
    EventId
);
typed_id!(
    /// Index of a [`Relation`] in [`Dataset::relations`].
    RelationId
);
typed_id!(
    /// Index of a [`Claim`] in [`Dataset::claims`].
    ClaimId
);

#[derive(Clone, Debug)]
pub struct Document {
    /// The id written in the dataset file.
    pub key: String,
    pub title: String,
    pub outlet: Option<String>,
    pub language: String,
    pub published: PartialDate,
    pub url: Option<String>,
    /// Path relative to the dataset's folder, as written in the file.
    pub file: String,
    pub notes: String,
    pub text: Arc<str>,
    /// The text that marks where site chrome starts, as written in the dataset file.
    pub chrome_from: Option<String>,
    /// Byte offset where site chrome starts, if the text has any.
    pub chrome_start: Option<usize>,
    /// How the file is decoded when it is not plain UTF-8 (see `RawDocument::encoding`).
    pub encoding: Option<String>,
}

impl Document {
    /// The article text without trailing site chrome.
    pub fn body(&self) -> &str {
        &self.text[..self.chrome_start.unwrap_or(self.text.len())]
    }
}

/// A verbatim quote, located in its document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub doc: DocId,
    /// Byte range in the document's text; slicing the text with it gives the quote.
    pub span: Range<usize>,
    pub gloss: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Actor {
    pub key: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub parent: Option<ActorId>,
    pub description: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub key: String,
    pub title: String,
    pub summary: String,
    pub when: When,
    pub kind: EventKind,
    pub place: Option<String>,
    pub participants: Vec<(ActorId, Role)>,
    pub evidence: Vec<Evidence>,
    /// For an imported event: the bytes of its source record (a row of a table, an object
    /// of a JSON file) in its first evidence's document, which holds the evidence.
    pub record: Option<Range<usize>>,
}

#[derive(Clone, Debug)]
pub struct Relation {
    pub key: String,
    pub source: ActorId,
    pub target: ActorId,
    pub kind: RelationKind,
    pub directed: bool,
    pub summary: String,
    /// Backing events, in time order.
    pub events: Vec<EventId>,
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug)]
pub struct Position {
    pub value: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug)]
pub struct Claim {
    pub key: String,
    pub question: String,
    pub events: Vec<EventId>,
    pub positions: Vec<Position>,
}

/// A loaded, validated dataset. Immutable once built.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub title: String,
    /// The actors the dataset is about, most central first (may be empty).
    pub focus: Vec<ActorId>,
    pub documents: Vec<Document>,
    pub actors: Vec<Actor>,
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
    pub claims: Vec<Claim>,
    pub index: Indexes,
}

/// How many of each thing a dataset holds, as `actorscope check` prints them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub documents: usize,
    pub actors: usize,
    pub events: usize,
    pub relations: usize,
    pub claims: usize,
    pub evidence: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} documents, {} actors, {} events, {} relations, {} claims, {} pieces of evidence",
            self.documents, self.actors, self.events, self.relations, self.claims, self.evidence
        )
    }
}

impl Dataset {
    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id.index()]
    }

    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.index()]
    }

    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.index()]
    }

    pub fn relation(&self, id: RelationId) -> &Relation {
        &self.relations[id.index()]
    }

    pub fn claim(&self, id: ClaimId) -> &Claim {
        &self.claims[id.index()]
    }

    /// The verbatim text of a piece of evidence.
    pub fn quote(&self, evidence: &Evidence) -> &str {
        &self.document(evidence.doc).text[evidence.span.clone()]
    }

    pub fn actor_by_key(&self, key: &str) -> Option<ActorId> {
        self.index.actor_keys.get(key).copied()
    }

    pub fn event_by_key(&self, key: &str) -> Option<EventId> {
        self.index.event_keys.get(key).copied()
    }

    pub fn relation_by_key(&self, key: &str) -> Option<RelationId> {
        self.index.relation_keys.get(key).copied()
    }

    pub fn claim_by_key(&self, key: &str) -> Option<ClaimId> {
        self.index.claim_keys.get(key).copied()
    }

    pub fn document_by_key(&self, key: &str) -> Option<DocId> {
        self.index.document_keys.get(key).copied()
    }

    pub fn counts(&self) -> Counts {
        Counts {
            documents: self.documents.len(),
            actors: self.actors.len(),
            events: self.events.len(),
            relations: self.relations.len(),
            claims: self.claims.len(),
            evidence: self.all_evidence().count(),
        }
    }

    /// Every piece of evidence in the dataset, wherever it hangs.
    pub fn all_evidence(&self) -> impl Iterator<Item = &Evidence> {
        let actors = self.actors.iter().flat_map(|a| &a.evidence);
        let events = self.events.iter().flat_map(|e| &e.evidence);
        let relations = self.relations.iter().flat_map(|r| &r.evidence);
        let claims = self
            .claims
            .iter()
            .flat_map(|c| c.positions.iter().flat_map(|p| &p.evidence));
        actors.chain(events).chain(relations).chain(claims)
    }

    /// The first and last day any event covers, or `None` for an empty dataset (O(1): kept
    /// in the indexes, so views may ask every frame).
    pub fn time_extent(&self) -> Option<(Day, Day)> {
        self.index.extent
    }

    /// Whether `actor` is one the dataset is about.
    pub fn is_focus(&self, actor: ActorId) -> bool {
        self.focus.contains(&actor)
    }

    /// Whether an event is part of any contested claim.
    pub fn is_contested(&self, event: EventId) -> bool {
        !self.index.claims_by_event[event.index()].is_empty()
    }

    /// The number of distinct documents that support an event.
    pub fn source_count(&self, event: EventId) -> usize {
        let mut docs: Vec<DocId> = self.event(event).evidence.iter().map(|e| e.doc).collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    }
}
