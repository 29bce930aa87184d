//! Opening and saving with no desktop portal (the harness has none, as on a minimal or remote
//! desktop): every open, save and export goes through the in-app file dialog, driven here by
//! its labels as a person would.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::path::Path;

use actorscope::app::ActorscopeApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;

/// Replaces the text of the field labelled `label` with `text`, then presses Enter.
fn type_into(harness: &mut Harness<'_, ActorscopeApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run_steps(1);
    assert_eq!(harness.get_by_label(label).value().as_deref(), Some(text));
}

/// A change the workspace saves: hide (or show) the empty lanes.
fn change_something(harness: &mut Harness<'_, ActorscopeApp>) {
    harness.get_by_label("Hide empty lanes").click();
    harness.run_steps(2);
    assert!(harness.state().is_dirty());
}

fn save_through_the_dialog(harness: &mut Harness<'_, ActorscopeApp>, path: &Path) {
    assert_eq!(
        harness.state().file_dialog_open(),
        Some("Save workspace as")
    );
    type_into(harness, "File name", &path.display().to_string());
    harness.get_by_label("Save").click();
    harness.run_steps(2);
}

#[test]
fn an_untitled_workspace_is_saved_with_the_in_app_dialog_and_opened_again() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("lanes.ron");
    let mut harness = common::harness();
    change_something(&mut harness);
    let hide_empty = harness.state().state.timeline.hide_empty;
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    save_through_the_dialog(&mut harness, &path);
    assert!(path.is_file(), "the dialog's choice was saved");
    assert_eq!(harness.state().file_dialog_open(), None);
    assert!(!harness.state().is_dirty());
    assert!(
        harness.state().title().contains("lanes"),
        "{}",
        harness.state().title()
    );

    // A fresh window opens it with Ctrl+O, through the same dialog.
    let mut harness = common::harness();
    assert_ne!(harness.state().state.timeline.hide_empty, hide_empty);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_steps(2);
    assert_eq!(harness.state().file_dialog_open(), Some("Open workspace"));
    type_into(&mut harness, "File name", &path.display().to_string());
    harness.get_by_label("Open").click();
    harness.run_steps(3);
    assert_eq!(harness.state().state.timeline.hide_empty, hide_empty);
    assert!(harness.state().title().contains("lanes"));
}

#[test]
fn quitting_through_the_prompts_save_asks_where_saves_and_quits() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("before-quitting.ron");
    let mut harness = common::harness();
    change_something(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run_steps(2);
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Save").click();
    // The prompt fades out over a few frames (a person's next click comes later still).
    harness.run_steps(6);
    assert!(
        !harness.state().is_quitting(),
        "not before the workspace is saved"
    );
    save_through_the_dialog(&mut harness, &path);
    assert!(
        path.is_file(),
        "{:?} {:?} {}",
        harness.state().status(),
        harness.state().file_dialog_open(),
        harness.state().is_dirty()
    );
    assert!(harness.state().is_quitting(), "saved, so it quits");
}

#[test]
fn saving_over_a_file_asks_first_and_a_cancelled_save_says_so() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("taken.ron");
    std::fs::write(&path, "not a workspace").unwrap();
    let mut harness = common::harness();
    change_something(&mut harness);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run_steps(2);
    save_through_the_dialog(&mut harness, &path);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a workspace");
    harness.get_by_label_contains("exists. Replace it?");
    harness.get_by_label("Replace").click();
    harness.run_steps(2);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Workspace(")
    );
    // Cancelled: nothing written, and the status bar says so.
    change_something(&mut harness);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run_steps(2);
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_eq!(harness.state().file_dialog_open(), None);
    assert_eq!(
        harness.state().status(),
        Some(("The workspace was not saved", false))
    );
    assert!(harness.state().is_dirty());
}

#[test]
fn a_missing_file_is_said_in_the_dialog_and_export_writes_what_was_chosen() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = common::harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_steps(2);
    let missing = folder.path().join("nothing-here.ron");
    type_into(&mut harness, "File name", &missing.display().to_string());
    harness.get_by_label("Open").click();
    harness.run_steps(2);
    harness.get_by_label_contains("There is no file");
    assert_eq!(harness.state().file_dialog_open(), Some("Open workspace"));
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    // File → Export… through the same dialog: the interchange JSON, read back.
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Export…").click();
    harness.run_steps(2);
    assert_eq!(harness.state().file_dialog_open(), Some("Export dataset"));
    let out = folder.path().join("out.json");
    type_into(&mut harness, "File name", &out.display().to_string());
    harness.get_by_label("Save").click();
    harness.run_steps(2);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["format"], "actorscope/v1");
}
