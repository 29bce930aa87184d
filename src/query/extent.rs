//! Where the events are in time: the bulk of a dataset's events, without the far outliers
//! that would squash everything else into a sliver of the axis. Pure.

use crate::model::{Dataset, Day};

/// The days that hold the bulk of the events: the whole extent, less a few outliers at either
/// end that lie so far from the rest that showing them would squash everything else into a
/// sliver (one 1961 background event before a 2012–2023 story). The timeline opens on this;
/// "Fit all" and the edge markers ("◀ 1 earlier") lead to the outliers.
pub fn bulk_extent(dataset: &Dataset) -> Option<(Day, Day)> {
    let firsts: Vec<Day> = dataset
        .index
        .events_by_time
        .iter()
        .map(|&e| dataset.event(e).when.first_day())
        .collect();
    let (lo, hi) = bulk_range(&firsts)?;
    let last = dataset.index.events_by_time[lo..=hi]
        .iter()
        .map(|&e| dataset.event(e).when.last_day())
        .max()?;
    Some((firsts[lo], last))
}

/// The index range of the bulk of `sorted` days: a run of points at either end is dropped when
/// the gap that separates it from the rest is wider than the whole span of the rest, as long as
/// no more than a tenth of all points are dropped in total.
pub fn bulk_range(sorted: &[Day]) -> Option<(usize, usize)> {
    let n = sorted.len();
    let (mut lo, mut hi) = (0, n.checked_sub(1)?);
    let span = |a: usize, b: usize| i64::from(sorted[b]) - i64::from(sorted[a]);
    loop {
        let budget = (n / 10).saturating_sub(lo + (n - 1 - hi));
        // `k` points dropped from the start: the gap after them beats the rest's span.
        let left = (1..=budget)
            .take_while(|&k| lo + k < hi)
            .find(|&k| span(lo + k - 1, lo + k) > span(lo + k, hi));
        let right = (1..=budget)
            .take_while(|&k| hi > lo + k)
            .find(|&k| span(hi - k, hi - k + 1) > span(lo, hi - k));
        match (left, right) {
            (Some(k), _) => lo += k,
            (None, Some(k)) => hi -= k,
            (None, None) => return Some((lo, hi)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::days_from_civil;

    #[test]
    fn the_bulk_leaves_out_far_outliers_only() {
        // One 1961 event before forty from 2012 to 2023: the view starts in 2012.
        let mut days: Vec<Day> = vec![days_from_civil(1961, 1, 1)];
        days.extend((0..40).map(|i| days_from_civil(2012 + i / 4, 1 + (i % 4) as u8 * 3, 1)));
        assert_eq!(bulk_range(&days), Some((1, 40)));
        // Two outliers together are dropped together; an outlier at the end too.
        let mut two = days.clone();
        two.insert(1, days_from_civil(1962, 1, 1));
        two.push(days_from_civil(2090, 1, 1));
        assert_eq!(bulk_range(&two), Some((2, 41)));
        // Evenly spread points are all kept, and so are small datasets' ends.
        let even: Vec<Day> = (0..50).map(|i| i * 100).collect();
        assert_eq!(bulk_range(&even), Some((0, 49)));
        assert_eq!(bulk_range(&[0, 10_000, 10_010]), Some((0, 2)));
        assert_eq!(bulk_range(&[]), None);
        assert_eq!(bulk_range(&[5]), Some((0, 0)));
    }
}
