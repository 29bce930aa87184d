//! The actor-relationship graph on `egui::Scene`: actors as nodes (colour by kind, size by
//! visible events), every relation between a pair bundled into one straight link (width by
//! its distinct visible events, striped by the families of its relations, arrowheads where
//! directed), a force layout that animates until it settles, dragging to pin, and a
//! time-window player.
//!
//! Split like rerun's graph view, one concern per file:
//! - `layout` (pure arithmetic: the force layout, with `quadtree` for its repulsion) and
//!   `engine` (where it runs: inline or on a worker thread);
//! - `scene`: the graph model (once per dataset) and geometry with hit testing, in scene units;
//! - `state`: what workspaces save; `runtime`: the running layout and per-frame memos;
//! - `looks`: how each item looks under the filters, selection and path (memoised by a key
//!   naming everything it reads);
//! - `ui`: the panel, input and accessibility; `draw`: painting; `legend`; `player`.
//!
//! The actor's network measures (centrality, *Find path*) are an inspector section:
//! `crate::views::inspector::analysis`.

mod draw;
pub mod engine;
pub mod layout;
mod legend;
mod looks;
mod player;
mod quadtree;
mod runtime;
pub mod scene;
mod state;
mod ui;

pub use self::looks::{MAX_RADIUS, Trim};
pub use self::state::GraphState;
pub use self::ui::graph_ui;
