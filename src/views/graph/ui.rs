//! The graph panel, one frame: the toolbar, the `egui::Scene` for camera and input, hit
//! testing a click, tooltips and one AccessKit node per on-screen node and edge.

use std::time::Duration;

use egui::{Id, Pos2, Rect, RichText, Sense, Ui, vec2};

use super::draw::paint;
use super::layout;
use super::legend::legend_ui;
use super::looks::{Looks, MAX_RADIUS};
use super::player::{day_range, play_tick};
use super::runtime::Runtime;
use super::scene::GraphModel;
use super::scene::{Geometry, Hit, to_pos};
use super::state::GraphState;
use crate::model::{ActorId, Kind as _, RelationId};
use crate::query::network;
use crate::views::labels::{link_label, relation_label};
use crate::views::{Command, Selection, ViewCtx, style};

/// From this panel width on, the legend stands beside the graph (else behind a button).
const LEGEND_BESIDE_MIN_WIDTH: f32 = 720.0;
/// The legend's width beside the graph (its kind lists wrap).
const LEGEND_WIDTH: f32 = 170.0;
/// Time spent on layout steps per frame while it animates.
const STEP_BUDGET: Duration = Duration::from_millis(6);

pub fn graph_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut GraphState) {
    let key = ctx.caches.generation();
    let stale = state
        .runtime
        .0
        .as_ref()
        .is_none_or(|rt| rt.dataset != key || rt.layout_revision != state.layout_revision);
    if stale {
        let play = state.runtime.0.take().map(|rt| rt.play);
        // Laid out for the panel's shape (less the toolbar and the legend beside it).
        let room = ui.available_size() - vec2(LEGEND_WIDTH, 60.0);
        let aspect = room.x.max(1.0) / room.y.max(1.0);
        let mut rt = Runtime::new(ctx.caches, state, Some(ui.ctx()), aspect);
        if let Some(play) = play {
            rt.play = play;
        }
        state.runtime.0 = Some(Box::new(rt));
    }
    let Some(mut rt) = state.runtime.0.take() else {
        return;
    };
    rt.sync_pins(&state.pins);
    let legend_beside = ui.available_width() >= LEGEND_BESIDE_MIN_WIDTH;
    toolbar_ui(ui, ctx, state, &mut rt, legend_beside);
    play_tick(ui, ctx, &mut rt);

    // Animate: a few steps per frame within a time budget (or the worker's latest), then
    // stand still: no repaint is asked for once the layout has settled.
    if rt.sim.advance(STEP_BUDGET, 4) {
        rt.geometry = None;
        if rt.sim.is_settled() && rt.dragging.is_none() {
            // Remember where things came to rest (what a workspace saves).
            state.positions = rt
                .model
                .nodes
                .iter()
                .zip(rt.sim.positions())
                .map(|(a, p)| (*a, *p))
                .collect();
        }
    }
    if !rt.sim.is_settled() {
        ui.ctx().request_repaint();
    }

    if rt.model.nodes.is_empty() {
        // Nothing to lay out: say why rather than show an empty pane.
        ui.add_space(12.0);
        ui.weak(
            "No links between actors: this dataset has no relations (a timeline or an event list may name none).",
        );
        state.runtime.0 = Some(rt);
        return;
    }
    let looks = rt.looks.get(ctx, &rt.model, state.trim);
    // Beside the graph when there is room for both; behind a button when there is not, so
    // the legend never takes the graph's place on a small screen.
    if legend_beside {
        egui::Panel::right("graph-legend")
            .resizable(false)
            .exact_size(LEGEND_WIDTH)
            .show(ui, |ui| {
                ui.set_max_width(LEGEND_WIDTH);
                // Scrolls when the panel is lower than the legend is long.
                egui::ScrollArea::vertical()
                    .id_salt("graph-legend-scroll")
                    .show(ui, |ui| legend_ui(ui, &rt.legend));
            });
    }

    let fit = fit_rect(&rt, &looks, state.hide_inactive);
    if rt.auto_fit || state.scene_rect.is_none() {
        state.scene_rect = Some(fit);
    }
    let mut scene_rect = state.scene_rect.unwrap_or(fit);
    let mut out = SceneOut::default();
    // Painted on the panel's layer, in screen space (see `paint`).
    let layer = ui.layer_id();
    let response = egui::Scene::new()
        .zoom_range(0.02..=2.5)
        .show(ui, &mut scene_rect, |ui| {
            scene_contents(
                ui,
                ctx,
                state.hide_inactive,
                &mut rt,
                &looks,
                &mut out,
                layer,
            );
        })
        .response;
    if response.changed() && rt.dragging.is_none() && !out.node_dragged {
        rt.auto_fit = false;
    }
    if response.double_clicked() {
        rt.auto_fit = true;
        scene_rect = fit;
    }
    state.scene_rect = Some(scene_rect);

    // A click on the background (or on something that had no widget yet): hit test it.
    // (The scene's response reports positions in scene units; the pointer's own position
    // is in screen units, so use that with our transform.)
    if response.clicked()
        && let Some(pointer) = ui.input(|i| i.pointer.interact_pos())
        && let Some(to_scene) = out.to_scene
    {
        let at = to_scene * pointer;
        let hit = hit_test(&mut rt, &looks, state.hide_inactive, at, out.scale);
        ctx.send(Command::Select(match hit {
            Some(Hit::Node(n)) => Selection::Actor(rt.model.nodes[n as usize]),
            Some(Hit::Edge(e)) => edge_selection(&rt.model, e as usize),
            None => Selection::None,
        }));
    }
    if let Some(Hit::Edge(e)) = out.hovered
        && response.hovered()
    {
        let relations = rt.model.edge_relations(e as usize);
        response.on_hover_ui_at_pointer(|ui| link_tooltip_ui(ui, ctx, relations));
    }
    accessible_items_ui(ui, ctx, &rt, &out);
    state.runtime.0 = Some(rt);
}

