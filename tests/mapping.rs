//! A table in no format Actorscope knows, brought in through the column mapping dialog: the
//! first rows read as the analyst chooses, the mapping saved beside the table, and the table
//! opening again — in the window and from the command line — through it.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::path::{Path, PathBuf};

use actorscope::app::ActorscopeApp;
use actorscope::io;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;

/// A copy of a fixture in a folder of its own, so a mapping saved beside it stays there.
fn copied(dir: &Path, fixture: &str, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(Path::new("tests/fixtures/import").join(fixture), &path).unwrap();
    path
}

/// File → Import…, the path typed into the in-app dialog, and Open.
fn import_through_the_menu(harness: &mut Harness<'_, ActorscopeApp>, path: &Path) {
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Import…").click();
    harness.run_steps(4);
    assert_eq!(harness.state().file_dialog_open(), Some("Import events"));
    let path = path.display().to_string();
    harness.get_by_label("File name").click();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("File name").type_text(&path);
    harness.run_steps(1);
    harness.get_by_label("Open").click();
}

/// Runs the app until a label containing `text` shows.
fn wait_for(harness: &mut Harness<'_, ActorscopeApp>, text: &str) {
    for _ in 0..500 {
        harness.run_steps(1);
        if harness.query_all_by_label_contains(text).count() > 0 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{text:?} showed");
}

#[test]
fn a_newsroom_log_is_mapped_in_the_window_saved_beside_it_and_opens_through_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let table = copied(dir.path(), "newsroom_log.csv", "incidents.csv");
    let mut harness = common::harness();
    import_through_the_menu(&mut harness, &table);
    wait_for(&mut harness, "Map the columns of incidents.csv");
    // Why no format took it, and the first guess read through at once: day-first dates, the
    // perpetrator and the victims as actors, "What happened" as the words.
    harness.get_by_label("Why no known format took it").click();
    harness.run_steps(2);
    assert!(harness.query_all_by_label_contains("not ACLED CSV").count() >= 1);
    assert!(
        harness
            .query_all_by_label_contains("the first 3 rows give 2 events and 4 actors; 1 refused")
            .count()
            == 1
    );
    assert!(
        harness
            .query_all_by_label_contains("Gunmen on motorbikes attacked the village")
            .count()
            >= 1
    );
    assert!(harness.query_all_by_label_contains("31/02/2022").count() >= 1);
    // The analyst takes the Type column as the title: the preview reads it so at once.
    harness.get_by_label("Title column").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Type").click();
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label_contains("2022-01-05 · violence")
            .count()
            == 1,
        "the title is the Type cell"
    );
    assert_eq!(
        common::dataset(&harness).events.len(),
        50,
        "nothing changed yet"
    );
    harness.get_by_label("Save mapping and import").click();
    wait_for(&mut harness, "Open as its own dataset");
    let saved = dir.path().join("incidents.mapping.ron");
    let mapping = io::import::mapped::Mapping::read_file(&saved).unwrap();
    assert_eq!(mapping.title.as_deref(), Some("Type"));
    assert_eq!(mapping.actors, ["Perpetrator", "Victims"]);
    // Opened on its own, the table reads through the mapping beside it.
    harness.get_by_label("Open as its own dataset").click();
    common::wait_for_load(&mut harness);
    let dataset = common::dataset(&harness);
    assert_eq!(dataset.events.len(), 2);
    assert!(dataset.events.iter().any(|e| e.title == "violence"));
    // And from the command line, with no --mapping: the same counts, the refused row named.
    let run = common::actorscope(&["check", &table.display().to_string()]);
    let out = common::stdout(&run);
    assert!(out.contains("2 events"), "{out}");
    assert!(out.contains("incidents.csv:4:1"), "{out}");
}

#[test]
fn a_table_in_no_known_format_says_why_and_cancel_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let table = copied(dir.path(), "not_acled.csv", "not_acled.csv");
    let mut harness = common::harness();
    import_through_the_menu(&mut harness, &table);
    wait_for(&mut harness, "Map the columns of not_acled.csv");
    harness.get_by_label("Why no known format took it").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_all_by_label_contains("not ACLED CSV: no event_date column")
            .count()
            >= 1
    );
    let cancel = harness.get_by_label("Cancel");
    assert!(
        common::screen().contains_rect(cancel.rect()),
        "{:?}",
        cancel.rect()
    );
    cancel.click();
    harness.run_steps(2);
    let (status, _) = harness.state().status().unwrap();
    assert!(status.contains("Nothing was imported"), "{status}");
    assert_eq!(common::dataset(&harness).events.len(), 50);
    assert!(
        !dir.path().join("not_acled.mapping.ron").exists(),
        "no mapping saved"
    );
}

#[test]
fn a_file_that_is_no_table_is_refused_with_its_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let prose = dir.path().join("notes.txt");
    std::fs::write(&prose, "Only prose here\nand no columns at all\n").unwrap();
    let mut harness = common::harness();
    import_through_the_menu(&mut harness, &prose);
    wait_for(&mut harness, "Nothing was imported");
    let (status, failed) = harness.state().status().unwrap();
    assert!(failed && status.contains("cannot be imported"), "{status}");
}

#[test]
fn a_broken_mapping_beside_a_table_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let table = copied(dir.path(), "newsroom_log.csv", "log.csv");
    std::fs::write(
        dir.path().join("log.mapping.ron"),
        "Mapping(\n  date: \"Date\",\n  actorz: [],\n)",
    )
    .unwrap();
    let failure = io::load_path(&table).unwrap_err();
    let message = failure.problems[0].to_string();
    assert!(message.contains("log.mapping.ron:3:"), "{message}");
}

#[test]
fn open_with_a_mapping_reads_the_table_through_it_and_a_broken_one_is_refused_before_a_window() {
    let dir = tempfile::tempdir().unwrap();
    // No mapping beside it: on its own the table is in no known format.
    let table = copied(dir.path(), "newsroom_log.csv", "log.csv");
    let elsewhere = dir.path().join("chosen.ron");
    std::fs::copy("tests/fixtures/import/newsroom_log.mapping.ron", &elsewhere).unwrap();
    assert!(io::load_path(&table).is_err());
    let mapping = io::import::mapped::Mapping::read_file(&elsewhere).unwrap();
    let app =
        ActorscopeApp::loading_mapped(io::DatasetSource::File(table.clone()), None, Some(mapping));
    let mut harness = Harness::builder()
        .with_size(common::SIZE)
        .build_ui_state(|ui, app: &mut ActorscopeApp| app.ui(ui), app);
    common::wait_for_load(&mut harness);
    let dataset = common::dataset(&harness);
    assert_eq!(dataset.events.len(), 2);
    assert_eq!(dataset.documents[0].file, "log.csv");
    // A mapping that does not read: said at once, with its place, and no window opens.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(\n  date: [\"When\"],\n  nonsense: 3,\n)\n").unwrap();
    let run = common::actorscope(&[
        "open",
        &table.display().to_string(),
        "--mapping",
        &broken.display().to_string(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("broken.ron:"), "{err}");
    // And --mapping needs the table it maps.
    let run = common::actorscope(&["open", "--mapping", &broken.display().to_string()]);
    assert_eq!(run.status.code(), Some(2));
}
