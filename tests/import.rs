//! Importing ACLED exports of every header generation, from fixtures written for these tests
//! in each real shape (`tests/fixtures/import/`: invented rows, no ACLED data): the file is
//! the dataset's one document, every event's evidence is exactly its notes cell (or its row),
//! rows that cannot be read are reported with line and column, and the window opens a file
//! through the in-app dialog and shows an event's notes.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::path::{Path, PathBuf};

use actorscope::app::ActorscopeApp;
use actorscope::io::import::csv::{Reader, Record};
use actorscope::io::{self, DatasetSource, LoadedDataset};
use actorscope::model::{Dataset, EventKind, ProblemKind, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn load(name: &str) -> LoadedDataset {
    io::load_path(&fixture(name)).unwrap_or_else(|failure| panic!("{name}: {failure}"))
}

fn event<'d>(dataset: &'d Dataset, key: &str) -> &'d actorscope::model::Event {
    dataset.event(
        dataset
            .event_by_key(key)
            .unwrap_or_else(|| panic!("no event {key}")),
    )
}

/// The value of column `column` in the row whose first cells include `id`, read with our
/// own CSV reader from the document's text — what the evidence must be a span of.
fn cell_span(text: &str, id: &str, column: &str) -> std::ops::Range<usize> {
    let delimiter = b',';
    let mut reader = Reader::new(text, delimiter);
    let mut header = Record::default();
    assert!(reader.next_into(&mut header).unwrap());
    let at = header
        .cells
        .iter()
        .position(|c| text[c.span.clone()].trim().eq_ignore_ascii_case(column))
        .unwrap();
    let mut record = Record::default();
    while reader.next_into(&mut record).unwrap() {
        if record.cells.iter().any(|c| &text[c.span.clone()] == id) {
            return record.cells[at].span.clone();
        }
    }
    panic!("no row {id}");
}

/// Every event's evidence slices the document's text to a notes cell or a whole row, and
/// the document is the file itself.
fn assert_spans_are_cells(dataset: &Dataset) {
    assert_eq!(dataset.documents.len(), 1);
    for e in &dataset.events {
        assert_eq!(e.evidence.len(), 1, "{}", e.key);
        let evidence = &e.evidence[0];
        let text = &dataset.document(evidence.doc).text;
        assert_eq!(dataset.quote(evidence), &text[evidence.span.clone()]);
        let notes = cell_span(text, &e.key, "notes");
        let trimmed = text[notes.clone()].trim();
        if trimmed.is_empty() {
            // No notes: the record itself, from its first cell to its last.
            assert!(
                dataset.quote(evidence).starts_with(&e.key)
                    || dataset.quote(evidence).contains(&e.key)
            );
        } else {
            assert_eq!(dataset.quote(evidence), trimmed, "{}", e.key);
            assert!(notes.contains(&evidence.span.start));
        }
    }
}

#[test]
fn a_2016_era_file_in_windows_1252_with_upper_case_headers() {
    let loaded = load("acled_2016_latin1.csv");
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    let dataset = &loaded.dataset;
    assert_eq!(dataset.events.len(), 3);
    assert_spans_are_cells(dataset);
    // Decoded from Windows-1252: accents and typographic quotes, and the document says so.
    let clash = event(dataset, "MLI1001");
    assert!(dataset.quote(&clash.evidence[0]).contains("Ménaka"));
    assert_eq!(clash.place.as_deref(), Some("Ménaka, Ménaka, Mali"));
    let abduction = event(dataset, "MLI1002");
    assert!(dataset.quote(&abduction.evidence[0]).contains("“fines”"));
    let doc = &dataset.documents[0];
    assert!(doc.notes.contains("Windows-1252"), "{}", doc.notes);
    assert!(doc.notes.contains("2016-era"), "{}", doc.notes);
    assert_eq!(doc.encoding.as_deref(), Some("windows-1252"));
    // dd/mm/yyyy, and time precision 2 is the week around the date.
    assert_eq!(clash.when.iso(), "2016-03-05");
    assert_eq!(
        abduction.when.last_day() - abduction.when.first_day(),
        6,
        "{}",
        abduction.when.iso()
    );
    // 2016 event types still map: battles are violence, with a hostility between the sides.
    assert_eq!(clash.kind, EventKind::Violence);
    assert_eq!(abduction.kind, EventKind::Atrocity);
    assert_eq!(event(dataset, "MLI1003").kind, EventKind::Protest);
    assert!(
        dataset
            .relations
            .iter()
            .any(|r| r.kind == actorscope::model::RelationKind::Hostility && r.directed),
        "one-sided violence is a directed hostility"
    );
}