/// What the scene closure found out, for after it.
#[derive(Default)]
pub(super) struct SceneOut {
    pub(super) to_scene: Option<egui::emath::TSTransform>,
    pub(super) scale: f32,
    pub(super) hovered: Option<Hit>,
    pub(super) node_dragged: bool,
    /// On-screen items with their screen rects (for accessibility).
    pub(super) items: Vec<(Hit, Rect)>,
}

pub(super) fn shown(model: &GraphModel, looks: &Looks, hide_inactive: bool, hit: Hit) -> bool {
    match hit {
        Hit::Node(n) => {
            looks.node_kept[n as usize] && (!hide_inactive || looks.node_active[n as usize])
        }
        Hit::Edge(e) => {
            looks.edge_kept(model, e as usize) && (!hide_inactive || looks.edge_active[e as usize])
        }
    }
}

pub(super) fn hit_test(
    rt: &mut Runtime,
    looks: &Looks,
    hide_inactive: bool,
    at: Pos2,
    scale: f32,
) -> Option<Hit> {
    let slack = 5.0 / scale.max(1e-3);
    let radius = |n: usize| looks.radius(n);
    let Runtime {
        model,
        sim,
        geometry,
        ..
    } = rt;
    let show = |hit: Hit| shown(model, looks, hide_inactive, hit);
    let geometry = geometry.get_or_insert_with(|| Geometry::new(model, sim.positions()));
    // Link widths are painted in points: in scene units they shrink as the camera zooms in.
    let half_width = |e: usize| looks.edge_width(e) / 2.0 / scale.max(1e-3);
    geometry.hit(
        model,
        sim.positions(),
        at,
        slack,
        (&radius, &half_width),
        &show,
    )
}

