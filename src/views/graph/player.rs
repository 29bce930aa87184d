//! The time-window player: a window of chosen width sweeping through the events, one undo
//! step however long it plays.

use egui::Ui;

use super::runtime::Runtime;
use crate::model::Day;
use crate::views::{Command, ViewCtx};

/// The time-window player: a window of `width_days` sweeping forward.
pub(super) struct Play {
    pub(super) playing: bool,
    pub(super) width_days: i32,
    /// Days per second of playback.
    pub(super) speed: f32,
    /// First day of the window (fractional, advanced by frame time).
    pub(super) cursor: f64,
    /// Whether the first window of this run was sent as an undoable change.
    pub(super) started: bool,
}

impl Default for Play {
    fn default() -> Self {
        Self {
            playing: false,
            width_days: 365,
            speed: 120.0,
            cursor: 0.0,
            started: false,
        }
    }
}

/// The first and last day of the dataset's events (kept by the dataset: O(1)).
pub(super) fn day_range(ctx: &ViewCtx<'_>) -> (Day, Day) {
    ctx.dataset.time_extent().unwrap_or((0, 0))
}

/// Advances the player: one undoable window when it starts, then live updates.
pub(super) fn play_tick(ui: &Ui, ctx: &mut ViewCtx<'_>, rt: &mut Runtime) {
    if !rt.play.playing {
        return;
    }
    let (_, last) = day_range(ctx);
    let dt = ui.input(|i| i.stable_dt).min(0.1);
    if rt.play.started {
        rt.play.cursor += f64::from(dt * rt.play.speed);
    }
    let from = rt.play.cursor.floor() as Day;
    if from > last {
        rt.play.playing = false;
        return;
    }
    let window = Some((from, from + rt.play.width_days - 1));
    if ctx.filters.window != window {
        ctx.send(if rt.play.started {
            Command::PlayTimeWindow(window)
        } else {
            Command::SetTimeWindow(window)
        });
    }
    rt.play.started = true;
    ui.ctx().request_repaint();
}
