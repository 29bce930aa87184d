//! Converting each kind of item: documents (and their texts), actors, events, relations and
//! claims, resolving references by id and locating every quote; parent cycles.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::quotes::Quotes;
use super::{Item, TextError, Validator};
use crate::model::raw::{RawDataset, RawEvidence};
use crate::model::{
    Actor, ActorId, Claim, ClaimId, Dataset, DocId, Document, Event, EventId, Evidence, Indexes,
    PartialDate, Position, ProblemKind, Relation, RelationId, When,
};

impl Validator<'_> {
    pub(super) fn run(&mut self, raw: RawDataset, read_text: &mut super::ReadText<'_>) -> Dataset {
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
            let text: Arc<str> = match read_text(&raw_doc.file, raw_doc.encoding.as_deref()) {
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
                encoding: raw_doc.encoding,
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
            // An imported record: a passage of the first evidence's document that holds it.
            let record = raw_event.record.map(|(start, end)| start..end);
            if let (Some(span), Some(first)) = (&record, evidence.first()) {
                let text = &quotes.documents[first.doc.index()].text;
                let holds = span.start <= first.span.start && first.span.end <= span.end;
                if text.get(span.clone()).is_none() || !holds {
                    self.report(
                        &item,
                        None,
                        ProblemKind::BadRecord {
                            start: span.start,
                            end: span.end,
                        },
                    );
                }
            }
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
                record,
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

        let mut focus = Vec::new();
        for key in &raw.focus_actors {
            match index.actor_keys.get(key) {
                Some(&actor) if !focus.contains(&actor) => focus.push(actor),
                Some(_) => {}
                None => {
                    let item = Item {
                        label: "focus_actors".to_owned(),
                        offset: self.locator.text.find("focus_actors"),
                    };
                    self.dangling(&item, "actor", key);
                }
            }
        }
        let mut dataset = Dataset {
            title: raw.title,
            focus,
            documents,
            actors,
            events,
            relations,
            claims,
            index,
        };
        if self.problems.is_empty() {
            Indexes::build(&mut dataset);
        }
        dataset
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
