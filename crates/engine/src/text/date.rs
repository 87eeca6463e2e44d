//! Dates as documents carry them: ISO 8601, possibly partial (`2024`,
//! `2024-04`, `2024-04-03`), optionally with a time that is dropped.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::error::{Error, ErrorKind};

/// A calendar date known to the year, the month or the day.
///
/// Ordering puts a partial date before every fuller date inside it
/// (`2024` < `2024-01` < `2024-01-01`), which sorts a corpus sensibly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a full ISO 8601 / RFC 3339
    /// timestamp (`2024-04-03T09:30:00Z`), whose time part is dropped.
    pub fn parse(text: &str) -> Result<PartialDate, Error> {
        let text = text.trim();
        let bad = || {
            Error::new(
                ErrorKind::Parse,
                format!("date {text:?} is not ISO 8601 (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
            )
        };
        let (date_part, time_part) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(&text[i + 1..])),
            None => (text, None),
        };
        let mut parts = date_part.split('-');
        let year = parse_digits(parts.next().ok_or_else(bad)?, 4).ok_or_else(bad)?;
        let month = parts.next().map(|m| parse_digits(m, 2).ok_or_else(bad)).transpose()?;
        let day = parts.next().map(|d| parse_digits(d, 2).ok_or_else(bad)).transpose()?;
        if parts.next().is_some() {
            return Err(bad());
        }
        if time_part.is_some() && day.is_none() {
            return Err(bad());
        }
        if let Some(time) = time_part {
            let ok = time.len() >= 5
                && time.as_bytes()[2] == b':'
                && time[..2].bytes().all(|b| b.is_ascii_digit())
                && time[3..5].bytes().all(|b| b.is_ascii_digit());
            if !ok {
                return Err(bad());
            }
        }
        let date = PartialDate {
            year: year as i32,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        };
        if let Some(m) = date.month {
            if !(1..=12).contains(&m) {
                return Err(Error::new(ErrorKind::Parse, format!("date {text:?} has month {m}, not 1 to 12")));
            }
        }
        if let (Some(m), Some(d)) = (date.month, date.day) {
            let last = days_in_month(date.year, m);
            if !(1..=last).contains(&d) {
                return Err(Error::new(
                    ErrorKind::Parse,
                    format!("date {text:?} has day {d}, but that month has {last} days"),
                ));
            }
        }
        Ok(date)
    }

    /// Parses an e-mail date (RFC 2822), as mail exports carry it:
    /// `Thu, 22 Aug 2002 18:26:25 +0700` gives 2002-08-22, the date as
    /// written. Two-digit years follow RFC 2822 (`02` is 2002, `97` 1997).
    pub fn parse_rfc2822(text: &str) -> Result<PartialDate, Error> {
        let bad = || {
            Error::new(
                ErrorKind::Parse,
                format!("date {:?} is neither ISO 8601 nor an e-mail date", text.trim()),
            )
        };
        let mut words = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .peekable();
        if words.peek().is_some_and(|w| w.chars().all(char::is_alphabetic)) {
            words.next(); // day of week
        }
        let day: u8 = words.next().and_then(|d| d.parse().ok()).ok_or_else(bad)?;
        let month = words.next().ok_or_else(bad)?;
        const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        let month = MONTHS
            .iter()
            .position(|m| month.len() >= 3 && month[..3].eq_ignore_ascii_case(m))
            .ok_or_else(bad)? as u8
            + 1;
        let year_text = words.next().ok_or_else(bad)?;
        let year: i32 = year_text.parse().map_err(|_| bad())?;
        let year = match year_text.len() {
            2 if year < 50 => 2000 + year,
            2 => 1900 + year,
            4 => year,
            _ => return Err(bad()),
        };
        if !(1..=days_in_month(year, month)).contains(&day) {
            return Err(bad());
        }
        Ok(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// Parses ISO 8601 first, then an e-mail date.
    pub fn parse_any(text: &str) -> Result<PartialDate, Error> {
        PartialDate::parse(text).or_else(|iso_error| PartialDate::parse_rfc2822(text).map_err(|_| iso_error))
    }

    /// The first day the date can mean, as `yyyymmdd` (for range tests).
    pub fn first_day_key(self) -> u32 {
        let y = self.year.clamp(0, 9999) as u32;
        y * 10000 + self.month.unwrap_or(1) as u32 * 100 + self.day.unwrap_or(1) as u32
    }

    /// The last day the date can mean, as `yyyymmdd` (a month ends at
    /// day 31 in this key: it only has to sort after every real day).
    pub fn last_day_key(self) -> u32 {
        let y = self.year.clamp(0, 9999) as u32;
        y * 10000 + self.month.unwrap_or(12) as u32 * 100 + self.day.unwrap_or(31) as u32
    }

    /// The same date, known only to the year.
    pub fn year_only(self) -> PartialDate {
        PartialDate {
            year: self.year,
            month: None,
            day: None,
        }
    }
}

fn parse_digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    /// ISO form: `2024`, `2024-04` or `2024-04-03`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_parse_to_their_precision() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2024", Some("2024")),
            ("2024-04", Some("2024-04")),
            ("2024-04-03", Some("2024-04-03")),
            (" 2024-04-03 ", Some("2024-04-03")),
            ("2024-04-03T09:30:00Z", Some("2024-04-03")),
            ("2024-04-03T09:30:00+01:00", Some("2024-04-03")),
            ("2024-04-03 09:30", Some("2024-04-03")),
            ("2024-02-29", Some("2024-02-29")),
            ("2023-02-29", None),
            ("1900-02-29", None),
            ("2000-02-29", Some("2000-02-29")),
            ("2024-13", None),
            ("2024-00", None),
            ("2024-04-31", None),
            ("2024-4-3", None),
            ("24-04-03", None),
            ("April 2024", None),
            ("2024-04T10:00", None),
            ("2024-04-03Tnoon", None),
            ("", None),
            ("2024-04-03-01", None),
            ("२०२४", None),
        ];
        for (input, expected) in cases {
            let got = PartialDate::parse(input).ok().map(|d| d.to_string());
            assert_eq!(got.as_deref(), *expected, "{input:?}");
        }
    }

    #[test]
    fn email_dates_parse_to_the_day_as_written() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Thu, 22 Aug 2002 18:26:25 +0700", Some("2002-08-22")),
            ("22 Aug 2002 18:26:25 -0500", Some("2002-08-22")),
            ("Fri, 9 Aug 02 10:00:00 GMT", Some("2002-08-09")),
            ("Mon, 1 Jan 97 00:00:00 GMT", Some("1997-01-01")),
            ("Tue, 30 Feb 2002 10:00:00 GMT", None),
            ("2002/09/14 Sat 02:29:32 CDT", None),
            ("Sat, 14 Sept 2002", Some("2002-09-14")),
            ("", None),
        ];
        for (input, expected) in cases {
            let got = PartialDate::parse_rfc2822(input).ok().map(|d| d.to_string());
            assert_eq!(got.as_deref(), *expected, "{input:?}");
        }
        assert_eq!(PartialDate::parse_any("2024-04").unwrap().to_string(), "2024-04");
        let err = PartialDate::parse_any("soon").unwrap_err();
        assert!(err.to_string().contains("ISO 8601"), "{err}");
    }

    #[test]
    fn partial_dates_sort_before_fuller_dates_inside_them() {
        let year = PartialDate::parse("2024").unwrap();
        let month = PartialDate::parse("2024-01").unwrap();
        let day = PartialDate::parse("2024-01-01").unwrap();
        let next_year = PartialDate::parse("2025").unwrap();
        assert!(year < month && month < day && day < next_year);
    }

    #[test]
    fn a_bad_date_says_what_was_expected() {
        let err = PartialDate::parse("yesterday").unwrap_err();
        assert!(err.to_string().contains("\"yesterday\""), "{err}");
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    }
}
