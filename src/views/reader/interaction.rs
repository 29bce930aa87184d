//! What the pointer does over the text: the passage under it, its tooltip (what it is
//! evidence for), and selecting what it supports on a click.

use egui::text::Galley;
use egui::{Pos2, Ui};

use super::OpenDocument;
use super::text::char_under;
use crate::model::Dataset;
use crate::query::highlights::{DocHighlights, Passage};
use crate::views::{Command, Selection, ViewCtx, style};

/// What clicking a passage can select, events first.
pub(super) fn passage_targets(passage: &Passage) -> impl Iterator<Item = Selection> + '_ {
    let events = passage.events.iter().map(|&e| Selection::Event(e));
    let claims = passage.claims.iter().map(|&(c, _)| Selection::Claim(c));
    let relations = passage.relations.iter().map(|&r| Selection::Relation(r));
    let actors = passage.actors.iter().map(|&a| Selection::Actor(a));
    events.chain(claims).chain(relations).chain(actors)
}

/// Tooltip, click and context menu on a highlighted passage under the pointer.
pub(super) fn passage_interaction(
    ui: &Ui,
    ctx: &mut ViewCtx<'_>,
    response: &egui::Response,
    galley: &Galley,
    origin: Pos2,
    highlights: &DocHighlights,
    open: &OpenDocument,
) {
    let pointer = response.hover_pos().or(response.interact_pointer_pos());
    let segment = pointer
        .and_then(|pos| char_under(galley, pos - origin))
        .and_then(|c| highlights.segment_at_char(c));
    let under: Vec<&Passage> = match segment {
        Some(segment) => segment
            .passages
            .iter()
            .filter_map(|&i| highlights.passages.get(i))
            .collect(),
        // Clicked without a pointer (AccessKit): the cited passage.
        None if response.clicked() => open
            .focus
            .as_ref()
            .and_then(|span| highlights.passage(span))
            .into_iter()
            .collect(),
        None => Vec::new(),
    };
    let mut targets: Vec<Selection> = Vec::new();
    for passage in &under {
        for target in passage_targets(passage) {
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
    }
    let menu_id = response.id.with("passage-targets");
    if response.secondary_clicked() {
        ui.data_mut(|d| d.insert_temp(menu_id, targets.clone()));
    }
    if !targets.is_empty() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        if response.clicked() {
            ctx.send(Command::Select(targets[0]));
        }
        response.clone().on_hover_ui_at_pointer(|ui| {
            passage_tooltip(ui, ctx.dataset, &under, &targets);
        });
    }
    response.context_menu(|ui| {
        let targets: Vec<Selection> = ui.data(|d| d.get_temp(menu_id)).unwrap_or_default();
        if targets.is_empty() {
            ui.weak("Not a highlighted passage");
        }
        for target in targets {
            if ui
                .button(format!("Select {}", target_label(ctx.dataset, target)))
                .clicked()
            {
                ctx.send(Command::Select(target));
                ui.close();
            }
        }
    });
}

/// What a passage is evidence for.
pub(super) fn passage_tooltip(
    ui: &mut Ui,
    dataset: &Dataset,
    under: &[&Passage],
    targets: &[Selection],
) {
    ui.set_max_width(380.0);
    for passage in under {
        for &event in &passage.events {
            let e = dataset.event(event);
            ui.label(format!("Event: {} — {}", e.when.human(), e.title));
        }
        for &(claim, position) in &passage.claims {
            let c = dataset.claim(claim);
            ui.colored_label(style::CONTESTED_COLOR, format!("⚠ Claim: {}", c.question));
            if let Some(p) = c.positions.get(position) {
                ui.weak(format!("   position: {}", p.value));
            }
        }
        for &relation in &passage.relations {
            ui.label(format!(
                "Link: {}",
                crate::views::labels::relation_label(dataset, relation)
            ));
        }
        for &actor in &passage.actors {
            ui.label(format!("About: {}", dataset.actor(actor).name));
        }
    }
    if let Some(first) = targets.first() {
        ui.separator();
        let rest = if targets.len() > 1 {
            format!("; right-click to choose among all {}", targets.len())
        } else {
            String::new()
        };
        ui.weak(format!(
            "Click to select {}{rest}",
            target_label(dataset, *first)
        ));
    }
}

pub(super) fn target_label(dataset: &Dataset, target: Selection) -> String {
    match target {
        Selection::Event(e) => {
            let e = dataset.event(e);
            format!("the event {} — {}", e.when.human(), e.title)
        }
        Selection::Claim(c) => format!("the claim “{}”", dataset.claim(c).question),
        Selection::Relation(r) => format!(
            "the link {}",
            crate::views::labels::relation_label(dataset, r)
        ),
        Selection::Link(a, b) => format!(
            "the links between {} and {}",
            dataset.actor(a).name,
            dataset.actor(b).name
        ),
        Selection::Actor(a) => dataset.actor(a).name.clone(),
        Selection::Document(d) => dataset.document(d).title.clone(),
        Selection::None => String::new(),
    }
}
