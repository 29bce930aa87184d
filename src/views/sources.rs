//! The sources list. (Being built: see issue 6.)

use super::ViewCtx;

pub fn sources_ui(ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>) {
    ui.weak("The sources list is being built.");
}
