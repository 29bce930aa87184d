//! The filter panel. (Being built.)

use super::ViewCtx;

pub fn filters_ui(ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>) {
    ui.weak("filters");
}
