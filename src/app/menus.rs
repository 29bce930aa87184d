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
}

/// The keys the shortcut table gives `command`, for a menu item's hint.
fn keys(command: &Command) -> &'static str {
    shortcuts::text_for(command).unwrap_or("")
}
