//! Case- and diacritic-insensitive search over titles, summaries, places, quotes, glosses,
//! actor names and aliases: "goita" finds "Goïta", "frankrijk" finds France's events.

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

use crate::model::Dataset;

/// Folds text for matching: decomposes, drops diacritics, lowercases, and treats typographic
/// apostrophes and quotes as plain ones.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            other => other,
        })
        .collect()
}

/// Folded text of every event and actor, built once per dataset.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    events: Vec<String>,
    actors: Vec<String>,
}

impl SearchIndex {
    pub fn new(dataset: &Dataset) -> Self {
        let events = dataset
            .events
            .iter()
            .map(|event| {
                let mut text = String::new();
                for part in [&event.title, &event.summary] {
                    text.push_str(part);
                    text.push('\n');
                }
                if let Some(place) = &event.place {
                    text.push_str(place);
                    text.push('\n');
                }
                for evidence in &event.evidence {
                    text.push_str(dataset.quote(evidence));
                    text.push('\n');
                    if let Some(gloss) = &evidence.gloss {
                        text.push_str(gloss);
                        text.push('\n');
                    }
                }
                fold(&text)
            })
            .collect();
        let actors = dataset
            .actors
            .iter()
            .map(|actor| {
                let mut text = actor.name.clone();
                for alias in &actor.aliases {
                    text.push('\n');
                    text.push_str(alias);
                }
                fold(&text)
            })
            .collect();
        Self { events, actors }
    }

    /// Whether an actor's name or an alias contains every term of `query`.
    pub fn actor_matches(&self, actor: usize, query: &str) -> bool {
        let terms = terms(query);
        !terms.is_empty()
            && terms
                .iter()
                .all(|t| self.actors[actor].contains(t.as_str()))
    }

    /// For each event, whether every term of `query` occurs in its text or in the name of one
    /// of its actors; `None` when the query is empty.
    pub fn matching_events(&self, dataset: &Dataset, query: &str) -> Option<Vec<bool>> {
        let terms = terms(query);
        if terms.is_empty() {
            return None;
        }
        // Which actors match each term, computed once rather than per event.
        let actor_hits: Vec<Vec<bool>> = terms
            .iter()
            .map(|t| self.actors.iter().map(|a| a.contains(t.as_str())).collect())
            .collect();
        Some(
            dataset
                .events
                .iter()
                .enumerate()
                .map(|(n, event)| {
                    terms.iter().zip(&actor_hits).all(|(term, hits)| {
                        self.events[n].contains(term.as_str())
                            || event.participants.iter().any(|(a, _)| hits[a.index()])
                    })
                })
                .collect(),
        )
    }
}

fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_typography() {
        assert_eq!(fold("Goïta"), "goita");
        assert_eq!(fold("Ségou"), "segou");
        assert_eq!(fold("Al-Qa’ida"), "al-qa'ida");
        assert_eq!(fold("FRANKRIJK"), "frankrijk");
        assert_eq!(fold("Diversifiëren"), "diversifieren");
    }
}
