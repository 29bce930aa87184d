//! The document reader: every open source in its own window, the full text wrapped at a reading
//! width, every passage that serves as evidence highlighted, the cited passage emphasised and
//! scrolled into view. Hovering a passage names what it supports; clicking selects it.
//!
//! Also owns [`per_dataset`], the small cache the evidence views keep in egui's memory so that
//! nothing O(dataset) is recomputed per frame.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, Galley, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};

use super::{Command, Selection, ViewCtx, inspector, style};
use crate::model::{ActorId, ClaimId, Dataset, DocId, Document, EventId, Evidence, RelationId};

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
// Per-dataset caches

/// Tells one loaded dataset from another without hashing it: the address of the shared
/// `Dataset` (stable while it is loaded), the address of its first text, and its sizes. A new
/// dataset is allocated while the old one is still alive, so the addresses differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct DatasetKey {
    address: usize,
    first_text: usize,
    sizes: [usize; 5],
}

impl DatasetKey {
    fn of(dataset: &Dataset) -> Self {
        Self {
            address: std::ptr::from_ref(dataset) as usize,
            first_text: dataset
                .documents
                .first()
                .map_or(0, |d| d.text.as_ptr() as usize),
            sizes: [
                dataset.documents.len(),
                dataset.actors.len(),
                dataset.events.len(),
                dataset.relations.len(),
                dataset.claims.len(),
            ],
        }
    }
}

/// Something derived from the dataset alone, built on first use and kept in egui's memory
/// until another dataset is loaded. `name` tells the caches apart.
pub fn per_dataset<T: Send + Sync + 'static>(
    ctx: &egui::Context,
    dataset: &Dataset,
    name: &'static str,
    build: impl FnOnce(&Dataset) -> T,
) -> Arc<T> {
    let key = DatasetKey::of(dataset);
    let id = egui::Id::unique(("actorscope-per-dataset", name));
    if let Some((cached_for, value)) = ctx.data(|d| d.get_temp::<(DatasetKey, Arc<T>)>(id))
        && cached_for == key
    {
        return value;
    }
    let value = Arc::new(build(dataset));
    ctx.data_mut(|d| d.insert_temp(id, (key, Arc::clone(&value))));
    value
}

// ---------------------------------------------------------------------------------------------
// The highlight index

/// One quoted span of a document and everything it is evidence for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passage {
    /// Byte range in the document's text.
    pub span: Range<usize>,
    /// The same range in characters, as the text layout counts.
    pub chars: Range<usize>,
    pub events: Vec<EventId>,
    /// Claims, with the index of the position the passage backs.
    pub claims: Vec<(ClaimId, usize)>,
    pub relations: Vec<RelationId>,
    /// Actors whose description it backs.
    pub actors: Vec<ActorId>,
}

impl Passage {
    /// What clicking the passage can select, events first.
    pub fn targets(&self) -> impl Iterator<Item = Selection> + '_ {
        let events = self.events.iter().map(|&e| Selection::Event(e));
        let claims = self.claims.iter().map(|&(c, _)| Selection::Claim(c));
        let relations = self.relations.iter().map(|&r| Selection::Relation(r));
        let actors = self.actors.iter().map(|&a| Selection::Actor(a));
        events.chain(claims).chain(relations).chain(actors)
    }
}

/// A stretch of text covered by the same passages (passages may overlap or nest).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub bytes: Range<usize>,
    pub chars: Range<usize>,
    /// Indexes into [`DocHighlights::passages`], the shortest (innermost) first.
    pub passages: Vec<usize>,
}

/// The evidence in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocHighlights {
    /// Sorted by span.
    pub passages: Vec<Passage>,
    /// In text order, not overlapping.
    pub segments: Vec<Segment>,
    /// How many distinct events the document supports.
    pub events: usize,
}

impl DocHighlights {
    /// The passage quoting exactly `span`.
    pub fn passage(&self, span: &Range<usize>) -> Option<&Passage> {
        self.passages
            .binary_search_by(|p| (p.span.start, p.span.end).cmp(&(span.start, span.end)))
            .ok()
            .map(|n| &self.passages[n])
    }

    /// The segment holding the character at `char_index`.
    pub fn segment_at_char(&self, char_index: usize) -> Option<&Segment> {
        let n = self.segments.partition_point(|s| s.chars.end <= char_index);
        self.segments.get(n).filter(|s| s.chars.start <= char_index)
    }

    /// The segment holding the byte at `byte`.
    fn segment_at_byte(&self, byte: usize) -> Option<&Segment> {
        let n = self.segments.partition_point(|s| s.bytes.end <= byte);
        self.segments.get(n).filter(|s| s.bytes.start <= byte)
    }
}

