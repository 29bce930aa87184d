//! The headless command line, run as a user runs it: exit codes, output, the JSON export.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::path::Path;

mod common;
use common::{actorscope, stdout};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn check_on_the_embedded_dataset_exits_0() {
    let output = actorscope(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("the embedded curated dataset:"), "{text}");
    assert!(text.contains("no problems"), "{text}");
}

#[test]
fn check_on_a_broken_file_lists_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let broken = std::fs::read_to_string(fixture.join("dataset.ron"))
        .unwrap()
        .replacen("source: \"mali\"", "source: \"atlantis\"", 1)
        .replacen("date: \"2021-10\"", "date: \"2021-10-32\"", 1);
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, broken).unwrap();
    copy_dir(&fixture.join("sources"), &dir.path().join("sources"));
    let output = actorscope(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("\"atlantis\", which does not exist"),
        "{text}"
    );
    assert!(text.contains("\"2021-10-32\" is not a date"), "{text}");
    assert!(text.contains("broken.ron:"), "{text}");
    assert!(text.contains("2 problem(s)"), "{text}");
    // Counts are still printed: the file parsed.
    assert!(text.contains("3 events"), "{text}");
}

#[test]
fn usage_errors_exit_2_with_the_usage_text() {
    for args in [
        &["frobnicate"][..],
        &["export"],
        &["check", "--output", "x"],
    ] {
        let output = actorscope(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(err.contains("Usage:"), "{err}");
    }
    let help = actorscope(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("actorscope export --format json"));
}

#[test]
fn a_missing_dataset_file_is_a_clear_error() {
    let output = actorscope(&["check", "no/such/file.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("no/such/file.ron: cannot read the file"),
        "{text}"
    );
}

#[test]
fn export_json_parses_and_every_span_slices_to_its_quote() {
    let output = actorscope(&["export", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["format"], "actorscope/v1");
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut texts = std::collections::HashMap::new();
    for doc in json["documents"].as_array().unwrap() {
        let text = std::fs::read_to_string(sources.join(doc["file"].as_str().unwrap())).unwrap();
        texts.insert(doc["id"].as_str().unwrap().to_owned(), text);
    }
    let mut checked = 0;
    let mut check = |evidence: &serde_json::Value| {
        for e in evidence.as_array().unwrap() {
            let text = &texts[e["document"].as_str().unwrap()];
            let (start, end) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], e["quote"].as_str().unwrap());
            checked += 1;
        }
    };
    for event in json["events"].as_array().unwrap() {
        check(&event["evidence"]);
        assert!(
            event.get("end").is_some(),
            "absent values are null, not missing"
        );
    }
    for claim in json["claims"].as_array().unwrap() {
        for position in claim["positions"].as_array().unwrap() {
            check(&position["evidence"]);
        }
    }
    assert!(checked > 0);
}

#[test]
fn json_export_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    // The interchange file refers to its documents relative to itself, like the RON file.
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sources"),
        &dir.path().join("sources"),
    );
    let first = dir.path().join("first.json");
    let output = actorscope(&["export", "--format", "json", "-o", first.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Read it back as a dataset and export again: byte-identical.
    let check = actorscope(&["check", first.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let again = actorscope(&[
        "export",
        "--format",
        "json",
        "--dataset",
        first.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&first).unwrap(), stdout(&again));

    // A span that no longer matches its quote is caught on the way back in.
    let exported = std::fs::read_to_string(&first).unwrap();
    let at = exported
        .match_indices("\"start\": ")
        .map(|(at, m)| at + m.len())
        .find(|&at| exported[at..].starts_with(|c: char| c.is_ascii_digit()))
        .expect("an evidence span");
    let tampered = format!("{}1{}", &exported[..at], &exported[at..]);
    let bad = dir.path().join("tampered.json");
    std::fs::write(&bad, tampered).unwrap();
    let check = actorscope(&["check", bad.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains("is not the quote"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn a_json_file_of_another_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.json");
    std::fs::write(&path, r#"{"format": "actorscope/v9", "documents": [], "actors": [], "events": [], "relations": [], "claims": []}"#).unwrap();
    let output = actorscope(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("actorscope/v9"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn check_resolves_a_workspace_against_its_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let mut app = actorscope::app::ActorscopeApp::new(&actorscope::io::DatasetSource::Embedded);
    assert!(app.save_workspace_to(&path));
    let output = actorscope(&["check", "--workspace", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("no problems"));

    let text = std::fs::read_to_string(&path).unwrap();
    let dangling = text.replacen(
        "selection: None",
        "selection: Some(Event(\"1999-nowhere\"))",
        1,
    );
    assert_ne!(dangling, text);
    std::fs::write(&path, dangling).unwrap();
    let output = actorscope(&["check", "--workspace", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("1999-nowhere"),
        "{}",
        stdout(&output)
    );

    std::fs::write(&path, "Workspace(version: 7,").unwrap();
    let output = actorscope(&["check", "--workspace", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("newer Actorscope")
            || stdout(&output).contains("not a valid workspace"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn synth_writes_a_valid_dataset_of_the_asked_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big");
    let out_str = out.to_str().unwrap();
    let output = actorscope(&["synth", "--events", "2000", "--actors", "30", "-o", out_str]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let dataset = out.join("dataset.ron");
    let output = actorscope(&["check", dataset.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains(" 30 actors, 2000 events"), "{text}");
    // The same arguments give the same files.
    let first = std::fs::read_to_string(&dataset).unwrap();
    actorscope(&["synth", "--events", "2000", "--actors", "30", "-o", out_str]);
    assert_eq!(std::fs::read_to_string(&dataset).unwrap(), first);
    // Usage errors name what is wrong.
    let output = actorscope(&["synth", "--events", "many", "-o", out_str]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--events needs a whole number"));
}
