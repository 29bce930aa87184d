//! The timeline: one lane per actor, time on x in calendar days, every event drawn as precisely
//! as its date is known — a day is a dot, a month or a year a bar across it, a span a bar from
//! start to end — and never more precisely.
//!
//! egui_plot provides the axes, grid, pan and zoom; the markers are painted on top with the
//! plot's transform, so that each lane costs O(log n) to locate and at most a few markers per
//! pixel column to draw: when a lane holds more events than its width can show, it becomes a
//! density strip (binned by binary search over [`Derived::lane_first_days`]) that resolves
//! into markers as the analyst zooms in.

use std::collections::BTreeSet;

use egui::{Rect, Sense, Stroke, Ui, Vec2, Vec2b, pos2, vec2};
use egui_plot::{GridInput, GridMark, Plot, PlotPoint};

use super::{Command, NoteTarget, Selection, ViewCtx, style};
use crate::model::date::{civil_from_days, days_from_civil, format_day, month_name};
use crate::model::{ActorId, Dataset, Day, EventId, Kind as _, Precision};
use crate::query::Derived;

/// Height of one lane in points, used to choose how many lanes fit when fitting the view.
const LANE_HEIGHT: f32 = 26.0;
/// Above this many events per point of width, a lane is drawn as a density strip.
const MAX_MARKERS_PER_POINT: f32 = 0.25;

/// The timeline's view state: lane order and visibility (saved), and the visible time range.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineState {
    /// Every actor, in lane order.
    pub lane_order: Vec<ActorId>,
    pub hidden: BTreeSet<ActorId>,
    /// Hide lanes without visible events (e.g. while filtering by an actor).
    pub hide_empty: bool,
    /// The days currently shown (`x` range of the plot), updated every frame.
    pub view: Option<(f64, f64)>,
    /// The first lane row at the top of the view.
    pub top_row: f64,
    /// A view range to apply on the next frame (fit all, zoom to, reveal).
    pending: Option<(f64, f64)>,
    /// Fit the whole dataset on the next frame.
    pending_fit: bool,
    /// Where a shift-drag brush started, in days.
    brush_start: Option<f64>,
}

impl TimelineState {
    /// The default lanes: the core actors first, then the rest by how many events they have.
    pub fn for_dataset(dataset: &Dataset) -> Self {
        let mut order: Vec<ActorId> = (0..dataset.actors.len()).map(ActorId::from_index).collect();
        let core_rank = |id: &ActorId| {
            style::CORE_ACTORS
                .iter()
                .position(|k| *k == dataset.actor(*id).key)
                .unwrap_or(usize::MAX)
        };
        order.sort_by_key(|id| {
            (
                core_rank(id),
                std::cmp::Reverse(dataset.index.events_by_actor[id.index()].len()),
                dataset.actor(*id).name.clone(),
            )
        });
        let pending = bulk_extent(dataset).map(|(first, last)| padded(first, last));
        Self {
            lane_order: order,
            hide_empty: true,
            pending_fit: pending.is_none(),
            pending,
            ..Self::default()
        }
    }

    pub fn fit_all(&mut self) {
        self.pending_fit = true;
    }

    /// Shows the days `[from, to)`.
    pub fn zoom_to(&mut self, from: f64, to: f64) {
        if to > from {
            self.pending = Some((from, to));
        }
    }

    /// Scrolls the timeline so that `event` is in view, keeping the zoom.
    pub fn reveal(&mut self, dataset: &Dataset, event: EventId) {
        let when = dataset.event(event).when;
        let (first, last) = (f64::from(when.first_day()), f64::from(when.last_day() + 1));
        if let Some((from, to)) = self.pending.or(self.view)
            && (last < from || first > to)
        {
            let width = to - from;
            let centre = (first + last) / 2.0;
            self.pending = Some((centre - width / 2.0, centre + width / 2.0));
        }
    }

    /// The lanes to draw, top to bottom.
    pub fn lanes(&self, derived: &Derived) -> Vec<ActorId> {
        self.lane_order
            .iter()
            .copied()
            .filter(|a| !self.hidden.contains(a))
            .filter(|a| {
                !self.hide_empty
                    || derived
                        .lane_events
                        .get(a.index())
                        .is_some_and(|l| !l.is_empty())
            })
            .collect()
    }
}

/// `first..=last` as a view range with a small margin on each side, in days.
fn padded(first: Day, last: Day) -> (f64, f64) {
    let margin = (f64::from(last - first) * 0.03).max(15.0);
    (f64::from(first) - margin, f64::from(last + 1) + margin)
}

