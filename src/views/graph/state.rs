//! The graph's saved view state: camera, node positions and pins, display options (what
//! workspaces save and undo restores part of), and the cell holding the running layout.

use std::collections::BTreeMap;

use egui::{Rect, pos2};

use super::runtime::Runtime;
use crate::model::ActorId;

/// The graph's view state: camera, node positions and pins, display options (saved in
/// workspaces). The running simulation and its memos live in `runtime`, which is neither
/// cloned nor compared (a clone starts without one). Undo restores only the pins and the
/// display option, so the running layout and the camera stay as they are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphState {
    /// The part of the scene in view; `None` fits the whole graph.
    pub scene_rect: Option<Rect>,
    /// Last settled scene position of each node.
    pub(super) positions: BTreeMap<ActorId, [f32; 2]>,
    pub(super) pins: BTreeMap<ActorId, [f32; 2]>,
    /// Hide relations without a visible backing event (rather than fading them).
    pub hide_inactive: bool,
    /// The focus and the minor-actor threshold (what the graph leaves out).
    pub trim: super::looks::Trim,
    /// Bumped when positions are replaced (re-layout, restore): the simulation restarts from
    /// `positions`. (A new dataset has a new generation, which rebuilds the runtime too.)
    pub(super) layout_revision: u64,
    pub(super) runtime: RuntimeCell,
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

    /// The pinned nodes and where (what undo restores; the layout keeps running).
    pub fn pins(&self) -> &BTreeMap<ActorId, [f32; 2]> {
        &self.pins
    }

    /// Replaces the pins; the running layout takes them in on its next frame.
    pub fn set_pins(&mut self, pins: BTreeMap<ActorId, [f32; 2]>) {
        for (actor, pos) in &pins {
            self.positions.insert(*actor, *pos);
        }
        self.pins = pins;
    }

    /// Whether a layout is running for the current dataset (not rebuilt since).
    pub fn has_runtime(&self) -> bool {
        self.runtime.0.is_some()
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

    /// What a workspace saves: the camera (scene rect) and each node's position and pin.
    pub fn saved(
        &self,
    ) -> (
        Option<crate::views::SavedCamera>,
        Vec<crate::views::SavedNode>,
    ) {
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
    pub fn restore(
        &mut self,
        camera: Option<crate::views::SavedCamera>,
        nodes: &[crate::views::SavedNode],
    ) {
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
pub(super) struct RuntimeCell(pub(super) Option<Box<Runtime>>);

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
    fn a_clone_leaves_the_runtime_behind_and_compares_equal() {
        let mut state = GraphState::default();
        state.runtime.0 = None;
        let copy = state.clone();
        assert_eq!(copy, state);
        assert!(copy.is_settled());
    }
}
