//! How each node and edge looks under the current filters, selection and path: sizes, which
//! are active, which stand out. Pure arithmetic over the derived data, memoised by everything
//! it reads.

use std::sync::Arc;

use super::scene::GraphModel;
use crate::model::{ActorId, EventId, RelationId};
use crate::query::network;
use crate::views::style::{self, Family};
use crate::views::{Selection, ViewCtx};

/// Largest node radius, in scene units.
pub const MAX_RADIUS: f32 = 28.0;
const MIN_RADIUS: f32 = 5.0;

/// Everything [`Looks::new`] reads, as a memo key: the dataset and the derived data by
/// generation (the same filters can give new derived data), the selection and the path.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LooksKey {
    pub(super) dataset: u64,
    pub(super) derived: u64,
    pub(super) selection: Selection,
    pub(super) path: Vec<RelationId>,
    pub(super) trim: Trim,
}

/// What the graph leaves out: everything beyond `steps` links of the focus actor (Kumu's
/// focus), and actors with fewer than `min_events` events in the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Trim {
    pub focus: Option<(ActorId, u8)>,
    pub min_events: u32,
}

/// The looks for the last key asked for.
#[derive(Default)]
pub(super) struct LooksMemo(Option<(LooksKey, Arc<Looks>)>);

impl LooksMemo {
    /// The looks under `ctx`, computed (O(nodes + edges)) only when what they read changed.
    pub(super) fn get(&mut self, ctx: &ViewCtx<'_>, model: &GraphModel, trim: Trim) -> Arc<Looks> {
        let key = LooksKey {
            dataset: ctx.caches.generation(),
            derived: ctx.derived.generation,
            selection: ctx.selection,
            path: ctx.path.to_vec(),
            trim,
        };
        match &self.0 {
            Some((k, looks)) if *k == key => looks.clone(),
            _ => {
                let mut looks = Looks::new(ctx, model);
                looks.trim(ctx, model, trim);
                let looks = Arc::new(looks);
                self.0 = Some((key, looks.clone()));
                looks
            }
        }
    }
}

/// The radius of a node with `events` of the most any node has, in scene units: its area
/// follows its events.
pub(super) fn radius_for(events: u32, max: u32) -> f32 {
    let share = events as f32 / max.max(1) as f32;
    MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share.sqrt()
}

/// Per-frame facts about each node and edge under the current filters and selection.
pub(super) struct Looks {
    /// Visible events per node.
    pub(super) node_events: Vec<u32>,
    pub(super) node_active: Vec<bool>,
    /// Nodes left in by the focus and the threshold ([`Trim`]); a link is in when both ends
    /// are.
    pub(super) node_kept: Vec<bool>,
    pub(super) edge_active: Vec<bool>,
    /// Links with a visible backing event that a contested claim involves.
    pub(super) edge_contested: Vec<bool>,
    /// Visible backing events per link (all its relations together).
    pub(super) edge_events: Vec<u32>,
    /// Each link's stripes: the families of its relations that count, with their visible
    /// events (at least 1 each), in family order: `stripes[stripe_starts[e]..][..]`.
    pub(super) stripes: Vec<(Family, u32)>,
    pub(super) stripe_starts: Vec<u32>,
    /// Per link: whether a directed relation that counts points to its `b` node, to its `a`.
    pub(super) edge_arrows: Vec<(bool, bool)>,
    pub(super) max_count: u32,
    /// `Some` when something is selected: which nodes and edges stand out.
    pub(super) focus: Option<(Vec<bool>, Vec<bool>)>,
    /// Nodes and edges on the shortest path being shown.
    pub(super) path_nodes: Vec<bool>,
    pub(super) path_edges: Vec<bool>,
}