/// The days that hold the bulk of the events: the whole extent, less a few outliers at either
/// end that lie so far from the rest that showing them would squash everything else into a
/// sliver (one 1961 background event before a 2012–2023 story). The timeline opens on this;
/// "Fit all" and the edge markers ("◀ 1 earlier") lead to the outliers.
pub fn bulk_extent(dataset: &Dataset) -> Option<(Day, Day)> {
    let firsts: Vec<Day> = dataset
        .index
        .events_by_time
        .iter()
        .map(|&e| dataset.event(e).when.first_day())
        .collect();
    let (lo, hi) = bulk_range(&firsts)?;
    let last = dataset.index.events_by_time[lo..=hi]
        .iter()
        .map(|&e| dataset.event(e).when.last_day())
        .max()?;
    Some((firsts[lo], last))
}

/// The index range of the bulk of `sorted` days: a run of points at either end is dropped when
/// the gap that separates it from the rest is wider than the whole span of the rest, as long as
/// no more than a tenth of all points are dropped in total.
fn bulk_range(sorted: &[Day]) -> Option<(usize, usize)> {
    let n = sorted.len();
    let (mut lo, mut hi) = (0, n.checked_sub(1)?);
    let span = |a: usize, b: usize| i64::from(sorted[b]) - i64::from(sorted[a]);
    loop {
        let budget = (n / 10).saturating_sub(lo + (n - 1 - hi));
        // `k` points dropped from the start: the gap after them beats the rest's span.
        let left = (1..=budget)
            .take_while(|&k| lo + k < hi)
            .find(|&k| span(lo + k - 1, lo + k) > span(lo + k, hi));
        let right = (1..=budget)
            .take_while(|&k| hi > lo + k)
            .find(|&k| span(hi - k, hi - k + 1) > span(lo, hi - k));
        match (left, right) {
            (Some(k), _) => lo += k,
            (None, Some(k)) => hi -= k,
            (None, None) => return Some((lo, hi)),
        }
    }
}

/// The label of an event marker, as screen readers and tests find it: "Title, 24 Dec 2021".
pub fn marker_label(dataset: &Dataset, event: EventId) -> String {
    let e = dataset.event(event);
    format!("{}, {}", e.title, e.when.human())
}

