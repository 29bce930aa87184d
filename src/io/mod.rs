//! Everything that touches files: loading datasets (RON, interchange JSON, the embedded
//! default), exporting them, and writing files without ever leaving a half-written one.
//!
//! Errors are turned into [`crate::model::Problem`]s that name the file, the line and column
//! and the item, here at the edge; the model below never sees a path.

pub mod atomic;
pub mod dataset;
pub mod embedded;
pub mod export;
pub mod import;
pub mod json;
pub mod progress;
pub mod save;

pub use dataset::{
    DatasetSource, Failure, LoadedDataset, load, load_embedded, load_path, load_with,
};
pub use progress::{Progress, Stage};
