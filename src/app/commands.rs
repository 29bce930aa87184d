//! The command handler: every change the analyst asks for, from a view, a menu or a shortcut,
//! is applied here and only here. Undoable changes snapshot the state first.

use super::{ActorscopeApp, Pending, SameDataset, Undoable};
use crate::io::export::ExportFormat;
use crate::query::Filters;
use crate::views::{Command, NoteTarget, Selection, Step};

/// How many undo steps are kept.
const UNDO_DEPTH: usize = 200;

impl ActorscopeApp {
    fn snapshot(&self) -> Undoable {
        let state = &self.state;
        Undoable {
            dataset: SameDataset(
                self.data
                    .as_ref()
                    .map(|d| d.loaded.dataset.clone())
                    .unwrap_or_default(),
            ),
            filters: state.filters.clone(),
            lane_order: state.timeline.lane_order.clone(),
            hidden: state.timeline.hidden.clone(),
            hide_empty: state.timeline.hide_empty,
            pins: state.graph.pins().clone(),
            hide_inactive: state.graph.hide_inactive,
            trim: state.graph.trim,
            annotations: state.annotations.clone(),
        }
    }

    /// Puts back what a snapshot holds; the camera, the running layout and the reader are
    /// left as they are (undo is about the analyst's choices, not where they were looking).
    fn restore(&mut self, snapshot: Undoable) {
        let current = self.data.as_ref().map(|d| d.loaded.dataset.clone());
        let dataset = snapshot.dataset.0;
        if current.is_some_and(|c| !std::sync::Arc::ptr_eq(&c, &dataset)) {
            // Undoing or redoing an edit: that dataset comes back, and the view follows it.
            self.swap_dataset(dataset.clone());
            self.dataset_dirty = self
                .clean_dataset
                .as_ref()
                .is_none_or(|clean| !std::sync::Arc::ptr_eq(clean, &dataset));
        }
        let state = &mut self.state;
        state.filters = snapshot.filters;
        state.timeline.lane_order = snapshot.lane_order;
        state.timeline.hidden = snapshot.hidden;
        state.timeline.hide_empty = snapshot.hide_empty;
        state.graph.set_pins(snapshot.pins);
        state.graph.hide_inactive = snapshot.hide_inactive;
        state.graph.trim = snapshot.trim;
        state.annotations = snapshot.annotations;
    }

