//! A Barnes–Hut quadtree for the layout's many-body repulsion: O(n log n) per step instead of
//! every pair. Pure arithmetic on points.

/// Barnes–Hut accuracy: a cell whose size over distance is below this acts as one body.
const THETA2: f32 = 0.81;

/// A Barnes–Hut quadtree over unit-mass points, rebuilt every step into flat vectors (no
/// allocation once warm).
#[derive(Clone, Debug, Default)]
pub(super) struct QuadTree {
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
    pub(super) fn build(&mut self, pos: &[[f32; 2]]) {
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
    pub(super) fn force_on(&self, i: usize, pos: &[[f32; 2]]) -> [f32; 2] {
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
