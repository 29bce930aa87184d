//! The view state: everything the analyst sets up on a dataset, in the app's own terms — what
//! a workspace saves (through its own file format, `crate::workspace`) and what undo restores
//! part of — and the registry of panels.

use serde::{Deserialize, Serialize};

use super::graph::GraphState;
use super::reader::ReaderState;
use super::timeline::TimelineState;
use super::{Annotations, Selection};
use crate::model::{Dataset, RelationId};
use crate::query::Filters;

/// Everything the analyst sets up on a dataset: what a workspace saves.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub filters: Filters,
    pub selection: Selection,
    pub timeline: TimelineState,
    pub graph: GraphState,
    pub reader: ReaderState,
    pub layout: Layout,
    pub annotations: Annotations,
    /// The shortest path between two actors being shown in the graph.
    pub path: Vec<RelationId>,
}

impl ViewState {
    pub fn for_dataset(dataset: &Dataset) -> Self {
        Self {
            timeline: TimelineState::for_dataset(dataset),
            ..Self::default()
        }
    }
}

/// The panels that can be shown or hidden: the View menu lists [`Panel::ALL`] and the layout
/// saves one flag for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Panel {
    /// The left panel: filters, sources and claims.
    Side,
    Inspector,
    Timeline,
    Graph,
}

impl Panel {
    pub const ALL: [Self; 4] = [Self::Side, Self::Inspector, Self::Timeline, Self::Graph];

    pub fn label(self) -> &'static str {
        match self {
            Self::Side => "Filters, sources and claims",
            Self::Inspector => "Inspector",
            Self::Timeline => "Timeline",
            Self::Graph => "Actor graph",
        }
    }
}

/// The tabs of the left panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SideTab {
    #[default]
    Filters,
    Sources,
    Claims,
}

impl SideTab {
    pub const ALL: [Self; 3] = [Self::Filters, Self::Sources, Self::Claims];

    pub fn label(self) -> &'static str {
        match self {
            Self::Filters => "Filters",
            Self::Sources => "Sources",
            Self::Claims => "Claims",
        }
    }
}

/// Which panels are open, and the theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    pub side: bool,
    pub inspector: bool,
    pub timeline: bool,
    pub graph: bool,
    pub side_tab: SideTab,
    pub dark_mode: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            side: true,
            inspector: true,
            timeline: true,
            graph: true,
            side_tab: SideTab::Filters,
            dark_mode: true,
        }
    }
}

impl Layout {
    pub fn is_open(&self, panel: Panel) -> bool {
        let mut copy = *self;
        *copy.slot(panel)
    }

    pub fn toggle(&mut self, panel: Panel) {
        let open = self.slot(panel);
        *open = !*open;
    }

    /// Where each panel's open flag lives: the one mapping from [`Panel`] to the layout.
    fn slot(&mut self, panel: Panel) -> &mut bool {
        match panel {
            Panel::Side => &mut self.side,
            Panel::Inspector => &mut self.inspector,
            Panel::Timeline => &mut self.timeline,
            Panel::Graph => &mut self.graph,
        }
    }
}
