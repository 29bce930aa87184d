//! The menu bar, the status bar and the app's small windows (keyboard shortcuts, about, a
//! dataset's load problems). Menu items show the keys the shortcut table gives them.

use super::ActorscopeApp;
use super::shortcuts::{self, SHORTCUTS};
use crate::views::{Command, Panel, ZoomStep};

impl ActorscopeApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open dataset…").clicked() {
                    commands.push(Command::OpenDatasetDialog);
                }
                if ui
                    .add(
                        egui::Button::new("Open workspace…")
                            .shortcut_text(keys(&Command::OpenWorkspaceDialog)),
                    )
                    .clicked()
                {
                    commands.push(Command::OpenWorkspaceDialog);
                }
                if ui
                    .add(
                        egui::Button::new("Save workspace")
                            .shortcut_text(keys(&Command::SaveWorkspace)),
                    )
                    .clicked()
                {
                    commands.push(Command::SaveWorkspace);
                }
                if ui
                    .add(
                        egui::Button::new("Save workspace as…")
                            .shortcut_text(keys(&Command::SaveWorkspaceAs)),
                    )
                    .clicked()
                {
                    commands.push(Command::SaveWorkspaceAs);
                }
                self.recent_menu(ui, commands);
                ui.separator();
                if ui
                    .add_enabled(self.dataset_dirty, egui::Button::new("Save dataset"))
                    .on_hover_text(
                        "Save the edited dataset over its file (a new file for the embedded one)",
                    )
                    .on_disabled_hover_text("The dataset has no unsaved edits")
                    .clicked()
                {
                    commands.push(Command::SaveDataset);
                }
                ui.separator();
                if ui
                    .button("Import…")
                    .on_hover_text(
                        "Events from ACLED, UCDP, GDELT, TimelineJS or FollowTheMoney: see what the file gives, then add it to this dataset or open it alone",
                    )
                    .clicked()
                {
                    commands.push(Command::ImportDialog);
                }
                if ui.button("Export…").clicked() {
                    commands.push(Command::ExportDialog);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Quit").shortcut_text(keys(&Command::Quit)))
                    .clicked()
                {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(
                        !self.undo.is_empty(),
                        egui::Button::new("Undo").shortcut_text(keys(&Command::Undo)),
                    )
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        !self.redo.is_empty(),
                        egui::Button::new("Redo").shortcut_text(keys(&Command::Redo)),
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
                    .add(
                        egui::Button::new("Fit timeline to all events")
                            .shortcut_text(keys(&Command::FitTimeline)),
                    )
                    .clicked()
                {
                    commands.push(Command::FitTimeline);
                }
                for (label, step) in [
                    ("Zoom timeline in", ZoomStep::In),
                    ("Zoom timeline out", ZoomStep::Out),
                ] {
                    let command = Command::ZoomTimeline(step);
                    if ui
                        .add(egui::Button::new(label).shortcut_text(keys(&command)))
                        .clicked()
                    {
                        commands.push(command);
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    commands.push(Command::ShowShortcuts);
                }
                if ui.button("Getting started").clicked() {
                    commands.push(Command::ShowGettingStarted);
                }
                if ui.button("About Actorscope").clicked() {
                    commands.push(Command::ShowAbout);
                }
            });
        });
    }

    pub(super) fn recent_menu(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
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
            if self.loading.is_some() {
                ui.separator();
                self.loading_ui(ui);
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

    pub(super) fn windows(&mut self, ctx: &egui::Context) {
        egui::Window::new("Keyboard shortcuts")
            .open(&mut self.show_shortcuts)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for shortcut in SHORTCUTS.iter() {
                        ui.label(egui::RichText::new(shortcut.text).monospace());
                        ui.label(shortcut.help);
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
                ui.separator();
                ui.label(egui::RichText::new("Dataset").strong());
                match &self.data {
                    Some(data) => {
                        let d = &data.loaded.dataset;
                        ui.label(if d.title.is_empty() {
                            "(untitled)"
                        } else {
                            &d.title
                        });
                        ui.label(format!("{}", d.counts()));
                        ui.weak(format!(
                            "{} · content {}",
                            data.loaded.source, data.loaded.content_hash
                        ));
                    }
                    None => {
                        ui.weak("No dataset is open.");
                    }
                }
                ui.separator();
                ui.label(egui::RichText::new("Licences").strong());
                ui.label(format!("Actorscope: {}.", env!("CARGO_PKG_LICENSE")));
                ui.label(
                    "Built on egui and eframe, egui_plot, serde, ron, rfd and zbus (MIT or \
                     Apache-2.0).",
                );
                ui.label("DejaVu Sans, the fallback font: the Bitstream Vera and DejaVu licence.");
                ui.label(
                    "The curated dataset's source texts belong to their publishers; they are \
                     quoted here for analysis, each quote traced to its place in the text.",
                );
            });
        egui::Window::new("Getting started")
            .open(&mut self.show_getting_started)
            .collapsible(false)
            .default_width(460.0)
            // In the middle, over the views it explains, not over the search box.
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, getting_started_ui);
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
}

/// The keys the shortcut table gives `command`, for a menu item's hint.
fn keys(command: &Command) -> &'static str {
    shortcuts::text_for(command).unwrap_or("")
}

/// Help → Getting started: what each view is, and three things to try.
fn getting_started_ui(ui: &mut egui::Ui) {
    ui.label(egui::RichText::new("What you see").strong());
    for (what, text) in [
        (
            "Timeline",
            "one lane per actor; each event where it happened in time, as precisely as the \
             sources date it. ▲ marks what the sources disagree about.",
        ),
        (
            "Actor graph",
            "who is linked to whom; a link is as wide as its events in the time window.",
        ),
        (
            "Inspector",
            "whatever you select, down to the verbatim quotes behind it.",
        ),
        (
            "Reader",
            "a document, with every quoted passage highlighted (docked beside the graph).",
        ),
        (
            "Filters, Sources, Claims",
            "narrow everything; read per document; compare contested claims.",
        ),
    ] {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(what).strong());
            ui.label(text);
        });
    }
    ui.add_space(6.0);
    ui.label(egui::RichText::new("Three things to try").strong());
    for step in [
        "1. Click the thick link between Mali and Russia in the graph: the inspector lists the \
         events behind it, each with its quotes; Open in document shows one in its text.",
        "2. Open the Claims tab and choose a claim: its positions stand side by side, each with \
         its sources, and its events are ringed on the timeline.",
        "3. Shift + drag across the timeline to choose a time window, then ▶ Play in the graph \
         to watch the network change through time.",
    ] {
        ui.label(step);
    }
    ui.add_space(6.0);
    ui.weak("Help → Keyboard shortcuts lists the keys; Ctrl+Z undoes any change.");
}
