//! Locating quotes in the documents' texts: the exact span of each, checked against the
//! occurrence and offset the file gives, outside the site chrome.

use std::collections::{HashMap, HashSet};

use crate::model::raw::RawEvidence;
use crate::model::{DocId, Document, Evidence, ProblemKind};

/// Finds quotes in the documents.
pub(super) struct Quotes<'a> {
    pub(super) documents: &'a [Document],
    pub(super) keys: &'a HashMap<String, DocId>,
    pub(super) unread: &'a HashSet<DocId>,
    /// Occurrences already searched for, by document and quote: large datasets quote the same
    /// passage many times, and each search scans the whole text.
    pub(super) found: HashMap<(DocId, String), Vec<usize>>,
}

impl Quotes<'_> {
    /// `Ok(None)` when the document's text is missing (already reported).
    pub(super) fn locate(&mut self, raw: &RawEvidence) -> Result<Option<Evidence>, ProblemKind> {
        let Some(&doc) = self.keys.get(&raw.doc) else {
            return Err(ProblemKind::Dangling {
                what: "document",
                id: raw.doc.clone(),
            });
        };
        if self.unread.contains(&doc) {
            return Ok(None);
        }
        if raw.quote.is_empty() {
            return Err(ProblemKind::EmptyQuote);
        }
        let documents = self.documents;
        let document = &documents[doc.index()];
        if let Some(start) = raw.expected_start {
            // The interchange JSON gives the span; it must still slice to the quote.
            let end = start + raw.quote.len();
            if document.text.get(start..end) != Some(raw.quote.as_str()) {
                return Err(ProblemKind::SpanMismatch {
                    doc: raw.doc.clone(),
                    start,
                    quote: raw.quote.clone(),
                });
            }
            return self.finish(document, raw, doc, start);
        }
        let wanted = raw.occurrence.unwrap_or(1).max(1);
        let found = self
            .found
            .entry((doc, raw.quote.clone()))
            .or_insert_with(|| find_all(&document.text, &raw.quote));
        let Some(&start) = found.get(wanted as usize - 1) else {
            return Err(if found.is_empty() {
                ProblemKind::QuoteNotFound {
                    doc: raw.doc.clone(),
                    quote: raw.quote.clone(),
                }
            } else {
                ProblemKind::OccurrenceMissing {
                    doc: raw.doc.clone(),
                    quote: raw.quote.clone(),
                    wanted,
                    found: found.len(),
                }
            });
        };
        self.finish(document, raw, doc, start)
    }

    pub(super) fn finish(
        &self,
        document: &Document,
        raw: &RawEvidence,
        doc: DocId,
        start: usize,
    ) -> Result<Option<Evidence>, ProblemKind> {
        let end = start + raw.quote.len();
        if document.chrome_start.is_some_and(|chrome| end > chrome) {
            return Err(ProblemKind::QuoteInChrome {
                doc: raw.doc.clone(),
                quote: raw.quote.clone(),
            });
        }
        Ok(Some(Evidence {
            doc,
            span: start..end,
            gloss: raw.gloss.clone(),
        }))
    }
}

/// Start offsets of every (possibly overlapping) occurrence of `needle` in `haystack`.
pub(crate) fn find_all(haystack: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = haystack[from..].find(needle) {
        let at = from + found;
        out.push(at);
        // Step one character on, so overlapping occurrences are counted too.
        from = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}
