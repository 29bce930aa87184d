//! The calendar grid: years, months and days as the zoom allows, with labels in the same
//! unit, and one grid line per lane row.

use egui_plot::{GridInput, GridMark};

use crate::model::Day;
use crate::model::date::{civil_from_days, days_from_civil, month_name};

/// Grid lines for lanes: one per lane row.
pub(super) fn lane_grid(input: GridInput, lanes: usize) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    // Only lanes whose centre line is inside the plot: a label for a half-visible lane would
    // be painted over the axis below.
    let first = (-max).ceil().max(0.0) as usize;
    let last = (-min).floor();
    if lanes == 0 || last < 0.0 || (last as usize) < first {
        return Vec::new();
    }
    let last = (last as usize).min(lanes - 1);
    (first..=last)
        .map(|row| GridMark {
            value: -(row as f64),
            step_size: 1.0,
        })
        .collect()
}

/// Calendar-aware grid for an x axis in days: years (every 1, 2, 5, 10… years), months and
/// days, each level present when its lines are far enough apart. Each mark's `step_size` is
/// the coarsest level it belongs to, so egui_plot labels years when zoomed out, months and
/// then days as the analyst zooms in.
pub fn time_grid(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    // The smallest step worth a grid line, in days.
    let min_step = input.base_step_size * 2.0;
    let mut marks: Vec<GridMark> = Vec::new();
    if !(min.is_finite() && max.is_finite()) || max - min > 5_000_000.0 || max <= min {
        return marks;
    }
    let (min_day, max_day) = (min.floor() as Day, max.ceil() as Day);
    let (y0, _, _) = civil_from_days(min_day);
    let (y1, _, _) = civil_from_days(max_day);
    const YEAR: f64 = 365.25;
    const MONTH: f64 = 30.44;
    // Years: every 1, 2, 5, 10… years; each mark's step is the coarsest of those levels its
    // year belongs to (2020 is a decade, 2022 a pair of years), so labels thin out evenly.
    const LEVELS: [i32; 10] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    let every = LEVELS
        .into_iter()
        .find(|n| f64::from(*n) * YEAR >= min_step)
        .unwrap_or(1000);
    let mut year = y0 - y0.rem_euclid(every);
    while year <= y1 + 1 {
        let step = LEVELS
            .into_iter()
            .rev()
            .find(|n| year % n == 0 && n % every == 0)
            .unwrap_or(every);
        marks.push(GridMark {
            value: f64::from(days_from_civil(year, 1, 1)),
            step_size: f64::from(step) * YEAR,
        });
        year += every;
    }
    // Months: every 1, 3 or 6 months (year starts are already there).
    if let Some(every) = [1u8, 3, 6]
        .into_iter()
        .find(|n| f64::from(*n) * MONTH >= min_step)
    {
        for year in y0..=y1 {
            for month in (1 + every..=12).step_by(usize::from(every)) {
                // A mark's step is the coarsest level it belongs to (a quarter, a half year),
                // so that a month line can carry a label even when every month has a line:
                // the axis labels marks whose step is wide enough on screen.
                let level = [6u8, 3]
                    .into_iter()
                    .find(|n| (month - 1) % n == 0)
                    .unwrap_or(1)
                    .max(every);
                marks.push(GridMark {
                    value: f64::from(days_from_civil(year, month, 1)),
                    step_size: MONTH * f64::from(level),
                });
            }
        }
    }
    // Days: every 1, 2, 7 or 14 days within each month (month starts are already there).
    if let Some(every) = [1, 2, 7, 14]
        .into_iter()
        .find(|n| f64::from(*n) >= min_step)
    {
        for day in min_day..=max_day {
            let (_, _, d) = civil_from_days(day);
            if d > 1 && (d - 1) % every == 0 && d <= 28 {
                // The 8th, 15th and 22nd are weeks, the odd days pairs (labels as for months).
                let level = [14, 7, 2]
                    .into_iter()
                    .find(|n| (d - 1) % n == 0)
                    .unwrap_or(1)
                    .max(every);
                marks.push(GridMark {
                    value: f64::from(day),
                    step_size: f64::from(level),
                });
            }
        }
    }
    marks.retain(|m| m.value >= min - 1.0 && m.value <= max + 1.0);
    marks
}