/// Every document's evidence, built once per dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlights {
    pub docs: Vec<DocHighlights>,
}

impl Highlights {
    pub fn build(dataset: &Dataset) -> Self {
        let mut by_span: Vec<BTreeMap<(usize, usize), Passage>> =
            vec![BTreeMap::new(); dataset.documents.len()];
        for (n, event) in dataset.events.iter().enumerate() {
            for evidence in &event.evidence {
                if let Some(p) = passage_mut(&mut by_span, evidence) {
                    p.events.push(EventId::from_index(n));
                }
            }
        }
        for (n, relation) in dataset.relations.iter().enumerate() {
            for evidence in &relation.evidence {
                if let Some(p) = passage_mut(&mut by_span, evidence) {
                    p.relations.push(RelationId::from_index(n));
                }
            }
        }
        for (n, actor) in dataset.actors.iter().enumerate() {
            for evidence in &actor.evidence {
                if let Some(p) = passage_mut(&mut by_span, evidence) {
                    p.actors.push(ActorId::from_index(n));
                }
            }
        }
        for (n, claim) in dataset.claims.iter().enumerate() {
            for (position_index, position) in claim.positions.iter().enumerate() {
                for evidence in &position.evidence {
                    if let Some(p) = passage_mut(&mut by_span, evidence) {
                        p.claims.push((ClaimId::from_index(n), position_index));
                    }
                }
            }
        }
        let docs = by_span
            .into_iter()
            .zip(&dataset.documents)
            .map(|(map, doc)| {
                let mut passages: Vec<Passage> = map.into_values().collect();
                for p in &mut passages {
                    // Ids were pushed in increasing order; one item may quote a span twice.
                    p.events.dedup();
                    p.claims.dedup();
                    p.relations.dedup();
                    p.actors.dedup();
                }
                let segments = segments(&doc.text, &mut passages);
                let mut events: Vec<EventId> =
                    passages.iter().flat_map(|p| p.events.clone()).collect();
                events.sort_unstable();
                events.dedup();
                DocHighlights {
                    passages,
                    segments,
                    events: events.len(),
                }
            })
            .collect();
        Self { docs }
    }

    pub fn doc(&self, doc: DocId) -> Option<&DocHighlights> {
        self.docs.get(doc.index())
    }
}

fn passage_mut<'a>(
    by_span: &'a mut [BTreeMap<(usize, usize), Passage>],
    evidence: &Evidence,
) -> Option<&'a mut Passage> {
    let map = by_span.get_mut(evidence.doc.index())?;
    Some(
        map.entry((evidence.span.start, evidence.span.end))
            .or_insert_with(|| Passage {
                span: evidence.span.clone(),
                ..Passage::default()
            }),
    )
}

