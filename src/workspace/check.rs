//! `actorscope check --workspace`: a workspace resolved headlessly, with what does not
//! resolve printed one line each.

use std::path::Path;

use super::WorkspaceFile;
use crate::io::LoadedDataset;

/// `actorscope check --workspace FILE`: reads the workspace, resolves it against its dataset
/// (or the one given), and prints what does not resolve; returns the number of problems.
pub fn check_file(
    path: &Path,
    dataset: Option<&LoadedDataset>,
    out: &mut dyn std::io::Write,
) -> usize {
    let file = match WorkspaceFile::read(path) {
        Ok(file) => file,
        Err(err) => {
            let _ = writeln!(out, "{err}");
            return 1;
        }
    };
    let own;
    let loaded = match dataset {
        Some(loaded) => loaded,
        None => {
            let source = file.dataset_source(path.parent());
            match crate::io::load(&source) {
                Ok(loaded) => {
                    own = loaded;
                    &own
                }
                Err(failure) => {
                    let _ = writeln!(
                        out,
                        "{}: its dataset {source} did not load:",
                        path.display()
                    );
                    let _ = writeln!(out, "{failure}");
                    return failure.problems.len().max(1);
                }
            }
        }
    };
    let resolved = file.resolve(&loaded.dataset, &loaded.content_hash);
    let _ = writeln!(
        out,
        "{}: workspace {:?} on {}: {} note(s), {} pinned node(s)",
        path.display(),
        file.name,
        loaded.source,
        file.notes.len(),
        file.graph.nodes.iter().filter(|n| n.pinned).count()
    );
    if resolved.dataset_changed {
        let _ = writeln!(
            out,
            "{}: the dataset changed since the workspace was saved (content hash {} → {})",
            path.display(),
            file.content_hash,
            loaded.content_hash
        );
    }
    for line in &resolved.unresolved {
        let _ = writeln!(out, "{}: {line}", path.display());
    }
    resolved.unresolved.len()
}
