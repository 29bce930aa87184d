//! How items are named in views, tooltips and accessibility: one function per name, so that
//! the graph, the inspector, the reader and the tests all say the same thing.

use crate::model::{Dataset, Kind as _, RelationId};
use crate::query::Derived;

/// "Mali → Russia: military cooperation" (→ for directed relations, – otherwise).
pub fn relation_label(dataset: &Dataset, id: RelationId) -> String {
    let relation = dataset.relation(id);
    let arrow = if relation.directed { "→" } else { "–" };
    format!(
        "{} {arrow} {}: {}",
        dataset.actor(relation.source).name,
        dataset.actor(relation.target).name,
        relation.kind.label().to_lowercase()
    )
}

/// "Mali – Russia: military cooperation, 7 events" — the accessible name of an edge (the
/// count is of backing events inside the current filters and time window).
pub fn edge_label(dataset: &Dataset, derived: &Derived, relation: RelationId) -> String {
    let count = derived
        .relation_counts
        .get(relation.index())
        .copied()
        .unwrap_or(0);
    let contested = dataset
        .relation(relation)
        .events
        .iter()
        .any(|&e| derived.is_visible(e) && dataset.is_contested(e));
    format!(
        "{}, {count} event{}{}",
        relation_label(dataset, relation),
        if count == 1 { "" } else { "s" },
        if contested { ", contested" } else { "" }
    )
}
