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

/// Open documents, in the order they were opened.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReaderState {
    pub open: Vec<OpenDocument>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OpenDocument {
    pub doc: DocId,
    /// The passage to emphasise and scroll to.
    pub focus: Option<Range<usize>>,
    /// Scroll to `focus` on the next frame.
    pub scroll_pending: bool,
}

impl ReaderState {
    pub fn open(&mut self, doc: DocId, focus: Option<Range<usize>>) {
        self.open.retain(|o| o.doc != doc);
        self.open.push(OpenDocument {
            doc,
            focus,
            scroll_pending: true,
        });
    }

    pub fn close(&mut self, doc: DocId) {
        self.open.retain(|o| o.doc != doc);
    }
}

// ---------------------------------------------------------------------------------------------
// The windows

/// Shows every open document in its own window.
pub fn reader_windows(ctx_egui: &egui::Context, ctx: &mut ViewCtx<'_>, state: &mut ReaderState) {
    if state.open.is_empty() {
        return;
    }
    let highlights = ctx.caches.highlights();
    for (n, open) in state.open.iter_mut().enumerate() {
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
                document_ui(ui, ctx, open, doc, highlights.doc(open.doc));
            });
        if !is_open {
            ctx.send(Command::CloseDocument(open.doc));
        }
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
