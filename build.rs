//! Embeds the curated dataset: lists every file under `assets/sources/` so that
//! `src/io/embedded.rs` can `include_str!` them without a hand-kept list.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let sources = Path::new("assets/sources");
    println!("cargo:rerun-if-changed=assets/sources");
    println!("cargo:rerun-if-changed=assets/dataset.ron");
    let mut names: Vec<String> = std::fs::read_dir(sources)
        .expect("assets/sources exists")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut code = String::from("pub static SOURCES: &[(&str, &str)] = &[\n");
    for name in names {
        let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
        writeln!(
            code,
            "    (\"sources/{name}\", include_str!({:?})),",
            Path::new(&manifest).join("assets/sources").join(&name)
        )
        .expect("writing to a String");
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").expect("set by cargo");
    std::fs::write(Path::new(&out).join("embedded_sources.rs"), code).expect("OUT_DIR is writable");
}
