//! The in-app file dialog, for desktops where no native one answers (no XDG desktop portal:
//! tiling window managers, minimal installs, remote sessions). A modal with the folder's
//! listing, an editable path, recent folders, the extension filter and, when saving over a
//! file, a confirmation. It never fails silently: a folder it cannot read, a file that does
//! not exist, a name it cannot use — each is said in the dialog.

use std::path::{Path, PathBuf};

/// Open an existing file, or choose where to save one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogMode {
    Open,
    Save,
}

/// What the dialog came to on this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// Still open.
    Open,
    Cancelled,
    Chosen(PathBuf),
}

/// One entry of the folder listing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The dialog's state; [`FileDialog::ui`] shows it each frame until it returns an outcome.
#[derive(Clone, Debug)]
pub struct FileDialog {
    title: String,
    mode: DialogMode,
    /// What the filter is called ("Actorscope workspace") and the extensions it lets through
    /// (without dots); the first is added to a saved name that has none.
    filter_label: String,
    extensions: Vec<String>,
    show_all: bool,
    folder: PathBuf,
    /// The folder as typed, so that a half-typed path does not jump around.
    folder_text: String,
    /// The file name (or a whole path) as typed.
    name: String,
    entries: Vec<Entry>,
    recent_folders: Vec<PathBuf>,
    error: Option<String>,
    /// A save over this existing file waits for "Replace".
    confirm_overwrite: Option<PathBuf>,
    /// False on the frame the dialog opens: the click that opened it (a menu item, the quit
    /// prompt's Save) must not also press the button that appears under the pointer.
    armed: bool,
}

