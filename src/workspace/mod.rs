//! Workspaces: everything the analyst set up, saved to and loaded from RON files.

use std::path::Path;

use crate::io::LoadedDataset;

/// `actorscope check --workspace FILE`: reports the workspace's problems; returns how many.
pub fn check_file(
    path: &Path,
    _dataset: Option<&LoadedDataset>,
    out: &mut dyn std::io::Write,
) -> usize {
    let _ = writeln!(
        out,
        "{}: workspace files are not supported by this build yet",
        path.display()
    );
    1
}
