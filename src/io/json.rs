//! The interchange JSON (`"format": "actorscope/v1"`), written by `actorscope export --format
//! json` and read back by `actorscope open FILE.json`.
//!
//! Unlike the RON dataset file it spells out where each quote sits: `start`/`end` are byte
//! offsets into the document's UTF-8 text, so `text[start..end]` is exactly the quote. Kinds
//! are snake_case codes ([`Kind::code`]); absent values are `null`.

use serde::{Deserialize, Serialize};

use crate::model::edit::to_raw;
use crate::model::raw::{
    RawActor, RawClaim, RawDataset, RawDocument, RawEvent, RawEvidence, RawParticipant,
    RawPosition, RawRelation,
};
use crate::model::{ActorKind, Dataset, EventKind, Kind, RelationKind, Role};

pub const FORMAT: &str = "actorscope/v1";

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct JsonDataset {
    pub format: String,
    #[serde(default)]
    pub title: String,
    /// The actors the dataset is about, by id (may be empty).
    #[serde(default)]
    pub focus_actors: Vec<String>,
    pub documents: Vec<JsonDocument>,
    pub actors: Vec<JsonActor>,
    pub events: Vec<JsonEvent>,
    pub relations: Vec<JsonRelation>,
    pub claims: Vec<JsonClaim>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct JsonDocument {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub language: String,
    pub published: String,
    pub file: String,
    pub notes: String,
    #[serde(default)]
    pub url: Option<String>,
    /// The text that marks where site chrome starts, if any.
    #[serde(default)]
    pub chrome_from: Option<String>,
    /// How the file decodes when it is not plain UTF-8 (`utf-8-bom`, `windows-1252`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct JsonActor {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub parent: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub evidence: Vec<JsonEvidence>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct JsonEvent {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub start: String,
    pub end: Option<String>,
    pub kind: String,
    pub place: Option<String>,
    pub actors: Vec<JsonParticipant>,
    pub evidence: Vec<JsonEvidence>,
    /// An imported event's source record: `[start, end]`, bytes of its evidence's document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<[usize; 2]>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct JsonParticipant {
    pub actor: String,
    pub role: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct JsonEvidence {
    pub document: String,
    pub quote: String,
    /// Byte offset of the quote's first byte in the document's UTF-8 text.
    pub start: usize,
    /// Byte offset just past the quote.
    pub end: usize,
    pub gloss: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct JsonRelation {
    pub id: String,
    pub source: String,
    pub target: String,
    pub kind: String,
    pub directed: bool,
    pub summary: String,
    pub events: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<JsonEvidence>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct JsonClaim {
    pub id: String,
    pub question: String,
    #[serde(default)]
    pub events: Vec<String>,
    pub positions: Vec<JsonPosition>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct JsonPosition {
    pub value: String,
    pub evidence: Vec<JsonEvidence>,
}

impl JsonDataset {
    /// The interchange form of a validated dataset: its file form (the one walk over a
    /// dataset, [`to_raw`], which gives each quote its span), spelled out in codes and spans.
    pub fn from_dataset(dataset: &Dataset) -> Self {
        Self::from_raw(to_raw(dataset))
    }

    /// The interchange form of a dataset's file form whose evidence carries its spans
    /// (`expected_start`); the mirror of [`JsonDataset::into_raw`].
    pub fn from_raw(raw: RawDataset) -> Self {
        let evidence = |list: Vec<RawEvidence>| -> Vec<JsonEvidence> {
            list.into_iter()
                .map(|e| {
                    let start = e.expected_start.unwrap_or(0);
                    JsonEvidence {
                        document: e.doc,
                        start,
                        end: start + e.quote.len(),
                        quote: e.quote,
                        gloss: e.gloss,
                    }
                })
                .collect()
        };
        Self {
            format: FORMAT.to_owned(),
            title: raw.title,
            focus_actors: raw.focus_actors,
            documents: raw
                .documents
                .into_iter()
                .map(|d| JsonDocument {
                    id: d.id,
                    title: d.title,
                    outlet: d.outlet,
                    language: d.language,
                    published: d.published,
                    file: d.file,
                    notes: d.notes,
                    url: d.url,
                    chrome_from: d.chrome_from,
                    encoding: d.encoding,
                })
                .collect(),
            actors: raw
                .actors
                .into_iter()
                .map(|a| JsonActor {
                    id: a.id,
                    name: a.name,
                    kind: a.kind.code().to_owned(),
                    aliases: a.aliases,
                    parent: a.parent,
                    description: a.description,
                    evidence: evidence(a.evidence),
                })
                .collect(),
            events: raw
                .events
                .into_iter()
                .map(|e| JsonEvent {
                    id: e.id,
                    title: e.title,
                    summary: e.summary,
                    start: e.date,
                    end: e.end,
                    kind: e.kind.code().to_owned(),
                    place: e.place,
                    record: e.record.map(|(s, t)| [s, t]),
                    actors: e
                        .actors
                        .into_iter()
                        .map(|p| JsonParticipant {
                            actor: p.actor,
                            role: p.role.code().to_owned(),
                        })
                        .collect(),
                    evidence: evidence(e.evidence),
                })
                .collect(),
            relations: raw
                .relations
                .into_iter()
                .map(|r| JsonRelation {
                    id: r.id,
                    source: r.source,
                    target: r.target,
                    kind: r.kind.code().to_owned(),
                    directed: r.directed,
                    summary: r.summary,
                    events: r.events,
                    evidence: evidence(r.evidence),
                })
                .collect(),
            claims: raw
                .claims
                .into_iter()
                .map(|c| JsonClaim {
                    id: c.id,
                    question: c.question,
                    events: c.events,
                    positions: c
                        .positions
                        .into_iter()
                        .map(|p| JsonPosition {
                            value: p.value,
                            evidence: evidence(p.evidence),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Back to the raw form that validation takes; spans become checked expectations.
    pub fn into_raw(self) -> Result<RawDataset, String> {
        if self.format != FORMAT {
            return Err(format!(
                "format {:?} is not {FORMAT:?}: this is not an Actorscope interchange file, or it is from a newer version",
                self.format
            ));
        }
        let evidence = |list: Vec<JsonEvidence>| -> Vec<RawEvidence> {
            list.into_iter()
                .map(|e| RawEvidence {
                    doc: e.document,
                    quote: e.quote,
                    gloss: e.gloss,
                    occurrence: None,
                    expected_start: Some(e.start),
                })
                .collect()
        };
        Ok(RawDataset {
            title: self.title,
            focus_actors: self.focus_actors,
            documents: self
                .documents
                .into_iter()
                .map(|d| RawDocument {
                    id: d.id,
                    title: d.title,
                    outlet: d.outlet,
                    language: d.language,
                    published: d.published,
                    url: d.url,
                    file: d.file,
                    notes: d.notes,
                    chrome_from: d.chrome_from,
                    encoding: d.encoding,
                })
                .collect(),
            actors: self
                .actors
                .into_iter()
                .map(|a| RawActor {
                    id: a.id,
                    name: a.name,
                    kind: ActorKind::from_code(&a.kind),
                    aliases: a.aliases,
                    parent: a.parent,
                    description: a.description,
                    evidence: evidence(a.evidence),
                })
                .collect(),
            events: self
                .events
                .into_iter()
                .map(|e| RawEvent {
                    id: e.id,
                    title: e.title,
                    summary: e.summary,
                    date: e.start,
                    end: e.end,
                    kind: EventKind::from_code(&e.kind),
                    place: e.place,
                    record: e.record.map(|[s, t]| (s, t)),
                    actors: e
                        .actors
                        .into_iter()
                        .map(|p| RawParticipant {
                            actor: p.actor,
                            role: Role::from_code(&p.role),
                        })
                        .collect(),
                    evidence: evidence(e.evidence),
                })
                .collect(),
            relations: self
                .relations
                .into_iter()
                .map(|r| RawRelation {
                    id: r.id,
                    source: r.source,
                    target: r.target,
                    kind: RelationKind::from_code(&r.kind),
                    directed: r.directed,
                    summary: r.summary,
                    events: r.events,
                    evidence: evidence(r.evidence),
                })
                .collect(),
            claims: self
                .claims
                .into_iter()
                .map(|c| RawClaim {
                    id: c.id,
                    question: c.question,
                    events: c.events,
                    positions: c
                        .positions
                        .into_iter()
                        .map(|p| RawPosition {
                            value: p.value,
                            evidence: evidence(p.evidence),
                        })
                        .collect(),
                })
                .collect(),
        })
    }
}
