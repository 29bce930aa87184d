//! Workspaces: everything the analyst set up, saved to and loaded from RON files.
//!
//! [`WorkspaceFile`] is the file format, a type of its own (not the app's internal structs), so
//! the format is a chosen boundary: items are referred to by their dataset ids (strings), never
//! by in-memory indexes. Loading *resolves* a file against a dataset: what still exists is
//! restored, what does not is listed, and notes on vanished items are kept to be written back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod check;
mod resolve;

pub use self::check::check_file;
pub use self::resolve::Resolved;

use crate::io::{DatasetSource, LoadedDataset};
use crate::model::{ActorId, Dataset, Day, Kind as _, Location};
use crate::query::Corroboration;
use crate::views::{Layout, NoteTarget, Selection, SideTab, ViewState};

/// The version this build writes, and the newest it reads.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Workspace", deny_unknown_fields)]
pub struct WorkspaceFile {
    pub version: u32,
    /// A name for the window title and the Recent menu.
    #[serde(default)]
    pub name: String,
    pub dataset: DatasetRef,
    /// FNV-1a of what was loaded when this was saved: tells whether the dataset changed.
    #[serde(default)]
    pub content_hash: String,
    #[serde(default)]
    pub filters: FiltersFile,
    #[serde(default)]
    pub selection: Option<ItemRef>,
    #[serde(default)]
    pub timeline: TimelineFile,
    #[serde(default)]
    pub graph: GraphFile,
    #[serde(default)]
    pub open_documents: Vec<OpenDocumentFile>,
    #[serde(default)]
    pub layout: LayoutFile,
    /// The analyst's notes and bookmarks.
    #[serde(default)]
    pub notes: Vec<NoteFile>,
}

/// Which dataset a workspace is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DatasetRef {
    /// The curated dataset compiled into the app.
    Embedded,
    /// A dataset file; a relative path is relative to the workspace file's folder.
    File(String),
}

