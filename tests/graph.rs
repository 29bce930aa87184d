//! The actor graph, driven as a person (or a screen reader) would: by the labels of its nodes
//! and links. Expectations come from the loaded dataset, not from hard-coded counts.

#![allow(clippy::unwrap_used)] // test helpers: a failure should panic loudly

use actorscope::app::ActorscopeApp;
use actorscope::io::DatasetSource;
use actorscope::model::date::iso_day;
use actorscope::model::{Dataset, RelationId};
use actorscope::views::Selection;
use actorscope::views::labels::{edge_label, link_label, relation_label};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};

fn harness() -> Harness<'static, ActorscopeApp> {
    let app = ActorscopeApp::new(&DatasetSource::Embedded);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut ActorscopeApp| app.ui(ui), app);
    harness.run_steps(4);
    harness
}

fn dataset(harness: &Harness<'_, ActorscopeApp>) -> Dataset {
    harness.state().dataset().unwrap().clone()
}

fn selected(harness: &Harness<'_, ActorscopeApp>) -> Selection {
    harness.state().state.selection
}

/// Runs frames until the layout is still (or panics after many).
fn settle(harness: &mut Harness<'_, ActorscopeApp>) {
    for _ in 0..2_000 {
        if harness.state().state.graph.is_settled() {
            harness.run_steps(2);
            return;
        }
        harness.run_steps(1);
    }
    panic!("the graph layout never settled");
}

/// The relation with the most backing events (ties: the first).
fn busiest_relation(data: &Dataset) -> RelationId {
    (0..data.relations.len())
        .map(RelationId::from_index)
        .max_by_key(|&r| (data.relation(r).events.len(), std::cmp::Reverse(r)))
        .unwrap()
}

/// Every relation between the two actors of `relation` (the graph draws them as one link).
fn pair_relations(data: &Dataset, relation: RelationId) -> Vec<RelationId> {
    let pair = |x: RelationId| {
        let x = data.relation(x);
        (x.source.min(x.target), x.source.max(x.target))
    };
    (0..data.relations.len())
        .map(RelationId::from_index)
        .filter(|&x| pair(x) == pair(relation))
        .collect()
}

/// The accessible name of the graph's link that carries `relation`.
fn current_edge_label(harness: &Harness<'_, ActorscopeApp>, relation: RelationId) -> String {
    let app = harness.state();
    let data = app.dataset().unwrap();
    link_label(data, app.derived(), &pair_relations(data, relation))
}

/// The relation whose pair of actors has the most relations between them (ties: the first).
fn busiest_pair(data: &Dataset) -> RelationId {
    (0..data.relations.len())
        .map(RelationId::from_index)
        .max_by_key(|&r| (pair_relations(data, r).len(), std::cmp::Reverse(r)))
        .unwrap()
}

#[test]
fn the_layout_settles_and_then_stops_repainting() {
    let mut harness = harness();
    settle(&mut harness);
    // `run` panics if something keeps asking for repaints.
    harness.run();
    let data = dataset(&harness);
    // Every actor with a relation is a node, found by its name.
    for relation in &data.relations {
        for actor in [relation.source, relation.target] {
            harness.get(By::new().label(&data.actor(actor).name).role(Role::Button));
        }
    }
}

#[test]
fn clicking_a_link_shows_the_quotes_behind_it() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    // A relation that is alone between its two actors: the click selects it.
    let relation = (0..data.relations.len())
        .map(RelationId::from_index)
        .filter(|&r| pair_relations(&data, r).len() == 1)
        .max_by_key(|&r| (data.relation(r).events.len(), std::cmp::Reverse(r)))
        .unwrap();
    let label = current_edge_label(&harness, relation);
    assert_eq!(
        label,
        edge_label(&data, harness.state().derived(), relation)
    );
    harness.get_by_label(&label).click();
    harness.run_steps(3);
    assert_eq!(selected(&harness), Selection::Relation(relation));
    // The inspector names the link and shows the verbatim quotes of its events.
    harness.get_by_label(&relation_label(&data, relation));
    for &event in &data.relation(relation).events {
        let e = data.event(event);
        assert!(harness.query_all_by_label_contains(&e.title).count() >= 1);
        for evidence in &e.evidence {
            let quote = data.quote(evidence);
            assert!(
                harness.query_all_by_label_contains(quote).count() >= 1,
                "no quote {quote:?}"
            );
        }
    }
}

