//! The force-directed layout: pure arithmetic on points, no egui, no painting.
//!
//! A d3-force style simulation — many-body repulsion approximated with a Barnes–Hut quadtree
//! (O(n log n) per step), springs along links, a weak pull towards the centre and a strong
//! one that keeps the core actors in the middle. Deterministic: initial positions follow a
//! phyllotaxis spiral in a fixed order and the only randomness (separating coincident points)
//! comes from a fixed-seed generator, so the same graph always settles to the same picture.

pub use crate::query::graph::LayoutGraph;

/// Repulsion between every pair of nodes (negative: they push apart).
const CHARGE: f32 = -420.0;
/// Preferred length of a link, in scene units.
const LINK_DISTANCE: f32 = 110.0;
/// Pull of every node towards the origin, so that separate components stay in view.
const GRAVITY: f32 = 0.03;
/// Pull of a core actor towards its place in the centre.
const CORE_PULL: f32 = 0.35;
/// Radius of the ring on which the core actors sit.
const CORE_RING: f32 = 90.0;
/// Barnes–Hut accuracy: a cell whose size over distance is below this acts as one body.
const THETA2: f32 = 0.81;
/// Velocity kept from one step to the next.
const VELOCITY_KEEP: f32 = 0.6;
/// The simulation is still once alpha falls below this.
pub const ALPHA_MIN: f32 = 0.001;
/// How much of the gap to the target alpha closes each step (300 steps from 1 to `ALPHA_MIN`).
const ALPHA_DECAY: f32 = 0.022_762_8;
/// The fixed seed of the jiggle generator.
const SEED: u64 = 0x005e_ed0f_ac70_25c0;

/// A running simulation. Cheap to step; still (and not worth a repaint) once [`Self::is_settled`].
#[derive(Clone, Debug)]
pub struct Simulation {
    pos: Vec<[f32; 2]>,
    vel: Vec<[f32; 2]>,
    fixed: Vec<Option<[f32; 2]>>,
    links: Vec<(u32, u32)>,
    /// Per link: spring strength and how much of the correction the target takes.
    link_strength: Vec<f32>,
    link_bias: Vec<f32>,
    /// Per node: where the centring force pulls it and how hard.
    anchor: Vec<([f32; 2], f32)>,
    alpha: f32,
    alpha_target: f32,
    rng: u64,
    tree: QuadTree,
}

impl Simulation {
    /// A fresh simulation with every node at its deterministic starting place.
    pub fn new(graph: &LayoutGraph) -> Self {
        let known = vec![None; graph.nodes];
        Self::with_positions(graph, &known, 1.0)
    }

