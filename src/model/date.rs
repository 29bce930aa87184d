//! Calendar dates as the sources give them: a year, a month or a day, never more precise than
//! the text supports.
//!
//! Time in Actorscope is counted in whole calendar days ([`Day`], days since 1970-01-01 in the
//! proleptic Gregorian calendar). There is no time of day and no time zone, so a date can never
//! drift by a day when it is drawn or filtered.

use std::fmt;

/// Days since 1970-01-01 (negative before). The unit of every time axis in the app.
pub type Day = i32;

/// How precise a date is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to a year, a month or a day: the ISO prefixes `2021`, `2021-12`, `2021-12-24`.
///
/// It stands for the whole period it names: `2021-12` is every day of December 2021.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    /// 1–12, or 0 when only the year is known.
    month: u8,
    /// 1–31, or 0 when only the year or month is known.
    day: u8,
}

/// Why a date string is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected an ISO date prefix like 2021, 2021-12 or 2021-12-24")]
    Shape,
    #[error("month {0} is not between 1 and 12")]
    Month(u32),
    #[error("day {day} does not exist in {year:04}-{month:02}")]
    Day { year: i32, month: u8, day: u32 },
    #[error("year {0} is outside 1000–2999")]
    Year(i32),
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: 0,
            day: 0,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let mut parts = text.split('-');
        let year_text = parts.next().ok_or(DateError::Shape)?;
        let month_text = parts.next();
        let day_text = parts.next();
        if parts.next().is_some() {
            return Err(DateError::Shape);
        }
        let number = |s: &str, len: usize| -> Result<u32, DateError> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| DateError::Shape)
            } else {
                Err(DateError::Shape)
            }
        };
        let year = number(year_text, 4)? as i32;
        if !(1000..=2999).contains(&year) {
            return Err(DateError::Year(year));
        }
        let Some(month_text) = month_text else {
            return Ok(Self::year(year));
        };
        let month = number(month_text, 2)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month));
        }
        let month = month as u8;
        let Some(day_text) = day_text else {
            return Ok(Self {
                year,
                month,
                day: 0,
            });
        };
        let day = number(day_text, 2)?;
        if day < 1 || day > u32::from(days_in_month(year, month)) {
            return Err(DateError::Day { year, month, day });
        }
        Ok(Self {
            year,
            month,
            day: day as u8,
        })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    pub fn year_number(&self) -> i32 {
        self.year
    }

    /// The first day of the period this date names.
    pub fn first_day(&self) -> Day {
        days_from_civil(self.year, self.month.max(1), self.day.max(1))
    }

    /// The last day of the period this date names (inclusive).
    pub fn last_day(&self) -> Day {
        match self.precision() {
            Precision::Year => days_from_civil(self.year, 12, 31),
            Precision::Month => {
                days_from_civil(self.year, self.month, days_in_month(self.year, self.month))
            }
            Precision::Day => self.first_day(),
        }
    }

    /// A reader's rendering, as precise as known: "24 Dec 2021", "Dec 2021", "2021".
    pub fn human(&self) -> String {
        match self.precision() {
            Precision::Year => format!("{}", self.year),
            Precision::Month => format!("{} {}", MONTHS[usize::from(self.month) - 1], self.year),
            Precision::Day => format!(
                "{} {} {}",
                self.day,
                MONTHS[usize::from(self.month) - 1],
                self.year
            ),
        }
    }
}

/// The ISO prefix form, as written in the dataset file.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// The time an event occupies: from the first day of its start to the last day of its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct When {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

impl When {
    /// First day covered (inclusive).
    pub fn first_day(&self) -> Day {
        self.start.first_day()
    }

    /// Last day covered (inclusive).
    pub fn last_day(&self) -> Day {
        self.end.unwrap_or(self.start).last_day()
    }

    /// Whether any day of this period falls inside `[from, to]` (inclusive days).
    pub fn overlaps(&self, from: Day, to: Day) -> bool {
        self.first_day() <= to && self.last_day() >= from
    }

