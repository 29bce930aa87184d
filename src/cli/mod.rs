//! The command line: one usage text, parsed into an [`Invocation`], and the headless commands
//! (`check`, `export`, `synth`) run to an exit code. Opening the window is left to `main`.

use std::ffi::OsString;
use std::path::PathBuf;

mod import;

pub use self::import::{import, read_mapping, synth_acled};
use crate::io::export::{self, ExportFormat};
use crate::io::{self, DatasetSource};

pub const USAGE: &str = "\
Actorscope — who did what to whom, when, and on whose word.

Usage:
  actorscope                                   open the window on the embedded curated dataset
  actorscope open [DATASET] [--workspace FILE] [--mapping M]
                                               open the window on DATASET and/or a workspace
  actorscope check [DATASET] [--workspace FILE] [--mapping M]
                                               validate; print counts and every problem
  actorscope export --format json [--dataset DATASET] [-o FILE]
                                               write the interchange JSON (stdout by default)
  actorscope import FILE [--format acled|ucdp|gdelt|timelinejs|ftm | --mapping M] -o DIR
                                               import events (ACLED, UCDP, GDELT, TimelineJS, FtM)
                                               as a dataset folder: DIR/dataset.ron and FILE
  actorscope synth --events N [--actors M] [--seed S] -o DIR
                                               write a synthetic dataset (valid evidence) into
                                               DIR, for trying the app at scale
  actorscope synth --acled --events N [--actors M] [--seed S] -o FILE.csv
                                               write an ACLED-shaped CSV of N rows, for
                                               trying imports at scale
  actorscope help | --help | -h                this text
  actorscope --version                         the version

