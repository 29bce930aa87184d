//! The row loop every table importer shares, on one core or, for a large table, on two: the
//! second half is read by a second builder from a record boundary found speculatively and
//! confirmed by the first reader, then merged as if one builder had read it all.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::build::{Builder, Refusal};
use super::csv::{Reader, Record};
use super::{RowProblems, Table};
use crate::io::Progress;

/// What a reader makes of one row: not data (a hashtag row under the header), or an event
/// read, or why not.
pub enum Row {
    Skip,
    Read(Result<(), Refusal>),
}

/// The loop every table importer shares: each record of `table` after `headers` header rows
/// that is not blank goes to `each`; a refused row is reported at its cell, named by its
/// `id_column` value; progress is told and Cancel looked for every [`super::PROGRESS_EVERY`]
/// rows; an unterminated quote is reported where it opens and ends the reading.
pub fn read_rows<'t>(
    table: &Table<'t>,
    headers: usize,
    id_column: Option<usize>,
    progress: &Progress,
    b: &mut Builder,
    each: &mut dyn FnMut(&mut Builder, &Record) -> Row,
) -> RowProblems<'t> {
    let text = table.text;
    let mut reader = Reader::new(text, table.delimiter);
    let mut record = Record::default();
    for _ in 0..headers {
        let _ = reader.next_into(&mut record);
    }
    let mut problems = RowProblems::new(table.name, text);
    read_stretch(
        text,
        &mut reader,
        usize::MAX,
        id_column,
        b,
        &mut problems,
        each,
        &told(progress, text.len()),
    );
    problems
}

/// What a reader reading alone tells `progress` (how far, of `total` bytes) and asks it
/// (whether to go on).
fn told(progress: &Progress, total: usize) -> impl Fn(usize, usize) -> bool + '_ {
    move |done, rows| {
        progress.set(done as u64, total as u64, rows as u64);
        !progress.is_cancelled()
    }
}

/// Below this size a table is read on one core: two would save less than they cost.
pub const SPLIT_BYTES: usize = 4 << 20;

/// How a stretch of rows ended.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// At the end of the text, or at an unterminated quote (reported), or cancelled.
    Done,
    /// At the first record that starts at or after the stop offset.
    Stopped,
}

/// Reads records from `reader` into `b` until the text ends, or until a record would start at
/// or after `stop`; tells `tell` how far it is every [`super::PROGRESS_EVERY`] records and
/// stops when `quit` says so.
#[allow(clippy::too_many_arguments)]
fn read_stretch<'t>(
    text: &'t str,
    reader: &mut Reader<'t>,
    stop: usize,
    id_column: Option<usize>,
    b: &mut Builder,
    problems: &mut RowProblems<'t>,
    each: &mut dyn FnMut(&mut Builder, &Record) -> Row,
    tell: &dyn Fn(usize, usize) -> bool,
) -> Ended {
    let mut record = Record::default();
    let mut seen = 0usize;
    loop {
        if reader.offset() >= stop {
            return Ended::Stopped;
        }
        match reader.next_into(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ended::Done,
            Err(open) => {
                problems.unterminated(open);
                return Ended::Done;
            }
        }
        seen += 1;
        if seen.is_multiple_of(super::PROGRESS_EVERY) && !tell(reader.offset(), b.rows) {
            return Ended::Done;
        }
        if record.is_blank(text) {
            continue;
        }
        let Row::Read(result) = each(b, &record) else {
            continue;
        };
        b.rows += 1;
        if let Err((cell, reason)) = result {
            b.discard_row();
            let at = cell
                .and_then(|c| record.cells.get(c))
                .map_or(record.span.start, |c| c.span.start);
            let id = id_column.map(|i| record.get(text, i).into_owned());
            problems.refuse(at, record.line, id.as_deref(), reason);
        }
    }
}

