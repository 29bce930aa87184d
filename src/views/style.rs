//! Colours, marks and small painting helpers shared by the views, so that a kind looks the
//! same everywhere (timeline, graph, filters, inspector and the legends).
//!
//! Event kinds and relation kinds share one table of *families* (violence, military
//! presence, pressure, …): "Sanctions" is the same colour on the timeline and in the graph.
//! The family colours are Okabe & Ito's palette, chosen to stay apart for the three kinds of
//! colour blindness (a test simulates them); within a family each event kind has its own
//! marker shape, so no two kinds look alike even where colour alone would not tell them apart.

use egui::{Color32, Pos2, Stroke, vec2};

use crate::model::{ActorKind, EventKind, RelationKind};

/// What an event or a relation is about, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Violence,
    Military,
    Pressure,
    Cooperation,
    Diplomacy,
    Words,
    Scrutiny,
    Structure,
}

impl Family {
    pub const ALL: [Family; 8] = [
        Family::Violence,
        Family::Military,
        Family::Pressure,
        Family::Cooperation,
        Family::Diplomacy,
        Family::Words,
        Family::Scrutiny,
        Family::Structure,
    ];

    /// Okabe & Ito (2008), with grey for what has no family of its own.
    pub fn color(self) -> Color32 {
        match self {
            Family::Violence => Color32::from_rgb(0xd5, 0x5e, 0x00), // vermillion
            Family::Military => Color32::from_rgb(0xe6, 0x9f, 0x00), // orange
            Family::Pressure => Color32::from_rgb(0xcc, 0x79, 0xa7), // reddish purple
            Family::Cooperation => Color32::from_rgb(0x00, 0x9e, 0x73), // bluish green
            Family::Diplomacy => Color32::from_rgb(0x00, 0x72, 0xb2), // blue
            Family::Words => Color32::from_rgb(0x56, 0xb4, 0xe9),    // sky blue
            Family::Scrutiny => Color32::from_rgb(0xf0, 0xe4, 0x42), // yellow
            Family::Structure => Color32::from_rgb(0xbb, 0xbb, 0xbb), // grey
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Family::Violence => "Violence",
            Family::Military => "Military presence",
            Family::Pressure => "Pressure and measures",
            Family::Cooperation => "Cooperation and aid",
            Family::Diplomacy => "Diplomacy and politics",
            Family::Words => "Statements and accusations",
            Family::Scrutiny => "Investigation and reporting",
            Family::Structure => "Structure and other",
        }
    }
}

/// A marker's shape: the second cue beside colour, telling apart the kinds of one family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    Circle,
    Square,
    Diamond,
    TriangleDown,
}

pub fn event_family(kind: &EventKind) -> Family {
    event_look(kind).0
}

/// An event kind's family and shape.
pub fn event_look(kind: &EventKind) -> (Family, Shape) {
    use EventKind as K;
    use Family as F;
    use Shape as S;
    match kind {
        K::Violence => (F::Violence, S::Circle),
        K::Atrocity => (F::Violence, S::Square),
        K::MilitaryOperation => (F::Violence, S::Diamond),
        K::Displacement => (F::Violence, S::TriangleDown),
        K::Deployment => (F::Military, S::Circle),
        K::ArmsTransfer => (F::Military, S::Square),
        K::Withdrawal => (F::Military, S::Diamond),
        K::Sanctions => (F::Pressure, S::Circle),
        K::Expulsion => (F::Pressure, S::Square),
        K::Ban => (F::Pressure, S::Diamond),
        K::Agreement => (F::Cooperation, S::Circle),
        K::Aid => (F::Cooperation, S::Square),
        K::Visit => (F::Diplomacy, S::Circle),
        K::Request => (F::Diplomacy, S::Square),
        K::Election => (F::Diplomacy, S::Diamond),
        K::Coup => (F::Diplomacy, S::TriangleDown),
        K::Statement => (F::Words, S::Circle),
        K::Accusation => (F::Words, S::Square),
        K::Protest => (F::Words, S::Diamond),
        K::Investigation => (F::Scrutiny, S::Circle),
        K::Report => (F::Scrutiny, S::Square),
        K::Other(_) => (F::Structure, S::Circle),
    }
}