pub fn timeline_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut TimelineState) {
    let dataset = ctx.dataset;
    toolbar_ui(ui, ctx, state);
    let lanes = state.lanes(ctx.derived);
    // Row of each actor's lane, for tying an event's markers together across lanes.
    let mut row_of: Vec<Option<usize>> = vec![None; dataset.actors.len()];
    for (row, actor) in lanes.iter().enumerate() {
        row_of[actor.index()] = Some(row);
    }

    let shift = ui.input(|i| i.modifiers.shift);
    let lane_names: Vec<String> = lanes
        .iter()
        .map(|a| truncate(&dataset.actor(*a).name, 24))
        .collect();
    let lane_count = lanes.len();
    let plot = Plot::new("timeline")
        .allow_drag(Vec2b::new(!shift, true))
        .allow_zoom(Vec2b::new(true, false))
        .allow_scroll(Vec2b::new(true, true))
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .auto_bounds(Vec2b::FALSE)
        .sense(Sense::click_and_drag())
        .y_axis_min_width(150.0)
        .x_grid_spacer(time_grid)
        // Tick labels are short ("2021", "Mar", "24 Mar"): let them sit closer than
        // egui_plot's default of 60–80 points, so a decade-wide view still labels every year.
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .formatter(|mark, _range| format_tick(mark))
                .label_spacing(42.0..=56.0),
        ])
        .y_grid_spacer(move |input| lane_grid(input, lane_count))
        .y_axis_formatter(move |mark, _range| {
            let row = (-mark.value).round();
            if (mark.value + row).abs() < 1e-6 && row >= 0.0 {
                lane_names.get(row as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        });

    let pending_fit = std::mem::take(&mut state.pending_fit);
    let pending = state.pending.take();
    let top_row = state.top_row;
    let response = plot.show(ui, |plot_ui| {
        if pending_fit {
            // O(events), but only on the frame that fits.
            if let Some((first, last)) = dataset.time_extent() {
                let (from, to) = padded(first, last);
                plot_ui.set_plot_bounds_x(from..=to);
            }
        } else if let Some((from, to)) = pending {
            plot_ui.set_plot_bounds_x(from..=to);
        }
        // Lanes keep a fixed height whatever the panel's size: the y range follows the
        // height in points, starting at the top row the analyst scrolled to.
        let height = plot_ui.response().rect.height();
        let rows = f64::from((height / LANE_HEIGHT).max(1.0));
        let max_top = (lane_count as f64 - rows + 0.5).max(0.0);
        let top = if top_row.is_finite() {
            top_row.clamp(0.0, max_top)
        } else {
            0.0
        };
        plot_ui.set_plot_bounds_y(-(top + rows - 0.5)..=-(top - 0.5));
    });
    let transform = response.transform;
    let bounds = transform.bounds();
    state.view = Some((bounds.min()[0], bounds.max()[0]));
    state.top_row = -bounds.max()[1] - 0.5;
    let plot_rect = *transform.frame();
    let plot_response = response.response;

    // Brushing a time window: shift + drag.
    let pointer_day = plot_response
        .hover_pos()
        .or(plot_response.interact_pointer_pos())
        .map(|p| transform.value_from_position(p).x);
    if shift && plot_response.drag_started() {
        state.brush_start = pointer_day;
    }
    let painter = ui.painter_at(plot_rect);
    if let (Some(start), Some(now)) = (state.brush_start, pointer_day) {
        let (a, b) = (start.min(now), start.max(now));
        let x0 = transform.position_from_point(&PlotPoint::new(a, 0.0)).x;
        let x1 = transform.position_from_point(&PlotPoint::new(b, 0.0)).x;
        painter.rect_filled(
            Rect::from_x_y_ranges(x0..=x1, plot_rect.y_range()),
            0.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.35),
        );
        painter.text(
            pos2(x0 + 4.0, plot_rect.top() + 4.0),
            egui::Align2::LEFT_TOP,
            format!(
                "{} – {}",
                format_day(a.floor() as Day),
                format_day(b.floor() as Day)
            ),
            egui::FontId::proportional(12.0),
            ui.visuals().strong_text_color(),
        );
        if plot_response.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
            state.brush_start = None;
            let (from, to) = (a.floor() as Day, b.floor() as Day);
            if to > from {
                ctx.send(Command::SetTimeWindow(Some((from, to))));
            }
        }
    }

    // The time window: dim what lies outside it.
    if let Some((from, to)) = ctx.filters.window {
        let x0 = transform
            .position_from_point(&PlotPoint::new(f64::from(from), 0.0))
            .x;
        let x1 = transform
            .position_from_point(&PlotPoint::new(f64::from(to + 1), 0.0))
            .x;
        let dim = ui.visuals().extreme_bg_color.gamma_multiply(0.6);
        if x0 > plot_rect.left() {
            painter.rect_filled(
                Rect::from_x_y_ranges(plot_rect.left()..=x0, plot_rect.y_range()),
                0.0,
                dim,
            );
        }
        if x1 < plot_rect.right() {
            painter.rect_filled(
                Rect::from_x_y_ranges(x1..=plot_rect.right(), plot_rect.y_range()),
                0.0,
                dim,
            );
        }
        let edge = Stroke::new(1.5, ui.visuals().selection.bg_fill);
        painter.vline(x0, plot_rect.y_range(), edge);
        painter.vline(x1, plot_rect.y_range(), edge);
    }

    let mut painted = Painted {
        ui,
        ctx,
        transform: &transform,
        plot_rect,
        row_of: &row_of,
        lanes: &lanes,
        hovered: None,
    };
    painted.lanes_ui(
        bounds.min()[0],
        bounds.max()[0],
        bounds.min()[1],
        bounds.max()[1],
    );
    let hovered = painted.hovered;
    edge_markers_ui(ui, ctx, plot_rect, bounds.min()[0], bounds.max()[0]);
    if plot_response.clicked() && hovered.is_none() && !shift {
        // A click on empty timeline space keeps the selection: Esc clears it.
    }
    if let Some(day) = pointer_day
        && plot_response.hovered()
        && hovered.is_none()
        && state.brush_start.is_none()
    {
        let x = transform.position_from_point(&PlotPoint::new(day, 0.0)).x;
        painter.vline(
            x,
            plot_rect.y_range(),
            Stroke::new(1.0, ui.visuals().weak_text_color().gamma_multiply(0.5)),
        );
        painter.text(
            pos2(x + 4.0, plot_rect.bottom() - 4.0),
            egui::Align2::LEFT_BOTTOM,
            format_day(day.floor() as Day),
            egui::FontId::proportional(11.0),
            ui.visuals().weak_text_color(),
        );
    }
}

/// "◀ 3 earlier" and "2 later ▶" at the plot's edges when visible events lie outside the view,
/// so that nothing is silently off-screen; a click brings them into view (keeping the zoom if
/// they fit, else fitting all).
fn edge_markers_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, plot_rect: Rect, from: f64, to: f64) {
    let (from_day, to_day) = (from.ceil() as Day, to.floor() as Day);
    let (before, after) = ctx.derived.outside(from_day, to_day);
    let width = to - from;
    let y = plot_rect.top() + 6.0;
    let marker = |text: String, pos: egui::Pos2, align: egui::Align2| {
        let galley = ui.painter().layout_no_wrap(
            text.clone(),
            egui::FontId::proportional(12.0),
            ui.visuals().strong_text_color(),
        );
        let rect = align
            .anchor_size(pos, galley.size())
            .expand2(egui::vec2(6.0, 3.0));
        let response = ui
            .interact(
                rect,
                ui.scope_id().with(("edge", text.as_str())),
                Sense::click(),
            )
            .on_hover_text("Bring them into view");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &text));
        let fill = if response.hovered() {
            ui.visuals().widgets.hovered.bg_fill
        } else {
            ui.visuals().widgets.inactive.bg_fill
        };
        ui.painter().rect_filled(rect, 4.0, fill);
        ui.painter().galley(
            rect.min + egui::vec2(6.0, 3.0),
            galley,
            egui::Color32::PLACEHOLDER,
        );
        response.clicked()
    };
    if before > 0 {
        let text = format!("◀ {before} earlier");
        if marker(
            text,
            pos2(plot_rect.left() + 6.0, y),
            egui::Align2::LEFT_TOP,
        ) {
            let last = ctx.derived.last_days_sorted.get(before - 1).copied();
            pan_to(ctx, last.map(f64::from), width, true);
        }
    }
    if after > 0 {
        let text = format!("{after} later ▶");
        if marker(
            text,
            pos2(plot_rect.right() - 6.0, y),
            egui::Align2::RIGHT_TOP,
        ) {
            let first = ctx
                .derived
                .first_days
                .get(ctx.derived.first_days.len() - after);
            pan_to(ctx, first.map(|&d| f64::from(d)), width, false);
        }
    }
}

