//! The inspector (right panel): whatever is selected — event, actor, relation, claim,
//! document — always ending in the evidence behind it, each quote with its document and the
//! buttons to open it in the document or copy a citation.

mod analysis;
mod link;

use egui::{RichText, Ui};

use super::labels::relation_label;
use super::{Command, NoteTarget, Selection, ViewCtx, style};
use crate::model::{ActorId, Dataset, EventId, Evidence, Kind as _, RelationId};

pub fn inspector_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, note_draft: &mut NoteDraft) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match ctx.selection {
            Selection::None => {
                ui.weak("Nothing selected.");
                ui.weak("Click an event on the timeline, a node or a link in the graph, a source or a claim; ←/→ step through events in time.");
            }
            Selection::Event(event) => event_ui(ui, ctx, event, note_draft),
            Selection::Actor(actor) => actor_ui(ui, ctx, actor, note_draft),
            Selection::Relation(relation) => relation_ui(ui, ctx, relation, note_draft),
            Selection::Link(a, b) => link::link_ui(ui, ctx, a, b),
            Selection::Claim(claim) => claim_ui(ui, ctx, claim),
            Selection::Document(doc) => document_ui(ui, ctx, doc),
        });
}

/// The text being edited in the note box, kept while the same item stays selected.
#[derive(Clone, Debug, Default)]
pub struct NoteDraft {
    pub target: Option<NoteTarget>,
    pub text: String,
    /// The note as the state holds it when `text` was last in step with it.
    pub kept: String,
}

fn event_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, id: EventId, note_draft: &mut NoteDraft) {
    let dataset = ctx.dataset;
    let event = dataset.event(id);
    ui.label(RichText::new(&event.title).heading());
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(event.when.human()).strong());
        ui.weak(format!("({})", precision_word(event)));
        ui.label(RichText::new(event.kind.label()).color(style::event_kind_color(&event.kind)));
        if let Some(place) = &event.place {
            ui.label(format!("· {place}"));
        }
    });
    let sources = dataset.source_count(id);
    ui.label(if sources == 1 {
        "Supported by 1 document (single source)".to_owned()
    } else {
        format!("Corroborated by {sources} documents")
    });
    if !ctx.derived.is_visible(id) {
        ui.colored_label(ui.visuals().warn_fg_color, "Hidden by the current filters.");
    }
    ui.add_space(4.0);
    ui.label(&event.summary);
    ui.add_space(4.0);
    ui.label(RichText::new("Actors").strong());
    ui.horizontal_wrapped(|ui| {
        for (actor, role) in &event.participants {
            let name = &dataset.actor(*actor).name;
            if ui
                .link(name.as_str())
                .on_hover_text(format!("{} — click to select", role.label()))
                .clicked()
            {
                ctx.send(Command::Select(Selection::Actor(*actor)));
            }
            ui.weak(format!("({})", role.label().to_lowercase()));
        }
    });
    let claims = &dataset.index.claims_by_event[id.index()];
    if !claims.is_empty() {
        ui.add_space(4.0);
        ui.colored_label(style::CONTESTED_COLOR, "⚠ Contested");
        for &claim in claims {
            if ui.link(&dataset.claim(claim).question).clicked() {
                ctx.send(Command::Select(Selection::Claim(claim)));
            }
        }
    }
    let relations = &dataset.index.relations_by_event[id.index()];
    if !relations.is_empty() {
        ui.add_space(4.0);
        ui.label(RichText::new("Shows the links").strong());
        for &relation in relations {
            if ui.link(relation_label(dataset, relation)).clicked() {
                ctx.send(Command::Select(Selection::Relation(relation)));
            }
        }
    }
    note_ui(ui, ctx, NoteTarget::Event(id), note_draft);
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Evidence ({})", event.evidence.len())).strong());
    // An imported record names the outlet it was reported by: said on its evidence.
    let reported_by = crate::query::record::outlet(dataset, id);
    for evidence in &event.evidence {
        evidence_card(ui, ctx, evidence, reported_by.as_deref());
    }
    record_ui(ui, ctx, id);
}

