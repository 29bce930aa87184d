//! Saving and opening workspaces from the app, the Recent list, the unsaved-changes guard and
//! the session that eframe persistence restores on the next launch.

use crate::io::DatasetSource;
use std::path::{Path, PathBuf};

use super::ActorscopeApp;
use super::choose::Purpose;
use crate::io;
use crate::workspace::{SaveContext, WorkspaceFile};

/// What a workspace that was never saved is called.
const UNTITLED: &str = "Untitled workspace";

/// How many recent workspaces are remembered.
pub const RECENT_LEN: usize = 10;

/// Something that would discard unsaved changes, waiting for the analyst's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    OpenWorkspace(Option<PathBuf>),
    /// A dataset: this file, or (`None`) one chosen in a dialog.
    OpenDataset(Option<PathBuf>),
    Quit,
}

/// Keys in eframe's storage.
pub const RECENT_KEY: &str = "actorscope/recent";
pub const SESSION_KEY: &str = "actorscope/session";
pub const SESSION_PATH_KEY: &str = "actorscope/session-path";
pub const RECENT_FOLDERS_KEY: &str = "actorscope/recent-folders";
/// Whether the session held changes not saved to a workspace file.
pub const SESSION_DIRTY_KEY: &str = "actorscope/session-dirty";

impl ActorscopeApp {
    /// The workspace file describing the current state.
    pub fn workspace_file(&self) -> Option<WorkspaceFile> {
        let data = self.data.as_ref()?;
        Some(WorkspaceFile::build(
            &self.state,
            &SaveContext {
                name: &self.workspace_name(),
                loaded: &data.loaded,
                workspace_path: self.workspace_path.as_deref(),
                orphan_notes: &self.orphan_notes,
            },
        ))
    }

    /// The workspace's own name when it has one (kept when it is saved again, under any file
    /// name), else its file's name, else "Untitled workspace".
    pub fn workspace_name(&self) -> String {
        if !self.workspace_title.is_empty() && self.workspace_title != UNTITLED {
            return self.workspace_title.clone();
        }
        self.workspace_path
            .as_deref()
            .and_then(Path::file_stem)
            .map_or_else(|| UNTITLED.to_owned(), |s| s.to_string_lossy().into_owned())
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Whether quitting now would lose anything: the workspace or the dataset.
    pub fn has_unsaved(&self) -> bool {
        self.dirty || self.dataset_dirty
    }

    /// Saves to `path` atomically; on failure the old file is intact and the error shown.
    pub fn save_workspace_to(&mut self, path: &Path) -> bool {
        let previous = self.workspace_path.replace(path.to_path_buf());
        let Some(file) = self.workspace_file() else {
            self.workspace_path = previous;
            return false;
        };
        match file.write(path) {
            Ok(()) => {
                self.dirty = false;
                self.remember_recent(path);
                self.status = Some((format!("Saved {}", path.display()), false));
                true
            }
            Err(err) => {
                self.workspace_path = previous;
                self.status = Some((err.to_string(), true));
                self.report = Some(("The workspace was not saved".to_owned(), err.to_string()));
                false
            }
        }
    }

    /// Opens a workspace file. On any error the current state stays as it was.
    pub fn open_workspace(&mut self, path: &Path) -> bool {
        let file = match WorkspaceFile::read(path) {
            Ok(file) => file,
            Err(err) => {
                self.status = Some((err.to_string(), true));
                self.report = Some(("The workspace did not open".to_owned(), err.to_string()));
                return false;
            }
        };
        if !self.apply_workspace(&file, path.parent()) {
            return false;
        }
        self.workspace_path = Some(path.to_path_buf());
        self.dirty = false;
        self.remember_recent(path);
        true
    }

    /// Loads the workspace's dataset if it is not the current one, then restores what
    /// resolves. Returns false (state untouched) if the dataset does not load.
    pub fn apply_workspace(&mut self, file: &WorkspaceFile, folder: Option<&Path>) -> bool {
        let source = file.dataset_source(folder);
        let current = self.data.as_ref().map(|d| d.loaded.source.clone());
        if current.as_ref() != Some(&source) {
            match io::load(&source) {
                Ok(loaded) => self.set_loaded(loaded),
                Err(failure) => {
                    let message =
                        format!("The workspace's dataset {source} did not load:\n\n{failure}");
                    self.status = Some((
                        format!("The workspace's dataset {source} did not load"),
                        true,
                    ));
                    self.report = Some(("The workspace did not open".to_owned(), message));
                    return false;
                }
            }
        }
        let Some(data) = &self.data else { return false };
        let dataset = data.loaded.dataset.clone();
        let resolved = file.resolve(&dataset, &data.loaded.content_hash);
        self.state = resolved.state;
        self.workspace_title = file.name.clone();
        self.orphan_notes = resolved.orphan_notes;
        self.undo.clear();
        self.redo.clear();
        self.derived_for = None;
        self.refresh_derived();
        if resolved.dataset_changed || !resolved.unresolved.is_empty() {
            let mut text = String::new();
            if resolved.dataset_changed {
                text.push_str("The dataset changed since this workspace was saved.\n");
            }
            if !resolved.unresolved.is_empty() {
                text.push_str("Restored everything that still exists; these did not resolve:\n\n");
                for line in &resolved.unresolved {
                    text.push_str(&format!("• {line}\n"));
                }
                text.push_str(
                    "\nNotes on missing items are kept and saved back with the workspace.",
                );
            }
            self.report = Some(("Opened with differences".to_owned(), text));
        }
        self.status = Some((format!("Opened workspace {:?}", file.name), false));
        true
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LEN);
    }