DATASET is a .ron dataset file, a .json interchange file, or a file to import (an ACLED or
UCDP GED CSV export, a GDELT event file, a TimelineJS sheet or JSON, FollowTheMoney entities),
recognised by its content; any other table is read through a column mapping file (--mapping M,
see the README). Without DATASET, the embedded curated dataset is used. Exit status: 0 success,
1 problems found (check) or failure, 2 usage error.
";

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invocation {
    Open {
        dataset: Option<PathBuf>,
        workspace: Option<PathBuf>,
        /// Read DATASET, a table, through this column mapping.
        mapping: Option<PathBuf>,
    },
    Check {
        dataset: Option<PathBuf>,
        workspace: Option<PathBuf>,
        /// Read DATASET, a table, through this column mapping.
        mapping: Option<PathBuf>,
    },
    Export {
        format: ExportFormat,
        dataset: Option<PathBuf>,
        output: Option<PathBuf>,
    },
    Import {
        file: PathBuf,
        format: Option<crate::io::import::Format>,
        mapping: Option<PathBuf>,
        output: PathBuf,
    },
    Synth {
        events: usize,
        actors: usize,
        seed: u64,
        output: PathBuf,
        /// An ACLED-shaped CSV file instead of a dataset folder.
        acled: bool,
    },
    Help,
    Version,
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, String> {
    use lexopt::prelude::*;

    let mut parser = lexopt::Parser::from_args(args);
    let mut subcommand: Option<String> = None;
    let mut positional: Vec<PathBuf> = Vec::new();
    let mut workspace = None;
    let mut dataset = None;
    let mut output = None;
    let mut format = None;
    let (mut events, mut actors, mut seed) = (None, None, None);
    let mut acled = false;
    let mut mapping = None;
    let number = |parser: &mut lexopt::Parser, flag: &str| -> Result<u64, String> {
        let value = parser.value().map_err(|e| e.to_string())?;
        let text = value.to_string_lossy().into_owned();
        text.parse::<u64>()
            .map_err(|_| format!("{flag} needs a whole number, not {text:?}"))
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Invocation::Help),
            Long("version") | Short('V') => return Ok(Invocation::Version),
            Long("workspace") | Short('w') => {
                workspace = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?));
            }
            Long("mapping") | Short('m') => {
                mapping = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?));
            }
            Long("dataset") | Short('d') => {
                dataset = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?));
            }
            Long("output") | Short('o') => {
                output = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?));
            }
            Long("events") => events = Some(number(&mut parser, "--events")?),
            Long("actors") => actors = Some(number(&mut parser, "--actors")?),
            Long("seed") => seed = Some(number(&mut parser, "--seed")?),
            Long("acled") => acled = true,
            Long("format") | Short('f') => {
                let value = parser.value().map_err(|e| e.to_string())?;
                format = Some(value.to_string_lossy().into_owned());
            }
            Value(value) if subcommand.is_none() => {
                let word = value.to_string_lossy().into_owned();
                match word.as_str() {
                    "open" | "check" | "export" | "import" | "synth" | "help" => {
                        subcommand = Some(word);
                    }
                    _ => return Err(format!("unknown command {word:?}")),
                }
            }
            Value(value) => positional.push(PathBuf::from(value)),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    let command = subcommand.as_deref().unwrap_or("open");
    let only = |allowed: &[&str]| -> Result<(), String> {
        let given = [
            ("--workspace", workspace.is_some()),
            ("--dataset", dataset.is_some()),
            ("--output", output.is_some()),
            ("--format", format.is_some()),
            ("--events", events.is_some()),
            ("--actors", actors.is_some()),
            ("--seed", seed.is_some()),
            ("--acled", acled),
            ("--mapping", mapping.is_some()),
        ];
        for (flag, present) in given {
            if present && !allowed.contains(&flag) {
                return Err(format!("{flag} does not apply to `{command}`"));
            }
        }
        Ok(())
    };
    let one_dataset = |positional: Vec<PathBuf>| -> Result<Option<PathBuf>, String> {
        if positional.len() > 1 {
            return Err(format!("`{command}` takes at most one DATASET"));
        }
        Ok(positional.into_iter().next())
    };
    match command {
        "help" => Ok(Invocation::Help),
        "open" => {
            only(&["--workspace", "--mapping"])?;
            if subcommand.is_none() && !positional.is_empty() {
                return Err("to open a dataset, say `actorscope open DATASET`".to_owned());
            }
            let dataset = one_dataset(positional)?;
            if mapping.is_some() && dataset.is_none() {
                return Err("--mapping needs the DATASET file it maps".to_owned());
            }
            Ok(Invocation::Open {
                dataset,
                workspace,
                mapping,
            })
        }
        "check" => {
            only(&["--workspace", "--mapping"])?;
            let dataset = one_dataset(positional)?;
            if mapping.is_some() && dataset.is_none() {
                return Err("--mapping needs the DATASET file it maps".to_owned());
            }
            Ok(Invocation::Check {
                dataset,
                workspace,
                mapping,
            })
        }
        "export" => {
            only(&["--format", "--dataset", "--output"])?;
            if !positional.is_empty() {
                return Err("`export` takes the dataset as --dataset DATASET".to_owned());
            }
            let name = format.ok_or("`export` needs --format (json)")?;
            let format = ExportFormat::parse(&name).ok_or_else(|| {
                format!(
                    "unknown export format {name:?}; known formats: {}",
                    ExportFormat::NAMES.join(", ")
                )
            })?;
            Ok(Invocation::Export {
                format,
                dataset,
                output,
            })
        }
        "import" => {
            only(&["--format", "--output", "--mapping"])?;
            if mapping.is_some() && format.is_some() {
                return Err("give --format or --mapping, not both".to_owned());
            }
            let file = match <[PathBuf; 1]>::try_from(positional) {
                Ok([file]) => file,
                Err(_) => return Err("`import` takes one FILE".to_owned()),
            };
            let format = match format {
                None => None,
                Some(name) => {
                    Some(crate::io::import::Format::from_code(&name).ok_or_else(|| {
                        let known: Vec<_> = crate::io::import::Format::ALL
                            .iter()
                            .map(|f| f.code())
                            .collect();
                        format!(
                            "unknown import format {name:?}; known formats: {}",
                            known.join(", ")
                        )
                    })?)
                }
            };
            Ok(Invocation::Import {
                file,
                format,
                mapping,
                output: output.ok_or("`import` needs -o DIR")?,
            })
        }
        "synth" => {
            only(&["--events", "--actors", "--seed", "--output", "--acled"])?;
            if !positional.is_empty() {
                return Err("`synth` writes into the folder given as -o DIR".to_owned());
            }
            let events = events.ok_or("`synth` needs --events N")?;
            let actors = actors.unwrap_or(200);
            if events == 0 || actors < 2 {
                return Err("`synth` needs at least 1 event and 2 actors".to_owned());
            }
            Ok(Invocation::Synth {
                events: usize::try_from(events).map_err(|_| "--events is too large")?,
                actors: usize::try_from(actors).map_err(|_| "--actors is too large")?,
                seed: seed.unwrap_or(42),
                output: output.ok_or("`synth` needs -o DIR")?,
                acled,
            })
        }
        _ => unreachable!("subcommands are checked above"),
    }
}

