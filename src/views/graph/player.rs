//! The time-window player: a window of chosen width sweeping through the events, one undo
//! step however long it plays. It starts where the events are (the densest period), sweeps
//! them in about [`SWEEP_SECONDS`] by default, and jumps over stretches without events.

use egui::Ui;

use super::runtime::Runtime;
use crate::model::{Dataset, Day};
use crate::query::extent::dense_extent;
use crate::views::{Command, ViewCtx};

/// How long a sweep of the densest period takes at the default speed, in seconds.
pub const SWEEP_SECONDS: f32 = 30.0;

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
    /// Where a run starts when no time window is set: the densest period's first day.
    pub(super) start: Day,
}

impl Default for Play {
    fn default() -> Self {
        Self {
            playing: false,
            width_days: 365,
            speed: 120.0,
            cursor: 0.0,
            started: false,
            start: 0,
        }
    }
}

impl Play {
    /// Made for the data: it starts at the densest period and sweeps it in about
    /// [`SWEEP_SECONDS`] with a window a third of its length (at most a year).
    pub(super) fn for_dataset(dataset: &Dataset) -> Self {
        let Some((from, to)) = dense_extent(dataset) else {
            return Self::default();
        };
        let span = (to - from).max(1);
        Self {
            width_days: (span / 3).clamp(7, 365),
            speed: (span as f32 / SWEEP_SECONDS).clamp(5.0, 2000.0),
            start: from,
            ..Self::default()
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
    let width = rt.play.width_days;
    let mut from = rt.play.cursor.floor() as Day;
    // An empty stretch ahead: jump so that the next event enters the window's far quarter.
    if rt.play.started
        && let Some(day) = next_event_start(ctx.dataset, from)
        && day > from + width - 1
    {
        let jump = day - width * 3 / 4;
        if jump > from {
            from = jump;
            rt.play.cursor = f64::from(jump);
        }
    }
    if from > last {
        rt.play.playing = false;
        return;
    }
    let window = Some((from, from + width - 1));
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

/// The first day of the first event that starts on or after `day` (O(log n) over the events
/// in time order), ignoring filters: the player skips stretches of the data with no event.
fn next_event_start(dataset: &Dataset, day: Day) -> Option<Day> {
    let firsts = &dataset.index.first_days;
    firsts.get(firsts.partition_point(|&d| d < day)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_starts_at_the_densest_period_and_sweeps_it_in_about_half_a_minute() {
        let data = crate::synth::synthetic(400, 20, 4);
        let play = Play::for_dataset(&data);
        let (from, to) = dense_extent(&data).unwrap_or((0, 0));
        assert_eq!(play.start, from);
        let seconds = (to - from) as f32 / play.speed;
        assert!((20.0..=40.0).contains(&seconds), "{seconds} s");
        // The next event after any day is the first one starting on or after it.
        let firsts: Vec<Day> = data.events.iter().map(|e| e.when.first_day()).collect();
        for day in [from - 1000, from, from + 17, to] {
            let expected = firsts.iter().copied().filter(|&d| d >= day).min();
            assert_eq!(next_event_start(&data, day), expected);
        }
    }
}
