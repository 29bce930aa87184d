//! `actorscope import` and `actorscope synth --acled`: bringing others' event data in, and
//! making ACLED-shaped data to try it at scale.

use std::path::{Path, PathBuf};

use crate::io::import::mapped::Mapping;

/// Reads a mapping file, or says why not (its path, line and column).
pub fn read_mapping(path: &Path) -> Result<Mapping, String> {
    Mapping::read_file(path)
}

/// `actorscope import`: reads `file` (in `format`, or the one its content shows), checks the
/// result as loading would, and writes it into `dir` as a dataset folder. Rows that could not
/// be read are listed; the exit status is 1 when there were any (the rest is still written).
pub fn import(
    file: &std::path::Path,
    format: Option<crate::io::import::Format>,
    mapping: Option<PathBuf>,
    dir: &std::path::Path,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> u8 {
    use crate::io::import;
    let name = file.display().to_string();
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(err) => {
            let _ = writeln!(stderr, "{name}: cannot read the file: {err}");
            return 1;
        }
    };
    let document = file.file_name().map_or_else(
        || "imported.csv".to_owned(),
        |f| f.to_string_lossy().into_owned(),
    );
    let read = match &mapping {
        Some(path) => match read_mapping(path) {
            Ok(mapping) => import::import_mapped(
                &name,
                &document,
                &bytes,
                &mapping,
                &crate::io::Progress::new(),
            ),
            Err(why) => {
                let _ = writeln!(stderr, "{why}");
                return 1;
            }
        },
        None => import::import(&name, &document, &bytes, format),
    };
    let imported = match read {
        Ok(imported) => imported,
        Err(problem) => {
            let _ = writeln!(stderr, "{problem}");
            return 1;
        }
    };
    // Validate exactly what will be written, so the folder is known to load.
    let raw = crate::model::edit::to_raw(&imported.dataset);
    let text = imported.text.clone();
    let origin = crate::model::validate::Origin {
        file: &name,
        text: &text,
    };
    if let Err(problems) =
        crate::model::validate::validate(raw.clone(), &origin, &mut |_, _| Ok(text.clone()))
    {
        for problem in &problems {
            let _ = writeln!(stderr, "{problem}");
        }
        let _ = writeln!(stderr, "not imported: {} problem(s)", problems.len());
        return 1;
    }
    let written = match import::folder::write_folder(&raw, &bytes, dir) {
        Ok(written) => written,
        Err(err) => {
            let _ = writeln!(stderr, "{err}");
            return 1;
        }
    };
    for problem in &imported.skipped {
        let _ = writeln!(stderr, "{problem}");
    }
    let _ = writeln!(
        stdout,
        "{name}: {} ({} rows, {} imported, {} skipped); wrote {} and {}",
        imported.format.label(),
        imported.rows,
        imported.rows - imported.skipped.len().min(imported.rows),
        imported.skipped.len(),
        written.dataset.display(),
        written.document.display()
    );
    u8::from(!imported.skipped.is_empty())
}

/// `actorscope synth --acled`: an ACLED-shaped CSV of `rows` rows at `file`, written a piece
/// at a time to a temporary file that is renamed into place; an existing file is refused.
pub fn synth_acled(
    rows: usize,
    actors: usize,
    seed: u64,
    file: &std::path::Path,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> u8 {
    use std::io::Write as _;
    if file.exists() {
        let _ = writeln!(
            stderr,
            "{} already exists; nothing was written",
            file.display()
        );
        return 1;
    }
    let tmp = file.with_extension("csv.tmp");
    let result = (|| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        writeln!(out, "{}", crate::synth::ACLED_HEADER)?;
        let mut rng = crate::synth::Rng::new(seed);
        let mut piece = String::new();
        let mut done = 0;
        while done < rows {
            let n = (rows - done).min(50_000);
            piece.clear();
            crate::synth::acled_rows(&mut piece, done + 1, n, actors, &mut rng);
            out.write_all(piece.as_bytes())?;
            done += n;
        }
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    match result {
        Ok(()) => {
            let _ = writeln!(
                stdout,
                "wrote {} ({rows} rows, {actors} actors, seed {seed})",
                file.display()
            );
            0
        }
        Err(err) => {
            let _ = std::fs::remove_file(&tmp);
            let _ = writeln!(stderr, "cannot write {}: {err}", file.display());
            1
        }
    }
}
