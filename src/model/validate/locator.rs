//! Finding items and values in the dataset's own text, to give problems a line and column
//! (serde keeps no positions).

use std::collections::HashMap;

/// Finds items and values in the dataset's own text, to give problems a line and column.
pub(super) struct Locator<'a> {
    pub(super) text: &'a str,
    /// For each id, the offsets where an item declares it (`id: "x"` or `"id": "x"`), in order,
    /// and how many of them have been handed out.
    declarations: HashMap<String, (Vec<usize>, usize)>,
}

impl<'a> Locator<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let mut declarations: HashMap<String, (Vec<usize>, usize)> = HashMap::new();
        for (at, _) in text.match_indices("id") {
            // The key must stand alone: not `doc_id`, `valid`, ….
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[at + 2..];
            let rest = rest.strip_prefix('"').unwrap_or(rest);
            let Some(rest) = rest.trim_start().strip_prefix(':') else {
                continue;
            };
            let Some(value) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            if let Some(end) = value.find('"') {
                declarations
                    .entry(value[..end].to_owned())
                    .or_default()
                    .0
                    .push(at);
            }
        }
        Self { text, declarations }
    }

    /// Where the next item declaring `id` starts (each call moves on to the next declaration,
    /// so duplicates point at their own place).
    pub(super) fn declaration(&mut self, id: &str) -> Option<usize> {
        let (offsets, used) = self.declarations.get_mut(id)?;
        let found = offsets.get(*used).or(offsets.last()).copied();
        *used += 1;
        found
    }

    pub(super) fn first_declaration(&self, id: &str) -> Option<usize> {
        self.declarations.get(id)?.0.first().copied()
    }

    /// The first occurrence of `needle` at or after `from`.
    pub(super) fn after(&self, from: Option<usize>, needle: &str) -> Option<usize> {
        self.nth_after(from, needle, 1)
    }

    /// The `n`th (1-based) occurrence of `needle` at or after `from`.
    pub(super) fn nth_after(&self, from: Option<usize>, needle: &str, n: usize) -> Option<usize> {
        let from = from?;
        self.text[from..]
            .match_indices(needle)
            .nth(n.saturating_sub(1))
            .map(|(at, _)| from + at)
    }
}
