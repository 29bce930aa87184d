//! The timeline and filters, driven as a person would: by the labels of what is on screen.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use actorscope::model::EventId;
use actorscope::query::fold;
use actorscope::views::Selection;
use actorscope::views::timeline::marker_label;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::*;

#[test]
fn clicking_an_event_shows_its_title_and_a_quote_in_the_inspector() {
    let mut harness = harness();
    let data = dataset(&harness);
    // The first event in time is on screen after "Fit all".
    harness.get_by_label("Fit all").click();
    harness.run_steps(3);
    let event = data.index.events_by_time[0];
    harness.get_by_label(&marker_label(&data, event)).click();
    harness.run_steps(3);
    assert_eq!(selected(&harness), Selection::Event(event));
    let e = data.event(event);
    harness.get_by_label(&e.title);
    let quote = data.quote(&e.evidence[0]);
    harness.get_by_label_contains(quote);
}

#[test]
fn arrow_keys_step_through_events_in_time() {
    let mut harness = harness();
    let data = dataset(&harness);
    let order = &data.index.events_by_time;
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(selected(&harness), Selection::Event(order[0]));
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(selected(&harness), Selection::Event(order[1]));
    harness.key_press(egui::Key::ArrowLeft);
    harness.run_steps(2);
    assert_eq!(selected(&harness), Selection::Event(order[0]));
    harness.key_press(egui::Key::End);
    harness.run_steps(2);
    assert_eq!(selected(&harness), Selection::Event(*order.last().unwrap()));
    // The whole story, oldest to newest, with the keyboard alone.
    harness.key_press(egui::Key::Home);
    for expected in order {
        harness.run_steps(1);
        assert_eq!(selected(&harness), Selection::Event(*expected));
        harness.key_press(egui::Key::ArrowRight);
    }
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert_eq!(selected(&harness), Selection::None);
}

#[test]
fn filtering_by_an_actor_leaves_only_its_events() {
    let mut harness = harness();
    let data = dataset(&harness);
    let wagner = data.actor_by_key("wagner").unwrap();
    let all = visible(&harness).len();
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, &data.actor(wagner).name)
        .click();
    harness.run_steps(3);
    let shown = visible(&harness);
    assert!(!shown.is_empty() && shown.len() < all);
    assert_eq!(shown, data.index.events_by_actor[wagner.index()]);
    // The status bar says so.
    harness.get_by_label_contains(&format!(
        "{} of {} events visible",
        shown.len(),
        data.events.len()
    ));
}

#[test]
fn searching_goita_finds_his_events_without_the_diaeresis() {
    let mut harness = harness();
    let data = dataset(&harness);
    let goita = data
        .actors
        .iter()
        .position(|a| fold(&a.name).contains("goita"))
        .expect("Goïta is in the dataset");
    harness.get_by_label("Search events").click();
    harness.run_steps(1);
    harness.get_by_label("Search events").type_text("goita");
    harness.run_steps(3);
    let shown = visible(&harness);
    let his = &data.index.events_by_actor[goita];
    assert!(!his.is_empty());
    for event in his {
        assert!(
            shown.contains(event),
            "{} missing",
            data.event(*event).title
        );
    }
    // And nothing that neither names him nor quotes him.
    for event in &shown {
        let e = data.event(*event);
        let mentions = e.participants.iter().any(|(a, _)| a.index() == goita)
            || fold(&format!("{} {}", e.title, e.summary)).contains("goita")
            || e.evidence
                .iter()
                .any(|ev| fold(data.quote(ev)).contains("goita"));
        assert!(mentions, "{} does not mention Goïta", e.title);
    }
}

#[test]
fn a_time_window_narrows_the_status_count() {
    let mut harness = harness();
    let data = dataset(&harness);
    let all = visible(&harness).len();
    // The window from the middle event's start to the end.
    let middle = data.event(data.index.events_by_time[data.events.len() / 2]);
    let from = middle.when.start.to_string();
    harness.get_by_label("Window from").click();
    harness.run_steps(1);
    harness.get_by_label("Window from").type_text(&from);
    harness.run_steps(1);
    harness.get_by_label("Apply window").click();
    harness.run_steps(3);
    let shown = visible(&harness);
    let first_day = middle.when.first_day();
    let expected: Vec<EventId> = data
        .index
        .events_by_time
        .iter()
        .copied()
        .filter(|e| data.event(*e).when.last_day() >= first_day)
        .collect();
    assert_eq!(shown, expected);
    assert!(shown.len() < all);
    harness.get_by_label_contains(&format!(
        "{} of {} events visible",
        shown.len(),
        data.events.len()
    ));
    // Undo brings every event back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(visible(&harness).len(), all);
}