#[test]
fn a_2019_era_file_with_a_bom_quoted_newlines_and_refused_rows_reported_by_line_and_column() {
    let loaded = load("acled_2019_bom.csv");
    let dataset = &loaded.dataset;
    assert_eq!(dataset.events.len(), 3, "two of five rows are refused");
    assert_spans_are_cells(dataset);
    // A quoted cell with doubled quotes and one with a newline: verbatim spans of the file.
    let sofara = event(dataset, "MLI2001");
    assert!(
        dataset
            .quote(&sofara.evidence[0])
            .contains("\"\"killing several soldiers\"\"")
    );
    let ogossagou = event(dataset, "MLI2002");
    assert!(
        dataset
            .quote(&ogossagou.evidence[0])
            .contains("Ogossagou.\nResidents")
    );
    assert_eq!(ogossagou.when.iso(), "2019-02-28/2019-03-06");
    // Associated actors take part, each once, split at semicolons.
    let names: Vec<&str> = ogossagou
        .participants
        .iter()
        .map(|(a, _)| dataset.actor(*a).name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Dozo Militia",
            "Civilians (Mali)",
            "Dan Na Ambassagou",
            "Fulani Ethnic Group (Mali)",
            "Farmers (Mali)"
        ]
    );
    assert_eq!(ogossagou.participants[0].1, Role::Initiator);
    assert_eq!(ogossagou.participants[1].1, Role::Target);
    // Precision 3 is the month; the record's own facts are kept in its summary.
    let agreement = event(dataset, "MLI2004");
    assert_eq!(agreement.when.iso(), "2019-04");
    assert_eq!(agreement.kind, EventKind::Agreement);
    assert!(
        sofara.summary.contains("fatalities: 6"),
        "{}",
        sofara.summary
    );
    assert!(
        sofara.summary.contains("source: AFP; Reuters"),
        "{}",
        sofara.summary
    );
    assert!(
        sofara.summary.contains("at 14.0167, -4.25"),
        "{}",
        sofara.summary
    );
    // The refused rows: an impossible date (line 5, since a quoted newline spans lines 3–4)
    // and a duplicate id, each at its cell.
    let refused: Vec<String> = loaded.notices.iter().map(ToString::to_string).collect();
    assert_eq!(refused.len(), 2, "{refused:#?}");
    assert!(
        refused[0].contains("acled_2019_bom.csv:5:23"),
        "{}",
        refused[0]
    );
    assert!(refused[0].contains("31 February 2019"), "{}", refused[0]);
    assert!(refused[1].contains(":7:10"), "{}", refused[1]);
    assert!(
        refused[1].contains("already used by the row on line 2"),
        "{}",
        refused[1]
    );
    assert!(
        loaded
            .notices
            .iter()
            .all(|p| matches!(p.kind, ProblemKind::RowRefused(_)))
    );
}

#[test]
fn a_humanitarian_portal_copy_with_hxl_hashtags_and_a_current_file_with_crlf() {
    let hdx = load("acled_hdx.csv");
    assert!(hdx.notices.is_empty(), "{:?}", hdx.notices);
    assert_eq!(
        hdx.dataset.events.len(),
        2,
        "the hashtag row is not an event"
    );
    assert_spans_are_cells(&hdx.dataset);
    assert!(hdx.dataset.documents[0].notes.contains("HXL"));
    assert_eq!(event(&hdx.dataset, "MLI3001").kind, EventKind::Deployment);

    let current = load("acled_current_crlf.csv");
    assert!(current.notices.is_empty(), "{:?}", current.notices);
    let dataset = &current.dataset;
    assert_spans_are_cells(dataset);
    assert!(dataset.documents[0].notes.contains("current"));
    // Actor types in words: the army is armed forces, the protesters a population.
    let kind_of = |name: &str| {
        dataset
            .actors
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.kind.clone())
            .unwrap()
    };
    assert_eq!(
        kind_of("Military Forces of Mali (2021-)"),
        actorscope::model::ActorKind::ArmedForces
    );
    assert_eq!(
        kind_of("Protesters (Mali)"),
        actorscope::model::ActorKind::Population
    );
    // No notes: the whole record is the evidence, without its line break.
    let protest = event(dataset, "MLI4002");
    let quote = dataset.quote(&protest.evidence[0]);
    assert!(quote.starts_with("MLI4002,2023-01-12"), "{quote}");
    assert!(quote.ends_with("1673600000"), "{quote:?}");
}

#[test]
fn a_table_in_no_known_format_is_refused_naming_each_format_tried() {
    let failure = io::load_path(&fixture("not_acled.csv")).unwrap_err();
    let message = failure.to_string();
    assert!(message.starts_with(&fixture("not_acled.csv").display().to_string()));
    assert!(
        message.contains("not ACLED CSV: no event_date column"),
        "{message}"
    );
    assert!(message.contains("not an Actorscope dataset"), "{message}");
    assert!(
        !message.contains("syntax error"),
        "never a RON parser message: {message}"
    );
}

#[test]
fn check_reports_counts_and_refused_rows_and_fails_only_then() {
    let clean = common::actorscope(&["check", "tests/fixtures/import/acled_hdx.csv"]);
    let out = common::stdout(&clean);
    assert_eq!(clean.status.code(), Some(0), "{out}");
    assert!(out.contains("2 events"), "{out}");
    assert!(out.contains("no problems"), "{out}");

    let refused = common::actorscope(&["check", "tests/fixtures/import/acled_2019_bom.csv"]);
    let out = common::stdout(&refused);
    assert_eq!(refused.status.code(), Some(1), "{out}");
    assert!(out.contains("3 events"), "{out}");
    assert!(out.contains("acled_2019_bom.csv:5:23"), "{out}");
    assert!(out.contains("2 problem(s)"), "{out}");
}

