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

use egui::{Rect, Sense, Stroke, Ui, Vec2b, pos2};
use egui_plot::{Plot, PlotPoint};

use super::{Command, ViewCtx};
use crate::model::date::format_day;
use crate::model::{ActorId, Dataset, Day, EventId};
use crate::query::Derived;

mod grid;
mod lanes;
mod toolbar;

pub use self::toolbar::kinds_legend_ui;

/// From this width on, the legend of event kinds stands beside the timeline.
const LEGEND_BESIDE_MIN_WIDTH: f32 = 900.0;

use self::grid::{format_tick, lane_grid, time_grid};
use self::lanes::{LANE_HEIGHT, Painted, edge_markers_ui, truncate};
use self::toolbar::toolbar_ui;

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
    /// The default lanes: the dataset's focus actors first, then the rest by how many events
    /// they have.
    pub fn for_dataset(dataset: &Dataset) -> Self {
        let mut order: Vec<ActorId> = (0..dataset.actors.len()).map(ActorId::from_index).collect();
        let core_rank = |id: &ActorId| {
            dataset
                .focus
                .iter()
                .position(|a| a == id)
                .unwrap_or(usize::MAX)
        };
        order.sort_by_key(|id| {
            (
                core_rank(id),
                std::cmp::Reverse(dataset.index.events_by_actor[id.index()].len()),
                dataset.actor(*id).name.clone(),
            )
        });
        let pending =
            crate::query::extent::dense_extent(dataset).map(|(first, last)| padded(first, last));
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

    /// Zooms about the centre of the view (or of the view about to be shown).
    pub fn zoom_step(&mut self, step: super::ZoomStep) {
        if let Some((from, to)) = self.pending.or(self.view) {
            let (centre, half) = ((from + to) / 2.0, (to - from) / 2.0);
            let half = match step {
                super::ZoomStep::In => half / 2.0,
                super::ZoomStep::Out => half * 3.0,
            };
            self.zoom_to(centre - half, centre + half);
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

/// The label of an event marker, as screen readers and tests find it: "Title, 24 Dec 2021".
pub fn marker_label(dataset: &Dataset, event: EventId) -> String {
    let e = dataset.event(event);
    format!("{}, {}", e.title, e.when.human())
}

pub fn timeline_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut TimelineState) {
    let dataset = ctx.dataset;
    // The kinds' colours beside the timeline when there is room, else behind a button.
    let legend_beside = ui.available_width() >= LEGEND_BESIDE_MIN_WIDTH;
    toolbar_ui(ui, ctx, state, legend_beside);
    if legend_beside {
        egui::Panel::right("timeline-legend")
            .resizable(false)
            .default_size(150.0)
            .show(ui, |ui| kinds_legend_ui(ui, dataset));
    }
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
    // A click on empty timeline space keeps the selection: Esc clears it.
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