/// Cuts the text at every passage boundary into segments, and fills in the passages' character
/// ranges on the way.
fn segments(text: &str, passages: &mut [Passage]) -> Vec<Segment> {
    let mut bounds: Vec<usize> = passages
        .iter()
        .flat_map(|p| [p.span.start, p.span.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let chars = char_offsets(text, &bounds);
    let char_of = |byte: usize| {
        bounds
            .binary_search(&byte)
            .ok()
            .and_then(|n| chars.get(n).copied())
            .unwrap_or(0)
    };
    for p in passages.iter_mut() {
        p.chars = char_of(p.span.start)..char_of(p.span.end);
    }
    let mut out = Vec::new();
    for (n, pair) in bounds.windows(2).enumerate() {
        let (from, to) = (pair[0], pair[1]);
        let mut covering: Vec<usize> = passages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.span.start <= from && to <= p.span.end)
            .map(|(i, _)| i)
            .collect();
        if covering.is_empty() {
            continue;
        }
        covering.sort_by_key(|&i| (passages[i].span.len(), i));
        out.push(Segment {
            bytes: from..to,
            chars: chars[n]..chars[n + 1],
            passages: covering,
        });
    }
    out
}

/// The character offset of each of the sorted byte offsets, counted in one pass.
fn char_offsets(text: &str, sorted_bytes: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let (mut chars, mut previous) = (0, 0);
    for &byte in sorted_bytes {
        chars += text.get(previous..byte).map_or(0, |s| s.chars().count());
        previous = byte;
        out.push(chars);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The windows

/// The width at which the text wraps: long lines are hard to read.
const READING_WIDTH: f32 = 620.0;
const TEXT_SIZE: f32 = 15.0;

/// Shows every open document in its own window.
pub fn reader_windows(ctx_egui: &egui::Context, ctx: &mut ViewCtx<'_>, state: &mut ReaderState) {
    if state.open.is_empty() {
        return;
    }
    let highlights = per_dataset(
        ctx_egui,
        ctx.dataset,
        "reader-highlights",
        Highlights::build,
    );
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
struct Palette {
    text: Color32,
    weak: Color32,
    evidence_bg: Color32,
    focus_bg: Color32,
    focus_text: Color32,
    contested: Color32,
}

impl Palette {
    fn new(visuals: &egui::Visuals) -> Self {
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

    fn plain(&self) -> TextFormat {
        TextFormat {
            font_id: FontId::proportional(TEXT_SIZE),
            line_height: Some((TEXT_SIZE * 1.5).round()),
            color: self.text,
            ..TextFormat::default()
        }
    }
}

fn document_ui(
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A one-line key to the highlighting, drawn with the same formats as the text.
fn legend_job(palette: &Palette) -> LayoutJob {
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

/// The article text with its highlights, hover tooltips, clicks and the scroll to the focus.
fn text_ui(
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

/// Tooltip, click and context menu on a highlighted passage under the pointer.
fn passage_interaction(
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
        for target in passage.targets() {
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
fn passage_tooltip(ui: &mut Ui, dataset: &Dataset, under: &[&Passage], targets: &[Selection]) {
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
                inspector::relation_label(dataset, relation)
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

fn target_label(dataset: &Dataset, target: Selection) -> String {
    match target {
        Selection::Event(e) => {
            let e = dataset.event(e);
            format!("the event {} — {}", e.when.human(), e.title)
        }
        Selection::Claim(c) => format!("the claim “{}”", dataset.claim(c).question),
        Selection::Relation(r) => format!("the link {}", inspector::relation_label(dataset, r)),
        Selection::Actor(a) => dataset.actor(a).name.clone(),
        Selection::Document(d) => dataset.document(d).title.clone(),
        Selection::None => String::new(),
    }
}

/// The layout of the article text: a section per run of equal highlighting.
fn body_job(
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
fn focus_chars(
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
fn span_rects(galley: &Galley, chars: Range<usize>) -> (Rect, Rect) {
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
fn char_under(galley: &Galley, local: Vec2) -> Option<usize> {
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
fn chrome_ui(ui: &mut Ui, doc: &Document, palette: &Palette) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_passages_split_into_segments_with_char_ranges() {
        // "é" is two bytes: character and byte offsets differ after it.
        let text = "é abc def ghi";
        let at = |s: &str| text.find(s).expect(s);
        let mut passages = vec![
            Passage {
                span: at("abc")..at("ghi"),
                events: vec![EventId(0)],
                ..Passage::default()
            },
            Passage {
                span: at("def")..text.len(),
                claims: vec![(ClaimId(0), 1)],
                ..Passage::default()
            },
        ];
        let segments = segments(text, &mut passages);
        assert_eq!(passages[0].chars, 2..10);
        assert_eq!(passages[1].chars, 6..13);
        let pieces: Vec<(&str, Vec<usize>)> = segments
            .iter()
            .map(|s| (&text[s.bytes.clone()], s.passages.clone()))
            .collect();
        assert_eq!(
            pieces,
            vec![
                ("abc ", vec![0]),
                // Both cover it; the shorter one ("def ghi", 7 bytes) first.
                ("def ", vec![1, 0]),
                ("ghi", vec![1]),
            ]
        );
        let doc = DocHighlights {
            passages,
            segments,
            events: 1,
        };
        assert_eq!(doc.segment_at_char(7).map(|s| s.chars.clone()), Some(6..10));
        assert_eq!(doc.segment_at_char(1), None);
        assert!(doc.passage(&(at("def")..text.len())).is_some());
    }

    #[test]
    fn every_piece_of_evidence_is_in_the_index() {
        let loaded = crate::io::load(&crate::io::DatasetSource::Embedded).expect("embedded");
        let dataset = &loaded.dataset;
        let highlights = Highlights::build(dataset);
        for (n, event) in dataset.events.iter().enumerate() {
            for evidence in &event.evidence {
                let passage = highlights
                    .doc(evidence.doc)
                    .and_then(|h| h.passage(&evidence.span))
                    .expect("indexed");
                assert!(passage.events.contains(&EventId::from_index(n)));
                let text = &dataset.document(evidence.doc).text;
                let chars = text[..evidence.span.start].chars().count();
                assert_eq!(passage.chars.start, chars);
            }
        }
    }
}
