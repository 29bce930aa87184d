//! The `actorscope` binary: parse the command line, run a headless command or open the window.

use std::io::Write as _;
use std::process::ExitCode;

use actorscope::cli::{self, Invocation};

/// mimalloc rather than the system's malloc: an import builds and frees millions of small
/// strings, where glibc's allocator spent a third of the validation consolidating its free
/// lists (`cargo bench --bench import`: validating a million ACLED rows 19–21 s with glibc,
/// 13 s with mimalloc, run side by side).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let command = match cli::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("actorscope: {message}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    match command {
        Invocation::Help => {
            print!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Invocation::Version => {
            println!("actorscope {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Invocation::Check {
            dataset,
            workspace,
            mapping,
        } => ExitCode::from(cli::check(dataset, workspace, mapping, &mut stdout)),
        Invocation::Export {
            format,
            dataset,
            output,
        } => ExitCode::from(cli::export(
            format,
            dataset,
            output,
            &mut stdout,
            &mut stderr,
        )),
        Invocation::Import {
            file,
            format,
            mapping,
            output,
        } => ExitCode::from(cli::import(
            &file,
            format,
            mapping,
            &output,
            &mut stdout,
            &mut stderr,
        )),
        Invocation::Synth {
            events,
            actors,
            seed,
            output,
            acled,
        } => ExitCode::from(if acled {
            cli::synth_acled(events, actors, seed, &output, &mut stdout, &mut stderr)
        } else {
            cli::synth(events, actors, seed, &output, &mut stdout, &mut stderr)
        }),
        Invocation::Open {
            dataset,
            workspace,
            mapping,
        } => {
            // A mapping that does not read is said here, before any window opens.
            let mapping = match mapping.map(|m| cli::read_mapping(&m)).transpose() {
                Ok(mapping) => mapping,
                Err(why) => {
                    let _ = writeln!(stderr, "{why}");
                    return ExitCode::FAILURE;
                }
            };
            drop((stdout, stderr));
            match actorscope::app::run_native(dataset, workspace, mapping) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("actorscope: cannot open the window: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
