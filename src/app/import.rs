//! File → Import…: read a file of someone else's events (ACLED, UCDP, GDELT, TimelineJS,
//! FollowTheMoney) on a background thread, show what it will give before anything changes —
//! its format, counts, the rows it cannot read, its first events with their words, and the
//! actors it shares with the open dataset — then either add it to the open dataset (one undo
//! step, the file becoming one of its documents) or open it as a dataset of its own.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::ActorscopeApp;
use super::Pending;
use super::mapping::{MappingChoice, MappingDialog};
use crate::io::Progress;
use crate::io::import::mapped::Mapping;
use crate::io::import::{self, Imported};
use crate::model::edit::{self, EditError};
use crate::model::{ActorId, Dataset, Problem};
use crate::query::search::fold;

/// An import on its way: being read, or read and waiting for the analyst's choice.
pub(super) enum Importing {
    Reading {
        path: PathBuf,
        progress: Arc<Progress>,
        result: Receiver<Result<Imported, Box<Problem>>>,
        started: Instant,
    },
    Preview(Box<Preview>),
    /// A table in no known format, its columns being mapped.
    Mapping(Box<MappingDialog>),
}

/// A read import, before anything is changed.
pub(super) struct Preview {
    path: PathBuf,
    file: String,
    imported: Imported,
    /// Imported actors (by index) taken to be actors of the open dataset, each confirmed by
    /// its checkbox.
    matches: Vec<(usize, ActorId, bool)>,
}

/// The first events shown in the preview.
const PREVIEW_EVENTS: usize = 8;
/// The first problems shown in the preview (the rest are counted).
const PREVIEW_PROBLEMS: usize = 6;

impl ActorscopeApp {
    /// Reads `path` for an import on a background thread; the preview opens when it is read.
    pub(super) fn start_import(&mut self, path: PathBuf) {
        self.start_import_with(path, None);
    }

    /// [`Self::start_import`], reading the file through `mapping` when one is given.
    fn start_import_with(&mut self, path: PathBuf, mapping: Option<Mapping>) {
        let (sender, result) = std::sync::mpsc::channel();
        let progress = Arc::new(Progress::new());
        let thread_progress = progress.clone();
        let thread_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("actorscope-import".to_owned())
            .spawn(move || {
                let name = thread_path.display().to_string();
                let file = file_name(&thread_path);
                let outcome = match std::fs::read(&thread_path) {
                    Ok(bytes) => {
                        // The text replaces the bytes before the rows are read: the file is
                        // held once while the dataset grows.
                        let (text, encoding) = import::decode_shared(&bytes);
                        drop(bytes);
                        let p = &thread_progress;
                        match &mapping {
                            Some(m) => {
                                import::import_mapped_text(&name, &file, &text, encoding, m, p)
                            }
                            None => import::import_text(&name, &file, &text, encoding, None, p),
                        }
                    }
                    Err(err) => Err(Box::new(Problem {
                        file: name,
                        location: None,
                        item: String::new(),
                        kind: crate::model::ProblemKind::Unreadable(err.to_string()),
                    })),
                };
                let _ = sender.send(outcome);
            });
        match spawned {
            Ok(_) => {
                self.status = Some((format!("Reading {} to import…", path.display()), false));
                self.importing = Some(Importing::Reading {
                    path,
                    progress,
                    result,
                    started: Instant::now(),
                });
            }
            Err(err) => self.status = Some((format!("Cannot start the import: {err}"), true)),
        }
    }

