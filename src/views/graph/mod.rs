//! The actor-relationship graph on `egui::Scene`: actors as nodes (colour by kind, size by
//! visible events), relations as edges (colour by kind, width by visible backing events,
//! arrows where directed, parallel ones bent apart), a force layout that animates until it
//! settles, dragging to pin, a time-window player, and the graph part of the inspector
//! (centrality, shortest path).
//!
//! Split like rerun's graph view: `layout` is pure arithmetic, `scene` is geometry and hit
//! testing in scene units, and this module paints and turns input into [`Command`]s.

pub mod engine;
pub mod layout;
pub mod scene;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{Color32, Id, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2, pos2, vec2};

use self::engine::Engine;
use self::layout::Simulation;
use self::scene::{Geometry, GraphModel, Hit, arrow_tip, to_pos};
use super::{Command, Selection, ViewCtx, style};
use crate::model::{ActorId, Dataset, Day, EventId, Kind as _, RelationId};
use crate::query::Derived;
use crate::query::network::{self, CentralityMemo};

/// Largest node radius, in scene units.
pub const MAX_RADIUS: f32 = 28.0;
const MIN_RADIUS: f32 = 5.0;
/// Label font size in points at zoom 1; labels shrink more slowly than the zoom.
const LABEL_SIZE: f32 = 12.0;
/// Below this zoom labels are gone; they fade in up to `LABEL_FULL_ZOOM`.
const LABEL_MIN_ZOOM: f32 = 0.22;
const LABEL_FULL_ZOOM: f32 = 0.35;
/// Above this many nodes on screen, only the biggest get labels.
const MAX_LABELS: usize = 250;
/// Above this many on-screen items, nodes and edges are drawn into one plain mesh.
const DETAILED_MAX: usize = 3_000;
/// At most this many on-screen items get an accessibility node each frame.
const ACCESSIBLE_MAX: usize = 1_500;
/// Time spent on layout steps per frame while it animates.
const STEP_BUDGET: Duration = Duration::from_millis(6);
/// Time spent settling a fresh layout before its first frame.
const WARM_BUDGET: Duration = Duration::from_millis(60);
/// A fresh layout is stepped before its first frame until it is this cool.
const WARM_ALPHA: f32 = 0.25;

/// The graph's view state: camera, node positions and pins, display options (saved in
/// workspaces). The running simulation and the caches live in `runtime`, which is neither
/// cloned nor compared, so undo snapshots stay small and restoring one rebuilds them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphState {
    /// The part of the scene in view; `None` fits the whole graph.
    pub scene_rect: Option<Rect>,
    /// Last settled scene position of each node.
    positions: BTreeMap<ActorId, [f32; 2]>,
    pins: BTreeMap<ActorId, [f32; 2]>,
    /// Hide relations without a visible backing event (rather than fading them).
    pub hide_inactive: bool,
    /// Bumped when positions are replaced (re-layout, restore, new dataset): the simulation
    /// restarts from `positions`.
    layout_revision: u64,
    runtime: RuntimeCell,
}

impl GraphState {
    pub fn pin(&mut self, actor: ActorId, pos: [f32; 2]) {
        self.pins.insert(actor, pos);
        self.positions.insert(actor, pos);
    }

    pub fn unpin(&mut self, actor: ActorId) {
        self.pins.remove(&actor);
    }

    pub fn unpin_all(&mut self) {
        self.pins.clear();
    }

    /// Forgets positions (not pins) and lays the graph out afresh.
    pub fn relayout(&mut self) {
        self.positions.clear();
        self.layout_revision += 1;
        self.scene_rect = None;
    }

    pub fn is_pinned(&self, actor: ActorId) -> bool {
        self.pins.contains_key(&actor)
    }

    /// Whether the layout is still (nothing will repaint on its account).
    pub fn is_settled(&self) -> bool {
        self.runtime
            .0
            .as_ref()
            .is_none_or(|rt| rt.sim.is_settled() && rt.dragging.is_none())
    }

    /// Whether the time-window player is running.
    pub fn is_playing(&self) -> bool {
        self.runtime.0.as_ref().is_some_and(|rt| rt.play.playing)
    }

    /// The current scene position of an actor's node.
    pub fn position(&self, actor: ActorId) -> Option<[f32; 2]> {
        if let Some(rt) = &self.runtime.0
            && let Some(Some(n)) = rt.model.node_of.get(actor.index())
        {
            return rt.sim.positions().get(*n as usize).copied();
        }
        self.positions.get(&actor).copied()
    }

    /// Fresh positions for a newly loaded dataset.
    pub fn reset_for(&mut self, _dataset: &crate::model::Dataset) {
        *self = Self {
            layout_revision: self.layout_revision + 1,
            ..Self::default()
        };
    }

    /// What a workspace saves: the camera (scene rect) and each node's position and pin.
    pub fn saved(&self) -> (Option<super::SavedCamera>, Vec<super::SavedNode>) {
        let camera = self
            .scene_rect
            .map(|r| (r.min.x, r.min.y, r.max.x, r.max.y));
        let mut nodes: BTreeMap<ActorId, [f32; 2]> = self.positions.clone();
        if let Some(rt) = &self.runtime.0 {
            for (n, &actor) in rt.model.nodes.iter().enumerate() {
                nodes.insert(actor, rt.sim.positions()[n]);
            }
        }
        nodes.extend(self.pins.iter().map(|(a, p)| (*a, *p)));
        let nodes = nodes
            .into_iter()
            .map(|(actor, pos)| (actor, pos, self.pins.contains_key(&actor)))
            .collect();
        (camera, nodes)
    }