#[test]
fn brushing_with_shift_drag_sets_the_time_window() {
    let mut harness = harness();
    let data = dataset(&harness);
    let first = data.index.events_by_time[0];
    let last = *data.index.events_by_time.last().unwrap();
    harness.get_by_label("Fit all").click();
    harness.run_steps(3);
    let a = harness.get_by_label(&marker_label(&data, first)).rect();
    let b = harness.get_by_label(&marker_label(&data, last)).rect();
    // Drag from just right of the first event to just right of the last one, holding shift.
    let start = egui::pos2(a.right() + 3.0, a.center().y);
    let end = egui::pos2(b.right() + 3.0, b.center().y);
    let shift = egui::Modifiers::SHIFT;
    harness.event(egui::Event::ModifiersChanged(shift));
    harness.event(egui::Event::PointerMoved(start));
    harness.run_steps(1);
    harness.event(egui::Event::PointerButton {
        pos: start,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: shift,
    });
    harness.run_steps(1);
    for n in 1..=10 {
        harness.event(egui::Event::PointerMoved(
            start + (end - start) * (n as f32 / 10.0),
        ));
        harness.run_steps(1);
    }
    harness.event(egui::Event::PointerButton {
        pos: end,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: shift,
    });
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run_steps(3);
    let window = harness.state().state.filters.window;
    assert!(window.is_some(), "the brush set a window");
    let shown = visible(&harness);
    assert!(!shown.contains(&first) || data.event(first).when.last_day() >= window.unwrap().0);
    assert!(shown.len() < data.events.len());
}

#[test]
fn the_timeline_opens_on_the_densest_period_and_outliers_wait_behind_a_marker() {
    let mut harness = harness();
    let data = dataset(&harness);
    let plot = harness.get_by_label("Fit all").rect(); // the toolbar sits above the plot
    let first = data.index.events_by_time[0];
    let second = data.index.events_by_time[1];
    let span = |e: EventId| data.event(e).when.first_day();
    assert!(
        span(second) - span(first) > 365 * 10,
        "a far outlier exists"
    );
    // The opening view holds the densest period (the curated story), and at least four in
    // five events.
    let (dense_from, dense_to) = actorscope::query::extent::dense_extent(&data).unwrap();
    let (from, to) = harness.state().state.timeline.view.unwrap();
    assert!(
        from <= f64::from(dense_from) && f64::from(dense_to) < to,
        "{from}–{to}"
    );
    // Every event of 2021–2023 is on screen, none of the 2012–2014 background is.
    let y2021 = f64::from(actorscope::model::date::days_from_civil(2021, 1, 1));
    let y2015 = f64::from(actorscope::model::date::days_from_civil(2015, 1, 1));
    assert!(from > y2015, "{from}");
    for e in &data.events {
        if f64::from(e.when.first_day()) >= y2021 {
            assert!(f64::from(e.when.last_day()) < to && from <= f64::from(e.when.first_day()));
        }
    }
    let in_view = data
        .events
        .iter()
        .filter(|e| f64::from(e.when.first_day()) >= from && f64::from(e.when.last_day()) < to)
        .count();
    assert!(
        in_view * 5 >= data.events.len() * 4,
        "{in_view} of {}",
        data.events.len()
    );
    // The 1961 background event is reached through "◀ N earlier", not squashed into view.
    let hidden = marker_label(&data, first);
    let on_screen = |h: &egui_kittest::Harness<'_, actorscope::app::ActorscopeApp>| {
        h.query_by_label(&hidden)
            .is_some_and(|n| n.rect().left() > plot.left() && screen().contains(n.rect().center()))
    };
    assert!(
        !on_screen(&harness),
        "the outlier is not in the opening view"
    );
    // Each click brings the nearest hidden events into view; a few reach back to 1961.
    for _ in 0..10 {
        if on_screen(&harness) {
            break;
        }
        harness.get_by_label_contains("earlier").click();
        harness.run_steps(4);
    }
    assert!(
        on_screen(&harness),
        "the earlier marker brings it into view"
    );
}