    /// Takes in a finished read: the preview, or why the file cannot be imported.
    fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(Importing::Reading { result, path, .. }) = &self.importing else {
            return;
        };
        let outcome = match result.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Err(TryRecvError::Disconnected) => {
                let path = path.clone();
                self.importing = None;
                self.status = Some((
                    format!("{} was not read: the reader stopped", path.display()),
                    true,
                ));
                return;
            }
        };
        let path = path.clone();
        match outcome {
            Ok(imported) => {
                let matches = self
                    .data
                    .as_ref()
                    .map(|d| suggest_matches(&d.loaded.dataset, &imported))
                    .unwrap_or_default();
                self.status = Some((format!("Read {}: see what it gives", path.display()), false));
                self.importing = Some(Importing::Preview(Box::new(Preview {
                    file: file_name(&path),
                    path,
                    imported,
                    matches,
                })));
            }
            Err(problem) => {
                // A table of no known format: its columns can be mapped.
                if let crate::model::ProblemKind::UnknownFormat(why) = &problem.kind
                    && let Some(dialog) = MappingDialog::open(&path, why.clone())
                {
                    self.status = Some((
                        format!(
                            "{} is in no format Actorscope knows: say which column means what",
                            path.display()
                        ),
                        false,
                    ));
                    self.importing = Some(Importing::Mapping(Box::new(dialog)));
                    return;
                }
                self.importing = None;
                self.status = Some((format!("{} cannot be imported", path.display()), true));
                self.report = Some(("Nothing was imported".to_owned(), problem.to_string()));
            }
        }
    }

    /// The import window: progress while reading, then the preview and the choice.
    pub(super) fn import_ui(&mut self, ctx: &egui::Context) {
        self.poll_import(ctx);
        let mut choice = None;
        match &mut self.importing {
            None => return,
            Some(Importing::Reading {
                path,
                progress,
                started,
                ..
            }) => {
                let mut cancel = false;
                egui::Window::new("Import")
                    .collapsible(false)
                    .show(ctx, |ui| {
                        ui.label(format!("Reading {}…", path.display()));
                        let records = progress.records();
                        let rate = records as f64 / started.elapsed().as_secs_f64().max(1e-3);
                        let bar = match progress.fraction() {
                            Some(f) => egui::ProgressBar::new(f).text(format!(
                                "{:.0}% · {records} rows · {rate:.0} rows/s",
                                f * 100.0
                            )),
                            None => egui::ProgressBar::new(0.0).animate(true),
                        };
                        ui.add(bar.desired_width(360.0));
                        cancel = ui.button("Cancel").clicked();
                    });
                if cancel {
                    progress.cancel();
                    self.importing = None;
                    self.status = Some(("Import cancelled: nothing changed".to_owned(), false));
                }
                return;
            }
            Some(Importing::Mapping(dialog)) => {
                let screen = ctx.content_rect();
                let mut mapped = None;
                // Sized to its content every frame: the sample grid measures itself only after
                // the first frame, and a remembered size would cut the buttons off below it.
                egui::Window::new("Map the columns")
                    .collapsible(false)
                    .resizable(false)
                    .default_width(1000.0_f32.min(screen.width() - 32.0))
                    .max_width(screen.width() - 32.0)
                    .max_height(screen.height() - 64.0)
                    .show(ctx, |ui| mapped = dialog.ui(ui, screen.height() - 290.0));
                match mapped {
                    Some(MappingChoice::Import) => {
                        let path = dialog.path.clone();
                        let mapping = dialog.mapping.clone();
                        let saved = dialog.save();
                        self.start_import_with(path, Some(mapping));
                        if let Err(why) = saved {
                            // The import goes on; only reopening the table on its own needs it.
                            self.status = Some((
                                format!("{why}; the file is read through it all the same"),
                                true,
                            ));
                        }
                    }
                    Some(MappingChoice::Cancel) => {
                        self.importing = None;
                        self.status = Some(("Nothing was imported".to_owned(), false));
                    }
                    None => {}
                }
                return;
            }
            Some(Importing::Preview(preview)) => {
                let has_data = self.data.is_some();
                let title = self.data.as_ref().map(|d| d.loaded.dataset.title.clone());
                let dataset = self.data.as_ref().map(|d| d.loaded.dataset.clone());
                // Never wider or higher than the screen: the list scrolls, the choice stays.
                let screen = ctx.content_rect();
                egui::Window::new("Import")
                    .collapsible(false)
                    .default_width(640.0_f32.min(screen.width() - 32.0))
                    .max_width(screen.width() - 32.0)
                    .max_height(screen.height() - 64.0)
                    .show(ctx, |ui| {
                        choice =
                            preview_ui(ui, preview, dataset.as_deref(), title.as_deref(), has_data);
                    });
            }
        }
        match choice {
            Some(Choice::Add) => self.add_import(),
            Some(Choice::Open) => {
                if let Some(Importing::Preview(preview)) = self.importing.take() {
                    self.guard(Pending::OpenDataset(Some(preview.path)));
                }
            }
            Some(Choice::Cancel) => {
                self.importing = None;
                self.status = Some(("Nothing was imported".to_owned(), false));
            }
            None => {}
        }
    }

    /// Adds the previewed import to the open dataset: one undo step, validated like a load.
    fn add_import(&mut self) {
        let Some(Importing::Preview(preview)) = self.importing.take() else {
            return;
        };
        let Some(data) = &self.data else { return };
        let confirmed: HashMap<usize, ActorId> = preview
            .matches
            .iter()
            .filter(|(_, _, yes)| *yes)
            .map(|&(i, a, _)| (i, a))
            .collect();
        match merge(
            &data.loaded.dataset,
            &preview.imported,
            &preview.file,
            &confirmed,
        ) {
            Ok(merged) => {
                let events = preview.imported.dataset.events.len();
                self.push_undo();
                self.swap_dataset(Arc::new(merged));
                self.dataset_dirty = true;
                self.status = Some((
                    format!(
                        "Added {events} events from {} ({} actor(s) taken as ones already here); Save dataset to keep them",
                        preview.file,
                        confirmed.len()
                    ),
                    false,
                ));
            }
            Err(err) => {
                self.status = Some((format!("{} was not added", preview.file), true));
                self.report = Some(("The import was not added".to_owned(), err.to_string()));
            }
        }
    }
}

