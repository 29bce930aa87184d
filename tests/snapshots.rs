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
    let app = ActorscopeApp::new(&DatasetSource::Embedded);
    let mut harness = Harness::builder()
        .with_size(SIZE)
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
