//! The filter panel: search, time window, actors (with their related actors), event kinds,
//! documents, corroboration and contested-only. Every change becomes one
//! [`Command::SetFilters`] (or [`Command::SetTimeWindow`]), so it can be undone.

use egui::{RichText, Ui};

use super::{Command, Selection, ViewCtx, style};
use crate::model::{ActorId, DocId, Kind as _, PartialDate, date::iso_day};
use crate::query::{Corroboration, Filters};

/// Text being typed into the window's date fields, kept until it parses.
#[derive(Clone, Debug, Default)]
struct WindowDraft {
    from: String,
    to: String,
    /// The window these drafts were made from; when it changes elsewhere, they are reset.
    source: Option<(i32, i32)>,
    error: Option<String>,
}

pub fn filters_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let dataset = ctx.dataset;
    let mut filters = ctx.filters.clone();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new("Search").strong());
            let search = ui.add(
                egui::TextEdit::singleline(&mut filters.search)
                    .hint_text("titles, summaries, quotes, names…")
                    .desired_width(f32::INFINITY),
            );
            search.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search events")
            });
            ui.weak("Case and accents do not matter: \"goita\" finds Goïta.");
            if ctx.filters.search.trim().is_empty() {
                ui.label(format!(
                    "{} of {} events match",
                    ctx.derived.events.len(),
                    dataset.events.len()
                ));
            } else {
                let enter = search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                search_results_ui(ui, ctx, enter);
            }
            if (filters.is_restrictive() || filters.window.is_some())
                && ui.button("Reset all filters").clicked()
            {
                {
                    ctx.send(Command::SetFilters(Filters {
                        include_related: filters.include_related,
                        ..Filters::default()
                    }));
                    return;
                }
            }
            ui.separator();
            window_ui(ui, ctx);
            ui.separator();

            ui.label(RichText::new("Corroboration").strong());
            ui.horizontal_wrapped(|ui| {
                for (value, label) in [
                    (Corroboration::Any, "Any"),
                    (Corroboration::SingleSource, "Single source"),
                    (Corroboration::Corroborated, "Corroborated (2+ documents)"),
                ] {
                    ui.radio_value(&mut filters.corroboration, value, label);
                }
            });
            ui.checkbox(&mut filters.contested_only, "Only contested events")
                .on_hover_text(style::CONTESTED_LEGEND);
            ui.separator();

            egui::CollapsingHeader::new(RichText::new("Actors").strong())
                .default_open(true)
                .show(ui, |ui| actors_ui(ui, ctx, &mut filters));
            egui::CollapsingHeader::new(RichText::new("Event kinds").strong())
                .default_open(false)
                .show(ui, |ui| kinds_ui(ui, ctx, &mut filters));
            egui::CollapsingHeader::new(RichText::new("Documents").strong())
                .default_open(false)
                .show(ui, |ui| {
                    for (n, doc) in dataset.documents.iter().enumerate() {
                        let id = DocId::from_index(n);
                        let mut on = filters.documents.contains(&id);
                        if ui.checkbox(&mut on, &doc.title).changed() {
                            toggle(&mut filters.documents, id, on);
                        }
                    }
                });
        });
    if filters != *ctx.filters {
        ctx.send(Command::SetFilters(filters));
    }
}

/// What the search found: a list of events (title, date, where it matched) to click, Enter in
/// the search box stepping through them, and *Show all matches* fitting the timeline to them.
fn search_results_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, enter: bool) {
    let dataset = ctx.dataset;
    let results = ctx.caches.search_results(ctx.derived, &ctx.filters.search);
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} of {} events match",
            results.total,
            dataset.events.len()
        ));
        if let (Some(&first), Some(&last)) = (
            ctx.derived.first_days.first(),
            ctx.derived.last_days_sorted.last(),
        ) && ui
            .small_button("Show all matches")
            .on_hover_text("Fit the timeline to every event the search found")
            .clicked()
        {
            let margin = ((last - first) / 30).max(15);
            ctx.send(Command::ZoomTimelineTo(first - margin, last + margin));
        }
    });
    if enter && !results.hits.is_empty() {
        // Enter selects the next result after the one selected (the first, at first).
        let current = results
            .hits
            .iter()
            .position(|(e, _)| ctx.selection == Selection::Event(*e));
        let next = current.map_or(0, |n| (n + 1) % results.hits.len());
        ctx.send(Command::Select(Selection::Event(results.hits[next].0)));
    }
    egui::ScrollArea::vertical()
        .id_salt("search-results")
        .max_height(220.0)
        .show(ui, |ui| {
            for (event, places) in &results.hits {
                let e = dataset.event(*event);
                let selected = ctx.selection == Selection::Event(*event);
                let title = egui::Button::selectable(
                    selected,
                    RichText::new(format!("{} · {}", e.title, e.when.human())),
                )
                .wrap();
                if ui
                    .add(title)
                    .on_hover_text("Select it and bring it into view")
                    .clicked()
                {
                    ctx.send(Command::Select(Selection::Event(*event)));
                }
                if !places.is_empty() {
                    let places: Vec<String> = places.iter().map(ToString::to_string).collect();
                    ui.weak(format!("in {}", places.join(", ")));
                }
            }
            let more = results.total - results.hits.len();
            if more > 0 {
                ui.weak(format!("…and {more} more on the timeline"));
            }
        });
}

