//! Synthetic datasets for benchmarks and scale tests: N events among M actors, with valid
//! evidence, built through the same validation as real data.
//!
//! Deterministic for a given seed. Actor activity follows a skewed distribution (a few actors
//! take part in most events, as in ACLED-style data), dates span 1990–2025 with mixed
//! precision, and every pair of actors that meets in an event gets a relation backed by the
//! events they share.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::raw::{
    RawActor, RawDataset, RawDocument, RawEvent, RawEvidence, RawParticipant, RawRelation,
};
use crate::model::validate::{Origin, validate};
use crate::model::{ActorKind, Dataset, EventKind, Kind as _, RelationKind, Role};

/// A small, fast, deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Skewed towards small values: actor 0 is the busiest.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((u * u * u) * n as f64) as usize % n
    }
}

const SENTENCES: usize = 256;

/// The file name of the one document, next to the dataset file.
pub const DOCUMENT_FILE: &str = "synthetic.txt";

/// The one document all synthetic quotes come from.
pub fn document_text() -> String {
    (0..SENTENCES)
        .map(|k| {
            format!("Report {k:03}: forces clashed near the river and officials gave figures.\n")
        })
        .collect()
}

/// The raw form of a synthetic dataset.
pub fn synthetic_raw(events: usize, actors: usize, seed: u64) -> RawDataset {
    let actors = actors.max(2);
    let mut rng = Rng::new(seed);
    let kinds = ActorKind::ALL;
    let raw_actors: Vec<RawActor> = (0..actors)
        .map(|n| RawActor {
            id: format!("a{n}"),
            name: format!("Actor {n}"),
            kind: kinds[n % kinds.len()].clone(),
            aliases: vec![format!("Alias {n}")],
            ..RawActor::default()
        })
        .collect();
    let event_kinds = EventKind::ALL;
    let relation_kinds = RelationKind::ALL;
    let mut pairs: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    let mut raw_events = Vec::with_capacity(events);
    let (start, end) = (
        crate::model::date::days_from_civil(1990, 1, 1),
        crate::model::date::days_from_civil(2025, 12, 31),
    );
    for n in 0..events {
        let day = start + rng.below((end - start) as usize) as i32;
        let (y, m, d) = crate::model::date::civil_from_days(day);
        let precision = rng.below(10);
        let date = match precision {
            0 => format!("{y:04}"),
            1 | 2 => format!("{y:04}-{m:02}"),
            _ => format!("{y:04}-{m:02}-{d:02}"),
        };
        let end_date = (rng.below(20) == 0).then(|| {
            let (y2, m2, _) = crate::model::date::civil_from_days(day + 30 + rng.below(400) as i32);
            format!("{y2:04}-{m2:02}")
        });
        let count = 1 + rng.below(3);
        let mut who: Vec<usize> = Vec::with_capacity(count);
        while who.len() < count.min(actors) {
            let a = rng.skewed(actors);
            if !who.contains(&a) {
                who.push(a);
            }
        }
        let id = format!("e{n}");
        for i in 0..who.len() {
            for j in i + 1..who.len() {
                let key = (who[i].min(who[j]), who[i].max(who[j]));
                pairs.entry(key).or_default().push(id.clone());
            }
        }
        let sentence = rng.below(SENTENCES);
        raw_events.push(RawEvent {
            id,
            title: format!("Event {n}"),
            summary: format!("Synthetic event {n} among {} actors.", who.len()),
            date,
            end: end_date,
            kind: event_kinds[n % event_kinds.len()].clone(),
            place: None,
            record: None,
            actors: who
                .iter()
                .enumerate()
                .map(|(i, a)| RawParticipant {
                    actor: format!("a{a}"),
                    role: if i == 0 {
                        Role::Initiator
                    } else {
                        Role::Target
                    },
                })
                .collect(),
            evidence: vec![RawEvidence {
                doc: "doc".to_owned(),
                quote: format!("Report {sentence:03}: forces clashed near the river"),
                ..RawEvidence::default()
            }],
        });
    }
    let mut pairs: Vec<((usize, usize), Vec<String>)> = pairs.into_iter().collect();
    pairs.sort_by_key(|p| p.0);
    let relations = pairs
        .into_iter()
        .enumerate()
        .map(|(n, ((a, b), events))| RawRelation {
            id: format!("r{n}"),
            source: format!("a{a}"),
            target: format!("a{b}"),
            kind: relation_kinds[(a + b) % relation_kinds.len()].clone(),
            directed: (a + b) % 2 == 0,
            summary: String::new(),
            events,
            evidence: Vec::new(),
        })
        .collect();
    RawDataset {
        title: format!("Synthetic: {events} events, {actors} actors"),
        // No focus: every view must cope with a dataset that names none.
        focus_actors: Vec::new(),
        documents: vec![RawDocument {
            id: "doc".to_owned(),
            title: "Synthetic report".to_owned(),
            language: "en".to_owned(),
            published: "2025".to_owned(),
            file: DOCUMENT_FILE.to_owned(),
            ..RawDocument::default()
        }],
        actors: raw_actors,
        events: raw_events,
        relations,
        claims: Vec::new(),
    }
}

