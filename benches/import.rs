//! Importing an ACLED-shaped CSV (current columns, notes of realistic length, some quoted):
//! time to open it as a dataset — read, decode, parse, build, validate every quote — and the
//! peak memory while doing so, against the file's size.
//!
//! Run: `cargo bench --bench import` (add `-- 100000` for one size only).
//! Budget (issue "Bring your own data"): 1,000,000 rows in at most 5 s, peak memory at most
//! twice the file's size.

#![allow(clippy::unwrap_used)] // a bench: a failure should stop it loudly

use std::io::Write as _;
use std::time::Instant;

use actorscope::synth::{ACLED_HEADER, Rng, acled_rows};

/// The allocator the binary uses (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Peak resident memory since the last reset, in MiB (Linux).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Resets the peak to the current resident size (Linux: `5` to `clear_refs`).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let only: Option<usize> = std::env::args().skip(1).find_map(|a| a.parse().ok());
    let sizes = [10_000, 100_000, 1_000_000];
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!("Actorscope import benchmark: ACLED-shaped CSV, opened as a dataset (load_path)");
    println!("     rows |  file MiB | open s | rows/s    | peak MiB over base | peak / file");
    for rows in sizes.into_iter().filter(|n| only.is_none_or(|o| o == *n)) {
        // Written in pieces: the generator never holds the whole file.
        let path = dir.path().join(format!("acled-{rows}.csv"));
        {
            let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
            writeln!(file, "{ACLED_HEADER}").unwrap();
            let mut rng = Rng::new(7);
            let mut piece = String::new();
            let mut done = 0;
            while done < rows {
                let n = (rows - done).min(50_000);
                piece.clear();
                acled_rows(
                    &mut piece,
                    done + 1,
                    n,
                    (rows / 60).clamp(50, 16_000),
                    &mut rng,
                );
                file.write_all(piece.as_bytes()).unwrap();
                done += n;
            }
        }
        let size = std::fs::metadata(&path).unwrap().len() as f64 / (1024.0 * 1024.0);
        reset_peak();
        let base = rss_mib();
        let start = Instant::now();
        let loaded = actorscope::io::load_path(&path).expect("the import loads");
        let seconds = start.elapsed().as_secs_f64();
        let peak = peak_mib() - base;
        assert_eq!(loaded.dataset.events.len(), rows);
        assert!(loaded.notices.is_empty());
        println!(
            "{rows:>9} | {size:>9.1} | {seconds:>6.2} | {:>9.0} | {peak:>18.0} | {:>11.2}",
            rows as f64 / seconds,
            peak / size
        );
        drop(loaded);
        // Where the time goes: decoding the file, then reading it into the dataset.
        let bytes = std::fs::read(&path).unwrap();
        let start = Instant::now();
        let (text, encoding) = actorscope::io::import::decode_shared(&bytes);
        drop(bytes);
        let decode = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let imported = actorscope::io::import::import_text(
            "b",
            "b.csv",
            &text,
            encoding,
            None,
            &actorscope::io::Progress::new(),
        )
        .unwrap();
        let read = start.elapsed().as_secs_f64();
        println!("          (decoding {decode:.2} s, reading and building {read:.2} s)");
        drop(imported);
        let _ = std::fs::remove_file(&path);
    }
}
