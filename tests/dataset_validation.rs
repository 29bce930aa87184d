//! Every kind of dataset problem is reported with the file, the line:column and the id, and all
//! problems are reported together, not just the first.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::path::{Path, PathBuf};

use actorscope::io::load_path;
use actorscope::model::Problem;

const FIXTURE: &str = include_str!("fixtures/mini/dataset.ron");

/// Writes `dataset` (with the fixture's sources) into a fresh folder and loads it.
fn load_text(dataset: &str) -> (tempfile::TempDir, Result<(), Vec<Problem>>) {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    let fixture_sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/sources");
    for entry in std::fs::read_dir(fixture_sources).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), sources.join(entry.file_name())).unwrap();
    }
    let path = dir.path().join("dataset.ron");
    std::fs::write(&path, dataset).unwrap();
    let result = load_path(&path).map(|_| ()).map_err(|f| f.problems);
    (dir, result)
}

/// Applies `from → to` to the fixture (which must contain `from`) and returns the problems.
fn problems_after(edits: &[(&str, &str)]) -> (PathBuf, Vec<Problem>, String) {
    let mut text = FIXTURE.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "fixture lacks {from:?}");
        text = text.replacen(from, to, 1);
    }
    let (dir, result) = load_text(&text);
    let problems = result.expect_err("the edited dataset must have problems");
    (dir.path().to_path_buf(), problems, text)
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    text[..at].matches('\n').count() + 1
}

fn single(problems: &[Problem]) -> &Problem {
    assert_eq!(problems.len(), 1, "expected one problem, got {problems:#?}");
    &problems[0]
}

#[test]
fn the_fixture_is_clean() {
    let (_dir, result) = load_text(FIXTURE);
    result.unwrap();
}

#[test]
fn syntax_errors_give_line_and_column() {
    let (_dir, problems, text) = problems_after(&[("kind: Visit,", "kind: Visit,,")]);
    let problem = single(&problems);
    let message = problem.to_string();
    assert!(message.contains("syntax error"), "{message}");
    let location = problem.location.expect("a location");
    assert_eq!(location.line, line_of(&text, "kind: Visit,,"));
    assert!(message.contains("dataset.ron:"), "{message}");
}

#[test]
fn an_unknown_kind_is_a_syntax_error_at_its_place() {
    let (_dir, problems, text) = problems_after(&[("kind: Visit,", "kind: Vizit,")]);
    let problem = single(&problems);
    assert_eq!(problem.location.unwrap().line, line_of(&text, "Vizit"));
    assert!(problem.to_string().contains("Vizit"), "{problem}");
}

#[test]
fn duplicate_ids_name_both_places() {
    let (_dir, problems, text) = problems_after(&[("id: \"france\"", "id: \"mali\"")]);
    let problem = single(&problems);
    let message = problem.to_string();
    assert!(message.contains("duplicate id \"mali\""), "{message}");
    let first = line_of(&text, "id: \"mali\"");
    assert!(message.contains(&format!("at {first}:")), "{message}");
    // The problem sits at the second declaration.
    assert!(problem.location.unwrap().line > first);
}

#[test]
fn dangling_references_name_the_missing_id_and_where() {
    let (_dir, problems, text) = problems_after(&[
        (
            "Participant(actor: \"goita\"",
            "Participant(actor: \"goïta\"",
        ),
        ("source: \"mali\"", "source: \"malli\""),
        (
            "events: [\"2021-09-25-lavrov-at-unga\"]",
            "events: [\"2099-nothing\"]",
        ),
        ("parent: Some(\"russia\")", "parent: Some(\"rusia\")"),
    ]);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    for (missing, item) in [
        ("goïta", "event \"2023-02-lavrov-visits-mali\""),
        ("malli", "relation \"mali-wagner-request\""),
        ("2099-nothing", "claim \"russian-state-and-wagner\""),
        ("rusia", "actor \"lavrov\""),
    ] {
        let problem = problems
            .iter()
            .find(|p| p.to_string().contains(&format!("{missing:?}")))
            .unwrap_or_else(|| panic!("no problem names {missing}: {problems:#?}"));
        assert_eq!(problem.item, item);
        assert!(problem.to_string().contains("does not exist"));
        assert_eq!(
            problem.location.unwrap().line,
            line_of(&text, &format!("\"{missing}\"")),
            "{problem}"
        );
    }
}

#[test]
fn a_quote_not_in_its_document_is_shown_with_the_document() {
    let (_dir, problems, text) =
        problems_after(&[("komt vandaag aan in Mali.", "komt morgen aan in Mali.")]);
    let problem = single(&problems);
    let message = problem.to_string();
    assert!(
        message.contains("not in document \"nl-lavrov-visit\""),
        "{message}"
    );
    assert!(message.contains("komt morgen aan in Mali."), "{message}");
    assert_eq!(problem.item, "event \"2023-02-lavrov-visits-mali\"");
    assert_eq!(
        problem.location.unwrap().line,
        line_of(&text, "komt morgen")
    );
}

