//! The curated dataset the app opens with: clean under `actorscope check`, every quote located
//! exactly where it stands in its document, every event evidenced, every actor taking part in
//! something, and the five core actors (plus Wagner) connected through relations.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::Path;

use actorscope::io::load_embedded;
use actorscope::model::raw::RawDataset;
use actorscope::model::{ActorId, ActorKind, Dataset, EventKind, PartialDate, RelationKind, Role};

/// The dataset file exactly as it is compiled into the binary.
const DATASET_RON: &str = include_str!("../assets/dataset.ron");

/// The core actors of the product, and Wagner, by their ids in the dataset.
const CORE: [&str; 6] = ["russia", "mali", "france", "ecowas", "un", "wagner"];

fn dataset() -> Dataset {
    let loaded = load_embedded().unwrap_or_else(|failure| panic!("{failure}"));
    (*loaded.dataset).clone()
}

fn raw() -> RawDataset {
    ron::from_str(DATASET_RON).unwrap()
}

mod common;
use common::actorscope;

fn core_ids(data: &Dataset) -> Vec<ActorId> {
    CORE.iter()
        .map(|key| {
            data.actor_by_key(key)
                .unwrap_or_else(|| panic!("core actor {key:?} is missing"))
        })
        .collect()
}

#[test]
fn check_on_the_embedded_dataset_reports_no_problems() {
    let output = actorscope(&["check"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("no problems"), "{text}");
    let counts = dataset().counts().to_string();
    assert!(text.contains(&counts), "expected {counts:?} in {text}");
}

#[test]
fn the_dataset_covers_the_five_texts() {
    let data = dataset();
    let counts = data.counts();
    assert_eq!(counts.documents, 5);
    assert!(counts.actors >= 40, "{counts}");
    assert!(counts.events >= 40, "{counts}");
    assert!(counts.relations >= 60, "{counts}");
    assert!(counts.claims >= 10, "{counts}");
    assert!(counts.evidence >= 200, "{counts}");
    let files: BTreeSet<&str> = data.documents.iter().map(|d| d.file.as_str()).collect();
    for name in [
        "000_91632883b2214aea.txt",
        "001_7efeddb876dd6663.txt",
        "002_1256f4092b67c5bc.txt",
        "003_41b816e8810a18e0.txt",
        "004_49f779cc4835a65a.txt",
    ] {
        assert!(files.contains(format!("sources/{name}").as_str()), "{name}");
        let on_disk = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/sources")
            .join(name);
        let text = std::fs::read_to_string(on_disk).unwrap();
        let document = data
            .documents
            .iter()
            .find(|d| d.file.ends_with(name))
            .unwrap();
        assert_eq!(
            &*document.text,
            text.as_str(),
            "{name} is embedded unchanged"
        );
        let used = data
            .all_evidence()
            .any(|e| data.document(e.doc).file == document.file);
        assert!(used, "{name} backs no evidence");
    }
}

#[test]
fn every_evidence_span_slices_its_document_to_exactly_the_quote() {
    let data = dataset();
    let raw = raw();
    // The raw file and the loaded dataset list evidence in the same order: actors, events,
    // relations, claims.
    let raw_evidence: Vec<_> = raw
        .actors
        .iter()
        .flat_map(|a| &a.evidence)
        .chain(raw.events.iter().flat_map(|e| &e.evidence))
        .chain(raw.relations.iter().flat_map(|r| &r.evidence))
        .chain(
            raw.claims
                .iter()
                .flat_map(|c| c.positions.iter().flat_map(|p| &p.evidence)),
        )
        .collect();
    let located: Vec<_> = data.all_evidence().collect();
    assert_eq!(raw_evidence.len(), located.len());
    for (written, found) in raw_evidence.iter().zip(located) {
        let document = data.document(found.doc);
        assert_eq!(document.key, written.doc);
        assert_eq!(&document.text[found.span.clone()], written.quote);
        assert!(!written.quote.trim().is_empty());
        assert!(
            found.span.end <= document.body().len(),
            "quote in site chrome of {}: {:?}",
            document.key,
            written.quote
        );
        if let Some(occurrence) = written.occurrence {
            let nth = document
                .text
                .match_indices(written.quote.as_str())
                .nth(occurrence as usize - 1)
                .map(|(at, _)| at);
            assert_eq!(nth, Some(found.span.start), "{:?}", written.quote);
        } else {
            assert_eq!(
                document.text.matches(written.quote.as_str()).count(),
                1,
                "ambiguous quote without occurrence: {:?}",
                written.quote
            );
        }
    }
}

#[test]
fn the_json_export_spans_slice_the_source_files() {
    let output = actorscope(&["export", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut texts = HashMap::new();
    for document in json["documents"].as_array().unwrap() {
        let file = document["file"].as_str().unwrap();
        let text = std::fs::read(sources.join(file)).unwrap();
        texts.insert(document["id"].as_str().unwrap().to_owned(), text);
    }
    let mut checked = 0;
    let mut check = |evidence: &serde_json::Value| {
        let text = &texts[evidence["document"].as_str().unwrap()];
        let start = evidence["start"].as_u64().unwrap() as usize;
        let end = evidence["end"].as_u64().unwrap() as usize;
        assert_eq!(
            &text[start..end],
            evidence["quote"].as_str().unwrap().as_bytes()
        );
        checked += 1;
    };
    for section in ["actors", "events", "relations"] {
        for item in json[section].as_array().unwrap() {
            item["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(&mut check);
        }
    }
    for claim in json["claims"].as_array().unwrap() {
        for position in claim["positions"].as_array().unwrap() {
            position["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(&mut check);
        }
    }
    assert_eq!(checked, dataset().counts().evidence);
}

#[test]
fn every_event_has_evidence_actors_and_a_date_its_sources_can_know() {
    let data = dataset();
    for event in &data.events {
        assert!(!event.evidence.is_empty(), "{} has no evidence", event.key);
        assert!(
            !event.participants.is_empty(),
            "{} has no actors",
            event.key
        );
        assert!(!event.title.trim().is_empty() && !event.summary.trim().is_empty());
        // Nothing happens after the latest text that reports it was published.
        let latest = event
            .evidence
            .iter()
            .map(|e| data.document(e.doc).published.last_day())
            .max()
            .unwrap();
        assert!(
            event.when.first_day() <= latest,
            "{} starts after every text that reports it",
            event.key
        );
    }
    let (first, last) = data.time_extent().unwrap();
    assert_eq!(first, PartialDate::parse("1961").unwrap().first_day());
    assert_eq!(last, PartialDate::parse("2023-02").unwrap().last_day());
}

#[test]
fn non_english_quotes_carry_an_english_gloss() {
    let data = dataset();
    for evidence in data.all_evidence() {
        let document = data.document(evidence.doc);
        if document.language != "en" {
            let gloss = evidence.gloss.as_deref().unwrap_or("");
            assert!(
                !gloss.trim().is_empty(),
                "no gloss for {:?}",
                data.quote(evidence)
            );
        }
    }
}

#[test]
fn inferred_publication_dates_are_explained() {
    let data = dataset();
    let spanish = data.document(data.document_by_key("es-mali-request").unwrap());
    assert_eq!(spanish.published.to_string(), "2021-10-19");
    assert!(
        spanish.notes.contains("WITHOUT A YEAR"),
        "{}",
        spanish.notes
    );
    assert!(
        spanish.notes.contains("Tuesday in 2021"),
        "{}",
        spanish.notes
    );
    let english = data.document(data.document_by_key("en-lavrov-africa").unwrap());
    assert!(english.notes.contains("INFERRED"), "{}", english.notes);
    for document in &data.documents {
        assert!(!document.notes.trim().is_empty(), "{}", document.key);
    }
}

#[test]
fn every_actor_takes_part_in_an_event_or_a_relation() {
    let data = dataset();
    let mut involved: HashSet<ActorId> = HashSet::new();
    for event in &data.events {
        involved.extend(event.participants.iter().map(|(actor, _)| *actor));
    }
    for relation in &data.relations {
        involved.insert(relation.source);
        involved.insert(relation.target);
    }
    for (index, actor) in data.actors.iter().enumerate() {
        assert!(
            involved.contains(&ActorId::from_index(index)),
            "{} takes part in nothing",
            actor.key
        );
    }
}

/// Actors reachable from `start` over relations (both directions).
fn reachable_by_relations(data: &Dataset, start: ActorId) -> HashSet<ActorId> {
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(actor) = queue.pop_front() {
        for &relation in &data.index.relations_by_actor[actor.index()] {
            let relation = data.relation(relation);
            for next in [relation.source, relation.target] {
                if seen.insert(next) {
                    queue.push_back(next);
                }
            }
        }
    }
    seen
}

#[test]
fn the_core_actors_are_present_and_richly_connected() {
    let data = dataset();
    let core = core_ids(&data);
    let from_russia = reachable_by_relations(&data, core[0]);
    for (&actor, key) in core.iter().zip(CORE) {
        assert!(
            from_russia.contains(&actor),
            "{key} not reachable from russia"
        );
        let relations = data.index.relations_by_actor[actor.index()].len();
        assert!(relations >= 4, "{key} has only {relations} relations");
        assert!(
            data.index.events_by_actor[actor.index()].len() >= 2,
            "{key} takes part in fewer than two events"
        );
    }
    // Mali is tied directly to every other core actor.
    let mali = data.actor_by_key("mali").unwrap();
    for (&actor, key) in core.iter().zip(CORE) {
        if actor == mali {
            continue;
        }
        let direct = data.relations.iter().any(|r| {
            (r.source == mali && r.target == actor) || (r.source == actor && r.target == mali)
        });
        assert!(direct, "no direct relation between mali and {key}");
    }
    // Russia, France and Wagner are tied to one another too.
    for (a, b) in [
        ("russia", "wagner"),
        ("france", "wagner"),
        ("russia", "france"),
    ] {
        let (a, b) = (data.actor_by_key(a).unwrap(), data.actor_by_key(b).unwrap());
        assert!(
            data.relations
                .iter()
                .any(|r| (r.source == a && r.target == b) || (r.source == b && r.target == a))
        );
    }
}

#[test]
fn every_actor_is_linked_to_a_core_actor() {
    // Links: relations, taking part in the same event, and the parent chain.
    let data = dataset();
    let mut links: Vec<Vec<ActorId>> = vec![Vec::new(); data.actors.len()];
    let mut link = |a: ActorId, b: ActorId| {
        links[a.index()].push(b);
        links[b.index()].push(a);
    };
    for relation in &data.relations {
        link(relation.source, relation.target);
    }
    for event in &data.events {
        for pair in event.participants.windows(2) {
            link(pair[0].0, pair[1].0);
        }
    }
    for (index, actor) in data.actors.iter().enumerate() {
        if let Some(parent) = actor.parent {
            link(ActorId::from_index(index), parent);
        }
    }
    let core = core_ids(&data);
    let mut seen: HashSet<ActorId> = core.iter().copied().collect();
    let mut queue: VecDeque<ActorId> = core.iter().copied().collect();
    while let Some(actor) = queue.pop_front() {
        for &next in &links[actor.index()] {
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    for (index, actor) in data.actors.iter().enumerate() {
        assert!(
            seen.contains(&ActorId::from_index(index)),
            "{} is not linked to any core actor",
            actor.key
        );
    }
}

#[test]
fn the_people_have_their_parent_actor() {
    let data = dataset();
    for (person, parent) in [
        ("lavrov", "russia"),
        ("putin", "russia"),
        ("goita", "mali-junta"),
        ("diop", "mali-mfa"),
        ("macron", "france"),
        ("prigozhin", "wagner"),
    ] {
        let id = data.actor_by_key(person).unwrap();
        let actor = data.actor(id);
        assert_eq!(actor.kind, ActorKind::Person);
        let parent_id = actor.parent.unwrap();
        assert_eq!(data.actor(parent_id).key, parent, "{person}");
    }
}

#[test]
fn only_named_vocabulary_is_used() {
    let data = dataset();
    for actor in &data.actors {
        assert!(
            !matches!(actor.kind, ActorKind::Other(_)),
            "actor {}",
            actor.key
        );
    }
    for event in &data.events {
        assert!(
            !matches!(event.kind, EventKind::Other(_)),
            "event {}",
            event.key
        );
        for (_, role) in &event.participants {
            assert!(!matches!(role, Role::Other(_)), "event {}", event.key);
        }
    }
    for relation in &data.relations {
        assert!(
            !matches!(relation.kind, RelationKind::Other(_)),
            "relation {}",
            relation.key
        );
        assert!(
            !relation.events.is_empty() || !relation.evidence.is_empty(),
            "relation {} has no backing",
            relation.key
        );
    }
}

#[test]
fn every_claim_has_at_least_two_evidenced_positions() {
    let data = dataset();
    for claim in &data.claims {
        assert!(claim.positions.len() >= 2, "claim {}", claim.key);
        assert!(
            !claim.events.is_empty(),
            "claim {} marks no event",
            claim.key
        );
        for position in &claim.positions {
            assert!(
                !position.evidence.is_empty(),
                "claim {}: {:?}",
                claim.key,
                position.value
            );
        }
    }
}

#[test]
fn every_piece_of_evidence_is_in_the_highlight_index() {
    use actorscope::model::EventId;
    use actorscope::query::highlights::Highlights;
    let dataset = dataset();
    let highlights = Highlights::build(&dataset);
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

#[test]
fn the_sources_index_counts_match_the_evidence() {
    use actorscope::model::DocId;
    use actorscope::query::sources::SourcesIndex;
    let dataset = dataset();
    let index = SourcesIndex::build(&dataset);
    assert_eq!(index.order.len(), dataset.documents.len());
    for (n, support) in index.support.iter().enumerate() {
        let doc = DocId::from_index(n);
        let events = dataset
            .events
            .iter()
            .filter(|e| e.evidence.iter().any(|ev| ev.doc == doc))
            .count();
        assert_eq!(support.events, events);
    }
    let total: usize = index.support.iter().map(|s| s.events).sum();
    assert!(total >= dataset.events.len(), "every event has a source");
}
