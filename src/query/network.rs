//! Network analysis over the relations visible under the current filters: which links are
//! active, the shortest chain of links between two actors, and degree and betweenness
//! centrality (Brandes), memoised so that they are computed once per change of filters.
//!
//! A relation is *active* when at least one of its backing events is visible, or when it has
//! no backing event at all (only undated evidence, which no time window can exclude).

use std::collections::VecDeque;
use std::sync::Arc;

use crate::model::{ActorId, Dataset, RelationId};

use super::Derived;

/// Whether a relation counts under the current filters.
pub fn is_active(dataset: &Dataset, derived: &Derived, relation: RelationId) -> bool {
    derived
        .relation_counts
        .get(relation.index())
        .is_some_and(|&n| n > 0)
        || dataset.relation(relation).events.is_empty()
}

/// The shortest chain of relations from `from` to `to` among relations with at least one
/// visible backing event (never through a link with no event in the time window, not even an
/// undated one), if there is one. Among equally short chains
/// the one through the best-attested links wins (more visible events, then lower id), so the
/// answer is deterministic.
pub fn shortest_path(
    dataset: &Dataset,
    derived: &Derived,
    from: ActorId,
    to: ActorId,
) -> Option<Vec<RelationId>> {
    let n = dataset.actors.len();
    if from.index() >= n || to.index() >= n {
        return None;
    }
    if from == to {
        return Some(Vec::new());
    }
    let count = |r: RelationId| derived.relation_counts.get(r.index()).copied().unwrap_or(0);
    let mut via: Vec<Option<RelationId>> = vec![None; n];
    let mut seen = vec![false; n];
    seen[from.index()] = true;
    let mut queue = VecDeque::from([from]);
    let mut links: Vec<RelationId> = Vec::new();
    while let Some(actor) = queue.pop_front() {
        links.clear();
        links.extend(
            dataset.index.relations_by_actor[actor.index()]
                .iter()
                .copied()
                .filter(|&r| count(r) > 0),
        );
        links.sort_by_key(|&r| (std::cmp::Reverse(count(r)), r));
        for &r in &links {
            let relation = dataset.relation(r);
            let other = if relation.source == actor {
                relation.target
            } else {
                relation.source
            };
            if seen[other.index()] {
                continue;
            }
            seen[other.index()] = true;
            via[other.index()] = Some(r);
            if other == to {
                let mut path = Vec::new();
                let mut at = to;
                while at != from {
                    let r = via[at.index()]?;
                    path.push(r);
                    let relation = dataset.relation(r);
                    at = if relation.source == at {
                        relation.target
                    } else {
                        relation.source
                    };
                }
                path.reverse();
                return Some(path);
            }
            queue.push_back(other);
        }
    }
    None
}

/// The actors along a path of relations, from its first actor to its last.
pub fn path_actors(dataset: &Dataset, path: &[RelationId]) -> Vec<ActorId> {
    let Some(&first) = path.first() else {
        return Vec::new();
    };
    let r0 = dataset.relation(first);
    let start = match path.get(1).map(|&r| dataset.relation(r)) {
        Some(r1) if r0.source == r1.source || r0.source == r1.target => r0.target,
        _ => r0.source,
    };
    let mut out = vec![start];
    let mut at = start;
    for &r in path {
        let relation = dataset.relation(r);
        at = if relation.source == at {
            relation.target
        } else {
            relation.source
        };
        out.push(at);
    }
    out
}

/// Degree and betweenness of every actor in the network of active relations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Centrality {
    /// Distinct neighbours through active relations.
    pub degree: Vec<u32>,
    /// Active relations the actor is an endpoint of (parallel links counted apart).
    pub links: Vec<u32>,
    /// Shortest paths between other pairs that pass through the actor (unordered pairs).
    pub betweenness: Vec<f64>,
    /// Betweenness over the number of pairs it could lie between: 0 to 1.
    pub normalised: Vec<f64>,
    /// Actors with at least one active relation.
    pub nodes: usize,
    /// `Some(k)` when betweenness was estimated from `k` source actors (large networks).
    pub sampled_sources: Option<usize>,
}

