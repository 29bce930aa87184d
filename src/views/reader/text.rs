//! The document's text as one laid-out galley: the evidence passages highlighted, the cited
//! one emphasised and scrolled to, and the geometry to find the character under the pointer.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, Galley, LayoutJob};
use egui::{Align, Rect, RichText, Sense, Stroke, Ui, Vec2};

use super::interaction::passage_interaction;
use super::{OpenDocument, Palette};
use crate::model::Document;
use crate::query::highlights::{DocHighlights, char_offsets};
use crate::views::ViewCtx;

/// The width at which the text wraps: long lines are hard to read.
const READING_WIDTH: f32 = 620.0;
pub(super) const TEXT_SIZE: f32 = 15.0;

/// The article text with its highlights, hover tooltips, clicks and the scroll to the focus.
pub(super) fn text_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    open: &mut OpenDocument,
    doc: &Document,
    highlights: Option<&DocHighlights>,
    palette: &Palette,
) {
    let body = doc.body();
    let wrap_width = ui.available_width().clamp(200.0, READING_WIDTH);
    let job = body_job(body, highlights, open.focus.as_ref(), wrap_width, palette);
    let galley = ui.painter().layout_job(job);
    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, body));
    ui.painter()
        .galley(rect.min, Arc::clone(&galley), palette.text);

    // The cited passage: its own AccessKit node, so that a screen reader (or a test) finds it.
    let focus_chars = open
        .focus
        .as_ref()
        .map(|span| focus_chars(body, highlights, span));
    let focus_rects = focus_chars
        .as_ref()
        .filter(|chars| !chars.is_empty())
        .map(|chars| span_rects(&galley, chars.clone()));
    let focus_response = match (&open.focus, focus_rects) {
        (Some(span), Some((first_row, _))) => {
            let quote = body.get(span.clone()).unwrap_or("");
            let response = ui.interact(
                first_row.translate(rect.min.to_vec2()),
                ui.scope_id().with(("cited-passage", open.doc)),
                Sense::click(),
            );
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Mark, true, format!("Cited passage: {quote}"))
            });
            Some(response)
        }
        _ => None,
    };

    if open.scroll_pending {
        if let Some((_, whole)) = focus_rects {
            ui.scroll_to_rect_animation(
                whole.translate(rect.min.to_vec2()).expand(8.0),
                Some(Align::Center),
                egui::style::ScrollAnimation::none(),
            );
        }
        // The first frame of a window only measures it; scroll once it is really shown.
        if !ui.is_sizing_pass() {
            open.scroll_pending = false;
        }
    }

    let Some(highlights) = highlights else { return };
    // The cited passage's node lies on top of the text: only one of them handles the pointer.
    let on_focus = focus_response
        .as_ref()
        .filter(|r| r.hovered() || r.clicked() || r.secondary_clicked() || r.context_menu_opened());
    let response = on_focus.unwrap_or(&response);
    passage_interaction(ui, ctx, response, &galley, rect.min, highlights, open);
}

/// The layout of the article text: a section per run of equal highlighting.
pub(super) fn body_job(
    text: &str,
    highlights: Option<&DocHighlights>,
    focus: Option<&Range<usize>>,
    wrap_width: f32,
    palette: &Palette,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    let plain = palette.plain();
    let segments = highlights.map_or(&[][..], |h| &h.segments);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(segments.iter().flat_map(|s| [s.bytes.start, s.bytes.end]));
    if let Some(focus) = focus {
        cuts.extend([focus.start, focus.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let Some(piece) = text.get(from..to) else {
            continue;
        };
        let segment = highlights.and_then(|h| h.segment_at_byte(from));
        let in_focus = focus.is_some_and(|f| f.start <= from && to <= f.end);
        let mut format = plain.clone();
        if let Some(segment) = segment {
            format.background = palette.evidence_bg;
            let contested = highlights.is_some_and(|h| {
                segment
                    .passages
                    .iter()
                    .any(|&i| h.passages.get(i).is_some_and(|p| !p.claims.is_empty()))
            });
            if contested {
                format.underline = Stroke::new(1.5, palette.contested);
            }
        }
        if in_focus {
            format.background = palette.focus_bg;
            format.color = palette.focus_text;
        }
        job.append(piece, 0.0, format);
    }
    job
}

/// The character range of a byte span of `body`, from the index when it is a passage.
pub(super) fn focus_chars(
    body: &str,
    highlights: Option<&DocHighlights>,
    span: &Range<usize>,
) -> Range<usize> {
    if let Some(passage) = highlights.and_then(|h| h.passage(span)) {
        return passage.chars.clone();
    }
    let chars = char_offsets(body, &[span.start.min(span.end), span.end]);
    match chars[..] {
        [start, end] => start..end,
        _ => 0..0,
    }
}

/// The rectangle of the first row of a character range, and of the whole range (galley
/// coordinates).
pub(super) fn span_rects(galley: &Galley, chars: Range<usize>) -> (Rect, Rect) {
    let start_cursor = CCursor {
        prefer_next_row: true,
        ..CCursor::new(chars.start)
    };
    let start = galley.pos_from_cursor(start_cursor);
    let end = galley.pos_from_cursor(CCursor::new(chars.end));
    let whole = start.union(end);
    if (start.min.y - end.min.y).abs() < 0.5 {
        return (whole, whole);
    }
    let row = galley.layout_from_cursor(start_cursor).row;
    let right = galley
        .rows
        .get(row)
        .map_or(start.max.x, |r| r.rect().right());
    let first_row = Rect::from_min_max(
        start.min,
        egui::pos2(right.max(start.min.x + 1.0), start.max.y),
    );
    // Spanning rows, the passage reaches from the left edge to the right one.
    let whole = whole.union(Rect::from_min_max(
        egui::pos2(0.0, start.min.y),
        egui::pos2(galley.size().x, end.max.y),
    ));
    (first_row, whole)
}

/// The character whose glyph is under `local` (galley coordinates), if any.
pub(super) fn char_under(galley: &Galley, local: Vec2) -> Option<usize> {
    let nearest = galley.cursor_from_pos(local).index.0;
    for k in [Some(nearest), nearest.checked_sub(1)]
        .into_iter()
        .flatten()
    {
        let left = galley.pos_from_cursor(CCursor {
            prefer_next_row: true,
            ..CCursor::new(k)
        });
        let right = galley.pos_from_cursor(CCursor::new(k + 1));
        let same_row = (left.min.y - right.min.y).abs() < 0.5;
        if same_row
            && left.min.x <= local.x
            && local.x <= right.min.x
            && left.min.y <= local.y
            && local.y <= left.max.y
        {
            return Some(k);
        }
    }
    None
}

/// Trailing site chrome (navigation, footers), shown apart and greyed.
pub(super) fn chrome_ui(ui: &mut Ui, doc: &Document, palette: &Palette) {
    let Some(chrome) = doc.chrome_start.and_then(|start| doc.text.get(start..)) else {
        return;
    };
    if chrome.trim().is_empty() {
        return;
    }
    ui.add_space(14.0);
    ui.separator();
    ui.label(
        RichText::new("site chrome — not article text")
            .italics()
            .color(palette.weak),
    );
    ui.scope(|ui| {
        ui.set_max_width(READING_WIDTH);
        ui.label(RichText::new(chrome).size(12.5).color(palette.weak));
    });
}
