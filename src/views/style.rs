//! Colours and small painting helpers shared by the views, so that an actor kind or a relation
//! kind looks the same everywhere (and in the legends).

use egui::Color32;

use crate::model::{ActorKind, EventKind, RelationKind};

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
    match kind {
        EventKind::Violence | EventKind::Atrocity | EventKind::MilitaryOperation => {
            Color32::from_rgb(0xe5, 0x39, 0x35)
        }
        EventKind::Coup => Color32::from_rgb(0xb7, 0x1c, 0x1c),
        EventKind::Deployment | EventKind::ArmsTransfer => Color32::from_rgb(0xfb, 0x8c, 0x00),
        EventKind::Withdrawal | EventKind::Expulsion | EventKind::Ban => {
            Color32::from_rgb(0x8e, 0x24, 0xaa)
        }
        EventKind::Sanctions => Color32::from_rgb(0x6a, 0x1b, 0x9a),
        EventKind::Visit | EventKind::Agreement | EventKind::Aid | EventKind::Request => {
            Color32::from_rgb(0x1e, 0x88, 0xe5)
        }
        EventKind::Statement | EventKind::Accusation => Color32::from_rgb(0x00, 0x89, 0x7b),
        EventKind::Protest | EventKind::Election => Color32::from_rgb(0xf9, 0xa8, 0x25),
        EventKind::Investigation | EventKind::Report => Color32::from_rgb(0x54, 0x6e, 0x7a),
        EventKind::Displacement => Color32::from_rgb(0x79, 0x55, 0x48),
        EventKind::Other(_) => Color32::GRAY,
    }
}

pub fn relation_kind_color(kind: &RelationKind) -> Color32 {
    match kind {
        RelationKind::Cooperation | RelationKind::Support | RelationKind::Aid => {
            Color32::from_rgb(0x43, 0xa0, 0x47)
        }
        RelationKind::MilitaryCooperation | RelationKind::MilitarySupport => {
            Color32::from_rgb(0xfb, 0x8c, 0x00)
        }
        RelationKind::Deployment => Color32::from_rgb(0xff, 0xb3, 0x00),
        RelationKind::DiplomaticVisit | RelationKind::Request => {
            Color32::from_rgb(0x1e, 0x88, 0xe5)
        }
        RelationKind::Sanctions | RelationKind::Expulsion | RelationKind::Ban => {
            Color32::from_rgb(0x8e, 0x24, 0xaa)
        }
        RelationKind::Accusation | RelationKind::Criticism | RelationKind::Investigation => {
            Color32::from_rgb(0xec, 0x40, 0x7a)
        }
        RelationKind::Hostility => Color32::from_rgb(0xe5, 0x39, 0x35),
        RelationKind::Withdrawal => Color32::from_rgb(0x8d, 0x6e, 0x63),
        RelationKind::Membership | RelationKind::Command | RelationKind::Ownership => {
            Color32::from_rgb(0x90, 0xa4, 0xae)
        }
        RelationKind::Other(_) => Color32::GRAY,
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