/// Pans, keeping the zoom, so that the nearest hidden event (`day`) comes into view near the
/// edge it was beyond.
fn pan_to(ctx: &mut ViewCtx<'_>, day: Option<f64>, width: f64, earlier: bool) {
    match day {
        Some(day) if earlier => ctx.send(Command::ZoomTimelineTo(
            (day - width * 0.1).floor() as Day,
            (day + width * 0.9).ceil() as Day,
        )),
        Some(day) => ctx.send(Command::ZoomTimelineTo(
            (day - width * 0.9).floor() as Day,
            (day + width * 0.1).ceil() as Day,
        )),
        None => ctx.send(Command::FitTimeline),
    }
}

fn toolbar_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut TimelineState) {
    let dataset = ctx.dataset;
    ui.horizontal(|ui| {
        ui.strong("Timeline");
        if ui
            .button("Fit all")
            .on_hover_text("Show every event (F)")
            .clicked()
        {
            ctx.send(Command::FitTimeline);
        }
        if let Some((from, to)) = state.view {
            let centre = (from + to) / 2.0;
            let width = to - from;
            if ui.button("+").on_hover_text("Zoom in (+)").clicked() {
                state.zoom_to(centre - width / 4.0, centre + width / 4.0);
            }
            if ui.button("−").on_hover_text("Zoom out (-)").clicked() {
                state.zoom_to(centre - width, centre + width);
            }
            let typing = ui.ctx().egui_wants_keyboard_input();
            if !typing {
                let (zoom_in, zoom_out) = ui.input(|i| {
                    (
                        i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals),
                        i.key_pressed(egui::Key::Minus),
                    )
                });
                if zoom_in {
                    state.zoom_to(centre - width / 4.0, centre + width / 4.0);
                }
                if zoom_out {
                    state.zoom_to(centre - width, centre + width);
                }
            }
        }
        if let Some((from, to)) = ctx.filters.window {
            ui.separator();
            ui.label(format!("Window {} – {}", format_day(from), format_day(to)));
            if ui.small_button("Zoom to window").clicked() {
                ctx.send(Command::ZoomTimelineTo(from, to));
            }
            if ui.small_button("Clear window").clicked() {
                ctx.send(Command::SetTimeWindow(None));
            }
        } else {
            ui.weak("Shift + drag to choose a time window");
        }
        ui.separator();
        ui.menu_button("Lanes…", |ui| lanes_menu_ui(ui, ctx, state));
        ui.checkbox(&mut state.hide_empty, "Hide empty lanes");
        ui.separator();
        ui.colored_label(style::CONTESTED_COLOR, "▲ contested");
        ui.colored_label(style::NOTE_COLOR, "● your note");
        let _ = dataset;
    });
}

