//! The force-directed layout: pure arithmetic on points, no egui, no painting.
//!
//! A d3-force style simulation — many-body repulsion approximated with a Barnes–Hut quadtree
//! (O(n log n) per step), springs along links, a weak pull towards the centre and a strong
//! one that keeps the core actors in the middle. Deterministic: initial positions follow a
//! phyllotaxis spiral in a fixed order and the only randomness (separating coincident points)
//! comes from a fixed-seed generator, so the same graph always settles to the same picture.

use super::quadtree::QuadTree;
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
/// Velocity kept from one step to the next.
const VELOCITY_KEEP: f32 = 0.6;
/// The simulation is still once alpha falls below this.
pub const ALPHA_MIN: f32 = 0.001;
/// How much of the gap to the target alpha closes each step (300 steps from 1 to `ALPHA_MIN`).
const ALPHA_DECAY: f32 = 0.022_762_8;
/// The fixed seed of the jiggle generator.
const SEED: u64 = 0x005e_ed0f_ac70_25c0;
/// The room kept between a node's rim and a link it is not part of, or another node's rim,
/// in scene units, so that no node hides a link or a node.
const CLEARANCE: f32 = 10.0;
/// Share of an overlap closed per step. Like d3's collision force it does not cool with
/// alpha: a settled layout has no overlaps, however it got there.
const CLEARANCE_STRENGTH: f32 = 0.7;
/// The clearance force looks at every (node, link) pair, so it only runs on graphs where
/// that is cheap: the curated and other hand-made datasets, not imported ones.
const CLEARANCE_MAX_PAIRS: usize = 150_000;

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
    /// How much wider than high the layout should come out (the panel's shape): the pull
    /// to the centre is weaker across than up and down by its square.
    stretch: [f32; 2],
    /// Per node: the radius it is drawn with when no filter is on (see `looks::radius_for`).
    room: Vec<f32>,
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
        let most = graph.events.iter().copied().max().unwrap_or(0);
        let room = (0..n)
            .map(|i| match graph.events.get(i) {
                Some(&events) => super::looks::radius_for(events, most),
                None => super::looks::radius_for(0, 1),
            })
            .collect();
        Self {
            room,
            pos,
            vel: vec![[0.0; 2]; n],
            fixed: vec![None; n],
            links: graph.links.clone(),
            link_strength,
            link_bias,
            anchor,
            stretch: [1.0, 1.0],
            alpha: alpha.clamp(0.0, 1.0),
            alpha_target: 0.0,
            rng: SEED,
            tree: QuadTree::default(),
        }
    }

    /// Shapes the layout for a panel `aspect` times wider than high (clamped to 1:3..3:1),
    /// so that a wide, low panel is filled rather than showing a round hairball in its
    /// middle. Call before stepping; it changes where the layout settles, not where it is.
    pub fn set_aspect(&mut self, aspect: f32) {
        let a = if aspect.is_finite() {
            aspect.clamp(1.0 / 3.0, 3.0)
        } else {
            1.0
        };
        self.stretch = [a, 1.0 / a];
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
        if self.pos.len() * (self.pos.len() + self.links.len()) <= CLEARANCE_MAX_PAIRS {
            self.apply_clearance();
        }
        for (i, (p, v)) in self.pos.iter_mut().zip(&mut self.vel).enumerate() {
            let (target, strength) = self.anchor[i];
            let [sx, sy] = self.stretch;
            v[0] += (target[0] * sx.sqrt() - p[0]) * strength / sx * alpha;
            v[1] += (target[1] * sy.sqrt() - p[1]) * strength / sy * alpha;
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

    /// Pushes apart what would hide something on screen: a node lying on a link between two
    /// other nodes (the link is pushed the other way), and two nodes whose discs come within
    /// [`CLEARANCE`] of each other. Quadratic, so only on small graphs
    /// (see [`CLEARANCE_MAX_PAIRS`]).
    fn apply_clearance(&mut self) {
        let k = CLEARANCE_STRENGTH;
        let n = self.pos.len();
        for i in 0..n {
            for j in i + 1..n {
                let dx = self.pos[j][0] - self.pos[i][0];
                let dy = self.pos[j][1] - self.pos[i][1];
                let d2 = dx * dx + dy * dy;
                let need = self.room[i] + self.room[j] + CLEARANCE;
                if d2 >= need * need || d2 == 0.0 {
                    continue;
                }
                let d = d2.sqrt();
                let f = (need - d) / d * k * 0.5;
                self.vel[i][0] -= dx * f;
                self.vel[i][1] -= dy * f;
                self.vel[j][0] += dx * f;
                self.vel[j][1] += dy * f;
            }
        }
        for l in 0..self.links.len() {
            let (a, b) = (self.links[l].0 as usize, self.links[l].1 as usize);
            let (pa, pb) = (self.pos[a], self.pos[b]);
            let (ex, ey) = (pb[0] - pa[0], pb[1] - pa[1]);
            let len2 = ex * ex + ey * ey;
            if len2 < 1e-6 {
                continue;
            }
            for i in 0..n {
                if i == a || i == b {
                    continue;
                }
                let p = self.pos[i];
                let t = ((p[0] - pa[0]) * ex + (p[1] - pa[1]) * ey) / len2;
                if !(0.05..=0.95).contains(&t) {
                    continue;
                }
                let (cx, cy) = (pa[0] + ex * t, pa[1] + ey * t);
                let (dx, dy) = (p[0] - cx, p[1] - cy);
                let d2 = dx * dx + dy * dy;
                let need = self.room[i] + CLEARANCE;
                if d2 >= need * need {
                    continue;
                }
                // The direction away from the line (exactly on it: always the same side).
                let (ux, uy, d) = if d2 < 1e-6 {
                    let len = len2.sqrt();
                    (-ey / len, ex / len, 0.0)
                } else {
                    let d = d2.sqrt();
                    (dx / d, dy / d, d)
                };
                let push = (need - d) * k * 0.5;
                self.vel[i][0] += ux * push;
                self.vel[i][1] += uy * push;
                // The link's ends move the other way, each by its share of the distance.
                self.vel[a][0] -= ux * push * (1.0 - t);
                self.vel[a][1] -= uy * push * (1.0 - t);
                self.vel[b][0] -= ux * push * t;
                self.vel[b][1] -= uy * push * t;
            }
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
        events: Vec::new(),
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
    fn on_the_curated_graph_no_node_hides_a_link_or_another_node() {
        let loaded = crate::io::dataset::load_embedded().unwrap();
        let model = crate::query::graph::GraphModel::new(&loaded.dataset);
        let mut sim = Simulation::new(&model.layout);
        run(&mut sim);
        let pos = sim.positions();
        let dist =
            |a: [f32; 2], b: [f32; 2]| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
        let most = model.layout.events.iter().copied().max().unwrap();
        let radius = |n: usize| super::super::looks::radius_for(model.layout.events[n], most);
        let mut bad = Vec::new();
        for (i, &p) in pos.iter().enumerate() {
            for (j, &q) in pos.iter().enumerate().skip(i + 1) {
                if dist(p, q) < radius(i) + radius(j) + 2.0 {
                    bad.push(format!("nodes {i} and {j} overlap: {}", dist(p, q)));
                }
            }
            for edge in &model.edges {
                let (a, b) = (edge.a as usize, edge.b as usize);
                if i == a || i == b {
                    continue;
                }
                let (pa, pb) = (pos[a], pos[b]);
                let (ex, ey) = (pb[0] - pa[0], pb[1] - pa[1]);
                let t = ((p[0] - pa[0]) * ex + (p[1] - pa[1]) * ey) / (ex * ex + ey * ey);
                if !(0.05..=0.95).contains(&t) {
                    continue;
                }
                let d = dist(p, [pa[0] + ex * t, pa[1] + ey * t]);
                if d < radius(i) + 2.0 {
                    bad.push(format!("node {i} lies on link {a}-{b}: {d}"));
                }
            }
        }
        assert!(bad.is_empty(), "{} nodes: {bad:#?}", pos.len());
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
            events: Vec::new(),
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
