//! The dataset file as written on disk: plain serde structs, no invariants.
//!
//! These are parsed from RON (or the interchange JSON) and converted exactly once, by
//! [`crate::model::validate`], into a [`crate::model::Dataset`] whose ids are typed and whose
//! references are known to resolve. Nothing outside loading should look at these types.

use serde::{Deserialize, Serialize};

use super::kinds::{ActorKind, EventKind, RelationKind, Role};

/// The whole dataset file.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Dataset", deny_unknown_fields)]
pub struct RawDataset {
    /// A short human name for the dataset ("Russia, Wagner and Mali, 2012–2023").
    #[serde(default)]
    pub title: String,
    /// The actors the dataset is about, by id, most central first: they lead the timeline,
    /// centre the graph and head the actor filter. May be empty.
    #[serde(default)]
    pub focus_actors: Vec<String>,
    #[serde(default)]
    pub documents: Vec<RawDocument>,
    #[serde(default)]
    pub actors: Vec<RawActor>,
    #[serde(default)]
    pub events: Vec<RawEvent>,
    #[serde(default)]
    pub relations: Vec<RawRelation>,
    #[serde(default)]
    pub claims: Vec<RawClaim>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Document", deny_unknown_fields)]
pub struct RawDocument {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub outlet: Option<String>,
    /// BCP 47 language tag of the text: "en", "nl".
    pub language: String,
    /// Publication date as an ISO prefix: "2023", "2023-02", "2023-01-16".
    pub published: String,
    #[serde(default)]
    pub url: Option<String>,
    /// Path of the UTF-8 text, relative to the dataset file's folder.
    pub file: String,
    /// Curator's notes: provenance, how an ambiguous date was inferred, what is boilerplate.
    #[serde(default)]
    pub notes: String,
    /// Text that marks the start of site chrome (paywall prompts, comment forms, teasers):
    /// from its first occurrence to the end, the text is not article text and may not serve
    /// as evidence.
    #[serde(default)]
    pub chrome_from: Option<String>,
    /// How the file's bytes are decoded when they are not plain UTF-8: `"utf-8-bom"` or
    /// `"windows-1252"` (set by importers for the files they copy byte for byte).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Actor", deny_unknown_fields)]
pub struct RawActor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// Other names, spellings and languages: "Rusland", "Goita", "Frankrijk".
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The actor this one belongs to or speaks for: Lavrov → Russia, MINUSMA → UN.
    #[serde(default)]
    pub parent: Option<String>,
    /// Undated background, with its evidence below.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Event", deny_unknown_fields)]
pub struct RawEvent {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// ISO prefix with its precision: "2021", "2021-12", "2021-12-24".
    pub date: String,
    /// Optional end, same form; the event then spans from `date` to `end`.
    #[serde(default)]
    pub end: Option<String>,
    pub kind: EventKind,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub actors: Vec<RawParticipant>,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
    /// For an imported event: the byte range (start, end) of its source record — a row, a
    /// JSON object — in its first evidence's document, which must hold the evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<(usize, usize)>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Participant", deny_unknown_fields)]
pub struct RawParticipant {
    pub actor: String,
    pub role: Role,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Evidence", deny_unknown_fields)]
pub struct RawEvidence {
    /// Id of the document the quote is taken from.
    pub doc: String,
    /// Verbatim text of the document (an exact substring, in the source language).
    pub quote: String,
    /// English rendering of a non-English quote.
    #[serde(default)]
    pub gloss: Option<String>,
    /// Which occurrence of the quote is meant when it occurs more than once (1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<u32>,
    /// Byte offset the quote must start at, when the writer knew it: set by importers (the
    /// interchange JSON, imported tables, whose cells repeat) and written to RON as `at`, so
    /// that loading checks the span instead of searching for the quote.
    #[serde(default, rename = "at", skip_serializing_if = "Option::is_none")]
    pub expected_start: Option<usize>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Relation", deny_unknown_fields)]
pub struct RawRelation {
    pub id: String,
    pub source: String,
    pub target: String,
    pub kind: RelationKind,
    /// Whether the relation goes from `source` to `target` (sanctions) or is mutual
    /// (cooperation).
    #[serde(default)]
    pub directed: bool,
    #[serde(default)]
    pub summary: String,
    /// The events that show this relation.
    #[serde(default)]
    pub events: Vec<String>,
    /// Undated support for the relation beyond its events (optional).
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Claim", deny_unknown_fields)]
pub struct RawClaim {
    pub id: String,
    /// The point in dispute: "How many French troops were in Mali?"
    pub question: String,
    /// Events the dispute is about; they carry a "contested" mark in the views.
    #[serde(default)]
    pub events: Vec<String>,
    pub positions: Vec<RawPosition>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename = "Position", deny_unknown_fields)]
pub struct RawPosition {
    /// What this side says: "more than 3,000 at the peak".
    pub value: String,
    pub evidence: Vec<RawEvidence>,
}

impl RawDataset {
    /// How many of each item the file holds, before any validation.
    pub fn counts(&self) -> super::Counts {
        let actors = self.actors.iter().map(|a| a.evidence.len());
        let events = self.events.iter().map(|e| e.evidence.len());
        let relations = self.relations.iter().map(|r| r.evidence.len());
        let claims = self
            .claims
            .iter()
            .flat_map(|c| c.positions.iter().map(|p| p.evidence.len()));
        super::Counts {
            documents: self.documents.len(),
            actors: self.actors.len(),
            events: self.events.len(),
            relations: self.relations.len(),
            claims: self.claims.len(),
            evidence: actors.chain(events).chain(relations).chain(claims).sum(),
        }
    }
}
