//! The window: the eframe app, its panels, the menus and shortcuts, and the one handler that
//! applies every [`Command`].

mod commands;
mod workspaces;

pub use workspaces::Pending;

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::io::{self, DatasetSource, LoadedDataset};
use crate::model::{Dataset, RelationId};
use crate::query::{Derived, Filters, SearchIndex};
use crate::views::{
    self, Annotations, Command, Panel, Selection, SideTab, Step, ViewCtx, graph::GraphState,
    inspector::NoteDraft, reader::ReaderState, timeline::TimelineState,
};

/// Which panels are open, and the theme.
#[derive(Clone, Debug, PartialEq)]
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
        match panel {
            Panel::Side => self.side,
            Panel::Inspector => self.inspector,
            Panel::Timeline => self.timeline,
            Panel::Graph => self.graph,
        }
    }

    fn toggle(&mut self, panel: Panel) {
        let open = match panel {
            Panel::Side => &mut self.side,
            Panel::Inspector => &mut self.inspector,
            Panel::Timeline => &mut self.timeline,
            Panel::Graph => &mut self.graph,
        };
        *open = !*open;
    }
}

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

/// The part of the view state that undo and redo restore.
#[derive(Clone, Debug, PartialEq)]
struct Undoable {
    filters: Filters,
    lane_order: Vec<crate::model::ActorId>,
    hidden: std::collections::BTreeSet<crate::model::ActorId>,
    graph: GraphState,
    annotations: Annotations,
}

/// A loaded dataset with what is derived from it once.
pub struct Data {
    pub loaded: LoadedDataset,
    pub search: SearchIndex,
}

pub struct ActorscopeApp {
    data: Option<Data>,
    pub state: ViewState,
    derived: Derived,
    /// The filters `derived` was computed for; recomputed only when they change.
    derived_for: Option<Filters>,
    note_draft: NoteDraft,
    undo: Vec<Undoable>,
    redo: Vec<Undoable>,
    /// A message for the status bar: what just happened, or what went wrong.
    status: Option<(String, bool)>,
    /// Problems from the last failed dataset load, shown in a window.
    load_problems: Option<String>,
    show_shortcuts: bool,
    show_about: bool,
    quit_requested: bool,
    fonts_installed: bool,
    /// The workspace file the state was opened from or last saved to.
    workspace_path: Option<PathBuf>,
    /// Whether anything a workspace saves changed since the last save or open.
    dirty: bool,
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
    /// The last change was an edit of the search text: the next one joins its undo step, so
    /// that typing a word is one step, not one per letter.
    typing_search: bool,
    /// On a large dataset, recomputing what matches waits until typing pauses (this time, in
    /// egui's seconds): one recompute per word, not per letter.
    search_settles_at: Option<f64>,
}

