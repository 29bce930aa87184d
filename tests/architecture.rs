//! The architecture's invariants, checked on the source: the layers import only downwards,
//! the core layers never touch egui, the views' folders form no loop, and no file grows past
//! what one concern needs. ARCHITECTURE.md states each of these; this test keeps them true.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each layer, the layers it may import, and whether it may use egui (and eframe, rfd).
const LAYERS: &[(&str, &[&str], bool)] = &[
    ("model", &[], false),
    ("synth", &["model"], false),
    ("io", &["model"], false),
    ("query", &["model"], false),
    ("views", &["model", "query"], true),
    ("workspace", &["model", "io", "query", "views"], true),
    ("app", &["model", "io", "query", "views", "workspace"], true),
    (
        "cli",
        &["model", "io", "query", "workspace", "synth", "app"],
        false,
    ),
];

/// Longest a source file may be, in lines: one concern, nameable in a phrase.
const MAX_LINES: usize = 650;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's code outside its test module (tests may use fixtures from anywhere) and with
/// comments dropped (a doc comment may name another layer).
fn code(path: &Path) -> String {
    strip(&std::fs::read_to_string(path).unwrap())
}

fn strip(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The layer a file belongs to: its first folder under `src/`, or its own name.
fn layer_of(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(src()).ok()?;
    let first = relative.components().next()?.as_os_str().to_string_lossy();
    Some(first.trim_end_matches(".rs").to_owned())
}

/// The layers a piece of code names with `crate::…`.
fn crate_imports(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `actorscope_crate::`, not ours
        }
        let name: String = code[at + 7..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        out.insert(name);
    }
    out
}

#[test]
fn layers_import_only_downwards_and_the_core_never_touches_egui() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut violations = Vec::new();
    for path in &files {
        let Some(layer) = layer_of(path) else {
            continue;
        };
        let Some((_, allowed, egui_ok)) = LAYERS.iter().find(|(name, _, _)| *name == layer) else {
            continue; // lib.rs, main.rs
        };
        let code = code(path);
        for import in crate_imports(&code) {
            if import != layer && !allowed.contains(&import.as_str()) {
                violations.push(format!("{} imports crate::{import}", path.display()));
            }
        }
        if !egui_ok {
            for name in ["egui", "eframe", "rfd"] {
                if code.contains(&format!("{name}::")) || code.contains(&format!("use {name}")) {
                    violations.push(format!("{} uses {name}", path.display()));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_views_folders_form_no_loop() {
    // Which view module each view module imports (`crate::views::x` or, inside views,
    // `super::x`), by the view's folder or file name.
    let views = src().join("views");
    let mut files = Vec::new();
    rust_files(&views, &mut files);
    let module = |path: &Path| -> String {
        let relative = path.strip_prefix(&views).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        first.to_string_lossy().trim_end_matches(".rs").to_owned()
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let from = module(path);
        if from == "mod" {
            continue;
        }
        let code = code(path);
        let direct = path.parent() == Some(views.as_path());
        for (at, _) in code.match_indices("views::") {
            let name: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != from {
                edges.entry(from.clone()).or_default().insert(name);
            }
        }
        if direct {
            // A file directly in views/: its `super::x` is a sibling view.
            for (at, _) in code.match_indices("super::") {
                let name: String = code[at + 7..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != from {
                    edges.entry(from.clone()).or_default().insert(name);
                }
            }
        }
    }
    // Depth-first search for a cycle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, &edges, &mut Vec::new(), &mut done) {
            panic!(
                "the views import each other in a loop: {}",
                cycle.join(" → ")
            );
        }
    }
}

#[test]
fn no_source_file_holds_more_than_one_concern_s_worth_of_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", path.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these by concern:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checks_catch_what_they_are_meant_to() {
    // The oracle for the scanner itself: a model file that imports the app is caught.
    let code = "use crate::app::ActorscopeApp;\nlet x = crate::model::Day::default();";
    let imports = crate_imports(code);
    assert!(imports.contains("app") && imports.contains("model"));
    let stripped =
        strip("use crate::query::Filters; // not crate::app\n#[cfg(test)]\nuse crate::io;");
    assert_eq!(
        crate_imports(&stripped),
        BTreeSet::from(["query".to_owned()]),
        "comments and test modules are not imports"
    );
    let file = src().join("model").join("date.rs");
    assert_eq!(layer_of(&file).as_deref(), Some("model"));
    assert_eq!(layer_of(&src().join("cli.rs")).as_deref(), Some("cli"));
}