pub fn relation_family(kind: &RelationKind) -> Family {
    use Family as F;
    use RelationKind as K;
    match kind {
        K::Hostility => F::Violence,
        K::Deployment | K::MilitaryCooperation | K::MilitarySupport | K::Withdrawal => F::Military,
        K::Sanctions | K::Expulsion | K::Ban => F::Pressure,
        K::Cooperation | K::Aid | K::Support => F::Cooperation,
        K::DiplomaticVisit | K::Request => F::Diplomacy,
        K::Accusation | K::Criticism => F::Words,
        K::Investigation => F::Scrutiny,
        K::Membership | K::Command | K::Ownership | K::Other(_) => F::Structure,
    }
}

pub fn actor_kind_color(kind: &ActorKind) -> Color32 {
    match kind {
        ActorKind::State | ActorKind::Government => Color32::from_rgb(0x4e, 0x9a, 0xe6),
        ActorKind::ArmedForces => Color32::from_rgb(0x2e, 0x7d, 0x32),
        ActorKind::PrivateMilitaryCompany => Color32::from_rgb(0xd3, 0x2f, 0x2f),
        ActorKind::InternationalOrganisation
        | ActorKind::RegionalOrganisation
        | ActorKind::OrganisationBody => Color32::from_rgb(0x8e, 0x6b, 0xd8),
        ActorKind::ArmedGroup => Color32::from_rgb(0xef, 0x6c, 0x00),
        ActorKind::Ngo | ActorKind::ResearchGroup => Color32::from_rgb(0x00, 0x96, 0x88),
        ActorKind::MediaOutlet => Color32::from_rgb(0x9e, 0x9d, 0x24),
        ActorKind::Person => Color32::from_rgb(0xc2, 0x7b, 0xa0),
        ActorKind::Population => Color32::from_rgb(0x8d, 0x6e, 0x63),
        ActorKind::Other(_) => Color32::GRAY,
    }
}

pub fn event_kind_color(kind: &EventKind) -> Color32 {
    event_family(kind).color()
}

pub fn relation_kind_color(kind: &RelationKind) -> Color32 {
    relation_family(kind).color()
}

/// Paints a marker of `shape` around `center`, `r` being its half-size.
pub fn paint_marker(
    painter: &egui::Painter,
    center: Pos2,
    r: f32,
    shape: Shape,
    fill: Color32,
    stroke: Stroke,
) {
    match shape {
        Shape::Circle => {
            painter.circle(center, r, fill, stroke);
        }
        Shape::Square => {
            let rect = egui::Rect::from_center_size(center, egui::Vec2::splat(r * 1.75));
            painter.rect(rect, 1.0, fill, stroke, egui::StrokeKind::Middle);
        }
        Shape::Diamond => {
            let r = r * 1.25;
            painter.add(egui::Shape::convex_polygon(
                vec![
                    center + vec2(0.0, -r),
                    center + vec2(r, 0.0),
                    center + vec2(0.0, r),
                    center + vec2(-r, 0.0),
                ],
                fill,
                stroke,
            ));
        }
        Shape::TriangleDown => {
            let r = r * 1.25;
            painter.add(egui::Shape::convex_polygon(
                vec![
                    center + vec2(-r, -r * 0.75),
                    center + vec2(r, -r * 0.75),
                    center + vec2(0.0, r),
                ],
                fill,
                stroke,
            ));
        }
    }
}

/// The thin outline that keeps a light marker visible on a light background (and a dark one
/// on a dark background).
pub fn marker_outline(visuals: &egui::Visuals) -> Stroke {
    if visuals.dark_mode {
        Stroke::new(1.0, Color32::from_gray(10))
    } else {
        Stroke::new(1.0, Color32::from_gray(70))
    }
}

/// The colour of the "contested" mark, with its legend text.
pub const CONTESTED_COLOR: Color32 = Color32::from_rgb(0xff, 0xc1, 0x07);
pub const CONTESTED_LEGEND: &str =
    "⚠ contested: the sources disagree about this (see Contested claims)";

/// The colour of a shortest path between two actors in the graph.
pub const PATH_COLOR: Color32 = Color32::from_rgb(0x00, 0xe5, 0xcc);

/// The colour of the analyst's own notes and bookmarks.
pub const NOTE_COLOR: Color32 = Color32::from_rgb(0x29, 0xb6, 0xf6);