fn lanes_menu_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &TimelineState) {
    let dataset = ctx.dataset;
    let all: Vec<ActorId> = state.lane_order.clone();
    let is_core = |a: &ActorId| style::CORE_ACTORS.contains(&dataset.actor(*a).key.as_str());
    ui.set_min_width(300.0);
    ui.horizontal(|ui| {
        if ui.button("Show all").clicked() {
            ctx.send(Command::SetHiddenLanes(BTreeSet::new()));
        }
        if ui
            .button("Core actors only")
            .on_hover_text("Russia, Mali, France, ECOWAS, the UN and Wagner")
            .clicked()
        {
            let rest = all.iter().copied().filter(|a| !is_core(a)).collect();
            ctx.send(Command::SetHiddenLanes(rest));
        }
        if ui.button("Default order").clicked() {
            ctx.send(Command::SetLaneOrder(
                TimelineState::for_dataset(dataset).lane_order,
            ));
        }
    });
    // Groups by kind: one click shows or hides every person, every media outlet…
    ui.label(egui::RichText::new("By kind").strong());
    let mut kinds: Vec<&crate::model::ActorKind> = dataset.actors.iter().map(|a| &a.kind).collect();
    kinds.sort();
    kinds.dedup();
    ui.horizontal_wrapped(|ui| {
        for kind in kinds {
            let members: Vec<ActorId> = all
                .iter()
                .copied()
                .filter(|a| &dataset.actor(*a).kind == kind)
                .collect();
            let shown = members.iter().filter(|a| !state.hidden.contains(a)).count();
            let mut any = shown > 0;
            let text = format!("{} ({shown}/{})", kind.label(), members.len());
            if ui.checkbox(&mut any, text).changed() {
                let mut hidden = state.hidden.clone();
                for actor in members {
                    if any {
                        hidden.remove(&actor);
                    } else {
                        hidden.insert(actor);
                    }
                }
                ctx.send(Command::SetHiddenLanes(hidden));
            }
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for (n, actor) in state.lane_order.iter().enumerate() {
                ui.horizontal(|ui| {
                    let mut shown = !state.hidden.contains(actor);
                    let name = &dataset.actor(*actor).name;
                    let count = ctx.derived.lane_events[actor.index()].len();
                    if ui
                        .checkbox(&mut shown, format!("{name} ({count})"))
                        .changed()
                    {
                        let mut hidden = state.hidden.clone();
                        if shown {
                            hidden.remove(actor);
                        } else {
                            hidden.insert(*actor);
                        }
                        ctx.send(Command::SetHiddenLanes(hidden));
                    }
                    let mut order = state.lane_order.clone();
                    if n > 0 {
                        if ui
                            .small_button("⇈")
                            .on_hover_text("Move to the top")
                            .clicked()
                        {
                            let moved = order.remove(n);
                            order.insert(0, moved);
                            ctx.send(Command::SetLaneOrder(order));
                        } else if ui.small_button("↑").on_hover_text("Move up").clicked() {
                            order.swap(n, n - 1);
                            ctx.send(Command::SetLaneOrder(order));
                        }
                    }
                    if n + 1 < state.lane_order.len() {
                        let mut order = state.lane_order.clone();
                        if ui.small_button("↓").on_hover_text("Move down").clicked() {
                            order.swap(n, n + 1);
                            ctx.send(Command::SetLaneOrder(order));
                        }
                    }
                });
            }
        });
}

/// Painting the lanes' markers over the plot, with interaction and accessibility.
struct Painted<'a, 'b, 'c> {
    ui: &'a mut Ui,
    ctx: &'a mut ViewCtx<'b>,
    transform: &'a egui_plot::PlotTransform,
    plot_rect: Rect,
    row_of: &'a [Option<usize>],
    lanes: &'c [ActorId],
    hovered: Option<EventId>,
}