/// Above this many actors in the network, betweenness is estimated from a fixed sample of
/// sources instead of all of them (exact Brandes is O(nodes × links)).
pub const EXACT_BETWEENNESS_MAX: usize = 2_000;
/// How many sources the estimate uses.
pub const BETWEENNESS_SAMPLES: usize = 200;

impl Centrality {
    pub fn compute(dataset: &Dataset, derived: &Derived) -> Self {
        let n = dataset.actors.len();
        let mut links = vec![0u32; n];
        let mut neighbours: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (k, relation) in dataset.relations.iter().enumerate() {
            if !is_active(dataset, derived, RelationId::from_index(k)) {
                continue;
            }
            let (a, b) = (relation.source.index(), relation.target.index());
            links[a] += 1;
            links[b] += 1;
            neighbours[a].push(b as u32);
            neighbours[b].push(a as u32);
        }
        for list in &mut neighbours {
            list.sort_unstable();
            list.dedup();
        }
        let degree: Vec<u32> = neighbours.iter().map(|l| l.len() as u32).collect();
        let members: Vec<usize> = (0..n).filter(|&i| degree[i] > 0).collect();
        let nodes = members.len();
        let (sources, sampled_sources): (Vec<usize>, Option<usize>) =
            if nodes > EXACT_BETWEENNESS_MAX {
                // Evenly spaced over the members: deterministic and spread across the network.
                let k = BETWEENNESS_SAMPLES;
                let picked = (0..k).map(|s| members[s * nodes / k]).collect();
                (picked, Some(k))
            } else {
                (members.clone(), None)
            };
        let mut betweenness = brandes(&neighbours, &sources);
        let scale = match sampled_sources {
            Some(k) => nodes as f64 / k as f64,
            None => 1.0,
        };
        // Each unordered pair was counted from both ends.
        for b in &mut betweenness {
            *b *= scale / 2.0;
        }
        let pairs = if nodes > 2 {
            ((nodes - 1) * (nodes - 2)) as f64 / 2.0
        } else {
            1.0
        };
        let normalised = betweenness.iter().map(|b| b / pairs).collect();
        Self {
            degree,
            links,
            betweenness,
            normalised,
            nodes,
            sampled_sources,
        }
    }

    /// 1 for the most between actor; actors with equal scores share a rank.
    pub fn betweenness_rank(&self, actor: ActorId) -> usize {
        let mine = self.betweenness.get(actor.index()).copied().unwrap_or(0.0);
        1 + self
            .betweenness
            .iter()
            .filter(|&&b| b > mine + 1e-9)
            .count()
    }
}

/// Brandes' algorithm on an unweighted graph, accumulating from the given sources only.
fn brandes(neighbours: &[Vec<u32>], sources: &[usize]) -> Vec<f64> {
    let n = neighbours.len();
    let mut out = vec![0.0f64; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![-1i32; n];
    let mut delta = vec![0.0f64; n];
    let mut stack: Vec<u32> = Vec::with_capacity(n);
    let mut queue: VecDeque<u32> = VecDeque::with_capacity(n);
    for &s in sources {
        // Reset only what the previous source touched.
        for &v in &stack {
            sigma[v as usize] = 0.0;
            dist[v as usize] = -1;
            delta[v as usize] = 0.0;
        }
        stack.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s as u32);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            let dv = dist[v as usize];
            for &w in &neighbours[v as usize] {
                let w = w as usize;
                if dist[w] < 0 {
                    dist[w] = dv + 1;
                    queue.push_back(w as u32);
                }
                if dist[w] == dv + 1 {
                    sigma[w] += sigma[v as usize];
                }
            }
        }
        for &w in stack.iter().rev() {
            let w = w as usize;
            for &v in &neighbours[w] {
                let v = v as usize;
                if dist[v] == dist[w] - 1 {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
            }
            if w != s {
                out[w] += delta[w];
            }
        }
    }
    out
}