#[test]
fn the_relations_between_two_actors_are_one_link_whose_click_shows_every_quote() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    let relation = busiest_pair(&data);
    let relations = pair_relations(&data, relation);
    assert!(
        relations.len() >= 3,
        "the curated data has a pair with many kinds of link"
    );
    let r = data.relation(relation);
    let names = [&data.actor(r.source).name, &data.actor(r.target).name];
    // One link on screen for the pair, not one per relation.
    let label = current_edge_label(&harness, relation);
    // Each event once, though one event can back several of the pair's relations.
    let mut events: Vec<_> = relations
        .iter()
        .flat_map(|&x| data.relation(x).events.iter().copied())
        .collect();
    let listed = events.len();
    events.sort_unstable();
    events.dedup();
    assert!(
        events.len() < listed,
        "no event backs two of the pair's relations"
    );
    assert!(
        label.contains(&format!(
            "{} links, {} events",
            relations.len(),
            events.len()
        )),
        "{label}"
    );
    assert_eq!(harness.query_all_by_label(&label).count(), 1);
    for &other in &relations {
        let alone = edge_label(&data, harness.state().derived(), other);
        assert!(
            harness.query_by_label(&alone).is_none(),
            "{alone} drawn apart"
        );
    }
    harness.get_by_label(&label).click();
    harness.run_steps(3);
    assert_eq!(selected(&harness), Selection::link(r.source, r.target));
    // The inspector: both actors, a row per relation, and every quote behind every one.
    for name in names {
        assert!(harness.query_all_by_label(name).count() >= 2, "{name}");
    }
    harness.get_by_label("By kind");
    for &other in &relations {
        harness.get_by_label(&relation_label(&data, other));
        for &event in &data.relation(other).events {
            for evidence in &data.event(event).evidence {
                let quote = data.quote(evidence);
                assert!(
                    harness.query_all_by_label_contains(quote).count() >= 1,
                    "no quote {quote:?}"
                );
            }
        }
    }
    // A row of the breakdown selects that relation alone.
    harness
        .get_by_label(&relation_label(&data, relation))
        .click();
    harness.run_steps(3);
    assert_eq!(selected(&harness), Selection::Relation(relation));
}

#[test]
fn clicking_a_node_selects_the_actor_and_lists_its_relations() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    let relation = busiest_relation(&data);
    let actor = data.relation(relation).source;
    let name = &data.actor(actor).name;
    harness
        .get(By::new().label(name).role(Role::Button))
        .click();
    harness.run_steps(3);
    assert_eq!(selected(&harness), Selection::Actor(actor));
    let relations = &data.index.relations_by_actor[actor.index()];
    harness.get_by_label(&format!("Relations ({})", relations.len()));
    for &r in relations {
        // The inspector's line for the link (the graph's own edge label ends in ", N events").
        harness.get_by_label_contains(&format!("{} · ", relation_label(&data, r)));
    }
    // The graph part of the inspector: centrality within the current filters.
    harness.get_by_label_contains("Degree:");
    harness.get_by_label_contains("Betweenness:");
    // Clicking the background clears the selection.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert_eq!(selected(&harness), Selection::None);
}

#[test]
fn moving_the_time_window_changes_a_links_event_count() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    let relation = busiest_pair(&data);
    let before = current_edge_label(&harness, relation);
    harness.get_by_label(&before);
    // A window that starts the day after the link's last event.
    let last = pair_relations(&data, relation)
        .iter()
        .flat_map(|&r| data.relation(r).events.iter())
        .map(|e| data.event(*e).when.last_day())
        .max()
        .unwrap();
    harness.get_by_label("Window from").click();
    harness.run_steps(1);
    harness
        .get_by_label("Window from")
        .type_text(&iso_day(last + 1));
    harness.run_steps(1);
    harness.get_by_label("Window to").click();
    harness.run_steps(1);
    harness
        .get_by_label("Window to")
        .type_text(&iso_day(last + 4_000));
    harness.run_steps(1);
    harness.get_by_label("Apply window").click();
    harness.run_steps(3);
    assert!(harness.state().state.filters.window.is_some());
    let after = current_edge_label(&harness, relation);
    assert_ne!(before, after);
    assert!(after.ends_with(", 0 events"), "{after}");
    // The link is still drawn (faint) and says so; the old label is gone.
    harness.get_by_label(&after);
    assert!(harness.query_by_label(&before).is_none());
    // With the toggle, links outside the window disappear instead of fading.
    harness
        .get_by_label("Hide links outside the window")
        .click();
    harness.run_steps(3);
    assert!(harness.query_by_label(&after).is_none());
    harness
        .get_by_label("Hide links outside the window")
        .click();
    harness.run_steps(3);
    harness.get_by_label(&after);
    // Undo steps back through the two toggles, then the window brings the count back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert!(harness.state().state.graph.hide_inactive);
    assert!(harness.query_by_label(&after).is_none());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    harness.get_by_label(&after);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    harness.get_by_label(&before);
}

