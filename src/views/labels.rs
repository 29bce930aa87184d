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

/// "Mali – Russia: 8 links, 23 events, contested" — the accessible name of the graph's link
/// between two actors when it bundles several relations (one relation: its
/// [`edge_label`]). Counts are of backing events inside the current filters.
pub fn link_label(dataset: &Dataset, derived: &Derived, relations: &[RelationId]) -> String {
    if let [only] = relations {
        return edge_label(dataset, derived, *only);
    }
    let Some(&first) = relations.first() else {
        return String::new();
    };
    let r = dataset.relation(first);
    let (a, b) = if r.source < r.target {
        (r.source, r.target)
    } else {
        (r.target, r.source)
    };
    let mut events = Vec::new();
    crate::query::graph::events_behind(dataset, relations, &mut events);
    let visible = || events.iter().filter(|&&e| derived.is_visible(e));
    let count = visible().count();
    let contested = visible().any(|&e| dataset.is_contested(e));
    format!(
        "{} – {}: {} links, {count} event{}{}",
        dataset.actor(a).name,
        dataset.actor(b).name,
        relations.len(),
        if count == 1 { "" } else { "s" },
        if contested { ", contested" } else { "" }
    )
}

/// One relation of a bundled link, for its breakdown (tooltip and inspector).
#[derive(Clone, Debug)]
pub struct LinkRow {
    pub relation: RelationId,
    pub kind: crate::model::RelationKind,
    /// [`relation_label`].
    pub label: String,
    /// Backing events inside the current filters, and in all.
    pub visible: u32,
    pub total: usize,
}

/// The relations of a link, the best attested in the window first (then by id).
pub fn link_breakdown(
    dataset: &Dataset,
    derived: &Derived,
    relations: &[RelationId],
) -> Vec<LinkRow> {
    let mut rows: Vec<LinkRow> = relations
        .iter()
        .map(|&r| {
            let relation = dataset.relation(r);
            LinkRow {
                relation: r,
                kind: relation.kind.clone(),
                label: relation_label(dataset, r),
                visible: derived.relation_counts.get(r.index()).copied().unwrap_or(0),
                total: relation.events.len(),
            }
        })
        .collect();
    rows.sort_by_key(|row| (std::cmp::Reverse(row.visible), row.relation));
    rows
}