/// An imported event's source record, field by field, the field that is its evidence marked:
/// the record as its source wrote it (one record parsed, only while it is shown).
fn record_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, id: EventId) {
    if ctx.dataset.event(id).record.is_none() {
        return;
    }
    egui::CollapsingHeader::new(RichText::new("The record in its file").strong())
        .id_salt(("record", id))
        .default_open(true)
        .show(ui, |ui| {
            let Some(fields) = crate::query::record::fields(ctx.dataset, id) else {
                ui.weak("The record cannot be read back from its document.");
                return;
            };
            if !fields.iter().any(|f| f.words) {
                ui.weak("The whole record is the event's evidence.");
            }
            egui::Grid::new(("record-fields", id))
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for field in fields.iter().filter(|f| !f.value.trim().is_empty()) {
                        ui.weak(&field.name);
                        let value = RichText::new(&field.value);
                        let value = if field.words {
                            value
                                .strong()
                                .background_color(ui.visuals().selection.bg_fill)
                        } else {
                            value
                        };
                        ui.add(egui::Label::new(value).wrap())
                            .on_hover_text(if field.words {
                                "The event's evidence: these words, exactly as in the file"
                            } else {
                                "As in the file"
                            });
                        ui.end_row();
                    }
                });
        });
}

fn precision_word(event: &crate::model::Event) -> &'static str {
    use crate::model::Precision;
    if event.when.end.is_some() {
        return "span";
    }
    match event.when.start.precision() {
        Precision::Year => "known to the year",
        Precision::Month => "known to the month",
        Precision::Day => "known to the day",
    }
}

fn actor_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, id: ActorId, note_draft: &mut NoteDraft) {
    let dataset = ctx.dataset;
    let actor = dataset.actor(id);
    ui.label(RichText::new(&actor.name).heading());
    ui.label(RichText::new(actor.kind.label()).color(style::actor_kind_color(&actor.kind)));
    if let Some(parent) = actor.parent {
        ui.horizontal(|ui| {
            ui.label("Part of");
            if ui.link(&dataset.actor(parent).name).clicked() {
                ctx.send(Command::Select(Selection::Actor(parent)));
            }
        });
    }
    if !actor.aliases.is_empty() {
        ui.label(format!("Also: {}", actor.aliases.join(", ")));
    }
    let children = &dataset.index.children[id.index()];
    if !children.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Includes");
            for &child in children {
                if ui.link(&dataset.actor(child).name).clicked() {
                    ctx.send(Command::Select(Selection::Actor(child)));
                }
            }
        });
    }
    if !actor.description.is_empty() {
        ui.add_space(4.0);
        ui.label(&actor.description);
    }
    analysis::actor_analysis_ui(ui, ctx, id);
    note_ui(ui, ctx, NoteTarget::Actor(id), note_draft);

    let relations = &dataset.index.relations_by_actor[id.index()];
    // One row per actor it is linked to, as the graph draws them: a click opens the pair.
    let mut linked: Vec<(ActorId, Vec<RelationId>, u32)> = Vec::new();
    for &relation in relations {
        let r = dataset.relation(relation);
        let other = if r.source == id { r.target } else { r.source };
        if other == id {
            continue;
        }
        match linked.iter_mut().find(|(a, _, _)| *a == other) {
            Some((_, rs, _)) => rs.push(relation),
            None => linked.push((other, vec![relation], 0)),
        }
    }
    // Each event once, though one can back several relations of the pair.
    let mut behind = Vec::new();
    for (_, rs, n) in &mut linked {
        crate::query::graph::events_behind(dataset, rs, &mut behind);
        *n = behind
            .iter()
            .filter(|&&e| ctx.derived.is_visible(e))
            .count() as u32;
    }
    linked.sort_by_key(|(a, rs, n)| (std::cmp::Reverse(*n), std::cmp::Reverse(rs.len()), *a));
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Linked actors ({})", linked.len())).strong());
    for (other, rs, count) in &linked {
        let text = format!(
            "{} · {} link{}, {count} visible event(s)",
            dataset.actor(*other).name,
            rs.len(),
            if rs.len() == 1 { "" } else { "s" }
        );
        if ui.link(text).clicked() {
            ctx.send(Command::Select(match rs.as_slice() {
                [only] => Selection::Relation(*only),
                _ => Selection::link(id, *other),
            }));
        }
    }
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Relations ({})", relations.len())).strong());
    for &relation in relations {
        let count = ctx.derived.relation_counts[relation.index()];
        let response = ui.link(format!(
            "{} · {count} visible event(s)",
            relation_label(dataset, relation)
        ));
        if response.clicked() {
            ctx.send(Command::Select(Selection::Relation(relation)));
        }
    }
    let events = &ctx.derived.lane_events[id.index()];
    let all = dataset.index.events_by_actor[id.index()].len();
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Events ({} visible of {all})", events.len())).strong());
    for &event in events.iter().take(500) {
        event_link(ui, ctx, event);
    }
    if events.len() > 500 {
        ui.weak(format!("… and {} more", events.len() - 500));
    }
    if !actor.evidence.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Evidence for the description").strong());
        for evidence in &actor.evidence {
            evidence_ui(ui, ctx, evidence);
        }
    }
}

