//! The document reader. (Being built: see issue 6.)

use std::ops::Range;

use super::ViewCtx;
use crate::model::DocId;

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

/// Shows every open document in its own window.
pub fn reader_windows(_ctx_egui: &egui::Context, _ctx: &mut ViewCtx<'_>, _state: &mut ReaderState) {
}