impl FileDialog {
    pub fn new(
        mode: DialogMode,
        title: &str,
        filter_label: &str,
        extensions: &[&str],
        folder: &Path,
        name: &str,
        recent_folders: &[PathBuf],
    ) -> Self {
        let mut dialog = Self {
            title: title.to_owned(),
            mode,
            filter_label: filter_label.to_owned(),
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
            show_all: false,
            folder: PathBuf::new(),
            folder_text: String::new(),
            name: name.to_owned(),
            entries: Vec::new(),
            recent_folders: recent_folders
                .iter()
                .filter(|f| f.is_dir())
                .take(6)
                .cloned()
                .collect(),
            error: None,
            confirm_overwrite: None,
            armed: false,
        };
        dialog.enter(folder.to_path_buf());
        dialog
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// The folder being listed.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Lists `folder` (folders first, then the files the filter lets through, by name).
    fn enter(&mut self, folder: PathBuf) {
        let folder = std::path::absolute(&folder).unwrap_or(folder);
        match std::fs::read_dir(&folder) {
            Ok(read) => {
                let mut entries: Vec<Entry> = read
                    .filter_map(Result::ok)
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        if name.starts_with('.') {
                            return None; // hidden files and our own temporary files
                        }
                        let is_dir = e.path().is_dir();
                        Some(Entry { name, is_dir })
                    })
                    .collect();
                entries.sort_by(|a, b| {
                    (!a.is_dir, a.name.to_lowercase()).cmp(&(!b.is_dir, b.name.to_lowercase()))
                });
                self.entries = entries;
                self.error = None;
                self.folder_text = folder.display().to_string();
                self.folder = folder;
            }
            Err(err) => {
                self.error = Some(format!(
                    "Cannot open the folder {}: {err}",
                    folder.display()
                ));
                self.folder_text = self.folder.display().to_string();
            }
        }
    }

    fn passes_filter(&self, name: &str) -> bool {
        self.show_all
            || self.extensions.iter().any(|ext| {
                Path::new(name)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case(ext))
            })
    }

    /// The path the name field stands for: as typed if absolute, else in the folder; a saved
    /// name without an extension gets the filter's first.
    fn target(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let mut path = if Path::new(name).is_absolute() {
            PathBuf::from(name)
        } else {
            self.folder.join(name)
        };
        if self.mode == DialogMode::Save
            && path.extension().is_none()
            && let Some(ext) = self.extensions.first()
        {
            path.set_extension(ext);
        }
        Some(path)
    }

    /// Checks the name field and says what is wrong, or returns the chosen path.
    fn confirm(&mut self) -> Option<PathBuf> {
        let Some(path) = self.target() else {
            self.error = Some(match self.mode {
                DialogMode::Open => "Choose a file, or type its name.".to_owned(),
                DialogMode::Save => "Type a name for the file.".to_owned(),
            });
            return None;
        };
        if path.is_dir() {
            // A folder typed into the name field: go there.
            self.enter(path);
            self.name.clear();
            return None;
        }
        match self.mode {
            DialogMode::Open => {
                if !path.is_file() {
                    self.error = Some(format!("There is no file {}.", path.display()));
                    return None;
                }
            }
            DialogMode::Save => {
                match path.parent() {
                    Some(parent) if parent.as_os_str().is_empty() || parent.is_dir() => {}
                    Some(parent) => {
                        self.error = Some(format!("There is no folder {}.", parent.display()));
                        return None;
                    }
                    None => {
                        self.error = Some(format!("{} is not a file name.", path.display()));
                        return None;
                    }
                }
                if path.exists() && self.confirm_overwrite.as_ref() != Some(&path) {
                    self.confirm_overwrite = Some(path);
                    return None;
                }
            }
        }
        Some(path)
    }

    /// Shows the dialog; returns what it came to.
    pub fn ui(&mut self, ctx: &egui::Context) -> DialogOutcome {
        let armed = std::mem::replace(&mut self.armed, true);
        let mut outcome = DialogOutcome::Open;
        let modal = egui::Modal::new(egui::Id::unique("actorscope-file-dialog")).show(ctx, |ui| {
            ui.set_width(620.0_f32.min(ctx.content_rect().width() - 60.0));
            ui.heading(&self.title);
            ui.horizontal(|ui| {
                let label = ui.label("Folder");
                let up = self.folder.parent().map(Path::to_path_buf);
                if ui
                    .add_enabled(up.is_some(), egui::Button::new("Up"))
                    .on_hover_text("The folder above")
                    .clicked()
                    && let Some(up) = up
                {
                    self.enter(up);
                }
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.folder_text)
                        .desired_width(f32::INFINITY)
                        .hint_text("a folder"),
                );
                let field = field.labelled_by(label.id);
                if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    self.enter(PathBuf::from(self.folder_text.trim()));
                }
            });
            if !self.recent_folders.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.weak("Recent:");
                    for folder in self.recent_folders.clone() {
                        let name = folder.file_name().map_or_else(
                            || folder.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        if ui
                            .small_button(name)
                            .on_hover_text(folder.display().to_string())
                            .clicked()
                        {
                            self.enter(folder);
                        }
                    }
                });
            }
            ui.separator();
            let height = (ctx.content_rect().height() * 0.4).clamp(120.0, 360.0);
            egui::ScrollArea::vertical()
                .max_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut enter = None;
                    let mut chosen = None;
                    let shown: Vec<&Entry> = self
                        .entries
                        .iter()
                        .filter(|e| e.is_dir || self.passes_filter(&e.name))
                        .collect();
                    if shown.is_empty() {
                        ui.weak("No folders or matching files here.");
                    }
                    for entry in shown {
                        let label = if entry.is_dir {
                            format!("{}/", entry.name)
                        } else {
                            entry.name.clone()
                        };
                        let selected = !entry.is_dir && self.name == entry.name;
                        let response = ui.selectable_label(selected, label);
                        if entry.is_dir && response.clicked() {
                            enter = Some(self.folder.join(&entry.name));
                        } else if response.double_clicked() {
                            chosen = Some(entry.name.clone());
                        } else if response.clicked() {
                            self.name = entry.name.clone();
                            self.error = None;
                            self.confirm_overwrite = None;
                        }
                    }
                    if let Some(folder) = enter {
                        self.enter(folder);
                    }
                    if let Some(name) = chosen {
                        self.name = name;
                        if let Some(path) = self.confirm() {
                            outcome = DialogOutcome::Chosen(path);
                        }
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("File name");
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.name)
                        .desired_width(f32::INFINITY)
                        .hint_text(match self.mode {
                            DialogMode::Open => "choose above, or type a name or a path",
                            DialogMode::Save => "a name, or a whole path",
                        }),
                );
                let field = field.labelled_by(label.id);
                if !armed {
                    // Ready to type a name (Ctrl+A selects it all to replace it).
                    field.request_focus();
                }
                if field.changed() {
                    self.error = None;
                    self.confirm_overwrite = None;
                }
                if field.lost_focus()
                    && ui.input(|i| i.key_pressed(egui::Key::Enter))
                    && let Some(path) = self.confirm()
                {
                    outcome = DialogOutcome::Chosen(path);
                }
            });
            ui.horizontal(|ui| {
                let filter = format!(
                    "{} ({})",
                    self.filter_label,
                    self.extensions
                        .iter()
                        .map(|e| format!("*.{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                ui.weak(filter);
                ui.checkbox(&mut self.show_all, "Show all files");
            });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            if let Some(path) = self.confirm_overwrite.clone() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{} exists. Replace it?", path.display()),
                );
            }
            ui.horizontal(|ui| {
                let action = match (self.mode, self.confirm_overwrite.is_some()) {
                    (DialogMode::Open, _) => "Open",
                    (DialogMode::Save, false) => "Save",
                    (DialogMode::Save, true) => "Replace",
                };
                if ui.button(action).clicked()
                    && let Some(path) = self.confirm()
                {
                    outcome = DialogOutcome::Chosen(path);
                }
                if ui.button("Cancel").clicked() {
                    outcome = DialogOutcome::Cancelled;
                }
            });
        });
        if modal.should_close() && outcome == DialogOutcome::Open {
            outcome = DialogOutcome::Cancelled;
        }
        if armed { outcome } else { DialogOutcome::Open }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialog(mode: DialogMode, folder: &Path) -> FileDialog {
        FileDialog::new(mode, "t", "Workspace", &["ron"], folder, "", &[])
    }

    #[test]
    fn lists_folders_first_then_files_the_filter_lets_through() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.ron"), "").unwrap();
        std::fs::write(dir.path().join("a.txt"), "").unwrap();
        std::fs::write(dir.path().join(".hidden.ron"), "").unwrap();
        let d = dialog(DialogMode::Open, dir.path());
        let names: Vec<&str> = d.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["sub", "a.txt", "b.ron"]);
        assert!(d.passes_filter("b.ron") && !d.passes_filter("a.txt"));
    }

    #[test]
    fn saving_adds_the_extension_and_asks_before_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = dialog(DialogMode::Save, dir.path());
        d.name = "notes".to_owned();
        assert_eq!(d.confirm(), Some(d.folder.join("notes.ron")));
        std::fs::write(dir.path().join("notes.ron"), "").unwrap();
        assert_eq!(
            d.confirm(),
            None,
            "an existing file is not replaced unasked"
        );
        assert!(d.confirm_overwrite.is_some());
        assert_eq!(
            d.confirm(),
            Some(d.folder.join("notes.ron")),
            "asked once, replaced"
        );
        d.name = "/no/such/folder/x.ron".to_owned();
        d.confirm_overwrite = None;
        assert_eq!(d.confirm(), None);
        assert!(d.error.as_deref().is_some_and(|e| e.contains("no folder")));
    }

    #[test]
    fn opening_needs_an_existing_file_and_a_folder_name_enters_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let mut d = dialog(DialogMode::Open, dir.path());
        d.name = "missing.ron".to_owned();
        assert_eq!(d.confirm(), None);
        assert!(d.error.as_deref().is_some_and(|e| e.contains("no file")));
        d.name = "sub".to_owned();
        assert_eq!(d.confirm(), None);
        assert!(d.folder.ends_with("sub"));
        // An unreadable folder is said, and the listing stays where it was.
        let before = d.folder.clone();
        d.enter(dir.path().join("nope"));
        assert_eq!(d.folder, before);
        assert!(
            d.error
                .as_deref()
                .is_some_and(|e| e.contains("Cannot open"))
        );
    }
}
