//! Calendar dates (`YYYY-MM-DD`), with just what the rules need: parsing,
//! order, and anniversaries.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` exactly.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        Date::new(
            number(0..4)? as i32,
            number(5..7)? as u8,
            number(8..10)? as u8,
        )
    }

    /// The same day `years` later. The anniversary of 29 February in a
    /// common year is 1 March, so that a year always ends the day before.
    pub fn add_years(self, years: i32) -> Date {
        let year = self.year + years;
        match Date::new(year, self.month, self.day) {
            Some(date) => date,
            None => Date {
                year,
                month: 3,
                day: 1,
            },
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a date YYYY-MM-DD")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(Date::parse("2021-04-01"), Date::new(2021, 4, 1));
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2021-13-01",
            "2021-4-1",
            "21-04-01",
            "2021/04/01",
            "",
            "2021-04-01T00:00",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn anniversaries_of_29_february_fall_on_1_march() {
        let leap = Date::parse("2024-02-29").unwrap();
        assert_eq!(leap.add_years(1).to_string(), "2025-03-01");
        assert_eq!(leap.add_years(4).to_string(), "2028-02-29");
        assert_eq!(
            Date::parse("2021-04-01").unwrap().add_years(5).to_string(),
            "2026-04-01"
        );
    }
}
