//! Resolving a workspace file against a dataset: what still exists is restored as a fresh
//! view of the dataset, what does not is listed, and notes on vanished items are kept.

use super::{ItemRef, NoteFile, WorkspaceFile};
use crate::model::{Dataset, EventKind, Kind as _, PartialDate};
use crate::views::{Layout, NoteTarget, Selection, ViewState};

/// The view state a workspace describes, resolved against a dataset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    /// What resolved, as a fresh view of the dataset.
    pub state: ViewState,
    /// What could not be resolved, one line each ("note on event \"x\": no such event").
    pub unresolved: Vec<String>,
    /// Notes on items the dataset no longer has: kept, and written back on save.
    pub orphan_notes: Vec<NoteFile>,
    /// The dataset differs from the one the workspace was saved with.
    pub dataset_changed: bool,
}

impl WorkspaceFile {
    /// Restores what resolves in `dataset`, as a fresh view of it; lists (and keeps) what
    /// does not. The one conversion from file to state ([`WorkspaceFile::build`] is the other
    /// way).
    pub fn resolve(&self, dataset: &Dataset, content_hash: &str) -> Resolved {
        let mut unresolved = Vec::new();
        let mut orphan_notes = Vec::new();
        let mut state = ViewState::for_dataset(dataset);
        let mut missing = |what: &str, context: &str| {
            unresolved.push(format!("{context}: no {what} in the dataset"));
        };
        let actor = |id: &str, context: &str, missing: &mut dyn FnMut(&str, &str)| {
            let found = dataset.actor_by_key(id);
            if found.is_none() {
                missing(&format!("actor {id:?}"), context);
            }
            found
        };
        let f = &self.filters;
        let filters = &mut state.filters;
        filters.include_related = f.include_related;
        filters.search = f.search.clone();
        filters.corroboration = f.corroboration;
        filters.contested_only = f.contested_only;
        for id in &f.actors {
            if let Some(a) = actor(id, "actor filter", &mut missing) {
                filters.actors.insert(a);
            }
        }
        for code in &f.kinds {
            let kind = EventKind::from_code(code);
            if !dataset.index.event_kinds.contains(&kind) {
                missing(&format!("event of kind {code:?}"), "kind filter");
            }
            filters.kinds.insert(kind);
        }
        for id in &f.documents {
            match dataset.document_by_key(id) {
                Some(doc) => {
                    filters.documents.insert(doc);
                }
                None => missing(&format!("document {id:?}"), "document filter"),
            }
        }
        if let Some((from, to)) = &f.window {
            match (PartialDate::parse(from), PartialDate::parse(to)) {
                (Ok(a), Ok(b)) => filters.window = Some((a.first_day(), b.last_day())),
                _ => missing(&format!("valid window {from:?} – {to:?}"), "time window"),
            }
        }
        if let Some(item) = &self.selection {
            match resolve_item(dataset, item) {
                Some(selection) => state.selection = selection,
                None => missing(&item.to_string(), "selection"),
            }
        }
        // Lane order: the saved order first, then any actor it does not mention, in the
        // default order, so that new actors still get a lane.
        let timeline = &mut state.timeline;
        let default = std::mem::take(&mut timeline.lane_order);
        for id in &self.timeline.lane_order {
            if let Some(a) = actor(id, "lane order", &mut missing)
                && !timeline.lane_order.contains(&a)
            {
                timeline.lane_order.push(a);
            }
        }
        for a in default {
            if !timeline.lane_order.contains(&a) {
                timeline.lane_order.push(a);
            }
        }
        for id in &self.timeline.hidden {
            if let Some(a) = actor(id, "hidden lane", &mut missing) {
                timeline.hidden.insert(a);
            }
        }
        timeline.hide_empty = self.timeline.hide_empty;
        if let Some((from, to)) = self.timeline.view {
            timeline.zoom_to(from, to);
        }
        let mut nodes = Vec::new();
        for node in &self.graph.nodes {
            if let Some(a) = actor(&node.actor, "graph position", &mut missing) {
                nodes.push((a, [node.x, node.y], node.pinned));
            }
        }
        state.graph.restore(self.graph.camera, &nodes);
        state.graph.hide_inactive = self.graph.hide_inactive;
        state.graph.trim = crate::views::graph::Trim {
            focus: self.graph.focus.as_ref().and_then(|(a, steps)| {
                actor(a, "graph focus", &mut missing).map(|a| (a, (*steps).max(1)))
            }),
            min_events: self.graph.min_events,
        };
        for open in &self.open_documents {
            match dataset.document_by_key(&open.document) {
                Some(doc) => {
                    let len = dataset.document(doc).text.len();
                    let focus = open
                        .focus
                        .filter(|(a, b)| a < b && *b <= len)
                        .map(|(a, b)| a..b);
                    state.reader.open(doc, focus);
                }
                None => missing(&format!("document {:?}", open.document), "open document"),
            }
        }
        state.layout = Layout::from(&self.layout);
        for note in &self.notes {
            let target = match resolve_item(dataset, &note.item) {
                Some(Selection::Event(e)) => Some(NoteTarget::Event(e)),
                Some(Selection::Actor(a)) => Some(NoteTarget::Actor(a)),
                Some(Selection::Relation(r)) => Some(NoteTarget::Relation(r)),
                _ => None,
            };
            match target {
                Some(target) => {
                    if !note.text.is_empty() {
                        state.annotations.notes.insert(target, note.text.clone());
                    }
                    if note.bookmarked {
                        state.annotations.bookmarks.insert(target);
                    }
                }
                None => {
                    missing(&note.item.to_string(), "note (kept in the file)");
                    orphan_notes.push(note.clone());
                }
            }
        }
        Resolved {
            state,
            unresolved,
            orphan_notes,
            dataset_changed: !self.content_hash.is_empty() && self.content_hash != content_hash,
        }
    }
}

pub(super) fn resolve_item(dataset: &Dataset, item: &ItemRef) -> Option<Selection> {
    Some(match item {
        ItemRef::Event(id) => Selection::Event(dataset.event_by_key(id)?),
        ItemRef::Actor(id) => Selection::Actor(dataset.actor_by_key(id)?),
        ItemRef::Relation(id) => Selection::Relation(dataset.relation_by_key(id)?),
        ItemRef::Link(a, b) => Selection::link(dataset.actor_by_key(a)?, dataset.actor_by_key(b)?),
        ItemRef::Claim(id) => Selection::Claim(dataset.claim_by_key(id)?),
        ItemRef::Document(id) => Selection::Document(dataset.document_by_key(id)?),
    })
}
