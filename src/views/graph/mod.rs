//! The actor-relationship graph on `egui::Scene`. (Being built: see issue 5.)

use super::ViewCtx;
use crate::model::ActorId;

/// The graph's view state: camera, node positions and pins (saved in workspaces).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphState {}

impl GraphState {
    pub fn pin(&mut self, _actor: ActorId, _pos: [f32; 2]) {}
    pub fn unpin(&mut self, _actor: ActorId) {}
    pub fn unpin_all(&mut self) {}
    pub fn relayout(&mut self) {}
}

pub fn graph_ui(ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>, _state: &mut GraphState) {
    ui.weak("The actor graph is being built.");
}

/// Degree and betweenness of an actor within the current filters (inspector section).
pub fn actor_analysis_ui(_ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>, _actor: ActorId) {}

impl GraphState {
    /// Fresh positions for a newly loaded dataset.
    pub fn reset_for(&mut self, _dataset: &crate::model::Dataset) {}
}

impl GraphState {
    /// What a workspace saves: the camera (scene rect) and each node's position and pin.
    pub fn saved(&self) -> (Option<super::SavedCamera>, Vec<super::SavedNode>) {
        (None, Vec::new())
    }

    /// Restores what [`GraphState::saved`] returned.
    pub fn restore(&mut self, _camera: Option<super::SavedCamera>, _nodes: &[super::SavedNode]) {}
}
