//! What is computed once per dataset, in one place: the search index, the highlight index,
//! the sources index, the graph model, and the memo of the network measures (per derived
//! data). The app owns one [`DatasetCaches`] per loaded dataset and drops it with the
//! dataset; views borrow it through [`super::ViewCtx`]. Caches are built on first use.
//!
//! Anything that outlives a frame and is computed from the dataset is keyed by
//! [`DatasetCaches::generation`], which is unique to each loaded (or edited) dataset — never
//! by the dataset's address, which a new dataset may reuse.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::model::Dataset;
use crate::query::graph::GraphModel;
use crate::query::highlights::Highlights;
use crate::query::network::{Centrality, CentralityMemo};
use crate::query::search::{MatchPlace, match_places};
use crate::query::sources::SourcesIndex;
use crate::query::{Derived, SearchIndex};

/// Per-dataset caches; see the module documentation.
pub struct DatasetCaches {
    generation: u64,
    dataset: Arc<Dataset>,
    search: SearchIndex,
    highlights: OnceLock<Arc<Highlights>>,
    sources: OnceLock<Arc<SourcesIndex>>,
    graph_model: OnceLock<Arc<GraphModel>>,
    centrality: Mutex<CentralityMemo>,
    /// The search result list for a derived data (by generation): each shown event with
    /// where the search matched it.
    search_results: Mutex<Option<(u64, Arc<SearchResults>)>>,
}

/// The events a search found (the first [`SEARCH_RESULTS_MAX`] in time order) and where.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchResults {
    pub hits: Vec<(crate::model::EventId, Vec<MatchPlace>)>,
    /// How many events match in all.
    pub total: usize,
}

/// At most this many results are listed (the rest are on the timeline).
pub const SEARCH_RESULTS_MAX: usize = 100;

impl DatasetCaches {
    /// The caches of a freshly loaded (or edited) dataset, with a new generation. The search
    /// index is built at once (every filter change needs it); the rest on first use.
    pub fn new(dataset: Arc<Dataset>) -> Self {
        static GENERATIONS: AtomicU64 = AtomicU64::new(1);
        Self {
            generation: GENERATIONS.fetch_add(1, Ordering::Relaxed),
            search: SearchIndex::new(&dataset),
            dataset,
            highlights: OnceLock::new(),
            sources: OnceLock::new(),
            graph_model: OnceLock::new(),
            centrality: Mutex::new(CentralityMemo::default()),
            search_results: Mutex::new(None),
        }
    }

    /// Unique to this dataset among all datasets loaded in this process.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn dataset(&self) -> &Arc<Dataset> {
        &self.dataset
    }

    pub fn search(&self) -> &SearchIndex {
        &self.search
    }

    pub fn highlights(&self) -> Arc<Highlights> {
        let dataset = &self.dataset;
        Arc::clone(
            self.highlights
                .get_or_init(|| Arc::new(Highlights::build(dataset))),
        )
    }

    pub fn sources(&self) -> Arc<SourcesIndex> {
        let dataset = &self.dataset;
        Arc::clone(
            self.sources
                .get_or_init(|| Arc::new(SourcesIndex::build(dataset))),
        )
    }

    pub fn graph_model(&self) -> Arc<GraphModel> {
        let dataset = &self.dataset;
        Arc::clone(
            self.graph_model
                .get_or_init(|| Arc::new(GraphModel::new(dataset))),
        )
    }

    /// Degree and betweenness under `derived` (which must be of this dataset): computed once
    /// per derived data, however often it is asked for.
    pub fn centrality(&self, derived: &Derived) -> Arc<Centrality> {
        match self.centrality.lock() {
            Ok(mut memo) => memo.get(&self.dataset, derived),
            // A panic while computing poisoned the memo: compute without it.
            Err(_) => Arc::new(Centrality::compute(&self.dataset, derived)),
        }
    }

    /// The search result list under `derived` (which must be of this dataset, with `query` its
    /// search): computed once per derived data, for at most [`SEARCH_RESULTS_MAX`] events.
    pub fn search_results(&self, derived: &Derived, query: &str) -> Arc<SearchResults> {
        let compute = || {
            Arc::new(SearchResults {
                hits: derived
                    .events
                    .iter()
                    .take(SEARCH_RESULTS_MAX)
                    .map(|&e| (e, match_places(&self.dataset, e, query)))
                    .collect(),
                total: derived.events.len(),
            })
        };
        let Ok(mut memo) = self.search_results.lock() else {
            return compute();
        };
        match &*memo {
            Some((generation, results)) if *generation == derived.generation => results.clone(),
            _ => {
                let results = compute();
                *memo = Some((derived.generation, results.clone()));
                results
            }
        }
    }
}