impl Painted<'_, '_, '_> {
    fn screen_x(&self, day: f64) -> f32 {
        self.transform
            .position_from_point(&PlotPoint::new(day, 0.0))
            .x
    }

    fn screen_y(&self, row: usize) -> f32 {
        self.transform
            .position_from_point(&PlotPoint::new(0.0, -(row as f64)))
            .y
    }

    fn lanes_ui(&mut self, x_min: f64, x_max: f64, y_min: f64, y_max: f64) {
        let first_row = (-y_max).floor().max(0.0) as usize;
        let last_row = ((-y_min).ceil().max(0.0) as usize).min(self.lanes.len().saturating_sub(1));
        if self.lanes.is_empty() {
            self.ui.painter().text(
                self.plot_rect.center(),
                egui::Align2::CENTER_CENTER,
                "No events match the filters",
                egui::FontId::proportional(14.0),
                self.ui.visuals().weak_text_color(),
            );
            return;
        }
        // Lane separators.
        let painter = self.ui.painter_at(self.plot_rect);
        for row in first_row..=last_row {
            let y = self.screen_y(row) + LANE_HEIGHT / 2.0;
            painter.hline(
                self.plot_rect.x_range(),
                y,
                Stroke::new(0.5, self.ui.visuals().faint_bg_color),
            );
        }
        // The selected actor's lane (from the graph or the inspector) stands out.
        if let Selection::Actor(selected) = self.ctx.selection
            && let Some(row) = self.lanes.iter().position(|&a| a == selected)
            && (first_row..=last_row).contains(&row)
        {
            let y = self.screen_y(row);
            painter.rect_filled(
                Rect::from_x_y_ranges(
                    self.plot_rect.x_range(),
                    (y - LANE_HEIGHT / 2.0)..=(y + LANE_HEIGHT / 2.0),
                ),
                0.0,
                self.ui.visuals().selection.bg_fill.gamma_multiply(0.35),
            );
        }
        let (from_day, to_day) = (x_min.floor() as Day, x_max.ceil() as Day);
        for row in first_row..=last_row {
            let actor = self.lanes[row];
            self.lane_ui(row, actor, from_day, to_day);
        }
    }

    fn lane_ui(&mut self, row: usize, actor: ActorId, from_day: Day, to_day: Day) {
        let derived = self.ctx.derived;
        let events = &derived.lane_events[actor.index()];
        let days = &derived.lane_first_days[actor.index()];
        let max_span = derived.lane_max_span[actor.index()];
        let start = days.partition_point(|&d| d < from_day.saturating_sub(max_span));
        let end = days.partition_point(|&d| d <= to_day);
        let in_view = end.saturating_sub(start);
        if in_view == 0 {
            return;
        }
        let width = self.plot_rect.width();
        if in_view as f32 > width * MAX_MARKERS_PER_POINT {
            self.density_ui(row, actor, from_day, to_day);
            return;
        }
        let y = self.screen_y(row);
        for &event in &events[start..end] {
            let when = self.ctx.dataset.event(event).when;
            if when.last_day() < from_day {
                continue;
            }
            self.marker_ui(row, actor, event, y);
        }
    }

    /// Too many events to draw one by one: a strip of bins whose height says how many.
    fn density_ui(&mut self, row: usize, actor: ActorId, from_day: Day, to_day: Day) {
        let days = &self.ctx.derived.lane_first_days[actor.index()];
        let y = self.screen_y(row);
        const BIN_POINTS: f32 = 3.0;
        let bins = (self.plot_rect.width() / BIN_POINTS).ceil().max(1.0) as usize;
        let left = self.plot_rect.left();
        let day_at = |x: f32| -> f64 { self.transform.value_from_position(pos2(x, y)).x };
        let mut counts = Vec::with_capacity(bins);
        let mut lower = days.partition_point(|&d| f64::from(d) < day_at(left));
        for bin in 0..bins {
            let bin_end = day_at(left + (bin + 1) as f32 * BIN_POINTS);
            let upper = lower + days[lower..].partition_point(|&d| f64::from(d) < bin_end);
            counts.push(upper - lower);
            lower = upper;
        }
        let max = counts.iter().copied().max().unwrap_or(1).max(1) as f32;
        let painter = self.ui.painter_at(self.plot_rect);
        let color = self.ui.visuals().selection.bg_fill;
        let mut total = 0;
        for (bin, &count) in counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            total += count;
            let h = (LANE_HEIGHT - 6.0) * ((count as f32).ln_1p() / max.ln_1p()).max(0.15);
            let x = left + bin as f32 * BIN_POINTS;
            painter.rect_filled(
                Rect::from_min_max(
                    pos2(x, y + (LANE_HEIGHT - 6.0) / 2.0 - h),
                    pos2(x + BIN_POINTS - 0.5, y + (LANE_HEIGHT - 6.0) / 2.0),
                ),
                0.0,
                color,
            );
        }
        // One accessible node for the strip: it stands for many events.
        let rect = Rect::from_x_y_ranges(
            self.plot_rect.x_range(),
            (y - LANE_HEIGHT / 2.0)..=(y + LANE_HEIGHT / 2.0),
        );
        let name = self.ctx.dataset.actor(actor).name.clone();
        let id = self.ui.scope_id().with(("timeline-density", actor));
        let response = self.ui.interact(rect, id, Sense::hover());
        let label = format!(
            "{name}: {total} events between {} and {} (zoom in to see them)",
            format_day(from_day),
            format_day(to_day)
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        let _ = to_day;
    }

    fn marker_ui(&mut self, row: usize, actor: ActorId, event: EventId, y: f32) {
        let dataset = self.ctx.dataset;
        let e = dataset.event(event);
        let x0 = self.screen_x(f64::from(e.when.first_day()));
        let x1 = self.screen_x(f64::from(e.when.last_day() + 1));
        let is_point = e.when.end.is_none() && e.when.start.precision() == Precision::Day;
        let selected = self.ctx.selection == Selection::Event(event);
        // The events of a selected contested claim stand out, ringed in the contested colour.
        let in_claim = matches!(self.ctx.selection,
            Selection::Claim(c) if dataset.claim(c).events.contains(&event));
        let color = style::event_kind_color(&e.kind);
        let rect = if is_point || x1 - x0 < 8.0 {
            Rect::from_center_size(pos2((x0 + x1) / 2.0, y), Vec2::splat(10.0))
        } else {
            Rect::from_x_y_ranges(x0..=x1, (y - 4.0)..=(y + 4.0))
        };
        if !rect.intersects(self.plot_rect) {
            return;
        }
        // The first visible lane of the event carries its plain label; the others say
        // which lane they are in, so that each accessible name is unique.
        let rows: Vec<usize> = e
            .participants
            .iter()
            .filter_map(|(a, _)| self.row_of[a.index()])
            .collect();
        let top = rows.iter().copied().min().unwrap_or(row);
        let bottom = rows.iter().copied().max().unwrap_or(row);
        let id = self.ui.scope_id().with(("timeline-event", event, actor));
        let response = self.ui.interact(
            rect.expand(2.0).intersect(self.plot_rect),
            id,
            Sense::click(),
        );
        let label = if row == top {
            marker_label(dataset, event)
        } else {
            format!(
                "{} ({} lane)",
                marker_label(dataset, event),
                dataset.actor(actor).name
            )
        };
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let hovered = response.hovered();
        if hovered {
            self.hovered = Some(event);
        }
        let painter = self.ui.painter_at(self.plot_rect);
        // Tie the event's lanes together (drawn once, from its top lane).
        if row == top && bottom > top {
            let tie_x = rect.center().x;
            let strong = selected || hovered || in_claim;
            painter.line_segment(
                [
                    pos2(tie_x, self.screen_y(top)),
                    pos2(tie_x, self.screen_y(bottom)),
                ],
                Stroke::new(
                    if strong { 2.0 } else { 1.0 },
                    color.gamma_multiply(if strong { 0.9 } else { 0.3 }),
                ),
            );
        }
        let outline = if selected {
            Stroke::new(2.5, self.ui.visuals().strong_text_color())
        } else if in_claim {
            Stroke::new(2.5, style::CONTESTED_COLOR)
        } else if hovered {
            Stroke::new(1.5, self.ui.visuals().text_color())
        } else {
            Stroke::NONE
        };
        if is_point || x1 - x0 < 8.0 {
            let radius = if selected { 6.0 } else { 4.5 };
            painter.circle(rect.center(), radius, color, outline);
            if !is_point {
                // A short period drawn as a dot still shows it is not a day: a hollow ring.
                painter.circle_stroke(rect.center(), radius + 2.0, Stroke::new(1.0, color));
            }
        } else {
            painter.rect(
                rect,
                3.0,
                color.gamma_multiply(0.75),
                outline,
                egui::StrokeKind::Outside,
            );
        }
        if dataset.is_contested(event) {
            let c = pos2(rect.right() + 1.0, rect.top() - 1.0);
            painter.add(egui::Shape::convex_polygon(
                vec![c + vec2(0.0, -5.0), c + vec2(4.5, 3.0), c + vec2(-4.5, 3.0)],
                style::CONTESTED_COLOR,
                Stroke::NONE,
            ));
        }
        if self.ctx.annotations.is_marked(NoteTarget::Event(event)) {
            painter.circle_filled(
                pos2(rect.left() - 1.0, rect.top() - 2.0),
                3.0,
                style::NOTE_COLOR,
            );
        }
        if response.clicked() {
            self.ctx.send(Command::Select(Selection::Event(event)));
        }
        response.on_hover_ui(|ui| {
            ui.strong(&e.title);
            ui.label(format!("{} · {}", e.when.human(), e.kind.label()));
            let actors: Vec<&str> = e
                .participants
                .iter()
                .map(|(a, _)| dataset.actor(*a).name.as_str())
                .collect();
            ui.label(actors.join(", "));
            if dataset.is_contested(event) {
                ui.colored_label(style::CONTESTED_COLOR, "⚠ contested");
            }
            ui.weak(format!(
                "{} source(s) · click to inspect",
                dataset.source_count(event)
            ));
        });
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(max_chars - 1).collect();
        out.push('…');
        out
    }
}

