//! Frame CPU time of the whole window (UI + tessellation, headless) on synthetic datasets of
//! 1k to 1M events, while panning and zooming the timeline; and memory.
//!
//! Run: `cargo bench --bench timeline` (add `-- 100000` to run one size only).
//! Budget: under 8 ms per frame at 100k events, under 16 ms at 1M.

use std::sync::Arc;
use std::time::{Duration, Instant};

use actorscope::app::ActorscopeApp;
use actorscope::io::{DatasetSource, LoadedDataset};
use actorscope::synth::synthetic;

mod common;
use common::{frame, ms, rss_mib, stats};

/// Runs `frames` frames, panning and zooming the timeline, and returns their CPU times.
fn frames(app: &mut ActorscopeApp, ctx: &egui::Context, frames: u64) -> Vec<Duration> {
    let mut times = Vec::new();
    for n in 0..frames {
        if let Some((from, to)) = app.state.timeline.view {
            let width = to - from;
            match n % 20 {
                // Zoom in, then out, around the centre; pan the rest of the time.
                5 => app
                    .state
                    .timeline
                    .zoom_to(from + width / 4.0, to - width / 4.0),
                15 => app
                    .state
                    .timeline
                    .zoom_to(from - width / 2.0, to + width / 2.0),
                _ => app
                    .state
                    .timeline
                    .zoom_to(from + width * 0.02, to + width * 0.02),
            }
        }
        times.push(frame(app, ctx, n, None));
    }
    times
}

fn main() {
    let only: Option<usize> = std::env::args().skip(1).find_map(|a| a.parse().ok());
    let sizes = [1_000usize, 10_000, 100_000, 1_000_000];
    println!("Actorscope timeline benchmark: 1600×1000 window, frames while panning and zooming");
    println!(
        "{:>9} {:>7} {:>10} {:>10} | {:>26} | {:>26} | {:>8}",
        "events",
        "actors",
        "build (s)",
        "filter(ms)",
        "timeline only: mean/p95/max",
        "whole window: mean/p95/max",
        "RSS MiB"
    );
    for &events in sizes.iter().filter(|n| only.is_none_or(|o| o == **n)) {
        let actors = 200;
        let start = Instant::now();
        let dataset = synthetic(events, actors, 42);
        let loaded = LoadedDataset {
            dataset: Arc::new(dataset),
            source: DatasetSource::File(format!("<synthetic {events}>").into()),
            content_hash: String::new(),
            notices: Vec::new(),
            imported: None,
        };
        let mut app = ActorscopeApp::with_loaded(loaded);
        let build = start.elapsed();

        // A filter change: recomputing what is visible (runs once per change, not per frame).
        let mut filters = app.state.filters.clone();
        filters.search = "event 12".to_owned();
        let start = Instant::now();
        app.state.filters = filters;
        let ctx = egui::Context::default();
        let _ = frame(&mut app, &ctx, 0, None);
        let filter_time = start.elapsed();
        app.state.filters.search.clear();

        // Timeline alone (graph hidden), then the whole window.
        app.state.layout.graph = false;
        let _ = frames(&mut app, &ctx, 5);
        let timeline = stats(frames(&mut app, &ctx, 120));
        app.state.layout.graph = true;
        let _ = frames(&mut app, &ctx, 5);
        let whole = stats(frames(&mut app, &ctx, 120));
        println!(
            "{events:>9} {actors:>7} {:>10.2} {:>10.1} | {:>8.2} {:>8.2} {:>8.2} | {:>8.2} {:>8.2} {:>8.2} | {:>8.0}",
            build.as_secs_f64(),
            ms(filter_time),
            ms(timeline.mean),
            ms(timeline.p95),
            ms(timeline.max),
            ms(whole.mean),
            ms(whole.p95),
            ms(whole.max),
            rss_mib()
        );
        if events <= 100_000 {
            load_from_file(events, actors);
        }
    }
}

/// What opening a `.ron` file of this size costs: parse, locate every id and quote, validate
/// and index (`actorscope open big/dataset.ron`). The in-memory build above skips the text.
fn load_from_file(events: usize, actors: usize) {
    let dir = std::env::temp_dir().join(format!("actorscope-bench-{events}"));
    let raw = actorscope::synth::synthetic_raw(events, actors, 42);
    let text = ron::ser::to_string_pretty(&raw, ron::ser::PrettyConfig::default())
        .expect("the synthetic dataset serialises");
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join("dataset.ron"), &text))
        .and_then(|()| {
            std::fs::write(
                dir.join(actorscope::synth::DOCUMENT_FILE),
                actorscope::synth::document_text(),
            )
        });
    if let Err(err) = written {
        println!("          load .ron: cannot write {}: {err}", dir.display());
        return;
    }
    let start = Instant::now();
    let loaded = actorscope::io::load(&DatasetSource::File(dir.join("dataset.ron")));
    let load = start.elapsed();
    println!(
        "          load .ron ({:.0} MB): {:.2} s{}",
        text.len() as f64 / 1e6,
        load.as_secs_f64(),
        if loaded.is_ok() { "" } else { " (FAILED)" }
    );
    let _ = std::fs::remove_dir_all(&dir);
}
