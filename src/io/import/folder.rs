//! Writing an import as a dataset folder: the original file, byte for byte, and a
//! `dataset.ron` whose quotes are spans of it (with their byte offsets, so reopening checks
//! spans rather than searching a large file).

use std::path::{Path, PathBuf};

use crate::model::raw::RawDataset;

/// Where an import was written.
#[derive(Clone, Debug)]
pub struct Written {
    pub dataset: PathBuf,
    pub document: PathBuf,
}

/// Writes `raw` (an import in its file form, [`crate::model::edit::to_raw`]) into `dir` (created if need be) as `dataset.ron` beside a copy of the
/// original `bytes` named as the import's document. The document goes first and the dataset
/// last, each atomically, so a killed import never leaves a dataset that does not load; an
/// existing `dataset.ron` is never overwritten.
pub fn write_folder(raw: &RawDataset, bytes: &[u8], dir: &Path) -> Result<Written, String> {
    let dataset = dir.join("dataset.ron");
    if dataset.exists() {
        return Err(format!(
            "{} already exists; choose an empty folder (nothing was written)",
            dataset.display()
        ));
    }
    let Some(doc) = raw.documents.first() else {
        return Err("the import has no document".to_owned());
    };
    let document = dir.join(&doc.file);
    if document.exists() {
        return Err(format!(
            "{} already exists; choose an empty folder (nothing was written)",
            document.display()
        ));
    }
    let text = ron::ser::to_string_pretty(raw, ron::ser::PrettyConfig::default())
        .map_err(|err| format!("cannot write the dataset as RON: {err}"))?
        + "\n";
    std::fs::create_dir_all(dir)
        .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    super::super::atomic::write(&document, bytes)
        .map_err(|err| format!("cannot write {}: {err}", document.display()))?;
    super::super::atomic::write(&dataset, text.as_bytes())
        .map_err(|err| format!("cannot write {}: {err}", dataset.display()))?;
    Ok(Written { dataset, document })
}