/// Adds DejaVu Sans as a fallback font: egui's default fonts lack arrows (→), geometric shapes
/// (▲ ●) and many letters with diacritics that the sources and the UI use.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("DejaVuSans".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// A legend row: a colour (a dot for things, a stroke for links) and what it stands for.
pub fn swatch_ui(ui: &mut egui::Ui, color: Color32, label: &str, round: bool) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
        if round {
            ui.painter().circle_filled(rect.center(), 5.0, color);
        } else {
            ui.painter().line_segment(
                [rect.left_center(), rect.right_center()],
                egui::Stroke::new(3.0, color),
            );
        }
        ui.label(egui::RichText::new(label).small());
    });
}

/// A legend row for an event kind: its marker (colour and shape) and its name.
pub fn event_kind_swatch_ui(ui: &mut egui::Ui, kind: &EventKind) {
    use crate::model::Kind as _;
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
        let (family, shape) = event_look(kind);
        paint_marker(
            ui.painter(),
            rect.center(),
            4.5,
            shape,
            family.color(),
            marker_outline(ui.visuals()),
        );
        ui.label(egui::RichText::new(kind.label()).small());
    });
}

/// Event kinds in legend order: by family, then by shape.
pub fn legend_order(kinds: &[EventKind]) -> Vec<EventKind> {
    let mut kinds = kinds.to_vec();
    kinds.sort_by_key(|k| {
        let (family, shape) = event_look(k);
        (family, shape as u8, k.clone())
    });
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    /// sRGB to linear light.
    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIE L*a*b* (D65) of a linear-light RGB triple.
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 216.0 / 24389.0 {
                t.cbrt()
            } else {
                (24389.0 / 27.0 * t + 16.0) / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    /// Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB.
    const PROTAN: [[f64; 3]; 3] = [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ];
    const DEUTAN: [[f64; 3]; 3] = [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ];
    const TRITAN: [[f64; 3]; 3] = [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ];
    const IDENTITY: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

    fn seen(color: Color32, m: &[[f64; 3]; 3]) -> [f64; 3] {
        let rgb = [linear(color.r()), linear(color.g()), linear(color.b())];
        let row =
            |k: usize| (m[k][0] * rgb[0] + m[k][1] * rgb[1] + m[k][2] * rgb[2]).clamp(0.0, 1.0);
        lab([row(0), row(1), row(2)])
    }

    fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    #[test]
    fn family_colours_stay_apart_for_colour_blind_eyes() {
        // ΔE*76 of at least 12 (clearly different side by side) for normal vision and
        // simulated protanopia, deuteranopia and tritanopia.
        let mut worst = (f64::INFINITY, "", Family::Violence, Family::Violence);
        for (vision, m) in [
            ("normal", IDENTITY),
            ("protanopia", PROTAN),
            ("deuteranopia", DEUTAN),
            ("tritanopia", TRITAN),
        ] {
            for (i, &a) in Family::ALL.iter().enumerate() {
                for &b in &Family::ALL[i + 1..] {
                    let d = delta_e(seen(a.color(), &m), seen(b.color(), &m));
                    if d < worst.0 {
                        worst = (d, vision, a, b);
                    }
                }
            }
        }
        let (d, vision, a, b) = worst;
        assert!(
            d >= 12.0,
            "{a:?} and {b:?} are only ΔE {d:.1} apart with {vision}"
        );
    }

    #[test]
    fn every_event_kind_has_its_own_look_and_shared_kinds_share_a_colour() {
        let mut looks = std::collections::HashMap::new();
        for kind in EventKind::ALL {
            if let Some(other) = looks.insert(event_look(kind), kind) {
                panic!("{kind:?} looks like {other:?}");
            }
        }
        // A kind that is both an event kind and a relation kind has one colour.
        let mut shared = 0;
        for relation in RelationKind::ALL {
            let event = EventKind::from_code(relation.code());
            if !matches!(event, EventKind::Other(_)) {
                shared += 1;
                assert_eq!(
                    event_family(&event),
                    relation_family(relation),
                    "{relation:?} is coloured apart from its event kind"
                );
            }
        }
        assert!(
            shared >= 5,
            "only {shared} kinds in common: the check proves little"
        );
    }

    #[test]
    fn legend_order_groups_families() {
        let order = legend_order(EventKind::ALL);
        let families: Vec<Family> = order.iter().map(event_family).collect();
        let mut sorted = families.clone();
        sorted.sort();
        assert_eq!(families, sorted);
        assert_eq!(order.len(), EventKind::ALL.len());
    }
}