/// The scene rectangle that shows every (shown) node with a margin.
pub(super) fn fit_rect(rt: &Runtime, looks: &Looks, hide_inactive: bool) -> Rect {
    let pos = rt.sim.positions();
    let shown_points = (0..pos.len())
        .filter(|&n| shown(&rt.model, looks, hide_inactive, Hit::Node(n as u32)))
        .map(|n| pos[n]);
    match layout::bounds(shown_points).or_else(|| layout::bounds(pos.iter().copied())) {
        Some((min, max)) => {
            // Small graphs are not blown up past a comfortable size.
            let rect = Rect::from_min_max(to_pos(min), to_pos(max)).expand(MAX_RADIUS + 40.0);
            Rect::from_center_size(rect.center(), rect.size().max(vec2(700.0, 450.0)))
        }
        None => Rect::from_center_size(Pos2::ZERO, vec2(400.0, 300.0)),
    }
}

pub(super) fn scene_contents(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    hide_inactive: bool,
    rt: &mut Runtime,
    looks: &Looks,
    out: &mut SceneOut,
    layer: egui::LayerId,
) {
    let to_global = ui
        .ctx()
        .layer_transform_to_global(ui.layer_id())
        .unwrap_or_default();
    let to_scene = to_global.inverse();
    let scale = to_global.scaling.max(1e-6);
    out.to_scene = Some(to_scene);
    out.scale = scale;
    let view = ui.clip_rect();

    // What the pointer is over (the dragged node stays "hovered" while it moves).
    let pointer = ui
        .input(|i| i.pointer.latest_pos())
        .map(|p| to_scene * p)
        .filter(|p| view.contains(*p));
    if !ui.input(|i| i.pointer.primary_down()) {
        rt.pressed = None;
    }
    let hovered = match (rt.dragging.or(rt.pressed), pointer) {
        (Some(n), _) => Some(Hit::Node(n)),
        (None, Some(at)) => hit_test(rt, looks, hide_inactive, at, scale),
        (None, None) => None,
    };
    out.hovered = hovered;

    // The node under the pointer gets a widget, so it takes drags and clicks from the pan.
    if let Some(Hit::Node(n)) = hovered {
        let actor = rt.model.nodes[n as usize];
        let center = to_pos(rt.sim.positions()[n as usize]);
        let r = looks.radius(n as usize) + 4.0 / scale;
        let id = ui.scope_id().with(("graph-node", actor));
        let response = ui.interact(
            Rect::from_center_size(center, vec2(2.0 * r, 2.0 * r)),
            id,
            Sense::click_and_drag(),
        );
        if response.is_pointer_button_down_on() {
            rt.pressed = Some(n);
        }
        if response.drag_started() {
            rt.dragging = Some(n);
            // The camera holds still while a node moves under the pointer.
            rt.auto_fit = false;
            rt.sim.set_alpha_target(0.3);
            rt.sim.reheat(0.3);
        }
        if response.dragged()
            && let Some(p) = ui.input(|i| i.pointer.latest_pos()).map(|p| to_scene * p)
        {
            rt.sim.fix(n as usize, [p.x, p.y]);
            rt.geometry = None;
            out.node_dragged = true;
            ui.ctx().request_repaint();
        }
        if response.drag_stopped() {
            rt.dragging = None;
            rt.sim.set_alpha_target(0.0);
            let pos = rt.sim.positions()[n as usize];
            // The pin goes through the handler (undoable); keep it fixed meanwhile.
            rt.pins.insert(actor, pos);
            ctx.send(Command::PinNode(actor, pos));
        }
        if response.clicked() {
            ctx.send(Command::Select(Selection::Actor(actor)));
        }
        if response.secondary_clicked() && rt.pins.contains_key(&actor) {
            ctx.send(Command::UnpinNode(actor));
        }
        if rt.dragging.is_none() {
            response.on_hover_ui(|ui| {
                actor_tooltip_ui(
                    ui,
                    ctx,
                    actor,
                    looks.node_events[n as usize],
                    rt.pins.contains_key(&actor),
                )
            });
        }
    }

    paint(
        ui,
        ctx,
        rt,
        looks,
        hide_inactive,
        view,
        hovered,
        out,
        to_global,
        layer,
    );
}

