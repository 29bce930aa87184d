//! What the graph draws, as geometry in scene units: the edge lines for the current
//! positions of the [`GraphModel`]'s nodes (which lives in `crate::query::graph`), and a
//! uniform grid for hit testing (so a pointer query looks at a few cells, never every edge).
//! Built once per change of positions.

use egui::{Pos2, Rect, Vec2, pos2};

pub use crate::query::graph::{Edge, GraphModel};

/// Smallest hit-test grid cell, in scene units (about half a link length); larger when the
/// edges are long, so that an edge crosses a handful of cells on average.
const MIN_CELL: f32 = 64.0;
/// Average number of cells an edge may cross.
const CELLS_PER_EDGE: f32 = 6.0;

/// The edge curves for one set of positions, and the grid to find things under the pointer.
#[derive(Clone, Debug, Default)]
pub struct Geometry {
    /// Every edge's polyline: `points[starts[e]..starts[e + 1]]`.
    pub points: Vec<Pos2>,
    pub starts: Vec<u32>,
    /// Per edge: bounding box of its polyline.
    pub bounds: Vec<Rect>,
    grid: Option<HitGrid>,
}

impl Geometry {
    pub fn new(model: &GraphModel, pos: &[[f32; 2]]) -> Self {
        let mut points = Vec::with_capacity(model.edges.len() * 2);
        let mut starts = Vec::with_capacity(model.edges.len() + 1);
        let mut bounds = Vec::with_capacity(model.edges.len());
        for edge in &model.edges {
            starts.push(points.len() as u32);
            let p = to_pos(pos[edge.a as usize]);
            let q = to_pos(pos[edge.b as usize]);
            let first = points.len();
            points.extend([p, q]);
            bounds.push(Rect::from_points(&points[first..]));
        }
        starts.push(points.len() as u32);
        Self {
            points,
            starts,
            bounds,
            grid: None,
        }
    }

    pub fn curve(&self, edge: usize) -> &[Pos2] {
        &self.points[self.starts[edge] as usize..self.starts[edge + 1] as usize]
    }

    /// The point halfway along an edge's curve.
    pub fn midpoint(&self, edge: usize) -> Pos2 {
        let c = self.curve(edge);
        if c.len() == 2 {
            c[0] + (c[1] - c[0]) / 2.0
        } else {
            c[c.len() / 2]
        }
    }

    /// A point on an edge where a click finds that edge: the middle of its curve, or, when a
    /// node covers the middle (a dense graph), the nearest point outwards that no shown node
    /// covers, `slack` included (the hit test's own tolerance). Screen readers and tests click
    /// an edge there.
    pub fn handle(
        &mut self,
        model: &GraphModel,
        pos: &[[f32; 2]],
        edge: usize,
        slack: f32,
        radius: &dyn Fn(usize) -> f32,
        shown: &dyn Fn(Hit) -> bool,
    ) -> Pos2 {
        const TRIES: [f32; 9] = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
        let (start, end) = (self.starts[edge] as usize, self.starts[edge + 1] as usize);
        let at = |t: f32, points: &[Pos2]| {
            let c = &points[start..end];
            let x = t * (c.len() - 1) as f32;
            let i = (x.floor() as usize).min(c.len() - 2);
            c[i] + (c[i + 1] - c[i]) * (x - i as f32)
        };
        for t in TRIES {
            let p = at(t, &self.points);
            let node_only = |hit: Hit| matches!(hit, Hit::Node(_)) && shown(hit);
            if self
                .hit(model, pos, p, slack, (radius, &|_| 0.0), &node_only)
                .is_none()
            {
                return p;
            }
        }
        self.midpoint(edge)
    }