/// A clickable line for an event: date and title.
pub fn event_link(ui: &mut Ui, ctx: &mut ViewCtx<'_>, event: EventId) {
    let e = ctx.dataset.event(event);
    let contested = if ctx.dataset.is_contested(event) {
        " ⚠"
    } else {
        ""
    };
    if ui
        .link(format!("{} — {}{contested}", e.when.human(), e.title))
        .clicked()
    {
        ctx.send(Command::Select(Selection::Event(event)));
    }
}

fn relation_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, id: RelationId, note_draft: &mut NoteDraft) {
    let dataset = ctx.dataset;
    let relation = dataset.relation(id);
    ui.label(RichText::new(relation_label(dataset, id)).heading());
    ui.horizontal(|ui| {
        for (n, actor) in [relation.source, relation.target].into_iter().enumerate() {
            if n == 1 {
                ui.label(if relation.directed { "→" } else { "–" });
            }
            if ui.link(&dataset.actor(actor).name).clicked() {
                ctx.send(Command::Select(Selection::Actor(actor)));
            }
        }
    });
    ui.label(
        RichText::new(relation.kind.label()).color(style::relation_kind_color(&relation.kind)),
    );
    if !relation.summary.is_empty() {
        ui.label(&relation.summary);
    }
    let visible = ctx.derived.relation_counts[id.index()];
    ui.label(format!(
        "{} backing event(s), {visible} inside the current filters",
        relation.events.len()
    ));
    note_ui(ui, ctx, NoteTarget::Relation(id), note_draft);
    ui.add_space(6.0);
    ui.label(RichText::new("The events behind this link, in time order").strong());
    for &event in &relation.events {
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
        for evidence in &e.evidence {
            evidence_ui(ui, ctx, evidence);
        }
    }
    if !relation.evidence.is_empty() {
        ui.separator();
        ui.label(RichText::new("Further evidence").strong());
        for evidence in &relation.evidence {
            evidence_ui(ui, ctx, evidence);
        }
    }
}

/// The width a claim's position is given side by side with the others (the app widens the
/// inspector to fit them), and the narrowest at which they still stand side by side.
pub const POSITION_WIDTH: f32 = 240.0;
const MIN_POSITION_WIDTH: f32 = 170.0;

