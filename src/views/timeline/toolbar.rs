//! The timeline's toolbar: zoom, fit, the lanes menu (show, hide, reorder, by kind or
//! focus) and the marks' legend.

use std::collections::BTreeSet;

use egui::Ui;

use super::TimelineState;
use crate::model::date::format_day;
use crate::model::{ActorId, Kind as _};
use crate::views::{Command, ViewCtx, ZoomStep, style};

/// The toolbar wraps to the panel's width (it never widens the panel under a side panel), and
/// what depends on state (the time window) comes last, so no button moves when it changes.
pub(super) fn toolbar_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    state: &mut TimelineState,
    legend_beside: bool,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong("Timeline");
        if ui
            .button("Fit all")
            .on_hover_text("Show every event (F)")
            .clicked()
        {
            ctx.send(Command::FitTimeline);
        }
        if ui.button("+").on_hover_text("Zoom in (+)").clicked() {
            ctx.send(Command::ZoomTimeline(ZoomStep::In));
        }
        if ui.button("−").on_hover_text("Zoom out (−)").clicked() {
            ctx.send(Command::ZoomTimeline(ZoomStep::Out));
        }
        ui.separator();
        ui.menu_button("Lanes…", |ui| lanes_menu_ui(ui, ctx, state));
        if !legend_beside {
            let dataset = ctx.dataset;
            ui.menu_button("Kinds", |ui| {
                ui.set_max_height(400.0);
                kinds_legend_ui(ui, dataset);
            });
        }
        let mut hide_empty = state.hide_empty;
        if ui.checkbox(&mut hide_empty, "Hide empty lanes").changed() {
            ctx.send(Command::SetHideEmptyLanes(hide_empty));
        }
        ui.separator();
        for (text, color) in [
            ("▲ contested", style::CONTESTED_COLOR),
            ("● your note", style::NOTE_COLOR),
        ] {
            ui.add(egui::Label::new(egui::RichText::new(text).color(color)).extend());
        }
        ui.separator();
        if let Some((from, to)) = ctx.filters.window {
            ui.label(format!("Window {} – {}", format_day(from), format_day(to)));
            if ui.small_button("Zoom to window").clicked() {
                ctx.send(Command::ZoomTimelineTo(from, to));
            }
            if ui.small_button("Clear window").clicked() {
                ctx.send(Command::SetTimeWindow(None));
            }
        } else {
            ui.add(
                egui::Label::new(
                    egui::RichText::new("Shift + drag to choose a time window").weak(),
                )
                .extend(),
            );
        }
    });
}

pub(super) fn lanes_menu_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &TimelineState) {
    let dataset = ctx.dataset;
    let all: Vec<ActorId> = state.lane_order.clone();
    let is_focus = |a: &ActorId| dataset.is_focus(*a);
    ui.set_min_width(300.0);
    ui.horizontal(|ui| {
        if ui.button("Show all").clicked() {
            ctx.send(Command::SetHiddenLanes(BTreeSet::new()));
        }
        let focus: Vec<&str> = dataset
            .focus
            .iter()
            .map(|a| dataset.actor(*a).name.as_str())
            .collect();
        if !focus.is_empty()
            && ui
                .button("Focus actors only")
                .on_hover_text(format!(
                    "The actors this dataset is about: {}",
                    focus.join(", ")
                ))
                .clicked()
        {
            let rest = all.iter().copied().filter(|a| !is_focus(a)).collect();
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

/// What the timeline's colours and marks mean: one colour per kind of event in the dataset.
pub fn kinds_legend_ui(ui: &mut Ui, dataset: &crate::model::Dataset) {
    egui::ScrollArea::vertical()
        .id_salt("timeline-legend")
        .show(ui, |ui| {
            ui.label(egui::RichText::new("Events").strong());
            let mut family = None;
            for kind in style::legend_order(&dataset.index.event_kinds) {
                let this = style::event_family(&kind);
                if family != Some(this) {
                    family = Some(this);
                    ui.label(
                        egui::RichText::new(this.label())
                            .small()
                            .color(this.color()),
                    );
                }
                ui.indent(("legend-kind", this), |ui| {
                    style::event_kind_swatch_ui(ui, &kind);
                });
            }
            ui.add_space(4.0);
            ui.weak("dot: a day · bar: a month, a year or a span · ringed dot: a short period");
        });
}