#[test]
fn import_writes_a_folder_that_opens_to_the_same_dataset_and_never_overwrites() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("mali");
    let dir = out.display().to_string();
    let run = common::actorscope(&[
        "import",
        "tests/fixtures/import/acled_2016_latin1.csv",
        "-o",
        &dir,
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(common::stdout(&run).contains("3 rows, 3 imported, 0 skipped"));
    // The original, byte for byte, beside a RON dataset that loads to the same events.
    let copy = std::fs::read(out.join("acled_2016_latin1.csv")).unwrap();
    assert_eq!(
        copy,
        std::fs::read(fixture("acled_2016_latin1.csv")).unwrap()
    );
    let reopened = io::load(&DatasetSource::File(out.join("dataset.ron"))).unwrap();
    let direct = load("acled_2016_latin1.csv");
    assert_eq!(reopened.dataset.counts(), direct.dataset.counts());
    for (a, b) in reopened.dataset.events.iter().zip(&direct.dataset.events) {
        assert_eq!(a.key, b.key);
        assert_eq!(a.evidence, b.evidence);
        assert_eq!(a.when, b.when);
    }
    // The RON keeps each quote's offset, so reopening checks spans instead of searching.
    let ron = std::fs::read_to_string(out.join("dataset.ron")).unwrap();
    assert!(ron.contains("at: Some("), "offsets are written");
    assert!(ron.contains("encoding: Some(\"windows-1252\")"));

    // A second import into the same folder is refused and changes nothing.
    let again = common::actorscope(&[
        "import",
        "tests/fixtures/import/acled_2016_latin1.csv",
        "-o",
        &dir,
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(out.join("dataset.ron")).unwrap(),
        ron
    );

    // An explicit format that does not fit says why.
    let wrong = common::actorscope(&[
        "import",
        "tests/fixtures/import/not_acled.csv",
        "--format",
        "acled",
        "-o",
        &folder.path().join("x").display().to_string(),
    ]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("not ACLED: no event_date column"));
}

/// File → `item`, then the in-app dialog titled `title`: the fixture's path typed into its
/// File name, and Open — as a person does it.
fn open_through_the_menu(
    harness: &mut Harness<'_, ActorscopeApp>,
    item: &str,
    title: &str,
    name: &str,
) {
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label(item).click();
    harness.run_steps(4);
    assert_eq!(harness.state().file_dialog_open(), Some(title));
    let path = fixture(name).display().to_string();
    harness.get_by_label("File name").click();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("File name").type_text(&path);
    harness.run_steps(1);
    assert_eq!(
        harness.get_by_label("File name").value().as_deref(),
        Some(path.as_str())
    );
    harness.get_by_label("Open").click();
}

#[test]
fn the_window_opens_an_acled_file_through_the_dialog_and_shows_an_events_notes() {
    let mut harness = common::harness();
    open_through_the_menu(
        &mut harness,
        "Open dataset…",
        "Open dataset",
        "acled_2019_bom.csv",
    );
    common::wait_for_load(&mut harness);
    let dataset = common::dataset(&harness);
    assert_eq!(dataset.events.len(), 3);
    // The refused rows are said, not dropped silently.
    let status = harness
        .state()
        .status()
        .map(|(s, _)| s.to_owned())
        .unwrap_or_default();
    assert!(
        status.contains("2 row(s) could not be imported"),
        "{status}"
    );
    assert!(
        harness
            .query_all_by_label_contains("2 row(s) not imported")
            .count()
            >= 1
    );
    assert!(
        harness
            .query_all_by_label_contains("31 February 2019")
            .count()
            >= 1
    );

    // Click the Ogossagou attack on the timeline; the inspector reads its ACLED notes.
    let id = dataset.event_by_key("MLI2002").unwrap();
    let label = actorscope::views::timeline::marker_label(&dataset, id);
    harness.get_by_label(&label).click();
    harness.run_steps(3);
    assert_eq!(
        common::selected(&harness),
        actorscope::views::Selection::Event(id)
    );
    assert!(
        harness
            .query_all_by_label_contains("Dozo militiamen attacked Ogossagou.")
            .count()
            >= 1
    );
    assert!(
        harness
            .query_all_by_label_contains("source: Human Rights Watch")
            .count()
            >= 1
    );
    // The record, field by field, as the file has it.
    harness.get_by_label("The record in its file");
    harness.get_by_label("Ogossagou");
    harness.get_by_label("Fulani Ethnic Group (Mali); Farmers (Mali)");
}

/// A file as the window system hands it over when it is dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn an_acled_file_dropped_on_the_window_opens_and_a_bad_one_says_why() {
    let mut harness = common::harness();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(fixture("acled_hdx.csv"))));
    common::wait_for_load(&mut harness);
    let dataset = common::dataset(&harness);
    assert_eq!(dataset.events.len(), 2);
    assert!(dataset.event_by_key("MLI3002").is_some());

    // A table in no known format: the dataset stays, and the window says why.
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(fixture("not_acled.csv"))));
    common::wait_for_load(&mut harness);
    assert_eq!(
        common::dataset(&harness).events.len(),
        2,
        "the open dataset stays"
    );
    let (status, failed) = harness.state().status().unwrap();
    assert!(failed, "{status}");
    assert!(status.contains("not_acled.csv did not load"), "{status}");
    assert!(
        harness
            .query_all_by_label_contains("not ACLED CSV: no event_date column")
            .count()
            >= 1
    );
}

