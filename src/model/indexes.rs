//! Lookups derived once from a validated dataset: events in time order and per actor,
//! relations per actor and per event, claims per event, keys to ids, the time extent.

use std::collections::HashMap;

use super::{ActorId, ClaimId, Dataset, Day, DocId, EventId, EventKind, RelationId};

/// Lookups derived once at load time.
#[derive(Clone, Debug, Default)]
pub struct Indexes {
    /// All events in time order (see [`When::sort_key`]), ties broken by key.
    pub events_by_time: Vec<EventId>,
    /// Position of each event in `events_by_time`.
    pub time_rank: Vec<u32>,
    /// For each actor, its events in time order.
    pub events_by_actor: Vec<Vec<EventId>>,
    /// For each actor, the relations it is an endpoint of.
    pub relations_by_actor: Vec<Vec<RelationId>>,
    /// For each event, the relations it backs.
    pub relations_by_event: Vec<Vec<RelationId>>,
    /// For each event, the claims that involve it.
    pub claims_by_event: Vec<Vec<ClaimId>>,
    /// The event kinds that occur, sorted.
    pub event_kinds: Vec<EventKind>,
    /// Every actor, sorted by name: case-insensitively, and numbers by their value ("Group 2"
    /// before "Group 10", as a person reads them).
    pub actors_by_name: Vec<ActorId>,
    /// The first and last day any event covers (`None` without events).
    pub extent: Option<(Day, Day)>,
    /// The first and the last day of each event, in the order of `events_by_time` (so the
    /// first days are sorted): where the events are in time, without visiting the events.
    pub first_days: Vec<Day>,
    pub last_days: Vec<Day>,
    /// For each actor, its direct children (Lavrov under Russia).
    pub children: Vec<Vec<ActorId>>,
    pub document_keys: HashMap<String, DocId>,
    pub actor_keys: HashMap<String, ActorId>,
    pub event_keys: HashMap<String, EventId>,
    pub relation_keys: HashMap<String, RelationId>,
    pub claim_keys: HashMap<String, ClaimId>,
}

impl Indexes {
    /// Fills `dataset.index` from its items (after validation found no problem), and sorts each
    /// relation's and claim's events in time order.
    pub fn build(dataset: &mut Dataset) {
        let events = &dataset.events;
        // Sorted by the days first, kept beside each id (a million events would otherwise be
        // visited at random for every comparison); keys are compared only between ties.
        let mut keyed: Vec<((Day, Day), EventId)> = events
            .iter()
            .enumerate()
            .map(|(n, e)| (e.when.sort_key(), EventId::from_index(n)))
            .collect();
        keyed.sort_unstable_by(|(a_days, a), (b_days, b)| {
            a_days
                .cmp(b_days)
                .then_with(|| events[a.index()].key.cmp(&events[b.index()].key))
                .then(a.cmp(b))
        });
        let by_time: Vec<EventId> = keyed.into_iter().map(|(_, id)| id).collect();
        let mut time_rank = vec![0; events.len()];
        for (rank, id) in by_time.iter().enumerate() {
            time_rank[id.index()] = rank as u32;
        }
        let mut events_by_actor = vec![Vec::new(); dataset.actors.len()];
        for &id in &by_time {
            for (actor, _) in &events[id.index()].participants {
                events_by_actor[actor.index()].push(id);
            }
        }
        let mut relations_by_actor = vec![Vec::new(); dataset.actors.len()];
        let mut relations_by_event = vec![Vec::new(); events.len()];
        for (n, relation) in dataset.relations.iter_mut().enumerate() {
            let id = RelationId::from_index(n);
            relations_by_actor[relation.source.index()].push(id);
            if relation.target != relation.source {
                relations_by_actor[relation.target.index()].push(id);
            }
            relation.events.sort_by_key(|e| time_rank[e.index()]);
            relation.events.dedup();
            for event in &relation.events {
                relations_by_event[event.index()].push(id);
            }
        }
        let mut claims_by_event = vec![Vec::new(); events.len()];
        for (n, claim) in dataset.claims.iter_mut().enumerate() {
            claim.events.sort_by_key(|e| time_rank[e.index()]);
            claim.events.dedup();
            for event in &claim.events {
                claims_by_event[event.index()].push(ClaimId::from_index(n));
            }
        }
        let mut children = vec![Vec::new(); dataset.actors.len()];
        for (n, actor) in dataset.actors.iter().enumerate() {
            if let Some(parent) = actor.parent {
                children[parent.index()].push(ActorId::from_index(n));
            }
        }
        let mut event_kinds: Vec<_> = dataset.events.iter().map(|e| &e.kind).collect();
        event_kinds.sort();
        event_kinds.dedup();
        let event_kinds = event_kinds.into_iter().cloned().collect();
        let mut actors_by_name: Vec<ActorId> =
            (0..dataset.actors.len()).map(ActorId::from_index).collect();
        actors_by_name.sort_by_cached_key(|a| natural_key(&dataset.actors[a.index()].name));
        let extent = dataset
            .events
            .iter()
            .map(|e| e.when.first_day())
            .min()
            .zip(dataset.events.iter().map(|e| e.when.last_day()).max());
        let (first_days, last_days) = by_time
            .iter()
            .map(|e| {
                let when = dataset.events[e.index()].when;
                (when.first_day(), when.last_day())
            })
            .unzip();
        let index = &mut dataset.index;
        index.extent = extent;
        index.first_days = first_days;
        index.last_days = last_days;
        index.event_kinds = event_kinds;
        index.actors_by_name = actors_by_name;
        index.events_by_time = by_time;
        index.time_rank = time_rank;
        index.events_by_actor = events_by_actor;
        index.relations_by_actor = relations_by_actor;
        index.relations_by_event = relations_by_event;
        index.claims_by_event = claims_by_event;
        index.children = children;
    }
}
/// A name as it sorts for a reader: lower case, each run of digits by its value.
fn natural_key(name: &str) -> Vec<(String, u128)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut digits = String::from(c);
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            // Very long runs sort after the rest, as text.
            let value = digits.parse::<u128>().unwrap_or(u128::MAX);
            key.push((std::mem::take(&mut text), value));
        } else {
            text.extend(c.to_lowercase());
        }
    }
    key.push((text, 0));
    key
}

#[cfg(test)]
mod tests {
    use super::natural_key;

    #[test]
    fn names_sort_as_a_person_reads_them() {
        let mut names = vec![
            "Group 10",
            "group 2",
            "Group 1",
            "Group",
            "Battalion 100",
            "battalion 20",
            "al-Qaeda",
            "ACLED",
            "France 24",
        ];
        names.sort_by_cached_key(|n| natural_key(n));
        assert_eq!(
            names,
            [
                "ACLED",
                "al-Qaeda",
                "battalion 20",
                "Battalion 100",
                "France 24",
                "Group",
                "Group 1",
                "group 2",
                "Group 10"
            ]
        );
    }
}
