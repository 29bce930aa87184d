//! Loading a dataset from a RON or interchange-JSON file, a file to import (an ACLED export,
//! see [`super::import`]), or the embedded default, into a validated [`Dataset`].

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::model::raw::RawDataset;
use crate::model::validate::{Origin, TextError, validate};
use crate::model::{Counts, Dataset, Location, Problem, ProblemKind};

use super::{Progress, embedded, import, json};

/// Where a dataset comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DatasetSource {
    /// The curated dataset compiled into the binary.
    Embedded,
    /// A `.ron` dataset file, a `.json` interchange file or a file to import, on disk.
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
    /// What loading left out without failing: rows of an imported file that could not be
    /// read, each with its line, column and reason. Empty for a dataset file.
    pub notices: Vec<Problem>,
    /// The format the file was imported from, when it is not a dataset file: saving must
    /// then ask where, never write RON over the analyst's own export.
    pub imported: Option<import::Format>,
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
    load_with(source, &Progress::new())
}

/// [`load`], telling `progress` how far it has come and stopping when it is cancelled (a
/// cancelled load is a failure saying so; nothing else changes).
pub fn load_with(source: &DatasetSource, progress: &Progress) -> Result<LoadedDataset, Failure> {
    match source {
        DatasetSource::Embedded => load_embedded(),
        DatasetSource::File(path) => load_path_with(path, progress),
    }
}

pub fn load_embedded() -> Result<LoadedDataset, Failure> {
    let mut hash = Fnv::new();
    hash.write(embedded::DATASET_RON.as_bytes());
    let dataset = parse_and_validate(
        embedded::DATASET_NAME,
        embedded::DATASET_RON,
        Format::Ron,
        &mut |file, _| {
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
        notices: Vec::new(),
        imported: None,
    })
}

/// Loads a dataset file: `.json` as the interchange format, `.ron` as RON, and anything else
/// by its content — RON when it reads like RON, else an import (ACLED, …) of the file as it
/// stands, so an analyst's own export opens directly.
pub fn load_path(path: &Path) -> Result<LoadedDataset, Failure> {
    load_path_with(path, &Progress::new())
}

fn load_path_with(path: &Path, progress: &Progress) -> Result<LoadedDataset, Failure> {
    let name = path.display().to_string();
    let unreadable = |reason: String| Failure {
        problems: vec![Problem {
            file: name.clone(),
            location: None,
            item: String::new(),
            kind: ProblemKind::Unreadable(reason),
        }],
        counts: None,
    };
    let bytes = std::fs::read(path).map_err(|err| unreadable(err.to_string()))?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let format = match extension.as_str() {
        "json" if import::looks_like_interchange(&String::from_utf8_lossy(head)) => Format::Json,
        "json" => return load_import(path, &name, bytes, progress),
        "ron" => Format::Ron,
        _ => {
            // The start says: RON begins with `Dataset(` or `(` after comments.
            let head = String::from_utf8_lossy(head);
            if import::looks_like_ron(&head) {
                Format::Ron
            } else {
                // A table whose columns the analyst mapped: the mapping saved beside it.
                let beside = import::mapped::beside(path);
                if beside.is_file() {
                    let mapping =
                        import::mapped::Mapping::read_file(&beside).map_err(|why| Failure {
                            problems: vec![Problem {
                                file: beside.display().to_string(),
                                location: None,
                                item: "the column mapping".to_owned(),
                                kind: ProblemKind::UnknownFormat(why),
                            }],
                            counts: None,
                        })?;
                    return load_imported(path, &name, bytes, &|name, file, text, encoding| {
                        import::import_mapped_text(name, file, text, encoding, &mapping, progress)
                    });
                }
                return load_import(path, &name, bytes, progress);
            }
        }
    };
    let text = String::from_utf8(bytes).map_err(|err| {
        unreadable(format!(
            "not UTF-8 text (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        ))
    })?;
    let mut hash = Fnv::new();
    hash.write(text.as_bytes());
    let dataset = parse_and_validate(&name, &text, format, &mut |file, encoding| {
        let text = read_document(&folder, file, encoding)?;
        hash.write(text.as_bytes());
        Ok(text)
    })?;
    Ok(LoadedDataset {
        dataset: Arc::new(dataset),
        source: DatasetSource::File(path.to_path_buf()),
        content_hash: hash.hex(),
        notices: Vec::new(),
        imported: None,
    })
}

/// Opens an importable file (ACLED, …) as a dataset of its own: the file is its one
/// document, each event's evidence a span of it, validated like any dataset. Rows that could
/// not be read are the result's `notices`.
pub fn load_import(
    path: &Path,
    name: &str,
    bytes: Vec<u8>,
    progress: &Progress,
) -> Result<LoadedDataset, Failure> {
    load_imported(path, name, bytes, &|name, file, text, encoding| {
        import::import_text(name, file, text, encoding, None, progress)
    })
}

/// Opens a table through a column mapping (`actorscope check FILE --mapping M`), as
/// [`load_import`] opens a recognised one.
pub fn load_mapped(
    path: &Path,
    mapping: &import::mapped::Mapping,
) -> Result<LoadedDataset, Failure> {
    load_mapped_with(path, mapping, &Progress::new())
}

/// [`load_mapped`], telling `progress` how far it has come (and stopping at its Cancel).
pub fn load_mapped_with(
    path: &Path,
    mapping: &import::mapped::Mapping,
    progress: &Progress,
) -> Result<LoadedDataset, Failure> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|err| Failure {
        problems: vec![Problem {
            file: name.clone(),
            location: None,
            item: String::new(),
            kind: ProblemKind::Unreadable(err.to_string()),
        }],
        counts: None,
    })?;
    load_imported(path, &name, bytes, &|name, file, text, encoding| {
        import::import_mapped_text(name, file, text, encoding, mapping, progress)
    })
}

