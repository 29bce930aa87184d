//! The legend beside the graph: the kinds of link and actor that occur, and the marks.

use egui::{RichText, Sense, Stroke, Ui, vec2};

use super::scene::GraphModel;
use crate::model::{Dataset, Kind as _};
use crate::views::style;

/// The kinds that occur in the graph, for the legend (computed once per dataset).
#[derive(Default)]
pub(super) struct LegendKinds {
    pub(super) relations: Vec<crate::model::RelationKind>,
    pub(super) actors: Vec<crate::model::ActorKind>,
}

impl LegendKinds {
    pub(super) fn new(dataset: &Dataset, model: &GraphModel) -> Self {
        let mut relations: Vec<_> = model
            .relations
            .iter()
            .map(|&r| dataset.relation(r).kind.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        relations.sort_by_key(|k| (style::relation_family(k), k.clone()));
        let actors = model
            .nodes
            .iter()
            .map(|a| dataset.actor(*a).kind.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        Self { relations, actors }
    }
}

pub(super) fn legend_ui(ui: &mut Ui, kinds: &LegendKinds) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.label(RichText::new("Links").strong());
        // One row per family that occurs, naming its kinds (the colours the timeline uses
        // for the same kinds of event).
        let mut k = 0;
        while k < kinds.relations.len() {
            let family = style::relation_family(&kinds.relations[k]);
            let mut names = Vec::new();
            while k < kinds.relations.len() && style::relation_family(&kinds.relations[k]) == family
            {
                names.push(kinds.relations[k].label());
                k += 1;
            }
            style::swatch_ui(ui, family.color(), family.label(), false);
            ui.indent(("legend-family", family), |ui| {
                ui.add(egui::Label::new(RichText::new(names.join(", ")).small().weak()).wrap());
            });
        }
        ui.add(
            egui::Label::new(
                RichText::new("one line per pair; width: events in window; stripes: kinds of link")
                    .weak(),
            )
            .wrap(),
        );
        ui.weak("→ directed · faint: none in window");
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(style::CONTESTED_COLOR, "▲");
            ui.weak("contested: a claim disputes one of its events");
        });
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 10.0), Sense::hover());
            ui.painter().line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(4.0, style::PATH_COLOR),
            );
            ui.weak("shortest path");
        });
        ui.add_space(4.0);
        ui.label(RichText::new("Actors").strong());
        for kind in &kinds.actors {
            style::swatch_ui(ui, style::actor_kind_color(kind), kind.label(), true);
        }
        ui.weak("size: visible events");
    });
}