#[test]
fn an_imported_windows_1252_file_saves_as_a_dataset_that_reads_back_the_same() {
    let direct = load("acled_2016_latin1.csv");
    let quotes = |d: &Dataset| -> Vec<String> {
        d.events
            .iter()
            .map(|e| d.quote(&e.evidence[0]).to_owned())
            .collect()
    };
    // Into a new folder: the text is written as UTF-8, and the dataset no longer claims
    // Windows-1252.
    let folder = tempfile::tempdir().unwrap();
    let saved = io::save::save_dataset(folder.path(), &direct.dataset).unwrap();
    let copy = std::fs::read(folder.path().join("acled_2016_latin1.csv")).unwrap();
    assert!(std::str::from_utf8(&copy).is_ok());
    let again = io::load_path(&saved).unwrap();
    assert_eq!(quotes(&again.dataset), quotes(&direct.dataset));
    assert_eq!(again.dataset.documents[0].encoding, None);
    // An imported document's quotes are saved by offset (never searched for again) …
    let ron = std::fs::read_to_string(&saved).unwrap();
    assert!(ron.contains("at: Some("), "{ron}");
    // … a curated article's by their words alone, so the file stays hand-editable.
    let curated = io::load_embedded().unwrap();
    let curated_folder = tempfile::tempdir().unwrap();
    let saved_curated = io::save::save_dataset(curated_folder.path(), &curated.dataset).unwrap();
    let curated_ron = std::fs::read_to_string(&saved_curated).unwrap();
    assert!(!curated_ron.contains("at: Some("));
    assert_eq!(
        io::load_path(&saved_curated).unwrap().dataset.counts(),
        curated.dataset.counts()
    );
    // Beside the original: its bytes are left alone and keep their encoding.
    let beside = tempfile::tempdir().unwrap();
    let original = beside.path().join("acled_2016_latin1.csv");
    std::fs::copy(fixture("acled_2016_latin1.csv"), &original).unwrap();
    let saved = io::save::save_dataset(beside.path(), &direct.dataset).unwrap();
    assert_eq!(
        std::fs::read(&original).unwrap(),
        std::fs::read(fixture("acled_2016_latin1.csv")).unwrap()
    );
    let again = io::load_path(&saved).unwrap();
    assert_eq!(quotes(&again.dataset), quotes(&direct.dataset));
    assert_eq!(
        again.dataset.documents[0].encoding.as_deref(),
        Some("windows-1252")
    );
}

#[test]
fn a_ucdp_ged_file_keeps_headlines_as_evidence_dates_as_ranges_and_deaths_as_estimates() {
    let loaded = load("ucdp_ged.csv");
    let dataset = &loaded.dataset;
    assert_eq!(dataset.events.len(), 3);
    let text = dataset.documents[0].text.clone();
    // The headline cell, verbatim (a comma inside quotes, then a quoted newline).
    let boulkessi = event(dataset, "ged-300001");
    let headline = cell_span(&text, "300001", "source_headline");
    assert_eq!(boulkessi.evidence[0].span, headline);
    assert!(
        dataset
            .quote(&boulkessi.evidence[0])
            .contains("\"\"several assailants")
    );
    let militias = event(dataset, "ged-300003");
    assert_eq!(
        dataset.quote(&militias.evidence[0]),
        "Clashes between militias in central Mali,\nseveral dead"
    );
    // No headline: the source_article cell.
    let villagers = event(dataset, "ged-300002");
    assert_eq!(
        villagers.evidence[0].span,
        cell_span(&text, "300002", "source_article")
    );
    // date_start..date_end, as the record gives them.
    assert_eq!(villagers.when.iso(), "2020-01-06/2020-01-12");
    assert_eq!(boulkessi.when.iso(), "2019-09-30");
    // One-sided violence: the armed group is the initiator, a directed hostility.
    assert_eq!(villagers.kind, EventKind::Atrocity);
    assert_eq!(villagers.participants[0].1, Role::Initiator);
    let jnim = dataset
        .actors
        .iter()
        .position(|a| a.name == "JNIM")
        .unwrap();
    assert!(dataset.relations.iter().any(|r| {
        r.directed && r.source.index() == jnim && dataset.actor(r.target).name == "Civilians"
    }));
    assert_eq!(
        dataset
            .actors
            .iter()
            .find(|a| a.name == "Government of Mali")
            .unwrap()
            .kind,
        actorscope::model::ActorKind::Government
    );
    assert!(
        boulkessi.summary.contains("deaths: 40 (low 38, high 45)"),
        "{}",
        boulkessi.summary
    );
    assert!(
        boulkessi
            .summary
            .contains("source: Malian army; local sources")
    );
    assert!(
        dataset.documents[0]
            .notes
            .contains("UCDP Georeferenced Event Dataset")
    );
    // The row whose end comes before its start is refused, at its date_end cell.
    assert_eq!(loaded.notices.len(), 1);
    let notice = loaded.notices[0].to_string();
    assert!(notice.contains("ucdp_ged.csv:6:"), "{notice}");
    assert!(notice.contains("date_end"), "{notice}");
}

#[test]
fn a_large_import_shows_its_progress_and_cancel_leaves_the_open_dataset() {
    // Big enough to take seconds in a debug build.
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("large.csv");
    std::fs::write(&path, actorscope::synth::acled_csv(150_000, 500, 1)).unwrap();
    let mut harness = common::harness();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    harness.run_steps(2);
    assert!(harness.state().is_loading());
    // The bar appears once the load has taken a moment, with how far it has come.
    let mut seen = false;
    for _ in 0..200 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run_steps(1);
        if harness.query_all_by_label_contains("rows/s").count() > 0
            || harness.query_all_by_label_contains("Reading").count() > 0
        {
            seen = true;
            break;
        }
    }
    assert!(seen, "a progress bar while reading");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(!harness.state().is_loading());
    let (status, _) = harness.state().status().unwrap();
    assert!(status.starts_with("Cancelled:"), "{status}");
    assert!(status.contains("the open dataset stays"), "{status}");
    assert_eq!(
        common::dataset(&harness).events.len(),
        50,
        "the curated dataset stays"
    );
}