    /// Restores what [`GraphState::saved`] returned.
    pub fn restore(&mut self, camera: Option<super::SavedCamera>, nodes: &[super::SavedNode]) {
        self.scene_rect = camera
            .map(|(x0, y0, x1, y1)| Rect::from_min_max(pos2(x0, y0), pos2(x1, y1)))
            .filter(|r| r.is_finite() && r.width() > 0.0 && r.height() > 0.0);
        if !nodes.is_empty() {
            self.positions = nodes.iter().map(|(a, p, _)| (*a, *p)).collect();
        }
        self.pins = nodes
            .iter()
            .filter(|(_, _, pinned)| *pinned)
            .map(|(a, p, _)| (*a, *p))
            .collect();
        self.layout_revision += 1;
    }
}

/// Caches that are not part of the state: never cloned (a clone starts empty) and never
/// compared.
#[derive(Default)]
struct RuntimeCell(Option<Box<Runtime>>);

impl Clone for RuntimeCell {
    fn clone(&self) -> Self {
        Self(None)
    }
}

impl PartialEq for RuntimeCell {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for RuntimeCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Runtime" } else { "None" })
    }
}

/// The running simulation and what is derived from positions.
struct Runtime {
    dataset: (usize, usize, usize, usize),
    layout_revision: u64,
    model: GraphModel,
    /// The layout, stepped inline or on a worker thread.
    sim: Engine,
    pins: BTreeMap<ActorId, [f32; 2]>,
    /// Geometry for the current positions; `None` after they move.
    geometry: Option<Geometry>,
    dragging: Option<u32>,
    /// The node the primary button went down on, until it is released: its widget must
    /// outlive the pointer leaving its disc, or egui drops the drag before it starts.
    pressed: Option<u32>,
    /// Keep fitting the camera to the graph until the analyst pans or zooms.
    auto_fit: bool,
    play: Play,
    legend: LegendKinds,
    /// Edge and node meshes of the zoomed-out level of detail, refilled each frame.
    meshes: (Arc<egui::Mesh>, Arc<egui::Mesh>),
    /// How nodes and edges look, and what it was computed for (filters, selection, path).
    looks: Option<(LooksKey, Arc<Looks>)>,
}

type LooksKey = (crate::query::Filters, Selection, Vec<RelationId>);

/// The time-window player: a window of `width_days` sweeping forward.
struct Play {
    playing: bool,
    width_days: i32,
    /// Days per second of playback.
    speed: f32,
    /// First day of the window (fractional, advanced by frame time).
    cursor: f64,
    /// Whether the first window of this run was sent as an undoable change.
    started: bool,
}

impl Default for Play {
    fn default() -> Self {
        Self {
            playing: false,
            width_days: 365,
            speed: 120.0,
            cursor: 0.0,
            started: false,
        }
    }
}

impl Runtime {
    fn new(
        dataset: &crate::model::Dataset,
        state: &GraphState,
        egui_ctx: Option<&egui::Context>,
    ) -> Self {
        let model = GraphModel::new(dataset);
        let known: Vec<Option<[f32; 2]>> = model
            .nodes
            .iter()
            .map(|a| state.positions.get(a).copied())
            .collect();
        let all_known = !known.is_empty() && known.iter().all(Option::is_some);
        let mut sim =
            Simulation::with_positions(&model.layout, &known, if all_known { 0.0 } else { 1.0 });
        for (actor, pos) in &state.pins {
            if let Some(Some(n)) = model.node_of.get(actor.index()) {
                sim.fix(*n as usize, *pos);
            }
        }
        if !all_known {
            // Settle most of the way before the first frame, so a fresh layout opens
            // readable and then animates only its last, small moves.
            let start = Instant::now();
            while sim.alpha() > WARM_ALPHA && start.elapsed() < WARM_BUDGET {
                sim.step();
            }
        }
        let legend = LegendKinds::new(dataset, &model);
        Self {
            dataset: network::dataset_key(dataset),
            layout_revision: state.layout_revision,
            model,
            sim: Engine::new(sim, egui_ctx),
            pins: state.pins.clone(),
            geometry: None,
            dragging: None,
            pressed: None,
            auto_fit: state.scene_rect.is_none(),
            play: Play::default(),
            legend,
            looks: None,
            meshes: Default::default(),
        }
    }

    fn sync_pins(&mut self, pins: &BTreeMap<ActorId, [f32; 2]>) {
        if &self.pins == pins {
            return;
        }
        for actor in self.pins.keys() {
            if !pins.contains_key(actor)
                && let Some(Some(n)) = self.model.node_of.get(actor.index())
            {
                self.sim.unfix(*n as usize);
            }
        }
        for (actor, pos) in pins {
            if let Some(Some(n)) = self.model.node_of.get(actor.index()) {
                self.sim.fix(*n as usize, *pos);
            }
        }
        self.pins = pins.clone();
        self.sim.reheat(0.1);
        self.geometry = None;
    }
}

/// Per-frame facts about each node and edge under the current filters and selection.
struct Looks {
    /// Visible events per node.
    node_events: Vec<u32>,
    node_active: Vec<bool>,
    edge_active: Vec<bool>,
    /// Links with a visible backing event that a contested claim involves.
    edge_contested: Vec<bool>,
    max_count: u32,
    /// `Some` when something is selected: which nodes and edges stand out.
    focus: Option<(Vec<bool>, Vec<bool>)>,
    /// Nodes and edges on the shortest path being shown.
    path_nodes: Vec<bool>,
    path_edges: Vec<bool>,
}

