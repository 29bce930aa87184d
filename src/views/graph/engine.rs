//! Where the layout runs: inline, a few steps per frame, for small graphs; on a worker thread
//! for big ones, so that a 10 ms Barnes–Hut step never sits inside a frame. Either way the
//! view sees the same small interface: positions, settled or not, and the nudges (fix,
//! unfix, reheat) that dragging and pinning need.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::layout::Simulation;

/// From this many nodes on, the simulation runs on its own thread.
pub const WORKER_MIN_NODES: usize = 1_500;

pub enum Engine {
    Inline(Box<Simulation>),
    Worker(Worker),
}

impl Engine {
    /// Runs `sim` inline or, when it is big, on a worker that asks `ctx` for a repaint after
    /// each step.
    pub fn new(sim: Simulation, ctx: Option<&egui::Context>) -> Self {
        match ctx {
            Some(ctx) if sim.positions().len() >= WORKER_MIN_NODES => {
                Self::Worker(Worker::spawn(sim, ctx.clone()))
            }
            _ => Self::Inline(Box::new(sim)),
        }
    }

    pub fn positions(&self) -> &[[f32; 2]] {
        match self {
            Self::Inline(sim) => sim.positions(),
            Self::Worker(w) => &w.pos,
        }
    }

    pub fn is_settled(&self) -> bool {
        match self {
            Self::Inline(sim) => sim.is_settled(),
            Self::Worker(w) => w.settled,
        }
    }

    /// Moves the layout on: inline, steps within `budget` (at least one); on a worker, takes
    /// its latest positions. Returns whether positions changed.
    pub fn advance(&mut self, budget: Duration, max_steps: usize) -> bool {
        match self {
            Self::Inline(sim) => {
                if sim.is_settled() {
                    return false;
                }
                let start = Instant::now();
                let mut steps = 0;
                while !sim.is_settled()
                    && steps < max_steps
                    && (steps == 0 || start.elapsed() < budget)
                {
                    sim.step();
                    steps += 1;
                }
                true
            }
            Self::Worker(w) => w.sync(),
        }
    }

    pub fn fix(&mut self, node: usize, pos: [f32; 2]) {
        match self {
            Self::Inline(sim) => sim.fix(node, pos),
            Self::Worker(w) => {
                if let Some(p) = w.pos.get_mut(node) {
                    *p = pos;
                }
                w.send(Op::Fix(node, pos));
            }
        }
    }

    pub fn unfix(&mut self, node: usize) {
        match self {
            Self::Inline(sim) => sim.unfix(node),
            Self::Worker(w) => w.send(Op::Unfix(node)),
        }
    }

    pub fn reheat(&mut self, alpha: f32) {
        match self {
            Self::Inline(sim) => sim.reheat(alpha),
            Self::Worker(w) => {
                w.settled = false;
                w.send(Op::Reheat(alpha));
            }
        }
    }

    pub fn set_alpha_target(&mut self, target: f32) {
        match self {
            Self::Inline(sim) => sim.set_alpha_target(target),
            Self::Worker(w) => {
                if target > 0.0 {
                    w.settled = false;
                }
                w.send(Op::AlphaTarget(target));
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Op {
    Fix(usize, [f32; 2]),
    Unfix(usize),
    Reheat(f32),
    AlphaTarget(f32),
}

/// What the view and the worker share, behind one short-held lock.
#[derive(Default)]
struct Shared {
    ops: Vec<Op>,
    positions: Vec<[f32; 2]>,
    generation: u64,
    settled: bool,
    stop: bool,
}

pub struct Worker {
    shared: Arc<(Mutex<Shared>, Condvar)>,
    /// The latest positions the worker published.
    pos: Vec<[f32; 2]>,
    generation: u64,
    settled: bool,
    handle: Option<JoinHandle<()>>,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A worker that panicked left plain data behind; keep using it.
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Worker {
    fn spawn(mut sim: Simulation, ctx: egui::Context) -> Self {
        let pos = sim.positions().to_vec();
        let settled = sim.is_settled();
        let shared = Arc::new((
            Mutex::new(Shared {
                positions: pos.clone(),
                settled,
                ..Shared::default()
            }),
            Condvar::new(),
        ));
        let theirs = shared.clone();
        let handle = std::thread::Builder::new()
            .name("graph-layout".to_owned())
            .spawn(move || {
                let (mutex, wake) = &*theirs;
                loop {
                    {
                        let mut shared = lock(mutex);
                        loop {
                            let changed = !shared.ops.is_empty();
                            for op in shared.ops.drain(..) {
                                match op {
                                    Op::Fix(n, p) => sim.fix(n, p),
                                    Op::Unfix(n) => sim.unfix(n),
                                    Op::Reheat(a) => sim.reheat(a),
                                    Op::AlphaTarget(t) => sim.set_alpha_target(t),
                                }
                            }
                            if shared.stop {
                                return;
                            }
                            if changed {
                                shared.positions.clear();
                                shared.positions.extend_from_slice(sim.positions());
                                shared.generation += 1;
                            }
                            shared.settled = sim.is_settled();
                            if !shared.settled {
                                break;
                            }
                            shared = wake
                                .wait(shared)
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                        }
                    }
                    // The step runs without the lock, so the view never waits for it.
                    sim.step();
                    {
                        let mut shared = lock(mutex);
                        shared.positions.clear();
                        shared.positions.extend_from_slice(sim.positions());
                        shared.generation += 1;
                        shared.settled = sim.is_settled() && shared.ops.is_empty();
                    }
                    ctx.request_repaint();
                }
            })
            .ok();
        Self {
            shared,
            pos,
            generation: 0,
            settled,
            handle,
        }
    }

    fn send(&mut self, op: Op) {
        let (mutex, wake) = &*self.shared;
        lock(mutex).ops.push(op);
        wake.notify_one();
    }

    /// Takes the worker's latest positions; whether they changed.
    fn sync(&mut self) -> bool {
        let (mutex, _) = &*self.shared;
        let shared = lock(mutex);
        let changed = shared.generation != self.generation;
        if changed {
            self.pos.clear();
            self.pos.extend_from_slice(&shared.positions);
            self.generation = shared.generation;
        }
        self.settled = shared.settled && shared.ops.is_empty();
        changed
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let (mutex, wake) = &*self.shared;
        lock(mutex).stop = true;
        wake.notify_one();
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::graph::layout::ring;

    #[test]
    fn the_worker_settles_to_the_same_layout_as_inline_steps() {
        let graph = ring(WORKER_MIN_NODES as u32);
        let mut inline = Simulation::new(&graph);
        while !inline.is_settled() {
            inline.step();
        }
        let ctx = egui::Context::default();
        let mut engine = Engine::new(Simulation::new(&graph), Some(&ctx));
        assert!(matches!(engine, Engine::Worker(_)));
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            engine.advance(Duration::ZERO, 1);
            if engine.is_settled() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(engine.is_settled());
        assert_eq!(engine.positions(), inline.positions());
        // A pin moves the node at once and wakes the worker; it settles again.
        engine.fix(3, [1e4, 1e4]);
        engine.reheat(0.1);
        assert_eq!(engine.positions()[3], [1e4, 1e4]);
        assert!(!engine.is_settled());
        let start = Instant::now();
        while !engine.is_settled() && start.elapsed() < Duration::from_secs(60) {
            engine.advance(Duration::ZERO, 1);
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(engine.is_settled());
        assert_eq!(engine.positions()[3], [1e4, 1e4]);
    }
}
