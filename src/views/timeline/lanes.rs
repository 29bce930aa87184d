//! The lanes over the plot: each actor's markers located by binary search, density strips
//! where a lane holds more events than pixels, an AccessKit node per marker, and the
//! "◀ N earlier / N later ▶" markers at the plot's edges.

use egui::{Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};
use egui_plot::PlotPoint;

use super::marker_label;
use crate::model::date::format_day;
use crate::model::{ActorId, Day, EventId, Kind as _, Precision};
use crate::views::{Command, NoteTarget, Selection, ViewCtx, style};

/// Height of one lane in points, used to choose how many lanes fit when fitting the view.
pub(super) const LANE_HEIGHT: f32 = 26.0;
/// Above this many events per point of width, a lane is drawn as a density strip.
pub(super) const MAX_MARKERS_PER_POINT: f32 = 0.25;

/// "◀ 3 earlier" and "2 later ▶" at the plot's edges when visible events lie outside the view,
/// so that nothing is silently off-screen; a click brings them into view (keeping the zoom if
/// they fit, else fitting all).
pub(super) fn edge_markers_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    plot_rect: Rect,
    from: f64,
    to: f64,
) {
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
pub(super) fn pan_to(ctx: &mut ViewCtx<'_>, day: Option<f64>, width: f64, earlier: bool) {
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

/// Painting the lanes' markers over the plot, with interaction and accessibility.
pub(super) struct Painted<'a, 'b, 'c> {
    pub(super) ui: &'a mut Ui,
    pub(super) ctx: &'a mut ViewCtx<'b>,
    pub(super) transform: &'a egui_plot::PlotTransform,
    pub(super) plot_rect: Rect,
    pub(super) row_of: &'a [Option<usize>],
    pub(super) lanes: &'c [ActorId],
    pub(super) hovered: Option<EventId>,
}

impl Painted<'_, '_, '_> {
    pub(super) fn screen_x(&self, day: f64) -> f32 {
        self.transform
            .position_from_point(&PlotPoint::new(day, 0.0))
            .x
    }

    pub(super) fn screen_y(&self, row: usize) -> f32 {
        self.transform
            .position_from_point(&PlotPoint::new(0.0, -(row as f64)))
            .y
    }

    pub(super) fn lanes_ui(&mut self, x_min: f64, x_max: f64, y_min: f64, y_max: f64) {
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

    pub(super) fn lane_ui(&mut self, row: usize, actor: ActorId, from_day: Day, to_day: Day) {
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
    pub(super) fn density_ui(&mut self, row: usize, actor: ActorId, from_day: Day, to_day: Day) {
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
    }

    pub(super) fn marker_ui(&mut self, row: usize, actor: ActorId, event: EventId, y: f32) {
        let dataset = self.ctx.dataset;
        let e = dataset.event(event);
        let x0 = self.screen_x(f64::from(e.when.first_day()));
        let x1 = self.screen_x(f64::from(e.when.last_day() + 1));
        let is_point = e.when.end.is_none() && e.when.start.precision() == Precision::Day;
        let selected = self.ctx.selection == Selection::Event(event);
        // The events of a selected contested claim stand out, ringed in the contested colour.
        let in_claim = matches!(self.ctx.selection,
            Selection::Claim(c) if dataset.claim(c).events.contains(&event));
        let (family, shape) = style::event_look(&e.kind);
        let color = family.color();
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
            style::marker_outline(self.ui.visuals())
        };
        if is_point || x1 - x0 < 8.0 {
            let radius = if selected { 6.0 } else { 4.5 };
            style::paint_marker(&painter, rect.center(), radius, shape, color, outline);
            if !is_point {
                // A short period drawn as a dot still shows it is not a day: a hollow ring.
                painter.circle_stroke(rect.center(), radius + 2.5, Stroke::new(1.0, color));
            }
        } else {
            painter.rect(
                rect,
                3.0,
                color.gamma_multiply(0.75),
                outline,
                egui::StrokeKind::Outside,
            );
            // The kind's shape at the start of the bar, so bars of one family differ too.
            let at = pos2((rect.left() + 6.0).min(rect.center().x), rect.center().y);
            style::paint_marker(
                &painter,
                at,
                3.5,
                shape,
                color,
                style::marker_outline(self.ui.visuals()),
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

pub(super) fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(max_chars - 1).collect();
        out.push('…');
        out
    }
}