    pub fn recent(&self) -> &[PathBuf] {
        &self.recent
    }

    /// Where Save As starts: `saves/` next to the app when it exists, else the documents
    /// folder, else home.
    pub fn save_folder() -> PathBuf {
        let mut candidates = Vec::new();
        if let Ok(dir) = std::env::current_dir() {
            candidates.push(dir.join("saves"));
        }
        if let Some(exe_dir) = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
        {
            candidates.push(exe_dir.join("saves"));
        }
        if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
            candidates.push(home.join("Documents"));
            candidates.push(home);
        }
        candidates
            .into_iter()
            .find(|p| p.is_dir())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Runs `pending` now if nothing is unsaved, or asks first.
    pub(super) fn guard(&mut self, pending: Pending) {
        if self.has_unsaved() {
            self.confirm = Some(pending);
        } else {
            self.run_pending(pending);
        }
    }

    pub(super) fn run_pending(&mut self, pending: Pending) {
        match pending {
            Pending::OpenWorkspace(Some(path)) => {
                self.open_workspace(&path);
            }
            Pending::OpenWorkspace(None) => self.choose_path(Purpose::OpenWorkspace),
            Pending::OpenDataset(None) => self.choose_path(Purpose::OpenDataset),
            Pending::OpenDataset(Some(path)) => {
                self.load_in_background(DatasetSource::File(path), None);
            }
            Pending::Quit => {
                self.dirty = false;
                self.dataset_dirty = false;
                self.quit_requested = true;
            }
        }
    }

    /// Save As: asks where, then saves there.
    pub(super) fn save_as_dialog(&mut self) {
        self.choose_path(Purpose::SaveWorkspace { then: None });
    }