    /// The order of the timeline: by first day, then shorter (more precise) periods first.
    pub fn sort_key(&self) -> (Day, Day) {
        (self.first_day(), self.last_day())
    }

    pub fn human(&self) -> String {
        match self.end {
            Some(end) => format!("{} – {}", self.start.human(), end.human()),
            None => self.start.human(),
        }
    }

    /// ISO form: `2021-12` or `2021-12/2022-03`.
    pub fn iso(&self) -> String {
        match self.end {
            Some(end) => format!("{}/{}", self.start, end),
            None => self.start.to_string(),
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Short month name, 1-based.
pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> Day {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i32::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i32::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date of a day number: (year, month 1–12, day 1–31).
pub fn civil_from_days(days: Day) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// "24 Dec 2021" for a day number.
pub fn format_day(day: Day) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{d} {} {y}", month_name(m))
}

/// `2021-12-24` for a day number.
pub fn iso_day(day: Day) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).expect(s)
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(date("2021").precision(), Precision::Year);
        assert_eq!(date("2021-12").precision(), Precision::Month);
        assert_eq!(date("2021-12-24").precision(), Precision::Day);
        for text in ["2021", "2021-12", "2021-12-24"] {
            assert_eq!(date(text).to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(PartialDate::parse("2021-13"), Err(DateError::Month(13)));
        assert_eq!(PartialDate::parse("2021-00"), Err(DateError::Month(0)));
        assert!(matches!(
            PartialDate::parse("2022-02-29"),
            Err(DateError::Day { day: 29, .. })
        ));
        assert!(PartialDate::parse("2024-02-29").is_ok());
        for bad in [
            "",
            "21",
            "2021-1",
            "2021-12-1",
            "2021/12",
            "2021-12-24-1",
            "abcd",
            "2021-12-24T00",
        ] {
            assert_eq!(PartialDate::parse(bad), Err(DateError::Shape), "{bad}");
        }
        assert_eq!(PartialDate::parse("0999"), Err(DateError::Year(999)));
    }

    #[test]
    fn periods_cover_their_days() {
        let december = date("2021-12");
        assert_eq!(iso_day(december.first_day()), "2021-12-01");
        assert_eq!(iso_day(december.last_day()), "2021-12-31");
        assert_eq!(iso_day(date("2020").last_day()), "2020-12-31");
        assert_eq!(iso_day(date("2024-02").last_day()), "2024-02-29");
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(iso_day(-1), "1969-12-31");
        assert_eq!(iso_day(days_from_civil(1961, 9, 22)), "1961-09-22");
    }

    #[test]
    fn month_and_day_precision_sort_and_filter_sensibly() {
        let month = When {
            start: date("2021-12"),
            end: None,
        };
        let day = When {
            start: date("2021-12-24"),
            end: None,
        };
        // The month starts before the day within it, so it comes first in time order…
        assert!(month.sort_key() < day.sort_key());
        // …and a window holding only Christmas Eve still holds the December event.
        let eve = date("2021-12-24").first_day();
        assert!(month.overlaps(eve, eve));
        assert!(day.overlaps(eve, eve));
        // A window in January 2022 holds neither.
        let jan = date("2022-01");
        assert!(!month.overlaps(jan.first_day(), jan.last_day()));
        // A year event is the coarsest: it sorts before both and spans both.
        let year = When {
            start: date("2021"),
            end: None,
        };
        assert!(year.sort_key() < month.sort_key());
        assert!(year.overlaps(eve, eve));
    }

    #[test]
    fn spans_run_to_the_end_of_their_end() {
        let span = When {
            start: date("2021-12"),
            end: Some(date("2022")),
        };
        assert_eq!(iso_day(span.last_day()), "2022-12-31");
        assert_eq!(span.human(), "Dec 2021 – 2022");
        assert_eq!(span.iso(), "2021-12/2022");
    }

    #[test]
    fn round_trips_day_numbers() {
        for day in (-40_000..40_000).step_by(37) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m as u8, d as u8), day);
        }
    }
}