impl Looks {
    fn new(ctx: &ViewCtx<'_>, model: &GraphModel) -> Self {
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
        let edge_active: Vec<bool> = model
            .edges
            .iter()
            .map(|e| network::is_active(dataset, derived, e.relation))
            .collect();
        let edge_contested: Vec<bool> = model
            .edges
            .iter()
            .map(|e| {
                dataset
                    .relation(e.relation)
                    .events
                    .iter()
                    .any(|&ev| derived.is_visible(ev) && dataset.is_contested(ev))
            })
            .collect();
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
            node_events,
            node_active,
            edge_active,
            edge_contested,
            max_count,
            focus,
            path_nodes,
            path_edges,
        }
    }

    fn radius(&self, n: usize) -> f32 {
        let share = self.node_events[n] as f32 / self.max_count as f32;
        MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share.sqrt()
    }

    fn node_focus(&self, n: usize) -> bool {
        self.focus.as_ref().is_none_or(|(nodes, _)| nodes[n])
    }

    fn edge_focus(&self, e: usize) -> bool {
        self.focus.as_ref().is_none_or(|(_, edges)| edges[e])
    }
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
        super::inspector::relation_label(dataset, relation),
        if count == 1 { "" } else { "s" },
        if contested { ", contested" } else { "" }
    )
}

pub fn graph_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut GraphState) {
    let dataset = ctx.dataset;
    let key = network::dataset_key(dataset);
    let stale = state
        .runtime
        .0
        .as_ref()
        .is_none_or(|rt| rt.dataset != key || rt.layout_revision != state.layout_revision);
    if stale {
        let play = state.runtime.0.take().map(|rt| rt.play);
        let mut rt = Runtime::new(dataset, state, Some(ui.ctx()));
        if let Some(play) = play {
            rt.play = play;
        }
        state.runtime.0 = Some(Box::new(rt));
    }
    let Some(mut rt) = state.runtime.0.take() else {
        return;
    };
    rt.sync_pins(&state.pins);
    toolbar_ui(ui, ctx, state, &mut rt);
    play_tick(ui, ctx, &mut rt);

    // Animate: a few steps per frame within a time budget (or the worker's latest), then
    // stand still: no repaint is asked for once the layout has settled.
    if rt.sim.advance(STEP_BUDGET, 4) {
        rt.geometry = None;
        if rt.sim.is_settled() && rt.dragging.is_none() {
            // Remember where things came to rest (what a workspace saves).
            state.positions = rt
                .model
                .nodes
                .iter()
                .zip(rt.sim.positions())
                .map(|(a, p)| (*a, *p))
                .collect();
        }
    }
    if !rt.sim.is_settled() {
        ui.ctx().request_repaint();
    }

    // O(nodes + edges): only when the filters, the selection or the path change.
    let key: LooksKey = (ctx.filters.clone(), ctx.selection, ctx.path.to_vec());
    let looks = match &rt.looks {
        Some((k, looks)) if *k == key => looks.clone(),
        _ => {
            let looks = Arc::new(Looks::new(ctx, &rt.model));
            rt.looks = Some((key, looks.clone()));
            looks
        }
    };
    egui::Panel::right("graph-legend")
        .resizable(false)
        .default_size(150.0)
        .show(ui, |ui| legend_ui(ui, &rt.legend));

    let fit = fit_rect(&rt, &looks, state.hide_inactive);
    if rt.auto_fit || state.scene_rect.is_none() {
        state.scene_rect = Some(fit);
    }
    let mut scene_rect = state.scene_rect.unwrap_or(fit);
    let mut out = SceneOut::default();
    // Painted on the panel's layer, in screen space (see `paint`).
    let layer = ui.layer_id();
    let response = egui::Scene::new()
        .zoom_range(0.02..=2.5)
        .show(ui, &mut scene_rect, |ui| {
            scene_contents(
                ui,
                ctx,
                state.hide_inactive,
                &mut rt,
                &looks,
                &mut out,
                layer,
            );
        })
        .response;
    if response.changed() && rt.dragging.is_none() && !out.node_dragged {
        rt.auto_fit = false;
    }
    if response.double_clicked() {
        rt.auto_fit = true;
        scene_rect = fit;
    }
    state.scene_rect = Some(scene_rect);

    // A click on the background (or on something that had no widget yet): hit test it.
    // (The scene's response reports positions in scene units; the pointer's own position
    // is in screen units, so use that with our transform.)
    if response.clicked()
        && let Some(pointer) = ui.input(|i| i.pointer.interact_pos())
        && let Some(to_scene) = out.to_scene
    {
        let at = to_scene * pointer;
        let hit = hit_test(&mut rt, &looks, state.hide_inactive, at, out.scale);
        ctx.send(Command::Select(match hit {
            Some(Hit::Node(n)) => Selection::Actor(rt.model.nodes[n as usize]),
            Some(Hit::Edge(e)) => Selection::Relation(rt.model.edges[e as usize].relation),
            None => Selection::None,
        }));
    }
    if let Some(Hit::Edge(e)) = out.hovered
        && response.hovered()
    {
        let relation = rt.model.edges[e as usize].relation;
        response.on_hover_ui_at_pointer(|ui| relation_tooltip_ui(ui, ctx, relation));
    }
    accessible_items_ui(ui, ctx, &rt, &out);
    state.runtime.0 = Some(rt);
}

/// What the scene closure found out, for after it.
#[derive(Default)]
struct SceneOut {
    to_scene: Option<egui::emath::TSTransform>,
    scale: f32,
    hovered: Option<Hit>,
    node_dragged: bool,
    /// On-screen items with their screen rects (for accessibility).
    items: Vec<(Hit, Rect)>,
}

fn shown(looks: &Looks, hide_inactive: bool, hit: Hit) -> bool {
    !hide_inactive
        || match hit {
            Hit::Node(n) => looks.node_active[n as usize],
            Hit::Edge(e) => looks.edge_active[e as usize],
        }
}

fn hit_test(
    rt: &mut Runtime,
    looks: &Looks,
    hide_inactive: bool,
    at: Pos2,
    scale: f32,
) -> Option<Hit> {
    let slack = 5.0 / scale.max(1e-3);
    let radius = |n: usize| looks.radius(n);
    let show = |hit: Hit| shown(looks, hide_inactive, hit);
    let Runtime {
        model,
        sim,
        geometry,
        ..
    } = rt;
    let geometry = geometry.get_or_insert_with(|| Geometry::new(model, sim.positions()));
    geometry.hit(model, sim.positions(), at, slack, &radius, &show)
}

