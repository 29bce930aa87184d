//! Editing a dataset: the one place where an edit — add, change or remove an item, add
//! evidence by byte span — is applied. Edits work on the dataset's file form
//! ([`RawDataset`], what is saved), and the result is validated again from scratch, so an
//! edited dataset obeys every invariant a loaded one does (every quote located, every
//! reference resolved) or the edit is refused with the problems it would cause.
//!
//! Pure: no egui, no files. Document texts come from the dataset being edited, or with the
//! edit that adds a document.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::raw::{
    RawActor, RawClaim, RawDataset, RawDocument, RawEvent, RawEvidence, RawParticipant,
    RawPosition, RawRelation,
};
use super::validate::{self, Origin, TextError, find_all};
use super::{Dataset, Evidence, Problem};

/// An item of the dataset, by id, that evidence can be added to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceTarget {
    Actor(String),
    Event(String),
    Relation(String),
    /// A position of a claim, by its index among the claim's positions.
    Position {
        claim: String,
        position: usize,
    },
}

/// One change to a dataset.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds a document with its text.
    AddDocument(RawDocument, Arc<str>),
    AddActor(RawActor),
    /// Replaces the actor whose id is given (the new one may carry a new id).
    ChangeActor(String, RawActor),
    RemoveActor(String),
    AddEvent(RawEvent),
    ChangeEvent(String, RawEvent),
    RemoveEvent(String),
    AddRelation(RawRelation),
    ChangeRelation(String, RawRelation),
    RemoveRelation(String),
    AddClaim(RawClaim),
    ChangeClaim(String, RawClaim),
    RemoveClaim(String),
    /// Adds the passage `span` (bytes) of document `doc` as evidence for `target`.
    AddEvidence {
        target: EvidenceTarget,
        doc: String,
        span: Range<usize>,
        gloss: Option<String>,
    },
}

/// Why an edit was refused. Nothing is changed when it is.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("no {what} {id:?} in the dataset")]
    Missing { what: &'static str, id: String },
    #[error("{what} {id:?} already exists")]
    Exists { what: &'static str, id: String },
    #[error(
        "bytes {start}..{end} are not a passage of document {doc:?} (its text is {len} bytes; a span must be non-empty and fall on character boundaries)"
    )]
    BadSpan {
        doc: String,
        start: usize,
        end: usize,
        len: usize,
    },
    /// The edited dataset does not validate: every problem, as loading would report them.
    #[error("the edit would leave the dataset invalid:\n{}", problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid { problems: Vec<Problem> },
}

impl Edit {
    /// A short description for the status bar and the undo history.
    pub fn describe(&self) -> String {
        match self {
            Self::AddDocument(d, _) => format!("add document {:?}", d.id),
            Self::AddActor(a) => format!("add actor {:?}", a.id),
            Self::ChangeActor(id, _) => format!("change actor {id:?}"),
            Self::RemoveActor(id) => format!("remove actor {id:?}"),
            Self::AddEvent(e) => format!("add event {:?}", e.id),
            Self::ChangeEvent(id, _) => format!("change event {id:?}"),
            Self::RemoveEvent(id) => format!("remove event {id:?}"),
            Self::AddRelation(r) => format!("add relation {:?}", r.id),
            Self::ChangeRelation(id, _) => format!("change relation {id:?}"),
            Self::RemoveRelation(id) => format!("remove relation {id:?}"),
            Self::AddClaim(c) => format!("add claim {:?}", c.id),
            Self::ChangeClaim(id, _) => format!("change claim {id:?}"),
            Self::RemoveClaim(id) => format!("remove claim {id:?}"),
            Self::AddEvidence { target, doc, .. } => {
                let what = match target {
                    EvidenceTarget::Actor(id) => format!("actor {id:?}"),
                    EvidenceTarget::Event(id) => format!("event {id:?}"),
                    EvidenceTarget::Relation(id) => format!("relation {id:?}"),
                    EvidenceTarget::Position { claim, position } => {
                        format!("position {} of claim {claim:?}", position + 1)
                    }
                };
                format!("add a quote from {doc:?} to {what}")
            }
        }
    }
}