type Importer<'a> =
    dyn Fn(&str, &str, &Arc<str>, import::Encoding) -> Result<import::Imported, Box<Problem>> + 'a;

fn load_imported(
    path: &Path,
    name: &str,
    bytes: Vec<u8>,
    read: &Importer<'_>,
) -> Result<LoadedDataset, Failure> {
    let file = path
        .file_name()
        .map_or_else(|| name.to_owned(), |f| f.to_string_lossy().into_owned());
    // The decoded text is the document's from here on; the bytes go before anything is read,
    // so the file is held once while the dataset grows. The content hash (which workspaces
    // compare) is taken on the other core meanwhile.
    let (hash, (text, encoding)) = std::thread::scope(|scope| {
        let hashing = scope.spawn(|| {
            let mut hash = Fnv::new();
            hash.write(&bytes);
            hash
        });
        let decoded = import::decode_shared(&bytes);
        let hash = hashing.join().unwrap_or_else(|_| {
            // Hashing cannot panic; if it ever did, hash here instead.
            let mut hash = Fnv::new();
            hash.write(&bytes);
            hash
        });
        (hash, decoded)
    });
    drop(bytes);
    let imported = read(name, &file, &text, encoding).map_err(|problem| Failure {
        problems: vec![*problem],
        counts: None,
    })?;
    // Every item was checked as the builder added it (spans slice the text to their words,
    // dates parse, ids are unique): the dataset is loaded as a validated one would be.
    Ok(LoadedDataset {
        dataset: Arc::new(imported.dataset),
        source: DatasetSource::File(path.to_path_buf()),
        content_hash: hash.hex(),
        notices: imported.skipped,
        imported: Some(imported.format),
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
    read_text: &mut crate::model::validate::ReadText<'_>,
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

/// Reads a document's text from `folder`, refusing paths that leave it; `encoding` (as a
/// dataset file names it) says how to decode bytes that are not plain UTF-8.
fn read_document(folder: &Path, file: &str, encoding: Option<&str>) -> Result<Arc<str>, TextError> {
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
    let encoding = match encoding {
        None => import::Encoding::Utf8,
        Some(code) => import::Encoding::from_code(code).ok_or_else(|| {
            TextError::Unreadable(format!(
                "unknown encoding {code:?} (known: utf-8, utf-8-bom, windows-1252)"
            ))
        })?,
    };
    let text = import::text::decode_as(&bytes, encoding).map_err(TextError::Unreadable)?;
    Ok(Arc::from(text.as_ref()))
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