/// A dataset file being read on a background thread.
struct Loading {
    source: DatasetSource,
    result: std::sync::mpsc::Receiver<Result<LoadedDataset, io::Failure>>,
    /// A workspace to open once the dataset is in (`actorscope open DATASET --workspace FILE`).
    then_workspace: Option<PathBuf>,
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
            quit_requested: false,
            fonts_installed: false,
            workspace_path: None,
            dirty: false,
            orphan_notes: Vec::new(),
            recent: Vec::new(),
            confirm: None,
            report: None,
            title: String::new(),
            typing_search: false,
            search_settles_at: None,
            loading: None,
        }
    }

    /// Opens the window at once and reads `source` on a background thread (a large file takes
    /// seconds); `then_workspace` is opened once the dataset is in.
    pub fn loading(source: DatasetSource, then_workspace: Option<PathBuf>) -> Self {
        let mut app = Self::empty();
        app.load_in_background(source, then_workspace);
        app
    }

    /// Starts reading `source` on a background thread; the current dataset, if any, stays in
    /// use until the new one is ready (then it replaces it, or its problems are shown).
    pub fn load_in_background(&mut self, source: DatasetSource, then_workspace: Option<PathBuf>) {
        let (sender, result) = std::sync::mpsc::channel();
        let thread_source = source.clone();
        let spawned = std::thread::Builder::new()
            .name("actorscope-load".to_owned())
            .spawn(move || {
                // The receiver may be gone (another load replaced this one): nothing to do.
                let _ = sender.send(io::load(&thread_source));
            });
        match spawned {
            Ok(_) => {
                self.status = Some((format!("Loading {source}…"), false));
                self.loading = Some(Loading {
                    source,
                    result,
                    then_workspace,
                });
            }
            // No thread to be had: load here, as before.
            Err(_) => {
                if self.load_dataset(&source)
                    && let Some(path) = then_workspace
                {
                    self.open_workspace(&path);
                }
            }
        }
    }

    /// Whether a dataset is being loaded in the background.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes in a background load that has finished; asks for a repaint to look again if not.
    fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else { return };
        let outcome = match loading.result.try_recv() {
            Ok(outcome) => outcome,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                let source = loading.source.clone();
                self.loading = None;
                self.status = Some((format!("{source} did not load: the reader stopped"), true));
                return;
            }
        };
        let Some(Loading {
            source,
            then_workspace,
            ..
        }) = self.loading.take()
        else {
            return;
        };
        match outcome {
            Ok(loaded) => {
                self.set_loaded(loaded);
                self.workspace_path = None;
                self.orphan_notes.clear();
                self.dirty = false;
                if let Some(path) = then_workspace {
                    self.open_workspace(&path);
                }
            }
            Err(failure) => self.show_load_failure(&source, &failure),
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
        let search = SearchIndex::new(&loaded.dataset);
        self.state = ViewState::for_dataset(&loaded.dataset);
        self.state.graph.reset_for(&loaded.dataset);
        self.status = Some((format!("Opened {}", loaded.source), false));
        self.data = Some(Data { loaded, search });
        self.derived_for = None;
        self.undo.clear();
        self.redo.clear();
        self.load_problems = None;
        self.refresh_derived();
    }

    /// Loads a dataset and resets the view to it; on failure keeps the current one.
    pub fn load_dataset(&mut self, source: &DatasetSource) -> bool {
        match io::load(source) {
            Ok(loaded) => {
                self.set_loaded(loaded);
                true
            }
            Err(failure) => {
                self.show_load_failure(source, &failure);
                false
            }
        }
    }

    fn show_load_failure(&mut self, source: &DatasetSource, failure: &io::Failure) {
        let count = failure.problems.len();
        self.load_problems = Some(format!("{source} did not load:\n\n{failure}"));
        self.status = Some((format!("{source} did not load: {count} problem(s)"), true));
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
        if self.derived_for.as_ref() != Some(&self.state.filters) {
            self.derived =
                Derived::compute(&data.loaded.dataset, &data.search, &self.state.filters);
            self.derived_for = Some(self.state.filters.clone());
        }
    }

    /// Applies commands; the one place where the view state changes on the analyst's behalf.
    pub fn apply(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        for command in commands {
            self.handle(ctx, command);
        }
        self.refresh_derived_when_settled(ctx);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|input| {
            let shortcut = |modifiers, key| KeyboardShortcut::new(modifiers, key);
            let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
            for (keys, command) in [
                (shortcut(ctrl_shift, Key::S), Command::SaveWorkspaceAs),
                (shortcut(Modifiers::COMMAND, Key::S), Command::SaveWorkspace),
                (
                    shortcut(Modifiers::COMMAND, Key::O),
                    Command::OpenWorkspaceDialog,
                ),
                (shortcut(ctrl_shift, Key::Z), Command::Redo),
                (shortcut(Modifiers::COMMAND, Key::Y), Command::Redo),
                (shortcut(Modifiers::COMMAND, Key::Z), Command::Undo),
                (shortcut(Modifiers::COMMAND, Key::Q), Command::Quit),
            ] {
                if input.consume_shortcut(&keys) {
                    out.push(command);
                }
            }
            if typing {
                return;
            }
            for (key, command) in [
                (Key::ArrowLeft, Command::Step(Step::Previous)),
                (Key::ArrowRight, Command::Step(Step::Next)),
                (Key::Home, Command::Step(Step::First)),
                (Key::End, Command::Step(Step::Last)),
                (Key::Escape, Command::Select(Selection::None)),
                (Key::F, Command::FitTimeline),
            ] {
                if input.consume_key(Modifiers::NONE, key) {
                    out.push(command);
                }
            }
        });
        out
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open dataset…").clicked() {
                    commands.push(Command::OpenDatasetDialog);
                }
                if ui
                    .add(egui::Button::new("Open workspace…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    commands.push(Command::OpenWorkspaceDialog);
                }
                if ui
                    .add(egui::Button::new("Save workspace").shortcut_text("Ctrl+S"))
                    .clicked()
                {
                    commands.push(Command::SaveWorkspace);
                }
                if ui
                    .add(egui::Button::new("Save workspace as…").shortcut_text("Ctrl+Shift+S"))
                    .clicked()
                {
                    commands.push(Command::SaveWorkspaceAs);
                }
                self.recent_menu(ui, commands);
                ui.separator();
                if ui.button("Export…").clicked() {
                    commands.push(Command::ExportDialog);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Quit").shortcut_text("Ctrl+Q"))
                    .clicked()
                {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(
                        !self.undo.is_empty(),
                        egui::Button::new("Undo").shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        !self.redo.is_empty(),
                        egui::Button::new("Redo").shortcut_text("Ctrl+Shift+Z"),
                    )
                    .clicked()
                {
                    commands.push(Command::Redo);
                }
            });
            ui.menu_button("View", |ui| {
                for panel in Panel::ALL {
                    let mut open = self.state.layout.is_open(panel);
                    if ui.checkbox(&mut open, panel.label()).clicked() {
                        commands.push(Command::TogglePanel(panel));
                    }
                }
                ui.separator();
                let dark = self.state.layout.dark_mode;
                if ui.radio(dark, "Dark").clicked() {
                    commands.push(Command::SetDarkMode(true));
                }
                if ui.radio(!dark, "Light").clicked() {
                    commands.push(Command::SetDarkMode(false));
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Fit timeline to all events").shortcut_text("F"))
                    .clicked()
                {
                    commands.push(Command::FitTimeline);
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    commands.push(Command::ShowShortcuts);
                }
                if ui.button("About Actorscope").clicked() {
                    commands.push(Command::ShowAbout);
                }
            });
        });
    }

    fn recent_menu(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.menu_button("Recent", |ui| {
            if self.recent.is_empty() {
                ui.weak("No recent workspaces");
            }
            for path in &self.recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui
                    .button(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    commands.push(Command::OpenWorkspace(path.clone()));
                }
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(dataset) = self.dataset() {
                let events = self.derived.events.len();
                let actors = self.derived.visible_actors;
                ui.label(format!(
                    "{events} of {} events visible · {actors} of {} actors",
                    dataset.events.len(),
                    dataset.actors.len()
                ));
                if let Some((from, to)) = self.state.filters.window {
                    ui.separator();
                    ui.label(format!(
                        "window {} – {}",
                        crate::model::date::format_day(from),
                        crate::model::date::format_day(to)
                    ));
                }
            }
            if self.loading.is_some() && self.data.is_some() {
                ui.separator();
                ui.spinner();
            }
            if let Some((message, is_error)) = &self.status {
                ui.separator();
                if *is_error {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                } else {
                    ui.label(message);
                }
            }
        });
    }

    fn windows(&mut self, ctx: &egui::Context) {
        egui::Window::new("Keyboard shortcuts")
            .open(&mut self.show_shortcuts)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.label(egui::RichText::new(*keys).monospace());
                        ui.label(*what);
                        ui.end_row();
                    }
                });
            });
        egui::Window::new("About Actorscope")
            .open(&mut self.show_about)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.heading(format!("Actorscope {}", env!("CARGO_PKG_VERSION")));
                ui.label("Who did what to whom, when, and on whose word.");
                ui.label(
                    "Every event and every link is backed by verbatim quotes from its sources.",
                );
            });
        let mut open = self.load_problems.is_some();
        if let Some(text) = &self.load_problems {
            egui::Window::new("The dataset did not load")
                .open(&mut open)
                .default_width(700.0)
                .show(ctx, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(400.0)
                        .show(ui, |ui| {
                            ui.label(egui::RichText::new(text).monospace());
                        });
                });
        }
        if !open {
            self.load_problems = None;
        }
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
        let mut commands = self.shortcuts(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut commands));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));

        let Some(data) = &self.data else {
            let loading = self.loading.as_ref().map(|l| l.source.to_string());
            egui::CentralPanel::default().show(ui, |ui| match loading {
                Some(source) => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.heading(format!("Loading {source}…"));
                    });
                    ui.label("Reading the file, locating every quote in its document, validating.");
                }
                None => {
                    ui.heading("No dataset");
                    ui.label("Open a dataset with File → Open dataset….");
                }
            });
            self.windows(&ctx);
            self.apply(&ctx, commands);
            self.dialogs(&ctx);
            if self.quit_requested {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            return;
        };
        let dataset = data.loaded.dataset.clone();
        let state = &mut self.state;
        let mut view = ViewCtx::new(
            &dataset,
            &self.derived,
            &state.filters,
            state.selection,
            &state.annotations,
            &state.path,
        );

        let mut side_open = state.layout.side;
        egui::Panel::left("side")
            .resizable(true)
            .default_size(280.0)
            .show_collapsible(ui, &mut side_open, |ui| {
                ui.horizontal(|ui| {
                    for tab in SideTab::ALL {
                        if ui
                            .selectable_label(state.layout.side_tab == tab, tab.label())
                            .clicked()
                        {
                            view.send(Command::ShowSideTab(tab));
                        }
                    }
                });
                ui.separator();
                match state.layout.side_tab {
                    SideTab::Filters => views::filters::filters_ui(ui, &mut view),
                    SideTab::Sources => views::sources::sources_ui(ui, &mut view),
                    SideTab::Claims => views::claims::claims_ui(ui, &mut view),
                }
            });
        let mut inspector_open = state.layout.inspector;
        // Capped, so that wide content cannot push the timeline and graph off the window.
        let max_inspector = (ui.available_width() * 0.45).max(320.0);
        // A contested claim widens the inspector while it is selected, so that its positions
        // stand side by side; a panel of its own, so the analyst's chosen width comes back.
        let claim_positions = match state.selection {
            Selection::Claim(c) => data.loaded.dataset.claim(c).positions.len(),
            _ => 0,
        };
        let inspector = if claim_positions >= 2 {
            let width = (claim_positions as f32 * views::inspector::POSITION_WIDTH + 24.0)
                .clamp(380.0, max_inspector);
            egui::Panel::right("inspector-claim").exact_size(width)
        } else {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(380.0)
                .max_size(max_inspector)
        };
        inspector.show_collapsible(ui, &mut inspector_open, |ui| {
            views::inspector::inspector_ui(ui, &mut view, &mut self.note_draft);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let (timeline, graph) = (state.layout.timeline, state.layout.graph);
            if graph {
                let panel = egui::Panel::bottom("graph").resizable(true);
                let panel = if timeline {
                    panel.default_size(ui.available_height() * 0.5)
                } else {
                    panel.exact_size(ui.available_height())
                };
                panel.show(ui, |ui| {
                    views::graph::graph_ui(ui, &mut view, &mut state.graph);
                });
            }
            if timeline {
                views::timeline::timeline_ui(ui, &mut view, &mut state.timeline);
            }
            if !timeline && !graph {
                ui.weak("Timeline and graph are hidden: View → Timeline / Actor graph.");
            }
        });
        views::reader::reader_windows(&ctx, &mut view, &mut state.reader);
        commands.extend(view.take_commands());
        if side_open != state.layout.side {
            commands.push(Command::TogglePanel(Panel::Side));
        }
        if inspector_open != state.layout.inspector {
            commands.push(Command::TogglePanel(Panel::Inspector));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_requested && self.dirty {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            commands.push(Command::Quit);
        }
        self.windows(&ctx);
        self.apply(&ctx, commands);
        self.dialogs(&ctx);
        if self.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = format!(
            "Actorscope — {}{}",
            self.workspace_name(),
            if self.dirty { " •" } else { "" }
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title: the workspace name and, when there are unsaved changes, a dot.
    pub fn title(&self) -> &str {
        &self.title
    }
}

const SHORTCUTS: &[(&str, &str)] = &[
    ("← / →", "previous / next event in time (selects it)"),
    ("Home / End", "first / last event"),
    ("Esc", "clear the selection"),
    ("F", "fit the timeline to all events"),
    ("Shift + drag", "on the timeline: brush a time window"),
    ("Scroll / Ctrl + scroll", "pan / zoom the timeline or graph"),
    ("Ctrl+S", "save the workspace"),
    ("Ctrl+Shift+S", "save the workspace as…"),
    ("Ctrl+O", "open a workspace"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
    ("Ctrl+Q", "quit"),
];

impl eframe::App for ActorscopeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ActorscopeApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_session(storage);
    }

    /// A crash or a forgotten save costs at most these few seconds.
    fn auto_save_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs(5)
    }
}

/// Opens the native window: on DATASET and/or WORKSPACE when given, else on the last session
/// (or the embedded dataset the first time).
pub fn run_native(dataset: Option<PathBuf>, workspace: Option<PathBuf>) -> eframe::Result<()> {
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
        Box::new(move |cc| {
            // A file may be large: the window opens at once and says it is loading. The
            // embedded dataset loads in milliseconds, so the session is restored on it directly.
            if let DatasetSource::File(_) = source {
                let mut app = ActorscopeApp::loading(source, workspace);
                if let Some(storage) = cc.storage {
                    app.restore_session(storage, false); // the recent list only
                }
                return Ok(Box::new(app));
            }
            let mut app = ActorscopeApp::new(&source);
            if let Some(storage) = cc.storage {
                app.restore_session(storage, restore_session);
            }
            if let Some(path) = &workspace {
                app.open_workspace(path);
            }
            Ok(Box::new(app))
        }),
    )
}
