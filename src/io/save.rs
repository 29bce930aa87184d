//! Saving a dataset as a folder: `dataset.ron` — pretty, hand-editable, items in the dataset's
//! own order so that a save changes only what was edited — and each document's text at its
//! `file` path. Every file is written atomically; a text already on disk with the same
//! content is left alone. What is written loads back to the same dataset.

use std::path::{Component, Path, PathBuf};

use crate::model::Dataset;
use crate::model::edit::to_raw;
use crate::model::raw::RawDataset;

/// The name of the dataset file in a saved folder.
pub const DATASET_FILE: &str = "dataset.ron";

/// Why a dataset was not saved (what was there before is intact, file by file).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error(
        "cannot save the dataset: document {doc:?} has the path {file:?}, which leaves the dataset's folder"
    )]
    Escapes { doc: String, file: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
}

/// The dataset file's text: pretty RON with struct names, four-space indents.
pub fn dataset_ron(raw: &RawDataset) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(8)
        .indentor("    ".to_owned())
        .struct_names(true);
    // Plain data always serialises.
    ron::ser::to_string_pretty(raw, config).unwrap_or_default() + "\n"
}

/// Saves `dataset` into `folder` (created if need be) as [`DATASET_FILE`] and its texts;
/// returns the dataset file's path.
pub fn save_dataset(folder: &Path, dataset: &Dataset) -> Result<PathBuf, SaveError> {
    let path = folder.join(DATASET_FILE);
    save_dataset_as(&path, dataset)?;
    Ok(path)
}

/// Saves `dataset` as the RON file `path`, its document texts beside it (at their `file`
/// paths, relative to its folder).
pub fn save_dataset_as(path: &Path, dataset: &Dataset) -> Result<(), SaveError> {
    let write_error = |path: &Path, err: std::io::Error| SaveError::Write {
        path: path.display().to_string(),
        reason: err.to_string(),
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(folder).map_err(|e| write_error(folder, e))?;
    let mut raw = to_raw(dataset);
    for (doc, raw_doc) in dataset.documents.iter().zip(&mut raw.documents) {
        let relative = Path::new(&doc.file);
        if relative.is_absolute()
            || relative
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(SaveError::Escapes {
                doc: doc.key.clone(),
                file: doc.file.clone(),
            });
        }
        let path = folder.join(relative);
        // A file there that reads back to the same text stays as it is — an imported file in
        // Windows-1252 keeps its bytes and its `encoding`. Any other is written as UTF-8,
        // and then says so.
        let encoding = doc
            .encoding
            .as_deref()
            .and_then(super::import::Encoding::from_code)
            .unwrap_or(super::import::Encoding::Utf8);
        if std::fs::read(&path).is_ok_and(|bytes| {
            super::import::text::decode_as(&bytes, encoding).is_ok_and(|t| *t == *doc.text)
        }) {
            continue;
        }
        raw_doc.encoding = None;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
        }
        super::atomic::write(&path, doc.text.as_bytes()).map_err(|e| write_error(&path, e))?;
    }
    // Offsets are written only where they replace a search (large or imported documents):
    // a curated article's quotes stay by their words, so the file stays hand-editable.
    let by_offset: std::collections::HashSet<&str> = dataset
        .documents
        .iter()
        .filter(|d| crate::model::edit::spans_written(d))
        .map(|d| d.key.as_str())
        .collect();
    for evidence in raw_evidence_mut(&mut raw) {
        if !by_offset.contains(evidence.doc.as_str()) {
            evidence.expected_start = None;
        }
    }
    super::atomic::write(path, dataset_ron(&raw).as_bytes()).map_err(|e| write_error(path, e))
}

/// Every piece of evidence in a raw dataset, wherever it hangs.
fn raw_evidence_mut(
    raw: &mut RawDataset,
) -> impl Iterator<Item = &mut crate::model::raw::RawEvidence> {
    let actors = raw.actors.iter_mut().flat_map(|a| &mut a.evidence);
    let events = raw.events.iter_mut().flat_map(|e| &mut e.evidence);
    let relations = raw.relations.iter_mut().flat_map(|r| &mut r.evidence);
    let claims = raw
        .claims
        .iter_mut()
        .flat_map(|c| c.positions.iter_mut().flat_map(|p| &mut p.evidence));
    actors.chain(events).chain(relations).chain(claims)
}
