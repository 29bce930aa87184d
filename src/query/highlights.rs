//! The evidence in each document: every quoted span with everything it backs (events,
//! claim positions, relations, actor descriptions), cut into non-overlapping segments with
//! their character offsets, so that the reader can highlight a document and find what is
//! under the pointer by binary search. Built once per dataset; pure.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::{ActorId, ClaimId, Dataset, DocId, EventId, Evidence, RelationId};

/// One quoted span of a document and everything it is evidence for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passage {
    /// Byte range in the document's text.
    pub span: Range<usize>,
    /// The same range in characters, as the text layout counts.
    pub chars: Range<usize>,
    pub events: Vec<EventId>,
    /// Claims, with the index of the position the passage backs.
    pub claims: Vec<(ClaimId, usize)>,
    pub relations: Vec<RelationId>,
    /// Actors whose description it backs.
    pub actors: Vec<ActorId>,
}

/// A stretch of text covered by the same passages (passages may overlap or nest).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub bytes: Range<usize>,
    pub chars: Range<usize>,
    /// Indexes into [`DocHighlights::passages`], the shortest (innermost) first.
    pub passages: Vec<usize>,
}

/// The evidence in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocHighlights {
    /// Sorted by span.
    pub passages: Vec<Passage>,
    /// In text order, not overlapping.
    pub segments: Vec<Segment>,
    /// How many distinct events the document supports.
    pub events: usize,
}

impl DocHighlights {
    /// The passage quoting exactly `span`.
    pub fn passage(&self, span: &Range<usize>) -> Option<&Passage> {
        self.passages
            .binary_search_by(|p| (p.span.start, p.span.end).cmp(&(span.start, span.end)))
            .ok()
            .map(|n| &self.passages[n])
    }

    /// The segment holding the character at `char_index`.
    pub fn segment_at_char(&self, char_index: usize) -> Option<&Segment> {
        let n = self.segments.partition_point(|s| s.chars.end <= char_index);
        self.segments.get(n).filter(|s| s.chars.start <= char_index)
    }

    /// The segment holding the byte at `byte`.
    pub fn segment_at_byte(&self, byte: usize) -> Option<&Segment> {
        let n = self.segments.partition_point(|s| s.bytes.end <= byte);
        self.segments.get(n).filter(|s| s.bytes.start <= byte)
    }
}

/// Every document's evidence, built once per dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlights {
    pub docs: Vec<DocHighlights>,
}

impl Highlights {
    pub fn build(dataset: &Dataset) -> Self {
        let mut by_span: Vec<BTreeMap<(usize, usize), Passage>> =
            vec![BTreeMap::new(); dataset.documents.len()];
        for (n, event) in dataset.events.iter().enumerate() {
            for evidence in &event.evidence {
                if let Some(p) = passage_mut(&mut by_span, evidence) {
                    p.events.push(EventId::from_index(n));
                }
            }
        }
        for (n, relation) in dataset.relations.iter().enumerate() {
            for evidence in &relation.evidence {
                if let Some(p) = passage_mut(&mut by_span, evidence) {
                    p.relations.push(RelationId::from_index(n));
                }
            }
        }
        for (n, actor) in dataset.actors.iter().enumerate() {
            for evidence in &actor.evidence {
                if let Some(p) = passage_mut(&mut by_span, evidence) {
                    p.actors.push(ActorId::from_index(n));
                }
            }
        }
        for (n, claim) in dataset.claims.iter().enumerate() {
            for (position_index, position) in claim.positions.iter().enumerate() {
                for evidence in &position.evidence {
                    if let Some(p) = passage_mut(&mut by_span, evidence) {
                        p.claims.push((ClaimId::from_index(n), position_index));
                    }
                }
            }
        }
        let docs = by_span
            .into_iter()
            .zip(&dataset.documents)
            .map(|(map, doc)| {
                let mut passages: Vec<Passage> = map.into_values().collect();
                for p in &mut passages {
                    // Ids were pushed in increasing order; one item may quote a span twice.
                    p.events.dedup();
                    p.claims.dedup();
                    p.relations.dedup();
                    p.actors.dedup();
                }
                let segments = segments(&doc.text, &mut passages);
                let mut events: Vec<EventId> =
                    passages.iter().flat_map(|p| p.events.clone()).collect();
                events.sort_unstable();
                events.dedup();
                DocHighlights {
                    passages,
                    segments,
                    events: events.len(),
                }
            })
            .collect();
        Self { docs }
    }

