//! What the whole-program tests share: the binary run as a user runs it, the app in a kittest
//! harness on the embedded dataset, and read access to the state a person would otherwise
//! read off the screen.

#![allow(dead_code)] // each test binary uses its own subset

use actorscope::app::ActorscopeApp;
use actorscope::io::DatasetSource;
use actorscope::model::{Dataset, EventId};
use actorscope::views::Selection;
use egui_kittest::Harness;

/// Runs the `actorscope` binary with `args`, from the project's folder.
pub fn actorscope(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_actorscope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The window size every harness runs at.
pub const SIZE: egui::Vec2 = egui::vec2(1600.0, 1000.0);

/// The app on the embedded curated dataset, after its first frames.
pub fn harness() -> Harness<'static, ActorscopeApp> {
    let app = ActorscopeApp::new(&DatasetSource::Embedded);
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .build_ui_state(|ui, app: &mut ActorscopeApp| app.ui(ui), app);
    harness.run_steps(4);
    harness
}

pub fn dataset(harness: &Harness<'_, ActorscopeApp>) -> Dataset {
    harness
        .state()
        .dataset()
        .expect("the embedded dataset loads")
        .clone()
}

pub fn visible(harness: &Harness<'_, ActorscopeApp>) -> Vec<EventId> {
    harness.state().derived().events.clone()
}

pub fn selected(harness: &Harness<'_, ActorscopeApp>) -> Selection {
    harness.state().state.selection
}

/// Selects as another view would, then lets the window settle.
pub fn select(harness: &mut Harness<'_, ActorscopeApp>, selection: Selection) {
    harness.state_mut().state.selection = selection;
    harness.run_steps(3);
}

/// The screen, to check that something is not only in the tree but in view.
pub fn screen() -> egui::Rect {
    egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE)
}

/// Runs the app until its background load (a dataset, an import) has finished.
pub fn wait_for_load(harness: &mut Harness<'_, ActorscopeApp>) {
    harness.run_steps(2);
    for _ in 0..500 {
        harness.run_steps(1);
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!harness.state().is_loading(), "the load finished");
    harness.run_steps(4);
}