/// The dataset with `edit` applied, validated afresh; `dataset` itself is untouched.
pub fn apply(dataset: &Dataset, edit: &Edit) -> Result<Dataset, EditError> {
    let mut raw = to_raw(dataset);
    let mut texts: HashMap<String, Arc<str>> = dataset
        .documents
        .iter()
        .map(|d| (d.file.clone(), d.text.clone()))
        .collect();
    apply_raw(&mut raw, &mut texts, edit)?;
    revalidate(raw, &texts)
}

/// Validates `raw` with the given document texts (by `file`), as loading would.
pub fn revalidate(
    raw: RawDataset,
    texts: &HashMap<String, Arc<str>>,
) -> Result<Dataset, EditError> {
    let origin = Origin {
        file: "<edited dataset>",
        text: "",
    };
    validate::validate(raw, &origin, &mut |file: &str, _| {
        texts
            .get(file)
            .cloned()
            .ok_or_else(|| TextError::Unreadable(format!("no text for {file:?}")))
    })
    .map_err(|problems| EditError::Invalid { problems })
}

/// Applies `edit` to the file form; `texts` (document texts by `file`) gains a new
/// document's text.
pub fn apply_raw(
    raw: &mut RawDataset,
    texts: &mut HashMap<String, Arc<str>>,
    edit: &Edit,
) -> Result<(), EditError> {
    match edit.clone() {
        Edit::AddDocument(doc, text) => {
            if raw.documents.iter().any(|d| d.id == doc.id) {
                return Err(EditError::Exists {
                    what: "document",
                    id: doc.id,
                });
            }
            texts.insert(doc.file.clone(), text);
            raw.documents.push(doc);
        }
        Edit::AddActor(item) => add(&mut raw.actors, "actor", item, |a| &a.id)?,
        Edit::ChangeActor(id, item) => change(&mut raw.actors, "actor", &id, item, |a| &a.id)?,
        Edit::RemoveActor(id) => remove(&mut raw.actors, "actor", &id, |a| &a.id)?,
        Edit::AddEvent(item) => add(&mut raw.events, "event", item, |e| &e.id)?,
        Edit::ChangeEvent(id, item) => change(&mut raw.events, "event", &id, item, |e| &e.id)?,
        Edit::RemoveEvent(id) => remove(&mut raw.events, "event", &id, |e| &e.id)?,
        Edit::AddRelation(item) => add(&mut raw.relations, "relation", item, |r| &r.id)?,
        Edit::ChangeRelation(id, item) => {
            change(&mut raw.relations, "relation", &id, item, |r| &r.id)?;
        }
        Edit::RemoveRelation(id) => remove(&mut raw.relations, "relation", &id, |r| &r.id)?,
        Edit::AddClaim(item) => add(&mut raw.claims, "claim", item, |c| &c.id)?,
        Edit::ChangeClaim(id, item) => change(&mut raw.claims, "claim", &id, item, |c| &c.id)?,
        Edit::RemoveClaim(id) => remove(&mut raw.claims, "claim", &id, |c| &c.id)?,
        Edit::AddEvidence {
            target,
            doc,
            span,
            gloss,
        } => {
            let Some(document) = raw.documents.iter().find(|d| d.id == doc) else {
                return Err(EditError::Missing {
                    what: "document",
                    id: doc,
                });
            };
            let text = texts
                .get(&document.file)
                .cloned()
                .unwrap_or_else(|| "".into());
            let evidence = evidence_at(&doc, &text, span, gloss)?;
            let list = match target {
                EvidenceTarget::Actor(id) => {
                    &mut find(&mut raw.actors, "actor", &id, |a| &a.id)?.evidence
                }
                EvidenceTarget::Event(id) => {
                    &mut find(&mut raw.events, "event", &id, |e| &e.id)?.evidence
                }
                EvidenceTarget::Relation(id) => {
                    &mut find(&mut raw.relations, "relation", &id, |r| &r.id)?.evidence
                }
                EvidenceTarget::Position { claim, position } => {
                    let c = find(&mut raw.claims, "claim", &claim, |c| &c.id)?;
                    let Some(p) = c.positions.get_mut(position) else {
                        return Err(EditError::Missing {
                            what: "position of claim",
                            id: format!("{claim} #{}", position + 1),
                        });
                    };
                    &mut p.evidence
                }
            };
            list.push(evidence);
        }
    }
    Ok(())
}