    /// What is under `at` (scene units): the nearest node whose disc (plus `slack`) contains
    /// it, else the nearest edge within `slack`. `radius` gives a node's radius and `half_width` half an edge's painted width (in scene
    /// units); `shown` says
    /// whether a node or edge can be hit at all.
    pub fn hit(
        &mut self,
        model: &GraphModel,
        pos: &[[f32; 2]],
        at: Pos2,
        slack: f32,
        (radius, half_width): (&dyn Fn(usize) -> f32, &dyn Fn(usize) -> f32),
        shown: &dyn Fn(Hit) -> bool,
    ) -> Option<Hit> {
        let grid = self
            .grid
            .get_or_insert_with(|| HitGrid::new(model, pos, &self.points, &self.starts));
        let cell_size = grid.cell;
        let reach = ((grid.max_radius + slack) / cell_size).ceil().min(8.0) as i32;
        let (cx, cy) = grid.cell_of(at);
        let mut best_node: Option<(f32, u32)> = None;
        let mut best_edge: Option<(f32, u32)> = None;
        for y in cy - reach..=cy + reach {
            for x in cx - reach..=cx + reach {
                let Some((cell_nodes, cell_edges)) = grid.cell(x, y) else {
                    continue;
                };
                for &n in cell_nodes {
                    if !shown(Hit::Node(n)) {
                        continue;
                    }
                    // Inside a disc, the nearest centre wins (a small node over a big one
                    // stays reachable); outside every disc, the nearest rim within `slack`.
                    let centre = (to_pos(pos[n as usize]) - at).length();
                    let rim = centre - radius(n as usize);
                    let d = if rim <= 0.0 { centre - 1e6 } else { rim };
                    if rim <= slack && best_node.is_none_or(|(b, _)| d < b) {
                        best_node = Some((d, n));
                    }
                }
                if (x - cx).abs() > 1 + (slack / cell_size) as i32
                    || (y - cy).abs() > 1 + (slack / cell_size) as i32
                {
                    continue;
                }
                for &e in cell_edges {
                    if best_edge.is_some_and(|(_, b)| b == e) || !shown(Hit::Edge(e)) {
                        continue;
                    }
                    let c = &self.points
                        [self.starts[e as usize] as usize..self.starts[e as usize + 1] as usize];
                    // From the painted stroke's edge: where a wide link and a thin one
                    // cross, the stroke the pointer is on wins.
                    let d = c
                        .windows(2)
                        .map(|w| segment_distance(at, w[0], w[1]))
                        .fold(f32::INFINITY, f32::min)
                        - half_width(e as usize);
                    if d <= slack && best_edge.is_none_or(|(b, _)| d < b) {
                        best_edge = Some((d, e));
                    }
                }
            }
        }
        best_node
            .map(|(_, n)| Hit::Node(n))
            .or(best_edge.map(|(_, e)| Hit::Edge(e)))
    }
}

/// A node or an edge (by index in [`GraphModel`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Node(u32),
    Edge(u32),
}

/// A uniform grid over the graph's bounding box, stored compactly (each cell's nodes and
/// edges are a run of one flat array): nodes by their centre's cell, edges in every cell
/// their curve crosses. Built lazily on the first query after positions change, in two
/// linear passes.
#[derive(Clone, Debug, Default)]
struct HitGrid {
    origin: Pos2,
    /// Cell size in scene units.
    cell: f32,
    cols: i32,
    rows: i32,
    node_starts: Vec<u32>,
    nodes: Vec<u32>,
    edge_starts: Vec<u32>,
    edges: Vec<u32>,
    max_radius: f32,
}

/// The grid has at most this many cells a side.
const MAX_CELLS_SIDE: f32 = 512.0;

impl HitGrid {
    fn new(model: &GraphModel, pos: &[[f32; 2]], points: &[Pos2], starts: &[u32]) -> Self {
        let mut bounds = Rect::NOTHING;
        for p in pos {
            bounds.extend_with(to_pos(*p));
        }
        for p in points {
            bounds.extend_with(*p);
        }
        if !bounds.is_positive() {
            bounds = Rect::from_center_size(bounds.min, Vec2::splat(1.0));
        }
        let length: f32 = points_length(points, starts);
        let cell = (length / (model.edges.len().max(1) as f32 * CELLS_PER_EDGE))
            .max(MIN_CELL)
            .max(bounds.width().max(bounds.height()) / MAX_CELLS_SIDE);
        let cols = (bounds.width() / cell).floor() as i32 + 1;
        let rows = (bounds.height() / cell).floor() as i32 + 1;
        let mut grid = Self {
            origin: bounds.min,
            cell,
            cols,
            rows,
            max_radius: super::MAX_RADIUS,
            ..Self::default()
        };
        let node_pairs: Vec<(u32, u32)> = pos
            .iter()
            .enumerate()
            .map(|(n, p)| (grid.index(grid.cell_of(to_pos(*p))), n as u32))
            .collect();
        // Sampling a curve once per cell length can skip a cell it only clips at a corner;
        // queries look at the neighbouring cells too, so that edge is still found.
        let mut edge_pairs: Vec<(u32, u32)> =
            Vec::with_capacity(model.edges.len() * (CELLS_PER_EDGE as usize + 2));
        for e in 0..model.edges.len() {
            let c = &points[starts[e] as usize..starts[e + 1] as usize];
            let mut last = None;
            for w in c.windows(2) {
                let len = (w[1] - w[0]).length();
                let steps = ((len / cell).ceil() as usize).clamp(1, 10_000);
                for s in 0..=steps {
                    let p = w[0] + (w[1] - w[0]) * (s as f32 / steps as f32);
                    let key = grid.index(grid.cell_of(p));
                    if last != Some(key) {
                        edge_pairs.push((key, e as u32));
                        last = Some(key);
                    }
                }
            }
        }
        let cells = (cols * rows) as usize;
        (grid.node_starts, grid.nodes) = bucket(cells, &node_pairs);
        (grid.edge_starts, grid.edges) = bucket(cells, &edge_pairs);
        grid
    }