#[test]
fn selecting_an_actor_and_finding_a_path_lists_the_chain() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    // Two actors two links apart, if the dataset has them.
    let mut pair = None;
    'outer: for r1 in &data.relations {
        for r2 in &data.relations {
            let shared = [r1.source, r1.target]
                .into_iter()
                .find(|a| *a == r2.source || *a == r2.target);
            if let Some(mid) = shared {
                let a = if r1.source == mid {
                    r1.target
                } else {
                    r1.source
                };
                let b = if r2.source == mid {
                    r2.target
                } else {
                    r2.source
                };
                if a != b && a != mid && b != mid {
                    pair = Some((a, b));
                    break 'outer;
                }
            }
        }
    }
    let Some((from, to)) = pair else { return };
    harness.state_mut().state.selection = Selection::Actor(from);
    harness.run_steps(2);
    harness.get_by_label("Path to").click();
    harness.run_steps(1);
    let combo = harness.get(By::new().role(Role::ComboBox));
    combo.click();
    harness.run_steps(2);
    // The combo's entry, not the graph node of the same name: the one furthest right.
    let entry = harness
        .query_all(By::new().label(&data.actor(to).name).role(Role::Button))
        .max_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .unwrap();
    entry.click();
    harness.run_steps(2);
    harness.get_by_label("Find path").click();
    harness.run_steps(3);
    let path = harness.state().state.path.clone();
    assert!(!path.is_empty());
    harness.get_by_label_contains("Path: ");
}

#[test]
fn dragging_a_node_pins_it_and_undo_unpins_it() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    let actor = data.relation(busiest_relation(&data)).source;
    let name = data.actor(actor).name.clone();
    let from = harness
        .get(By::new().label(&name).role(Role::Button))
        .rect()
        .center();
    let to = from + egui::vec2(60.0, 40.0);
    // Hover first (as a person's pointer would), then press, move and release.
    harness.hover_at(from);
    harness.run_steps(2);
    harness.drag_at(from);
    harness.run_steps(1);
    harness.hover_at(from + egui::vec2(20.0, 10.0));
    harness.run_steps(1);
    harness.hover_at(to);
    harness.run_steps(1);
    harness.drop_at(to);
    harness.run_steps(3);
    let graph = &harness.state().state.graph;
    assert!(graph.is_pinned(actor), "{name} is not pinned after a drag");
    let pos = graph.position(actor).unwrap();
    // The node moved with the pointer and stays where it was dropped.
    settle(&mut harness);
    assert_eq!(harness.state().state.graph.position(actor), Some(pos));
    let centre = harness
        .get(By::new().label(&name).role(Role::Button))
        .rect()
        .center();
    assert!((centre - to).length() < 3.0, "{centre:?} vs {to:?}");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert!(!harness.state().state.graph.is_pinned(actor));
}

#[test]
fn playing_sweeps_the_window_and_one_undo_goes_back() {
    let mut harness = harness();
    settle(&mut harness);
    assert_eq!(harness.state().state.filters.window, None);
    harness.get_by_label("▶ Play").click();
    harness.run_steps(1);
    let first = harness.state().state.filters.window.unwrap();
    // It starts where the events are, not at the 1961 background event.
    let data = dataset(&harness);
    let (dense_from, _) = actorscope::query::extent::dense_extent(&data).unwrap();
    assert_eq!(first.0, dense_from, "{}", iso_day(first.0));
    for _ in 0..20 {
        harness.step();
    }
    let later = harness.state().state.filters.window.unwrap();
    assert!(later.0 > first.0, "{first:?} then {later:?}");
    assert_eq!(later.1 - later.0, first.1 - first.0);
    harness.get_by_label("■ Stop").click();
    harness.run_steps(2);
    assert!(!harness.state().state.graph.is_playing());
    // Many windows were shown, one undo step was recorded.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().state.filters.window, None);
}

