//! Editing the dataset from the app: an edit is applied by the model's one edit function
//! (validated afresh), the view state follows it by item id, and it is one step on the same
//! undo stack as every other change. The edited dataset has its own unsaved flag, and is saved
//! as a RON file with its texts beside it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::ActorscopeApp;
use crate::io::{self, DatasetSource};
use crate::model::Dataset;
use crate::model::edit::{self, Edit};
use crate::views::cache::DatasetCaches;
use crate::workspace::SaveContext;

impl ActorscopeApp {
    /// Applies `edit`; a refused edit changes nothing and says why.
    pub(super) fn edit_dataset(&mut self, edit: &Edit) {
        let Some(data) = &self.data else { return };
        match edit::apply(&data.loaded.dataset, edit) {
            Ok(edited) => {
                self.push_undo();
                self.swap_dataset(Arc::new(edited));
                self.dataset_dirty = true;
                self.status = Some((format!("Edited: {}", edit.describe()), false));
            }
            Err(err) => {
                self.status = Some((format!("Not edited ({}): {err}", edit.describe()), true));
                self.report = Some(("The edit was refused".to_owned(), err.to_string()));
            }
        }
    }

    /// Makes `dataset` the current one and carries the view over by item id (an edit may
    /// add or remove items, and ids are positions). What no longer exists is dropped, except
    /// notes, which are kept.
    pub(super) fn swap_dataset(&mut self, dataset: Arc<Dataset>) {
        self.carry_view_over(|loaded| loaded.dataset = dataset);
    }

    /// Replaces what is loaded by `replace`, carrying the view over by id: the view is read
    /// in terms of the dataset it was made on *before* anything is replaced.
    fn carry_view_over(&mut self, replace: impl FnOnce(&mut io::LoadedDataset)) {
        let Some(data) = &mut self.data else { return };
        let file = crate::workspace::WorkspaceFile::build(
            &self.state,
            &SaveContext {
                name: "",
                loaded: &data.loaded,
                workspace_path: self.workspace_path.as_deref(),
                orphan_notes: &self.orphan_notes,
            },
        );
        replace(&mut data.loaded);
        let dataset = data.loaded.dataset.clone();
        data.caches = DatasetCaches::new(dataset.clone());
        let resolved = file.resolve(&dataset, "");
        self.state = resolved.state;
        self.orphan_notes = resolved.orphan_notes;
        self.derived_for = None;
        self.refresh_derived();
    }

    /// The file an edited dataset is saved over: the RON file it was opened from — never an
    /// imported file (an ACLED export is the analyst's, and stays as it is).
    pub(super) fn dataset_file(&self) -> Option<PathBuf> {
        let loaded = &self.data.as_ref()?.loaded;
        if loaded.imported.is_some() {
            return None;
        }
        match &loaded.source {
            DatasetSource::File(path)
                if !path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
            {
                Some(path.clone())
            }
            _ => None,
        }
    }

    /// File → Save dataset: over the RON file it came from; an embedded or JSON dataset needs
    /// a place of its own first. Returns whether it was saved.
    pub(super) fn save_dataset(&mut self) -> bool {
        match self.dataset_file() {
            Some(path) => self.save_dataset_as(&path),
            None => {
                self.choose_path(super::choose::Purpose::SaveDataset { then: None });
                false
            }
        }
    }

    /// Saves the dataset as `path` and reads it back, so that what is open is what is on
    /// disk (and its content hash is that of the files).
    pub fn save_dataset_as(&mut self, path: &Path) -> bool {
        let Some(data) = &self.data else { return false };
        if let Err(err) = io::save::save_dataset_as(path, &data.loaded.dataset) {
            self.status = Some((err.to_string(), true));
            self.report = Some(("The dataset was not saved".to_owned(), err.to_string()));
            return false;
        }
        match io::load_path(path) {
            Ok(loaded) => {
                let dataset = loaded.dataset.clone();
                // What is open becomes what is on disk, its source and content hash too.
                self.carry_view_over(|current| *current = loaded);
                self.clean_dataset = Some(dataset);
                self.dataset_dirty = false;
                // The workspace now refers to another file (and to new content).
                self.dirty = true;
                self.status = Some((format!("Saved the dataset as {}", path.display()), false));
                true
            }
            Err(failure) => {
                let text = format!(
                    "{} was written but does not load back:\n\n{failure}",
                    path.display()
                );
                self.status = Some((format!("{} does not load back", path.display()), true));
                self.report = Some(("The saved dataset does not load".to_owned(), text));
                false
            }
        }
    }

    pub fn is_dataset_dirty(&self) -> bool {
        self.dataset_dirty
    }
}
