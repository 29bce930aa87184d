//! Exports: one place that turns a dataset into each format analysts take elsewhere, used by
//! both `actorscope export` and File → Export…. A new format is a variant of
//! [`ExportFormat`] and an arm in [`render`].

use std::path::Path;

use crate::io::json::JsonDataset;
use crate::model::Dataset;

/// The formats a dataset can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The interchange JSON (`actorscope/v1`): every item with its quotes as byte spans.
    Json,
}

impl ExportFormat {
    pub const ALL: [Self; 1] = [Self::Json];

    /// Every name `--format` accepts, for the error message.
    pub const NAMES: &'static [&'static str] = &["json"];

    /// The format named on the command line (case-insensitive).
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(Self::Json),
            _ => None,
        }
    }

    /// How menus and dialogs name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Json => "Actorscope interchange JSON",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
        }
    }
}

/// Why an export was not written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("cannot serialise the dataset as {format}: {reason}")]
    Serialise {
        format: &'static str,
        reason: String,
    },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
}

/// The dataset in `format`, as the text of the file.
pub fn render(format: ExportFormat, dataset: &Dataset) -> Result<String, ExportError> {
    match format {
        ExportFormat::Json => serde_json::to_string_pretty(&JsonDataset::from_dataset(dataset))
            .map(|text| text + "\n")
            .map_err(|err| ExportError::Serialise {
                format: format.label(),
                reason: err.to_string(),
            }),
    }
}

/// Writes the dataset in `format` to `path` atomically: a failed export leaves whatever was
/// there before intact.
pub fn write(format: ExportFormat, dataset: &Dataset, path: &Path) -> Result<(), ExportError> {
    let text = render(format, dataset)?;
    crate::io::atomic::write(path, text.as_bytes()).map_err(|err| ExportError::Write {
        path: path.display().to_string(),
        reason: err.to_string(),
    })
}