/// The scene rectangle that shows every (shown) node with a margin.
fn fit_rect(rt: &Runtime, looks: &Looks, hide_inactive: bool) -> Rect {
    let pos = rt.sim.positions();
    let shown_points = (0..pos.len())
        .filter(|&n| !hide_inactive || looks.node_active[n])
        .map(|n| pos[n]);
    match layout::bounds(shown_points).or_else(|| layout::bounds(pos.iter().copied())) {
        Some((min, max)) => {
            // Small graphs are not blown up past a comfortable size.
            let rect = Rect::from_min_max(to_pos(min), to_pos(max)).expand(MAX_RADIUS + 40.0);
            Rect::from_center_size(rect.center(), rect.size().max(vec2(700.0, 450.0)))
        }
        None => Rect::from_center_size(Pos2::ZERO, vec2(400.0, 300.0)),
    }
}

fn scene_contents(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    hide_inactive: bool,
    rt: &mut Runtime,
    looks: &Looks,
    out: &mut SceneOut,
    layer: egui::LayerId,
) {
    let to_global = ui
        .ctx()
        .layer_transform_to_global(ui.layer_id())
        .unwrap_or_default();
    let to_scene = to_global.inverse();
    let scale = to_global.scaling.max(1e-6);
    out.to_scene = Some(to_scene);
    out.scale = scale;
    let view = ui.clip_rect();

    // What the pointer is over (the dragged node stays "hovered" while it moves).
    let pointer = ui
        .input(|i| i.pointer.latest_pos())
        .map(|p| to_scene * p)
        .filter(|p| view.contains(*p));
    if !ui.input(|i| i.pointer.primary_down()) {
        rt.pressed = None;
    }
    let hovered = match (rt.dragging.or(rt.pressed), pointer) {
        (Some(n), _) => Some(Hit::Node(n)),
        (None, Some(at)) => hit_test(rt, looks, hide_inactive, at, scale),
        (None, None) => None,
    };
    out.hovered = hovered;

    // The node under the pointer gets a widget, so it takes drags and clicks from the pan.
    if let Some(Hit::Node(n)) = hovered {
        let actor = rt.model.nodes[n as usize];
        let center = to_pos(rt.sim.positions()[n as usize]);
        let r = looks.radius(n as usize) + 4.0 / scale;
        let id = ui.scope_id().with(("graph-node", actor));
        let response = ui.interact(
            Rect::from_center_size(center, vec2(2.0 * r, 2.0 * r)),
            id,
            Sense::click_and_drag(),
        );
        if response.is_pointer_button_down_on() {
            rt.pressed = Some(n);
        }
        if response.drag_started() {
            rt.dragging = Some(n);
            // The camera holds still while a node moves under the pointer.
            rt.auto_fit = false;
            rt.sim.set_alpha_target(0.3);
            rt.sim.reheat(0.3);
        }
        if response.dragged()
            && let Some(p) = ui.input(|i| i.pointer.latest_pos()).map(|p| to_scene * p)
        {
            rt.sim.fix(n as usize, [p.x, p.y]);
            rt.geometry = None;
            out.node_dragged = true;
            ui.ctx().request_repaint();
        }
        if response.drag_stopped() {
            rt.dragging = None;
            rt.sim.set_alpha_target(0.0);
            let pos = rt.sim.positions()[n as usize];
            // The pin goes through the handler (undoable); keep it fixed meanwhile.
            rt.pins.insert(actor, pos);
            ctx.send(Command::PinNode(actor, pos));
        }
        if response.clicked() {
            ctx.send(Command::Select(Selection::Actor(actor)));
        }
        if response.secondary_clicked() && rt.pins.contains_key(&actor) {
            ctx.send(Command::UnpinNode(actor));
        }
        if rt.dragging.is_none() {
            response.on_hover_ui(|ui| {
                actor_tooltip_ui(
                    ui,
                    ctx,
                    actor,
                    looks.node_events[n as usize],
                    rt.pins.contains_key(&actor),
                )
            });
        }
    }

    paint(
        ui,
        ctx,
        rt,
        looks,
        hide_inactive,
        view,
        hovered,
        out,
        to_global,
        layer,
    );
}