/// [`read_rows`] on both cores for a large table, with a row function that keeps no state of
/// its own. The second half starts at the first line break after the middle, which is a
/// record boundary unless it lies inside a quoted cell: the first reader confirms it by
/// arriving exactly there, else the second half's work is thrown away and the first reader
/// goes on alone (as it does when the second reader's line numbers prove wrong). Either way
/// the result is what one reader would have made, but for a row of the second half whose id a
/// row of the first half already has: it is refused at the start of its row rather than at its
/// id cell, and actors it alone named stay, with no events.
pub fn read_rows_split<'t>(
    table: &Table<'t>,
    headers: usize,
    id_column: Option<usize>,
    progress: &Progress,
    each: &(dyn Fn(&mut Builder, &Record) -> Row + Sync),
) -> (Builder, RowProblems<'t>) {
    let text = table.text;
    let mut reader = Reader::new(text, table.delimiter);
    let mut record = Record::default();
    for _ in 0..headers {
        let _ = reader.next_into(&mut record);
    }
    let middle = reader.offset() + (text.len() - reader.offset()) / 2;
    let split = text.as_bytes()[middle..]
        .iter()
        .position(|&c| c == b'\n')
        .map(|p| middle + p + 1)
        .filter(|&s| s < text.len() && text.len() >= SPLIT_BYTES);
    let mut b = Builder::default();
    let mut problems = RowProblems::new(table.name, text);
    let Some(split) = split else {
        read_stretch(
            text,
            &mut reader,
            usize::MAX,
            id_column,
            &mut b,
            &mut problems,
            &mut |b, r| each(b, r),
            &told(progress, text.len()),
        );
        return (b, problems);
    };
    // Room for the rows the file holds, judged by its first records, so that the vectors
    // grow once rather than doubling (and copying) on the way to a million.
    let rows = estimate_rows(text, reader.offset(), table.delimiter);
    b.reserve(rows);
    // The second reader's place and rows, for the progress the first one tells.
    let second_done = AtomicUsize::new(0);
    let second_rows = AtomicUsize::new(0);
    let abandon = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            let line = 1 + text.as_bytes()[..split]
                .iter()
                .filter(|&&c| c == b'\n')
                .count();
            let mut reader = Reader::at(text, table.delimiter, split).on_line(line);
            let mut b = Builder::for_absorbing();
            b.reserve(rows / 2);
            let mut problems = RowProblems::new(table.name, text);
            read_stretch(
                text,
                &mut reader,
                usize::MAX,
                id_column,
                &mut b,
                &mut problems,
                &mut |b, r| each(b, r),
                &|done, rows| {
                    second_done.store(done - split, Ordering::Relaxed);
                    second_rows.store(rows, Ordering::Relaxed);
                    !progress.is_cancelled() && !abandon.load(Ordering::Relaxed)
                },
            );
            (b, problems, line)
        });
        let tell = |done: usize, rows: usize| {
            let done = done + second_done.load(Ordering::Relaxed);
            let rows = rows + second_rows.load(Ordering::Relaxed);
            progress.set(done as u64, text.len() as u64, rows as u64);
            !progress.is_cancelled()
        };
        let ended = read_stretch(
            text,
            &mut reader,
            split,
            id_column,
            &mut b,
            &mut problems,
            &mut |b, r| each(b, r),
            &tell,
        );
        let at_split = ended == Ended::Stopped && reader.offset() == split;
        if !at_split {
            abandon.store(true, Ordering::Relaxed);
        }
        match second.join() {
            // The second reader's line numbers too are right (it counted line feeds; a
            // lone carriage return before the middle would have made them wrong).
            Ok((other, other_problems, line)) if at_split && line == reader.line() => {
                problems.absorb(other_problems);
                b.absorb(other, &mut problems);
            }
            // Inside a quoted cell (or the second reader failed): the first reads on alone.
            _ if ended == Ended::Stopped => {
                read_stretch(
                    text,
                    &mut reader,
                    usize::MAX,
                    id_column,
                    &mut b,
                    &mut problems,
                    &mut |b, r| each(b, r),
                    &told(progress, text.len()),
                );
            }
            _ => {}
        }
    });
    (b, problems)
}

/// About how many records the text holds after `from`: its length over the mean length of
/// the first records (a tenth more, for rows longer further in).
fn estimate_rows(text: &str, from: usize, delimiter: u8) -> usize {
    const SAMPLE: usize = 2000;
    let mut reader = Reader::at(text, delimiter, from);
    let mut record = Record::default();
    let mut n = 0;
    while n < SAMPLE && matches!(reader.next_into(&mut record), Ok(true)) {
        n += 1;
    }
    let sampled = reader.offset() - from;
    if n == 0 || sampled == 0 {
        return 0;
    }
    let rest = text.len() - from;
    (rest / sampled.div_ceil(n)) * 11 / 10
}
