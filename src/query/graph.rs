//! The actor graph as data: which actors are nodes (every endpoint of a relation), which
//! links join them (every relation between one pair of actors, bundled into one link), and
//! what the layout sees (one spring per linked pair, parent springs, the focus actors to hold
//! in the centre). Built once per dataset; pure (the views draw it, `views::graph::layout`
//! lays it out).

use std::collections::BTreeMap;

use crate::model::{ActorId, Dataset, EventId, RelationId};

/// The events behind a set of relations, each once (an event can back several relations of
/// one pair: a delivery of arms is military cooperation and military support), in id order.
pub fn events_behind(dataset: &Dataset, relations: &[RelationId], out: &mut Vec<EventId>) {
    out.clear();
    for &r in relations {
        out.extend_from_slice(&dataset.relation(r).events);
    }
    out.sort_unstable();
    out.dedup();
}

/// The graph to lay out: `n` nodes and undirected links between them (each pair once).
#[derive(Clone, Debug, Default)]
pub struct LayoutGraph {
    pub nodes: usize,
    pub links: Vec<(u32, u32)>,
    /// Nodes to hold in the centre (the core actors), in order.
    pub core: Vec<u32>,
    /// Each node's events in the whole dataset (what its size on screen follows when no
    /// filter is on), so the layout can keep room for it. Empty: every node the same.
    pub events: Vec<u32>,
}

/// A link between two nodes: every relation between that pair of actors, whatever its kind
/// or direction (`relations[start..end]` of the [`GraphModel`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The pair's nodes, lower first.
    pub a: u32,
    pub b: u32,
    pub start: u32,
    pub end: u32,
}

/// The nodes and links of a dataset: every actor that is an endpoint of a relation.
#[derive(Clone, Debug, Default)]
pub struct GraphModel {
    pub nodes: Vec<ActorId>,
    /// For each actor, its node, if it is one.
    pub node_of: Vec<Option<u32>>,
    pub edges: Vec<Edge>,
    /// The relations of every edge, edge after edge (each edge's in relation order).
    pub relations: Vec<RelationId>,
    /// For each relation, its edge, if drawn (self-relations are not).
    pub edge_of: Vec<Option<u32>>,
    /// For each node, its edges.
    pub node_edges: Vec<Vec<u32>>,
    /// What the layout sees: one link per connected pair.
    pub layout: LayoutGraph,
}