#[test]
fn a_quote_in_site_chrome_is_refused() {
    let (_dir, problems, _) = problems_after(&[(
        "quote: \"the Malian authorities have not been able to cope with the terrorist threat and have had to turn to a private Russian military company.\"",
        "quote: \"Leave a Reply\"",
    )]);
    let message = single(&problems).to_string();
    assert!(message.contains("site chrome"), "{message}");
    assert!(message.contains("Leave a Reply"), "{message}");
}

#[test]
fn a_missing_occurrence_is_reported() {
    let (_dir, problems, _) = problems_after(&[(
        "quote: \"the authorities of Mali",
        "occurrence: Some(2), quote: \"the authorities of Mali",
    )]);
    let message = single(&problems).to_string();
    assert!(message.contains("occurs 1 time(s)"), "{message}");
}

#[test]
fn impossible_dates_and_reversed_spans() {
    let (_dir, problems, text) = problems_after(&[
        ("date: \"2021-10\",", "date: \"2021-13\","),
        (
            "date: \"2021-09\",",
            "date: \"2021-09\", end: Some(\"2021-08-31\"),",
        ),
        ("published: \"2023-02\"", "published: \"2023-02-30\""),
    ]);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let find = |needle: &str| {
        all.iter()
            .zip(&problems)
            .find(|(m, _)| m.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in {all:#?}"))
    };
    let (message, problem) = find("\"2021-13\" is not a date");
    assert!(message.contains("month 13"), "{message}");
    assert_eq!(problem.item, "event \"2021-10-mali-requests-wagner\"");
    assert_eq!(
        problem.location.unwrap().line,
        line_of(&text, "\"2021-13\"")
    );
    let (message, problem) = find("ends (2021-08-31) before it starts (2021-09)");
    assert_eq!(
        problem.item, "event \"2021-09-25-lavrov-at-unga\"",
        "{message}"
    );
    let (message, _) = find("\"2023-02-30\"");
    assert!(message.contains("day 30 does not exist"), "{message}");
}

#[test]
fn events_and_relations_without_evidence() {
    let (_dir, problems, _) =
        problems_after(&[("events: [\"2021-10-mali-requests-wagner\"],", "events: [],")]);
    let problem = single(&problems);
    assert_eq!(problem.item, "relation \"mali-wagner-request\"");
    assert!(
        problem
            .to_string()
            .contains("neither backing events nor evidence")
    );

    let mut text = FIXTURE.to_owned();
    let start = text.find("evidence: [\n                Evidence(\n                    doc: \"es-mali-request\",\n                    quote: \"the authorities").unwrap();
    let end = start + text[start..].find("],\n        ),").unwrap() + 2;
    text.replace_range(start..end, "evidence: [],");
    let (_dir, result) = load_text(&text);
    let problems = result.unwrap_err();
    let problem = single(&problems);
    assert_eq!(problem.item, "event \"2021-10-mali-requests-wagner\"");
    assert!(problem.to_string().contains("has no evidence"));
}

#[test]
fn unknown_and_escaping_document_files() {
    let (_dir, problems, text) = problems_after(&[
        ("sources/001_7efeddb876dd6663.txt", "sources/missing.txt"),
        ("sources/004_49f779cc4835a65a.txt", "../../etc/passwd"),
    ]);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    let missing = problems
        .iter()
        .find(|p| p.item == "document \"nl-lavrov-visit\"")
        .unwrap();
    assert!(
        missing.to_string().contains("sources/missing.txt"),
        "{missing}"
    );
    assert_eq!(
        missing.location.unwrap().line,
        line_of(&text, "sources/missing.txt")
    );
    let escaping = problems
        .iter()
        .find(|p| p.item == "document \"es-mali-request\"")
        .unwrap();
    assert!(
        escaping
            .to_string()
            .contains("outside the dataset's folder"),
        "{escaping}"
    );
    // Quotes into unreadable documents are not reported again: one problem per cause.
}

#[test]
fn claims_need_two_positions_with_evidence() {
    let mut text = FIXTURE.to_owned();
    let start = text
        .find("                Position(\n                    value: \"It is owned")
        .unwrap();
    let end = start + text[start..].find("),\n            ],").unwrap() + 3;
    text.replace_range(start..end, "");
    let (_dir, result) = load_text(&text);
    let problems = result.unwrap_err();
    let message = single(&problems).to_string();
    assert!(
        message.contains("claim \"russian-state-and-wagner\""),
        "{message}"
    );
    assert!(message.contains("1 position(s)"), "{message}");
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let (_dir, problems, _) = problems_after(&[
        ("id: \"france\"", "id: \"mali\""),
        ("komt vandaag aan", "komt nooit aan"),
        ("date: \"2021-10\",", "date: \"21-10\","),
        ("source: \"mali\"", "source: \"nowhere\""),
    ]);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    let lines: Vec<usize> = problems.iter().map(|p| p.location.unwrap().line).collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted);
}

#[test]
fn a_parent_cycle_is_reported() {
    let (_dir, problems, _) = problems_after(&[(
        "Actor(id: \"russia\", name: \"Russia\", kind: State,",
        "Actor(id: \"russia\", name: \"Russia\", kind: State, parent: Some(\"lavrov\"),",
    )]);
    assert_eq!(problems.len(), 2, "both members of the loop: {problems:#?}");
    assert!(
        problems
            .iter()
            .all(|p| p.to_string().contains("loops back"))
    );
}
