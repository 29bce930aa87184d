//! The window: the eframe app, its panels, the menus and shortcuts, and the one handler that
//! applies every [`Command`].

pub mod choose;
mod commands;
mod editing;
pub mod file_dialog;
pub mod import;
mod loading;
mod mapping;
mod menus;
mod panels;
pub mod session;
pub mod shortcuts;
mod workspaces;

use self::loading::Loading;

pub use workspaces::Pending;

use std::path::PathBuf;

use crate::io::{DatasetSource, LoadedDataset};
use crate::model::Dataset;
use crate::query::{Derived, Filters};
use crate::views::{
    self, Annotations, Command, ViewState, cache::DatasetCaches, inspector::NoteDraft,
};

/// The part of the view state that undo and redo restore.
#[derive(Clone, Debug, PartialEq)]
struct Undoable {
    /// The dataset every id below refers to: an edit replaces the dataset, and undoing it
    /// brings this one back.
    dataset: SameDataset,
    filters: Filters,
    lane_order: Vec<crate::model::ActorId>,
    hidden: std::collections::BTreeSet<crate::model::ActorId>,
    hide_empty: bool,
    pins: std::collections::BTreeMap<crate::model::ActorId, [f32; 2]>,
    hide_inactive: bool,
    trim: crate::views::graph::Trim,
    annotations: Annotations,
}

/// A dataset compared by identity: two snapshots refer to the same dataset or they do not.
#[derive(Clone, Debug)]
struct SameDataset(std::sync::Arc<Dataset>);

impl PartialEq for SameDataset {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A loaded dataset with what is computed from it once.
/// A file dropped on the window: a workspace opens as one, anything else as a dataset (RON,
/// interchange JSON, or a table to import, which says so if it is none of them).
fn dropped_files(ctx: &egui::Context) -> Option<Command> {
    let path = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()))?;
    let head = std::fs::File::open(&path).ok().and_then(|file| {
        use std::io::Read as _;
        let mut head = Vec::with_capacity(512);
        file.take(512).read_to_end(&mut head).ok()?;
        Some(String::from_utf8_lossy(&head).into_owned())
    });
    let is_workspace = head.is_some_and(|h| {
        h.lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("//"))
            .is_some_and(|l| l.starts_with("Workspace("))
    });
    Some(if is_workspace {
        Command::OpenWorkspace(path)
    } else {
        Command::OpenDataset(path)
    })
}

/// At most this many lines of problems in a message window (the rest are counted).
const REPORT_MAX_LINES: usize = 200;

pub struct Data {
    pub loaded: LoadedDataset,
    pub caches: DatasetCaches,
}

pub struct ActorscopeApp {
    data: Option<Data>,
    pub state: ViewState,
    derived: Derived,
    /// The dataset generation and filters `derived` was computed for; recomputed only when
    /// either changes.
    derived_for: Option<(u64, Filters)>,
    note_draft: NoteDraft,
    undo: Vec<Undoable>,
    redo: Vec<Undoable>,
    /// A message for the status bar: what just happened, or what went wrong.
    status: Option<(String, bool)>,
    /// Problems from the last failed dataset load, shown in a window.
    load_problems: Option<String>,
    show_shortcuts: bool,
    show_about: bool,
    show_getting_started: bool,
    quit_requested: bool,
    fonts_installed: bool,
    /// The workspace file the state was opened from or last saved to.
    workspace_path: Option<PathBuf>,
    /// Whether anything a workspace saves changed since the last save or open.
    dirty: bool,
    /// Whether the dataset was edited since it was loaded or saved (apart from `dirty`: the
    /// dataset and the workspace are different files).
    dataset_dirty: bool,
    /// The dataset as last loaded or saved: undoing back to it makes it clean again.
    clean_dataset: Option<std::sync::Arc<Dataset>>,
    /// Notes on items the dataset no longer has, kept to be written back.
    orphan_notes: Vec<crate::workspace::NoteFile>,
    /// The last ten workspaces, most recent first.
    recent: Vec<PathBuf>,
    /// An action waiting for "save, discard or cancel?".
    confirm: Option<Pending>,
    /// A window with a title and text: what did not resolve, why a save failed.
    report: Option<(String, String)>,
    /// The window title last sent, so it is sent only when it changes.
    title: String,
    /// A dataset file being read and validated on a background thread.
    loading: Option<Loading>,
    /// File → Import…: a file being read, or its preview waiting for a choice.
    importing: Option<import::Importing>,
    /// The last change was an edit of the search text: the next one joins its undo step, so
    /// that typing a word is one step, not one per letter.
    typing_search: bool,
    /// The last change was typing in this note: the next keystroke joins its undo step.
    typing_note: Option<crate::views::NoteTarget>,
    /// On a large dataset, recomputing what matches waits until typing pauses (this time, in
    /// egui's seconds): one recompute per word, not per letter.
    search_settles_at: Option<f64>,
    /// Whether the desktop's file dialogs answer here (else the in-app one is used).
    native_dialogs: bool,
    /// The in-app file dialog, while it is open, with what its choice is for.
    file_dialog: Option<(choose::Purpose, file_dialog::FileDialog)>,
    /// The folders files were last opened from or saved to, most recent first.
    recent_folders: Vec<PathBuf>,
    /// Where the session is kept (written within a second of a change, and on close).
    session_file: Option<session::SessionFile>,
    /// Counts changes to what a workspace saves; `session_written` is the count the session
    /// file last had, and `unsaved_since` when the first change after it was seen (egui time).
    change_count: u64,
    session_written: u64,
    unsaved_since: Option<f64>,
    /// The last failure to write the session, so it is said once.
    session_error: Option<String>,
    /// The workspace's own name (its file's `name`), kept when it is saved again.
    workspace_title: String,
    /// Commands sent from outside a frame ([`ActorscopeApp::send`]), applied on the next one.
    queued: Vec<Command>,
}

