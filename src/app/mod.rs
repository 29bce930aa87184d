//! The window: the eframe app, its panels and the command handler.

use std::path::PathBuf;

use crate::io::{self, DatasetSource, LoadedDataset};

pub struct ActorscopeApp {
    loaded: Result<LoadedDataset, io::Failure>,
}

impl ActorscopeApp {
    pub fn new(source: DatasetSource) -> Self {
        Self {
            loaded: io::load(&source),
        }
    }
}

impl eframe::App for ActorscopeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| match &self.loaded {
            Ok(loaded) => {
                ui.heading(&loaded.dataset.title);
                ui.label(loaded.dataset.counts().to_string());
            }
            Err(failure) => {
                ui.label(failure.to_string());
            }
        });
    }
}

/// Opens the native window.
pub fn run_native(dataset: Option<PathBuf>, _workspace: Option<PathBuf>) -> eframe::Result<()> {
    let source = dataset.map_or(DatasetSource::Embedded, DatasetSource::File);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Actorscope")
            .with_inner_size([1400.0, 900.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Actorscope",
        options,
        Box::new(move |_cc| Ok(Box::new(ActorscopeApp::new(source)))),
    )
}
