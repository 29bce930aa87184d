//! The views: one module per view, each a function of the dataset, the derived data and its
//! own view state, that paints with egui and asks for changes by emitting [`Command`]s.
//!
//! Views never mutate app state other than their own camera-like view state; everything that
//! the analyst would want to undo or save goes through a [`Command`] to the app's handler.

pub mod cache;
pub mod claims;
pub mod filters;
pub mod graph;
pub mod inspector;
pub mod labels;
pub mod reader;
pub mod sources;
pub mod state;
pub mod style;
pub mod timeline;

pub use state::{Layout, Panel, SideTab, ViewState};

use std::ops::Range;

use self::cache::DatasetCaches;
use crate::model::{ActorId, ClaimId, Dataset, Day, DocId, EventId, RelationId};
use crate::query::{Derived, Filters};

/// The one selection shared by every view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Selection {
    #[default]
    None,
    Event(EventId),
    Actor(ActorId),
    Relation(RelationId),
    /// Every relation between two actors (the graph's bundled link), lower id first: see
    /// [`Selection::link`].
    Link(ActorId, ActorId),
    Claim(ClaimId),
    Document(DocId),
}

impl Selection {
    /// The link between two actors, in either order.
    pub fn link(a: ActorId, b: ActorId) -> Self {
        Selection::Link(a.min(b), a.max(b))
    }
}

/// Steps through events in time order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Previous,
    Next,
    First,
    Last,
}

/// A graph node as a workspace saves it: actor, scene position, pinned.
pub type SavedNode = (ActorId, [f32; 2], bool);
/// The graph camera as a workspace saves it: the scene rect `(min_x, min_y, max_x, max_y)`.
pub type SavedCamera = (f32, f32, f32, f32);

/// What an analyst's note or bookmark is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteTarget {
    Event(EventId),
    Actor(ActorId),
    Relation(RelationId),
}

/// A step of the timeline's zoom, about the centre of the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoomStep {
    /// Half as many days.
    In,
    /// Three times as many days.
    Out,
}

/// Every change a view, a menu or a shortcut can ask for. The app has one handler for them, so
/// the same action never has two implementations; undo and redo live there too.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Select(Selection),
    Step(Step),
    /// Replace the filters (undoable).
    SetFilters(Filters),
    /// Set or clear the app-wide time window (undoable).
    SetTimeWindow(Option<(Day, Day)>),
    /// Move the time window without an undo step (the graph's player, many times a second;
    /// it sends one `SetTimeWindow` when it starts, so one undo returns to before playing).
    PlayTimeWindow(Option<(Day, Day)>),
    /// Make the timeline show the whole dataset.
    FitTimeline,
    /// Zoom the timeline about the centre of its view.
    ZoomTimeline(ZoomStep),
    /// Make the timeline show these days.
    ZoomTimelineTo(Day, Day),
    /// New lane order (undoable).
    SetLaneOrder(Vec<ActorId>),
    /// Replace the set of hidden lanes (undoable, one step however many lanes change).
    SetHiddenLanes(std::collections::BTreeSet<ActorId>),
    /// Hide the lanes without visible events, or show them (undoable).
    SetHideEmptyLanes(bool),
    /// Hide the graph's links without a visible backing event, or fade them (undoable).
    SetHideInactiveLinks(bool),
    /// The graph's focus and minor-actor threshold (undoable).
    SetGraphTrim(graph::Trim),
    /// Pin a graph node at a scene position (undoable).
    PinNode(ActorId, [f32; 2]),
    UnpinNode(ActorId),
    UnpinAll,
    /// Lay the graph out afresh (pins stay). Like panning, not an undo step.
    Relayout,
    /// Open a document in the reader, scrolled to `focus` (a byte range of its text).
    OpenDocument {
        doc: DocId,
        focus: Option<Range<usize>>,
    },
    CloseDocument(DocId),
    CopyToClipboard(String),
    /// Set (or, with an empty text, clear) the analyst's note on an item (undoable).
    SetNote(NoteTarget, String),
    /// The note's text as it is being typed: kept at once (so it is saved with the session and
    /// the workspace, and never lost), and one undo step for a run of typing.
    TypeNote(NoteTarget, String),
    ToggleBookmark(NoteTarget),
    /// Highlight the shortest chain of relations between two actors.
    FindPath(ActorId, ActorId),
    ClearPath,
    TogglePanel(Panel),
    ShowSideTab(SideTab),
    SetDarkMode(bool),
    ShowShortcuts,
    ShowGettingStarted,
    ShowAbout,
    OpenDatasetDialog,
    /// Open this dataset file or importable table (a file dropped on the window).
    OpenDataset(std::path::PathBuf),
    /// File → Import…: choose a file of events to preview, then add or open.
    ImportDialog,
    OpenWorkspaceDialog,
    OpenWorkspace(std::path::PathBuf),
    SaveWorkspace,
    SaveWorkspaceAs,
    ExportDialog,
    /// Change the dataset itself (undoable; marks the dataset, not the workspace, unsaved).
    Edit(crate::model::edit::Edit),
    /// Save the edited dataset over the file it came from (or ask where, if it has none).
    SaveDataset,
    /// Save the dataset as a RON file at this path, its texts beside it.
    SaveDatasetAs(std::path::PathBuf),
    Undo,
    Redo,
    Quit,
}

/// What every view gets: read access to the data and a place to put commands.
pub struct ViewCtx<'a> {
    pub dataset: &'a Dataset,
    /// What is computed once per dataset (search, highlight and sources indexes, graph model,
    /// network measures).
    pub caches: &'a DatasetCaches,
    pub derived: &'a Derived,
    pub filters: &'a Filters,
    pub selection: Selection,
    pub annotations: &'a Annotations,
    /// The shortest path being shown, as relations, if any.
    pub path: &'a [RelationId],
    commands: Vec<Command>,
}

impl<'a> ViewCtx<'a> {
    pub fn new(
        caches: &'a DatasetCaches,
        derived: &'a Derived,
        filters: &'a Filters,
        selection: Selection,
        annotations: &'a Annotations,
        path: &'a [RelationId],
    ) -> Self {
        Self {
            dataset: caches.dataset(),
            caches,
            derived,
            filters,
            selection,
            annotations,
            path,
            commands: Vec::new(),
        }
    }

    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    pub fn take_commands(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.commands)
    }
}

/// The analyst's notes and bookmarks, by item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annotations {
    pub notes: std::collections::BTreeMap<NoteTarget, String>,
    pub bookmarks: std::collections::BTreeSet<NoteTarget>,
}

impl Annotations {
    pub fn note(&self, target: NoteTarget) -> Option<&str> {
        self.notes.get(&target).map(String::as_str)
    }

    pub fn is_marked(&self, target: NoteTarget) -> bool {
        self.bookmarks.contains(&target) || self.notes.contains_key(&target)
    }
}
