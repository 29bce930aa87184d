//! The running graph: the layout engine for the current dataset, drag state, the memoised
//! looks and the meshes reused across frames. Built once per dataset (or re-layout), never
//! cloned or compared.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::engine::Engine;
use super::layout::Simulation;
use super::legend::LegendKinds;
use super::looks::LooksMemo;
use super::player::Play;
use super::scene::{Geometry, GraphModel};
use super::state::GraphState;
use crate::model::ActorId;
use crate::views::cache::DatasetCaches;

/// Time spent settling a fresh layout before its first frame.
const WARM_BUDGET: Duration = Duration::from_millis(60);
/// A fresh layout is stepped before its first frame until it is this cool.
const WARM_ALPHA: f32 = 0.25;

/// The running simulation and what is derived from positions.
pub(super) struct Runtime {
    /// The [`DatasetCaches::generation`](crate::views::cache::DatasetCaches::generation) of
    /// the dataset it was built for.
    pub(super) dataset: u64,
    pub(super) layout_revision: u64,
    pub(super) model: Arc<GraphModel>,
    /// The layout, stepped inline or on a worker thread.
    pub(super) sim: Engine,
    pub(super) pins: BTreeMap<ActorId, [f32; 2]>,
    /// Geometry for the current positions; `None` after they move.
    pub(super) geometry: Option<Geometry>,
    pub(super) dragging: Option<u32>,
    /// The node the primary button went down on, until it is released: its widget must
    /// outlive the pointer leaving its disc, or egui drops the drag before it starts.
    pub(super) pressed: Option<u32>,
    /// Keep fitting the camera to the graph until the analyst pans or zooms.
    pub(super) auto_fit: bool,
    pub(super) play: Play,
    pub(super) legend: LegendKinds,
    /// Edge and node meshes of the zoomed-out level of detail, refilled each frame.
    pub(super) meshes: (Arc<egui::Mesh>, Arc<egui::Mesh>),
    /// How nodes and edges look, and what it was computed from.
    pub(super) looks: LooksMemo,
}

impl Runtime {
    pub(super) fn new(
        caches: &DatasetCaches,
        state: &GraphState,
        egui_ctx: Option<&egui::Context>,
        aspect: f32,
    ) -> Self {
        let dataset = caches.dataset();
        let model = caches.graph_model();
        let known: Vec<Option<[f32; 2]>> = model
            .nodes
            .iter()
            .map(|a| state.positions.get(a).copied())
            .collect();
        let all_known = !known.is_empty() && known.iter().all(Option::is_some);
        let mut sim =
            Simulation::with_positions(&model.layout, &known, if all_known { 0.0 } else { 1.0 });
        sim.set_aspect(aspect);
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
            dataset: caches.generation(),
            layout_revision: state.layout_revision,
            model,
            sim: Engine::new(sim, egui_ctx),
            pins: state.pins.clone(),
            geometry: None,
            dragging: None,
            pressed: None,
            // Fitted again when actors without a place appear (an import added them).
            auto_fit: state.scene_rect.is_none() || !all_known,
            play: Play::for_dataset(dataset),
            legend,
            looks: LooksMemo::default(),
            meshes: Default::default(),
        }
    }

    pub(super) fn sync_pins(&mut self, pins: &BTreeMap<ActorId, [f32; 2]>) {
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