enum Choice {
    Add,
    Open,
    Cancel,
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || "imported".to_owned(),
        |f| f.to_string_lossy().into_owned(),
    )
}

fn preview_ui(
    ui: &mut egui::Ui,
    preview: &mut Preview,
    dataset: Option<&Dataset>,
    title: Option<&str>,
    has_data: bool,
) -> Option<Choice> {
    let imported = &preview.imported;
    let raw = &imported.dataset;
    ui.heading(&preview.file);
    ui.label(format!(
        "{} · {} rows read · {} events · {} actors · {} relations",
        imported.format.label(),
        imported.rows,
        raw.events.len(),
        raw.actors.len(),
        raw.relations.len()
    ));
    if !imported.skipped.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{} row(s) cannot be imported:", imported.skipped.len()),
        );
        for problem in imported.skipped.iter().take(PREVIEW_PROBLEMS) {
            ui.add(egui::Label::new(egui::RichText::new(problem.to_string()).small()).wrap());
        }
        if imported.skipped.len() > PREVIEW_PROBLEMS {
            ui.weak(format!(
                "… and {} more",
                imported.skipped.len() - PREVIEW_PROBLEMS
            ));
        }
    }
    ui.separator();
    ui.strong("The first events, as they will be read, with their words in the file");
    let list_height = (ui.ctx().content_rect().height() - 320.0).max(120.0);
    egui::ScrollArea::vertical()
        .id_salt("import-preview-events")
        .max_height(list_height)
        .show(ui, |ui| {
            for event in raw.events.iter().take(PREVIEW_EVENTS) {
                let head = format!("{} · {}", event.when.iso(), event.title);
                ui.add(egui::Label::new(head).wrap());
                let quote = event.evidence.first().map_or("", |e| raw.quote(e));
                let short: String = quote.chars().take(240).collect();
                let more = if quote.chars().count() > 240 {
                    "…"
                } else {
                    ""
                };
                let words = egui::RichText::new(format!("“{short}{more}”"))
                    .italics()
                    .weak();
                ui.add(egui::Label::new(words).wrap());
                ui.add_space(4.0);
            }
        });
    if let Some(dataset) = dataset
        && !preview.matches.is_empty()
    {
        ui.separator();
        ui.strong(format!(
            "Actors already in {}",
            title
                .filter(|t| !t.is_empty())
                .unwrap_or("the open dataset")
        ));
        ui.weak("Ticked: taken as the same actor when added. Untick to keep them apart.");
        for (i, actor, yes) in &mut preview.matches {
            let name = &raw.actors[*i].name;
            let existing = &dataset.actor(*actor).name;
            ui.checkbox(yes, format!("“{name}” is “{existing}”"));
        }
    }
    ui.separator();
    let mut choice = None;
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(has_data, egui::Button::new("Add to the current dataset"))
            .on_hover_text("The file becomes one of its documents; one step to undo")
            .clicked()
        {
            choice = Some(Choice::Add);
        }
        if ui
            .button("Open as its own dataset")
            .on_hover_text("Close the open dataset and explore the file alone")
            .clicked()
        {
            choice = Some(Choice::Open);
        }
        if ui.button("Cancel").clicked() {
            choice = Some(Choice::Cancel);
        }
    });
    choice
}