impl Looks {
    pub(super) fn new(ctx: &ViewCtx<'_>, model: &GraphModel) -> Self {
        let dataset = ctx.dataset;
        let derived = ctx.derived;
        let node_events: Vec<u32> = model
            .nodes
            .iter()
            .map(|a| {
                derived
                    .lane_events
                    .get(a.index())
                    .map_or(0, |l| l.len() as u32)
            })
            .collect();
        let mut edge_active = vec![false; model.edges.len()];
        let mut edge_contested = vec![false; model.edges.len()];
        let mut edge_events = vec![0u32; model.edges.len()];
        let mut stripes = Vec::with_capacity(model.edges.len());
        let mut stripe_starts = Vec::with_capacity(model.edges.len() + 1);
        let mut families: Vec<(Family, u32)> = Vec::new();
        let mut edge_arrows = vec![(false, false); model.edges.len()];
        let mut behind = Vec::new();
        for e in 0..model.edges.len() {
            stripe_starts.push(stripes.len() as u32);
            families.clear();
            let relations = model.edge_relations(e);
            let active = relations
                .iter()
                .any(|&r| network::is_active(dataset, derived, r));
            // Events once each, though one may back several relations of the pair.
            crate::query::graph::events_behind(dataset, relations, &mut behind);
            for &ev in &behind {
                if derived.is_visible(ev) {
                    edge_events[e] += 1;
                    edge_contested[e] |= dataset.is_contested(ev);
                }
            }
            for &r in relations {
                let count = derived.relation_counts.get(r.index()).copied().unwrap_or(0);
                let relation = dataset.relation(r);
                // A stripe per family of the links that count (all of them when none does,
                // so a faint link still shows what it is).
                if active && !network::is_active(dataset, derived, r) {
                    continue;
                }
                if relation.directed {
                    if model.node_of[relation.source.index()] == Some(model.edges[e].a) {
                        edge_arrows[e].0 = true;
                    } else {
                        edge_arrows[e].1 = true;
                    }
                }
                let family = style::relation_family(&relation.kind);
                let weight = count.max(1);
                match families.iter_mut().find(|(f, _)| *f == family) {
                    Some((_, w)) => *w += weight,
                    None => families.push((family, weight)),
                }
            }
            edge_active[e] = active;
            families.sort_by_key(|&(f, _)| f);
            stripes.extend(families.iter().copied());
        }
        stripe_starts.push(stripes.len() as u32);
        let mut node_active: Vec<bool> = node_events.iter().map(|&n| n > 0).collect();
        for (e, edge) in model.edges.iter().enumerate() {
            if edge_active[e] {
                node_active[edge.a as usize] = true;
                node_active[edge.b as usize] = true;
            }
        }
        let max_count = node_events.iter().copied().max().unwrap_or(0).max(1);
        let node = |a: ActorId| model.node_of.get(a.index()).copied().flatten();
        let edge = |r: RelationId| model.edge_of.get(r.index()).copied().flatten();
        let mut nodes = vec![false; model.nodes.len()];
        let mut edges = vec![false; model.edges.len()];
        let mark_edge = |e: u32, nodes: &mut Vec<bool>, edges: &mut Vec<bool>| {
            let edge = model.edges[e as usize];
            edges[e as usize] = true;
            nodes[edge.a as usize] = true;
            nodes[edge.b as usize] = true;
        };
        // An event lights up its actors and the links it backs.
        let light_event = |ev: EventId, nodes: &mut Vec<bool>, edges: &mut Vec<bool>| {
            for (a, _) in &dataset.event(ev).participants {
                if let Some(n) = node(*a) {
                    nodes[n as usize] = true;
                }
            }
            for &r in &dataset.index.relations_by_event[ev.index()] {
                if let Some(e) = edge(r) {
                    mark_edge(e, nodes, edges);
                }
            }
        };
        let focused = match ctx.selection {
            Selection::Actor(a) => {
                if let Some(n) = node(a) {
                    nodes[n as usize] = true;
                    for &e in &model.node_edges[n as usize] {
                        if edge_active[e as usize] {
                            mark_edge(e, &mut nodes, &mut edges);
                        }
                    }
                }
                true
            }
            Selection::Relation(r) => {
                if let Some(e) = edge(r) {
                    mark_edge(e, &mut nodes, &mut edges);
                }
                true
            }
            Selection::Link(a, b) => {
                if let Some(e) = model.edge_between(a, b) {
                    mark_edge(e, &mut nodes, &mut edges);
                }
                true
            }
            Selection::Event(ev) => {
                light_event(ev, &mut nodes, &mut edges);
                true
            }
            // A claim lights up the actors and links of the events it is about.
            Selection::Claim(c) => {
                for &ev in &dataset.claim(c).events {
                    light_event(ev, &mut nodes, &mut edges);
                }
                true
            }
            _ => false,
        };
        let mut path_nodes = vec![false; model.nodes.len()];
        let mut path_edges = vec![false; model.edges.len()];
        for &r in ctx.path {
            if let Some(e) = edge(r) {
                mark_edge(e, &mut path_nodes, &mut path_edges);
            }
        }
        let focus = if focused {
            Some((nodes, edges))
        } else if !ctx.path.is_empty() {
            Some((path_nodes.clone(), path_edges.clone()))
        } else {
            None
        };
        Self {
            node_kept: vec![true; node_events.len()],
            node_events,
            node_active,
            edge_active,
            edge_contested,
            edge_events,
            stripes,
            stripe_starts,
            edge_arrows,
            max_count,
            focus,
            path_nodes,
            path_edges,
        }
    }

