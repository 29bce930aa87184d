//! The contested-claims list. (Being built: see issue 6.)

use super::ViewCtx;

pub fn claims_ui(ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>) {
    ui.weak("The claims list is being built.");
}