#[test]
fn hovering_a_link_explains_it() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    let relation = (0..data.relations.len())
        .map(RelationId::from_index)
        .filter(|&r| pair_relations(&data, r).len() == 1)
        .max_by_key(|&r| data.relation(r).events.len())
        .unwrap();
    let at = harness
        .get_by_label(&current_edge_label(&harness, relation))
        .rect()
        .center();
    harness.hover_at(at);
    // Tooltips wait for the pointer to rest.
    for _ in 0..60 {
        harness.step();
    }
    let r = data.relation(relation);
    harness.get_by_label_contains(&format!(
        "of {} backing event(s) inside the current filters",
        r.events.len()
    ));
    // A link of many relations lists each with its events.
    harness.hover_at(egui::pos2(1.0, 1.0));
    harness.run_steps(2);
    let bundled = busiest_pair(&data);
    let at = harness
        .get_by_label(&current_edge_label(&harness, bundled))
        .rect()
        .center();
    harness.hover_at(at);
    for _ in 0..60 {
        harness.step();
    }
    for other in pair_relations(&data, bundled) {
        let events = data.relation(other).events.len();
        harness.get_by_label_contains(&format!(
            "{} · {events} of {events} event(s)",
            relation_label(&data, other)
        ));
    }
}

#[test]
fn a_contested_link_says_so_in_its_label_and_the_legend_explains_the_mark() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    // A claim about an event that backs a relation.
    let (claim, relation) = data
        .claims
        .iter()
        .enumerate()
        .find_map(|(c, claim)| {
            claim.events.iter().find_map(|&e| {
                data.index.relations_by_event[e.index()]
                    .first()
                    .map(|&r| (actorscope::model::ClaimId::from_index(c), r))
            })
        })
        .expect("the curated dataset has a claim about a linked event");
    // Screen readers hear that the link is contested.
    let label = current_edge_label(&harness, relation);
    assert!(label.ends_with(", contested"), "{label}");
    harness.get_by_label(&label);
    harness.get_by_label_contains("contested: a claim disputes one of its events");
    // Choosing the claim in the Claims tab selects it for every view.
    harness.get_by_label("Claims").click();
    harness.run_steps(2);
    harness.get_by_label(&data.claim(claim).question).click();
    harness.run_steps(3);
    assert_eq!(selected(&harness), Selection::Claim(claim));
}

#[test]
fn hiding_links_outside_the_window_is_undoable_marks_unsaved_and_is_saved() {
    let mut harness = harness();
    settle(&mut harness);
    assert!(!harness.state().is_dirty());
    assert!(!harness.state().state.graph.hide_inactive);
    harness
        .get_by_label("Hide links outside the window")
        .click();
    harness.run_steps(2);
    assert!(harness.state().state.graph.hide_inactive);
    assert!(
        harness.state().is_dirty(),
        "the change is not marked unsaved"
    );
    let file = harness.state().workspace_file().unwrap();
    assert!(file.graph.hide_inactive, "the workspace does not save it");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert!(!harness.state().state.graph.hide_inactive, "undo kept it");
}

#[test]
fn undoing_a_filter_leaves_the_graph_camera_and_layout_alone() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    // Narrow the view to one kind of event: an undoable filter change.
    let kind = data.events[0].kind.clone();
    let mut filters = harness.state().state.filters.clone();
    filters.kinds.insert(kind);
    harness
        .state_mut()
        .send(actorscope::views::Command::SetFilters(filters));
    harness.run_steps(2);
    // Then look elsewhere in the graph: the camera is not part of any undo step.
    let camera = egui::Rect::from_min_max(egui::pos2(-123.0, -45.0), egui::pos2(321.0, 210.0));
    harness.state_mut().state.graph.scene_rect = Some(camera);
    harness.run_steps(2);
    let camera = harness.state().state.graph.scene_rect.unwrap();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(1);
    assert!(
        harness.state().state.filters.kinds.is_empty(),
        "undo did not undo the filter"
    );
    let after = harness.state().state.graph.scene_rect.unwrap();
    assert!(
        (after.min - camera.min).length() < 0.5 && (after.max - camera.max).length() < 0.5,
        "undo moved the camera: {camera:?} → {after:?}"
    );
    // The running layout was kept, not rebuilt from scratch.
    assert!(
        harness.state().state.graph.has_runtime(),
        "undo dropped the layout"
    );
}