/// Paints the graph in screen space on the panel's own layer (under the scene's input layer):
/// lines keep their pixel width and text stays sharp at any zoom, and the big meshes of the
/// zoomed-out level of detail are refilled in place each frame instead of being reallocated
/// and then transformed by the scene's layer.
#[allow(clippy::too_many_arguments)]
fn paint(
    ui: &Ui,
    ctx: &ViewCtx<'_>,
    rt: &mut Runtime,
    looks: &Looks,
    hide_inactive: bool,
    view: Rect,
    hovered: Option<Hit>,
    out: &mut SceneOut,
    to_global: egui::emath::TSTransform,
    layer: egui::LayerId,
) {
    let scale = to_global.scaling;
    let dark = ui.visuals().dark_mode;
    let background = ui.visuals().extreme_bg_color;
    let text_color = ui.visuals().strong_text_color();
    let screen = to_global * view;
    let painter = egui::Painter::new(ui.ctx().clone(), layer, screen);
    let dataset = ctx.dataset;
    let Runtime {
        model,
        sim,
        geometry,
        pins,
        meshes,
        ..
    } = rt;
    let pos = sim.positions();
    let geometry = geometry.get_or_insert_with(|| Geometry::new(model, pos));
    let at = |p: [f32; 2]| to_global * to_pos(p);

    // Which edges and nodes are on screen.
    let mut edges: Vec<u32> = Vec::new();
    for (e, bounds) in geometry.bounds.iter().enumerate() {
        if bounds.intersects(view) && (looks.edge_active[e] || !hide_inactive) {
            edges.push(e as u32);
        }
    }
    let mut nodes: Vec<u32> = Vec::new();
    for (n, p) in pos.iter().enumerate() {
        let r = looks.radius(n);
        if view.expand(r).contains(to_pos(*p)) && (looks.node_active[n] || !hide_inactive) {
            nodes.push(n as u32);
        }
    }
    let detailed = edges.len() + nodes.len() <= DETAILED_MAX;
    // What stands out is drawn last, on top of what is dimmed.
    if looks.focus.is_some() {
        edges.sort_by_key(|&e| looks.edge_focus(e as usize));
        nodes.sort_by_key(|&n| looks.node_focus(n as usize));
    }

    let edge_color = |e: usize| -> Color32 {
        let relation = dataset.relation(model.edges[e].relation);
        let base = style::relation_kind_color(&relation.kind);
        let mut alpha = if looks.edge_active[e] { 1.0 } else { 0.18 };
        if !looks.edge_focus(e) {
            alpha *= 0.2;
        }
        base.gamma_multiply(alpha)
    };
    let edge_width = |e: usize| -> f32 {
        let count = ctx.derived.relation_counts[model.edges[e].relation.index()];
        (1.0 + (count as f32).sqrt() * 1.2).min(7.0)
    };

    // Edges.
    if detailed {
        for &e in &edges {
            let e = e as usize;
            let curve: Vec<Pos2> = geometry.curve(e).iter().map(|p| to_global * *p).collect();
            let color = edge_color(e);
            let mut width = edge_width(e);
            if hovered == Some(Hit::Edge(e as u32)) {
                width += 2.0;
            }
            if looks.path_edges[e] {
                painter.add(egui::Shape::line(
                    curve.clone(),
                    Stroke::new(width + 5.0, style::PATH_COLOR.gamma_multiply(0.6)),
                ));
            }
            let edge = model.edges[e];
            if dataset.relation(edge.relation).directed {
                let r = looks.radius(edge.b as usize) * scale + 1.0;
                if let Some((tip, dir)) = arrow_tip(&curve, r) {
                    let size = 7.0 + width;
                    let side = vec2(-dir.y, dir.x) * size * 0.45;
                    let back = tip - dir * size;
                    painter.add(egui::Shape::convex_polygon(
                        vec![tip, back + side, back - side],
                        color,
                        Stroke::NONE,
                    ));
                    let mut curve = curve;
                    if let Some(last) = curve.last_mut() {
                        *last = back;
                    }
                    painter.add(egui::Shape::line(curve, Stroke::new(width, color)));
                    continue;
                }
            }
            painter.add(egui::Shape::line(curve, Stroke::new(width, color)));
        }
        // ▲ on a link whose visible backing events include a contested one.
        for &e in &edges {
            let e = e as usize;
            if looks.edge_contested[e] && looks.edge_focus(e) {
                let mid = to_global * geometry.midpoint(e);
                // Small at rest, so many contested links around one actor do not bury the
                // links themselves; full size on what a selection brings forward.
                let h = if looks.focus.is_some() { 7.0 } else { 4.5 };
                painter.add(egui::Shape::convex_polygon(
                    vec![
                        mid + vec2(0.0, -h),
                        mid + vec2(h * 0.9, h * 0.6),
                        mid + vec2(-h * 0.9, h * 0.6),
                    ],
                    style::CONTESTED_COLOR,
                    Stroke::new(1.0, background),
                ));
            }
        }
    } else {
        // Many edges: one mesh of plain quads, no arrows (level of detail). The buffer is
        // reused once the renderer has let go of last frame's.
        let mesh = reuse(&mut meshes.0);
        let segments: usize = edges
            .iter()
            .map(|&e| geometry.curve(e as usize).len() - 1)
            .sum();
        mesh.vertices.reserve(segments * 4);
        mesh.indices.reserve(segments * 6);
        for &e in &edges {
            let e = e as usize;
            let color = edge_color(e);
            let width = edge_width(e) * 0.7;
            for w in geometry.curve(e).windows(2) {
                add_segment(mesh, to_global * w[0], to_global * w[1], width, color);
            }
        }
        painter.add(egui::Shape::Mesh(meshes.0.clone()));
    }

    // Nodes.
    let outline = if dark {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    };
    if detailed {
        for &n in &nodes {
            let n = n as usize;
            let actor = model.nodes[n];
            let kind = &dataset.actor(actor).kind;
            let mut color = style::actor_kind_color(kind);
            if !looks.node_active[n] {
                color = color.gamma_multiply(0.25);
            }
            if !looks.node_focus(n) {
                color = color.gamma_multiply(0.25);
            }
            let r = looks.radius(n) * scale;
            let center = at(pos[n]);
            let selected = matches!(ctx.selection, Selection::Actor(a) if a == actor);
            let stroke = if selected {
                Stroke::new(3.0, text_color)
            } else if hovered == Some(Hit::Node(n as u32)) {
                Stroke::new(2.0, text_color)
            } else if looks.path_nodes[n] {
                Stroke::new(3.0, style::PATH_COLOR)
            } else {
                Stroke::new(1.0, outline)
            };
            painter.circle(center, r.max(1.5), color, stroke);
            if pins.contains_key(&actor) {
                painter.circle_filled(center + vec2(r * 0.7, -r * 0.7), 2.5, text_color);
            }
        }
    } else {
        let mesh = reuse(&mut meshes.1);
        mesh.vertices.reserve(nodes.len() * 4);
        mesh.indices.reserve(nodes.len() * 6);
        for &n in &nodes {
            let n = n as usize;
            let actor = model.nodes[n];
            let mut color = style::actor_kind_color(&dataset.actor(actor).kind);
            if !looks.node_active[n] || !looks.node_focus(n) {
                color = color.gamma_multiply(0.25);
            }
            // Small nodes fade out when zoomed far out instead of becoming noise.
            let r = looks.radius(n) * scale;
            if r < 0.6 {
                continue;
            }
            let fade = ((r - 0.6) / 1.4).clamp(0.0, 1.0);
            mesh.add_colored_rect(
                Rect::from_center_size(at(pos[n]), Vec2::splat((2.0 * r).max(2.0))),
                color.gamma_multiply(fade),
            );
        }
        painter.add(egui::Shape::Mesh(meshes.1.clone()));
    }

    // Labels: fade out when zoomed far out; when crowded, only the biggest nodes. Whole
    // pixel sizes only, so zooming does not fill the font atlas with fractional sizes.
    if scale >= LABEL_MIN_ZOOM {
        let fade = ((scale - LABEL_MIN_ZOOM) / (LABEL_FULL_ZOOM - LABEL_MIN_ZOOM)).clamp(0.0, 1.0);
        let font_px = (LABEL_SIZE * scale.powf(0.3)).round().clamp(9.0, 16.0);
        // Most important first: what the selection highlights, then the busiest actors. A
        // label that would cover one already placed is left out (hovering still names it).
        let mut labelled = nodes.clone();
        labelled.sort_by_key(|&n| {
            let n = n as usize;
            (
                !(looks.node_active[n] && looks.node_focus(n)),
                std::cmp::Reverse(looks.node_events[n]),
                n,
            )
        });
        labelled.truncate(MAX_LABELS);
        let mut placed: Vec<Rect> = Vec::with_capacity(labelled.len());
        let font = egui::FontId::proportional(font_px);
        for &n in &labelled {
            let n = n as usize;
            let actor = model.nodes[n];
            let mut alpha = fade;
            if !looks.node_active[n] || !looks.node_focus(n) {
                alpha *= 0.35;
            }
            let top = at(pos[n]) + vec2(0.0, looks.radius(n) * scale + 2.0);
            let galley = painter.layout_no_wrap(
                dataset.actor(actor).name.clone(),
                font.clone(),
                text_color.gamma_multiply(alpha),
            );
            let rect = Rect::from_min_size(top - vec2(galley.size().x / 2.0, 0.0), galley.size());
            if placed.iter().any(|p| p.intersects(rect)) {
                continue;
            }
            placed.push(rect.expand(1.0));
            painter.rect_filled(
                rect.expand(1.0),
                2.0,
                background.gamma_multiply(0.75 * alpha),
            );
            painter.galley(rect.min, galley, text_color);
        }
    }

    // On-screen items for accessibility, in screen space.
    if nodes.len() + edges.len() <= ACCESSIBLE_MAX {
        for &n in &nodes {
            let r = (looks.radius(n as usize) * scale).max(4.0);
            let rect = Rect::from_center_size(at(pos[n as usize]), Vec2::splat(2.0 * r));
            out.items.push((Hit::Node(n), rect));
        }
        let radius = |n: usize| looks.radius(n);
        let show = |hit: Hit| shown(looks, hide_inactive, hit);
        for &e in &edges {
            // The hit test's slack (see `hit_test`), and a little more.
            let slack = 6.0 / scale.max(1e-3);
            let handle = geometry.handle(model, pos, e as usize, slack, &radius, &show);
            out.items.push((
                Hit::Edge(e),
                Rect::from_center_size(to_global * handle, vec2(8.0, 8.0)),
            ));
        }
    }
}

