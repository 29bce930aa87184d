//! A delimited-text reader that keeps where every cell is: RFC 4180 quoting (doubled quotes,
//! delimiters and newlines inside quotes), CRLF or LF, with the byte span of each cell in the
//! text — so that a cell can be evidence, a verbatim slice of the file.
//!
//! Lenient where real files are sloppy (a stray quote inside an unquoted cell is text; a
//! short row is short), strict where guessing would corrupt (an unterminated quote is an
//! error at its line and column).

use std::borrow::Cow;
use std::ops::Range;

/// One cell: its content's bytes in the text (inside the quotes, if quoted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub span: Range<usize>,
    /// Quoted: a doubled quote inside stands for one.
    pub quoted: bool,
    /// The value when the span's text is escaped otherwise (a JSON string read as a cell).
    pub decoded: Option<Box<str>>,
}

impl Cell {
    /// The cell's value: its text with doubled quotes undone.
    pub fn value<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if let Some(decoded) = &self.decoded {
            return Cow::Owned(decoded.to_string());
        }
        let raw = &text[self.span.clone()];
        if self.quoted && raw.contains("\"\"") {
            Cow::Owned(raw.replace("\"\"", "\""))
        } else {
            Cow::Borrowed(raw)
        }
    }
}

/// One record: its cells, its line (1-based, where it starts) and its bytes (without the
/// line break).
#[derive(Clone, Debug, Default)]
pub struct Record {
    pub line: usize,
    pub span: Range<usize>,
    pub cells: Vec<Cell>,
}

impl Record {
    /// The value of cell `i`, trimmed; empty when the row is short.
    pub fn get<'t>(&self, text: &'t str, i: usize) -> Cow<'t, str> {
        match self.cells.get(i) {
            Some(cell) => match cell.value(text) {
                Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
                Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
            },
            None => Cow::Borrowed(""),
        }
    }

    /// Whether every cell is empty (a blank line, or a row of delimiters only).
    pub fn is_blank(&self, text: &str) -> bool {
        self.cells
            .iter()
            .all(|c| text[c.span.clone()].trim().is_empty())
    }
}

/// An unterminated quoted cell: where its opening quote is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unterminated {
    pub line: usize,
    pub column: usize,
}

/// Reads records one after another from `text`.
pub struct Reader<'t> {
    text: &'t str,
    delimiter: u8,
    at: usize,
    line: usize,
}

impl<'t> Reader<'t> {
    pub fn new(text: &'t str, delimiter: u8) -> Self {
        Self::at(text, delimiter, 0)
    }

    /// A reader whose next record starts at byte `offset` (line numbers count from there).
    pub fn at(text: &'t str, delimiter: u8, offset: usize) -> Self {
        Self {
            text,
            delimiter,
            at: offset.min(text.len()),
            line: 1,
        }
    }

    /// The same reader, its next record numbered as line `line` of the text.
    pub fn on_line(mut self, line: usize) -> Self {
        self.line = line;
        self
    }

    /// The line the next record starts on.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The byte offset the next record starts at.
    pub fn offset(&self) -> usize {
        self.at
    }

    /// The next record into `out` (reusing its cells); `Ok(false)` at the end of the text.
    pub fn next_into(&mut self, out: &mut Record) -> Result<bool, Unterminated> {
        let bytes = self.text.as_bytes();
        if self.at >= bytes.len() {
            return Ok(false);
        }
        out.cells.clear();
        out.line = self.line;
        let start = self.at;
        let mut i = self.at;
        loop {
            // One cell, starting at `i`.
            if bytes.get(i) == Some(&b'"') {
                let open = i;
                let open_line = self.line;
                let content = i + 1;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            let line_start = self.text[..open].rfind('\n').map_or(0, |p| p + 1);
                            return Err(Unterminated {
                                line: open_line,
                                column: self.text[line_start..open].chars().count() + 1,
                            });
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => break,
                        Some(b'\n') => {
                            self.line += 1;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                let end = i;
                i += 1; // the closing quote
                // Text between the closing quote and the delimiter (`"a"b`) is kept as part
                // of the cell, unquoted: never silently dropped.
                let tail = i;
                while i < bytes.len()
                    && !matches!(bytes[i], b'\n' | b'\r')
                    && bytes[i] != self.delimiter
                {
                    i += 1;
                }
                out.cells.push(if i == tail {
                    Cell {
                        span: content..end,
                        quoted: true,
                        decoded: None,
                    }
                } else {
                    Cell {
                        span: open..i,
                        quoted: false,
                        decoded: None,
                    }
                });
            } else {
                let cell = i;
                while i < bytes.len()
                    && !matches!(bytes[i], b'\n' | b'\r')
                    && bytes[i] != self.delimiter
                {
                    i += 1;
                }
                out.cells.push(Cell {
                    span: cell..i,
                    quoted: false,
                    decoded: None,
                });
            }
            match bytes.get(i) {
                Some(&d) if d == self.delimiter => i += 1,
                _ => break,
            }
        }
        out.span = start..i;
        // The line break: CRLF, LF or a lone CR.
        if bytes.get(i) == Some(&b'\r') {
            i += 1;
        }
        if bytes.get(i) == Some(&b'\n') {
            i += 1;
        }
        if i > out.span.end {
            self.line += 1;
        }
        self.at = i;
        Ok(true)
    }
}

/// The delimiter of a header line: whichever of comma, semicolon and tab occurs most
/// outside quotes (a comma when none does).
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, delimiter: u8) -> Vec<Record> {
        let mut reader = Reader::new(text, delimiter);
        let mut out = Vec::new();
        let mut record = Record::default();
        while reader.next_into(&mut record).unwrap() {
            out.push(record.clone());
        }
        out
    }

    #[test]
    fn quoted_cells_keep_their_spans_across_newlines_and_crlf() {
        let text = "a,b,c\r\n1,\"two, \"\"2\"\"\nlines\",3\r\n\r\nx,,\n";
        let records = all(text, b',');
        assert_eq!(records.len(), 4);
        let r = &records[1];
        assert_eq!(r.line, 2);
        assert_eq!(&text[r.cells[1].span.clone()], "two, \"\"2\"\"\nlines");
        assert_eq!(r.get(text, 1), "two, \"2\"\nlines");
        assert_eq!(r.get(text, 2), "3");
        // The record after a quoted newline starts on line 4 (a blank line), then line 5.
        assert_eq!(records[2].line, 4);
        assert!(records[2].is_blank(text));
        assert_eq!(records[3].line, 5);
        assert_eq!(records[3].cells.len(), 3);
        assert_eq!(&text[records[3].span.clone()], "x,,");
    }

    #[test]
    fn an_unterminated_quote_is_an_error_at_its_place_and_stray_quotes_are_text() {
        let text = "a,b\n1,\"open\n2,3\n";
        let mut reader = Reader::new(text, b',');
        let mut record = Record::default();
        assert!(reader.next_into(&mut record).unwrap());
        assert_eq!(
            reader.next_into(&mut record),
            Err(Unterminated { line: 2, column: 3 })
        );
        let text = "5 \"inch\" guns,\"x\"y\n";
        let records = all(text, b',');
        assert_eq!(records[0].get(text, 0), "5 \"inch\" guns");
        assert_eq!(records[0].get(text, 1), "\"x\"y");
    }

    #[test]
    fn the_delimiter_is_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;\"c,d,e,f\"\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("a,b"), b',');
        assert_eq!(sniff_delimiter("single"), b',');
    }
}