    fn cell_of(&self, p: Pos2) -> (i32, i32) {
        (
            ((p.x - self.origin.x) / self.cell).floor() as i32,
            ((p.y - self.origin.y) / self.cell).floor() as i32,
        )
    }

    fn index(&self, (x, y): (i32, i32)) -> u32 {
        (y.clamp(0, self.rows - 1) * self.cols + x.clamp(0, self.cols - 1)) as u32
    }

    /// The nodes and edges in cell `(x, y)`, if it is inside the grid.
    fn cell(&self, x: i32, y: i32) -> Option<(&[u32], &[u32])> {
        if x < 0 || y < 0 || x >= self.cols || y >= self.rows {
            return None;
        }
        let i = (y * self.cols + x) as usize;
        let nodes = &self.nodes[self.node_starts[i] as usize..self.node_starts[i + 1] as usize];
        let edges = &self.edges[self.edge_starts[i] as usize..self.edge_starts[i + 1] as usize];
        Some((nodes, edges))
    }
}

/// Counting sort of `(cell, item)` pairs: per-cell start offsets and the items in cell order.
/// (A curve that leaves a cell and comes back is listed there twice; queries do not mind.)
fn bucket(cells: usize, pairs: &[(u32, u32)]) -> (Vec<u32>, Vec<u32>) {
    let mut starts = vec![0u32; cells + 1];
    for &(c, _) in pairs {
        starts[c as usize + 1] += 1;
    }
    for i in 0..cells {
        starts[i + 1] += starts[i];
    }
    let mut cursor = starts.clone();
    let mut items = vec![0u32; pairs.len()];
    for &(c, item) in pairs {
        items[cursor[c as usize] as usize] = item;
        cursor[c as usize] += 1;
    }
    (starts, items)
}

/// Total length of every polyline.
fn points_length(points: &[Pos2], starts: &[u32]) -> f32 {
    starts
        .windows(2)
        .map(|r| {
            points[r[0] as usize..r[1] as usize]
                .windows(2)
                .map(|w| (w[1] - w[0]).length())
                .sum::<f32>()
        })
        .sum()
}

pub fn to_pos(p: [f32; 2]) -> Pos2 {
    pos2(p[0], p[1])
}