fn claim_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, id: crate::model::ClaimId) {
    let dataset = ctx.dataset;
    let claim = dataset.claim(id);
    ui.colored_label(style::CONTESTED_COLOR, "⚠ Contested claim");
    ui.label(RichText::new(&claim.question).heading());
    if !claim.events.is_empty() {
        ui.label(RichText::new("Events involved").strong());
        for &event in &claim.events {
            event_link(ui, ctx, event);
        }
    }
    ui.add_space(6.0);
    // Positions side by side, each with its quotes.
    let position_ui = |ui: &mut Ui, ctx: &mut ViewCtx<'_>, position: &crate::model::Position| {
        ui.label(RichText::new(&position.value).strong());
        for evidence in &position.evidence {
            evidence_ui(ui, ctx, evidence);
        }
    };
    let n = claim.positions.len().max(1);
    if ui.available_width() >= n as f32 * MIN_POSITION_WIDTH {
        // Side by side when each position gets a readable width. `columns` lays its children
        // out justified, which stretches wrapped text: reading text wants a plain left flow.
        ui.columns(n, |columns| {
            for (column, position) in columns.iter_mut().zip(&claim.positions) {
                column.with_layout(egui::Layout::top_down(egui::Align::Min), |column| {
                    position_ui(column, ctx, position);
                });
            }
        });
    } else {
        for (k, position) in claim.positions.iter().enumerate() {
            if k > 0 {
                ui.separator();
            }
            ui.weak(format!("Position {} of {}", k + 1, claim.positions.len()));
            position_ui(ui, ctx, position);
        }
    }
}

fn document_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, id: crate::model::DocId) {
    let dataset = ctx.dataset;
    let doc = dataset.document(id);
    ui.label(RichText::new(&doc.title).heading());
    document_meta_ui(ui, doc);
    if ui.button("Open in reader").clicked() {
        ctx.send(Command::OpenDocument {
            doc: id,
            focus: None,
        });
    }
    let mut filters = ctx.filters.clone();
    if filters.documents.contains(&id) && filters.documents.len() == 1 {
        if ui.button("Show all documents' events").clicked() {
            filters.documents.clear();
            ctx.send(Command::SetFilters(filters));
        }
    } else if ui.button("Show only what this document supports").clicked() {
        filters.documents = [id].into_iter().collect();
        ctx.send(Command::SetFilters(filters));
    }
}

/// Outlet, date, language and the curator's notes of a document.
pub fn document_meta_ui(ui: &mut Ui, doc: &crate::model::Document) {
    ui.label(format!(
        "{} · {} · {}",
        doc.outlet.as_deref().unwrap_or("outlet not stated"),
        doc.published.human(),
        language_name(&doc.language)
    ));
    if let Some(url) = &doc.url {
        ui.hyperlink(url);
    }
    if !doc.notes.is_empty() {
        ui.label(RichText::new(&doc.notes).italics().weak());
    }
}

pub fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "nl" => "Dutch",
        "fr" => "French",
        "es" => "Spanish",
        "de" => "German",
        "ru" => "Russian",
        other => other,
    }
}

/// A quote between typographic quotation marks, unless it already carries its own (a quote
/// that is itself a quotation, such as `"the Russian Government has nothing to do with it."`).
pub fn quoted(quote: &str) -> String {
    let opens = quote.starts_with(['“', '"', '‘', '\'', '«', '„']);
    let closes = quote.ends_with(['”', '"', '’', '\'', '»', '“']);
    if opens && closes && quote.chars().count() > 1 {
        quote.to_owned()
    } else {
        format!("“{quote}”")
    }
}

/// A formatted citation: outlet, title, date, quote (and the gloss).
pub fn citation(dataset: &Dataset, evidence: &Evidence) -> String {
    let doc = dataset.document(evidence.doc);
    let mut text = format!(
        "{}, “{}”, {}: {}",
        doc.outlet.as_deref().unwrap_or("[outlet not stated]"),
        doc.title,
        doc.published.human(),
        quoted(dataset.quote(evidence))
    );
    if let Some(gloss) = &evidence.gloss {
        text.push_str(&format!(" [English: {gloss}]"));
    }
    text
}

