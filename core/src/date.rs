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

    /// The number of the day, counted from 1970-01-01 (day 0): the
    /// difference of two such numbers is the number of days between them.
    pub fn day_number(self) -> i64 {
        // Days from civil, after Howard Hinnant's algorithm.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day of a day number (see `day_number`).
    pub fn from_day_number(number: i64) -> Option<Date> {
        // Civil from days, after Howard Hinnant's algorithm.
        let shifted = number + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }

    /// The day before.
    pub fn previous_day(self) -> Date {
        Date::from_day_number(self.day_number() - 1).unwrap_or(self)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
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

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A day, YYYY-MM-DD",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
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
    fn days_are_counted_across_months_years_and_leap_days() {
        let day = |text| Date::parse(text).unwrap();
        assert_eq!(day("1970-01-01").day_number(), 0);
        assert_eq!(day("2000-03-01").day_number(), 11_017);
        assert_eq!(day("2023-12-30").days_until(day("2024-01-02")), 3);
        assert_eq!(day("2024-02-28").days_until(day("2024-03-01")), 2);
        assert_eq!(day("2023-02-28").days_until(day("2023-03-01")), 1);
        assert_eq!(day("2026-04-01").days_until(day("2021-04-01")), -1826);
        assert_eq!(day("1900-01-01").day_number(), -25_567);
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "1900-03-01",
            "2199-12-31",
        ] {
            assert_eq!(
                Date::from_day_number(day(text).day_number()),
                Some(day(text))
            );
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