    /// A simulation that starts from the given positions (where known) and temperature; the
    /// unknown ones start on the spiral. `alpha` 0 means "already settled".
    pub fn with_positions(graph: &LayoutGraph, known: &[Option<[f32; 2]>], alpha: f32) -> Self {
        let n = graph.nodes;
        let mut degree = vec![0u32; n];
        for &(a, b) in &graph.links {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        // Spiral order: core actors first, then the best-connected nodes, so the dense part
        // of the graph starts near the middle and has less to untangle.
        let mut order: Vec<u32> = graph.core.clone();
        let mut rest: Vec<u32> = (0..n as u32).filter(|i| !graph.core.contains(i)).collect();
        rest.sort_by_key(|&i| (std::cmp::Reverse(degree[i as usize]), i));
        order.extend(rest);
        let mut pos = vec![[0.0f32; 2]; n];
        let golden = std::f32::consts::PI * (3.0 - 5.0f32.sqrt());
        for (rank, &i) in order.iter().enumerate() {
            let r = 20.0 * (0.5 + rank as f32).sqrt();
            let angle = rank as f32 * golden;
            pos[i as usize] = [r * angle.cos(), r * angle.sin()];
        }
        for (p, k) in pos.iter_mut().zip(known) {
            if let Some(k) = k
                && k[0].is_finite()
                && k[1].is_finite()
            {
                *p = *k;
            }
        }
        let mut anchor = vec![([0.0, 0.0], GRAVITY); n];
        let cores = graph.core.len().max(1) as f32;
        for (k, &i) in graph.core.iter().enumerate() {
            let angle = k as f32 / cores * std::f32::consts::TAU;
            let ring = if graph.core.len() > 1 { CORE_RING } else { 0.0 };
            anchor[i as usize] = ([ring * angle.cos(), ring * angle.sin()], CORE_PULL);
        }
        let link_strength = graph
            .links
            .iter()
            .map(|&(a, b)| 1.0 / degree[a as usize].min(degree[b as usize]).max(1) as f32)
            .collect();
        let link_bias = graph
            .links
            .iter()
            .map(|&(a, b)| {
                let (da, db) = (degree[a as usize] as f32, degree[b as usize] as f32);
                da / (da + db).max(1.0)
            })
            .collect();
        Self {
            pos,
            vel: vec![[0.0; 2]; n],
            fixed: vec![None; n],
            links: graph.links.clone(),
            link_strength,
            link_bias,
            anchor,
            alpha: alpha.clamp(0.0, 1.0),
            alpha_target: 0.0,
            rng: SEED,
            tree: QuadTree::default(),
        }
    }

    pub fn positions(&self) -> &[[f32; 2]] {
        &self.pos
    }

    pub fn alpha(&self) -> f32 {
        self.alpha
    }

    /// Still: nothing will move until something reheats it.
    pub fn is_settled(&self) -> bool {
        self.alpha < ALPHA_MIN && self.alpha_target < ALPHA_MIN
    }

    /// Holds a node at `pos` (a pin, or the node under a dragging pointer).
    pub fn fix(&mut self, node: usize, pos: [f32; 2]) {
        if let Some(slot) = self.fixed.get_mut(node) {
            *slot = Some(pos);
            self.pos[node] = pos;
            self.vel[node] = [0.0; 2];
        }
    }

    pub fn unfix(&mut self, node: usize) {
        if let Some(slot) = self.fixed.get_mut(node) {
            *slot = None;
        }
    }

    /// Raises the temperature so that the layout moves again (after a pin or unpin).
    pub fn reheat(&mut self, alpha: f32) {
        self.alpha = self.alpha.max(alpha);
    }

    /// The temperature the simulation tends to: above zero while a node is being dragged, so
    /// that its neighbours follow it.
    pub fn set_alpha_target(&mut self, target: f32) {
        self.alpha_target = target;
    }

    /// One step of the simulation. Does nothing once settled.
    pub fn step(&mut self) {
        if self.is_settled() {
            return;
        }
        self.alpha += (self.alpha_target - self.alpha) * ALPHA_DECAY;
        let alpha = self.alpha;
        self.apply_links(alpha);
        self.apply_charge(alpha);
        for (i, (p, v)) in self.pos.iter_mut().zip(&mut self.vel).enumerate() {
            let (target, strength) = self.anchor[i];
            v[0] += (target[0] - p[0]) * strength * alpha;
            v[1] += (target[1] - p[1]) * strength * alpha;
            if let Some(f) = self.fixed[i] {
                *p = f;
                *v = [0.0; 2];
            } else {
                v[0] *= VELOCITY_KEEP;
                v[1] *= VELOCITY_KEEP;
                p[0] += v[0];
                p[1] += v[1];
            }
        }
    }

    fn jiggle(&mut self) -> f32 {
        // A small LCG: only used to separate points that sit exactly on top of each other.
        self.rng = self
            .rng
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.rng >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 1e-3
    }

    fn apply_links(&mut self, alpha: f32) {
        for k in 0..self.links.len() {
            let (a, b) = self.links[k];
            let (a, b) = (a as usize, b as usize);
            let mut dx = self.pos[b][0] + self.vel[b][0] - self.pos[a][0] - self.vel[a][0];
            let mut dy = self.pos[b][1] + self.vel[b][1] - self.pos[a][1] - self.vel[a][1];
            if dx == 0.0 {
                dx = self.jiggle();
            }
            if dy == 0.0 {
                dy = self.jiggle();
            }
            let len = (dx * dx + dy * dy).sqrt();
            let f = (len - LINK_DISTANCE) / len * alpha * self.link_strength[k];
            let (fx, fy) = (dx * f, dy * f);
            let bias = self.link_bias[k];
            self.vel[b][0] -= fx * bias;
            self.vel[b][1] -= fy * bias;
            self.vel[a][0] += fx * (1.0 - bias);
            self.vel[a][1] += fy * (1.0 - bias);
        }
    }

    fn apply_charge(&mut self, alpha: f32) {
        self.tree.build(&self.pos);
        let strength = CHARGE * alpha;
        for i in 0..self.pos.len() {
            let [fx, fy] = self.tree.force_on(i, &self.pos);
            self.vel[i][0] += fx * strength;
            self.vel[i][1] += fy * strength;
        }
    }
}

/// A Barnes–Hut quadtree over unit-mass points, rebuilt every step into flat vectors (no
/// allocation once warm).
#[derive(Clone, Debug, Default)]
struct QuadTree {
    cells: Vec<Cell>,
    /// Point indices, grouped so that each leaf owns a contiguous run.
    order: Vec<u32>,
    scratch: Vec<u32>,
}

#[derive(Clone, Copy, Debug)]
struct Cell {
    /// Centre of mass and number of points.
    com: [f32; 2],
    mass: f32,
    /// Width of the cell's square.
    size: f32,
    /// First child cell (children are consecutive… 0 for a leaf) and number of children.
    first_child: u32,
    children: u8,
    /// The leaf's points: `order[start..start + count]`.
    start: u32,
    count: u32,
}

/// Cells smaller than this stop splitting (points on top of each other share a leaf).
const MIN_CELL: f32 = 1e-3;

impl QuadTree {
    fn build(&mut self, pos: &[[f32; 2]]) {
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..pos.len() as u32);
        if pos.is_empty() {
            return;
        }
        let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
        for p in pos {
            min = [min[0].min(p[0]), min[1].min(p[1])];
            max = [max[0].max(p[0]), max[1].max(p[1])];
        }
        let size = (max[0] - min[0]).max(max[1] - min[1]).max(1.0);
        self.cells.push(Cell {
            com: [0.0; 2],
            mass: 0.0,
            size,
            first_child: 0,
            children: 0,
            start: 0,
            count: pos.len() as u32,
        });
        // Breadth-first split: each cell partitions its run of `order` into quadrants.
        let mut next = 0;
        let mut origins = vec![min];
        while next < self.cells.len() {
            let cell = self.cells[next];
            let origin = origins[next];
            let run = cell.start as usize..(cell.start + cell.count) as usize;
            let (mut sx, mut sy) = (0.0, 0.0);
            for &i in &self.order[run.clone()] {
                sx += pos[i as usize][0];
                sy += pos[i as usize][1];
            }
            let mass = cell.count as f32;
            self.cells[next].com = [sx / mass, sy / mass];
            self.cells[next].mass = mass;
            if cell.count > 1 && cell.size > MIN_CELL {
                let half = cell.size / 2.0;
                let mid = [origin[0] + half, origin[1] + half];
                let quadrant =
                    |p: [f32; 2]| usize::from(p[0] >= mid[0]) | usize::from(p[1] >= mid[1]) << 1;
                let mut counts = [0u32; 4];
                for &i in &self.order[run.clone()] {
                    counts[quadrant(pos[i as usize])] += 1;
                }
                let mut offsets = [0u32; 4];
                let mut acc = cell.start;
                for q in 0..4 {
                    offsets[q] = acc;
                    acc += counts[q];
                }
                self.scratch.clear();
                self.scratch.extend_from_slice(&self.order[run.clone()]);
                let mut cursor = offsets;
                for &i in &self.scratch {
                    let q = quadrant(pos[i as usize]);
                    self.order[cursor[q] as usize] = i;
                    cursor[q] += 1;
                }
                let first_child = self.cells.len() as u32;
                let mut children = 0;
                for q in 0..4 {
                    if counts[q] == 0 {
                        continue;
                    }
                    children += 1;
                    self.cells.push(Cell {
                        com: [0.0; 2],
                        mass: 0.0,
                        size: half,
                        first_child: 0,
                        children: 0,
                        start: offsets[q],
                        count: counts[q],
                    });
                    let ox = if q & 1 == 1 { mid[0] } else { origin[0] };
                    let oy = if q & 2 == 2 { mid[1] } else { origin[1] };
                    origins.push([ox, oy]);
                }
                self.cells[next].first_child = first_child;
                self.cells[next].children = children;
            }
            next += 1;
        }
    }