/// The mesh behind `arc`, emptied, reusing its buffers if nobody else holds it any more.
fn reuse(arc: &mut Arc<egui::Mesh>) -> &mut egui::Mesh {
    if Arc::get_mut(arc).is_none() {
        *arc = Arc::new(egui::Mesh::default());
    }
    let mesh = Arc::make_mut(arc);
    mesh.clear();
    mesh
}

/// A straight segment as a quad.
fn add_segment(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let d = b - a;
    let len = d.length();
    if len <= 0.0 {
        return;
    }
    let n = vec2(-d.y, d.x) / len * (width / 2.0);
    let i = mesh.vertices.len() as u32;
    for p in [a + n, a - n, b - n, b + n] {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(i, i + 1, i + 2);
    mesh.add_triangle(i, i + 2, i + 3);
}

/// One accessibility node per on-screen node and edge, in screen space on the parent layer
/// (hover-only, so clicks still reach the scene and its hit test).
fn accessible_items_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, rt: &Runtime, out: &SceneOut) {
    for (hit, rect) in &out.items {
        let (id, label) = match *hit {
            Hit::Node(n) => {
                let actor = rt.model.nodes[n as usize];
                (Id::unique(("graph-a11y-node", actor)), None)
            }
            Hit::Edge(e) => {
                let relation = rt.model.edges[e as usize].relation;
                (Id::unique(("graph-a11y-edge", relation)), Some(relation))
            }
        };
        let response = ui.interact(*rect, id, Sense::hover());
        response.widget_info(|| {
            let text = match (hit, label) {
                (Hit::Node(n), _) => ctx.dataset.actor(rt.model.nodes[*n as usize]).name.clone(),
                (_, Some(relation)) => edge_label(ctx.dataset, ctx.derived, relation),
                _ => String::new(),
            };
            egui::WidgetInfo::labeled(egui::Role::Button, true, &text)
        });
    }
}

fn actor_tooltip_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, actor: ActorId, events: u32, pinned: bool) {
    let dataset = ctx.dataset;
    let a = dataset.actor(actor);
    ui.label(RichText::new(&a.name).strong());
    ui.label(RichText::new(a.kind.label()).color(style::actor_kind_color(&a.kind)));
    let relations = &dataset.index.relations_by_actor[actor.index()];
    let active = relations
        .iter()
        .filter(|&&r| network::is_active(dataset, ctx.derived, r))
        .count();
    ui.label(format!(
        "{events} visible event(s) of {} · {active} of {} relation(s) active",
        dataset.index.events_by_actor[actor.index()].len(),
        relations.len()
    ));
    ui.weak(if pinned {
        "Pinned — right-click to unpin"
    } else {
        "Click to select · drag to move and pin"
    });
}

