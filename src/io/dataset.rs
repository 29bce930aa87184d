//! Loading a dataset from a RON or interchange-JSON file, or the embedded default, into a
//! validated [`Dataset`].

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::model::raw::RawDataset;
use crate::model::validate::{Origin, TextError, validate};
use crate::model::{Counts, Dataset, Location, Problem, ProblemKind};

use super::{embedded, json};

/// Where a dataset comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DatasetSource {
    /// The curated dataset compiled into the binary.
    Embedded,
    /// A `.ron` dataset file or a `.json` interchange file on disk.
    File(PathBuf),
}

impl std::fmt::Display for DatasetSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Embedded => f.write_str("the embedded curated dataset"),
            Self::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A dataset with where it came from and a hash of exactly what was read.
#[derive(Clone, Debug)]
pub struct LoadedDataset {
    pub dataset: Arc<Dataset>,
    pub source: DatasetSource,
    /// FNV-1a over the dataset file and every document text, as 16 hex digits: tells a
    /// workspace whether the data changed since it was saved.
    pub content_hash: String,
}

/// Why a dataset did not load: every problem found, and the counts when the file parsed.
#[derive(Clone, Debug)]
pub struct Failure {
    pub problems: Vec<Problem>,
    pub counts: Option<Counts>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (n, problem) in self.problems.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

pub fn load(source: &DatasetSource) -> Result<LoadedDataset, Failure> {
    match source {
        DatasetSource::Embedded => load_embedded(),
        DatasetSource::File(path) => load_path(path),
    }
}

pub fn load_embedded() -> Result<LoadedDataset, Failure> {
    let mut hash = Fnv::new();
    hash.write(embedded::DATASET_RON.as_bytes());
    let dataset = parse_and_validate(
        embedded::DATASET_NAME,
        embedded::DATASET_RON,
        Format::Ron,
        &mut |file| {
            let text = embedded::source(file).ok_or_else(|| {
                TextError::Unreadable("no such file among the embedded sources".to_owned())
            })?;
            hash.write(text.as_bytes());
            Ok(Arc::from(text))
        },
    )?;
    Ok(LoadedDataset {
        dataset: Arc::new(dataset),
        source: DatasetSource::Embedded,
        content_hash: hash.hex(),
    })
}

/// Loads `.json` files as the interchange format and anything else as RON.
pub fn load_path(path: &Path) -> Result<LoadedDataset, Failure> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|err| Failure {
        problems: vec![Problem {
            file: name.clone(),
            location: None,
            item: String::new(),
            kind: ProblemKind::Unreadable(err.to_string()),
        }],
        counts: None,
    })?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let format = if path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
    {
        Format::Json
    } else {
        Format::Ron
    };
    let mut hash = Fnv::new();
    hash.write(text.as_bytes());
    let dataset = parse_and_validate(&name, &text, format, &mut |file| {
        let text = read_document(&folder, file)?;
        hash.write(text.as_bytes());
        Ok(text)
    })?;
    Ok(LoadedDataset {
        dataset: Arc::new(dataset),
        source: DatasetSource::File(path.to_path_buf()),
        content_hash: hash.hex(),
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Ron,
    Json,
}

/// Parses `text` in `format` and validates it; `read_text` supplies document texts.
pub fn parse_and_validate(
    file: &str,
    text: &str,
    format: Format,
    read_text: &mut dyn FnMut(&str) -> Result<Arc<str>, TextError>,
) -> Result<Dataset, Failure> {
    let raw = parse(file, text, format).map_err(|problem| Failure {
        problems: vec![*problem],
        counts: None,
    })?;
    let counts = raw.counts();
    validate(raw, &Origin { file, text }, read_text).map_err(|problems| Failure {
        problems,
        counts: Some(counts),
    })
}

fn parse(file: &str, text: &str, format: Format) -> Result<RawDataset, Box<Problem>> {
    let syntax = |location: Option<Location>, message: String| {
        Box::new(Problem {
            file: file.to_owned(),
            location,
            item: String::new(),
            kind: ProblemKind::Syntax(message),
        })
    };
    match format {
        Format::Ron => ron::from_str::<RawDataset>(text).map_err(|err| {
            let at = err.span.start;
            syntax(
                Some(Location {
                    line: at.line,
                    column: at.col,
                }),
                err.code.to_string(),
            )
        }),
        Format::Json => {
            let interchange: json::JsonDataset = serde_json::from_str(text).map_err(|err| {
                let location = (err.line() > 0).then(|| Location {
                    line: err.line(),
                    column: err.column(),
                });
                syntax(location, err.to_string())
            })?;
            interchange
                .into_raw()
                .map_err(|message| syntax(None, message))
        }
    }
}

/// Reads a document's text from `folder`, refusing paths that leave it.
fn read_document(folder: &Path, file: &str) -> Result<Arc<str>, TextError> {
    let relative = Path::new(file);
    let escapes = relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes || file.is_empty() {
        return Err(TextError::Escapes);
    }
    let path = folder.join(relative);
    // A symbolic link inside the folder may still point out of it.
    if let (Ok(real_folder), Ok(real_path)) = (folder.canonicalize(), path.canonicalize())
        && !real_path.starts_with(&real_folder)
    {
        return Err(TextError::Escapes);
    }
    let bytes = std::fs::read(&path).map_err(|err| TextError::Unreadable(err.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|err| {
        TextError::Unreadable(format!(
            "not UTF-8 text (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Arc::from(text))
}

/// 64-bit FNV-1a: tiny, stable across Rust versions and platforms (unlike `DefaultHasher`),
/// and enough to notice that a dataset changed. Not a defence against tampering.
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // Separate consecutive inputs so that "ab"+"c" and "a"+"bc" differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Self::new()
    }
}