    pub fn doc(&self, doc: DocId) -> Option<&DocHighlights> {
        self.docs.get(doc.index())
    }
}

fn passage_mut<'a>(
    by_span: &'a mut [BTreeMap<(usize, usize), Passage>],
    evidence: &Evidence,
) -> Option<&'a mut Passage> {
    let map = by_span.get_mut(evidence.doc.index())?;
    Some(
        map.entry((evidence.span.start, evidence.span.end))
            .or_insert_with(|| Passage {
                span: evidence.span.clone(),
                ..Passage::default()
            }),
    )
}

/// Cuts the text at every passage boundary into segments, and fills in the passages' character
/// ranges on the way.
fn segments(text: &str, passages: &mut [Passage]) -> Vec<Segment> {
    let mut bounds: Vec<usize> = passages
        .iter()
        .flat_map(|p| [p.span.start, p.span.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let chars = char_offsets(text, &bounds);
    let char_of = |byte: usize| {
        bounds
            .binary_search(&byte)
            .ok()
            .and_then(|n| chars.get(n).copied())
            .unwrap_or(0)
    };
    for p in passages.iter_mut() {
        p.chars = char_of(p.span.start)..char_of(p.span.end);
    }
    let mut out = Vec::new();
    for (n, pair) in bounds.windows(2).enumerate() {
        let (from, to) = (pair[0], pair[1]);
        let mut covering: Vec<usize> = passages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.span.start <= from && to <= p.span.end)
            .map(|(i, _)| i)
            .collect();
        if covering.is_empty() {
            continue;
        }
        covering.sort_by_key(|&i| (passages[i].span.len(), i));
        out.push(Segment {
            bytes: from..to,
            chars: chars[n]..chars[n + 1],
            passages: covering,
        });
    }
    out
}

/// The character offset of each of the sorted byte offsets, counted in one pass.
pub fn char_offsets(text: &str, sorted_bytes: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let (mut chars, mut previous) = (0, 0);
    for &byte in sorted_bytes {
        chars += text.get(previous..byte).map_or(0, |s| s.chars().count());
        previous = byte;
        out.push(chars);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_passages_split_into_segments_with_char_ranges() {
        // "é" is two bytes: character and byte offsets differ after it.
        let text = "é abc def ghi";
        let at = |s: &str| text.find(s).expect(s);
        let mut passages = vec![
            Passage {
                span: at("abc")..at("ghi"),
                events: vec![EventId(0)],
                ..Passage::default()
            },
            Passage {
                span: at("def")..text.len(),
                claims: vec![(ClaimId(0), 1)],
                ..Passage::default()
            },
        ];
        let segments = segments(text, &mut passages);
        assert_eq!(passages[0].chars, 2..10);
        assert_eq!(passages[1].chars, 6..13);
        let pieces: Vec<(&str, Vec<usize>)> = segments
            .iter()
            .map(|s| (&text[s.bytes.clone()], s.passages.clone()))
            .collect();
        assert_eq!(
            pieces,
            vec![
                ("abc ", vec![0]),
                // Both cover it; the shorter one ("def ghi", 7 bytes) first.
                ("def ", vec![1, 0]),
                ("ghi", vec![1]),
            ]
        );
        let doc = DocHighlights {
            passages,
            segments,
            events: 1,
        };
        assert_eq!(doc.segment_at_char(7).map(|s| s.chars.clone()), Some(6..10));
        assert_eq!(doc.segment_at_char(1), None);
        assert!(doc.passage(&(at("def")..text.len())).is_some());
    }
}
