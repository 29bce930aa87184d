//! Evidence first, driven as a person would, by the labels on screen: the quote behind an
//! event, the passage in its document, the positions of a contested claim, and what one
//! source supports. Expected texts come from the loaded dataset, never hard-coded.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use actorscope::model::{Dataset, DocId, EventId};
use actorscope::views::Selection;
use actorscope::views::inspector::quoted;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::*;

/// The first event in time.
fn an_event(data: &Dataset) -> EventId {
    data.index.events_by_time[0]
}

/// The event whose first quote lies deepest into its document: opening it must scroll.
fn an_event_quoted_late_in_a_document(data: &Dataset) -> EventId {
    (0..data.events.len())
        .map(EventId::from_index)
        .max_by_key(|&e| {
            let evidence = &data.event(e).evidence[0];
            (evidence.span.start, std::cmp::Reverse(e))
        })
        .unwrap()
}

#[test]
fn selecting_an_event_shows_a_quote_with_its_document_title() {
    let mut harness = harness();
    let data = dataset(&harness);
    let event = an_event(&data);
    select(&mut harness, Selection::Event(event));
    for evidence in &data.event(event).evidence {
        let doc = data.document(evidence.doc);
        assert!(
            harness.query_all_by_label(&doc.title).count() >= 1,
            "the document title {:?} is shown",
            doc.title
        );
        let quote = quoted(data.quote(evidence));
        let node = harness.query_all_by_label(&quote).next();
        let node = node.unwrap_or_else(|| panic!("the quote {quote:?} is shown"));
        assert!(screen().intersects(node.rect()), "the quote is on screen");
    }
}

#[test]
fn open_in_document_shows_the_document_with_the_passage_in_view() {
    let mut harness = harness();
    let data = dataset(&harness);
    let event = an_event_quoted_late_in_a_document(&data);
    select(&mut harness, Selection::Event(event));
    // The first evidence's button comes first.
    let evidence = data.event(event).evidence[0].clone();
    let doc = data.document(evidence.doc);
    harness
        .get_all_by_label("Open in document")
        .next()
        .unwrap()
        .click();
    harness.run_steps(4);

    // Docked beside the graph, under the timeline: its tab, then the text with the cited
    // passage scrolled into view.
    let tab = harness.get_by_label(&short(&doc.title)).rect();
    let passage = format!("Cited passage: {}", data.quote(&evidence));
    let node = harness.get_by_label(&passage);
    let rect = node.rect();
    assert!(
        rect.top() > tab.bottom() && screen().contains_rect(rect.shrink(0.5)),
        "the cited passage {rect:?} is scrolled into the pane under its tab {tab:?}"
    );
    // The timeline is still there, above it.
    assert!(harness.get_by_label("Fit all").rect().bottom() < tab.top());
    let reader = &harness.state().state.reader;
    assert_eq!(reader.open.len(), 1);
    assert_eq!(reader.open[0].doc, evidence.doc);
    assert_eq!(reader.open[0].focus, Some(evidence.span.clone()));
    assert!(!reader.open[0].scroll_pending, "the scroll happens once");

    // Clicking the passage selects what it is evidence for: here, the event.
    harness.get_by_label(&passage).click();
    harness.run_steps(3);
    assert_eq!(harness.state().state.selection, Selection::Event(event));

    // Closing its tab closes the document, and the graph is back.
    harness
        .get_by_label(&format!("Close {}", short(&doc.title)))
        .click();
    harness.run_steps(3);
    assert!(harness.state().state.reader.open.is_empty());
    harness.get_by_label("Fit");
}

/// A document's title as its tab shows it.
fn short(title: &str) -> String {
    if title.chars().count() <= 32 {
        title.to_owned()
    } else {
        title.chars().take(31).chain(['…']).collect()
    }
}

