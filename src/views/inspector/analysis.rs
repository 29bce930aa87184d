//! The actor's place in the network, under the current filters: degree, betweenness, and the
//! shortest chain of relations to another actor (inspector section).

use egui::{Id, RichText, Ui};

use crate::model::ActorId;
use crate::query::network;
use crate::views::labels::edge_label;
use crate::views::{Command, Selection, ViewCtx};

/// Degree and betweenness of an actor within the current filters, and the shortest path to
/// another actor (inspector section).
pub fn actor_analysis_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, actor: ActorId) {
    let dataset = ctx.dataset;
    let centrality = ctx.caches.centrality(ctx.derived);
    let i = actor.index();
    ui.add_space(4.0);
    ui.label(RichText::new("In the network (current filters)").strong());
    let degree = centrality.degree.get(i).copied().unwrap_or(0);
    let links = centrality.links.get(i).copied().unwrap_or(0);
    ui.label(format!(
        "Degree: {degree} neighbour(s) through {links} active relation(s)"
    ));
    let b = centrality.betweenness.get(i).copied().unwrap_or(0.0);
    let norm = centrality.normalised.get(i).copied().unwrap_or(0.0);
    ui.label(format!(
        "Betweenness: {b:.1} ({:.0}% of pairs) · rank {} of {}{}",
        norm * 100.0,
        centrality.betweenness_rank(actor),
        centrality.nodes,
        if centrality.sampled_sources.is_some() {
            " (estimated)"
        } else {
            ""
        }
    ))
    .on_hover_text("How many shortest chains between other actors pass through this one");

    // Path finding: pick another actor, find the shortest chain of active relations.
    let target_id = Id::unique("graph-path-target");
    let mut target: Option<ActorId> = ui.data(|d| d.get_temp(target_id)).flatten();
    ui.horizontal(|ui| {
        ui.label("Path to");
        let name = target.map_or("choose…", |t| dataset.actor(t).name.as_str());
        egui::ComboBox::from_id_salt("graph-path-combo")
            .selected_text(name)
            .width(140.0)
            .show_ui(ui, |ui| {
                for &other in &dataset.index.actors_by_name {
                    if other != actor
                        && centrality.degree.get(other.index()).is_some_and(|&d| d > 0)
                    {
                        ui.selectable_value(&mut target, Some(other), &dataset.actor(other).name);
                    }
                }
            });
        if ui
            .add_enabled(target.is_some(), egui::Button::new("Find path"))
            .clicked()
            && let Some(to) = target
        {
            ctx.send(Command::FindPath(actor, to));
        }
        if !ctx.path.is_empty() && ui.button("Clear path").clicked() {
            ctx.send(Command::ClearPath);
        }
    });
    ui.data_mut(|d| d.insert_temp(target_id, target));
    path_ui(ui, ctx);
}

/// The shortest path being shown: each link, then its visible events.
fn path_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    if ctx.path.is_empty() {
        return;
    }
    let dataset = ctx.dataset;
    let actors = network::path_actors(dataset, ctx.path);
    let names: Vec<&str> = actors
        .iter()
        .map(|a| dataset.actor(*a).name.as_str())
        .collect();
    ui.label(RichText::new(format!("Path: {}", names.join(" → "))).strong());
    let path = ctx.path.to_vec();
    for relation in path {
        if ui
            .link(edge_label(ctx.dataset, ctx.derived, relation))
            .clicked()
        {
            ctx.send(Command::Select(Selection::Relation(relation)));
        }
        ui.indent(("path-events", relation), |ui| {
            for &event in &dataset.relation(relation).events {
                if ctx.derived.is_visible(event) {
                    super::event_link(ui, ctx, event);
                }
            }
        });
    }
}
