//! Workspaces: what is saved comes back exactly; a damaged file never costs the current work.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::path::Path;

use actorscope::app::ActorscopeApp;
use actorscope::io::DatasetSource;
use actorscope::model::{Day, DocId, EventKind};
use actorscope::query::Corroboration;
use actorscope::views::{Command, NoteTarget, Selection, SideTab};
use actorscope::workspace::{VERSION, WorkspaceFile};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn app() -> ActorscopeApp {
    ActorscopeApp::new(&DatasetSource::Embedded)
}

/// Runs commands through the app's one handler, as menus and shortcuts do.
fn apply(app: &mut ActorscopeApp, commands: Vec<Command>) {
    let ctx = egui::Context::default();
    app.apply(&ctx, commands);
}

/// Changes every part of the state a workspace holds.
fn change_everything(app: &mut ActorscopeApp) {
    let data = app.dataset().unwrap().clone();
    let mut filters = app.state.filters.clone();
    let first_actor = data
        .index
        .events_by_time
        .iter()
        .flat_map(|e| &data.event(*e).participants)
        .map(|(a, _)| *a)
        .next()
        .unwrap();
    filters.actors.insert(first_actor);
    filters.include_related = true;
    filters.kinds.insert(data.index.event_kinds[0].clone());
    filters.documents.insert(DocId(0));
    filters.search = "mali".to_owned();
    filters.corroboration = Corroboration::SingleSource;
    filters.contested_only = true;
    let event = data.index.events_by_time[0];
    let actor = data.event(event).participants[0].0;
    let mut order = app.state.timeline.lane_order.clone();
    order.reverse();
    let (from, to): (Day, Day) = data.time_extent().unwrap();
    apply(
        app,
        vec![
            Command::SetFilters(filters),
            Command::SetTimeWindow(Some((from + 10, to - 10))),
            Command::Select(Selection::Event(event)),
            Command::SetLaneOrder(order),
            Command::SetHiddenLanes([actor].into_iter().collect()),
            Command::OpenDocument {
                doc: data.event(event).evidence[0].doc,
                focus: Some(data.event(event).evidence[0].span.clone()),
            },
            Command::SetNote(
                NoteTarget::Event(event),
                "Check the date against the Dutch text.".to_owned(),
            ),
            Command::ToggleBookmark(NoteTarget::Actor(actor)),
            Command::SetNote(NoteTarget::Actor(actor), "Key actor.".to_owned()),
            Command::TogglePanel(actorscope::views::Panel::Graph),
            Command::ShowSideTab(SideTab::Claims),
            Command::SetDarkMode(false),
        ],
    );
    app.state.timeline.hide_empty = false;
    app.state.timeline.view = Some((f64::from(from), f64::from(from + 400)));
}

#[test]
fn save_change_everything_load_gives_the_same_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.ron");
    let mut app = app();
    change_everything(&mut app);
    assert!(app.is_dirty());
    assert!(app.save_workspace_to(&path));
    assert!(!app.is_dirty());
    let saved = app.workspace_file().unwrap();
    let saved_state = app.state.clone();

    // Change it all again, then open the file: everything is as saved.
    let mut other = ActorscopeApp::new(&DatasetSource::Embedded);
    assert!(other.open_workspace(&path));
    let reopened = other.workspace_file().unwrap();
    // The view range is applied on the next frame; compare the rest field by field.
    assert_eq!(reopened.filters, saved.filters);
    assert_eq!(reopened.selection, saved.selection);
    assert_eq!(reopened.timeline.lane_order, saved.timeline.lane_order);
    assert_eq!(reopened.timeline.hidden, saved.timeline.hidden);
    assert_eq!(reopened.timeline.hide_empty, saved.timeline.hide_empty);
    assert_eq!(reopened.graph, saved.graph);
    assert_eq!(reopened.open_documents, saved.open_documents);
    assert_eq!(reopened.layout, saved.layout);
    assert_eq!(reopened.notes, saved.notes);
    assert_eq!(reopened.dataset, saved.dataset);
    assert_eq!(reopened.content_hash, saved.content_hash);
    assert_eq!(other.state.filters, saved_state.filters);
    assert_eq!(other.state.annotations, saved_state.annotations);
    assert_eq!(other.state.reader, saved_state.reader);
    assert_eq!(other.state.layout, saved_state.layout);
    assert!(!other.is_dirty());

    // The file is pretty, diffable RON with a version.
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("Workspace("), "{text}");
    assert!(text.contains(&format!("version: {VERSION},")), "{text}");
    assert!(text.lines().count() > 20, "one field per line");
    assert!(text.contains("Check the date against the Dutch text."));
}

/// Opens `text` as a workspace in an app with work in it; the work must survive.
fn refused(text: &[u8], expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, text).unwrap();
    let mut app = app();
    change_everything(&mut app);
    let before = app.state.clone();
    let before_file = app.workspace_file();
    assert!(!app.open_workspace(&path), "{expect}: must be refused");
    assert_eq!(app.state, before, "{expect}: the state is untouched");
    assert_eq!(app.workspace_file(), before_file);
    let err = WorkspaceFile::read(&path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let report = if err.is_empty() {
        // Parsed, but its dataset did not load.
        String::new()
    } else {
        err
    };
    assert!(
        report.is_empty() || report.contains(expect),
        "{report:?} lacks {expect:?}"
    );
}