    pub(super) fn radius(&self, n: usize) -> f32 {
        radius_for(self.node_events[n], self.max_count)
    }

    /// Leaves out what `trim` says: nodes beyond its focus's neighbourhood (over links with
    /// an event in the window) and minor actors (the selected and the focus actor stay).
    pub(super) fn trim(&mut self, ctx: &ViewCtx<'_>, model: &GraphModel, trim: Trim) {
        let n = model.nodes.len();
        let node = |a: ActorId| model.node_of.get(a.index()).copied().flatten();
        let mut keep: Vec<bool> = self
            .node_events
            .iter()
            .map(|&events| events >= trim.min_events)
            .collect();
        if let Some((actor, steps)) = trim.focus
            && let Some(start) = node(actor)
        {
            let mut depth = vec![u8::MAX; n];
            depth[start as usize] = 0;
            let mut queue = std::collections::VecDeque::from([start]);
            while let Some(at) = queue.pop_front() {
                let d = depth[at as usize];
                if d >= steps {
                    continue;
                }
                for &e in &model.node_edges[at as usize] {
                    if !self.edge_active[e as usize] {
                        continue;
                    }
                    let edge = model.edges[e as usize];
                    let other = if edge.a == at { edge.b } else { edge.a };
                    if depth[other as usize] == u8::MAX {
                        depth[other as usize] = d + 1;
                        queue.push_back(other);
                    }
                }
            }
            for (k, &d) in keep.iter_mut().zip(&depth) {
                *k &= d != u8::MAX;
            }
            keep[start as usize] = true;
        }
        if let Selection::Actor(a) = ctx.selection
            && let Some(s) = node(a)
        {
            keep[s as usize] = true;
        }
        self.node_kept = keep;
    }

    pub(super) fn edge_kept(&self, model: &GraphModel, e: usize) -> bool {
        let edge = model.edges[e];
        self.node_kept[edge.a as usize] && self.node_kept[edge.b as usize]
    }

    pub(super) fn edge_stripes(&self, e: usize) -> &[(Family, u32)] {
        &self.stripes[self.stripe_starts[e] as usize..self.stripe_starts[e + 1] as usize]
    }

    /// A link's drawn width in points: wider with more events in the window, and wide enough
    /// for every stripe to show.
    pub(super) fn edge_width(&self, e: usize) -> f32 {
        let by_events = (1.5 + (self.edge_events[e] as f32).sqrt() * 1.3).min(10.0);
        by_events.max(1.5 * self.edge_stripes(e).len() as f32)
    }

    pub(super) fn node_focus(&self, n: usize) -> bool {
        self.focus.as_ref().is_none_or(|(nodes, _)| nodes[n])
    }