/// A validated synthetic dataset.
pub fn synthetic(events: usize, actors: usize, seed: u64) -> Dataset {
    let raw = synthetic_raw(events, actors, seed);
    let text: Arc<str> = Arc::from(document_text());
    let origin = Origin {
        file: "<synthetic>",
        text: "",
    };
    match validate(raw, &origin, &mut |_, _| Ok(text.clone())) {
        Ok(dataset) => dataset,
        // The generator only writes valid data; a problem here is a bug in it.
        Err(problems) => panic!("synthetic dataset is invalid: {}", problems[0]),
    }
}

/// The header of [`acled_csv`]: ACLED's current columns.
pub const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const SUB_EVENTS: [(&str, &str, &str); 8] = [
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Violence against civilians", "Attack"),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Riots", "Mob violence"),
    (
        "Strategic developments",
        "Strategic developments",
        "Looting/property destruction",
    ),
    (
        "Strategic developments",
        "Strategic developments",
        "Agreement",
    ),
];
const INTERS: [&str; 8] = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];
const PLACES: [&str; 12] = [
    "Bamako",
    "Gao",
    "Timbuktu",
    "Mopti",
    "Menaka",
    "Kidal",
    "Segou",
    "Sikasso",
    "Kayes",
    "Koulikoro",
    "Djenne",
    "Ansongo",
];
const OUTLETS: [&str; 6] = [
    "AFP",
    "RFI",
    "Studio Tamani",
    "Reuters",
    "Maliweb",
    "Local source",
];