/// One quote with its document, the gloss, and *Open in document* / *Copy citation*.
pub fn evidence_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, evidence: &Evidence) {
    evidence_card(ui, ctx, evidence, None);
}

/// [`evidence_ui`], naming the outlet an imported record says it was `reported_by`.
fn evidence_card(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    evidence: &Evidence,
    reported_by: Option<&str>,
) {
    let dataset = ctx.dataset;
    let doc = dataset.document(evidence.doc);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(&doc.title).strong());
        if let Some(outlet) = reported_by {
            ui.label(format!("Reported by {outlet}"));
        }
        ui.weak(format!(
            "{} · {} · {}",
            doc.outlet.as_deref().unwrap_or("outlet not stated"),
            doc.published.human(),
            language_name(&doc.language)
        ));
        ui.label(RichText::new(quoted(dataset.quote(evidence))).italics());
        if let Some(gloss) = &evidence.gloss {
            ui.label(RichText::new(format!("English: {gloss}")).weak());
        }
        ui.horizontal_wrapped(|ui| {
            if ui.small_button("Open in document").clicked() {
                ctx.send(Command::OpenDocument {
                    doc: evidence.doc,
                    focus: Some(evidence.span.clone()),
                });
            }
            if ui.small_button("Copy citation").clicked() {
                ctx.send(Command::CopyToClipboard(citation(dataset, evidence)));
            }
        });
    });
}

/// The analyst's note on `target`: kept as it is typed (each keystroke is a `TypeNote`, one
/// undo step per run of typing), so a note is never lost to a change of selection, a quit or a
/// crash.
fn note_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, target: NoteTarget, draft: &mut NoteDraft) {
    let saved = ctx.annotations.note(target).unwrap_or("");
    // The box shows the note as the state has it (undo, a workspace opened, another item).
    if draft.target != Some(target) || draft.kept != saved {
        draft.target = Some(target);
        draft.text = saved.to_owned();
        draft.kept = saved.to_owned();
    }
    ui.add_space(6.0);
    egui::CollapsingHeader::new(RichText::new("Your note").color(style::NOTE_COLOR))
        .default_open(!saved.is_empty())
        .id_salt(("note", target))
        .show(ui, |ui| {
            let field = ui.add(
                egui::TextEdit::multiline(&mut draft.text)
                    .hint_text("Write a note on this item…")
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            );
            field.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Note text")
            });
            if field.changed() {
                // What the state will hold once the command is applied: not a change to undo.
                draft.kept = if draft.text.trim().is_empty() {
                    String::new()
                } else {
                    draft.text.clone()
                };
                ctx.send(Command::TypeNote(target, draft.text.clone()));
            }
            ui.weak("Kept as you type, and saved with the workspace.");
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!saved.is_empty(), egui::Button::new("Delete note"))
                    .clicked()
                {
                    draft.text.clear();
                    ctx.send(Command::SetNote(target, String::new()));
                }
                let bookmarked = ctx.annotations.bookmarks.contains(&target);
                if ui
                    .selectable_label(
                        bookmarked,
                        if bookmarked {
                            "★ Bookmarked"
                        } else {
                            "☆ Bookmark"
                        },
                    )
                    .clicked()
                {
                    ctx.send(Command::ToggleBookmark(target));
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quotes_are_marked_once() {
        assert_eq!(quoted("komt vandaag aan"), "“komt vandaag aan”");
        assert_eq!(
            quoted("\"the Russian Government has nothing to do with it.\""),
            "\"the Russian Government has nothing to do with it.\""
        );
        // A quote that merely starts with a quotation is still wrapped.
        assert_eq!(quoted("\"trainers\" in Mali"), "“\"trainers\" in Mali”");
        assert_eq!(quoted("\""), "“\"”");
    }
}
