//! The contested-claims list: every question the sources disagree on, with how many positions
//! it has and the events it involves. Selecting one shows the positions side by side, each with
//! its quotes, in the inspector.

use egui::{RichText, Ui};

use super::{Command, Selection, ViewCtx, inspector, style};
use crate::model::ClaimId;

/// How many involved events a row lists before summarising the rest.
const EVENTS_SHOWN: usize = 4;

pub fn claims_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let dataset = ctx.dataset;
    ui.colored_label(style::CONTESTED_COLOR, style::CONTESTED_LEGEND);
    ui.weak("Select a claim to compare its positions, each with its quotes, in the inspector.");
    ui.separator();
    if dataset.claims.is_empty() {
        ui.weak("This dataset records no contested claims.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("claims-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for n in 0..dataset.claims.len() {
                claim_row(ui, ctx, ClaimId::from_index(n));
                ui.separator();
            }
        });
}

fn claim_row(ui: &mut Ui, ctx: &mut ViewCtx<'_>, id: ClaimId) {
    let claim = ctx.dataset.claim(id);
    let selected = ctx.selection == Selection::Claim(id);
    ui.horizontal_top(|ui| {
        ui.colored_label(style::CONTESTED_COLOR, "⚠");
        let question = egui::Button::selectable(selected, claim.question.as_str()).wrap();
        if ui
            .add(question)
            .on_hover_text("Compare the positions in the inspector")
            .clicked()
        {
            ctx.send(Command::Select(Selection::Claim(id)));
        }
    });
    let visible = claim
        .events
        .iter()
        .filter(|&&e| ctx.derived.is_visible(e))
        .count();
    let positions = claim.positions.len();
    ui.weak(format!(
        "{positions} position{} · {} event{} involved ({visible} visible)",
        if positions == 1 { "" } else { "s" },
        claim.events.len(),
        if claim.events.len() == 1 { "" } else { "s" },
    ));
    for position in &claim.positions {
        ui.label(RichText::new(format!("– {}", position.value)).small());
    }
    for &event in claim.events.iter().take(EVENTS_SHOWN) {
        inspector::event_link(ui, ctx, event);
    }
    if claim.events.len() > EVENTS_SHOWN {
        ui.weak(format!(
            "… and {} more (select the claim to see all)",
            claim.events.len() - EVENTS_SHOWN
        ));
    }
}
