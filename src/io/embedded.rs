//! The curated dataset and its source texts, compiled into the binary so that a bare
//! `actorscope` opens it with no files around.

/// The dataset file, as in `assets/dataset.ron`.
pub const DATASET_RON: &str = include_str!("../../assets/dataset.ron");

/// The name printed in messages about the embedded dataset.
pub const DATASET_NAME: &str = "<embedded>/assets/dataset.ron";

// `SOURCES`: (path relative to `assets/`, text) for every file in `assets/sources/`.
include!(concat!(env!("OUT_DIR"), "/embedded_sources.rs"));

/// The text of an embedded source, by the path a dataset file gives for it.
pub fn source(path: &str) -> Option<&'static str> {
    let path = path.strip_prefix("./").unwrap_or(path);
    SOURCES
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, text)| *text)
}