    /// The summed `d / |d|²` from every other point to point `i` (d pointing away from them),
    /// approximating far cells by their centre of mass.
    fn force_on(&self, i: usize, pos: &[[f32; 2]]) -> [f32; 2] {
        let mut force = [0.0f32; 2];
        if self.cells.is_empty() {
            return force;
        }
        let p = pos[i];
        let mut stack: [u32; 256] = [0; 256];
        let mut top = 1;
        while top > 0 {
            top -= 1;
            let cell = &self.cells[stack[top] as usize];
            let dx = cell.com[0] - p[0];
            let dy = cell.com[1] - p[1];
            let mut d2 = dx * dx + dy * dy;
            let far = cell.size * cell.size / THETA2 < d2;
            if far || cell.children == 0 {
                if far {
                    d2 = d2.max(1.0);
                    force[0] += dx * cell.mass / d2;
                    force[1] += dy * cell.mass / d2;
                    continue;
                }
                // A near leaf: each point on its own (skipping `i` itself).
                let run = cell.start as usize..(cell.start + cell.count) as usize;
                for &j in &self.order[run] {
                    if j as usize == i {
                        continue;
                    }
                    // Coincident points are pushed apart along a direction fixed by the pair.
                    let q = pos[j as usize];
                    let (mut dx, mut dy) = (q[0] - p[0], q[1] - p[1]);
                    if dx == 0.0 && dy == 0.0 {
                        let a =
                            (i as f32 * 0.618 + j as f32 * 0.382).fract() * std::f32::consts::TAU;
                        dx = a.cos() * 1e-2;
                        dy = a.sin() * 1e-2;
                    }
                    let d2 = (dx * dx + dy * dy).max(1.0);
                    force[0] += dx / d2;
                    force[1] += dy / d2;
                }
                continue;
            }
            for c in 0..u32::from(cell.children) {
                if top < stack.len() {
                    stack[top] = cell.first_child + c;
                    top += 1;
                }
            }
        }
        force
    }
}

