//! A JSON reader that keeps where every value is: each node carries its byte span in the
//! text (a string's span is inside its quotes, escapes as written), so that a string in an
//! imported JSON file can be evidence, a verbatim slice of the file. RFC 8259, with a depth
//! limit; errors give the byte offset.

use std::ops::Range;

/// A JSON value with its span in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    /// The decoded string.
    String(String),
    Array(Vec<Node>),
    /// Members in file order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A string or a number, as text (`"2021"` and `2021` alike); empty for null.
    pub fn text(&self) -> Option<String> {
        match &self.value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.clone()),
            Value::Null => Some(String::new()),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
}

/// Why a text is not JSON: what was expected, at which byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub offset: usize,
    pub message: String,
}

/// Nesting deeper than this is refused (a hostile file cannot exhaust the stack).
const MAX_DEPTH: usize = 128;

/// Parses one JSON value filling `text` (whitespace around it allowed).
pub fn parse(text: &str) -> Result<Node, Error> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    p.skip_ws();
    let node = p.value(0)?;
    p.skip_ws();
    if p.at < p.bytes.len() {
        return Err(p.error("text after the JSON value"));
    }
    Ok(node)
}

/// Parses one JSON value starting at `start` (JSON lines: one value per line), returning it
/// and where it ended.
pub fn parse_at(text: &str, start: usize) -> Result<(Node, usize), Error> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: start,
    };
    p.skip_ws();
    let node = p.value(0)?;
    Ok((node, p.at))
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> Error {
        Error {
            offset: self.at,
            message: message.to_owned(),
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, Error> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        let start = self.at;
        let value = match self.bytes.get(self.at) {
            None => return Err(self.error("a value, not the end of the text")),
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.skip_ws();
                if self.bytes.get(self.at) == Some(&b'}') {
                    self.at += 1;
                } else {
                    loop {
                        self.skip_ws();
                        if self.bytes.get(self.at) != Some(&b'"') {
                            return Err(self.error("a member name in quotes"));
                        }
                        let (key, _) = self.string()?;
                        self.skip_ws();
                        if self.bytes.get(self.at) != Some(&b':') {
                            return Err(self.error("':' after the member name"));
                        }
                        self.at += 1;
                        self.skip_ws();
                        let node = self.value(depth + 1)?;
                        members.push((key, node));
                        self.skip_ws();
                        match self.bytes.get(self.at) {
                            Some(b',') => self.at += 1,
                            Some(b'}') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(self.error("',' or '}' in the object")),
                        }
                    }
                }
                Value::Object(members)
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.bytes.get(self.at) == Some(&b']') {
                    self.at += 1;
                } else {
                    loop {
                        self.skip_ws();
                        items.push(self.value(depth + 1)?);
                        self.skip_ws();
                        match self.bytes.get(self.at) {
                            Some(b',') => self.at += 1,
                            Some(b']') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(self.error("',' or ']' in the array")),
                        }
                    }
                }
                Value::Array(items)
            }
            Some(b'"') => {
                let (s, inner) = self.string()?;
                return Ok(Node {
                    span: inner,
                    value: Value::String(s),
                });
            }
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => {
                while matches!(
                    self.bytes.get(self.at),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.at += 1;
                }
                let number = &self.text[start..self.at];
                let digits = number.strip_prefix('-').unwrap_or(number);
                let leading_zero = digits.len() > 1
                    && digits.starts_with('0')
                    && digits.as_bytes()[1].is_ascii_digit();
                if leading_zero
                    || !digits.starts_with(|c: char| c.is_ascii_digit())
                    || number.parse::<f64>().is_err()
                {
                    return Err(Error {
                        offset: start,
                        message: format!("{number:?} is not a number"),
                    });
                }
                Value::Number(number.to_owned())
            }
            Some(_) => return Err(self.error("a value")),
        };
        Ok(Node {
            span: start..self.at,
            value,
        })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("a value"))
        }
    }

    /// A string at `self.at` (on its opening quote): its value and its span inside the quotes.
    fn string(&mut self) -> Result<(String, Range<usize>), Error> {
        let open = self.at;
        self.at += 1;
        let start = self.at;
        let mut out = String::new();
        let mut run = start;
        loop {
            match self.bytes.get(self.at) {
                None => {
                    return Err(Error {
                        offset: open,
                        message: "a string that never closes".to_owned(),
                    });
                }
                Some(b'"') => {
                    out.push_str(&self.text[run..self.at]);
                    let inner = start..self.at;
                    self.at += 1;
                    return Ok((out, inner));
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..self.at]);
                    let escape = self.bytes.get(self.at + 1).copied();
                    self.at += 2;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let high = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&high)
                                && self.text[self.at..].starts_with("\\u")
                            {
                                self.at += 2;
                                let low = self.hex4()?;
                                char::from_u32(
                                    0x10000
                                        + ((high - 0xD800) << 10)
                                        + (low.wrapping_sub(0xDC00) & 0x3FF),
                                )
                            } else {
                                char::from_u32(high)
                            };
                            out.push(c.unwrap_or('\u{FFFD}'));
                        }
                        _ => {
                            self.at -= 2;
                            return Err(self.error("an escape (\\\", \\\\, \\n, \\u…)"));
                        }
                    }
                    run = self.at;
                }
                Some(b) if *b < 0x20 => {
                    return Err(self.error("no raw control character in a string"));
                }
                Some(_) => self.at += 1,
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or("");
        let value =
            u32::from_str_radix(digits, 16).map_err(|_| self.error("four hex digits after \\u"))?;
        self.at += 4;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_spans_and_strings_their_escapes_as_written() {
        let text =
            r#" {"a": [1, -2.5e3, true, null], "s": "x \"q\" \u00e9 \ud83d\ude00\n", "o": {}} "#;
        let node = parse(text).unwrap();
        let s = node.get("s").unwrap();
        assert_eq!(s.as_str(), Some("x \"q\" é 😀\n"));
        assert_eq!(&text[s.span.clone()], r#"x \"q\" \u00e9 \ud83d\ude00\n"#);
        let a = node.get("a").unwrap();
        assert_eq!(&text[a.span.clone()], "[1, -2.5e3, true, null]");
        assert_eq!(a.as_array().unwrap()[1].text().as_deref(), Some("-2.5e3"));
        assert_eq!(&text[node.span.clone()], text.trim());
    }

    #[test]
    fn broken_json_is_an_error_at_its_byte() {
        for (text, at) in [
            ("{\"a\": }", 6),
            ("[1, 2", 5),
            ("\"open", 0),
            ("{\"a\" 1}", 5),
            ("[1] x", 4),
            ("01x", 0),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!(err.offset, at, "{text}: {}", err.message);
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse(&deep).unwrap_err().message.contains("deeply"));
    }
}
