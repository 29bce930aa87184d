//! The document reader: every open source in its own window, the full text wrapped at a reading
//! width, every passage that serves as evidence highlighted, the cited passage emphasised and
//! scrolled into view. Hovering a passage names what it supports; clicking selects it. The
//! evidence index it reads is [`crate::query::highlights`], built once per dataset.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke, Ui};

use super::{Command, ViewCtx, inspector, style};
use crate::model::{DocId, Document};
use crate::query::highlights::DocHighlights;

mod interaction;
mod text;

use self::text::{TEXT_SIZE, chrome_ui, text_ui};

/// Open documents, in the order they were opened. Each is docked (a tab of the lower pane,
/// beside the graph) unless the analyst floats it into a window of its own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReaderState {
    pub open: Vec<OpenDocument>,
    /// The docked document whose tab is showing; `None` shows the graph.
    pub active: Option<DocId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OpenDocument {
    pub doc: DocId,
    /// The passage to emphasise and scroll to.
    pub focus: Option<Range<usize>>,
    /// Scroll to `focus` on the next frame.
    pub scroll_pending: bool,
    /// In a window of its own rather than a tab of the lower pane.
    pub floating: bool,
}

impl ReaderState {
    /// Opens `doc` (or brings it forward, at `focus`): docked and showing, unless it was
    /// floating.
    pub fn open(&mut self, doc: DocId, focus: Option<Range<usize>>) {
        let floating = self.open.iter().any(|o| o.doc == doc && o.floating);
        self.open.retain(|o| o.doc != doc);
        self.open.push(OpenDocument {
            doc,
            focus,
            scroll_pending: true,
            floating,
        });
        if !floating {
            self.active = Some(doc);
        }
    }

    pub fn close(&mut self, doc: DocId) {
        self.open.retain(|o| o.doc != doc);
        if self.active == Some(doc) {
            self.active = self.docked().last().map(|o| o.doc);
        }
    }

    /// The documents docked in the lower pane, in the order they were opened.
    pub fn docked(&self) -> impl Iterator<Item = &OpenDocument> {
        self.open.iter().filter(|o| !o.floating)
    }

    /// Floats `doc` into a window of its own, or docks it back (and shows it).
    pub fn set_floating(&mut self, doc: DocId, floating: bool) {
        if let Some(open) = self.open.iter_mut().find(|o| o.doc == doc) {
            open.floating = floating;
            open.scroll_pending = true;
        }
        if floating {
            if self.active == Some(doc) {
                self.active = self.docked().last().map(|o| o.doc);
            }
        } else {
            self.active = Some(doc);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The windows

/// The lower pane's tabs: the actor graph (when it is shown), then each docked document with
/// a close button, and *Float* for the one showing. Returns whether a document is showing.
pub fn tabs_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut ReaderState, graph: bool) -> bool {
    if state.docked().next().is_none() {
        state.active = None;
        return false;
    }
    if !graph && state.active.is_none() {
        state.active = state.docked().last().map(|o| o.doc);
    }
    let mut float = None;
    ui.horizontal_wrapped(|ui| {
        if graph
            && ui
                .selectable_label(state.active.is_none(), "Actor graph")
                .clicked()
        {
            state.active = None;
        }
        let docked: Vec<DocId> = state.docked().map(|o| o.doc).collect();
        for doc in docked {
            let Some(document) = ctx.dataset.documents.get(doc.index()) else {
                continue;
            };
            let title = short_title(&document.title);
            ui.separator();
            if ui
                .selectable_label(state.active == Some(doc), title.as_str())
                .on_hover_text(&document.title)
                .clicked()
            {
                state.active = Some(doc);
            }
            let close = ui.small_button("×").on_hover_text("Close this document");
            close.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Close {title}"))
            });
            if close.clicked() {
                ctx.send(Command::CloseDocument(doc));
            }
        }
        if let Some(active) = state.active {
            ui.separator();
            if ui
                .button("Float")
                .on_hover_text("Read it in a window of its own")
                .clicked()
            {
                float = Some(active);
            }
        }
    });
    if let Some(doc) = float {
        state.set_floating(doc, true);
    }
    ui.separator();
    state.active.is_some()
}

/// The docked document whose tab is showing, filling the pane.
pub fn docked_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut ReaderState) {
    let highlights = ctx.caches.highlights();
    let Some(active) = state.active else { return };
    let Some(open) = state.open.iter_mut().find(|o| o.doc == active) else {
        return;
    };
    let Some(doc) = ctx.dataset.documents.get(open.doc.index()) else {
        ctx.send(Command::CloseDocument(open.doc));
        return;
    };
    document_ui(ui, ctx, open, doc, highlights.doc(open.doc));
}

/// A tab's title: the document's, cut to fit.
fn short_title(title: &str) -> String {
    const MAX: usize = 32;
    if title.chars().count() <= MAX {
        title.to_owned()
    } else {
        title.chars().take(MAX - 1).chain(['…']).collect()
    }
}