#[test]
fn focus_actors_only_hides_every_other_lane_in_one_undoable_step() {
    let mut harness = harness();
    let data = dataset(&harness);
    let lanes = |h: &egui_kittest::Harness<'_, actorscope::app::ActorscopeApp>| {
        let app = h.state();
        app.state.timeline.lanes(app.derived())
    };
    let before = lanes(&harness);
    assert!(
        before.len() > 6,
        "the curated dataset has more than the core lanes"
    );
    harness.get_by_label("Lanes…").click();
    harness.run_steps(2);
    harness.get_by_label("Focus actors only").click();
    harness.run_steps(3);
    let core: Vec<&str> = lanes(&harness)
        .iter()
        .map(|a| data.actor(*a).key.as_str())
        .collect();
    assert_eq!(core, ["russia", "mali", "france", "ecowas", "un", "wagner"]);
    harness.key_press(egui::Key::Escape);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(lanes(&harness), before, "one undo brings every lane back");
}

#[test]
fn a_word_typed_into_search_is_one_undo_step() {
    let mut harness = harness();
    let all = visible(&harness).len();
    harness.get_by_label("Search events").click();
    harness.run_steps(1);
    for letter in ["g", "o", "i", "t", "a"] {
        harness.get_by_label("Search events").type_text(letter);
        harness.run_steps(1);
    }
    assert_eq!(harness.state().state.filters.search, "goita");
    assert!(visible(&harness).len() < all);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(
        harness.state().state.filters.search,
        "",
        "one undo clears the word"
    );
    assert_eq!(visible(&harness).len(), all);
}

#[test]
fn on_a_large_dataset_search_recomputes_once_typing_pauses() {
    use actorscope::io::{DatasetSource, LoadedDataset};
    let events = 60_000;
    let loaded = LoadedDataset {
        dataset: std::sync::Arc::new(actorscope::synth::synthetic(events, 40, 7)),
        source: DatasetSource::File("<synthetic>".into()),
        content_hash: String::new(),
        notices: Vec::new(),
        imported: None,
    };
    let app = actorscope::app::ActorscopeApp::with_loaded(loaded);
    let mut harness = egui_kittest::Harness::builder()
        .with_size(SIZE)
        .build_ui_state(
            |ui, app: &mut actorscope::app::ActorscopeApp| app.ui(ui),
            app,
        );
    harness.run_steps(2);
    assert_eq!(visible(&harness).len(), events);
    harness.get_by_label("Search events").click();
    harness.run_steps(1);
    harness
        .get_by_label("Search events")
        .type_text("report 012");
    harness.run_steps(1);
    // Typed, but not yet recomputed: the previous result stands while typing goes on.
    assert_eq!(harness.state().state.filters.search, "report 012");
    assert_eq!(visible(&harness).len(), events);
    // Once typing has paused (a quarter of a second), what matches is recomputed.
    harness.run_steps(30);
    let matching = visible(&harness).len();
    assert!(matching > 0 && matching < events, "{matching} match");
}

#[test]
fn hiding_empty_lanes_is_one_undo_step_and_marks_the_workspace_unsaved() {
    let mut harness = harness();
    assert!(!harness.state().is_dirty());
    let hide = harness.state().state.timeline.hide_empty;
    harness.get_by_label("Hide empty lanes").click();
    harness.run_steps(2);
    assert_eq!(harness.state().state.timeline.hide_empty, !hide);
    assert!(
        harness.state().is_dirty(),
        "the change is not marked unsaved"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().state.timeline.hide_empty,
        hide,
        "undo kept it"
    );
}