/// The evidence quoting `span` of a document's `text`, as the dataset file writes it: the
/// verbatim quote and, when the same words occur earlier in the text, which occurrence.
pub fn evidence_at(
    doc: &str,
    text: &str,
    span: Range<usize>,
    gloss: Option<String>,
) -> Result<RawEvidence, EditError> {
    let Some(quote) = text.get(span.clone()).filter(|q| !q.is_empty()) else {
        return Err(EditError::BadSpan {
            doc: doc.to_owned(),
            start: span.start,
            end: span.end,
            len: text.len(),
        });
    };
    Ok(evidence_among(
        doc,
        quote,
        &find_all(text, quote),
        span.start,
        gloss,
    ))
}

/// The evidence quoting `quote` at `start`, given where the quote occurs in its text.
fn evidence_among(
    doc: &str,
    quote: &str,
    occurrences: &[usize],
    start: usize,
    gloss: Option<String>,
) -> RawEvidence {
    let before = occurrences.iter().take_while(|&&at| at < start).count();
    RawEvidence {
        doc: doc.to_owned(),
        quote: quote.to_owned(),
        gloss,
        occurrence: (before > 0).then_some(before as u32 + 1),
        expected_start: None,
    }
}

fn find<'a, T>(
    items: &'a mut [T],
    what: &'static str,
    id: &str,
    key: impl Fn(&T) -> &String,
) -> Result<&'a mut T, EditError> {
    items
        .iter_mut()
        .find(|item| key(item) == id)
        .ok_or_else(|| EditError::Missing {
            what,
            id: id.to_owned(),
        })
}

fn add<T>(
    items: &mut Vec<T>,
    what: &'static str,
    item: T,
    key: impl Fn(&T) -> &String,
) -> Result<(), EditError> {
    if items.iter().any(|i| key(i) == key(&item)) {
        return Err(EditError::Exists {
            what,
            id: key(&item).clone(),
        });
    }
    items.push(item);
    Ok(())
}

fn change<T>(
    items: &mut [T],
    what: &'static str,
    id: &str,
    item: T,
    key: impl Fn(&T) -> &String,
) -> Result<(), EditError> {
    if key(&item) != id && items.iter().any(|i| key(i) == key(&item)) {
        return Err(EditError::Exists {
            what,
            id: key(&item).clone(),
        });
    }
    *find(items, what, id, key)? = item;
    Ok(())
}

fn remove<T>(
    items: &mut Vec<T>,
    what: &'static str,
    id: &str,
    key: impl Fn(&T) -> &String,
) -> Result<(), EditError> {
    let before = items.len();
    items.retain(|i| key(i) != id);
    if items.len() == before {
        return Err(EditError::Missing {
            what,
            id: id.to_owned(),
        });
    }
    Ok(())
}

/// Documents larger than this are not searched for their quotes when a dataset is written:
/// each quote keeps its byte offset (`at` in RON) instead of an occurrence number.
pub const SEARCH_MAX_BYTES: usize = 1 << 20;

/// Whether the dataset file gives this document's quotes by offset rather than by
/// occurrence: a large document (an imported table), or one an importer copied with its
/// encoding — never a curated article, whose file stays hand-editable.
pub fn spans_written(doc: &super::Document) -> bool {
    doc.text.len() > SEARCH_MAX_BYTES || doc.encoding.is_some()
}