/// The bounding box of some points: `(min, max)`, or `None` for none.
pub fn bounds(points: impl IntoIterator<Item = [f32; 2]>) -> Option<([f32; 2], [f32; 2])> {
    let mut out: Option<([f32; 2], [f32; 2])> = None;
    for p in points {
        if !(p[0].is_finite() && p[1].is_finite()) {
            continue;
        }
        out = Some(match out {
            None => (p, p),
            Some((min, max)) => (
                [min[0].min(p[0]), min[1].min(p[1])],
                [max[0].max(p[0]), max[1].max(p[1])],
            ),
        });
    }
    out
}

/// `n` nodes in a ring, node 0 the core: a small graph for tests.
#[cfg(test)]
pub(crate) fn ring(n: u32) -> LayoutGraph {
    LayoutGraph {
        nodes: n as usize,
        links: (0..n).map(|i| (i, (i + 1) % n)).collect(),
        core: vec![0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(sim: &mut Simulation) -> usize {
        let mut steps = 0;
        while !sim.is_settled() && steps < 10_000 {
            sim.step();
            steps += 1;
        }
        steps
    }

    #[test]
    fn settles_deterministically() {
        let mut a = Simulation::new(&ring(30));
        let mut b = Simulation::new(&ring(30));
        let steps = run(&mut a);
        run(&mut b);
        assert!(a.is_settled());
        assert!(steps < 400, "took {steps} steps");
        assert_eq!(a.positions(), b.positions());
        // Once settled, stepping changes nothing.
        let before = a.positions().to_vec();
        a.step();
        assert_eq!(a.positions(), &before[..]);
    }

    #[test]
    fn core_node_stays_central_and_links_keep_their_length() {
        let mut sim = Simulation::new(&ring(20));
        run(&mut sim);
        let p = sim.positions();
        // A ring cannot put one of its own nodes at its centre; the core node must still sit
        // much nearer the origin than the ring's other nodes do.
        let centre = p[0];
        let core = centre[0].hypot(centre[1]);
        let others = p[1..].iter().map(|q| q[0].hypot(q[1])).sum::<f32>() / 19.0;
        assert!(
            core < 0.4 * others,
            "core at {core}, the others at {others}"
        );
        let d = |a: usize, b: usize| (p[a][0] - p[b][0]).hypot(p[a][1] - p[b][1]);
        for i in 0..20 {
            let len = d(i, (i + 1) % 20);
            assert!(len > 20.0 && len < 400.0, "link {i} is {len}");
        }
    }

    #[test]
    fn barnes_hut_matches_the_exact_sum() {
        let pos: Vec<[f32; 2]> = (0..500)
            .map(|i| {
                let a = i as f32 * 2.4;
                let r = 10.0 * (i as f32).sqrt();
                [r * a.cos(), r * a.sin()]
            })
            .collect();
        let mut tree = QuadTree::default();
        tree.build(&pos);
        for i in [0usize, 17, 250, 499] {
            let approx = tree.force_on(i, &pos);
            let mut exact = [0.0f32; 2];
            // The scale of the sum: near the middle the pushes cancel, so compare the error
            // with the pushes' total size rather than with their (small) resultant.
            let mut size = 0.0f32;
            for (j, q) in pos.iter().enumerate() {
                if j != i {
                    let (dx, dy) = (q[0] - pos[i][0], q[1] - pos[i][1]);
                    let d2 = (dx * dx + dy * dy).max(1.0);
                    exact[0] += dx / d2;
                    exact[1] += dy / d2;
                    size += dx.hypot(dy) / d2;
                }
            }
            let err = (approx[0] - exact[0]).hypot(approx[1] - exact[1]);
            assert!(err / size < 0.02, "node {i}: {approx:?} vs {exact:?}");
        }
    }

    #[test]
    fn pinned_nodes_stay_put() {
        let mut sim = Simulation::new(&ring(10));
        sim.fix(3, [500.0, -200.0]);
        run(&mut sim);
        assert_eq!(sim.positions()[3], [500.0, -200.0]);
    }

    #[test]
    fn coincident_points_separate() {
        let graph = LayoutGraph {
            nodes: 5,
            links: vec![],
            core: vec![],
        };
        let mut sim = Simulation::with_positions(&graph, &[Some([1.0, 1.0]); 5], 1.0);
        for _ in 0..50 {
            sim.step();
        }
        let p = sim.positions();
        assert!(p.iter().all(|q| q[0].is_finite() && q[1].is_finite()));
        assert_ne!(p[0], p[1]);
    }
}
