//! The timeline. (Being built.)

use std::collections::BTreeSet;

use super::ViewCtx;
use crate::model::{ActorId, Dataset};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineState {
    pub lane_order: Vec<ActorId>,
    pub hidden: BTreeSet<ActorId>,
}

impl TimelineState {
    pub fn for_dataset(_dataset: &Dataset) -> Self {
        Self::default()
    }
    pub fn fit_all(&mut self) {}
    pub fn zoom_to(&mut self, _from: f64, _to: f64) {}
}

pub fn timeline_ui(ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>, _state: &mut TimelineState) {
    ui.weak("timeline");
}

impl TimelineState {
    /// Scrolls the timeline so that `event` is in view.
    pub fn reveal(&mut self, _dataset: &Dataset, _event: crate::model::EventId) {}
}
