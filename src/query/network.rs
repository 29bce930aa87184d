//! Network analysis over the relations visible under the current filters. (Being built:
//! issue 5.)

use crate::model::{ActorId, Dataset, RelationId};

use super::Derived;

/// The shortest chain of relations from `from` to `to` among relations with at least one
/// visible backing event (or undated evidence), if there is one.
pub fn shortest_path(
    dataset: &Dataset,
    derived: &Derived,
    from: ActorId,
    to: ActorId,
) -> Option<Vec<RelationId>> {
    let _ = (dataset, derived, from, to);
    None
}