fn relation_tooltip_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, relation: RelationId) {
    let dataset = ctx.dataset;
    let r = dataset.relation(relation);
    ui.label(RichText::new(super::inspector::relation_label(dataset, relation)).strong());
    ui.label(RichText::new(r.kind.label()).color(style::relation_kind_color(&r.kind)));
    let visible = ctx.derived.relation_counts[relation.index()];
    ui.label(format!(
        "{visible} of {} backing event(s) inside the current filters",
        r.events.len()
    ));
    if let (Some(first), Some(last)) = (r.events.first(), r.events.last()) {
        ui.label(format!(
            "{} – {}",
            dataset.event(*first).when.human(),
            dataset.event(*last).when.human()
        ));
    }
    ui.weak("Click to read the events and quotes behind it");
}

/// The kinds that occur in the graph, for the legend (computed once per dataset).
#[derive(Default)]
struct LegendKinds {
    relations: Vec<crate::model::RelationKind>,
    actors: Vec<crate::model::ActorKind>,
}

impl LegendKinds {
    fn new(dataset: &Dataset, model: &GraphModel) -> Self {
        let mut relations: Vec<_> = model
            .edges
            .iter()
            .map(|e| dataset.relation(e.relation).kind.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        relations.sort();
        let actors = model
            .nodes
            .iter()
            .map(|a| dataset.actor(*a).kind.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        Self { relations, actors }
    }
}

fn legend_ui(ui: &mut Ui, kinds: &LegendKinds) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.label(RichText::new("Links").strong());
        for kind in &kinds.relations {
            swatch_ui(ui, style::relation_kind_color(kind), kind.label(), false);
        }
        ui.weak("width: events in window");
        ui.weak("→ directed · faint: none in window");
        ui.horizontal(|ui| {
            ui.colored_label(style::CONTESTED_COLOR, "▲");
            ui.weak("contested: a claim disputes one of its events");
        });
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 10.0), Sense::hover());
            ui.painter().line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(4.0, style::PATH_COLOR),
            );
            ui.weak("shortest path");
        });
        ui.add_space(4.0);
        ui.label(RichText::new("Actors").strong());
        for kind in &kinds.actors {
            swatch_ui(ui, style::actor_kind_color(kind), kind.label(), true);
        }
        ui.weak("size: visible events");
    });
}

fn swatch_ui(ui: &mut Ui, color: Color32, label: &str, round: bool) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(14.0, 10.0), Sense::hover());
        if round {
            ui.painter().circle_filled(rect.center(), 5.0, color);
        } else {
            ui.painter().line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(3.0, color),
            );
        }
        ui.label(RichText::new(label).small());
    });
}

fn toolbar_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut GraphState, rt: &mut Runtime) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Actor graph").strong());
        if ui
            .button("Fit")
            .on_hover_text("Show the whole graph (or double-click the background)")
            .clicked()
        {
            rt.auto_fit = true;
            state.scene_rect = None;
        }
        if ui
            .button("Re-layout")
            .on_hover_text("Lay the graph out afresh (pins stay)")
            .clicked()
        {
            ctx.send(Command::Relayout);
        }
        if ui
            .add_enabled(!state.pins.is_empty(), egui::Button::new("Unpin all"))
            .clicked()
        {
            ctx.send(Command::UnpinAll);
        }
        ui.checkbox(&mut state.hide_inactive, "Hide links outside the window")
            .on_hover_text(
                "Relations with no backing event inside the filters: hidden when ticked, faint otherwise",
            );
        ui.separator();
        let label = if rt.play.playing { "■ Stop" } else { "▶ Play" };
        if ui
            .button(label)
            .on_hover_text("Sweep a time window through the events; the graph follows")
            .clicked()
        {
            if rt.play.playing {
                rt.play.playing = false;
            } else {
                let (first, last) = day_range(ctx);
                let at = ctx.filters.window.map_or(first, |(from, _)| from);
                rt.play.cursor = f64::from(if at >= last { first } else { at });
                rt.play.playing = true;
                rt.play.started = false;
            }
        }
        ui.add(
            egui::DragValue::new(&mut rt.play.width_days)
                .range(7..=3650)
                .suffix(" days"),
        )
        .on_hover_text("Width of the playing window");
        ui.add(
            egui::DragValue::new(&mut rt.play.speed)
                .range(5.0..=2000.0)
                .suffix(" days/s"),
        )
        .on_hover_text("Playback speed");
    });
}

/// The first and last day of the dataset's events.
fn day_range(ctx: &ViewCtx<'_>) -> (Day, Day) {
    let dataset = ctx.dataset;
    let first = dataset
        .index
        .events_by_time
        .first()
        .map_or(0, |e| dataset.event(*e).when.first_day());
    let last = dataset
        .events
        .iter()
        .map(|e| e.when.last_day())
        .max()
        .unwrap_or(first);
    (first, last)
}

/// Advances the player: one undoable window when it starts, then live updates.
fn play_tick(ui: &Ui, ctx: &mut ViewCtx<'_>, rt: &mut Runtime) {
    if !rt.play.playing {
        return;
    }
    let (_, last) = day_range(ctx);
    let dt = ui.input(|i| i.stable_dt).min(0.1);
    if rt.play.started {
        rt.play.cursor += f64::from(dt * rt.play.speed);
    }
    let from = rt.play.cursor.floor() as Day;
    if from > last {
        rt.play.playing = false;
        return;
    }
    let window = Some((from, from + rt.play.width_days - 1));
    if ctx.filters.window != window {
        ctx.send(if rt.play.started {
            Command::PlayTimeWindow(window)
        } else {
            Command::SetTimeWindow(window)
        });
    }
    rt.play.started = true;
    ui.ctx().request_repaint();
}