fn source(dataset: Option<PathBuf>) -> DatasetSource {
    dataset.map_or(DatasetSource::Embedded, DatasetSource::File)
}

/// `actorscope check`: prints counts and every problem; 0 when clean, 1 otherwise. With
/// `--workspace` and no DATASET, the workspace's own dataset is checked and resolved.
pub fn check(
    dataset: Option<PathBuf>,
    workspace: Option<PathBuf>,
    mapping: Option<PathBuf>,
    out: &mut dyn std::io::Write,
) -> u8 {
    let mut problems = 0;
    let mut loaded = None;
    if dataset.is_some() || workspace.is_none() {
        let result = match (&mapping, &dataset) {
            (Some(mapping), Some(path)) => match import::read_mapping(mapping) {
                Ok(mapping) => io::dataset::load_mapped(path, &mapping),
                Err(why) => {
                    let _ = writeln!(out, "{why}");
                    return 1;
                }
            },
            _ => io::load(&source(dataset.clone())),
        };
        let source = source(dataset);
        match result {
            Ok(ok) => {
                let _ = writeln!(out, "{source}: {}", ok.dataset.counts());
                // Rows an import could not read: reported, and the check fails.
                for notice in &ok.notices {
                    let _ = writeln!(out, "{notice}");
                }
                problems += ok.notices.len();
                loaded = Some(ok);
            }
            Err(failure) => {
                if let Some(counts) = failure.counts {
                    let _ = writeln!(out, "{source}: {counts}");
                }
                for problem in &failure.problems {
                    let _ = writeln!(out, "{problem}");
                }
                problems += failure.problems.len();
            }
        }
    }
    if let Some(workspace) = workspace
        && problems == 0
    {
        problems += crate::workspace::check_file(&workspace, loaded.as_ref(), out);
    }
    if problems == 0 {
        let _ = writeln!(out, "no problems");
        0
    } else {
        let _ = writeln!(out, "{problems} problem(s)");
        1
    }
}

