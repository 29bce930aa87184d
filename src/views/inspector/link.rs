//! The inspector for a bundled link: every relation between two actors, what each is with
//! how many of its events are in the window, and then the events behind all of them in time
//! order, each with its verbatim quotes.

use egui::{RichText, Ui};

use super::evidence_ui;
use crate::model::{ActorId, EventId, RelationId};
use crate::views::labels::link_breakdown;
use crate::views::{Command, Selection, ViewCtx, style};

/// At most this many events are listed (as for an actor).
const MAX_EVENTS: usize = 500;

/// The relations between `a` and `b` (either direction), in id order.
fn relations_between(ctx: &ViewCtx<'_>, a: ActorId, b: ActorId) -> Vec<RelationId> {
    let dataset = ctx.dataset;
    let Some(relations) = dataset.index.relations_by_actor.get(a.index()) else {
        return Vec::new();
    };
    let mut out: Vec<RelationId> = relations
        .iter()
        .copied()
        .filter(|&r| {
            let relation = dataset.relation(r);
            (relation.source, relation.target) == (a, b)
                || (relation.source, relation.target) == (b, a)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

pub(super) fn link_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, a: ActorId, b: ActorId) {
    let dataset = ctx.dataset;
    let relations = relations_between(ctx, a, b);
    ui.horizontal_wrapped(|ui| {
        for (n, actor) in [a, b].into_iter().enumerate() {
            if n == 1 {
                ui.heading("–");
            }
            if ui
                .link(RichText::new(&dataset.actor(actor).name).heading())
                .clicked()
            {
                ctx.send(Command::Select(Selection::Actor(actor)));
            }
        }
    });
    if relations.is_empty() {
        ui.weak("These actors are not linked in this dataset.");
        return;
    }
    let rows = link_breakdown(dataset, ctx.derived, &relations);
    let mut behind = Vec::new();
    crate::query::graph::events_behind(dataset, &relations, &mut behind);
    let visible = behind
        .iter()
        .filter(|&&e| ctx.derived.is_visible(e))
        .count();
    ui.label(format!(
        "{} links · {visible} of {} event(s) behind them inside the current filters",
        rows.len(),
        behind.len()
    ));
    ui.add_space(4.0);
    ui.label(RichText::new("By kind").strong());
    let most = rows.iter().map(|r| r.visible).max().unwrap_or(0).max(1);
    egui::Grid::new("link-breakdown")
        .num_columns(3)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            for row in &rows {
                let color = style::relation_kind_color(&row.kind);
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(60.0, 10.0), egui::Sense::hover());
                let share = row.visible as f32 / most as f32;
                ui.painter().rect_filled(
                    egui::Rect::from_min_size(
                        rect.min,
                        egui::vec2((rect.width() * share).max(2.0), rect.height()),
                    ),
                    2.0,
                    color,
                );
                if ui
                    .link(&row.label)
                    .on_hover_text("Select this relation alone")
                    .clicked()
                {
                    ctx.send(Command::Select(Selection::Relation(row.relation)));
                }
                ui.label(format!("{} of {}", row.visible, row.total));
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(RichText::new("The events behind these links, in time order").strong());
    // Each event once, however many of the links it backs, with the kinds it backs.
    let mut events: Vec<EventId> = behind;
    events.sort_by_key(|&e| (dataset.event(e).when.sort_key(), e));
    let shown = events.len().min(MAX_EVENTS);
    for &event in &events[..shown] {
        let backs = dataset.index.relations_by_event[event.index()]
            .iter()
            .copied()
            .filter(|r| relations.contains(r));
        ui.separator();
        let e = dataset.event(event);
        let text = RichText::new(format!("{} — {}", e.when.human(), e.title));
        let text = if ctx.derived.is_visible(event) {
            text.strong()
        } else {
            text.weak()
        };
        if ui.link(text).clicked() {
            ctx.send(Command::Select(Selection::Event(event)));
        }
        ui.horizontal_wrapped(|ui| {
            for r in backs {
                let kind = &dataset.relation(r).kind;
                ui.label(
                    RichText::new(crate::model::Kind::label(kind))
                        .small()
                        .color(style::relation_kind_color(kind)),
                );
            }
        });
        for evidence in &e.evidence {
            evidence_ui(ui, ctx, evidence);
        }
    }
    if events.len() > shown {
        ui.weak(format!("… and {} more", events.len() - shown));
    }
    let further: Vec<_> = relations
        .iter()
        .flat_map(|&r| dataset.relation(r).evidence.iter())
        .collect();
    if !further.is_empty() {
        ui.separator();
        ui.label(RichText::new("Further evidence").strong());
        for evidence in further {
            evidence_ui(ui, ctx, evidence);
        }
    }
}