/// Grid lines for lanes: one per lane row.
fn lane_grid(input: GridInput, lanes: usize) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    // Only lanes whose centre line is inside the plot: a label for a half-visible lane would
    // be painted over the axis below.
    let first = (-max).ceil().max(0.0) as usize;
    let last = (-min).floor();
    if lanes == 0 || last < 0.0 || (last as usize) < first {
        return Vec::new();
    }
    let last = (last as usize).min(lanes - 1);
    (first..=last)
        .map(|row| GridMark {
            value: -(row as f64),
            step_size: 1.0,
        })
        .collect()
}

/// Calendar-aware grid for an x axis in days: years (every 1, 2, 5, 10… years), months and
/// days, each level present when its lines are far enough apart. Each mark's `step_size` is
/// the coarsest level it belongs to, so egui_plot labels years when zoomed out, months and
/// then days as the analyst zooms in.
pub fn time_grid(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    // The smallest step worth a grid line, in days.
    let min_step = input.base_step_size * 2.0;
    let mut marks: Vec<GridMark> = Vec::new();
    if !(min.is_finite() && max.is_finite()) || max - min > 5_000_000.0 || max <= min {
        return marks;
    }
    let (min_day, max_day) = (min.floor() as Day, max.ceil() as Day);
    let (y0, _, _) = civil_from_days(min_day);
    let (y1, _, _) = civil_from_days(max_day);
    const YEAR: f64 = 365.25;
    const MONTH: f64 = 30.44;
    // Years: every 1, 2, 5, 10… years, the tenfold multiples stronger.
    let every = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|n| f64::from(*n) * YEAR >= min_step)
        .unwrap_or(1000);
    let mut year = y0 - y0.rem_euclid(every);
    while year <= y1 + 1 {
        let step = if year % (every * 10) == 0 {
            every * 10
        } else {
            every
        };
        marks.push(GridMark {
            value: f64::from(days_from_civil(year, 1, 1)),
            step_size: f64::from(step) * YEAR,
        });
        year += every;
    }
    // Months: every 1, 3 or 6 months (year starts are already there).
    if let Some(every) = [1u8, 3, 6]
        .into_iter()
        .find(|n| f64::from(*n) * MONTH >= min_step)
    {
        for year in y0..=y1 {
            for month in (1 + every..=12).step_by(usize::from(every)) {
                marks.push(GridMark {
                    value: f64::from(days_from_civil(year, month, 1)),
                    step_size: MONTH * f64::from(every),
                });
            }
        }
    }
    // Days: every 1, 2, 7 or 14 days within each month (month starts are already there).
    if let Some(every) = [1, 2, 7, 14]
        .into_iter()
        .find(|n| f64::from(*n) >= min_step)
    {
        for day in min_day..=max_day {
            let (_, _, d) = civil_from_days(day);
            if d > 1 && (d - 1) % every == 0 && d <= 28 {
                marks.push(GridMark {
                    value: f64::from(day),
                    step_size: f64::from(every),
                });
            }
        }
    }
    marks.retain(|m| m.value >= min - 1.0 && m.value <= max + 1.0);
    marks
}