/// From this many events on, search edits are recomputed only once typing pauses.
const DEBOUNCE_MIN_EVENTS: usize = 50_000;
/// How long typing must pause, in seconds.
const DEBOUNCE_SECONDS: f64 = 0.25;

impl ActorscopeApp {
    /// Opens on `source`; if it fails to load, the window says why and offers to open another.
    pub fn new(source: &DatasetSource) -> Self {
        let mut app = Self::empty();
        app.load_dataset(source);
        app
    }

    /// No dataset yet.
    fn empty() -> Self {
        Self {
            data: None,
            state: ViewState::default(),
            derived: Derived::default(),
            derived_for: None,
            note_draft: NoteDraft::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            status: None,
            load_problems: None,
            show_shortcuts: false,
            show_about: false,
            show_getting_started: false,
            quit_requested: false,
            fonts_installed: false,
            workspace_path: None,
            dirty: false,
            dataset_dirty: false,
            clean_dataset: None,
            orphan_notes: Vec::new(),
            recent: Vec::new(),
            confirm: None,
            report: None,
            title: String::new(),
            typing_search: false,
            typing_note: None,
            search_settles_at: None,
            loading: None,
            importing: None,
            queued: Vec::new(),
            native_dialogs: false,
            session_file: None,
            change_count: 0,
            session_written: 0,
            unsaved_since: None,
            session_error: None,
            workspace_title: String::new(),
            file_dialog: None,
            recent_folders: Vec::new(),
        }
    }

    /// An app on an already loaded dataset (benchmarks, tests of generated data).
    pub fn with_loaded(loaded: LoadedDataset) -> Self {
        let mut app = Self::new(&DatasetSource::Embedded);
        app.set_loaded(loaded);
        app
    }

    /// Makes `loaded` the current dataset, with a fresh view of it.
    fn set_loaded(&mut self, loaded: LoadedDataset) {
        let caches = DatasetCaches::new(loaded.dataset.clone());
        self.state = ViewState::for_dataset(&loaded.dataset);
        self.status = Some((format!("Opened {}", loaded.source), false));
        if !loaded.notices.is_empty() {
            // Never silent: what an import left out is said, row by row.
            let n = loaded.notices.len();
            self.status = Some((
                format!(
                    "Opened {}, but {n} row(s) could not be imported (see the list)",
                    loaded.source
                ),
                true,
            ));
            let mut text = String::new();
            for notice in loaded.notices.iter().take(REPORT_MAX_LINES) {
                text.push_str(&notice.to_string());
                text.push('\n');
            }
            if n > REPORT_MAX_LINES {
                text.push_str(&format!(
                    "… and {} more (run `actorscope check` on the file for all of them)\n",
                    n - REPORT_MAX_LINES
                ));
            }
            self.report = Some((format!("{n} row(s) not imported"), text));
        }
        self.data = Some(Data { loaded, caches });
        self.derived_for = None;
        self.undo.clear();
        self.redo.clear();
        self.load_problems = None;
        self.dataset_dirty = false;
        self.clean_dataset = self.data.as_ref().map(|d| d.loaded.dataset.clone());
        self.refresh_derived();
    }