/// An item of the dataset, by id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ItemRef {
    Event(String),
    Actor(String),
    Relation(String),
    /// Every relation between two actors (the graph's bundled link), by the actors' ids.
    Link(String, String),
    Claim(String),
    Document(String),
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Event(id) => write!(f, "event {id:?}"),
            Self::Actor(id) => write!(f, "actor {id:?}"),
            Self::Relation(id) => write!(f, "relation {id:?}"),
            Self::Link(a, b) => write!(f, "link between actors {a:?} and {b:?}"),
            Self::Claim(id) => write!(f, "claim {id:?}"),
            Self::Document(id) => write!(f, "document {id:?}"),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FiltersFile {
    pub actors: Vec<String>,
    pub include_related: bool,
    /// Event kind codes (`"deployment"`).
    pub kinds: Vec<String>,
    pub documents: Vec<String>,
    /// Inclusive ISO days: `("2021-07-01", "2022-12-31")`.
    pub window: Option<(String, String)>,
    pub search: String,
    pub corroboration: Corroboration,
    pub contested_only: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimelineFile {
    /// Lane order by actor id; actors not listed follow in the default order.
    pub lane_order: Vec<String>,
    pub hidden: Vec<String>,
    pub hide_empty: bool,
    /// The visible days (plot x range), as day numbers since 1970-01-01.
    pub view: Option<(f64, f64)>,
}

impl Default for TimelineFile {
    fn default() -> Self {
        Self {
            lane_order: Vec::new(),
            hidden: Vec::new(),
            hide_empty: true,
            view: None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GraphFile {
    /// The scene rectangle in view: `(min_x, min_y, max_x, max_y)`.
    pub camera: Option<(f32, f32, f32, f32)>,
    pub nodes: Vec<NodeFile>,
    /// Links without a visible backing event are hidden (rather than faint).
    pub hide_inactive: bool,
    /// Focus on an actor (by id) and its neighbourhood this many links deep.
    pub focus: Option<(String, u8)>,
    /// Actors with fewer events inside the filters are hidden.
    pub min_events: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    pub actor: String,
    pub x: f32,
    pub y: f32,
    #[serde(default)]
    pub pinned: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenDocumentFile {
    pub document: String,
    /// The emphasised passage, as byte offsets into the document's text.
    #[serde(default)]
    pub focus: Option<(usize, usize)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LayoutFile {
    pub side: bool,
    pub inspector: bool,
    pub timeline: bool,
    pub graph: bool,
    pub side_tab: SideTab,
    pub dark_mode: bool,
}

impl Default for LayoutFile {
    fn default() -> Self {
        Layout::default().into()
    }
}

impl From<Layout> for LayoutFile {
    fn from(layout: Layout) -> Self {
        let Layout {
            side,
            inspector,
            timeline,
            graph,
            side_tab,
            dark_mode,
        } = layout;
        Self {
            side,
            inspector,
            timeline,
            graph,
            side_tab,
            dark_mode,
        }
    }
}

impl From<&LayoutFile> for Layout {
    fn from(file: &LayoutFile) -> Self {
        let LayoutFile {
            side,
            inspector,
            timeline,
            graph,
            side_tab,
            dark_mode,
        } = *file;
        Self {
            side,
            inspector,
            timeline,
            graph,
            side_tab,
            dark_mode,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteFile {
    pub item: ItemRef,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub bookmarked: bool,
}

/// Why a workspace file could not be read. The current state is never touched on error.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("{path}: cannot read the file: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error("{path}:{location}: not a valid workspace: {message}")]
    Syntax {
        path: String,
        location: Location,
        message: String,
    },
    #[error(
        "{path}: made by a newer Actorscope (workspace version {found}; this one reads up to {VERSION}); update Actorscope to open it"
    )]
    NewerVersion { path: String, found: u32 },
    #[error("{path}: workspace version {found} is not valid")]
    BadVersion { path: String, found: u32 },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
}

impl WorkspaceFile {
    /// Parses a workspace, checking the version first so that a newer file is refused as
    /// such rather than as a syntax error on fields this version does not know.
    pub fn parse(path: &str, text: &str) -> Result<Self, WorkspaceError> {
        if text.trim().is_empty() {
            return Err(WorkspaceError::Empty {
                path: path.to_owned(),
            });
        }
        #[derive(Deserialize)]
        #[serde(rename = "Workspace")]
        struct VersionOnly {
            version: u32,
        }
        if let Ok(v) = ron::from_str::<VersionOnly>(text) {
            if v.version > VERSION {
                return Err(WorkspaceError::NewerVersion {
                    path: path.to_owned(),
                    found: v.version,
                });
            }
            if v.version == 0 {
                return Err(WorkspaceError::BadVersion {
                    path: path.to_owned(),
                    found: v.version,
                });
            }
        }
        ron::from_str::<Self>(text).map_err(|err| WorkspaceError::Syntax {
            path: path.to_owned(),
            location: Location {
                line: err.span.start.line,
                column: err.span.start.col,
            },
            message: err.code.to_string(),
        })
    }

    pub fn read(path: &Path) -> Result<Self, WorkspaceError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| WorkspaceError::Unreadable {
            path: name.clone(),
            reason: err.to_string(),
        })?;
        Self::parse(&name, &text)
    }

    /// Pretty, diffable RON.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(6)
            .indentor("    ".to_owned())
            .struct_names(true);
        // Serialising plain data to a String cannot fail.
        ron::ser::to_string_pretty(self, config).unwrap_or_default() + "\n"
    }

    /// Writes atomically: a failed save leaves the previous file intact.
    pub fn write(&self, path: &Path) -> Result<(), WorkspaceError> {
        crate::io::atomic::write(path, self.to_ron().as_bytes()).map_err(|err| {
            WorkspaceError::Write {
                path: path.display().to_string(),
                reason: err.to_string(),
            }
        })
    }

    /// The dataset source this workspace refers to, relative paths taken from `folder`.
    pub fn dataset_source(&self, folder: Option<&Path>) -> DatasetSource {
        match &self.dataset {
            DatasetRef::Embedded => DatasetSource::Embedded,
            DatasetRef::File(path) => {
                let path = PathBuf::from(path);
                match folder {
                    Some(folder) if path.is_relative() => DatasetSource::File(folder.join(path)),
                    _ => DatasetSource::File(path),
                }
            }
        }
    }
}

/// A dataset reference as written in a workspace saved at `workspace_path`.
pub fn dataset_ref(source: &DatasetSource, workspace_path: Option<&Path>) -> DatasetRef {
    match source {
        DatasetSource::Embedded => DatasetRef::Embedded,
        DatasetSource::File(path) => {
            let folder = workspace_path.and_then(Path::parent);
            let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            let relative = folder.and_then(|f| {
                absolute(path)
                    .strip_prefix(absolute(f))
                    .ok()
                    .map(Path::to_path_buf)
            });
            DatasetRef::File(
                relative
                    .unwrap_or_else(|| absolute(path))
                    .display()
                    .to_string(),
            )
        }
    }
}

pub fn item_ref(dataset: &Dataset, selection: Selection) -> Option<ItemRef> {
    Some(match selection {
        Selection::None => return None,
        Selection::Event(e) => ItemRef::Event(dataset.event(e).key.clone()),
        Selection::Actor(a) => ItemRef::Actor(dataset.actor(a).key.clone()),
        Selection::Relation(r) => ItemRef::Relation(dataset.relation(r).key.clone()),
        Selection::Link(a, b) => {
            ItemRef::Link(dataset.actor(a).key.clone(), dataset.actor(b).key.clone())
        }
        Selection::Claim(c) => ItemRef::Claim(dataset.claim(c).key.clone()),
        Selection::Document(d) => ItemRef::Document(dataset.document(d).key.clone()),
    })
}

fn note_item(dataset: &Dataset, target: NoteTarget) -> ItemRef {
    match target {
        NoteTarget::Event(e) => ItemRef::Event(dataset.event(e).key.clone()),
        NoteTarget::Actor(a) => ItemRef::Actor(dataset.actor(a).key.clone()),
        NoteTarget::Relation(r) => ItemRef::Relation(dataset.relation(r).key.clone()),
    }
}

/// What a workspace file records besides the view state: its name, its dataset and where it
/// is saved (dataset paths are written relative to it), and notes kept from an older dataset.
pub struct SaveContext<'a> {
    pub name: &'a str,
    pub loaded: &'a LoadedDataset,
    pub workspace_path: Option<&'a Path>,
    pub orphan_notes: &'a [NoteFile],
}

impl WorkspaceFile {
    /// The file describing `state`: the one conversion from state to file.
    pub fn build(state: &ViewState, context: &SaveContext<'_>) -> Self {
        let dataset = &*context.loaded.dataset;
        let actor_key = |a: &ActorId| dataset.actor(*a).key.clone();
        let day = |d: Day| crate::model::date::iso_day(d);
        let mut notes: BTreeMap<ItemRef, NoteFile> = BTreeMap::new();
        for (target, text) in &state.annotations.notes {
            let item = note_item(dataset, *target);
            notes.insert(
                item.clone(),
                NoteFile {
                    item,
                    text: text.clone(),
                    bookmarked: false,
                },
            );
        }
        for target in &state.annotations.bookmarks {
            let item = note_item(dataset, *target);
            notes
                .entry(item.clone())
                .or_insert(NoteFile {
                    item,
                    text: String::new(),
                    bookmarked: true,
                })
                .bookmarked = true;
        }
        let mut notes: Vec<NoteFile> = notes.into_values().collect();
        notes.extend(context.orphan_notes.iter().cloned());
        let filters = &state.filters;
        let mut kinds: Vec<String> = filters.kinds.iter().map(|k| k.code().to_owned()).collect();
        kinds.sort();
        let (camera, nodes) = state.graph.saved();
        Self {
            version: VERSION,
            name: context.name.to_owned(),
            dataset: dataset_ref(&context.loaded.source, context.workspace_path),
            content_hash: context.loaded.content_hash.clone(),
            filters: FiltersFile {
                actors: filters.actors.iter().map(actor_key).collect(),
                include_related: filters.include_related,
                kinds,
                documents: filters
                    .documents
                    .iter()
                    .map(|d| dataset.document(*d).key.clone())
                    .collect(),
                window: filters.window.map(|(a, b)| (day(a), day(b))),
                search: filters.search.clone(),
                corroboration: filters.corroboration,
                contested_only: filters.contested_only,
            },
            selection: item_ref(dataset, state.selection),
            timeline: TimelineFile {
                lane_order: state.timeline.lane_order.iter().map(actor_key).collect(),
                hidden: state.timeline.hidden.iter().map(actor_key).collect(),
                hide_empty: state.timeline.hide_empty,
                view: state.timeline.view,
            },
            graph: GraphFile {
                camera,
                nodes: nodes
                    .iter()
                    .map(|(a, [x, y], pinned)| NodeFile {
                        actor: actor_key(a),
                        x: *x,
                        y: *y,
                        pinned: *pinned,
                    })
                    .collect(),
                hide_inactive: state.graph.hide_inactive,
                focus: state
                    .graph
                    .trim
                    .focus
                    .map(|(a, steps)| (dataset.actor(a).key.clone(), steps)),
                min_events: state.graph.trim.min_events,
            },
            open_documents: state
                .reader
                .open
                .iter()
                .map(|open| OpenDocumentFile {
                    document: dataset.document(open.doc).key.clone(),
                    focus: open.focus.as_ref().map(|r| (r.start, r.end)),
                })
                .collect(),
            layout: state.layout.into(),
            notes,
        }
    }
}
