//! What the bench binaries share: a headless 1600×1000 window, one timed frame (UI plus
//! tessellation), summary statistics and the process's memory.

#![allow(dead_code)] // each bench uses its own subset

use std::time::{Duration, Instant};

use actorscope::app::ActorscopeApp;

pub const SIZE: egui::Vec2 = egui::vec2(1600.0, 1000.0);

pub fn input(frame: u64, pointer: Option<egui::Pos2>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE)),
        time: Some(frame as f64 / 60.0),
        events: pointer
            .map(|p| vec![egui::Event::PointerMoved(p)])
            .unwrap_or_default(),
        ..Default::default()
    }
}

/// One frame of the whole window, timed: UI and tessellation, as a real frame would cost
/// the CPU (without the GPU upload).
pub fn frame(
    app: &mut ActorscopeApp,
    ctx: &egui::Context,
    n: u64,
    pointer: Option<egui::Pos2>,
) -> Duration {
    let start = Instant::now();
    let mut output = ctx.run_ui(input(n, pointer), |ui| app.ui(ui));
    // Headless: nobody uploads the font texture (debug builds check that someone did).
    output.textures_delta.clear();
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
    start.elapsed()
}

pub struct Stats {
    pub mean: Duration,
    pub p95: Duration,
    pub max: Duration,
}

pub fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let n = samples.len().max(1);
    let mean = samples.iter().sum::<Duration>() / n as u32;
    let p95 = samples
        .get((n * 95 / 100).min(n - 1))
        .copied()
        .unwrap_or_default();
    Stats {
        mean,
        p95,
        max: samples.last().copied().unwrap_or_default(),
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The resident memory of this process, in MiB.
pub fn rss_mib() -> f64 {
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
