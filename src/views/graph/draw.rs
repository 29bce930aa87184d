//! Painting the graph in screen space: edges (curves, arrows, contested marks, or one mesh
//! when zoomed far out), nodes, labels placed without overlap, and the on-screen items
//! handed to accessibility.

use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Stroke, Ui, Vec2, vec2};

use super::looks::Looks;
use super::runtime::Runtime;
use super::scene::{Geometry, Hit, to_pos};
use super::ui::{SceneOut, shown};
use crate::views::{Selection, ViewCtx, style};

/// Label font size in points at zoom 1; labels shrink more slowly than the zoom.
const LABEL_SIZE: f32 = 12.0;
/// Below this zoom labels are gone; they fade in up to `LABEL_FULL_ZOOM`.
const LABEL_MIN_ZOOM: f32 = 0.15;
const LABEL_FULL_ZOOM: f32 = 0.25;
/// Above this many nodes on screen, only the biggest get labels.
const MAX_LABELS: usize = 250;
/// Up to this many nodes on screen, labels also keep clear of other nodes' discs.
const DISC_CHECK_MAX: usize = 600;
/// This many of the most important nodes get a label even where it must cover another
/// node's disc.
const LANDMARK_LABELS: usize = 6;
/// Cell size, in points, of the buckets of node discs that labels check.
const DISC_CELL: f32 = 48.0;

fn disc_cell(p: Pos2) -> (i32, i32) {
    (
        (p.x / DISC_CELL).floor() as i32,
        (p.y / DISC_CELL).floor() as i32,
    )
}
/// Above this many on-screen items, nodes and edges are drawn into one plain mesh.
const DETAILED_MAX: usize = 3_000;
/// At most this many on-screen items get an accessibility node each frame.
const ACCESSIBLE_MAX: usize = 1_500;

