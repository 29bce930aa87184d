//! Editing a dataset and saving it as a folder: what is saved loads back to exactly the
//! edited dataset, and an edit that would break an invariant is refused with its reason.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::path::Path;

use actorscope::io::json::JsonDataset;
use actorscope::io::save::save_dataset;
use actorscope::io::{load_embedded, load_path};
use actorscope::model::edit::{self, Edit, EditError, EvidenceTarget};
use actorscope::model::raw::{RawEvent, RawParticipant};
use actorscope::model::{Dataset, EventKind, Role};
use actorscope::views::{Command, Selection};
use egui_kittest::kittest::Queryable as _;

mod common;

fn fixture() -> Dataset {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/dataset.ron");
    (*load_path(&path).unwrap_or_else(|f| panic!("{f}")).dataset).clone()
}

/// Everything a dataset holds, every quote with its exact span, as comparable data.
fn contents(dataset: &Dataset) -> JsonDataset {
    JsonDataset::from_dataset(dataset)
}

#[test]
fn the_curated_dataset_saved_as_a_folder_loads_back_identical() {
    let loaded = load_embedded().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = save_dataset(folder.path(), &loaded.dataset).unwrap();
    let reloaded = load_path(&path).unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(contents(&reloaded.dataset), contents(&loaded.dataset));
    // Saving again changes nothing: the file is stable.
    let first = std::fs::read_to_string(&path).unwrap();
    save_dataset(folder.path(), &reloaded.dataset).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);
}

#[test]
fn an_edit_saved_and_reloaded_is_identical() {
    let dataset = fixture();
    let doc = dataset.document_by_key("nl-lavrov-visit").unwrap();
    let text = dataset.document(doc).text.clone();
    // A passage chosen by byte span, as the reader's selection gives it.
    let words = "Lavrov";
    let second = text.match_indices(words).nth(1).unwrap().0;
    let span = second..second + words.len();
    let evidence = edit::evidence_at("nl-lavrov-visit", &text, span.clone(), None).unwrap();
    assert_eq!(evidence.quote, words);
    assert_eq!(
        evidence.occurrence,
        Some(2),
        "the second occurrence is named as such"
    );
    let added = RawEvent {
        id: "2023-02-lavrov-named-again".to_owned(),
        title: "Lavrov named again".to_owned(),
        summary: "The report names Lavrov a second time.".to_owned(),
        date: "2023-02".to_owned(),
        kind: EventKind::Statement,
        actors: vec![RawParticipant {
            actor: "lavrov".to_owned(),
            role: Role::Initiator,
        }],
        evidence: vec![evidence],
        ..RawEvent::default()
    };
    let edited = edit::apply(&dataset, &Edit::AddEvent(added)).unwrap();
    let event = edited.event_by_key("2023-02-lavrov-named-again").unwrap();
    assert_eq!(
        edited.event(event).evidence[0].span,
        span,
        "located where it was chosen"
    );
    let first_event = dataset.events[0].key.clone();
    let edited = edit::apply(
        &edited,
        &Edit::AddEvidence {
            target: EvidenceTarget::Event(first_event.clone()),
            doc: "nl-lavrov-visit".to_owned(),
            span: span.clone(),
            gloss: Some("Lavrov".to_owned()),
        },
    )
    .unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = save_dataset(folder.path(), &edited).unwrap();
    let reloaded = load_path(&path).unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(contents(&reloaded.dataset), contents(&edited));
    let e = reloaded.dataset.event_by_key(&first_event).unwrap();
    assert!(
        reloaded
            .dataset
            .event(e)
            .evidence
            .iter()
            .any(|ev| ev.span == span)
    );
}