/// The file form of a validated dataset: what saving writes, in the dataset's own order, each
/// quote with its occurrence where the same words come earlier in its document, and its span
/// as `expected_start` (not written to RON; the interchange JSON writes it, and revalidating
/// an edit checks it rather than searching again).
pub fn to_raw(dataset: &Dataset) -> RawDataset {
    // Where each quoted passage occurs, searched once per document and quote (large datasets
    // quote the same words many times): the cost of loading, not more. A large document (an
    // imported table of a million rows) is not searched: its quotes are written with their
    // offsets (see [`spans_written`]).
    let mut found: HashMap<(super::DocId, &str), Vec<usize>> = HashMap::new();
    let mut evidence = |list: &[Evidence]| -> Vec<RawEvidence> {
        list.iter()
            .map(|e| {
                let doc = dataset.document(e.doc);
                let quote = dataset.quote(e);
                if spans_written(doc) {
                    return RawEvidence {
                        doc: doc.key.clone(),
                        quote: quote.to_owned(),
                        gloss: e.gloss.clone(),
                        occurrence: None,
                        expected_start: Some(e.span.start),
                    };
                }
                let occurrences = found
                    .entry((e.doc, quote))
                    .or_insert_with(|| find_all(&doc.text, quote));
                let mut raw =
                    evidence_among(&doc.key, quote, occurrences, e.span.start, e.gloss.clone());
                raw.expected_start = Some(e.span.start);
                raw
            })
            .collect()
    };
    let actor_key = |a: super::ActorId| dataset.actor(a).key.clone();
    let event_key = |e: &super::EventId| dataset.event(*e).key.clone();
    RawDataset {
        title: dataset.title.clone(),
        focus_actors: dataset.focus.iter().map(|&a| actor_key(a)).collect(),
        documents: dataset
            .documents
            .iter()
            .map(|d| RawDocument {
                id: d.key.clone(),
                title: d.title.clone(),
                outlet: d.outlet.clone(),
                language: d.language.clone(),
                published: d.published.to_string(),
                url: d.url.clone(),
                file: d.file.clone(),
                notes: d.notes.clone(),
                chrome_from: d.chrome_from.clone(),
                encoding: d.encoding.clone(),
            })
            .collect(),
        actors: dataset
            .actors
            .iter()
            .map(|a| RawActor {
                id: a.key.clone(),
                name: a.name.clone(),
                kind: a.kind.clone(),
                aliases: a.aliases.clone(),
                parent: a.parent.map(actor_key),
                description: a.description.clone(),
                evidence: evidence(&a.evidence),
            })
            .collect(),
        events: dataset
            .events
            .iter()
            .map(|e| RawEvent {
                id: e.key.clone(),
                title: e.title.clone(),
                summary: e.summary.clone(),
                date: e.when.start.to_string(),
                end: e.when.end.map(|d| d.to_string()),
                kind: e.kind.clone(),
                place: e.place.clone(),
                record: e.record.as_ref().map(|r| (r.start, r.end)),
                actors: e
                    .participants
                    .iter()
                    .map(|(a, role)| RawParticipant {
                        actor: actor_key(*a),
                        role: role.clone(),
                    })
                    .collect(),
                evidence: evidence(&e.evidence),
            })
            .collect(),
        relations: dataset
            .relations
            .iter()
            .map(|r| RawRelation {
                id: r.key.clone(),
                source: actor_key(r.source),
                target: actor_key(r.target),
                kind: r.kind.clone(),
                directed: r.directed,
                summary: r.summary.clone(),
                events: r.events.iter().map(event_key).collect(),
                evidence: evidence(&r.evidence),
            })
            .collect(),
        claims: dataset
            .claims
            .iter()
            .map(|c| RawClaim {
                id: c.key.clone(),
                question: c.question.clone(),
                events: c.events.iter().map(event_key).collect(),
                positions: c
                    .positions
                    .iter()
                    .map(|p| RawPosition {
                        value: p.value.clone(),
                        evidence: evidence(&p.evidence),
                    })
                    .collect(),
            })
            .collect(),
    }
}