/// One accessibility node per on-screen node and edge, in screen space on the parent layer
/// (hover-only, so clicks still reach the scene and its hit test).
pub(super) fn accessible_items_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, rt: &Runtime, out: &SceneOut) {
    for (hit, rect) in &out.items {
        let id = match *hit {
            Hit::Node(n) => Id::unique(("graph-a11y-node", rt.model.nodes[n as usize])),
            Hit::Edge(e) => {
                let edge = rt.model.edges[e as usize];
                Id::unique(("graph-a11y-edge", edge.a, edge.b))
            }
        };
        let response = ui.interact(*rect, id, Sense::hover());
        response.widget_info(|| {
            let text = match *hit {
                Hit::Node(n) => ctx.dataset.actor(rt.model.nodes[n as usize]).name.clone(),
                Hit::Edge(e) => link_label(
                    ctx.dataset,
                    ctx.derived,
                    rt.model.edge_relations(e as usize),
                ),
            };
            egui::WidgetInfo::labeled(egui::Role::Button, true, &text)
        });
    }
}

pub(super) fn actor_tooltip_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    actor: ActorId,
    events: u32,
    pinned: bool,
) {
    let dataset = ctx.dataset;
    let a = dataset.actor(actor);
    ui.label(RichText::new(&a.name).strong());
    ui.label(RichText::new(a.kind.label()).color(style::actor_kind_color(&a.kind)));
    let relations = &dataset.index.relations_by_actor[actor.index()];
    let active = relations
        .iter()
        .filter(|&&r| network::is_active(dataset, ctx.derived, r))
        .count();
    ui.label(format!(
        "{events} visible event(s) of {} · {active} of {} relation(s) active",
        dataset.index.events_by_actor[actor.index()].len(),
        relations.len()
    ));
    ui.weak(if pinned {
        "Pinned — right-click to unpin"
    } else {
        "Click to select · drag to move and pin"
    });
}

/// What a click on a link selects: its relation when it is one, else the pair's link.
pub(super) fn edge_selection(model: &GraphModel, e: usize) -> Selection {
    match model.edge_relations(e) {
        [only] => Selection::Relation(*only),
        _ => {
            let edge = model.edges[e];
            Selection::link(model.nodes[edge.a as usize], model.nodes[edge.b as usize])
        }
    }
}

/// A link's tooltip: each relation it bundles, its kind in its colour, and its events.
pub(super) fn link_tooltip_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, relations: &[RelationId]) {
    if let [only] = relations {
        relation_tooltip_ui(ui, ctx, *only);
        return;
    }
    let dataset = ctx.dataset;
    ui.label(RichText::new(link_label(dataset, ctx.derived, relations)).strong());
    for row in crate::views::labels::link_breakdown(dataset, ctx.derived, relations) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("■").color(style::relation_kind_color(&row.kind)));
            ui.label(format!(
                "{} · {} of {} event(s)",
                row.label, row.visible, row.total
            ));
        });
    }
    ui.weak("Click to read the events and quotes behind each");
}

pub(super) fn relation_tooltip_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, relation: RelationId) {
    let dataset = ctx.dataset;
    let r = dataset.relation(relation);
    ui.label(RichText::new(relation_label(dataset, relation)).strong());
    ui.label(RichText::new(r.kind.label()).color(style::relation_kind_color(&r.kind)));
    let visible = ctx.derived.relation_counts[relation.index()];
    ui.label(format!(
        "{visible} of {} backing event(s) inside the current filters",
        r.events.len()
    ));
    if let (Some(first), Some(last)) = (r.events.first(), r.events.last()) {
        ui.label(format!(
            "{} – {}",
            dataset.event(*first).when.human(),
            dataset.event(*last).when.human()
        ));
    }
    ui.weak("Click to read the events and quotes behind it");
}