impl GraphModel {
    pub fn new(dataset: &Dataset) -> Self {
        let mut node_of = vec![None; dataset.actors.len()];
        let mut nodes = Vec::new();
        let mut is_endpoint = vec![false; dataset.actors.len()];
        for relation in &dataset.relations {
            is_endpoint[relation.source.index()] = true;
            is_endpoint[relation.target.index()] = true;
        }
        for (i, &yes) in is_endpoint.iter().enumerate() {
            if yes {
                node_of[i] = Some(nodes.len() as u32);
                nodes.push(ActorId::from_index(i));
            }
        }
        // Group relations by unordered pair, in relation order (deterministic).
        let mut pairs: BTreeMap<(u32, u32), Vec<RelationId>> = BTreeMap::new();
        for (k, relation) in dataset.relations.iter().enumerate() {
            let (Some(a), Some(b)) = (
                node_of[relation.source.index()],
                node_of[relation.target.index()],
            ) else {
                continue;
            };
            if a == b {
                continue;
            }
            pairs
                .entry((a.min(b), a.max(b)))
                .or_default()
                .push(RelationId::from_index(k));
        }
        let mut edges = Vec::with_capacity(pairs.len());
        let mut relations = Vec::with_capacity(dataset.relations.len());
        let mut edge_of = vec![None; dataset.relations.len()];
        let mut node_edges = vec![Vec::new(); nodes.len()];
        for (&(a, b), group) in &pairs {
            let e = edges.len() as u32;
            let start = relations.len() as u32;
            for &relation in group {
                edge_of[relation.index()] = Some(e);
                relations.push(relation);
            }
            node_edges[a as usize].push(e);
            node_edges[b as usize].push(e);
            edges.push(Edge {
                a,
                b,
                start,
                end: relations.len() as u32,
            });
        }
        let core = dataset
            .focus
            .iter()
            .filter_map(|a| node_of[a.index()])
            .collect();
        // The layout's springs: every linked pair, and each actor with its parent (Lavrov with
        // Russia, MINUSMA with the UN) so that people and bodies sit beside what they belong
        // to. Parent springs are never drawn: a drawn line is a relation with quotes behind it.
        let mut links: Vec<(u32, u32)> = pairs.keys().copied().collect();
        for (i, actor) in dataset.actors.iter().enumerate() {
            if let (Some(child), Some(parent)) =
                (node_of[i], actor.parent.and_then(|p| node_of[p.index()]))
                && child != parent
            {
                let pair = (child.min(parent), child.max(parent));
                if !pairs.contains_key(&pair) {
                    links.push(pair);
                }
            }
        }
        links.sort_unstable();
        links.dedup();
        let mut events = vec![0u32; nodes.len()];
        for event in &dataset.events {
            for &(actor, _) in &event.participants {
                if let Some(n) = node_of[actor.index()] {
                    events[n as usize] += 1;
                }
            }
        }
        let layout = LayoutGraph {
            nodes: nodes.len(),
            links,
            core,
            events,
        };
        Self {
            nodes,
            node_of,
            edges,
            relations,
            edge_of,
            node_edges,
            layout,
        }
    }

    /// The relations an edge bundles.
    pub fn edge_relations(&self, e: usize) -> &[RelationId] {
        let edge = self.edges[e];
        &self.relations[edge.start as usize..edge.end as usize]
    }

    /// The edge between two actors, if they are linked.
    pub fn edge_between(&self, a: ActorId, b: ActorId) -> Option<u32> {
        let na = self.node_of.get(a.index()).copied().flatten()?;
        let nb = self.node_of.get(b.index()).copied().flatten()?;
        self.node_edges[na as usize].iter().copied().find(|&e| {
            let edge = self.edges[e as usize];
            (edge.a, edge.b) == (na.min(nb), na.max(nb))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_between_a_pair_is_in_one_edge() {
        let mut dataset = crate::synth::synthetic(300, 12, 7);
        let first = dataset.relations[0].clone();
        // The same pair again, of other kinds and in the other direction.
        for kind in [
            crate::model::RelationKind::Sanctions,
            crate::model::RelationKind::Aid,
        ] {
            dataset.relations.push(crate::model::Relation {
                kind,
                source: first.target,
                target: first.source,
                ..first.clone()
            });
        }
        let model = GraphModel::new(&dataset);
        let e = model.edge_of[0].unwrap();
        let n = dataset.relations.len();
        assert_eq!(model.edge_of[n - 1], Some(e));
        assert_eq!(model.edge_of[n - 2], Some(e));
        let bundled = model.edge_relations(e as usize);
        assert!(bundled.len() >= 3);
        assert_eq!(model.edge_between(first.target, first.source), Some(e));
        assert_eq!(model.edge_between(first.source, first.target), Some(e));
        // No two edges join the same pair, and every relation is in exactly one edge.
        let mut pairs: Vec<(u32, u32)> = model.edges.iter().map(|e| (e.a, e.b)).collect();
        pairs.sort_unstable();
        let before = pairs.len();
        pairs.dedup();
        assert_eq!(pairs.len(), before);
        let mut all = model.relations.clone();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), model.relations.len());
        for (k, r) in dataset.relations.iter().enumerate() {
            if r.source != r.target {
                let e = model.edge_of[k].unwrap() as usize;
                assert!(model.edge_relations(e).contains(&RelationId::from_index(k)));
            }
        }
    }
}