#[test]
fn an_edit_that_would_break_the_dataset_is_refused_with_its_reason() {
    let dataset = fixture();
    // Removing an actor that events name leaves dangling references: refused, each named.
    match edit::apply(&dataset, &Edit::RemoveActor("lavrov".to_owned())) {
        Err(EditError::Invalid { problems }) => {
            assert!(
                problems.iter().any(|p| p.to_string().contains("lavrov")),
                "{problems:?}"
            );
        }
        other => panic!("expected the dataset to be invalid, got {other:?}"),
    }
    // A span that is not a passage of the text.
    let len = dataset.documents[0].text.len();
    let refused = edit::apply(
        &dataset,
        &Edit::AddEvidence {
            target: EvidenceTarget::Event(dataset.events[0].key.clone()),
            doc: dataset.documents[0].key.clone(),
            span: len..len + 5,
            gloss: None,
        },
    );
    assert!(
        matches!(refused, Err(EditError::BadSpan { .. })),
        "{refused:?}"
    );
    // Unknown and duplicate ids.
    assert!(matches!(
        edit::apply(&dataset, &Edit::RemoveEvent("no-such-event".to_owned())),
        Err(EditError::Missing { .. })
    ));
    let actor = edit::to_raw(&dataset).actors[0].clone();
    assert!(matches!(
        edit::apply(&dataset, &Edit::AddActor(actor)),
        Err(EditError::Exists { .. })
    ));
}

#[test]
fn an_edit_in_the_window_is_one_undo_step_that_keeps_the_selection() {
    let mut harness = common::harness();
    let data = common::dataset(&harness);
    // An event, and a passage of its document that is evidence for something else.
    let (event, passage) = data
        .events
        .iter()
        .enumerate()
        .find_map(|(n, e)| {
            let doc = e.evidence[0].doc;
            data.all_evidence()
                .find(|ev| ev.doc == doc && !e.evidence.iter().any(|own| own.span == ev.span))
                .map(|ev| (n, ev.clone()))
        })
        .unwrap();
    let key = data.events[event].key.clone();
    let before = data.events[event].evidence.len();
    common::select(
        &mut harness,
        Selection::Event(actorscope::model::EventId::from_index(event)),
    );
    harness.get_by_label(&format!("Evidence ({before})"));
    harness.state_mut().send(Command::Edit(Edit::AddEvidence {
        target: EvidenceTarget::Event(key.clone()),
        doc: data.document(passage.doc).key.clone(),
        span: passage.span.clone(),
        gloss: None,
    }));
    harness.run_steps(3);
    let app = harness.state();
    let edited = app.dataset().unwrap();
    let id = edited.event_by_key(&key).unwrap();
    assert_eq!(edited.event(id).evidence.len(), before + 1);
    assert_eq!(
        common::selected(&harness),
        Selection::Event(id),
        "the selection follows the edit"
    );
    assert!(harness.state().is_dataset_dirty());
    assert!(
        harness.state().title().contains("dataset edited"),
        "{}",
        harness.state().title()
    );
    harness.get_by_label(&format!("Evidence ({})", before + 1));
    // One undo: the dataset as loaded, clean again; redo brings the edit back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    harness.get_by_label(&format!("Evidence ({before})"));
    assert!(!harness.state().is_dataset_dirty());
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run_steps(3);
    harness.get_by_label(&format!("Evidence ({})", before + 1));
    assert!(harness.state().is_dataset_dirty());
    // Saved as a file: it loads back, and the dataset is clean.
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("edited.ron");
    harness
        .state_mut()
        .send(Command::SaveDatasetAs(path.clone()));
    harness.run_steps(2);
    assert!(!harness.state().is_dataset_dirty());
    // What is open is now the saved file, and the view is as it was.
    let open = harness.state().dataset().unwrap().clone();
    let id = open.event_by_key(&key).unwrap();
    assert_eq!(common::selected(&harness), Selection::Event(id));
    harness.get_by_label(&format!("Evidence ({})", before + 1));
    let reloaded = load_path(&path).unwrap_or_else(|f| panic!("{f}"));
    let e = reloaded.dataset.event_by_key(&key).unwrap();
    assert_eq!(reloaded.dataset.event(e).evidence.len(), before + 1);
}

#[test]
fn a_refused_edit_in_the_window_changes_nothing_and_says_why() {
    let mut harness = common::harness();
    let before = contents(&common::dataset(&harness));
    harness
        .state_mut()
        .send(Command::Edit(Edit::RemoveActor("russia".to_owned())));
    harness.run_steps(3);
    assert_eq!(contents(&common::dataset(&harness)), before);
    assert!(!harness.state().is_dataset_dirty());
    harness.get_by_label("The edit was refused");
}
