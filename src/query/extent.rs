//! Where the events are in time: the densest period, where the timeline opens and the player
//! starts (far outliers wait behind the timeline's "◀ N earlier" marker). Pure.

use crate::model::{Dataset, Day};

/// The share of the events the core of the densest period holds.
pub const DENSE_SHARE: f64 = 0.8;
/// How far the densest period reaches past its core for neighbouring events, as a share of
/// the core's length.
pub const DENSE_REACH: f64 = 0.25;

/// The densest period: the shortest stretch of days in which [`DENSE_SHARE`] of the events
/// begin, widened to take in the events that lie within [`DENSE_REACH`] of its length on
/// either side, to the last day any of them covers. For the curated dataset that is its
/// 2020–2023 story rather than its 1961–2023 extent; for evenly spread data, nearly all of it.
/// O(events), once per dataset.
pub fn dense_extent(dataset: &Dataset) -> Option<(Day, Day)> {
    let firsts = &dataset.index.first_days;
    let (lo, hi) = widened(firsts, densest_run(firsts, DENSE_SHARE)?, DENSE_REACH);
    let last = dataset.index.last_days[lo..=hi].iter().copied().max()?;
    Some((firsts[lo], last))
}

/// `run` widened, one event at a time, to neighbours within `reach` of its core's length.
pub fn widened(sorted: &[Day], run: (usize, usize), reach: f64) -> (usize, usize) {
    let (mut lo, mut hi) = run;
    let margin = (f64::from(sorted[hi] - sorted[lo]) * reach).max(1.0);
    while lo > 0 && f64::from(sorted[lo] - sorted[lo - 1]) <= margin {
        lo -= 1;
    }
    while hi + 1 < sorted.len() && f64::from(sorted[hi + 1] - sorted[hi]) <= margin {
        hi += 1;
    }
    (lo, hi)
}

/// The index range of the shortest run of `sorted` days holding `share` of them (the earliest
/// such run on a tie).
pub fn densest_run(sorted: &[Day], share: f64) -> Option<(usize, usize)> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let k = ((n as f64 * share).ceil() as usize).clamp(1, n);
    (0..=n - k)
        .min_by_key(|&i| (i64::from(sorted[i + k - 1]) - i64::from(sorted[i]), i))
        .map(|i| (i, i + k - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::days_from_civil;

    #[test]
    fn the_densest_run_is_the_shortest_holding_the_share() {
        // Five events spread over decades, then forty-five close together: the forty-five.
        let mut days: Vec<Day> = (0..5)
            .map(|i| days_from_civil(1960 + 10 * i, 1, 1))
            .collect();
        days.extend((0..45).map(|i| days_from_civil(2021, 1, 1) + i * 17));
        days.sort_unstable();
        assert_eq!(densest_run(&days, 0.9), Some((5, 49)));
        // Evenly spread: any run of 90% is as short as any other; the earliest is taken.
        let even: Vec<Day> = (0..10).map(|i| i * 100).collect();
        assert_eq!(densest_run(&even, 0.9), Some((0, 8)));
        assert_eq!(densest_run(&[7], 0.9), Some((0, 0)));
        assert_eq!(densest_run(&[], 0.9), None);
        // Widening takes in near neighbours, one after another, and stops at a gap.
        let days = [0, 500, 900, 1000, 1010, 1020, 1030, 1040, 1050, 1100, 5000];
        assert_eq!(densest_run(&days, 0.5), Some((3, 8)));
        assert_eq!(
            widened(&days, (3, 8), 2.0),
            (2, 9),
            "100 days of reach: 900 and 1100"
        );
        assert_eq!(widened(&days, (3, 8), 0.1), (3, 8));
        // A brute-force oracle over small random sets.
        let mut seed = 12345u64;
        for _ in 0..200 {
            let mut days: Vec<Day> = (0..1 + (seed % 17) as usize)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 40) as Day % 5000
                })
                .collect();
            days.sort_unstable();
            let k = ((days.len() as f64 * 0.9).ceil() as usize).clamp(1, days.len());
            let best = (0..=days.len() - k)
                .map(|i| days[i + k - 1] - days[i])
                .min()
                .unwrap_or(0);
            let (a, b) = densest_run(&days, 0.9).unwrap_or((0, 0));
            assert_eq!(b - a + 1, k);
            assert_eq!(days[b] - days[a], best, "{days:?}");
        }
    }
}