#[test]
fn plus_and_minus_zoom_the_timeline_and_help_lists_every_shortcut() {
    let mut harness = harness();
    let view = |h: &egui_kittest::Harness<'_, actorscope::app::ActorscopeApp>| {
        let (from, to) = h.state().state.timeline.view.unwrap();
        to - from
    };
    let wide = view(&harness);
    harness.key_press(egui::Key::Plus);
    harness.run_steps(3);
    let narrow = view(&harness);
    assert!(narrow < wide * 0.6, "{wide} → {narrow}");
    harness.key_press(egui::Key::Minus);
    harness.run_steps(3);
    assert!(view(&harness) > narrow * 2.0);
    // Help lists what the keys do, from the same table the keys are read from.
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("Keyboard shortcuts").click();
    harness.run_steps(4);
    // (Each help text is the label of its row's keys, so label nodes are searched too.)
    let find = |h: &egui_kittest::Harness<'_, actorscope::app::ActorscopeApp>, text: &str| {
        h.query_all(
            egui_kittest::kittest::By::new()
                .label(text)
                .include_labels(),
        )
        .count()
    };
    for shortcut in actorscope::app::shortcuts::SHORTCUTS.iter() {
        assert_eq!(find(&harness, shortcut.help), 1, "{}", shortcut.help);
        assert!(find(&harness, shortcut.text) >= 1, "{}", shortcut.text);
    }
    assert_eq!(find(&harness, "zoom the timeline in"), 1);
}

#[test]
fn search_lists_what_it_found_and_a_result_is_one_click_or_enter_away() {
    let mut harness = harness();
    let data = dataset(&harness);
    harness.get_by_label("Search events").click();
    harness.run_steps(1);
    harness.get_by_label("Search events").type_text("goita");
    harness.run_steps(3);
    let found = visible(&harness);
    assert!(!found.is_empty());
    // Each result: its title and date, and where it matched.
    let row = |e: EventId| format!("{} · {}", data.event(e).title, data.event(e).when.human());
    for &event in &found {
        harness.get_by_label(&row(event));
    }
    assert!(
        harness
            .query_all_by_label_contains("actor Assimi Goïta")
            .count()
            >= 1
    );
    // Enter selects the first result; again, the next.
    harness.get_by_label("Search events").click();
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(selected(&harness), Selection::Event(found[0]));
    if found.len() > 1 {
        harness.get_by_label("Search events").click();
        harness.run_steps(1);
        harness.key_press(egui::Key::Enter);
        harness.run_steps(2);
        assert_eq!(selected(&harness), Selection::Event(found[1]));
    }
    // A click on the last result selects it and brings its marker into view.
    let last = *found.last().unwrap();
    harness.get_by_label(&row(last)).click();
    harness.run_steps(4);
    assert_eq!(selected(&harness), Selection::Event(last));
    let marker = harness.get_by_label(&marker_label(&data, last)).rect();
    assert!(screen().contains(marker.center()), "{marker:?}");
    // Show all matches: every match on screen at once.
    harness.get_by_label("Show all matches").click();
    harness.run_steps(4);
    let (from, to) = harness.state().state.timeline.view.unwrap();
    for &event in &found {
        let when = data.event(event).when;
        assert!(
            f64::from(when.first_day()) >= from && f64::from(when.last_day()) < to,
            "{} is outside {from}–{to}",
            data.event(event).title
        );
    }
}

#[test]
fn help_explains_the_views_and_about_names_the_dataset_and_licences() {
    let mut harness = harness();
    let data = dataset(&harness);
    // The legend of event kinds stands beside the timeline.
    let plot_top = harness.get_by_label("Fit all").rect().bottom();
    for kind in &data.index.event_kinds {
        use actorscope::model::Kind as _;
        assert!(
            harness
                .query_all_by_label(kind.label())
                .any(|n| n.rect().top() > plot_top && screen().contains(n.rect().center())),
            "{} is not in a legend on screen",
            kind.label()
        );
    }
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("Getting started").click();
    harness.run_steps(4);
    harness.get_by_label_contains("Three things to try");
    harness.get_by_label_contains("between Mali and Russia");
    harness
        .get_by_role_and_label(egui::Role::Window, "Getting started")
        .get_by_label("Close window")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Help").click();
    harness.run_steps(3);
    harness.get_by_label("About Actorscope").click();
    harness.run_steps(4);
    harness.get_by_label(&data.title);
    harness.get_by_label_contains("MIT OR Apache-2.0");
    harness.get_by_label_contains("DejaVu");
}
