//! What is visible: filters, search, and the data derived from them (visible events, lane
//! contents, per-relation counts inside the time window).
//!
//! Everything here is O(dataset) and therefore computed only when its inputs change, never per
//! frame: the app keeps a [`Derived`] and rebuilds it when the [`Filters`] differ from the
//! ones it was built for.

pub mod extent;
pub mod graph;
pub mod highlights;
pub mod network;
pub mod record;
pub mod search;
pub mod sources;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::{ActorId, Dataset, Day, DocId, EventId, EventKind};

pub use search::{SearchIndex, fold};

/// Which events the analyst wants to see. Empty sets mean "no restriction".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Events in which any of these actors takes part.
    pub actors: BTreeSet<ActorId>,
    /// Also count the actors' related actors (Lavrov for Russia, MINUSMA for the UN).
    pub include_related: bool,
    pub kinds: BTreeSet<EventKind>,
    /// Events supported by any of these documents.
    pub documents: BTreeSet<DocId>,
    /// Inclusive days; events that overlap it are visible.
    pub window: Option<(Day, Day)>,
    pub search: String,
    pub corroboration: Corroboration,
    /// Only events that some contested claim involves.
    pub contested_only: bool,
}

/// How many independent documents an event needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Corroboration {
    #[default]
    Any,
    /// Exactly one document supports it.
    SingleSource,
    /// Two or more documents support it.
    Corroborated,
}

impl Filters {
    /// Whether anything other than the time window restricts the view.
    pub fn is_restrictive(&self) -> bool {
        *self
            != Self {
                window: self.window,
                include_related: self.include_related,
                ..Self::default()
            }
    }
}

/// Data derived from the dataset and the filters, rebuilt only when they change.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// Unique to each computation (0 for the empty default): what caches of things computed
    /// from the derived data are keyed by, since the same filters can give different derived
    /// data (a dataset edit, or a search whose recompute waits for typing to pause).
    pub generation: u64,
    /// For each event, whether it passes the filters.
    pub visible: Vec<bool>,
    /// The visible events, in time order.
    pub events: Vec<EventId>,
    /// For each actor, its visible events in time order (its timeline lane).
    pub lane_events: Vec<Vec<EventId>>,
    /// For each actor, the first day of each of its visible events, in the same order as
    /// `lane_events` (sorted): lets the timeline count events in a day range by binary search.
    pub lane_first_days: Vec<Vec<Day>>,
    /// For each actor, the longest span (last − first day) among its visible events: how far
    /// before a range's start an event may begin and still reach into it.
    pub lane_max_span: Vec<Day>,
    /// The first day of each visible event, in the order of `events` (sorted).
    pub first_days: Vec<Day>,
    /// The last days of the visible events, sorted: with `first_days`, counts the events
    /// entirely before or after a range by binary search.
    pub last_days_sorted: Vec<Day>,
    /// For each relation, how many of its backing events are visible.
    pub relation_counts: Vec<u32>,
    /// The number of actors taking part in at least one visible event.
    pub visible_actors: usize,
    /// The actors the actor filter expands to (with related actors), if it is set.
    pub actor_scope: Option<BTreeSet<ActorId>>,
}

impl Derived {
    pub fn compute(dataset: &Dataset, search: &SearchIndex, filters: &Filters) -> Self {
        let actor_scope = (!filters.actors.is_empty()).then(|| {
            let mut scope = filters.actors.clone();
            if filters.include_related {
                for &actor in &filters.actors {
                    scope.extend(related_actors(dataset, actor));
                }
            }
            scope
        });
        let matches = search.matching_events(dataset, &filters.search);
        let mut visible = vec![false; dataset.events.len()];
        for (n, event) in dataset.events.iter().enumerate() {
            let id = EventId::from_index(n);
            let ok = filters
                .window
                .is_none_or(|(from, to)| event.when.overlaps(from, to))
                && (filters.kinds.is_empty() || filters.kinds.contains(&event.kind))
                && actor_scope
                    .as_ref()
                    .is_none_or(|scope| event.participants.iter().any(|(a, _)| scope.contains(a)))
                && (filters.documents.is_empty()
                    || event
                        .evidence
                        .iter()
                        .any(|e| filters.documents.contains(&e.doc)))
                && match filters.corroboration {
                    Corroboration::Any => true,
                    Corroboration::SingleSource => dataset.source_count(id) == 1,
                    Corroboration::Corroborated => dataset.source_count(id) >= 2,
                }
                && (!filters.contested_only || dataset.is_contested(id))
                && matches.as_ref().is_none_or(|m| m[n]);
            visible[n] = ok;
        }
        let events: Vec<EventId> = dataset
            .index
            .events_by_time
            .iter()
            .copied()
            .filter(|e| visible[e.index()])
            .collect();
        let first_days: Vec<Day> = events
            .iter()
            .map(|e| dataset.event(*e).when.first_day())
            .collect();
        let mut last_days_sorted: Vec<Day> = events
            .iter()
            .map(|e| dataset.event(*e).when.last_day())
            .collect();
        last_days_sorted.sort_unstable();
        let lane_events: Vec<Vec<EventId>> = dataset
            .index
            .events_by_actor
            .iter()
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|e| visible[e.index()])
                    .collect()
            })
            .collect();
        let lane_first_days: Vec<Vec<Day>> = lane_events
            .iter()
            .map(|list| {
                list.iter()
                    .map(|e| dataset.event(*e).when.first_day())
                    .collect()
            })
            .collect();
        let lane_max_span = lane_events
            .iter()
            .map(|list| {
                list.iter()
                    .map(|e| {
                        let when = dataset.event(*e).when;
                        when.last_day() - when.first_day()
                    })
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let relation_counts = dataset
            .relations
            .iter()
            .map(|r| r.events.iter().filter(|e| visible[e.index()]).count() as u32)
            .collect();
        let visible_actors = lane_events.iter().filter(|l| !l.is_empty()).count();
        static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            visible,
            events,
            first_days,
            last_days_sorted,
            lane_events,
            lane_first_days,
            lane_max_span,
            relation_counts,
            visible_actors,
            actor_scope,
        }
    }

    /// How many visible events lie entirely before `from` and entirely after `to` (days).
    pub fn outside(&self, from: Day, to: Day) -> (usize, usize) {
        let before = self.last_days_sorted.partition_point(|&d| d < from);
        let after = self.first_days.len() - self.first_days.partition_point(|&d| d <= to);
        (before, after)
    }

    pub fn is_visible(&self, event: EventId) -> bool {
        self.visible.get(event.index()).copied().unwrap_or(false)
    }
}

/// An actor's related actors: everything below it in the parent tree (Russia → Lavrov, Putin)
/// and the actor it belongs to.
pub fn related_actors(dataset: &Dataset, actor: ActorId) -> Vec<ActorId> {
    let mut out = Vec::new();
    let mut stack = vec![actor];
    while let Some(next) = stack.pop() {
        for &child in &dataset.index.children[next.index()] {
            if !out.contains(&child) {
                out.push(child);
                stack.push(child);
            }
        }
    }
    if let Some(parent) = dataset.actor(actor).parent
        && !out.contains(&parent)
    {
        out.push(parent);
    }
    out
}