/// Distance from `p` to the segment `a`–`b`.
pub fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    let t = if len2 > 0.0 {
        ((p - a).dot(ab) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p - (a + ab * t)).length()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind;

    #[test]
    fn parallel_relations_are_one_link_and_hit_testing_finds_each_link_and_node() {
        let mut dataset = crate::synth::synthetic(300, 12, 7);
        // Give the first pair two more relations of other kinds: still one link.
        let first = dataset.relations[0].clone();
        for kind in [RelationKind::Sanctions, RelationKind::Aid] {
            dataset.relations.push(crate::model::Relation {
                kind,
                ..first.clone()
            });
        }
        let model = GraphModel::new(&dataset);
        let last = dataset.relations.len() - 1;
        assert_eq!(model.edge_of[0], model.edge_of[last]);
        assert_eq!(model.edge_of[0], model.edge_of[last - 1]);
        // Nodes on a circle, far apart.
        let n = model.nodes.len();
        let pos: Vec<[f32; 2]> = (0..n)
            .map(|i| {
                let a = i as f32 / n as f32 * std::f32::consts::TAU;
                [600.0 * a.cos(), 600.0 * a.sin()]
            })
            .collect();
        let mut geometry = Geometry::new(&model, &pos);
        let radius = |_: usize| 8.0;
        let all = |_: Hit| true;
        // Every link is found at its handle.
        for e in 0..model.edges.len() {
            let at = geometry.handle(&model, &pos, e, 3.0, &radius, &all);
            let hit = geometry.hit(&model, &pos, at, 3.0, (&radius, &|_| 0.0), &all);
            assert!(matches!(hit, Some(Hit::Edge(_))), "link {e}: {hit:?}");
        }
        let e = model.edge_of[0].unwrap();
        let mid = geometry.midpoint(e as usize);
        assert_eq!(
            geometry.hit(&model, &pos, mid, 3.0, (&radius, &|_| 0.0), &all),
            Some(Hit::Edge(e))
        );
        for i in 0..n {
            let hit = geometry.hit(&model, &pos, to_pos(pos[i]), 3.0, (&radius, &|_| 0.0), &all);
            assert_eq!(hit, Some(Hit::Node(i as u32)));
        }
        // Where a wide link and a thin one cross, the one whose painted stroke the pointer is
        // on wins, even if the thin one's centre line is nearer.
        let ends: Vec<(Pos2, Pos2)> = (0..model.edges.len())
            .map(|e| {
                let c = geometry.curve(e);
                (c[0], c[c.len() - 1])
            })
            .collect();
        let seg = |e: usize| ends[e];
        let crossing = (0..model.edges.len())
            .flat_map(|a| (a + 1..model.edges.len()).map(move |b| (a, b)))
            .find_map(|(a, b)| {
                let ((p, q), (r, t)) = (seg(a), seg(b));
                let (d1, d2) = (q - p, t - r);
                let den = d1.x * d2.y - d1.y * d2.x;
                if den.abs() < 1e-3 {
                    return None;
                }
                let u = ((r - p).x * d2.y - (r - p).y * d2.x) / den;
                let v = ((r - p).x * d1.y - (r - p).y * d1.x) / den;
                ((0.3..0.7).contains(&u) && (0.3..0.7).contains(&v)).then(|| (a, b, p + d1 * u))
            })
            .expect("two links of the circle cross");
        let (a, b, x) = crossing;
        let normal = seg(a).1 - seg(a).0;
        let at = x + egui::vec2(-normal.y, normal.x).normalized() * 2.0;
        let distance = |e: usize| segment_distance(at, seg(e).0, seg(e).1);
        let thin = |_: usize| 0.0;
        let Some(Hit::Edge(near)) = geometry.hit(&model, &pos, at, 3.0, (&radius, &thin), &all)
        else {
            panic!("a link is near the crossing");
        };
        let far = if near as usize == a { b } else { a };
        assert!(distance(far) > distance(near as usize));
        let gap = distance(far) - distance(near as usize);
        let wide = |e: usize| if e == far { gap + 1.0 } else { 0.0 };
        assert_eq!(
            geometry.hit(&model, &pos, at, 3.0, (&radius, &wide), &all),
            Some(Hit::Edge(far as u32))
        );
        // Far from everything: nothing; and what is not shown cannot be hit.
        let hit = geometry.hit(
            &model,
            &pos,
            pos2(5000.0, 5000.0),
            3.0,
            (&radius, &|_| 0.0),
            &all,
        );
        assert_eq!(hit, None);
        let none = |_: Hit| false;
        let hit = geometry.hit(
            &model,
            &pos,
            to_pos(pos[0]),
            3.0,
            (&radius, &|_| 0.0),
            &none,
        );
        assert_eq!(hit, None);
    }

    #[test]
    fn a_small_node_over_a_big_one_stays_reachable_and_edge_handles_avoid_nodes() {
        let dataset = crate::synth::synthetic(300, 12, 7);
        let model = GraphModel::new(&dataset);
        let n = model.nodes.len();
        let mut pos: Vec<[f32; 2]> = (0..n)
            .map(|i| {
                let a = i as f32 / n as f32 * std::f32::consts::TAU;
                [600.0 * a.cos(), 600.0 * a.sin()]
            })
            .collect();
        // Node 1 (small) sits inside node 0's disc (big), 20 units from its centre.
        pos[1] = [pos[0][0] + 20.0, pos[0][1]];
        let radius = |i: usize| if i == 0 { 40.0 } else { 6.0 };
        let all = |_: Hit| true;
        let mut geometry = Geometry::new(&model, &pos);
        let at_small = to_pos(pos[1]);
        assert_eq!(
            geometry.hit(&model, &pos, at_small, 3.0, (&radius, &|_| 0.0), &all),
            Some(Hit::Node(1))
        );
        assert_eq!(
            geometry.hit(&model, &pos, to_pos(pos[0]), 3.0, (&radius, &|_| 0.0), &all),
            Some(Hit::Node(0))
        );
        // Every edge's handle is a point where a click finds that edge, not a node.
        for e in 0..model.edges.len() {
            let handle = geometry.handle(&model, &pos, e, 3.0, &radius, &all);
            let (a, b) = (model.edges[e].a as usize, model.edges[e].b as usize);
            if (to_pos(pos[a]) - to_pos(pos[b])).length() < radius(a) + radius(b) + 6.0 {
                continue; // no part of it is visible
            }
            assert!(
                !matches!(
                    geometry.hit(&model, &pos, handle, 3.0, (&radius, &|_| 0.0), &all),
                    Some(Hit::Node(_))
                ),
                "edge {e}'s handle is under a node"
            );
        }
    }
}