#[test]
fn a_timelinejs_sheet_groups_become_actors_and_text_inside_its_tags_is_the_evidence() {
    let loaded = load("timelinejs_sheet.csv");
    let dataset = &loaded.dataset;
    // Four entries: the title slide names the timeline, the era is not an event, and the
    // impossible date is refused at its Year cell.
    assert_eq!(dataset.events.len(), 4);
    assert_eq!(loaded.notices.len(), 1);
    assert!(
        loaded.notices[0]
            .to_string()
            .contains("timelinejs_sheet.csv:9:1")
    );
    let by_title = |t: &str| dataset.events.iter().find(|e| e.title == t).unwrap();
    let coup = by_title("Coup in Bamako");
    assert_eq!(coup.when.iso(), "2020-08-18");
    assert_eq!(
        dataset.quote(&coup.evidence[0]),
        "Soldiers detain President Keïta; he resigns that night."
    );
    assert_eq!(dataset.actor(coup.participants[0].0).name, "Mali");
    // Inner tags stay in the verbatim quote; the summary is plain text.
    let instructors = by_title("Russian instructors arrive");
    assert_eq!(instructors.when.iso(), "2021-12");
    assert_eq!(
        dataset.quote(&instructors.evidence[0]),
        "Officials speak of <b>instructors</b>, not mercenaries."
    );
    assert_eq!(
        instructors.summary,
        "Officials speak of instructors, not mercenaries."
    );
    // No text: the headline is the evidence; a year alone is the year.
    let barkhane = by_title("Operation Barkhane leaves Mali");
    assert_eq!(barkhane.when.iso(), "2022");
    assert_eq!(
        dataset.quote(&barkhane.evidence[0]),
        "Operation Barkhane leaves Mali"
    );
    // No group: the timeline itself, named by its title slide; a span with its end.
    let withdrawal = by_title("Withdrawal announced, completed in August");
    assert_eq!(
        dataset.actor(withdrawal.participants[0].0).name,
        "Mali and its partners, 2020–2023"
    );
    assert_eq!(withdrawal.when.iso(), "2022-02-17/2022-08-15");
    assert!(
        dataset
            .quote(&withdrawal.evidence[0])
            .contains("\"\"in coordination\"\"")
    );
    assert!(
        dataset.documents[0]
            .notes
            .contains("1 era(s) not taken as events")
    );
}

#[test]
fn a_timelinejs_json_keeps_its_ids_and_escaped_text_as_written() {
    let loaded = load("timelinejs.json");
    let dataset = &loaded.dataset;
    assert_eq!(dataset.events.len(), 2);
    let lavrov = event(dataset, "lavrov-unga");
    assert_eq!(lavrov.when.iso(), "2021-09-25");
    // The quote is the file's own text (JSON escapes as written), inside the <p> tags.
    assert_eq!(
        dataset.quote(&lavrov.evidence[0]),
        "Lavrov says Mali turned to a \\u201cprivate military company\\u201d."
    );
    assert_eq!(
        lavrov.summary,
        "Lavrov says Mali turned to a \u{201c}private military company\u{201d}."
    );
    let deployment = event(dataset, "event-2");
    assert_eq!(deployment.when.iso(), "2021-12/2022-01");
    assert_eq!(
        dataset.quote(&deployment.evidence[0]),
        "Deployment reported"
    );
    assert_eq!(
        dataset.actor(deployment.participants[0].0).name,
        "Wagner Group"
    );
    let refused = loaded.notices[0].to_string();
    assert!(
        refused.contains("bad-month") && refused.contains("2022-13"),
        "{refused}"
    );
    // A JSON file that is neither TimelineJS nor ours says both.
    let folder = tempfile::tempdir().unwrap();
    let other = folder.path().join("other.json");
    std::fs::write(&other, "{\"rows\": []}").unwrap();
    let message = io::load_path(&other).unwrap_err().to_string();
    assert!(
        message.contains("not TimelineJS JSON: no \"events\" array"),
        "{message}"
    );
    assert!(
        message.contains("not Actorscope's interchange JSON"),
        "{message}"
    );
    std::fs::write(&other, "{\"rows\": [1, 2,]}").unwrap();
    let message = io::load_path(&other).unwrap_err().to_string();
    assert!(
        message.contains("other.json:1:16: not a file Actorscope reads: not JSON"),
        "{message}"
    );
}

#[test]
fn followthemoney_events_name_their_entities_as_actors_and_keep_their_summaries() {
    let loaded = load("ftm_entities.json");
    let dataset = &loaded.dataset;
    assert_eq!(dataset.events.len(), 2);
    let meeting = event(dataset, "ev-1");
    assert_eq!(meeting.title, "Meeting in Bamako");
    assert_eq!(meeting.when.iso(), "2021-09-14");
    assert_eq!(
        dataset.quote(&meeting.evidence[0]),
        "Officials of the junta met representatives of the company to discuss \u{201c}security cooperation\u{201d}."
    );
    // The organiser initiates; the involved take part; each by its name and schema.
    let people: Vec<(&str, Role)> = meeting
        .participants
        .iter()
        .map(|(a, r)| (dataset.actor(*a).name.as_str(), r.clone()))
        .collect();
    assert_eq!(
        people,
        [
            ("Transitional Government of Mali", Role::Initiator),
            ("Wagner Group", Role::Participant),
            ("An intermediary", Role::Participant)
        ]
    );
    let kind = |name: &str| {
        dataset
            .actors
            .iter()
            .find(|a| a.name == name)
            .unwrap()
            .kind
            .clone()
    };
    assert_eq!(
        kind("An intermediary"),
        actorscope::model::ActorKind::Person
    );
    assert_eq!(
        kind("Transitional Government of Mali"),
        actorscope::model::ActorKind::Government
    );
    assert!(
        meeting
            .summary
            .contains("source: https://example.org/report-1")
    );
    // No summary: the name is the evidence; a month to a month.
    let contract = event(dataset, "ev-2");
    assert_eq!(dataset.quote(&contract.evidence[0]), "Contract reported");
    assert_eq!(contract.when.iso(), "2021-12/2022-01");
    // An event naming an entity that is not in the file, and a broken line: reported in
    // the file's order, nothing made up.
    let notices: Vec<String> = loaded.notices.iter().map(ToString::to_string).collect();
    assert_eq!(notices.len(), 3, "{notices:#?}");
    assert!(
        notices[0].contains(":6:1:") && notices[0].contains("ghost-entity"),
        "{}",
        notices[0]
    );
    assert!(
        notices[1].contains(":9:1:") && notices[1].contains("the Ownership names entities"),
        "{}",
        notices[1]
    );
    assert!(
        notices[2].contains(":10:") && notices[2].contains("not JSON"),
        "{}",
        notices[2]
    );
    // A membership is a relation backed by its own words (its role), member to organisation.
    assert_eq!(dataset.relations.len(), 1);
    let membership = &dataset.relations[0];
    assert_eq!(membership.kind, actorscope::model::RelationKind::Membership);
    assert_eq!(dataset.actor(membership.source).name, "An intermediary");
    assert_eq!(dataset.actor(membership.target).name, "Wagner Group");
    assert_eq!(
        dataset.quote(&membership.evidence[0]),
        "intermediary for the company"
    );
    assert!(
        dataset.documents[0]
            .notes
            .contains("1 entities of other schemas are not read")
    );
}