    pub fn dataset(&self) -> Option<&Dataset> {
        self.data.as_ref().map(|d| &*d.loaded.dataset)
    }

    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// Recomputes the derived data if the filters changed since it was last computed.
    /// Recomputes what is visible, unless a search edit on a large dataset has not settled
    /// yet (then a repaint is asked for when it will have).
    fn refresh_derived_when_settled(&mut self, ctx: &egui::Context) {
        if let Some(settles_at) = self.search_settles_at {
            let now = ctx.input(|i| i.time);
            if now < settles_at {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(settles_at - now));
                return;
            }
        }
        self.refresh_derived();
    }

    /// Recomputes what is visible now, if the filters changed.
    fn refresh_derived(&mut self) {
        self.search_settles_at = None;
        let Some(data) = &self.data else { return };
        let generation = data.caches.generation();
        let current = self
            .derived_for
            .as_ref()
            .is_some_and(|(g, f)| *g == generation && *f == self.state.filters);
        if !current {
            let dataset = data.caches.dataset();
            self.derived = Derived::compute(dataset, data.caches.search(), &self.state.filters);
            self.derived_for = Some((generation, self.state.filters.clone()));
        }
    }

    /// Applies commands; the one place where the view state changes on the analyst's behalf.
    pub fn apply(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        for command in commands {
            self.handle(ctx, command);
        }
        self.refresh_derived_when_settled(ctx);
    }

    /// Asks for a change as a view would; it is applied on the next frame.
    pub fn send(&mut self, command: Command) {
        self.queued.push(command);
    }

    /// The whole window, one frame. Public so that tests can drive it without eframe.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            views::style::install_fonts(&ctx);
            self.fonts_installed = true;
        }
        ctx.set_theme(if self.state.layout.dark_mode {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        self.poll_loading(&ctx);
        self.refresh_derived_when_settled(&ctx);
        let mut commands = std::mem::take(&mut self.queued);
        // While the file dialog is open, keys are its own (Esc cancels it, arrows edit).
        if self.file_dialog.is_none() {
            commands.extend(shortcuts::pressed(&ctx));
        }
        commands.extend(dropped_files(&ctx));

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut commands));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));

        if self.data.is_some() {
            self.panels(ui, &mut commands);
        } else {
            self.no_dataset_ui(ui);
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quit_requested
            && self.has_unsaved()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            commands.push(Command::Quit);
        }
        self.windows(&ctx);
        self.apply(&ctx, commands);
        self.dialogs(&ctx);
        self.import_ui(&ctx);
        self.file_dialog_ui(&ctx);
        self.autosave_session(&ctx);
        if self.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = format!(
            "Actorscope — {}{}",
            self.workspace_name(),
            match (self.dirty, self.dataset_dirty) {
                (_, true) => " • (dataset edited)",
                (true, false) => " •",
                (false, false) => "",
            }
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title: the workspace name and, when there are unsaved changes, a dot.
    /// Whether the app has been asked to close (and nothing held it back).
    pub fn is_quitting(&self) -> bool {
        self.quit_requested
    }

    /// The status bar's message and whether it reports a failure.
    pub fn status(&self) -> Option<(&str, bool)> {
        self.status.as_ref().map(|(m, e)| (m.as_str(), *e))
    }

    pub fn title(&self) -> &str {
        &self.title
    }
}

impl eframe::App for ActorscopeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ActorscopeApp::ui(self, ui);
    }

    /// eframe's own storage keeps only the window's size and place; the session is ours.
    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.write_session();
    }
}

/// Opens the native window: on DATASET and/or WORKSPACE when given, else on the last session
/// (or the embedded dataset the first time).
/// Opens the window on `dataset` (the embedded one if `None`), read through `mapping` when one
/// is given, and then on `workspace`.
pub fn run_native(
    dataset: Option<PathBuf>,
    workspace: Option<PathBuf>,
    mapping: Option<crate::io::import::mapped::Mapping>,
) -> eframe::Result<()> {
    let restore_session = dataset.is_none() && workspace.is_none();
    let source = dataset.map_or(DatasetSource::Embedded, DatasetSource::File);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Actorscope")
            .with_inner_size([1500.0, 950.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Actorscope",
        options,
        Box::new(move |_cc| {
            // A file may be large: the window opens at once and says it is loading. The
            // embedded dataset loads in milliseconds, so the session is restored on it directly.
            let native_dialogs = choose::native_dialogs_available();
            if let DatasetSource::File(_) = source {
                let mut app = ActorscopeApp::loading_mapped(source, workspace, mapping);
                app.native_dialogs = native_dialogs;
                if let Some(path) = session::SessionFile::default_path() {
                    app.use_session_file(&path, false); // the Recent lists only
                }
                return Ok(Box::new(app));
            }
            let mut app = ActorscopeApp::new(&source);
            app.native_dialogs = native_dialogs;
            if let Some(path) = session::SessionFile::default_path() {
                // The very first launch opens Help → Getting started.
                app.show_getting_started = !path.exists();
                app.use_session_file(&path, restore_session);
            }
            if let Some(path) = &workspace {
                app.open_workspace(path);
            }
            Ok(Box::new(app))
        }),
    )
}
