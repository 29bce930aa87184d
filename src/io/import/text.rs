//! Turning a file's bytes into the text that evidence spans point into: UTF-8 (with or
//! without a byte-order mark) as it is, anything else as Windows-1252 — the superset of
//! Latin-1 that older ACLED exports and spreadsheet "CSV" files are written in.
//!
//! The decoding is recorded in the dataset (`Document::encoding`) so that reading the copied
//! file again gives exactly the same text, and so the same spans.

use std::borrow::Cow;

/// How a file's bytes became its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, taken as it is.
    Utf8,
    /// UTF-8 after a byte-order mark, which is left out of the text.
    Utf8Bom,
    /// Not UTF-8: each byte decoded as Windows-1252 (Latin-1 with typographic marks in
    /// 0x80–0x9F; bytes the code page leaves undefined become the C1 controls, as WHATWG does).
    Windows1252,
}

impl Encoding {
    /// The name written in a dataset file's `encoding:` (none for plain UTF-8).
    pub fn code(self) -> Option<&'static str> {
        match self {
            Self::Utf8 => None,
            Self::Utf8Bom => Some("utf-8-bom"),
            Self::Windows1252 => Some("windows-1252"),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "utf-8" | "utf8" => Some(Self::Utf8),
            "utf-8-bom" => Some(Self::Utf8Bom),
            "windows-1252" | "cp1252" | "latin-1" | "latin1" | "iso-8859-1" => {
                Some(Self::Windows1252)
            }
            _ => None,
        }
    }

    /// What a document's notes say about it.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Self::Utf8 => None,
            Self::Utf8Bom => {
                Some("The file starts with a UTF-8 byte-order mark, left out of the text.")
            }
            Self::Windows1252 => Some(
                "The file is not UTF-8; its text is its decoding from Windows-1252 (Latin-1), and every quote is a span of that decoding.",
            ),
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes`, telling which way it went.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if let Some(rest) = bytes.strip_prefix(BOM)
        && let Ok(text) = std::str::from_utf8(rest)
    {
        return (Cow::Borrowed(text), Encoding::Utf8Bom);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        Err(_) => (Cow::Owned(windows_1252(bytes)), Encoding::Windows1252),
    }
}

/// Decodes `bytes` the way `encoding` says; `Err` when UTF-8 was promised and is not there.
pub fn decode_as(bytes: &[u8], encoding: Encoding) -> Result<Cow<'_, str>, String> {
    let utf8 = |bytes| {
        std::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|err| {
                format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    err.valid_up_to()
                )
            })
    };
    match encoding {
        Encoding::Utf8 => utf8(bytes),
        Encoding::Utf8Bom => utf8(bytes.strip_prefix(BOM).unwrap_or(bytes)),
        Encoding::Windows1252 => Ok(Cow::Owned(windows_1252(bytes))),
    }
}

/// 0x80–0x9F of Windows-1252; the rest of the bytes are their own code points.
const HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

fn windows_1252(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    for &b in bytes {
        out.push(match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_stays_a_bom_is_dropped_and_latin1_is_decoded() {
        assert_eq!(
            decode("Ménaka".as_bytes()),
            (Cow::Borrowed("Ménaka"), Encoding::Utf8)
        );
        let with_bom = [BOM, "Gao".as_bytes()].concat();
        assert_eq!(decode(&with_bom), (Cow::Borrowed("Gao"), Encoding::Utf8Bom));
        // "Ségou – “rapport”" in Windows-1252.
        let latin = b"S\xE9gou \x96 \x93rapport\x94";
        let (text, encoding) = decode(latin);
        assert_eq!(encoding, Encoding::Windows1252);
        assert_eq!(text, "Ségou – “rapport”");
        // The same decoding again, from the recorded name.
        let again = decode_as(latin, Encoding::from_code("windows-1252").unwrap()).unwrap();
        assert_eq!(again, text);
        assert!(decode_as(latin, Encoding::Utf8).is_err());
    }
}