#[test]
fn find_path_never_routes_through_a_link_without_an_event_in_the_window() {
    use actorscope::query::{Derived, Filters, SearchIndex, network::shortest_path};
    let harness = harness();
    let data = dataset(&harness);
    let search = SearchIndex::new(&data);
    // A year's window, and the whole time: every link of every path between any two actors
    // has an event inside the filters.
    let y2022 = (
        actorscope::model::date::days_from_civil(2022, 1, 1),
        actorscope::model::date::days_from_civil(2022, 12, 31),
    );
    for window in [None, Some(y2022)] {
        let filters = Filters {
            window,
            ..Filters::default()
        };
        let derived = Derived::compute(&data, &search, &filters);
        let mut paths = 0;
        for from in 0..data.actors.len() {
            for to in 0..data.actors.len() {
                let (a, b) = (
                    actorscope::model::ActorId::from_index(from),
                    actorscope::model::ActorId::from_index(to),
                );
                if let Some(path) = shortest_path(&data, &derived, a, b) {
                    paths += usize::from(!path.is_empty());
                    for r in path {
                        assert!(
                            derived.relation_counts[r.index()] > 0,
                            "{} has no event in {window:?}",
                            relation_label(&data, r)
                        );
                    }
                }
            }
        }
        assert!(paths > 0, "some actors are linked in {window:?}");
    }
}

#[test]
fn focus_shows_only_an_actors_neighbourhood_and_show_all_brings_the_rest_back() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    let relation = busiest_pair(&data);
    let actor = data.relation(relation).source;
    let name = data.actor(actor).name.clone();
    // Who is one link away (any relation, both directions), and someone who is not.
    let near: Vec<_> = data.index.relations_by_actor[actor.index()]
        .iter()
        .map(|&r| {
            let r = data.relation(r);
            if r.source == actor {
                r.target
            } else {
                r.source
            }
        })
        .collect();
    let far = data
        .relations
        .iter()
        .flat_map(|r| [r.source, r.target])
        .find(|a| *a != actor && !near.contains(a))
        .expect("someone is more than one link away");
    let far_name = data.actor(far).name.clone();
    let node = |harness: &Harness<'_, ActorscopeApp>, name: &str| {
        harness
            .query_all(By::new().label(name).role(Role::Button))
            .count()
    };
    assert_eq!(node(&harness, &far_name), 1);
    harness
        .get(By::new().label(&name).role(Role::Button))
        .click();
    harness.run_steps(3);
    harness.get_by_label("Focus").click();
    harness.run_steps(4);
    harness.get_by_label_contains(&format!("Focus: {name}"));
    assert_eq!(node(&harness, &far_name), 0, "{far_name} is still drawn");
    assert_eq!(node(&harness, &name), 1);
    assert!(
        harness.state().is_dirty(),
        "a focus is part of the workspace"
    );
    harness.get_by_label("Show all").click();
    harness.run_steps(4);
    assert_eq!(node(&harness, &far_name), 1);
    // Undo brings the focus back, undo again leaves it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(4);
    assert_eq!(harness.state().state.graph.trim.focus, Some((actor, 1)));
    assert_eq!(node(&harness, &far_name), 0);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(4);
    assert_eq!(harness.state().state.graph.trim.focus, None);
}

#[test]
fn an_actors_inspector_lists_the_actors_it_is_linked_to_and_opens_a_pair_in_one_click() {
    let mut harness = harness();
    settle(&mut harness);
    let data = dataset(&harness);
    let relation = busiest_pair(&data);
    let r = data.relation(relation);
    let (actor, other) = (r.source, r.target);
    harness
        .get(By::new().label(&data.actor(actor).name).role(Role::Button))
        .click();
    harness.run_steps(3);
    let n = pair_relations(&data, relation).len();
    harness
        .get_by_label_contains(&format!("{} · {n} links, ", data.actor(other).name))
        .click();
    harness.run_steps(3);
    assert_eq!(selected(&harness), Selection::link(actor, other));
    harness.get_by_label("By kind");
}
