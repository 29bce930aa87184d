//! Choosing a file for every open, save and export: the desktop's own dialog when one answers
//! (an XDG desktop portal, or zenity, which is what the native dialogs use on Linux), else the
//! in-app [`FileDialog`]. Either way the choice comes back as a [`Purpose`] and a path, and
//! the app carries the purpose out; a failure says what and why in the status bar and a
//! message.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::file_dialog::{DialogMode, DialogOutcome, FileDialog};
use super::{ActorscopeApp, Pending};
use crate::io::DatasetSource;
use crate::io::export::ExportFormat;

/// What a chosen path is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    OpenWorkspace,
    OpenDataset,
    /// Save the workspace there, then carry on with what was waiting (the quit prompt's Save).
    SaveWorkspace {
        then: Option<Pending>,
    },
    /// Save the edited dataset there, then carry on (the workspace too, if it has changes).
    SaveDataset {
        then: Option<Pending>,
    },
    Export(ExportFormat),
    /// A file of events to preview and import.
    Import,
}

/// A native dialog that closes sooner than this without a choice did not open at all (no
/// person cancels that fast): the in-app dialog takes over.
const NATIVE_FAILED_WITHIN: Duration = Duration::from_millis(250);

/// How many folders the dialog offers as recent.
pub const RECENT_FOLDERS: usize = 8;

impl Purpose {
    fn mode(&self) -> DialogMode {
        match self {
            Self::OpenWorkspace | Self::OpenDataset | Self::Import => DialogMode::Open,
            Self::SaveWorkspace { .. } | Self::SaveDataset { .. } | Self::Export(_) => {
                DialogMode::Save
            }
        }
    }

    fn title(&self) -> &'static str {
        match self {
            Self::OpenWorkspace => "Open workspace",
            Self::OpenDataset => "Open dataset",
            Self::SaveWorkspace { .. } => "Save workspace as",
            Self::SaveDataset { .. } => "Save dataset as",
            Self::Export(_) => "Export dataset",
            Self::Import => "Import events",
        }
    }

    fn filter(&self) -> (&'static str, Vec<&'static str>) {
        match self {
            Self::OpenWorkspace | Self::SaveWorkspace { .. } => {
                ("Actorscope workspace", vec!["ron"])
            }
            Self::OpenDataset => (
                "Dataset or event table",
                vec!["ron", "json", "csv", "tsv", "txt"],
            ),
            Self::SaveDataset { .. } => ("Actorscope dataset", vec!["ron"]),
            Self::Export(format) => (format.label(), vec![format.extension()]),
            Self::Import => (
                "Events: ACLED, UCDP, GDELT, TimelineJS, FollowTheMoney",
                vec!["csv", "tsv", "json", "ijson", "txt"],
            ),
        }
    }

    /// What a cancelled choice leaves undone, for the status bar.
    fn cancelled(&self) -> &'static str {
        match self {
            Self::OpenWorkspace => "No workspace was opened",
            Self::OpenDataset => "No dataset was opened",
            Self::SaveWorkspace { .. } => "The workspace was not saved",
            Self::SaveDataset { .. } => "The dataset was not saved",
            Self::Export(_) => "Nothing was exported",
            Self::Import => "Nothing was imported",
        }
    }
}

/// Whether a native file dialog can answer here: `ACTORSCOPE_FILE_DIALOG=native` or
/// `builtin` decides; otherwise, on Linux, a desktop portal on the session bus (running or
/// activatable) or zenity on the `PATH`. Asked once, at startup, within half a second.
pub fn native_dialogs_available() -> bool {
    match std::env::var("ACTORSCOPE_FILE_DIALOG").as_deref() {
        Ok("native") => return true,
        Ok("builtin") => return false,
        _ => {}
    }
    if cfg!(not(target_os = "linux")) {
        return true;
    }
    portal_answers() || zenity_on_path()
}

fn zenity_on_path() -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()))
}

#[cfg(target_os = "linux")]
fn portal_answers() -> bool {
    const PORTAL: &str = "org.freedesktop.portal.Desktop";
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return false;
    }
    let (sender, answer) = std::sync::mpsc::channel();
    // On a thread: a bus that does not answer must not hold up the window.
    let spawned = std::thread::Builder::new()
        .name("actorscope-portal-probe".to_owned())
        .spawn(move || {
            let found = (|| -> zbus::Result<bool> {
                let bus = zbus::blocking::Connection::session()?;
                let proxy = zbus::blocking::fdo::DBusProxy::new(&bus)?;
                let name = zbus::names::BusName::try_from(PORTAL)?;
                if proxy.name_has_owner(name)? {
                    return Ok(true);
                }
                Ok(proxy
                    .list_activatable_names()?
                    .iter()
                    .any(|n| n.as_str() == PORTAL))
            })();
            let _ = sender.send(found.unwrap_or(false));
        });
    spawned.is_ok()
        && answer
            .recv_timeout(Duration::from_millis(500))
            .unwrap_or(false)
}

#[cfg(not(target_os = "linux"))]
fn portal_answers() -> bool {
    true
}