/// Tick labels that match the grid's unit: "2021", "Mar 2021", "24 Mar".
fn format_tick(mark: GridMark) -> String {
    let day = mark.value.round() as Day;
    let (year, month, d) = civil_from_days(day);
    if mark.step_size >= 365.0 {
        format!("{year}")
    } else if mark.step_size >= 28.0 {
        month_name(month).to_owned()
    } else {
        format!("{d} {}", month_name(month))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(min: f64, max: f64, base: f64) -> Vec<GridMark> {
        time_grid(GridInput {
            bounds: (min, max),
            base_step_size: base,
        })
    }

    #[test]
    fn the_bulk_leaves_out_far_outliers_only() {
        // One 1961 event before forty from 2012 to 2023: the view starts in 2012.
        let mut days: Vec<Day> = vec![days_from_civil(1961, 1, 1)];
        days.extend((0..40).map(|i| days_from_civil(2012 + i / 4, 1 + (i % 4) as u8 * 3, 1)));
        assert_eq!(bulk_range(&days), Some((1, 40)));
        // Two outliers together are dropped together; an outlier at the end too.
        let mut two = days.clone();
        two.insert(1, days_from_civil(1962, 1, 1));
        two.push(days_from_civil(2090, 1, 1));
        assert_eq!(bulk_range(&two), Some((2, 41)));
        // Evenly spread points are all kept, and so are small datasets' ends.
        let even: Vec<Day> = (0..50).map(|i| i * 100).collect();
        assert_eq!(bulk_range(&even), Some((0, 49)));
        assert_eq!(bulk_range(&[0, 10_000, 10_010]), Some((0, 2)));
        assert_eq!(bulk_range(&[]), None);
        assert_eq!(bulk_range(&[5]), Some((0, 0)));
    }

    #[test]
    fn grid_adapts_from_decades_to_days() {
        let y2012 = f64::from(days_from_civil(2012, 1, 1));
        let y2023 = f64::from(days_from_civil(2023, 12, 31));
        // A whole decade at low resolution: years, labelled as years.
        let marks = grid(y2012, y2023, 100.0);
        assert!(marks.iter().all(|m| m.step_size >= 365.0));
        assert!(marks.iter().any(|m| format_tick(*m) == "2020"));
        // A year at month resolution: month names, January as its year.
        let marks = grid(
            f64::from(days_from_civil(2021, 1, 1)),
            f64::from(days_from_civil(2021, 12, 31)),
            8.0,
        );
        let labels: Vec<String> = marks.iter().map(|m| format_tick(*m)).collect();
        assert!(labels.contains(&"2021".to_owned()), "{labels:?}");
        assert!(labels.contains(&"Jul".to_owned()), "{labels:?}");
        // A fortnight at day resolution: days.
        let from = f64::from(days_from_civil(2021, 12, 20));
        let labels: Vec<String> = grid(from, from + 14.0, 0.2)
            .iter()
            .map(|m| format_tick(*m))
            .collect();
        assert!(labels.contains(&"24 Dec".to_owned()), "{labels:?}");
        assert!(labels.contains(&"2022".to_owned()), "{labels:?}");
    }

    #[test]
    fn grid_marks_fall_on_calendar_boundaries() {
        let from = f64::from(days_from_civil(2021, 1, 1));
        for mark in grid(from, from + 365.0, 8.0) {
            let (_, _, day) = civil_from_days(mark.value as Day);
            assert_eq!(day, 1, "months start on the 1st");
        }
    }
}