fn toggle<T: Ord>(set: &mut std::collections::BTreeSet<T>, item: T, on: bool) {
    if on {
        set.insert(item);
    } else {
        set.remove(&item);
    }
}

fn window_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let id = ui.make_persistent_id("window-draft");
    let mut draft: WindowDraft = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    let window = ctx.filters.window;
    if draft.source != window || (draft.from.is_empty() && draft.to.is_empty() && window.is_some())
    {
        draft.source = window;
        draft.error = None;
        (draft.from, draft.to) = match window {
            Some((from, to)) => (iso_day(from), iso_day(to)),
            None => (String::new(), String::new()),
        };
    }
    ui.label(RichText::new("Time window").strong());
    let mut apply = false;
    egui::Grid::new("window-grid")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("From");
            let from = ui.add(
                egui::TextEdit::singleline(&mut draft.from)
                    .hint_text("2021 or 2021-12 or 2021-12-24")
                    .desired_width(150.0),
            );
            from.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Window from")
            });
            ui.end_row();
            ui.label("To");
            let to = ui.add(
                egui::TextEdit::singleline(&mut draft.to)
                    .hint_text("inclusive")
                    .desired_width(150.0),
            );
            to.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Window to"));
            ui.end_row();
            let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
            apply = (from.lost_focus() || to.lost_focus()) && entered;
        });
    ui.horizontal(|ui| {
        if ui.button("Apply window").clicked() {
            apply = true;
        }
        if window.is_some() && ui.button("Clear window").clicked() {
            ctx.send(Command::SetTimeWindow(None));
        }
    });
    if apply {
        let parse = |text: &str, end: bool| -> Result<Option<i32>, String> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            let date = PartialDate::parse(text).map_err(|e| format!("{text:?}: {e}"))?;
            Ok(Some(if end {
                date.last_day()
            } else {
                date.first_day()
            }))
        };
        match (parse(&draft.from, false), parse(&draft.to, true)) {
            (Ok(from), Ok(to)) => {
                let extent = ctx.dataset.time_extent().unwrap_or((0, 0));
                let from = from.unwrap_or(extent.0);
                let to = to.unwrap_or(extent.1);
                if to < from {
                    draft.error = Some("The window ends before it starts".to_owned());
                } else {
                    draft.error = None;
                    ctx.send(Command::SetTimeWindow(Some((from, to))));
                }
            }
            (Err(e), _) | (_, Err(e)) => draft.error = Some(e),
        }
    }
    if let Some(error) = &draft.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    } else {
        ui.weak("Or shift + drag on the timeline. Events overlapping the window are shown.");
    }
    ui.data_mut(|d| d.insert_temp(id, draft));
}

fn actors_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, filters: &mut Filters) {
    let dataset = ctx.dataset;
    ui.checkbox(&mut filters.include_related, "Include related actors")
        .on_hover_text("Russia also brings in Lavrov and Putin; the UN brings in MINUSMA");
    if !filters.actors.is_empty() && ui.small_button("Any actor").clicked() {
        filters.actors.clear();
    }
    // The dataset's focus actors first, then the rest alphabetically (sorted once, at load).
    let core: Vec<ActorId> = dataset.focus.clone();
    let order: Vec<ActorId> = core
        .iter()
        .copied()
        .chain(
            dataset
                .index
                .actors_by_name
                .iter()
                .copied()
                .filter(|a| !core.contains(a)),
        )
        .collect();
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("actor-filter")
        .max_height(300.0)
        .show_rows(ui, row_height, order.len(), |ui, rows| {
            for &actor in &order[rows] {
                let a = dataset.actor(actor);
                let mut on = filters.actors.contains(&actor);
                let total = dataset.index.events_by_actor[actor.index()].len();
                ui.horizontal(|ui| {
                    let response = ui.checkbox(&mut on, &a.name);
                    if response.changed() {
                        toggle(&mut filters.actors, actor, on);
                    }
                    ui.weak(format!("{total}"));
                });
            }
        });
}

fn kinds_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, filters: &mut Filters) {
    let dataset = ctx.dataset;
    for kind in &dataset.index.event_kinds {
        let mut on = filters.kinds.contains(kind);
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            let (family, shape) = style::event_look(kind);
            style::paint_marker(
                ui.painter(),
                rect.center(),
                4.0,
                shape,
                family.color(),
                style::marker_outline(ui.visuals()),
            );
            if ui.checkbox(&mut on, kind.label()).changed() {
                toggle(&mut filters.kinds, kind.clone(), on);
            }
        });
    }
}
