//! The sources list: every document with its metadata and how much it supports, so that the
//! analyst can see what each outlet's account contributes and narrow the view to it.

use egui::{RichText, Ui};

use super::{Command, Selection, ViewCtx, inspector};
use crate::model::DocId;
use crate::query::sources::Support;

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn sources_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let dataset = ctx.dataset;
    let index = ctx.caches.sources();
    ui.weak(format!(
        "{}. Choose one to read it or to narrow the timeline and graph to what it supports.",
        count(dataset.documents.len(), "document", "documents")
    ));
    if !ctx.filters.documents.is_empty() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let titles: Vec<&str> = ctx
                .filters
                .documents
                .iter()
                .filter_map(|d| dataset.documents.get(d.index()))
                .map(|d| d.title.as_str())
                .collect();
            ui.label(format!(
                "Showing only what {} supports: {} of {} events.",
                titles.join(" or "),
                ctx.derived.events.len(),
                dataset.events.len()
            ));
            if ui.button("Show all").clicked() {
                let mut filters = ctx.filters.clone();
                filters.documents.clear();
                ctx.send(Command::SetFilters(filters));
            }
        });
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("sources-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for &doc in &index.order {
                let support = index.support.get(doc.index()).copied().unwrap_or_default();
                source_ui(ui, ctx, doc, support);
                ui.separator();
            }
        });
}

fn source_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, id: DocId, support: Support) {
    let doc = ctx.dataset.document(id);
    let selected = ctx.selection == Selection::Document(id);
    let filtering = ctx.filters.documents.contains(&id);
    let title = egui::Button::selectable(selected, RichText::new(&doc.title).strong()).wrap();
    if ui
        .add(title)
        .on_hover_text("Select: details in the inspector")
        .clicked()
    {
        ctx.send(Command::Select(Selection::Document(id)));
    }
    ui.weak(format!(
        "{} · {} · {}",
        doc.outlet.as_deref().unwrap_or("outlet not stated"),
        doc.published.human(),
        inspector::language_name(&doc.language)
    ));
    ui.label(format!(
        "Supports {} · {} · {}",
        count(support.events, "event", "events"),
        count(support.relations, "relation", "relations"),
        count(support.claims, "claim", "claims")
    ));
    ui.horizontal_wrapped(|ui| {
        if ui
            .small_button("Read")
            .on_hover_text("Open the full text, with its evidence highlighted")
            .clicked()
        {
            ctx.send(Command::OpenDocument {
                doc: id,
                focus: None,
            });
        }
        if filtering {
            ui.colored_label(ui.visuals().selection.bg_fill, "● narrowing the view");
        } else if selected
            && ui
                .small_button("Show only what it supports")
                .on_hover_text("Filter the timeline and graph to the events this document supports")
                .clicked()
        {
            let mut filters = ctx.filters.clone();
            filters.documents = [id].into_iter().collect();
            ctx.send(Command::SetFilters(filters));
        }
    });
    if !doc.notes.is_empty() {
        egui::CollapsingHeader::new("Notes")
            .id_salt(("source-notes", id))
            .default_open(false)
            .show(ui, |ui| {
                ui.label(RichText::new(&doc.notes).italics());
            });
    }
}