/// Degree and betweenness of an actor within the current filters, and the shortest path to
/// another actor (inspector section).
pub fn actor_analysis_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, actor: ActorId) {
    let dataset = ctx.dataset;
    let memo = ui.data_mut(|d| {
        d.get_temp_mut_or_default::<Arc<Mutex<CentralityMemo>>>(Id::unique("graph-centrality"))
            .clone()
    });
    let centrality = match memo.lock() {
        Ok(mut memo) => memo.get(dataset, ctx.derived, ctx.filters),
        Err(_) => return,
    };
    let i = actor.index();
    ui.add_space(4.0);
    ui.label(RichText::new("In the network (current filters)").strong());
    let degree = centrality.degree.get(i).copied().unwrap_or(0);
    let links = centrality.links.get(i).copied().unwrap_or(0);
    ui.label(format!(
        "Degree: {degree} neighbour(s) through {links} active relation(s)"
    ));
    let b = centrality.betweenness.get(i).copied().unwrap_or(0.0);
    let norm = centrality.normalised.get(i).copied().unwrap_or(0.0);
    ui.label(format!(
        "Betweenness: {b:.1} ({:.0}% of pairs) · rank {} of {}{}",
        norm * 100.0,
        centrality.betweenness_rank(actor),
        centrality.nodes,
        if centrality.sampled_sources.is_some() {
            " (estimated)"
        } else {
            ""
        }
    ))
    .on_hover_text("How many shortest chains between other actors pass through this one");

    // Path finding: pick another actor, find the shortest chain of active relations.
    let target_id = Id::unique("graph-path-target");
    let mut target: Option<ActorId> = ui.data(|d| d.get_temp(target_id)).flatten();
    ui.horizontal(|ui| {
        ui.label("Path to");
        let name = target.map_or("choose…", |t| dataset.actor(t).name.as_str());
        egui::ComboBox::from_id_salt("graph-path-combo")
            .selected_text(name)
            .width(140.0)
            .show_ui(ui, |ui| {
                for &other in &dataset.index.actors_by_name {
                    if other != actor
                        && centrality.degree.get(other.index()).is_some_and(|&d| d > 0)
                    {
                        ui.selectable_value(&mut target, Some(other), &dataset.actor(other).name);
                    }
                }
            });
        if ui
            .add_enabled(target.is_some(), egui::Button::new("Find path"))
            .clicked()
            && let Some(to) = target
        {
            ctx.send(Command::FindPath(actor, to));
        }
        if !ctx.path.is_empty() && ui.button("Clear path").clicked() {
            ctx.send(Command::ClearPath);
        }
    });
    ui.data_mut(|d| d.insert_temp(target_id, target));
    path_ui(ui, ctx);
}

/// The shortest path being shown: each link, then its visible events.
fn path_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    if ctx.path.is_empty() {
        return;
    }
    let dataset = ctx.dataset;
    let actors = network::path_actors(dataset, ctx.path);
    let names: Vec<&str> = actors
        .iter()
        .map(|a| dataset.actor(*a).name.as_str())
        .collect();
    ui.label(RichText::new(format!("Path: {}", names.join(" → "))).strong());
    let path = ctx.path.to_vec();
    for relation in path {
        if ui
            .link(edge_label(ctx.dataset, ctx.derived, relation))
            .clicked()
        {
            ctx.send(Command::Select(Selection::Relation(relation)));
        }
        ui.indent(("path-events", relation), |ui| {
            for &event in &dataset.relation(relation).events {
                if ctx.derived.is_visible(event) {
                    super::inspector::event_link(ui, ctx, event);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_positions_and_pins_round_trip() {
        let mut state = GraphState::default();
        state.pin(ActorId(2), [10.0, -5.0]);
        state.positions.insert(ActorId(1), [3.0, 4.0]);
        state.scene_rect = Some(Rect::from_min_max(pos2(-1.0, -2.0), pos2(3.0, 4.0)));
        let (camera, nodes) = state.saved();
        assert_eq!(camera, Some((-1.0, -2.0, 3.0, 4.0)));
        assert_eq!(
            nodes,
            vec![
                (ActorId(1), [3.0, 4.0], false),
                (ActorId(2), [10.0, -5.0], true)
            ]
        );
        let mut restored = GraphState::default();
        restored.restore(camera, &nodes);
        assert_eq!(restored.saved(), (camera, nodes));
        assert!(restored.is_pinned(ActorId(2)));
        restored.unpin_all();
        assert!(!restored.is_pinned(ActorId(2)));
    }

    #[test]
    fn a_selected_event_lights_up_its_actors_and_links_and_dims_the_rest() {
        let dataset = crate::synth::synthetic(200, 15, 5);
        let search = crate::query::SearchIndex::new(&dataset);
        let filters = crate::query::Filters::default();
        let derived = Derived::compute(&dataset, &search, &filters);
        let annotations = crate::views::Annotations::default();
        let model = GraphModel::new(&dataset);
        let event = (0..dataset.events.len())
            .map(crate::model::EventId::from_index)
            .find(|&e| !dataset.index.relations_by_event[e.index()].is_empty())
            .unwrap_or(crate::model::EventId(0));
        let ctx = ViewCtx::new(
            &dataset,
            &derived,
            &filters,
            Selection::Event(event),
            &annotations,
            &[],
        );
        let looks = Looks::new(&ctx, &model);
        let mut lit_edges: Vec<RelationId> = (0..model.edges.len())
            .filter(|&e| looks.edge_focus(e))
            .map(|e| model.edges[e].relation)
            .collect();
        lit_edges.sort();
        let mut expected = dataset.index.relations_by_event[event.index()].clone();
        expected.sort();
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
            &dataset,
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
    fn a_clone_leaves_the_runtime_behind_and_compares_equal() {
        let mut state = GraphState::default();
        state.runtime.0 = None;
        let copy = state.clone();
        assert_eq!(copy, state);
        assert!(copy.is_settled());
    }
}