/// Remembers the last [`Centrality`] and the derived data it was computed from, so that views
/// can ask for it every frame and pay only when what is visible changes. One memo serves one
/// dataset (the app keeps one per loaded dataset).
#[derive(Debug, Default)]
pub struct CentralityMemo {
    /// The [`Derived::generation`] the value was computed from.
    derived: Option<u64>,
    value: Arc<Centrality>,
}

impl CentralityMemo {
    pub fn get(&mut self, dataset: &Dataset, derived: &Derived) -> Arc<Centrality> {
        if self.derived != Some(derived.generation) {
            self.value = Arc::new(Centrality::compute(dataset, derived));
            self.derived = Some(derived.generation);
        }
        self.value.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Filters;
    use crate::query::SearchIndex;

    fn small() -> Dataset {
        crate::synth::synthetic(50, 5, 1)
    }

    #[test]
    fn brandes_on_a_path_graph() {
        // 0 – 1 – 2 – 3: node 1 lies between (0,2) and (0,3); node 2 between (0,3) and (1,3).
        let neighbours = vec![vec![1], vec![0, 2], vec![1, 3], vec![2]];
        let b = brandes(&neighbours, &[0, 1, 2, 3]);
        assert_eq!(b, vec![0.0, 4.0, 4.0, 0.0]); // both directions: 2 pairs × 2
    }

    #[test]
    fn brandes_splits_between_equal_paths() {
        // A square 0–1–3–2–0: the pair (0,3) has two shortest paths, via 1 and via 2.
        let neighbours = vec![vec![1, 2], vec![0, 3], vec![0, 3], vec![1, 2]];
        let b = brandes(&neighbours, &[0, 1, 2, 3]);
        assert_eq!(b, vec![1.0, 1.0, 1.0, 1.0]);
    }

    #[test]
    fn shortest_path_follows_active_relations() {
        let dataset = crate::synth::synthetic(400, 30, 3);
        let search = SearchIndex::new(&dataset);
        let all = Derived::compute(&dataset, &search, &Filters::default());
        let central = Centrality::compute(&dataset, &all);
        // Pick two actors that are linked but not directly.
        let a = ActorId(0);
        let far = (1..dataset.actors.len())
            .map(ActorId::from_index)
            .find(|&b| {
                central.degree[b.index()] > 0
                    && !dataset.index.relations_by_actor[a.index()]
                        .iter()
                        .any(|&r| {
                            let r = dataset.relation(r);
                            r.source == b || r.target == b
                        })
            });
        if let Some(b) = far {
            let path = shortest_path(&dataset, &all, a, b).expect("connected");
            assert!(path.len() >= 2);
            let actors = path_actors(&dataset, &path);
            assert_eq!(actors.first(), Some(&a));
            assert_eq!(actors.last(), Some(&b));
        }
        // With a window that shows nothing, only evidence-only relations remain (none here).
        let empty = Filters {
            window: Some((-100_000, -99_999)),
            ..Filters::default()
        };
        let none = Derived::compute(&dataset, &search, &empty);
        assert_eq!(shortest_path(&dataset, &none, ActorId(0), ActorId(1)), None);
        assert_eq!(
            shortest_path(&dataset, &none, ActorId(1), ActorId(1)),
            Some(vec![])
        );
    }

    #[test]
    fn memo_recomputes_whenever_the_derived_data_is_new() {
        let dataset = small();
        let search = SearchIndex::new(&dataset);
        let filters = Filters::default();
        let derived = Derived::compute(&dataset, &search, &filters);
        let mut memo = CentralityMemo::default();
        let a = memo.get(&dataset, &derived);
        let b = memo.get(&dataset, &derived);
        assert!(Arc::ptr_eq(&a, &b), "asked twice, computed once");
        // The same filters over new derived data (a search that settled after typing paused,
        // an edited dataset): the memo must not answer from the old data.
        let narrowed = Derived::compute(
            &dataset,
            &search,
            &Filters {
                search: "no event says this".into(),
                ..Filters::default()
            },
        );
        let c = memo.get(&dataset, &narrowed);
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(*c, Centrality::compute(&dataset, &narrowed));
    }
}
