//! What a person sees, as images: the window rendered by wgpu (Mesa's software renderer in
//! CI) and compared with `tests/snapshots/*.png`. Behind the `snapshot` feature, because it
//! needs a GPU stack; `.ci/run` installs Mesa's Vulkan driver and runs it. After a deliberate
//! change of looks: `UPDATE_SNAPSHOTS=1 cargo test --features snapshot --test snapshots`,
//! then look at the new images before committing them.

#![cfg(feature = "snapshot")]
#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use actorscope::app::ActorscopeApp;
use actorscope::io::DatasetSource;
use actorscope::views::Selection;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::SIZE;

/// The app on the curated dataset, rendered, with its graph layout settled.
fn rendered() -> Harness<'static, ActorscopeApp> {
    rendered_at(SIZE)
}

/// The same at another window size (a laptop's 1280×720, a small 1024×640).
fn rendered_at(size: egui::Vec2) -> Harness<'static, ActorscopeApp> {
    let app = ActorscopeApp::new(&DatasetSource::Embedded);
    let mut harness = Harness::builder()
        .with_size(size)
        .wgpu()
        .build_ui_state(|ui, app: &mut ActorscopeApp| app.ui(ui), app);
    for _ in 0..2_000 {
        if harness.state().state.graph.is_settled() {
            break;
        }
        harness.run_steps(1);
    }
    assert!(
        harness.state().state.graph.is_settled(),
        "the layout settles"
    );
    harness.run_steps(3);
    harness
}

#[test]
fn the_opening_window() {
    let mut harness = rendered();
    harness.snapshot("opening_window");
}

/// The opening window at `size`, saved as `name`: nothing wider than the window (the toolbars
/// wrap, the panels give way).
fn opening_at(size: egui::Vec2, name: &str) {
    let mut harness = rendered_at(size);
    let fit = harness.get_by_label("Fit all").rect();
    assert!(fit.right() <= size.x, "{name}: {fit:?}");
    let play = harness.get_by_label("▶ Play").rect();
    assert!(play.right() <= size.x, "{name}: {play:?}");
    harness.snapshot(name);
}

#[test]
fn the_opening_window_on_a_laptop() {
    opening_at(egui::vec2(1280.0, 720.0), "opening_window_1280x720");
}

#[test]
fn the_opening_window_on_a_small_screen() {
    opening_at(egui::vec2(1024.0, 640.0), "opening_window_1024x640");
}

#[test]
fn a_claim_and_a_document_on_a_laptop() {
    let mut harness = rendered_at(egui::vec2(1280.0, 720.0));
    harness.get_by_label("Claims").click();
    harness.run_steps(2);
    let data = harness.state().dataset().unwrap().clone();
    harness.get_by_label(&data.claims[0].question).click();
    harness.run_steps(4);
    harness.snapshot("claim_1280x720");
    harness
        .get_all_by_label("Open in document")
        .next()
        .unwrap()
        .click();
    harness.run_steps(4);
    harness.snapshot("document_docked_1280x720");
}

#[test]
fn a_contested_claim_side_by_side() {
    let mut harness = rendered();
    harness.get_by_label("Claims").click();
    harness.run_steps(2);
    let data = harness.state().dataset().unwrap().clone();
    harness.get_by_label(&data.claims[0].question).click();
    harness.run_steps(4);
    assert!(matches!(
        harness.state().state.selection,
        Selection::Claim(_)
    ));
    harness.snapshot("claim_side_by_side");
}

#[test]
fn a_quote_opened_in_its_document() {
    let mut harness = rendered();
    let data = harness.state().dataset().unwrap().clone();
    let event = *data.index.events_by_time.last().unwrap();
    harness.state_mut().state.selection = Selection::Event(event);
    harness.run_steps(3);
    harness
        .get_all_by_label("Open in document")
        .next()
        .unwrap()
        .click();
    harness.run_steps(4);
    harness.snapshot("quote_in_document");
}