#[test]
fn gdelt_rows_of_both_generations_are_events_with_cameo_labels_and_the_row_as_evidence() {
    let loaded = load("gdelt2.export.CSV");
    let dataset = &loaded.dataset;
    assert_eq!(dataset.events.len(), 3);
    let moura = event(dataset, "gdelt-1012345601");
    assert_eq!(moura.title, "Fight: MALI (MLIMIL) → MALI (MLICVL)");
    assert_eq!(moura.kind, EventKind::MilitaryOperation);
    assert_eq!(moura.when.iso(), "2022-03-27");
    assert_eq!(moura.place.as_deref(), Some("Moura, Mopti, Mali"));
    assert!(
        moura.summary.contains("CAMEO 193 (Fight)"),
        "{}",
        moura.summary
    );
    assert!(moura.summary.contains("Goldstein -10"));
    assert!(moura.summary.contains("source: https://example.org/moura"));
    // The whole row, tabs and all, is the evidence: GDELT keeps no narrative.
    let quote = dataset.quote(&moura.evidence[0]);
    assert!(
        quote.starts_with("1012345601\t20220327\t") && quote.ends_with("https://example.org/moura")
    );
    // The army and the civilians of one country stay two actors; the army fights them: a
    // directed hostility (quad class 4).
    let kind = |name: &str| {
        dataset
            .actors
            .iter()
            .find(|a| a.name == name)
            .unwrap()
            .kind
            .clone()
    };
    assert_eq!(
        kind("MALI (MLIMIL)"),
        actorscope::model::ActorKind::ArmedForces
    );
    assert_eq!(
        kind("MALI (MLICVL)"),
        actorscope::model::ActorKind::Population
    );
    assert_eq!(kind("RUSSIA"), actorscope::model::ActorKind::State);
    assert!(
        dataset
            .relations
            .iter()
            .any(|r| r.kind == actorscope::model::RelationKind::Hostility
                && dataset.actor(r.source).name == "MALI (MLIMIL)")
    );
    // Only Actor2 named: the target alone.
    let appeal = event(dataset, "gdelt-1012345604");
    assert_eq!(appeal.participants.len(), 1);
    assert_eq!(appeal.participants[0].1, Role::Target);
    // An impossible date, at its cell.
    assert!(
        loaded.notices[0]
            .to_string()
            .contains("gdelt2.export.CSV:3:12")
    );
    assert!(dataset.documents[0].notes.contains("GDELT 2.0"));

    let older = load("gdelt1.export.tsv");
    assert!(older.notices.is_empty());
    assert_eq!(older.dataset.events.len(), 2);
    let gao = event(&older.dataset, "gdelt-255000001");
    assert_eq!(gao.place.as_deref(), Some("Gao, Gao, Mali"));
    assert!(gao.summary.contains("source: http://example.org/gao"));
    assert!(older.dataset.documents[0].notes.contains("GDELT 1.0"));
}

#[test]
fn acled_api_json_keeps_the_notes_as_written_in_the_file() {
    let loaded = load("acled_api.json");
    let dataset = &loaded.dataset;
    assert_eq!(dataset.events.len(), 2);
    let boni = event(dataset, "MLI5001");
    // The notes value exactly as the file has it: JSON escapes included.
    assert_eq!(
        dataset.quote(&boni.evidence[0]),
        "On 2 May 2023, Wagner fighters clashed with JNIM near Boni. \\\"Several\\\" were killed, sources said.\\nFigures vary."
    );
    assert_eq!(boni.kind, EventKind::Violence);
    assert!(boni.summary.contains("fatalities: 8"));
    // Empty notes: the whole record (the object) is the evidence; precision 3 the month.
    let agreement = event(dataset, "MLI5003");
    let quote = dataset.quote(&agreement.evidence[0]);
    assert!(quote.starts_with('{') && quote.ends_with('}') && quote.contains("MLI5003"));
    assert_eq!(agreement.when.iso(), "2023-05");
    let refused = loaded.notices[0].to_string();
    assert!(
        refused.contains("MLI5002") && refused.contains("2023-05-40"),
        "{refused}"
    );
    assert!(dataset.documents[0].notes.contains("ACLED API JSON"));
}

