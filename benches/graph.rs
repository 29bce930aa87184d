//! The actor graph at 100, 1k and 10k actors (synthetic data, about five relations per
//! actor): the time of one layout step (Barnes–Hut), and the frame CPU time of the whole
//! window (UI + tessellation, headless) with the other panels hidden so the graph fills
//! the window — while the layout animates, and once it is still while panning, zooming and
//! hovering (the hit test runs every frame).
//!
//! Run: `cargo bench --bench graph` (add `-- 10000` to run one size only).
//! Budget: a layout step under 16 ms and a frame under 8 ms at 10k actors.

use std::sync::Arc;
use std::time::Instant;

use actorscope::app::ActorscopeApp;
use actorscope::io::{DatasetSource, LoadedDataset};
use actorscope::synth::synthetic;
use actorscope::views::graph::layout::Simulation;
use actorscope::views::graph::scene::{Geometry, GraphModel};

mod common;
use common::{frame, ms, stats};

fn main() {
    let only: Option<usize> = std::env::args().skip(1).find_map(|a| a.parse().ok());
    println!("Actorscope graph benchmark: 1600×1000 window, graph only; times in ms");
    println!(
        "{:>7} {:>7} {:>8} | {:>11} | {:>21} | {:>26} | {:>26}",
        "actors",
        "nodes",
        "links",
        "1st frame",
        "layout step mean/max",
        "frame, animating mean/p95",
        "frame, still: mean/p95/max"
    );
    for &actors in [100usize, 1_000, 10_000]
        .iter()
        .filter(|n| only.is_none_or(|o| o == **n))
    {
        let dataset = synthetic(actors * 5, actors, 42);
        let model = GraphModel::new(&dataset);

        // Layout steps from a cold start (alpha 1: every node moves).
        let mut sim = Simulation::new(&model.layout);
        let mut steps = Vec::new();
        for _ in 0..40 {
            let start = Instant::now();
            sim.step();
            steps.push(start.elapsed());
        }
        let step = stats(steps);

        // Edge geometry for one set of positions, then the hit grid (built on the first
        // pointer query after the layout moves) and a query.
        let start = Instant::now();
        let mut geometry = Geometry::new(&model, sim.positions());
        let geometry_time = start.elapsed();
        let start = Instant::now();
        let probe = egui::pos2(sim.positions()[0][0], sim.positions()[0][1]);
        let _ = geometry.hit(
            &model,
            sim.positions(),
            probe,
            5.0,
            (&|_| 8.0, &|_| 2.0),
            &|_| true,
        );
        let grid_time = start.elapsed();
        let start = Instant::now();
        for k in 0..1000 {
            let p = sim.positions()[k % sim.positions().len()];
            let at = egui::pos2(p[0] + 3.0, p[1] - 2.0);
            let _ = geometry.hit(
                &model,
                sim.positions(),
                at,
                5.0,
                (&|_| 8.0, &|_| 2.0),
                &|_| true,
            );
        }
        let query_time = start.elapsed() / 1000;

        let loaded = LoadedDataset {
            dataset: Arc::new(dataset),
            source: DatasetSource::File(format!("<synthetic {actors} actors>").into()),
            content_hash: String::new(),
            notices: Vec::new(),
            imported: None,
        };
        let mut app = ActorscopeApp::with_loaded(loaded);
        // The graph alone fills the window: the other panels have benchmarks of their own.
        app.state.layout.timeline = false;
        app.state.layout.side = false;
        app.state.layout.inspector = false;
        let ctx = egui::Context::default();
        // The first frame builds the view (model, warm-started layout).
        let start = Instant::now();
        let _ = frame(&mut app, &ctx, 0, None);
        let first = start.elapsed();

        // While the layout animates (each frame also runs layout steps, within 6 ms).
        let mut animating = Vec::new();
        let mut n = 1;
        while !app.state.graph.is_settled() && n < 2_000 {
            animating.push(frame(&mut app, &ctx, n, None));
            n += 1;
        }
        let animating = stats(animating);

        // Still: pan and zoom the camera and move the pointer over the graph.
        let mut still = Vec::new();
        for k in 0..120u64 {
            if let Some(rect) = app.state.graph.scene_rect {
                let rect = match k % 20 {
                    5 => rect.shrink2(rect.size() * 0.2),
                    15 => rect.expand2(rect.size() * 0.25),
                    _ => rect.translate(rect.size() * 0.01),
                };
                app.state.graph.scene_rect = Some(rect);
            }
            let pointer = egui::pos2(
                500.0 + (k as f32 * 7.0) % 500.0,
                300.0 + (k as f32 * 5.0) % 300.0,
            );
            still.push(frame(&mut app, &ctx, n + k, Some(pointer)));
        }
        let slowest = still
            .iter()
            .enumerate()
            .max_by_key(|(_, d)| **d)
            .map_or(0, |(k, _)| k);
        let still = stats(still);
        println!(
            "{actors:>7} {:>7} {:>8} | {:>11.1} | {:>10.2} {:>10.2} | {:>12.2} {:>13.2} | {:>8.2} {:>8.2} {:>8.2}",
            model.nodes.len(),
            model.edges.len(),
            ms(first),
            ms(step.mean),
            ms(step.max),
            ms(animating.mean),
            ms(animating.p95),
            ms(still.mean),
            ms(still.p95),
            ms(still.max),
        );
        println!(
            "        edge geometry {:.2} ms, hit grid build {:.2} ms (once per layout change), hit query {:.1} µs",
            ms(geometry_time),
            ms(grid_time),
            query_time.as_secs_f64() * 1e6
        );
        println!(
            "        (slowest still frame: #{slowest} of 120; frames 5, 25, … zoom in, 15, 35, … out)"
        );
    }
}