/// Paints the graph in screen space on the panel's own layer (under the scene's input layer):
/// lines keep their pixel width and text stays sharp at any zoom, and the big meshes of the
/// zoomed-out level of detail are refilled in place each frame instead of being reallocated
/// and then transformed by the scene's layer.
#[allow(clippy::too_many_arguments)]
pub(super) fn paint(
    ui: &Ui,
    ctx: &ViewCtx<'_>,
    rt: &mut Runtime,
    looks: &Looks,
    hide_inactive: bool,
    view: Rect,
    hovered: Option<Hit>,
    out: &mut SceneOut,
    to_global: egui::emath::TSTransform,
    layer: egui::LayerId,
) {
    let scale = to_global.scaling;
    let dark = ui.visuals().dark_mode;
    let background = ui.visuals().extreme_bg_color;
    let text_color = ui.visuals().strong_text_color();
    let screen = to_global * view;
    let painter = egui::Painter::new(ui.ctx().clone(), layer, screen);
    let dataset = ctx.dataset;
    let Runtime {
        model,
        sim,
        geometry,
        pins,
        meshes,
        ..
    } = rt;
    let pos = sim.positions();
    let geometry = geometry.get_or_insert_with(|| Geometry::new(model, pos));
    let at = |p: [f32; 2]| to_global * to_pos(p);

    // Which edges and nodes are on screen.
    let mut edges: Vec<u32> = Vec::new();
    for (e, bounds) in geometry.bounds.iter().enumerate() {
        if bounds.intersects(view) && shown(model, looks, hide_inactive, Hit::Edge(e as u32)) {
            edges.push(e as u32);
        }
    }
    let mut nodes: Vec<u32> = Vec::new();
    for (n, p) in pos.iter().enumerate() {
        let r = looks.radius(n);
        if view.expand(r).contains(to_pos(*p))
            && shown(model, looks, hide_inactive, Hit::Node(n as u32))
        {
            nodes.push(n as u32);
        }
    }
    let detailed = edges.len() + nodes.len() <= DETAILED_MAX;
    // What stands out is drawn last, on top of what is dimmed.
    if looks.focus.is_some() {
        edges.sort_by_key(|&e| looks.edge_focus(e as usize));
        nodes.sort_by_key(|&n| looks.node_focus(n as usize));
    }

    let edge_alpha = |e: usize| -> f32 {
        let mut alpha = if looks.edge_active[e] { 1.0 } else { 0.18 };
        if !looks.edge_focus(e) {
            alpha *= 0.2;
        }
        alpha
    };
    // A link's main colour: its family with the most events.
    let edge_color = |e: usize| -> Color32 {
        let family = looks
            .edge_stripes(e)
            .iter()
            .max_by_key(|&&(f, w)| (w, std::cmp::Reverse(f)))
            .map_or(style::Family::Structure, |&(f, _)| f);
        family.color().gamma_multiply(edge_alpha(e))
    };

    // Edges: one straight link per pair, from rim to rim, striped by the families of its
    // relations (each stripe as wide as its share of the events), with an arrowhead at each
    // end that a directed relation points to.
    if detailed {
        for &e in &edges {
            let e = e as usize;
            let edge = model.edges[e];
            let c = geometry.curve(e);
            let (p, q) = (to_global * c[0], to_global * c[c.len() - 1]);
            let mut width = looks.edge_width(e);
            if hovered == Some(Hit::Edge(e as u32)) {
                width += 2.0;
            }
            if looks.path_edges[e] {
                painter.line_segment(
                    [p, q],
                    Stroke::new(width + 5.0, style::PATH_COLOR.gamma_multiply(0.6)),
                );
            }
            let length = (q - p).length();
            if length < 1e-3 {
                continue;
            }
            let dir = (q - p) / length;
            let mut start = p + dir * (looks.radius(edge.a as usize) * scale + 1.0);
            let mut end = q - dir * (looks.radius(edge.b as usize) * scale + 1.0);
            let (to_b, to_a) = looks.edge_arrows[e];
            let head = 6.0 + width * 0.6;
            let color = edge_color(e);
            let side = vec2(-dir.y, dir.x) * head * (0.45 + 0.02 * width);
            if (end - start).length() <= head * (f32::from(u8::from(to_a) + u8::from(to_b))) {
                continue; // the nodes (nearly) touch: nothing of the link would show
            }
            if to_b {
                let back = end - dir * head;
                painter.add(egui::Shape::convex_polygon(
                    vec![end, back + side, back - side],
                    color,
                    Stroke::NONE,
                ));
                end = back;
            }
            if to_a {
                let back = start + dir * head;
                painter.add(egui::Shape::convex_polygon(
                    vec![start, back - side, back + side],
                    color,
                    Stroke::NONE,
                ));
                start = back;
            }
            let stripes = looks.edge_stripes(e);
            let total: u32 = stripes.iter().map(|&(_, w)| w).sum::<u32>().max(1);
            let stripe_width = |w: u32| (width * w as f32 / total as f32).max(1.5);
            let normal = vec2(-dir.y, dir.x);
            let mut offset = -stripes.iter().map(|&(_, w)| stripe_width(w)).sum::<f32>() / 2.0;
            let alpha = edge_alpha(e);
            for &(family, w) in stripes {
                let w = stripe_width(w);
                let middle = normal * (offset + w / 2.0);
                painter.line_segment(
                    [start + middle, end + middle],
                    Stroke::new(w, family.color().gamma_multiply(alpha)),
                );
                offset += w;
            }
        }
        // ▲ on a link whose visible backing events include a contested one.
        for &e in &edges {
            let e = e as usize;
            if looks.edge_contested[e] && looks.edge_focus(e) {
                let mid = to_global * geometry.midpoint(e);
                // Small at rest, so many contested links around one actor do not bury the
                // links themselves; full size on what a selection brings forward.
                let h = if looks.focus.is_some() { 7.0 } else { 4.5 };
                painter.add(egui::Shape::convex_polygon(
                    vec![
                        mid + vec2(0.0, -h),
                        mid + vec2(h * 0.9, h * 0.6),
                        mid + vec2(-h * 0.9, h * 0.6),
                    ],
                    style::CONTESTED_COLOR,
                    Stroke::new(1.0, background),
                ));
            }
        }
    } else {
        // Many edges: one mesh of plain quads, no arrows (level of detail). The buffer is
        // reused once the renderer has let go of last frame's.
        let mesh = reuse(&mut meshes.0);
        let segments: usize = edges
            .iter()
            .map(|&e| geometry.curve(e as usize).len() - 1)
            .sum();
        mesh.vertices.reserve(segments * 4);
        mesh.indices.reserve(segments * 6);
        for &e in &edges {
            let e = e as usize;
            let color = edge_color(e);
            let width = looks.edge_width(e) * 0.7;
            for w in geometry.curve(e).windows(2) {
                add_segment(mesh, to_global * w[0], to_global * w[1], width, color);
            }
        }
        painter.add(egui::Shape::Mesh(meshes.0.clone()));
    }

    // Nodes.
    let outline = if dark {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    };
    if detailed {
        for &n in &nodes {
            let n = n as usize;
            let actor = model.nodes[n];
            let kind = &dataset.actor(actor).kind;
            let mut color = style::actor_kind_color(kind);
            if !looks.node_active[n] {
                color = color.gamma_multiply(0.25);
            }
            if !looks.node_focus(n) {
                color = color.gamma_multiply(0.25);
            }
            let r = looks.radius(n) * scale;
            let center = at(pos[n]);
            let selected = matches!(ctx.selection, Selection::Actor(a) if a == actor);
            let stroke = if selected {
                Stroke::new(3.0, text_color)
            } else if hovered == Some(Hit::Node(n as u32)) {
                Stroke::new(2.0, text_color)
            } else if looks.path_nodes[n] {
                Stroke::new(3.0, style::PATH_COLOR)
            } else {
                Stroke::new(1.0, outline)
            };
            painter.circle(center, r.max(1.5), color, stroke);
            if pins.contains_key(&actor) {
                painter.circle_filled(center + vec2(r * 0.7, -r * 0.7), 2.5, text_color);
            }
        }
    } else {
        let mesh = reuse(&mut meshes.1);
        mesh.vertices.reserve(nodes.len() * 4);
        mesh.indices.reserve(nodes.len() * 6);
        for &n in &nodes {
            let n = n as usize;
            let actor = model.nodes[n];
            let mut color = style::actor_kind_color(&dataset.actor(actor).kind);
            if !looks.node_active[n] || !looks.node_focus(n) {
                color = color.gamma_multiply(0.25);
            }
            // Small nodes fade out when zoomed far out instead of becoming noise.
            let r = looks.radius(n) * scale;
            if r < 0.6 {
                continue;
            }
            let fade = ((r - 0.6) / 1.4).clamp(0.0, 1.0);
            mesh.add_colored_rect(
                Rect::from_center_size(at(pos[n]), Vec2::splat((2.0 * r).max(2.0))),
                color.gamma_multiply(fade),
            );
        }
        painter.add(egui::Shape::Mesh(meshes.1.clone()));
    }

    // Labels: fade out when zoomed far out; when crowded, only the biggest nodes. Whole
    // pixel sizes only, so zooming does not fill the font atlas with fractional sizes.
    if scale >= LABEL_MIN_ZOOM {
        let fade = ((scale - LABEL_MIN_ZOOM) / (LABEL_FULL_ZOOM - LABEL_MIN_ZOOM)).clamp(0.0, 1.0);
        let font_px = (LABEL_SIZE * scale.powf(0.3)).round().clamp(9.0, 16.0);
        // Most important first: what the selection highlights, then the busiest actors. A
        // label that would cover one already placed is left out (hovering still names it).
        let mut labelled = nodes.clone();
        labelled.sort_by_key(|&n| {
            let n = n as usize;
            (
                !(looks.node_active[n] && looks.node_focus(n)),
                std::cmp::Reverse(looks.node_events[n]),
                n,
            )
        });
        labelled.truncate(MAX_LABELS);
        let mut placed: Vec<Rect> = Vec::with_capacity(labelled.len());
        // The discs a label must not cover, bucketed by screen cell so that a label looks at
        // the few discs near it (skipped when very many nodes are on screen, where only the
        // biggest get labels anyway).
        let mut discs: std::collections::HashMap<(i32, i32), Vec<(Pos2, f32)>> =
            std::collections::HashMap::new();
        let mut widest = 0.0f32;
        if nodes.len() <= DISC_CHECK_MAX {
            for &n in &nodes {
                let c = at(pos[n as usize]);
                let radius = looks.radius(n as usize) * scale + 1.0;
                widest = widest.max(radius);
                discs.entry(disc_cell(c)).or_default().push((c, radius));
            }
        }
        let covers_a_disc = |rect: &Rect, own: Pos2| {
            let area = rect.expand(widest);
            let (x0, y0) = disc_cell(area.min);
            let (x1, y1) = disc_cell(area.max);
            (x0..=x1).any(|x| {
                (y0..=y1).any(|y| {
                    discs.get(&(x, y)).is_some_and(|cell| {
                        cell.iter()
                            .any(|&(c, radius)| c != own && rect.distance_to_pos(c) < radius)
                    })
                })
            })
        };
        let font = egui::FontId::proportional(font_px);
        for (rank, &n) in labelled.iter().enumerate() {
            let n = n as usize;
            let actor = model.nodes[n];
            // Landmarks do not fade with the zoom: they are what a zoomed-out picture is read by.
            let mut alpha = if rank < LANDMARK_LABELS { 1.0 } else { fade };
            if !looks.node_active[n] || !looks.node_focus(n) {
                alpha *= 0.35;
            }
            let center = at(pos[n]);
            let r = looks.radius(n) * scale + 2.0;
            let galley = painter.layout_no_wrap(
                dataset.actor(actor).name.clone(),
                font.clone(),
                text_color.gamma_multiply(alpha),
            );
            let size = galley.size();
            // Below the node, else above, right or left of it: the first place that covers
            // no label already placed and no other node.
            let candidates = [
                center + vec2(-size.x / 2.0, r),
                center + vec2(-size.x / 2.0, -r - size.y),
                center + vec2(r + 1.0, -size.y / 2.0),
                center + vec2(-r - 1.0 - size.x, -size.y / 2.0),
            ];
            let free = |rect: &Rect| {
                screen.contains_rect(*rect)
                    && !placed.iter().any(|p| p.intersects(*rect))
                    && !covers_a_disc(rect, center)
            };
            // The busiest actors are always named, if need be over another node's disc
            // (never over a label): in a crowded picture they are the landmarks.
            let landmark = |rect: &Rect| {
                rank < LANDMARK_LABELS
                    && screen.contains_rect(*rect)
                    && !placed.iter().any(|p| p.intersects(*rect))
            };
            let rects = candidates.map(|min| Rect::from_min_size(min, size));
            let Some(rect) = rects
                .iter()
                .find(|rect| free(rect))
                .or_else(|| rects.iter().find(|rect| landmark(rect)))
                .copied()
            else {
                continue;
            };
            placed.push(rect.expand(1.0));
            painter.rect_filled(
                rect.expand(1.0),
                2.0,
                background.gamma_multiply(0.75 * alpha),
            );
            painter.galley(rect.min, galley, text_color);
        }
    }

    // On-screen items for accessibility, in screen space.
    if nodes.len() + edges.len() <= ACCESSIBLE_MAX {
        for &n in &nodes {
            let r = (looks.radius(n as usize) * scale).max(4.0);
            let rect = Rect::from_center_size(at(pos[n as usize]), Vec2::splat(2.0 * r));
            out.items.push((Hit::Node(n), rect));
        }
        let radius = |n: usize| looks.radius(n);
        let show = |hit: Hit| shown(model, looks, hide_inactive, hit);
        for &e in &edges {
            // The hit test's slack (see `hit_test`), and a little more.
            let slack = 6.0 / scale.max(1e-3);
            let handle = geometry.handle(model, pos, e as usize, slack, &radius, &show);
            out.items.push((
                Hit::Edge(e),
                Rect::from_center_size(to_global * handle, vec2(8.0, 8.0)),
            ));
        }
    }
}

/// The mesh behind `arc`, emptied, reusing its buffers if nobody else holds it any more.
pub(super) fn reuse(arc: &mut Arc<egui::Mesh>) -> &mut egui::Mesh {
    if Arc::get_mut(arc).is_none() {
        *arc = Arc::new(egui::Mesh::default());
    }
    let mesh = Arc::make_mut(arc);
    mesh.clear();
    mesh
}

/// A straight segment as a quad.
pub(super) fn add_segment(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let d = b - a;
    let len = d.length();
    if len <= 0.0 {
        return;
    }
    let n = vec2(-d.y, d.x) / len * (width / 2.0);
    let i = mesh.vertices.len() as u32;
    for p in [a + n, a - n, b - n, b + n] {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(i, i + 1, i + 2);
    mesh.add_triangle(i, i + 2, i + 3);
}