/// Tick labels that match the grid's unit: "2021", "Mar 2021", "24 Mar".
pub(super) fn format_tick(mark: GridMark) -> String {
    let day = mark.value.round() as Day;
    let (year, month, d) = civil_from_days(day);
    if mark.step_size >= 365.0 {
        format!("{year}")
    } else if mark.step_size >= 28.0 {
        month_name(month).to_owned()
    } else {
        format!("{d} {}", month_name(month))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(min: f64, max: f64, base: f64) -> Vec<GridMark> {
        time_grid(GridInput {
            bounds: (min, max),
            base_step_size: base,
        })
    }

    #[test]
    fn grid_adapts_from_decades_to_days() {
        let y2012 = f64::from(days_from_civil(2012, 1, 1));
        let y2023 = f64::from(days_from_civil(2023, 12, 31));
        // A whole decade at low resolution: years, labelled as years.
        let marks = grid(y2012, y2023, 100.0);
        assert!(marks.iter().all(|m| m.step_size >= 365.0));
        assert!(marks.iter().any(|m| format_tick(*m) == "2020"));
        // A year at month resolution: month names, January as its year.
        let marks = grid(
            f64::from(days_from_civil(2021, 1, 1)),
            f64::from(days_from_civil(2021, 12, 31)),
            8.0,
        );
        let labels: Vec<String> = marks.iter().map(|m| format_tick(*m)).collect();
        assert!(labels.contains(&"2021".to_owned()), "{labels:?}");
        assert!(labels.contains(&"Jul".to_owned()), "{labels:?}");
        // A fortnight at day resolution: days.
        let from = f64::from(days_from_civil(2021, 12, 20));
        let labels: Vec<String> = grid(from, from + 14.0, 0.2)
            .iter()
            .map(|m| format_tick(*m))
            .collect();
        assert!(labels.contains(&"24 Dec".to_owned()), "{labels:?}");
        assert!(labels.contains(&"2022".to_owned()), "{labels:?}");
    }

    /// The labels egui_plot would paint: marks whose step is wider on screen than the axis's
    /// minimum label spacing (42 points), at `points_per_day`, with the plot's base step (the
    /// days per point times its minimum grid spacing of 8 points).
    fn labels(from: f64, to: f64, points_per_day: f64) -> Vec<String> {
        grid(from, to, 8.0 / points_per_day)
            .into_iter()
            .filter(|m| m.step_size * points_per_day > 42.0)
            .map(format_tick)
            .collect()
    }

    #[test]
    fn every_zoom_has_calendar_labels_years_then_months_then_days() {
        let day = |y, m, d| f64::from(days_from_civil(y, m, d));
        // Two years across 700 points (a laptop's timeline): years and quarters.
        let two_years = labels(day(2021, 1, 1), day(2023, 1, 1), 700.0 / 730.0);
        for label in ["2022", "Apr", "Jul", "Oct"] {
            assert!(two_years.contains(&label.to_owned()), "{two_years:?}");
        }
        // Three months: months and weeks.
        let quarter = labels(day(2021, 3, 1), day(2021, 6, 1), 700.0 / 92.0);
        for label in ["Apr", "May", "8 Apr", "22 Apr"] {
            assert!(quarter.contains(&label.to_owned()), "{quarter:?}");
        }
        // Two weeks: days.
        let fortnight = labels(day(2021, 12, 18), day(2022, 1, 1), 700.0 / 14.0);
        assert!(fortnight.len() >= 7, "{fortnight:?}");
        assert!(fortnight.contains(&"24 Dec".to_owned()), "{fortnight:?}");
        // Twenty years: years only, never a crowd of months.
        let decades = labels(day(2003, 1, 1), day(2023, 1, 1), 700.0 / 7305.0);
        assert!(
            decades.iter().all(|l| l.parse::<i32>().is_ok()),
            "{decades:?}"
        );
        assert!(decades.len() >= 4, "{decades:?}");
    }

    #[test]
    fn grid_marks_fall_on_calendar_boundaries() {
        let from = f64::from(days_from_civil(2021, 1, 1));
        for mark in grid(from, from + 365.0, 8.0) {
            let (_, _, day) = civil_from_days(mark.value as Day);
            assert_eq!(day, 1, "months start on the 1st");
        }
    }
}