#[test]
fn saving_an_opened_import_asks_where_and_never_writes_over_the_analysts_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("mali.csv");
    std::fs::copy(fixture("acled_hdx.csv"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut harness = common::harness();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    common::wait_for_load(&mut harness);
    assert_eq!(common::dataset(&harness).events.len(), 2);
    harness
        .state_mut()
        .send(actorscope::views::Command::SaveDataset);
    harness.run_steps(3);
    assert_eq!(harness.state().file_dialog_open(), Some("Save dataset as"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the export is untouched"
    );
}

fn wait_for_preview(harness: &mut Harness<'_, ActorscopeApp>) {
    for _ in 0..500 {
        harness.run_steps(1);
        if harness.query_by_label("Open as its own dataset").is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the preview opened");
}

#[test]
fn file_import_previews_then_adds_to_the_curated_dataset_matching_actors_in_one_undo_step() {
    let mut harness = common::harness();
    let curated = common::dataset(&harness);
    open_through_the_menu(
        &mut harness,
        "Import…",
        "Import events",
        "acled_current_crlf.csv",
    );
    wait_for_preview(&mut harness);
    // What the file gives, before anything changes: format, counts, first events, matches.
    assert!(
        harness
            .query_all_by_label_contains("ACLED CSV · 2 rows read · 2 events")
            .count()
            >= 1
    );
    assert!(
        harness
            .query_all_by_label_contains("The army said its aircraft struck a JNIM camp")
            .count()
            >= 1
    );
    assert_eq!(
        common::dataset(&harness).events.len(),
        50,
        "nothing changed yet"
    );
    harness.get_by_label("“Wagner Group” is “Wagner Group”");
    harness.get_by_label("Add to the current dataset").click();
    harness.run_steps(3);
    let merged = common::dataset(&harness);
    assert_eq!(merged.events.len(), 52);
    assert_eq!(merged.documents.len(), curated.documents.len() + 1);
    // ACLED's Wagner Group is the curated one: no second actor of that name, and the
    // imported air strike is among its events.
    assert_eq!(
        merged
            .actors
            .iter()
            .filter(|a| a.name == "Wagner Group")
            .count(),
        1
    );
    let strike = merged.event_by_key("MLI4001").unwrap();
    let wagner = merged
        .actors
        .iter()
        .position(|a| a.name == "Wagner Group")
        .unwrap();
    assert!(merged.index.events_by_actor[wagner].contains(&strike));
    assert!(
        harness.state().title().contains("dataset edited"),
        "{}",
        harness.state().title()
    );
    // One step to undo.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(common::dataset(&harness).events.len(), 50);
}

#[test]
fn merging_keeps_apart_what_the_analyst_unticks_and_ids_never_clash() {
    let curated = io::load_embedded().unwrap();
    let text = std::fs::read(fixture("acled_current_crlf.csv")).unwrap();
    let imported = io::import::import("x.csv", "x.csv", &text, None).unwrap();
    let matches = actorscope::app::import::suggest_matches(&curated.dataset, &imported);
    assert_eq!(matches.len(), 1, "Wagner Group, by its name");
    // Unticked: a second "Wagner Group" actor, under an id of its own.
    let apart = actorscope::app::import::merge(
        &curated.dataset,
        &imported,
        "x.csv",
        &std::collections::HashMap::new(),
    )
    .unwrap();
    assert_eq!(
        apart
            .actors
            .iter()
            .filter(|a| a.name == "Wagner Group")
            .count(),
        2
    );
    // Importing the same file twice: new ids, a second document, everything still valid.
    let again =
        actorscope::app::import::merge(&apart, &imported, "x.csv", &Default::default()).unwrap();
    assert_eq!(again.events.len(), 54);
    assert!(again.event_by_key("MLI4001 (2)").is_some());
    assert_eq!(again.documents.len(), curated.dataset.documents.len() + 2);
}

#[test]
fn any_other_table_reads_through_a_column_mapping_from_the_command_line() {
    let mapping = "tests/fixtures/import/newsroom_log.mapping.ron";
    let table = "tests/fixtures/import/newsroom_log.csv";
    let run = common::actorscope(&["check", table, "--mapping", mapping]);
    let out = common::stdout(&run);
    assert_eq!(run.status.code(), Some(1), "one row is refused: {out}");
    assert!(out.contains("2 events"), "{out}");
    assert!(
        out.contains("newsroom_log.csv:4:1") && out.contains("31/02/2022"),
        "{out}"
    );

    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().join("log");
    let run = common::actorscope(&[
        "import",
        table,
        "--mapping",
        mapping,
        "-o",
        &dir.display().to_string(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "written, with the refused row said"
    );
    assert!(common::stdout(&run).contains("3 rows, 2 imported, 1 skipped"));
    let loaded = io::load_path(&dir.join("dataset.ron")).unwrap();
    let dataset = &loaded.dataset;
    let attack = event(dataset, "row-2");
    assert_eq!(attack.when.iso(), "2022-01-05");
    assert_eq!(attack.kind, EventKind::Violence);
    assert_eq!(attack.place.as_deref(), Some("Diallassagou"));
    assert_eq!(
        dataset.quote(&attack.evidence[0]),
        "Gunmen on motorbikes attacked the village; residents fled to Bankass."
    );
    assert_eq!(attack.participants[0].1, Role::Initiator);
    assert_eq!(
        dataset.actor(attack.participants[1].0).name,
        "Villagers of Diallassagou"
    );
    assert!(
        attack.summary.contains("at 13.94, -3.78")
            && attack.summary.contains("source: Local radio")
    );
    assert!(
        dataset
            .relations
            .iter()
            .any(|r| r.directed && r.kind == actorscope::model::RelationKind::Hostility)
    );
    assert_eq!(event(dataset, "row-3").kind, EventKind::Withdrawal);

    // A mapping that names a column the file lacks, and one that is not RON: each says where.
    let bad = folder.path().join("bad.ron");
    std::fs::write(&bad, "Mapping(date: \"When\", actors: [\"Who\"])").unwrap();
    let run = common::actorscope(&["check", table, "--mapping", &bad.display().to_string()]);
    assert!(
        common::stdout(&run).contains("the mapping names a column \"When\" the file does not have")
    );
    std::fs::write(&bad, "Mapping(\n  date: \"Date\",\n  actorz: [],\n)").unwrap();
    let run = common::actorscope(&["check", table, "--mapping", &bad.display().to_string()]);
    let out = common::stdout(&run);
    assert!(out.contains("bad.ron:3:"), "{out}");
    assert_eq!(run.status.code(), Some(1));
}

#[test]
fn an_import_added_to_the_curated_dataset_saves_and_reads_back_with_its_document() {
    let curated = io::load_embedded().unwrap();
    let bytes = std::fs::read(fixture("acled_2016_latin1.csv")).unwrap();
    let imported = io::import::import("a.csv", "a.csv", &bytes, None).unwrap();
    let matches = actorscope::app::import::suggest_matches(&curated.dataset, &imported);
    let confirmed = matches.iter().map(|&(i, a, _)| (i, a)).collect();
    let merged =
        actorscope::app::import::merge(&curated.dataset, &imported, "a.csv", &confirmed).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let saved = io::save::save_dataset(folder.path(), &merged).unwrap();
    // The imported file's text is saved beside the curated ones, under imports/.
    assert!(folder.path().join("imports/a.csv").is_file());
    let again = io::load_path(&saved).unwrap();
    assert_eq!(again.dataset.counts(), merged.counts());
    let quotes = |d: &Dataset| -> Vec<String> {
        d.events
            .iter()
            .map(|e| d.quote(&e.evidence[0]).to_owned())
            .collect()
    };
    assert_eq!(quotes(&again.dataset), quotes(&merged));
    assert!(quotes(&again.dataset).iter().any(|q| q.contains("Ménaka")));
}

#[test]
fn each_imported_event_shows_its_record_field_by_field_with_its_words_marked() {
    use actorscope::query::record::fields;
    let field = |dataset: &Dataset, key: &str, name: &str| {
        let found = fields(dataset, dataset.event_by_key(key).unwrap()).unwrap();
        found
            .into_iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    // A CSV row under its header (as written: upper case in 2016), the notes marked.
    let old = load("acled_2016_latin1.csv");
    let notes = field(&old.dataset, "MLI1001", "NOTES");
    assert!(notes.words && notes.value.contains("Ménaka"));
    assert_eq!(field(&old.dataset, "MLI1001", "FATALITIES").value, "4");
    assert!(!field(&old.dataset, "MLI1001", "FATALITIES").words);
    let bom = load("acled_2019_bom.csv");
    let notes = field(&bom.dataset, "MLI2001", "notes");
    assert!(
        notes.value.contains("\"killing several soldiers\""),
        "{}",
        notes.value
    );
    // No header (GDELT): numbered columns; the whole row is the words, no one field.
    let gdelt = load("gdelt2.export.CSV");
    let url = field(&gdelt.dataset, "gdelt-1012345601", "column 61");
    assert_eq!(url.value, "https://example.org/moura");
    let id = gdelt.dataset.event_by_key("gdelt-1012345601").unwrap();
    // The outlet each record names, as the evidence card says it.
    use actorscope::query::record::outlet;
    assert_eq!(
        outlet(&gdelt.dataset, id).as_deref(),
        Some("https://example.org/moura")
    );
    let mli = bom.dataset.event_by_key("MLI2001").unwrap();
    let source = field(&bom.dataset, "MLI2001", "source").value;
    assert!(!source.is_empty());
    assert_eq!(outlet(&bom.dataset, mli), Some(source));
    assert!(fields(&gdelt.dataset, id).unwrap().iter().all(|f| !f.words));
    // JSON objects: members by their path, lists joined.
    let ftm = load("ftm_entities.json");
    assert!(field(&ftm.dataset, "ev-1", "properties.summary").words);
    assert_eq!(
        field(&ftm.dataset, "ev-1", "properties.involved").value,
        "co-wagner; pers-1"
    );
    let tl = load("timelinejs.json");
    assert!(field(&tl.dataset, "lavrov-unga", "text.text").words);
    assert_eq!(
        field(&tl.dataset, "lavrov-unga", "start_date.year").value,
        "2021"
    );
}

#[test]
fn a_record_span_that_does_not_hold_its_evidence_is_refused_on_load() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().join("d");
    let run = common::actorscope(&[
        "import",
        "tests/fixtures/import/acled_hdx.csv",
        "-o",
        &dir.display().to_string(),
    ]);
    assert_eq!(run.status.code(), Some(0));
    let path = dir.join("dataset.ron");
    let ron = std::fs::read_to_string(&path).unwrap();
    assert!(
        ron.contains("record: Some(("),
        "records are kept in the dataset file"
    );
    let reopened = io::load_path(&path).unwrap();
    assert!(reopened.dataset.events.iter().all(|e| e.record.is_some()));
    // Shrink the first record to nothing: loading says so, at the event.
    let start = ron.find("record: Some((").unwrap() + "record: Some((".len();
    let end = start + ron[start..].find("))").unwrap();
    let broken = format!("{}0, 1{}", &ron[..start], &ron[end..]);
    std::fs::write(&path, broken).unwrap();
    let message = io::load_path(&path).unwrap_err().to_string();
    assert!(
        message.contains("its record, bytes 0..1, is not a passage"),
        "{message}"
    );
}
