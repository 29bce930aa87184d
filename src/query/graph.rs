//! The actor graph as data: which actors are nodes (every endpoint of a relation), which
//! relations are edges and how parallel ones bend apart, and what the layout sees (one link
//! per connected pair, parent links, the focus actors to hold in the centre). Built once per
//! dataset; pure (the views draw it, `views::graph::layout` lays it out).

use std::collections::BTreeMap;

use crate::model::{ActorId, Dataset, RelationId};

/// Sideways distance between parallel relations of the same pair, in scene units.
pub const PARALLEL_GAP: f32 = 16.0;

/// The graph to lay out: `n` nodes and undirected links between them (each pair once).
#[derive(Clone, Debug, Default)]
pub struct LayoutGraph {
    pub nodes: usize,
    pub links: Vec<(u32, u32)>,
    /// Nodes to hold in the centre (the core actors), in order.
    pub core: Vec<u32>,
}

/// A relation drawn between two nodes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    pub relation: RelationId,
    /// Source and target nodes.
    pub a: u32,
    pub b: u32,
    /// Signed sideways offset of the curve's middle, relative to the direction from the
    /// lower-numbered node to the higher one (so both ends agree on the side).
    pub bend: f32,
}

/// The nodes and edges of a dataset: every actor that is an endpoint of a relation.
#[derive(Clone, Debug, Default)]
pub struct GraphModel {
    pub nodes: Vec<ActorId>,
    /// For each actor, its node, if it is one.
    pub node_of: Vec<Option<u32>>,
    pub edges: Vec<Edge>,
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
        let mut edges = Vec::new();
        let mut edge_of = vec![None; dataset.relations.len()];
        let mut node_edges = vec![Vec::new(); nodes.len()];
        for group in pairs.values() {
            let m = group.len() as f32;
            for (k, &relation) in group.iter().enumerate() {
                let r = dataset.relation(relation);
                let (Some(a), Some(b)) = (node_of[r.source.index()], node_of[r.target.index()])
                else {
                    continue;
                };
                let e = edges.len() as u32;
                edge_of[relation.index()] = Some(e);
                node_edges[a as usize].push(e);
                node_edges[b as usize].push(e);
                edges.push(Edge {
                    relation,
                    a,
                    b,
                    bend: (k as f32 - (m - 1.0) / 2.0) * PARALLEL_GAP,
                });
            }
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
        let layout = LayoutGraph {
            nodes: nodes.len(),
            links,
            core,
        };
        Self {
            nodes,
            node_of,
            edges,
            edge_of,
            node_edges,
            layout,
        }
    }
}