    /// The file name a new save of this workspace is offered.
    pub(super) fn workspace_file_stem(&self) -> String {
        self.workspace_path
            .as_deref()
            .and_then(Path::file_stem)
            .map_or_else(
                || "workspace".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
    }

    /// The "unsaved changes" question and the report window.
    pub(super) fn dialogs(&mut self, ctx: &egui::Context) {
        if let Some(pending) = self.confirm.clone() {
            let what = match &pending {
                Pending::Quit => "quitting",
                Pending::OpenDataset(_) => "opening another dataset",
                Pending::OpenWorkspace(_) => "opening another workspace",
            };
            egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.heading("Unsaved changes");
                let whose = match (self.dirty, self.dataset_dirty) {
                    (true, true) => {
                        format!("{} and the edited dataset have", self.workspace_name())
                    }
                    (false, true) => "The edited dataset has".to_owned(),
                    _ => format!("{} has", self.workspace_name()),
                };
                ui.label(format!(
                    "{whose} changes that are not saved. Save them before {what}?"
                ));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        self.confirm = None;
                        // Asks where for what has no file yet, then carries on.
                        self.save_all_then(pending.clone());
                    }
                    if ui.button("Discard changes").clicked() {
                        self.confirm = None;
                        self.dirty = false;
                        self.dataset_dirty = false;
                        self.run_pending(pending.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        self.confirm = None;
                    }
                });
            });
        }
        if let Some((title, text)) = self.report.clone() {
            let mut open = true;
            egui::Window::new(title)
                .open(&mut open)
                .default_width(640.0)
                .show(ctx, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(400.0)
                        .show(ui, |ui| {
                            ui.label(text);
                        });
                });
            if !open {
                self.report = None;
            }
        }
    }

    /// eframe persistence: the recent list and the whole session, as a workspace.
    pub fn save_session(&self, storage: &mut dyn eframe::Storage) {
        if let Ok(text) = ron::to_string(&self.recent) {
            storage.set_string(RECENT_KEY, text);
        }
        if let Ok(text) = ron::to_string(&self.recent_folders) {
            storage.set_string(RECENT_FOLDERS_KEY, text);
        }
        if let Some(file) = self.workspace_file() {
            storage.set_string(SESSION_KEY, file.to_ron());
            let path = self
                .workspace_path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            storage.set_string(SESSION_PATH_KEY, path);
            storage.set_string(SESSION_DIRTY_KEY, self.dirty.to_string());
        }
    }

    /// Restores the recent list and, unless told otherwise, the last session.
    pub fn restore_session(&mut self, storage: &dyn eframe::Storage, session: bool) {
        if let Some(recent) = storage
            .get_string(RECENT_KEY)
            .and_then(|t| ron::from_str::<Vec<PathBuf>>(&t).ok())
        {
            self.recent = recent;
        }
        if let Some(folders) = storage
            .get_string(RECENT_FOLDERS_KEY)
            .and_then(|t| ron::from_str::<Vec<PathBuf>>(&t).ok())
        {
            self.recent_folders = folders;
        }
        if !session {
            return;
        }
        let Some(text) = storage.get_string(SESSION_KEY) else {
            return;
        };
        // A session that no longer parses is not restored, and the status bar says why (one
        // whose dataset does not load says so through `apply_workspace`).
        let parsed = WorkspaceFile::parse("<last session>", &text);
        if let Err(err) = &parsed {
            self.status = Some((format!("The last session was not restored: {err}"), true));
        }
        if let Ok(file) = parsed {
            let path = storage
                .get_string(SESSION_PATH_KEY)
                .filter(|p| !p.is_empty())
                .map(PathBuf::from);
            let folder = path.as_deref().and_then(Path::parent);
            if self.apply_workspace(&file, folder) {
                // Unsaved work from the last session is still unsaved: as the session said,
                // or, from a session that did not say, if it differs from its file.
                let said = storage.get_string(SESSION_DIRTY_KEY);
                self.dirty = match (said.as_deref(), &path) {
                    (Some("true"), _) => true,
                    (Some(_), _) => false,
                    (None, Some(path)) => WorkspaceFile::read(path).ok().as_ref() != Some(&file),
                    (None, None) => false,
                };
                self.workspace_path = path;
                self.report = None;
                self.status = Some(("Restored the last session".to_owned(), false));
            }
        }
    }
}
