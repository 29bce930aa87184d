//! What each document supports (events, relations, claims) and the order the sources list
//! shows them in: built once per dataset; pure.

use crate::model::{Dataset, DocId};

/// How much one document supports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Support {
    pub events: usize,
    /// Relations it quotes directly or backs through one of their events.
    pub relations: usize,
    /// Claims one of whose positions it backs.
    pub claims: usize,
}

/// The list's order and counts, built once per dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourcesIndex {
    /// Oldest first, then by title.
    pub order: Vec<DocId>,
    pub support: Vec<Support>,
}

impl SourcesIndex {
    pub fn build(dataset: &Dataset) -> Self {
        let docs = dataset.documents.len();
        let mut event_docs: Vec<Vec<DocId>> = Vec::with_capacity(dataset.events.len());
        let mut support = vec![Support::default(); docs];
        for event in &dataset.events {
            let cited = distinct_docs(event.evidence.iter().map(|e| e.doc));
            for doc in &cited {
                support[doc.index()].events += 1;
            }
            event_docs.push(cited);
        }
        for relation in &dataset.relations {
            let direct = relation.evidence.iter().map(|e| e.doc);
            let via_events = relation
                .events
                .iter()
                .flat_map(|e| event_docs[e.index()].iter().copied());
            for doc in distinct_docs(direct.chain(via_events)) {
                support[doc.index()].relations += 1;
            }
        }
        for claim in &dataset.claims {
            let cited = claim
                .positions
                .iter()
                .flat_map(|p| p.evidence.iter().map(|e| e.doc));
            for doc in distinct_docs(cited) {
                support[doc.index()].claims += 1;
            }
        }
        let mut order: Vec<DocId> = (0..docs).map(DocId::from_index).collect();
        order.sort_by(|a, b| {
            let (a, b) = (dataset.document(*a), dataset.document(*b));
            (a.published.first_day(), &a.title).cmp(&(b.published.first_day(), &b.title))
        });
        Self { order, support }
    }
}

fn distinct_docs(docs: impl Iterator<Item = DocId>) -> Vec<DocId> {
    let mut docs: Vec<DocId> = docs.collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}