/// Imported actors that are actors of `dataset`: the same name or alias, regardless of case
/// and accents (ACLED's "Wagner Group" is the curated Wagner Group).
pub fn suggest_matches(dataset: &Dataset, imported: &Imported) -> Vec<(usize, ActorId, bool)> {
    let mut by_name: HashMap<String, ActorId> = HashMap::new();
    for (i, actor) in dataset.actors.iter().enumerate() {
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            by_name.entry(fold(name)).or_insert(ActorId::from_index(i));
        }
    }
    imported
        .dataset
        .actors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| by_name.get(&fold(&a.name)).map(|&id| (i, id, true)))
        .collect()
}

/// `dataset` with `imported` added: the file as a new document (its text beside the others),
/// its actors either taken as the `matched` existing ones or added, its events and relations
/// added under ids that do not clash; validated from scratch, as loading would.
pub fn merge(
    dataset: &Dataset,
    imported: &Imported,
    file: &str,
    matched: &HashMap<usize, ActorId>,
) -> Result<Dataset, EditError> {
    let mut raw = edit::to_raw(dataset);
    // The import in its file form: each quote with its span, checked again below.
    let imported_raw = edit::to_raw(&imported.dataset);
    let mut texts: HashMap<String, Arc<str>> = dataset
        .documents
        .iter()
        .map(|d| (d.file.clone(), d.text.clone()))
        .collect();
    let unique = |wanted: String, taken: &HashSet<String>| {
        let mut name = wanted.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{wanted} ({n})");
            n += 1;
        }
        name
    };
    // The document: the file, under an id and a path of its own.
    let doc_keys: HashSet<String> = raw.documents.iter().map(|d| d.id.clone()).collect();
    let files: HashSet<String> = texts.keys().cloned().collect();
    let Some(source) = imported_raw.documents.first() else {
        return Err(EditError::Missing {
            what: "document",
            id: file.to_owned(),
        });
    };
    let doc_id = unique(format!("import: {file}"), &doc_keys);
    let mut doc = source.clone();
    doc.id = doc_id.clone();
    doc.file = unique(format!("imports/{file}"), &files);
    texts.insert(doc.file.clone(), imported.text.clone());
    raw.documents.push(doc);
    // Actors: matched ones by the existing key, the others under keys of their own.
    let mut actor_keys: HashSet<String> = raw.actors.iter().map(|a| a.id.clone()).collect();
    let mut actor_of: HashMap<&str, String> = HashMap::new();
    for (i, actor) in imported_raw.actors.iter().enumerate() {
        let key = match matched.get(&i) {
            Some(&existing) => dataset.actor(existing).key.clone(),
            None => {
                let key = unique(actor.id.clone(), &actor_keys);
                actor_keys.insert(key.clone());
                let mut added = actor.clone();
                added.id = key.clone();
                raw.actors.push(added);
                key
            }
        };
        actor_of.insert(actor.id.as_str(), key);
    }
    let actor = |id: &str| actor_of.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let mut event_keys: HashSet<String> = raw.events.iter().map(|e| e.id.clone()).collect();
    let mut event_of: HashMap<&str, String> = HashMap::new();
    for event in &imported_raw.events {
        let key = unique(event.id.clone(), &event_keys);
        event_keys.insert(key.clone());
        event_of.insert(event.id.as_str(), key.clone());
        let mut added = event.clone();
        added.id = key;
        for participant in &mut added.actors {
            participant.actor = actor(&participant.actor);
        }
        // Two of its actors taken as one existing actor take part once.
        let mut seen = HashSet::new();
        added.actors.retain(|p| seen.insert(p.actor.clone()));
        for evidence in &mut added.evidence {
            evidence.doc = doc_id.clone();
        }
        raw.events.push(added);
    }
    let mut relation_keys: HashSet<String> = raw.relations.iter().map(|r| r.id.clone()).collect();
    for relation in &imported_raw.relations {
        let mut added = relation.clone();
        added.id = unique(relation.id.clone(), &relation_keys);
        relation_keys.insert(added.id.clone());
        added.source = actor(&relation.source);
        added.target = actor(&relation.target);
        added.events = relation
            .events
            .iter()
            .map(|e| {
                event_of
                    .get(e.as_str())
                    .cloned()
                    .unwrap_or_else(|| e.clone())
            })
            .collect();
        for evidence in &mut added.evidence {
            evidence.doc = doc_id.clone();
        }
        // Two matched actors that were one: not a relation of an actor with itself.
        if added.source != added.target {
            raw.relations.push(added);
        }
    }
    edit::revalidate(raw, &texts)
}