    pub(super) fn edge_focus(&self, e: usize) -> bool {
        self.focus.as_ref().is_none_or(|(_, edges)| edges[e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Derived;
    use crate::views::cache::DatasetCaches;

    #[test]
    fn a_selected_event_lights_up_its_actors_and_links_and_dims_the_rest() {
        let caches = DatasetCaches::new(Arc::new(crate::synth::synthetic(200, 15, 5)));
        let dataset = caches.dataset();
        let filters = crate::query::Filters::default();
        let derived = Derived::compute(dataset, caches.search(), &filters);
        let annotations = crate::views::Annotations::default();
        let model = caches.graph_model();
        let event = (0..dataset.events.len())
            .map(crate::model::EventId::from_index)
            .find(|&e| !dataset.index.relations_by_event[e.index()].is_empty())
            .unwrap_or(crate::model::EventId(0));
        let ctx = ViewCtx::new(
            &caches,
            &derived,
            &filters,
            Selection::Event(event),
            &annotations,
            &[],
        );
        let looks = Looks::new(&ctx, &model);
        let lit_edges: Vec<usize> = (0..model.edges.len())
            .filter(|&e| looks.edge_focus(e))
            .collect();
        let mut expected: Vec<usize> = dataset.index.relations_by_event[event.index()]
            .iter()
            .filter_map(|r| model.edge_of[r.index()])
            .map(|e| e as usize)
            .collect();
        expected.sort();
        expected.dedup();
        assert!(!expected.is_empty());
        assert_eq!(lit_edges, expected);
        for (n, actor) in model.nodes.iter().enumerate() {
            let takes_part = dataset
                .event(event)
                .participants
                .iter()
                .any(|(a, _)| a == actor);
            assert_eq!(looks.node_focus(n), takes_part, "{actor:?}");
        }
        // Nothing selected: nothing dimmed.
        let ctx = ViewCtx::new(
            &caches,
            &derived,
            &filters,
            Selection::None,
            &annotations,
            &[],
        );
        let looks = Looks::new(&ctx, &model);
        assert!((0..model.edges.len()).all(|e| looks.edge_focus(e)));
    }

    #[test]
    fn looks_follow_new_derived_data_under_the_same_filters() {
        // From 50k events a search edit changes the filters at once but the derived data only
        // once typing pauses: the looks must follow the derived data, not the filters.
        let caches = DatasetCaches::new(Arc::new(crate::synth::synthetic(300, 12, 9)));
        let dataset = caches.dataset();
        let model = caches.graph_model();
        let annotations = crate::views::Annotations::default();
        let everything = Derived::compute(dataset, caches.search(), &Default::default());
        let typed = crate::query::Filters {
            search: "no report says this".into(),
            ..Default::default()
        };
        let settled = Derived::compute(dataset, caches.search(), &typed);
        assert!(settled.events.is_empty());
        let mut memo = LooksMemo::default();
        let before = ViewCtx::new(
            &caches,
            &everything,
            &typed,
            Selection::None,
            &annotations,
            &[],
        );
        let early = memo.get(&before, &model, Trim::default());
        assert!(early.edge_active.iter().any(|&a| a));
        let after = ViewCtx::new(
            &caches,
            &settled,
            &typed,
            Selection::None,
            &annotations,
            &[],
        );
        let late = memo.get(&after, &model, Trim::default());
        assert!(
            late.edge_active.iter().all(|&a| !a),
            "the looks still show the links of the derived data before the search settled"
        );
        // Asked again with nothing changed: the same looks, not a recomputation.
        assert!(Arc::ptr_eq(
            &late,
            &memo.get(&after, &model, Trim::default())
        ));
    }

    #[test]
    fn focus_keeps_the_neighbourhood_and_the_threshold_drops_minor_actors() {
        let caches = DatasetCaches::new(Arc::new(crate::synth::synthetic(400, 30, 11)));
        let dataset = caches.dataset();
        let filters = crate::query::Filters::default();
        let derived = Derived::compute(dataset, caches.search(), &filters);
        let annotations = crate::views::Annotations::default();
        let model = caches.graph_model();
        let ctx = ViewCtx::new(
            &caches,
            &derived,
            &filters,
            Selection::None,
            &annotations,
            &[],
        );
        let looks = Looks::new(&ctx, &model);
        // A node with few links (a hub of the synthetic data reaches everything in one step).
        let hub = (0..model.nodes.len())
            .filter(|&n| {
                model.node_edges[n]
                    .iter()
                    .any(|&e| looks.edge_active[e as usize])
            })
            .min_by_key(|&n| model.node_edges[n].len())
            .unwrap();
        let neighbours = |n: usize| -> Vec<usize> {
            model.node_edges[n]
                .iter()
                .filter(|&&e| looks.edge_active[e as usize])
                .map(|&e| {
                    let edge = model.edges[e as usize];
                    (if edge.a as usize == n { edge.b } else { edge.a }) as usize
                })
                .collect()
        };
        let focus = |steps: u8| {
            let mut looks = Looks::new(&ctx, &model);
            let trim = Trim {
                focus: Some((model.nodes[hub], steps)),
                min_events: 0,
            };
            looks.trim(&ctx, &model, trim);
            looks.node_kept
        };
        let one = focus(1);
        let mut expected = vec![false; model.nodes.len()];
        expected[hub] = true;
        for m in neighbours(hub) {
            expected[m] = true;
        }
        assert_eq!(one, expected);
        assert!(one.iter().filter(|&&k| k).count() < model.nodes.len());
        let two = focus(2);
        for n in (0..model.nodes.len()).filter(|&n| one[n]) {
            for m in neighbours(n) {
                assert!(two[m], "node {m} is two steps away but left out");
            }
        }
        // The threshold: exactly the actors with enough events stay.
        let mut looks = Looks::new(&ctx, &model);
        let min = looks.node_events.iter().copied().max().unwrap() / 2;
        looks.trim(
            &ctx,
            &model,
            Trim {
                focus: None,
                min_events: min,
            },
        );
        for n in 0..model.nodes.len() {
            assert_eq!(looks.node_kept[n], looks.node_events[n] >= min);
        }
        assert!(looks.node_kept.iter().any(|&k| !k));
        assert!(looks.node_kept.iter().any(|&k| k));
    }
}
