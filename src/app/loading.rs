//! Reading dataset files on a background thread: the window opens at once and says what it
//! is loading; an open dataset stays usable until the new one is in (or its problems shown).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::ActorscopeApp;
use crate::io::import::mapped::Mapping;
use crate::io::{self, DatasetSource, LoadedDataset};

/// A dataset file being read on a background thread.
pub(super) struct Loading {
    pub(super) source: DatasetSource,
    result: std::sync::mpsc::Receiver<Result<LoadedDataset, io::Failure>>,
    /// A workspace to open once the dataset is in (`actorscope open DATASET --workspace FILE`).
    then_workspace: Option<PathBuf>,
    pub(super) progress: Arc<io::Progress>,
    pub(super) started: Instant,
}

/// A load shorter than this shows no progress bar (it would only flicker).
const PROGRESS_AFTER: Duration = Duration::from_millis(300);

impl ActorscopeApp {
    /// Opens the window at once and reads `source` on a background thread (a large file takes
    /// seconds); `then_workspace` is opened once the dataset is in.
    pub fn loading(source: DatasetSource, then_workspace: Option<PathBuf>) -> Self {
        Self::loading_mapped(source, then_workspace, None)
    }

    /// [`Self::loading`], reading a table through `mapping` (`actorscope open FILE --mapping
    /// M`) rather than the mapping beside it, if any.
    pub fn loading_mapped(
        source: DatasetSource,
        then_workspace: Option<PathBuf>,
        mapping: Option<Mapping>,
    ) -> Self {
        let mut app = Self::empty();
        app.load_in_background_with(source, then_workspace, mapping);
        app
    }

    /// Starts reading `source` on a background thread; the current dataset, if any, stays in
    /// use until the new one is ready (then it replaces it, or its problems are shown).
    pub fn load_in_background(&mut self, source: DatasetSource, then_workspace: Option<PathBuf>) {
        self.load_in_background_with(source, then_workspace, None);
    }

    /// [`Self::load_in_background`], a table read through `mapping` when one is given.
    fn load_in_background_with(
        &mut self,
        source: DatasetSource,
        then_workspace: Option<PathBuf>,
        mapping: Option<Mapping>,
    ) {
        let (sender, result) = std::sync::mpsc::channel();
        let thread_source = source.clone();
        let progress = Arc::new(io::Progress::new());
        let thread_progress = progress.clone();
        let spawned = std::thread::Builder::new()
            .name("actorscope-load".to_owned())
            .spawn(move || {
                // The receiver may be gone (another load replaced this one, or it was
                // cancelled): nothing to do.
                let loaded = match (&mapping, &thread_source) {
                    (Some(mapping), DatasetSource::File(path)) => {
                        io::dataset::load_mapped_with(path, mapping, &thread_progress)
                    }
                    _ => io::load_with(&thread_source, &thread_progress),
                };
                let _ = sender.send(loaded);
            });
        match spawned {
            Ok(_) => {
                self.status = Some((format!("Loading {source}…"), false));
                self.loading = Some(Loading {
                    source,
                    result,
                    then_workspace,
                    progress,
                    started: Instant::now(),
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

    /// Stops the background load: the reader stops at its next record, its result is
    /// dropped, and whatever dataset was open stays.
    pub fn cancel_loading(&mut self) {
        if let Some(loading) = self.loading.take() {
            loading.progress.cancel();
            let stays = if self.data.is_some() {
                "; the open dataset stays"
            } else {
                ""
            };
            self.status = Some((
                format!("Cancelled: {} was not opened{stays}", loading.source),
                false,
            ));
        }
    }

    /// The progress bar of a background load with its Cancel, once it has taken a moment.
    pub(super) fn loading_ui(&mut self, ui: &mut egui::Ui) {
        let Some(loading) = &self.loading else { return };
        let elapsed = loading.started.elapsed();
        if elapsed < PROGRESS_AFTER {
            ui.ctx().request_repaint_after(PROGRESS_AFTER - elapsed);
            return;
        }
        let progress = &loading.progress;
        let records = progress.records();
        let rate = records as f64 / elapsed.as_secs_f64().max(1e-3);
        let (fraction, text) = match (progress.stage(), progress.fraction()) {
            (io::Stage::Reading, Some(f)) if records > 0 => (
                Some(f),
                format!(
                    "Reading: {:.0}% · {records} rows · {rate:.0} rows/s",
                    f * 100.0
                ),
            ),
            (io::Stage::Reading, _) => (None, "Reading…".to_owned()),
            (io::Stage::Checking, _) => (None, "Checking every quote…".to_owned()),
        };
        let bar = match fraction {
            Some(f) => egui::ProgressBar::new(f).show_percentage(),
            None => egui::ProgressBar::new(0.5).animate(true),
        };
        ui.add(bar.text(text).desired_width(320.0));
        if ui
            .button("Cancel")
            .on_hover_text("Stop loading; the open dataset stays")
            .clicked()
        {
            self.cancel_loading();
        }
        ui.ctx().request_repaint_after(Duration::from_millis(100));
    }

    /// Whether a dataset is being loaded in the background.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes in a background load that has finished; asks for a repaint to look again if not.
    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
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
                self.workspace_title.clear();
                self.orphan_notes.clear();
                self.dirty = false;
                if let Some(path) = then_workspace {
                    self.open_workspace(&path);
                }
            }
            Err(failure) => self.show_load_failure(&source, &failure),
        }
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
}