/// Appends `rows` rows of an ACLED-shaped CSV (current columns, see [`ACLED_HEADER`]) to
/// `out`, numbered from `first`: `actors` actors with skewed activity, notes of realistic
/// length (some quoted, with commas and doubled quotes), associated actors, every time
/// precision. Deterministic for a seed; written in pieces so that any size fits in memory
/// a piece at a time.
pub fn acled_rows(out: &mut String, first: usize, rows: usize, actors: usize, rng: &mut Rng) {
    use std::fmt::Write as _;
    let actors = actors.max(2);
    for n in first..first + rows {
        let (disorder, event_type, sub) = SUB_EVENTS[rng.below(SUB_EVENTS.len())];
        let a1 = rng.skewed(actors);
        let a2 = (a1 + 1 + rng.skewed(actors - 1)) % actors;
        let day = 7_305 + rng.below(12_000) as i32; // 1990 to 2022
        let date = crate::model::date::iso_day(day);
        let place = PLACES[rng.below(PLACES.len())];
        let precision = [1, 1, 1, 2, 3][rng.below(5)];
        let fatalities = if rng.below(3) == 0 { rng.below(40) } else { 0 };
        let outlet = OUTLETS[rng.below(OUTLETS.len())];
        let assoc = if rng.below(4) == 0 {
            format!("Group {}; Group {}", rng.below(actors), rng.below(actors))
        } else {
            String::new()
        };
        let words = 12 + rng.below(50);
        let mut notes = format!("On {date}, Group {a1} and Group {a2} were reported near {place}");
        for w in 0..words {
            notes.push_str(if w % 9 == 8 { ", " } else { " " });
            notes.push_str(
                [
                    "fighters",
                    "the army",
                    "residents",
                    "a convoy",
                    "said",
                    "attacked",
                    "the market",
                    "officials",
                    "\"sources\"",
                ][(n + w) % 9],
            );
        }
        notes.push_str(&format!(". {fatalities} fatalities."));
        let quoted = notes.contains([',', '"']);
        let notes = if quoted {
            format!("\"{}\"", notes.replace('"', "\"\""))
        } else {
            notes
        };
        let _ = writeln!(
            out,
            "MLI{n},{date},{},{precision},{disorder},{event_type},{sub},Group {a1},{assoc},{},Group {a2},,{},{}-{},,466,Western Africa,Mali,{place} region,{place} cercle,,{place},{:.4},{:.4},1,{outlet},National,{notes},{fatalities},,1690000000",
            &date[..4],
            INTERS[a1 % 8],
            INTERS[a2 % 8],
            INTERS[a1 % 8],
            INTERS[a2 % 8],
            10.0 + rng.unit() * 10.0,
            -12.0 + rng.unit() * 16.0,
        );
    }
}

/// A whole ACLED-shaped CSV of `rows` rows (see [`acled_rows`]).
pub fn acled_csv(rows: usize, actors: usize, seed: u64) -> String {
    let mut out = String::with_capacity(rows * 420 + 400);
    out.push_str(ACLED_HEADER);
    out.push('\n');
    acled_rows(&mut out, 1, rows, actors, &mut Rng::new(seed));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_data_is_valid_and_deterministic() {
        let a = synthetic(2_000, 50, 7);
        let b = synthetic(2_000, 50, 7);
        assert_eq!(a.events.len(), 2_000);
        assert_eq!(a.counts(), b.counts());
        assert!(!a.relations.is_empty());
        for evidence in a.all_evidence() {
            assert!(a.quote(evidence).starts_with("Report "));
        }
        // Skewed: the busiest actor has far more events than the average.
        let busiest = a
            .index
            .events_by_actor
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        assert!(busiest > 2_000 * 2 / 50);
    }

    #[test]
    fn the_kept_time_extent_is_that_of_the_events() {
        let data = synthetic(500, 20, 3);
        let first = data.events.iter().map(|e| e.when.first_day()).min();
        let last = data.events.iter().map(|e| e.when.last_day()).max();
        assert_eq!(data.time_extent(), first.zip(last));
        assert!(data.time_extent().is_some());
        assert_eq!(synthetic(0, 5, 3).time_extent(), None);
        // The days kept in time order are the events' own, in that order.
        let by_time = &data.index.events_by_time;
        for (n, &e) in by_time.iter().enumerate() {
            assert_eq!(data.index.first_days[n], data.event(e).when.first_day());
            assert_eq!(data.index.last_days[n], data.event(e).when.last_day());
        }
        assert!(data.index.first_days.is_sorted());
    }

    #[test]
    fn an_acled_shaped_csv_imports_with_every_row_and_its_notes_as_evidence() {
        let text = acled_csv(500, 40, 3);
        let imported =
            crate::io::import::import("synth.csv", "synth.csv", text.as_bytes(), None).unwrap();
        assert_eq!(imported.format, crate::io::import::Format::Acled);
        assert_eq!(imported.rows, 500);
        assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
        let dataset = &imported.dataset;
        assert_eq!(dataset.events.len(), 500);
        assert!(
            dataset
                .events
                .iter()
                .all(|e| dataset.quote(&e.evidence[0]).starts_with("On "))
        );
    }
}