/// Shows every floating document in its own window, with *Dock* to put it back.
pub fn reader_windows(ctx_egui: &egui::Context, ctx: &mut ViewCtx<'_>, state: &mut ReaderState) {
    if !state.open.iter().any(|o| o.floating) {
        return;
    }
    let highlights = ctx.caches.highlights();
    let mut dock = None;
    for (n, open) in state.open.iter_mut().filter(|o| o.floating).enumerate() {
        let Some(doc) = ctx.dataset.documents.get(open.doc.index()) else {
            // A document from another dataset (say, a stale workspace): nothing to show.
            ctx.send(Command::CloseDocument(open.doc));
            continue;
        };
        let id = egui::Id::unique(("reader", open.doc));
        if open.scroll_pending {
            // Asked for again: bring it to the front.
            ctx_egui.move_to_top(egui::LayerId::new(egui::Order::Middle, id));
        }
        // Open side by side, then cascade.
        let column = (n % 2) as f32;
        let step = (n / 2) as f32 * 28.0;
        let mut is_open = true;
        egui::Window::new(doc.title.as_str())
            .id(id)
            .open(&mut is_open)
            .default_pos([300.0 + column * 590.0 + step, 70.0 + step])
            .default_size([570.0, 700.0])
            .min_width(320.0)
            .collapsible(true)
            .show(ctx_egui, |ui| {
                if ui
                    .small_button("Dock")
                    .on_hover_text("Back into a tab beside the graph")
                    .clicked()
                {
                    dock = Some(open.doc);
                }
                document_ui(ui, ctx, open, doc, highlights.doc(open.doc));
            });
        if !is_open {
            ctx.send(Command::CloseDocument(open.doc));
        }
    }
    if let Some(doc) = dock {
        state.set_floating(doc, false);
    }
}

/// The colours of the reader, for the current theme.
pub(super) struct Palette {
    pub(super) text: Color32,
    pub(super) weak: Color32,
    pub(super) evidence_bg: Color32,
    pub(super) focus_bg: Color32,
    pub(super) focus_text: Color32,
    pub(super) contested: Color32,
}

impl Palette {
    pub(super) fn new(visuals: &egui::Visuals) -> Self {
        let evidence_bg = if visuals.dark_mode {
            Color32::from_rgba_unmultiplied(66, 165, 245, 70)
        } else {
            Color32::from_rgba_unmultiplied(100, 181, 246, 90)
        };
        Self {
            // egui's default text colour is dim for long reading.
            text: if visuals.dark_mode {
                Color32::from_gray(210)
            } else {
                Color32::from_gray(30)
            },
            weak: visuals.weak_text_color(),
            evidence_bg,
            focus_bg: style::CONTESTED_COLOR,
            focus_text: Color32::BLACK,
            contested: Color32::from_rgb(0xff, 0x8f, 0x00),
        }
    }

    pub(super) fn plain(&self) -> TextFormat {
        TextFormat {
            font_id: FontId::proportional(TEXT_SIZE),
            line_height: Some((TEXT_SIZE * 1.5).round()),
            color: self.text,
            ..TextFormat::default()
        }
    }
}

pub(super) fn document_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    open: &mut OpenDocument,
    doc: &Document,
    highlights: Option<&DocHighlights>,
) {
    let palette = Palette::new(ui.visuals());
    inspector::document_meta_ui(ui, doc);
    let passages = highlights.map_or(0, |h| h.passages.len());
    let events = highlights.map_or(0, |h| h.events);
    ui.weak(format!(
        "{passages} highlighted passage{} · evidence for {events} event{} · hover a passage to see what it supports, click to select it",
        plural(passages),
        plural(events)
    ));
    ui.label(legend_job(&palette));
    ui.horizontal(|ui| {
        if open.focus.is_some()
            && ui
                .button("Go to the cited passage")
                .on_hover_text("Scroll the emphasised passage into view")
                .clicked()
        {
            open.scroll_pending = true;
        }
        if ui
            .button("Filter the view to this document")
            .on_hover_text("Filter the timeline and graph to the events this document supports")
            .clicked()
        {
            let mut filters = ctx.filters.clone();
            filters.documents = [open.doc].into_iter().collect();
            ctx.send(Command::SetFilters(filters));
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt(("reader-text", open.doc))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            text_ui(ui, ctx, open, doc, highlights, &palette);
            chrome_ui(ui, doc, &palette);
        });
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A one-line key to the highlighting, drawn with the same formats as the text.
pub(super) fn legend_job(palette: &Palette) -> LayoutJob {
    let base = TextFormat {
        font_id: FontId::proportional(12.0),
        color: palette.weak,
        ..TextFormat::default()
    };
    let mut job = LayoutJob::default();
    job.append(
        "evidence",
        0.0,
        TextFormat {
            background: palette.evidence_bg,
            color: palette.text,
            ..base.clone()
        },
    );
    job.append("  ", 0.0, base.clone());
    job.append(
        "the cited passage",
        0.0,
        TextFormat {
            background: palette.focus_bg,
            color: palette.focus_text,
            ..base.clone()
        },
    );
    job.append("  ", 0.0, base.clone());
    job.append(
        "a position in a contested claim",
        0.0,
        TextFormat {
            background: palette.evidence_bg,
            color: palette.text,
            underline: Stroke::new(1.5, palette.contested),
            ..base.clone()
        },
    );
    job
}
