//! Nothing typed is lost: the session is written within a second of a change, even while the
//! window sits idle, so a killed app comes back as it was; a note counts the moment it is
//! typed; and saving a workspace keeps its name.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::path::Path;

use actorscope::app::ActorscopeApp;
use actorscope::io::DatasetSource;
use actorscope::views::{NoteTarget, Selection};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;

/// The app on the embedded dataset keeping its session in `session` (restored from it).
fn app_with_session(session: &Path) -> Harness<'static, ActorscopeApp> {
    let mut app = ActorscopeApp::new(&DatasetSource::Embedded);
    app.use_session_file(session, true);
    let mut harness = Harness::builder()
        .with_size(common::SIZE)
        .build_ui_state(|ui, app: &mut ActorscopeApp| app.ui(ui), app);
    harness.run_steps(2);
    harness
}

#[test]
fn a_change_is_in_the_session_within_a_second_and_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.ron");
    let mut harness = app_with_session(&session);
    let hide_empty = harness.state().state.timeline.hide_empty;
    harness.get_by_label("Hide empty lanes").click();
    // Nothing else happens: no input, no save; a frame comes when the session is due.
    harness.run_steps(1);
    assert!(!session.exists(), "not written on every keystroke");
    harness.run_steps(4); // one second at the harness's quarter-second steps
    assert!(session.is_file(), "the session was written within a second");
    // Killed: dropped without a save or a close.
    drop(harness);
    let harness = app_with_session(&session);
    assert_eq!(harness.state().state.timeline.hide_empty, !hide_empty);
}

#[test]
fn a_note_counts_as_it_is_typed_and_is_never_lost() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.ron");
    let mut harness = app_with_session(&session);
    let data = common::dataset(&harness);
    let (first, second) = (data.index.events_by_time[0], data.index.events_by_time[1]);
    common::select(&mut harness, Selection::Event(first));
    harness.get_by_label("Your note").click();
    harness.run_steps(2);
    harness.get_by_label("Note text").click();
    harness.run_steps(1);
    harness
        .get_by_label("Note text")
        .type_text("Check the date against the UN report");
    harness.run_steps(1);
    // Typed, never "saved": it is a change already.
    assert!(harness.state().is_dirty());
    assert!(
        harness.state().title().ends_with('•'),
        "{}",
        harness.state().title()
    );
    let target = NoteTarget::Event(first);
    assert_eq!(
        harness.state().state.annotations.note(target),
        Some("Check the date against the UN report")
    );
    // Another item, and back: still there.
    common::select(&mut harness, Selection::Event(second));
    common::select(&mut harness, Selection::Event(first));
    assert_eq!(
        harness.get_by_label("Note text").value().as_deref(),
        Some("Check the date against the UN report")
    );
    // One undo takes the whole run of typing back.
    harness.key_press(egui::Key::Escape);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().state.annotations.note(target), None);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run_steps(6);
    // Killed, and back.
    drop(harness);
    let mut harness = app_with_session(&session);
    assert_eq!(
        harness.state().state.annotations.note(target),
        Some("Check the date against the UN report")
    );
    // Quitting with it unsaved asks first.
    assert!(harness.state().is_dirty());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run_steps(2);
    harness.get_by_label("Unsaved changes");
    assert!(!harness.state().is_quitting());
}

#[test]
fn saving_a_workspace_keeps_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/wagner-arrives-france-leaves.ron");
    let name = actorscope::workspace::WorkspaceFile::read(&example)
        .unwrap()
        .name;
    assert!(!name.is_empty());
    let mut harness = common::harness();
    assert!(harness.state_mut().open_workspace(&example));
    harness.run_steps(2);
    assert!(
        harness.state().title().contains(&name),
        "{}",
        harness.state().title()
    );
    let copy = dir.path().join("my-copy.ron");
    assert!(harness.state_mut().save_workspace_to(&copy));
    let saved = actorscope::workspace::WorkspaceFile::read(&copy).unwrap();
    assert_eq!(
        saved.name, name,
        "the file name did not replace the workspace's name"
    );
}
