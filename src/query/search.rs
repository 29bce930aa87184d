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

/// Where a search term was found in an event, for the result list ("title", "quote",
/// "actor Assimi Goïta").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchPlace {
    Title,
    Summary,
    Place,
    Quote,
    Gloss,
    Actor(String),
}

impl std::fmt::Display for MatchPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Title => f.write_str("title"),
            Self::Summary => f.write_str("summary"),
            Self::Place => f.write_str("place"),
            Self::Quote => f.write_str("a quote"),
            Self::Gloss => f.write_str("a quote's gloss"),
            Self::Actor(name) => write!(f, "actor {name}"),
        }
    }
}

/// Where the terms of `query` occur in `event`'s text and actors, each place once, in the
/// order of [`MatchPlace`]. O(the event's text); for the few results a list shows.
pub fn match_places(
    dataset: &Dataset,
    event: crate::model::EventId,
    query: &str,
) -> Vec<MatchPlace> {
    let terms = terms(query);
    let e = dataset.event(event);
    let has = |text: &str| {
        let folded = fold(text);
        terms.iter().any(|t| folded.contains(t.as_str()))
    };
    let mut out = Vec::new();
    if has(&e.title) {
        out.push(MatchPlace::Title);
    }
    if has(&e.summary) {
        out.push(MatchPlace::Summary);
    }
    if e.place.as_deref().is_some_and(has) {
        out.push(MatchPlace::Place);
    }
    if e.evidence.iter().any(|ev| has(dataset.quote(ev))) {
        out.push(MatchPlace::Quote);
    }
    if e.evidence
        .iter()
        .any(|ev| ev.gloss.as_deref().is_some_and(has))
    {
        out.push(MatchPlace::Gloss);
    }
    for (actor, _) in &e.participants {
        let a = dataset.actor(*actor);
        if has(&a.name) || a.aliases.iter().any(|alias| has(alias)) {
            out.push(MatchPlace::Actor(a.name.clone()));
        }
    }
    out
}

fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_places_name_where_each_term_was_found() {
        let data = crate::synth::synthetic(50, 6, 2);
        let event = crate::model::EventId(0);
        let e = data.event(event);
        let word = e.title.split_whitespace().next().unwrap_or("").to_owned();
        assert!(match_places(&data, event, &word).contains(&MatchPlace::Title));
        let actor = &data.actor(e.participants[0].0).name;
        assert!(
            match_places(&data, event, actor).contains(&MatchPlace::Actor(actor.clone())),
            "{actor}"
        );
        assert!(match_places(&data, event, "zzzz-not-there").is_empty());
    }

    #[test]
    fn folds_case_diacritics_and_typography() {
        assert_eq!(fold("Goïta"), "goita");
        assert_eq!(fold("Ségou"), "segou");
        assert_eq!(fold("Al-Qa’ida"), "al-qa'ida");
        assert_eq!(fold("FRANKRIJK"), "frankrijk");
        assert_eq!(fold("Diversifiëren"), "diversifieren");
    }
}