impl ActorscopeApp {
    /// Asks where (or what) for `purpose`: the native dialog if there is one, else ours.
    pub(super) fn choose_path(&mut self, purpose: Purpose) {
        let folder = self.start_folder(&purpose);
        let name = self.suggested_name(&purpose);
        if self.native_dialogs {
            let (label, extensions) = purpose.filter();
            let dialog = rfd::FileDialog::new()
                .set_title(purpose.title())
                .set_directory(&folder)
                .add_filter(label, &extensions);
            let asked = Instant::now();
            let chosen = match purpose.mode() {
                DialogMode::Open => dialog.pick_file(),
                DialogMode::Save => dialog.set_file_name(&name).save_file(),
            };
            match chosen {
                Some(path) => return self.path_chosen(purpose, path),
                None if asked.elapsed() >= NATIVE_FAILED_WITHIN => {
                    self.status = Some((purpose.cancelled().to_owned(), false));
                    return;
                }
                None => {
                    // It closed at once: it never showed. Ours from now on.
                    self.native_dialogs = false;
                    self.status = Some((
                        "The desktop's file dialog did not open; using Actorscope's own".to_owned(),
                        true,
                    ));
                }
            }
        }
        let (label, extensions) = purpose.filter();
        let dialog = FileDialog::new(
            purpose.mode(),
            purpose.title(),
            label,
            &extensions,
            &folder,
            &name,
            &self.recent_folders,
        );
        self.file_dialog = Some((purpose, dialog));
    }

    /// Shows the in-app dialog, if one is open, and carries out what it came to.
    pub(super) fn file_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some((_, dialog)) = &mut self.file_dialog else {
            return;
        };
        match dialog.ui(ctx) {
            DialogOutcome::Open => {}
            DialogOutcome::Cancelled => {
                if let Some((purpose, _)) = self.file_dialog.take() {
                    self.status = Some((purpose.cancelled().to_owned(), false));
                }
            }
            DialogOutcome::Chosen(path) => {
                if let Some((purpose, _)) = self.file_dialog.take() {
                    self.path_chosen(purpose, path);
                }
            }
        }
    }

    /// Whether the in-app file dialog is open (tests, and the shortcuts while it is).
    pub fn file_dialog_open(&self) -> Option<&str> {
        self.file_dialog.as_ref().map(|(_, d)| d.title())
    }

    fn path_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            self.remember_folder(folder);
        }
        match purpose {
            Purpose::OpenWorkspace => {
                self.open_workspace(&path);
            }
            Purpose::OpenDataset => {
                // Read in the background; the current dataset stays usable meanwhile.
                self.load_in_background(DatasetSource::File(path), None);
            }
            Purpose::Import => self.start_import(path),
            Purpose::SaveWorkspace { then } => {
                if self.save_workspace_to(&path)
                    && let Some(pending) = then
                {
                    self.run_pending(pending);
                }
            }
            Purpose::SaveDataset { then } => {
                if self.save_dataset_as(&path)
                    && let Some(pending) = then
                {
                    self.save_all_then(pending);
                }
            }
            Purpose::Export(format) => {
                let Some(data) = &self.data else { return };
                match crate::io::export::write(format, &data.loaded.dataset, &path) {
                    Ok(()) => self.status = Some((format!("Exported {}", path.display()), false)),
                    Err(err) => {
                        self.status = Some((err.to_string(), true));
                        self.report = Some(("Nothing was exported".to_owned(), err.to_string()));
                    }
                }
            }
        }
    }

    /// Saves whatever is unsaved (the dataset first: a workspace saved over an unsaved
    /// dataset would refer to items its file lacks), asking where when there is no file yet,
    /// then carries on with `pending`.
    pub(super) fn save_all_then(&mut self, pending: Pending) {
        if self.dataset_dirty {
            match self.dataset_file() {
                Some(path) => {
                    if !self.save_dataset_as(&path) {
                        return;
                    }
                }
                None => {
                    return self.choose_path(Purpose::SaveDataset {
                        then: Some(pending),
                    });
                }
            }
        }
        if self.dirty {
            match self.workspace_path.clone() {
                Some(path) => {
                    if !self.save_workspace_to(&path) {
                        return;
                    }
                }
                None => {
                    return self.choose_path(Purpose::SaveWorkspace {
                        then: Some(pending),
                    });
                }
            }
        }
        self.run_pending(pending);
    }

    /// Where a dialog starts: the folder of the file it is about, else the last folder used,
    /// else `saves/` or the documents folder.
    fn start_folder(&self, purpose: &Purpose) -> PathBuf {
        let file = match purpose {
            Purpose::OpenWorkspace | Purpose::SaveWorkspace { .. } => self.workspace_path.clone(),
            Purpose::OpenDataset
            | Purpose::SaveDataset { .. }
            | Purpose::Export(_)
            | Purpose::Import => match self.data.as_ref().map(|d| &d.loaded.source) {
                Some(DatasetSource::File(path)) => Some(path.clone()),
                _ => None,
            },
        };
        file.as_deref()
            .and_then(Path::parent)
            .filter(|f| f.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| self.recent_folders.first().filter(|f| f.is_dir()).cloned())
            .unwrap_or_else(Self::save_folder)
    }

    fn suggested_name(&self, purpose: &Purpose) -> String {
        match purpose {
            Purpose::OpenWorkspace | Purpose::OpenDataset | Purpose::Import => String::new(),
            Purpose::SaveWorkspace { .. } => format!("{}.ron", self.workspace_file_stem()),
            Purpose::SaveDataset { .. } => crate::io::save::DATASET_FILE.to_owned(),
            Purpose::Export(format) => format!("dataset.{}", format.extension()),
        }
    }

    fn remember_folder(&mut self, folder: &Path) {
        let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
        self.recent_folders.retain(|f| *f != folder);
        self.recent_folders.insert(0, folder);
        self.recent_folders.truncate(RECENT_FOLDERS);
    }
}