fn good_file() -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("good.ron");
    let mut app = app();
    change_everything(&mut app);
    app.save_workspace_to(&path);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn damaged_files_are_refused_with_their_reason_and_leave_the_state_untouched() {
    let good = good_file();
    refused(b"", "the file is empty");
    refused(b"   \n", "the file is empty");
    refused(&good.as_bytes()[..good.len() / 2], "not a valid workspace");
    refused(
        good.replacen("filters:", "filterz:", 1).as_bytes(),
        "not a valid workspace",
    );
    refused(b"\xff\xfe garbage", "cannot read the file");
    refused(
        good.replacen(&format!("version: {VERSION},"), "version: 99,", 1)
            .as_bytes(),
        "made by a newer Actorscope (workspace version 99",
    );
    refused(
        good.replacen(
            "dataset: Embedded,",
            "dataset: File(\"no/such/dataset.ron\"),",
            1,
        )
        .as_bytes(),
        "",
    );
}

#[test]
fn syntax_errors_name_line_and_column() {
    let good = good_file();
    let broken = good.replacen("filters:", "filters: ]", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("filters: ]"))
        .unwrap()
        + 1;
    let err = WorkspaceFile::parse("w.ron", &broken)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with(&format!("w.ron:{line}:")), "{err}");
}

#[test]
fn a_changed_dataset_opens_with_what_resolves_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    let good = good_file();
    // A note on an event that no longer exists, and a hash from another dataset.
    let edited = good
        .replacen("notes: [", "notes: [\n        NoteFile(item: Event(\"1999-vanished\"), text: \"Keep me.\", bookmarked: false),", 1)
        .replacen("content_hash: \"", "content_hash: \"0", 1);
    std::fs::write(&path, &edited).unwrap();
    let mut app = app();
    assert!(app.open_workspace(&path));
    let file = app.workspace_file().unwrap();
    assert!(
        file.notes.iter().any(|n| n.text == "Keep me."),
        "the orphan note is kept"
    );
    let resolved = WorkspaceFile::read(&path)
        .unwrap()
        .resolve(app.dataset().unwrap(), "");
    assert!(
        resolved
            .unresolved
            .iter()
            .any(|l| l.contains("1999-vanished"))
    );
    // Saving writes the orphan note back.
    let again = dir.path().join("again.ron");
    assert!(app.save_workspace_to(&again));
    assert!(
        std::fs::read_to_string(&again)
            .unwrap()
            .contains("Keep me.")
    );
}

#[test]
fn a_failed_save_keeps_the_old_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keep.ron");
    let mut app = app();
    assert!(app.save_workspace_to(&path));
    let old = std::fs::read_to_string(&path).unwrap();
    change_everything(&mut app);

    // A read-only folder refuses the temporary file (unless we are root, who may write
    // anyway); a folder where the file should be refuses the rename in every case.
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let read_only_failed = !app.save_workspace_to(&path);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    if read_only_failed {
        assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
        assert!(app.is_dirty(), "still unsaved");
    } else {
        // Root wrote through the permissions: put the old file back and change something.
        app.save_workspace_to(&path);
        let _ = std::fs::write(&path, &old);
        let event = app.dataset().unwrap().index.events_by_time[1];
        apply(
            &mut app,
            vec![Command::SetNote(
                NoteTarget::Event(event),
                "unsaved".to_owned(),
            )],
        );
    }
    let blocked = dir.path().join("blocked.ron");
    std::fs::create_dir(&blocked).unwrap();
    assert!(!app.save_workspace_to(&blocked));
    assert!(app.is_dirty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        old,
        "the old file is intact"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn undo_and_redo_cover_filters_window_lanes_and_notes() {
    let mut app = app();
    let data = app.dataset().unwrap().clone();
    let before = app.state.clone();
    change_everything(&mut app);
    let after = app.state.filters.clone();
    let after_notes = app.state.annotations.clone();
    for _ in 0..20 {
        apply(&mut app, vec![Command::Undo]);
    }
    assert_eq!(app.state.filters, before.filters);
    assert_eq!(app.state.annotations, before.annotations);
    assert_eq!(app.state.timeline.lane_order, before.timeline.lane_order);
    assert_eq!(app.state.timeline.hidden, before.timeline.hidden);
    for _ in 0..20 {
        apply(&mut app, vec![Command::Redo]);
    }
    assert_eq!(app.state.filters, after);
    assert_eq!(app.state.annotations, after_notes);
    let _ = (data, EventKind::Coup);
}

#[test]
fn kittest_saves_with_ctrl_s_and_reopens_from_the_recent_menu() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("menu.ron");
    let mut app = app();
    assert!(app.save_workspace_to(&path));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut ActorscopeApp| app.ui(ui), app);
    harness.run_steps(3);
    assert_eq!(harness.state().title(), "Actorscope — menu");
    // Make a change: the title shows it is unsaved.
    let data = harness.state().dataset().unwrap().clone();
    let event = data.index.events_by_time[0];
    harness.state_mut().apply(
        &egui::Context::default(),
        vec![Command::SetNote(
            NoteTarget::Event(event),
            "A note made in the window.".to_owned(),
        )],
    );
    harness.run_steps(2);
    assert_eq!(harness.state().title(), "Actorscope — menu •");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    assert_eq!(harness.state().title(), "Actorscope — menu");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("A note made in the window.")
    );

    // Change the note, then reopen the saved file through File → Recent.
    harness.state_mut().apply(
        &egui::Context::default(),
        vec![Command::SetNote(NoteTarget::Event(event), String::new())],
    );
    harness.run_steps(2);
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Recent").click();
    harness.run_steps(2);
    harness.get_by_label("menu.ron").click();
    harness.run_steps(2);
    // Unsaved changes: it asks first.
    harness.get_by_label("Discard changes").click();
    harness.run_steps(3);
    assert_eq!(
        harness
            .state()
            .state
            .annotations
            .note(NoteTarget::Event(event)),
        Some("A note made in the window.")
    );
    assert!(!harness.state().is_dirty());
}

