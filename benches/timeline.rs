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

fn input(frame: u64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        time: Some(frame as f64 / 60.0),
        ..Default::default()
    }
}

struct Stats {
    mean: Duration,
    p95: Duration,
    max: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    let p95 = samples[(samples.len() * 95 / 100).min(samples.len() - 1)];
    Stats {
        mean,
        p95,
        max: *samples.last().unwrap_or(&Duration::ZERO),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `frames` frames, panning and zooming the timeline, and returns their CPU times.
fn frames(app: &mut ActorscopeApp, ctx: &egui::Context, frames: u64) -> Vec<Duration> {
    let mut times = Vec::new();
    for frame in 0..frames {
        if let Some((from, to)) = app.state.timeline.view {
            let width = to - from;
            match frame % 20 {
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
        let start = Instant::now();
        let output = ctx.run_ui(input(frame), |ui| app.ui(ui));
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        times.push(start.elapsed());
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
        };
        let mut app = ActorscopeApp::with_loaded(loaded);
        let build = start.elapsed();

        // A filter change: recomputing what is visible (runs once per change, not per frame).
        let mut filters = app.state.filters.clone();
        filters.search = "event 12".to_owned();
        let start = Instant::now();
        app.state.filters = filters;
        let ctx = egui::Context::default();
        let _ = ctx.run_ui(input(0), |ui| app.ui(ui));
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
    }
}