pub(super) fn toolbar_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    state: &mut GraphState,
    rt: &mut Runtime,
    legend_beside: bool,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Actor graph").strong());
        if ui
            .button("Fit")
            .on_hover_text("Show the whole graph (or double-click the background)")
            .clicked()
        {
            rt.auto_fit = true;
            state.scene_rect = None;
        }
        if ui
            .button("Re-layout")
            .on_hover_text("Lay the graph out afresh (pins stay)")
            .clicked()
        {
            ctx.send(Command::Relayout);
        }
        if ui
            .add_enabled(!state.pins.is_empty(), egui::Button::new("Unpin all"))
            .clicked()
        {
            ctx.send(Command::UnpinAll);
        }
        let mut hide = state.hide_inactive;
        if ui
            .checkbox(&mut hide, "Hide links outside the window")
            .on_hover_text(
                "Relations with no backing event inside the filters: hidden when ticked, faint otherwise",
            )
            .changed()
        {
            ctx.send(Command::SetHideInactiveLinks(hide));
        }
        let mut trim = state.trim;
        min_events_ui(ui, &mut trim);
        if !legend_beside {
            ui.menu_button("Legend", |ui| {
                ui.set_max_height(400.0);
                legend_ui(ui, &rt.legend);
            });
        }
        ui.separator();
        let label = if rt.play.playing { "■ Stop" } else { "▶ Play" };
        // As wide whichever it says, so nothing after it moves when it is pressed.
        if ui
            .add(egui::Button::new(label).min_size(vec2(64.0, 0.0)))
            .on_hover_text("Sweep a time window through the events; the graph follows")
            .clicked()
        {
            if rt.play.playing {
                rt.play.playing = false;
            } else {
                // From the window if one is set, else from where the events are.
                let (first, last) = day_range(ctx);
                let at = ctx.filters.window.map_or(rt.play.start, |(from, _)| from);
                rt.play.cursor = f64::from(if at >= last { first } else { at });
                rt.play.playing = true;
                rt.play.started = false;
            }
        }
        ui.add(
            egui::DragValue::new(&mut rt.play.width_days)
                .range(7..=3650)
                .suffix(" days"),
        )
        .on_hover_text("Width of the playing window");
        ui.add(
            egui::DragValue::new(&mut rt.play.speed)
                .range(5.0..=2000.0)
                .max_decimals(0)
                .suffix(" days/s"),
        )
        .on_hover_text("Playback speed");
        // Last, because it changes width with the focus actor's name: nothing follows it.
        ui.separator();
        focus_ui(ui, ctx, &mut trim);
        if trim != state.trim {
            rt.auto_fit = true;
            ctx.send(Command::SetGraphTrim(trim));
        }
    });
}

/// The focus: an actor and its neighbourhood, n links deep.
fn focus_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, trim: &mut super::looks::Trim) {
    match trim.focus {
        Some((actor, mut steps)) => {
            ui.label(format!("Focus: {}", ctx.dataset.actor(actor).name));
            let suffix = if steps == 1 { " step" } else { " steps" };
            if ui
                .add(egui::DragValue::new(&mut steps).range(1..=6).suffix(suffix))
                .on_hover_text("How many links away from the focus actor to show")
                .changed()
            {
                trim.focus = Some((actor, steps));
            }
            if ui.button("Show all").clicked() {
                trim.focus = None;
            }
        }
        None => {
            let selected = match ctx.selection {
                Selection::Actor(a) => Some(a),
                _ => None,
            };
            let response = ui
                .add_enabled(selected.is_some(), egui::Button::new("Focus"))
                .on_hover_text(
                    "Show only the selected actor and the actors a few links from it (links with events in the window)",
                )
                .on_disabled_hover_text("Select an actor to focus on it");
            if response.clicked()
                && let Some(actor) = selected
            {
                trim.focus = Some((actor, 1));
            }
        }
    }
}

/// The minor-actor threshold.
fn min_events_ui(ui: &mut Ui, trim: &mut super::looks::Trim) {
    ui.add(
        egui::DragValue::new(&mut trim.min_events)
            .range(0..=100_000)
            .prefix("Min. events: "),
    )
    .on_hover_text(
        "Hide actors with fewer events than this inside the filters (the selected actor stays)",
    );
}
