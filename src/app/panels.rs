//! The panels of the window around the central views: the side panel (filters, sources,
//! claims), the inspector, the timeline and graph in the centre, the reader's windows.

use super::ActorscopeApp;
use crate::views::{self, Command, Panel, Selection, SideTab, ViewCtx};

impl ActorscopeApp {
    /// Every view, on the loaded dataset; what they ask for goes into `commands`.
    pub(super) fn panels(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Some(data) = &self.data else { return };
        let state = &mut self.state;
        let mut view = ViewCtx::new(
            &data.caches,
            &self.derived,
            &state.filters,
            state.selection,
            &state.annotations,
            &state.path,
        );

        // Side panels share the width so that the central views keep at least half of it:
        // they start at a share of the window and may not grow past one.
        let width = ui.available_width();
        let mut side_open = state.layout.side;
        egui::Panel::left("side")
            .resizable(true)
            .default_size((width * 0.21).clamp(200.0, 280.0))
            .min_size(180.0)
            .max_size((width * 0.28).max(200.0))
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
        // (What is left of the window once the central views have half of it.)
        let max_inspector = (ui.available_width() - width * 0.5).max(240.0);
        // A contested claim widens the inspector while it is selected, so that its positions
        // stand side by side; a panel of its own, so the analyst's chosen width comes back.
        let claim_positions = match state.selection {
            Selection::Claim(c) => data.loaded.dataset.claim(c).positions.len(),
            _ => 0,
        };
        let inspector = if claim_positions >= 2 {
            // Wider, so the positions stand side by side, but the timeline keeps two fifths
            // of the window (its ringed events stay in view, compressed, not covered).
            let max_claim = (width * 0.45).min(ui.available_width() - width * 0.4);
            let width = (claim_positions as f32 * views::inspector::POSITION_WIDTH + 24.0)
                .min(max_claim)
                .max(240.0);
            egui::Panel::right("inspector-claim").exact_size(width)
        } else {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size((width * 0.26).clamp(240.0, 380.0))
                .min_size(200.0)
                .max_size(max_inspector.min(width * 0.32).max(240.0))
        };
        inspector.show_collapsible(ui, &mut inspector_open, |ui| {
            views::inspector::inspector_ui(ui, &mut view, &mut self.note_draft);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let (timeline, graph) = (state.layout.timeline, state.layout.graph);
            // The lower pane holds the graph and, docked beside it as tabs, the documents
            // being read: reading never covers the timeline.
            let reading = state.reader.docked().next().is_some();
            if graph || reading {
                let panel = egui::Panel::bottom("graph").resizable(true);
                let panel = if timeline {
                    panel.default_size(ui.available_height() * 0.5)
                } else {
                    panel.exact_size(ui.available_height())
                };
                panel.show(ui, |ui| {
                    if views::reader::tabs_ui(ui, &mut view, &mut state.reader, graph) {
                        views::reader::docked_ui(ui, &mut view, &mut state.reader);
                    } else {
                        views::graph::graph_ui(ui, &mut view, &mut state.graph);
                    }
                });
            }
            if timeline {
                views::timeline::timeline_ui(ui, &mut view, &mut state.timeline);
            }
            if !timeline && !graph {
                ui.weak("Timeline and graph are hidden: View → Timeline / Actor graph.");
            }
        });
        views::reader::reader_windows(ui.ctx(), &mut view, &mut state.reader);
        commands.extend(view.take_commands());
        if side_open != state.layout.side {
            commands.push(Command::TogglePanel(Panel::Side));
        }
        if inspector_open != state.layout.inspector {
            commands.push(Command::TogglePanel(Panel::Inspector));
        }
    }

    /// The centre of the window while there is no dataset: loading, or how to open one.
    pub(super) fn no_dataset_ui(&self, ui: &mut egui::Ui) {
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
    }
}