    /// Records the state before an undoable change.
    pub(super) fn push_undo(&mut self) {
        let snapshot = self.snapshot();
        if self.undo.last() != Some(&snapshot) {
            self.undo.push(snapshot);
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.on_change();
    }

    /// Called after anything a workspace saves has changed.
    pub(super) fn on_change(&mut self) {
        self.dirty = true;
        self.change_count += 1;
    }

    pub(super) fn handle(&mut self, ctx: &egui::Context, command: Command) {
        let Some(dataset) = self.data.as_ref().map(|d| d.loaded.dataset.clone()) else {
            // Without a dataset only the app-level commands make sense.
            match command {
                Command::OpenDatasetDialog
                | Command::Quit
                | Command::ShowAbout
                | Command::ShowGettingStarted
                | Command::ShowShortcuts => {}
                _ => return,
            }
            return self.handle_app(ctx, command);
        };
        // Anything but another filter edit ends a run of typing in the search box, and
        // anything but more typing of the same note ends a run of typing in the note.
        if !matches!(command, Command::SetFilters(_)) {
            self.typing_search = false;
        }
        let typing_note = match &command {
            Command::TypeNote(target, _) => self.typing_note == Some(*target),
            _ => false,
        };
        self.typing_note = None;
        match command {
            Command::Select(selection) => {
                self.state.selection = selection;
                if let Selection::Event(event) = selection {
                    self.state.timeline.reveal(&dataset, event);
                }
            }
            Command::Step(step) => {
                self.refresh_derived();
                let visible = &self.derived.events;
                if visible.is_empty() {
                    return;
                }
                let rank = |e: crate::model::EventId| dataset.index.time_rank[e.index()];
                let current = match self.state.selection {
                    Selection::Event(e) => Some(e),
                    _ => None,
                };
                let next = match (step, current) {
                    (Step::First, _) | (Step::Next, None) => visible.first().copied(),
                    (Step::Last, _) | (Step::Previous, None) => visible.last().copied(),
                    (Step::Next, Some(e)) => {
                        let at = visible.partition_point(|&v| rank(v) <= rank(e));
                        visible.get(at).copied().or(Some(e))
                    }
                    (Step::Previous, Some(e)) => {
                        let at = visible.partition_point(|&v| rank(v) < rank(e));
                        at.checked_sub(1).map(|i| visible[i]).or(Some(e))
                    }
                };
                if let Some(event) = next {
                    self.state.selection = Selection::Event(event);
                    self.state.timeline.reveal(&dataset, event);
                }
            }
            Command::SetFilters(filters) => {
                if filters != self.state.filters {
                    let search_only = Filters {
                        search: filters.search.clone(),
                        ..self.state.filters.clone()
                    } == filters;
                    if search_only && self.typing_search {
                        self.on_change();
                    } else {
                        self.push_undo();
                    }
                    if search_only && dataset.events.len() >= super::DEBOUNCE_MIN_EVENTS {
                        let now = ctx.input(|i| i.time);
                        self.search_settles_at = Some(now + super::DEBOUNCE_SECONDS);
                    }
                    self.state.filters = filters;
                    self.typing_search = search_only;
                }
            }
            Command::SetTimeWindow(window) => {
                if window != self.state.filters.window {
                    self.push_undo();
                    self.state.filters.window = window;
                }
            }
            Command::PlayTimeWindow(window) => {
                if window != self.state.filters.window {
                    self.state.filters.window = window;
                    self.on_change();
                }
            }
            Command::FitTimeline => self.state.timeline.fit_all(),
            Command::ZoomTimeline(step) => self.state.timeline.zoom_step(step),
            Command::ZoomTimelineTo(from, to) => {
                self.state
                    .timeline
                    .zoom_to(f64::from(from), f64::from(to) + 1.0);
            }
            Command::SetLaneOrder(order) => {
                if order != self.state.timeline.lane_order {
                    self.push_undo();
                    self.state.timeline.lane_order = order;
                }
            }
            Command::SetHiddenLanes(hidden) => {
                if self.state.timeline.hidden != hidden {
                    self.push_undo();
                    self.state.timeline.hidden = hidden;
                }
            }
            Command::SetHideEmptyLanes(hide) => {
                if self.state.timeline.hide_empty != hide {
                    self.push_undo();
                    self.state.timeline.hide_empty = hide;
                }
            }
            Command::SetHideInactiveLinks(hide) => {
                if self.state.graph.hide_inactive != hide {
                    self.push_undo();
                    self.state.graph.hide_inactive = hide;
                }
            }
            Command::SetGraphTrim(trim) => {
                if self.state.graph.trim != trim {
                    self.push_undo();
                    self.state.graph.trim = trim;
                }
            }
            Command::PinNode(actor, pos) => {
                self.push_undo();
                self.state.graph.pin(actor, pos);
            }
            Command::UnpinNode(actor) => {
                self.push_undo();
                self.state.graph.unpin(actor);
            }
            Command::UnpinAll => {
                self.push_undo();
                self.state.graph.unpin_all();
            }
            Command::Relayout => {
                self.state.graph.relayout();
                self.on_change();
            }
            Command::OpenDocument { doc, focus } => {
                self.state.reader.open(doc, focus);
                self.on_change();
            }
            Command::CloseDocument(doc) => {
                self.state.reader.close(doc);
                self.on_change();
            }
            Command::CopyToClipboard(text) => {
                ctx.copy_text(text);
                self.status = Some(("Citation copied to the clipboard".to_owned(), false));
            }
            Command::SetNote(target, text) => {
                let current = self.state.annotations.note(target).unwrap_or("");
                if current != text {
                    self.push_undo();
                    if text.trim().is_empty() {
                        self.state.annotations.notes.remove(&target);
                    } else {
                        self.state.annotations.notes.insert(target, text);
                    }
                }
            }
            Command::TypeNote(target, text) => {
                let current = self.state.annotations.note(target).unwrap_or("");
                if current != text {
                    if typing_note {
                        self.on_change();
                    } else {
                        self.push_undo();
                    }
                    if text.trim().is_empty() {
                        self.state.annotations.notes.remove(&target);
                    } else {
                        self.state.annotations.notes.insert(target, text);
                    }
                }
                self.typing_note = Some(target);
            }
            Command::ToggleBookmark(target) => {
                self.push_undo();
                let marks = &mut self.state.annotations.bookmarks;
                if !marks.remove(&target) {
                    marks.insert(target);
                }
            }
            Command::FindPath(from, to) => {
                self.refresh_derived();
                match crate::query::network::shortest_path(&dataset, &self.derived, from, to) {
                    Some(path) => {
                        self.status = Some((
                            format!(
                                "{} → {}: {} link(s)",
                                dataset.actor(from).name,
                                dataset.actor(to).name,
                                path.len()
                            ),
                            false,
                        ));
                        self.state.path = path;
                    }
                    None => {
                        self.state.path.clear();
                        self.status = Some((
                            format!(
                                "No chain of relations links {} to {} within the current filters",
                                dataset.actor(from).name,
                                dataset.actor(to).name
                            ),
                            true,
                        ));
                    }
                }
            }
            Command::ClearPath => self.state.path.clear(),
            Command::Edit(edit) => self.edit_dataset(&edit),
            Command::SaveDataset => {
                self.save_dataset();
            }
            Command::SaveDatasetAs(path) => {
                self.save_dataset_as(&path);
            }
            Command::Undo => {
                if let Some(previous) = self.undo.pop() {
                    let current = self.snapshot();
                    self.redo.push(current);
                    self.restore(previous);
                    self.on_change();
                }
            }
            Command::Redo => {
                if let Some(next) = self.redo.pop() {
                    let current = self.snapshot();
                    self.undo.push(current);
                    self.restore(next);
                    self.on_change();
                }
            }
            other => self.handle_app(ctx, other),
        }
    }

    /// Commands about the window and files rather than the data.
    fn handle_app(&mut self, _ctx: &egui::Context, command: Command) {
        match command {
            Command::TogglePanel(panel) => {
                self.state.layout.toggle(panel);
                self.on_change();
            }
            Command::ShowSideTab(tab) => {
                self.state.layout.side = true;
                self.state.layout.side_tab = tab;
            }
            Command::SetDarkMode(dark) => self.state.layout.dark_mode = dark,
            Command::ShowShortcuts => self.show_shortcuts = true,
            Command::ShowAbout => self.show_about = true,
            Command::ShowGettingStarted => self.show_getting_started = true,
            Command::OpenDatasetDialog => self.guard(Pending::OpenDataset(None)),
            Command::OpenDataset(path) => self.guard(Pending::OpenDataset(Some(path))),
            Command::Quit => self.guard(Pending::Quit),
            Command::OpenWorkspaceDialog => self.guard(Pending::OpenWorkspace(None)),
            Command::OpenWorkspace(path) => self.guard(Pending::OpenWorkspace(Some(path))),
            Command::SaveWorkspace => match self.workspace_path.clone() {
                Some(path) => {
                    self.save_workspace_to(&path);
                }
                None => {
                    self.save_as_dialog();
                }
            },
            Command::SaveWorkspaceAs => {
                self.save_as_dialog();
            }
            Command::ExportDialog => self.export_dialog(),
            Command::ImportDialog => self.choose_path(super::choose::Purpose::Import),
            _ => {}
        }
    }

    /// File → Export…: the dataset as interchange JSON, through the same exporter as the CLI.
    fn export_dialog(&mut self) {
        if self.data.is_some() {
            self.choose_path(super::choose::Purpose::Export(ExportFormat::Json));
        }
    }

    /// Whether a note or bookmark exists on `target` (for the views' marks).
    pub fn is_annotated(&self, target: NoteTarget) -> bool {
        self.state.annotations.is_marked(target)
    }
}