#[test]
fn the_example_workspaces_resolve_fully() {
    let saves = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut found = 0;
    for entry in std::fs::read_dir(&saves).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        found += 1;
        let file = WorkspaceFile::read(&path).unwrap();
        let mut app = app();
        assert!(app.open_workspace(&path), "{}", path.display());
        let resolved = file.resolve(app.dataset().unwrap(), "");
        assert!(
            resolved.unresolved.is_empty(),
            "{}: {:?}",
            path.display(),
            resolved.unresolved
        );
        assert!(
            !file.notes.is_empty(),
            "{} tells its story in notes",
            path.display()
        );
    }
    assert!(found >= 2, "at least two example workspaces in saves/");
}

/// Runs frames until the background load is done (bounded: a test must end).
fn until_loaded(harness: &mut egui_kittest::Harness<'_, ActorscopeApp>) {
    for _ in 0..500 {
        if !harness.state().is_loading() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run_steps(1);
    }
    panic!("the dataset never finished loading");
}

#[test]
fn a_dataset_file_loads_in_the_background_then_its_workspace_opens() {
    let dir = tempfile::tempdir().unwrap();
    // A workspace on the fixture dataset, saved as a person would.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/dataset.ron");
    let mut app = ActorscopeApp::new(&DatasetSource::File(fixture.clone()));
    let event = app.dataset().unwrap().index.events_by_time[0];
    apply(
        &mut app,
        vec![Command::SetNote(
            NoteTarget::Event(event),
            "Read before the rest.".to_owned(),
        )],
    );
    let path = dir.path().join("mini.ron");
    assert!(app.save_workspace_to(&path));

    // `actorscope open DATASET --workspace FILE`: the window is there before the data.
    let app = ActorscopeApp::loading(DatasetSource::File(fixture), Some(path));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut ActorscopeApp| app.ui(ui), app);
    harness.run_steps(1);
    until_loaded(&mut harness);
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.dataset().unwrap().events.len(), 3, "the fixture is in");
    assert_eq!(
        app.state.annotations.note(NoteTarget::Event(event)),
        Some("Read before the rest."),
        "the workspace opened after the dataset"
    );
}

#[test]
fn a_broken_dataset_loaded_in_the_background_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "Dataset(title: \"x\", documents: [").unwrap();
    let app = ActorscopeApp::loading(DatasetSource::File(path), None);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut ActorscopeApp| app.ui(ui), app);
    harness.run_steps(1);
    until_loaded(&mut harness);
    harness.run_steps(2);
    assert!(harness.state().dataset().is_none());
    harness.get_by_label("The dataset did not load");
    assert!(harness.query_all_by_label_contains("broken.ron").count() >= 1);
}

#[test]
fn a_selected_link_between_two_actors_is_saved_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.ron");
    let mut app = app();
    let data = app.dataset().unwrap().clone();
    let relation = &data.relations[0];
    let link = Selection::link(relation.target, relation.source);
    apply(&mut app, vec![Command::Select(link)]);
    assert!(app.save_workspace_to(&path));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Link("), "{text}");
    let mut other = ActorscopeApp::new(&DatasetSource::Embedded);
    assert!(other.open_workspace(&path));
    assert_eq!(other.state.selection, link);
}

#[test]
fn the_graphs_focus_and_threshold_are_saved_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("focus.ron");
    let mut app = app();
    let actor = app.dataset().unwrap().relations[0].source;
    let trim = actorscope::views::graph::Trim {
        focus: Some((actor, 2)),
        min_events: 3,
    };
    apply(&mut app, vec![Command::SetGraphTrim(trim)]);
    assert!(app.is_dirty());
    assert!(app.save_workspace_to(&path));
    let mut other = ActorscopeApp::new(&DatasetSource::Embedded);
    assert!(other.open_workspace(&path));
    assert_eq!(other.state.graph.trim, trim);
}