/// `actorscope export`: writes the dataset in `format` to `output` or stdout.
pub fn export(
    format: ExportFormat,
    dataset: Option<PathBuf>,
    output: Option<PathBuf>,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> u8 {
    let source = source(dataset);
    let loaded = match io::load(&source) {
        Ok(loaded) => loaded,
        Err(failure) => {
            let _ = writeln!(stderr, "{failure}");
            let _ = writeln!(
                stderr,
                "not exported: {source} has problems (run `actorscope check`)"
            );
            return 1;
        }
    };
    let result = match &output {
        None => export::render(format, &loaded.dataset).and_then(|text| {
            stdout
                .write_all(text.as_bytes())
                .map_err(|err| export::ExportError::Write {
                    path: "standard output".to_owned(),
                    reason: err.to_string(),
                })
        }),
        Some(path) => export::write(format, &loaded.dataset, path),
    };
    match result {
        Ok(()) => 0,
        Err(err) => {
            let _ = writeln!(stderr, "{err}");
            1
        }
    }
}
/// `actorscope synth`: writes `dataset.ron` and its one document into `dir` (created if need
/// be), each atomically. The same arguments always give the same files.
pub fn synth(
    events: usize,
    actors: usize,
    seed: u64,
    dir: &std::path::Path,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> u8 {
    synth_dataset(events, actors, seed, dir, stdout, stderr)
}

fn synth_dataset(
    events: usize,
    actors: usize,
    seed: u64,
    dir: &std::path::Path,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> u8 {
    let raw = crate::synth::synthetic_raw(events, actors, seed);
    let text = match ron::ser::to_string_pretty(&raw, ron::ser::PrettyConfig::default()) {
        Ok(text) => text + "\n",
        Err(err) => {
            let _ = writeln!(stderr, "cannot serialise the dataset: {err}");
            return 1;
        }
    };
    if let Err(err) = std::fs::create_dir_all(dir) {
        let _ = writeln!(stderr, "cannot create {}: {err}", dir.display());
        return 1;
    }
    let files = [
        (dir.join("dataset.ron"), text),
        (
            dir.join(crate::synth::DOCUMENT_FILE),
            crate::synth::document_text(),
        ),
    ];
    for (path, content) in &files {
        if let Err(err) = io::atomic::write(path, content.as_bytes()) {
            let _ = writeln!(stderr, "cannot write {}: {err}", path.display());
            return 1;
        }
    }
    let _ = writeln!(
        stdout,
        "wrote {} ({events} events, {} actors, seed {seed})",
        files[0].0.display(),
        actors.max(2)
    );
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Result<Invocation, String> {
        parse(line.split_whitespace().map(OsString::from))
    }

    #[test]
    fn parses_synth_with_defaults_and_refuses_what_is_missing() {
        assert_eq!(
            args("synth --events 10 -o out"),
            Ok(Invocation::Synth {
                events: 10,
                actors: 200,
                seed: 42,
                output: PathBuf::from("out"),
                acled: false,
            })
        );
        assert!(matches!(
            args("synth --acled --events 5 -o a.csv"),
            Ok(Invocation::Synth { acled: true, .. })
        ));
        assert!(args("check --acled").unwrap_err().contains("--acled"));
        assert!(args("synth -o out").unwrap_err().contains("--events"));
        assert!(args("synth --events 10").unwrap_err().contains("-o DIR"));
        assert!(args("synth --events 10 --actors 1 -o out").is_err());
        assert!(args("check --events 10").unwrap_err().contains("--events"));
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(
            args(""),
            Ok(Invocation::Open {
                dataset: None,
                workspace: None,
                mapping: None
            })
        );
        assert_eq!(
            args("open data.ron --workspace w.ron"),
            Ok(Invocation::Open {
                dataset: Some("data.ron".into()),
                workspace: Some("w.ron".into()),
                mapping: None
            })
        );
        assert_eq!(
            args("open log.csv --mapping m.ron"),
            Ok(Invocation::Open {
                dataset: Some("log.csv".into()),
                workspace: None,
                mapping: Some("m.ron".into())
            })
        );
        assert!(args("open --mapping m.ron").is_err());
        assert_eq!(
            args("check"),
            Ok(Invocation::Check {
                dataset: None,
                workspace: None,
                mapping: None
            })
        );
        assert_eq!(
            args("export --format json -o out.json"),
            Ok(Invocation::Export {
                format: ExportFormat::Json,
                dataset: None,
                output: Some("out.json".into())
            })
        );
        assert_eq!(args("--help"), Ok(Invocation::Help));
        assert_eq!(args("check --version"), Ok(Invocation::Version));
    }

    #[test]
    fn refuses_what_it_does_not_understand() {
        assert!(args("frobnicate").unwrap_err().contains("frobnicate"));
        assert!(args("export").unwrap_err().contains("--format"));
        assert!(args("export --format csv").unwrap_err().contains("csv"));
        assert!(args("check a.ron b.ron").is_err());
        assert!(args("check --output x").unwrap_err().contains("--output"));
        assert!(args("open --bogus").is_err());
        assert!(args("data.ron").is_err());
    }
}