#[test]
fn two_documents_open_as_tabs_and_one_floats_into_a_window() {
    let mut harness = harness();
    let data = dataset(&harness);
    if data.documents.len() < 2 {
        return;
    }
    harness.get_by_label("Sources").click();
    harness.run_steps(3);
    harness.get_all_by_label("Read").next().unwrap().click();
    harness.run_steps(3);
    harness.get_all_by_label("Read").nth(1).unwrap().click();
    harness.run_steps(4);
    let open: Vec<DocId> = harness
        .state()
        .state
        .reader
        .open
        .iter()
        .map(|o| o.doc)
        .collect();
    assert_eq!(open.len(), 2);
    let titles: Vec<String> = open
        .iter()
        .map(|&d| data.document(d).title.clone())
        .collect();
    // Both are tabs; the last opened shows; a click on the other shows it.
    harness.get_by_label(&short(&titles[0])).click();
    harness.run_steps(3);
    assert_eq!(harness.state().state.reader.active, Some(open[0]));
    // Float it: a window of its own, while the other stays docked.
    harness.get_by_label("Float").click();
    harness.run_steps(4);
    harness.get_by_role_and_label(egui::Role::Window, &titles[0]);
    assert_eq!(harness.state().state.reader.active, Some(open[1]));
    assert!(
        harness
            .query_by_role_and_label(egui::Role::Window, &titles[1])
            .is_none()
    );
    // And back.
    harness
        .get_by_role_and_label(egui::Role::Window, &titles[0])
        .get_by_label("Dock")
        .click();
    harness.run_steps(4);
    assert!(
        harness
            .query_by_role_and_label(egui::Role::Window, &titles[0])
            .is_none()
    );
    assert_eq!(harness.state().state.reader.active, Some(open[0]));
}

#[test]
fn selecting_a_claim_shows_both_positions_with_their_quotes() {
    let mut harness = harness();
    let data = dataset(&harness);
    let Some(claim) = data
        .claims
        .iter()
        .find(|c| c.positions.len() >= 2 && c.positions.iter().all(|p| !p.evidence.is_empty()))
    else {
        panic!("the dataset has a claim with two positions backed by quotes");
    };
    harness.get_by_label("Claims").click();
    harness.run_steps(3);
    harness.get_by_label(&claim.question).click();
    harness.run_steps(3);
    let id = data.claim_by_key(&claim.key).unwrap();
    assert_eq!(harness.state().state.selection, Selection::Claim(id));

    let mut position_rects = Vec::new();
    for position in &claim.positions {
        let node = harness.query_all_by_label(&position.value).last();
        let node = node.unwrap_or_else(|| panic!("position {:?} is shown", position.value));
        assert!(screen().intersects(node.rect()));
        position_rects.push(node.rect());
        for evidence in &position.evidence {
            let quote = quoted(data.quote(evidence));
            assert!(
                harness.query_all_by_label(&quote).next().is_some(),
                "the quote {quote:?} of position {:?} is shown",
                position.value
            );
        }
    }
    // Side by side: the first two positions start on the same line, in different columns.
    let (a, b) = (position_rects[0], position_rects[1]);
    assert!(
        (a.top() - b.top()).abs() < 1.0,
        "{a:?} and {b:?} side by side"
    );
    assert!(a.left() != b.left());
}

#[test]
fn choosing_a_source_narrows_the_events_to_what_it_supports() {
    let mut harness = harness();
    let data = dataset(&harness);
    // A source with a title no other one shares, supporting some but not all events.
    let supports = |doc: DocId| -> Vec<EventId> {
        let mut events: Vec<EventId> = (0..data.events.len())
            .map(EventId::from_index)
            .filter(|&e| data.event(e).evidence.iter().any(|ev| ev.doc == doc))
            .collect();
        events.sort_by_key(|e| data.index.time_rank[e.index()]);
        events
    };
    let doc = (0..data.documents.len())
        .map(DocId::from_index)
        .find(|&d| {
            let title = &data.document(d).title;
            let n = supports(d).len();
            data.documents.iter().filter(|o| &o.title == title).count() == 1
                && n > 0
                && n < data.events.len()
        })
        .unwrap();
    harness.get_by_label("Sources").click();
    harness.run_steps(3);
    harness.get_by_label(&data.document(doc).title).click();
    harness.run_steps(3);
    assert_eq!(harness.state().state.selection, Selection::Document(doc));
    harness.get_by_label("Show only what it supports").click();
    harness.run_steps(3);
    assert_eq!(harness.state().derived().events, supports(doc));

    harness.get_by_label("Show all").click();
    harness.run_steps(3);
    assert_eq!(harness.state().derived().events.len(), data.events.len());
}
