//! A member's record: the calculator's save and export format, read with a
//! message that names the field at fault.
//!
//! ```json
//! {"period_start": "2021-04-01", "postponed": false, "as_of": "2024-11-24",
//!  "attendances": [{"meeting": "jrs-annual-meeting", "date": "2021-04-16"}],
//!  "papers": [{"date": "2022-06-01", "peer_reviewed": true, "first_author": true, "title": "optional"}]}
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

use crate::date::Date;
use crate::strict_json;
use crate::text::{is_forbidden, shown};

// Read by `from_json`, which names the field at fault; the serde attributes
// describe the same format for its JSON Schema (`data/record.schema.json`).
/// A member's record: the calculator's save and export format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub period_start: Date,
    #[serde(default)]
    pub postponed: bool,
    /// The day to evaluate the record for: where the period stands, what
    /// can still be planned. The calculator gives today; a saved record
    /// need not hold it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    #[serde(default)]
    pub attendances: Vec<Attendance>,
    #[serde(default)]
    pub papers: Vec<Paper>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// A meeting id of the catalog.
    pub meeting: String,
    pub date: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Paper {
    pub date: Date,
    pub peer_reviewed: bool,
    pub first_author: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Why a record cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordError {
    /// The path of the field: `attendances[2].date`; empty for the whole record.
    pub field: String,
    /// What is wrong, in English (the CLI's words).
    pub message: String,
    /// The same as the UI string `record_problem_<problem>` of a page's
    /// language, filled with `values`: the calculator's words.
    pub problem: &'static str,
    pub values: Vec<(&'static str, String)>,
}

/// Each problem a record can have, and its English words: the same as the
/// theme's `record_problem_<name>` strings in `en.toml` (a test keeps them
/// equal), which the calculator shows in the page's language.
pub const PROBLEMS: &[(&str, &str)] = &[
    ("not_json", "not valid JSON: {detail}"),
    (
        "repeated",
        "given twice; a field may appear only once in its object",
    ),
    (
        "not_record",
        "a record is a JSON object with period_start, postponed, attendances and papers",
    ),
    ("unknown_field", "unknown field; expected one of {expected}"),
    (
        "not_attendance",
        "an attendance is an object with \"meeting\" and \"date\"",
    ),
    (
        "not_paper",
        "a paper is an object with \"date\", \"peer_reviewed\", \"first_author\" and \"title\"",
    ),
    ("not_meeting_id", "`{value}` is not a meeting id"),
    (
        "expected_meeting_id",
        "expected a meeting id (a string), found {found}",
    ),
    ("missing_meeting", "missing: the id of the meeting attended"),
    ("title_too_long", "longer than {max} characters"),
    (
        "title_control",
        "holds a control character; a title is plain text",
    ),
    ("expected_text", "expected text, found {found}"),
    (
        "date_out_of_range",
        "`{value}` is outside the years {from} to {to} that a record may hold",
    ),
    ("not_date", "`{value}` is not a date YYYY-MM-DD"),
    (
        "expected_date",
        "expected a date \"YYYY-MM-DD\", found {found}",
    ),
    ("missing_date", "missing: a date \"YYYY-MM-DD\""),
    ("missing_boolean", "missing: true or false"),
    ("expected_boolean", "expected true or false, found {found}"),
    ("expected_list", "expected a list, found {found}"),
];

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// The problem named `problem` (one of [`PROBLEMS`]) at `field`.
fn error(field: &str, problem: &'static str, values: &[(&'static str, String)]) -> RecordError {
    let english = PROBLEMS
        .iter()
        .find(|(name, _)| *name == problem)
        .map(|(_, words)| *words)
        .expect("a known problem");
    let message = values
        .iter()
        .fold(english.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        });
    RecordError {
        field: field.to_string(),
        message,
        problem,
        values: values.to_vec(),
    }
}

impl Record {
    /// Reads a record from its JSON text. A byte-order mark before it (as
    /// some editors write) is ignored; a key given twice in one object is
    /// refused, since either value could be the one meant.
    pub fn from_json(text: &str) -> Result<Record, RecordError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value = strict_json::parse(text).map_err(|problem| match problem {
            strict_json::Problem::Repeated(field) => error(&field, "repeated", &[]),
            strict_json::Problem::Invalid(detail) => error("", "not_json", &[("detail", detail)]),
        })?;
        Record::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<Record, RecordError> {
        let object = value
            .as_object()
            .ok_or_else(|| error("", "not_record", &[]))?;
        known_fields(
            object,
            "",
            &[
                "period_start",
                "postponed",
                "as_of",
                "attendances",
                "papers",
            ],
        )?;
        let period_start = date(object.get("period_start"), "period_start")?;
        let as_of = match object.get("as_of") {
            None | Some(Value::Null) => None,
            value => Some(date(value, "as_of")?),
        };
        let postponed = boolean(object.get("postponed"), "postponed", Some(false))?;
        let attendances = list(object.get("attendances"), "attendances")?
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let field = format!("attendances[{index}]");
                let item = item
                    .as_object()
                    .ok_or_else(|| error(&field, "not_attendance", &[]))?;
                known_fields(item, &field, &["meeting", "date"])?;
                let meeting = match item.get("meeting") {
                    Some(Value::String(id))
                        if id.chars().count() > MAX_ID_CHARS || id.chars().any(is_forbidden) =>
                    {
                        return Err(error(
                            &format!("{field}.meeting"),
                            "not_meeting_id",
                            &[("value", shown(id))],
                        ))
                    }
                    Some(Value::String(id)) if !id.trim().is_empty() => id.clone(),
                    Some(other) if !other.is_string() => {
                        return Err(error(
                            &format!("{field}.meeting"),
                            "expected_meeting_id",
                            &[("found", shown(&other.to_string()))],
                        ))
                    }
                    _ => return Err(error(&format!("{field}.meeting"), "missing_meeting", &[])),
                };
                Ok(Attendance {
                    meeting,
                    date: date(item.get("date"), &format!("{field}.date"))?,
                })
            })
            .collect::<Result<_, _>>()?;
        let papers = list(object.get("papers"), "papers")?
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let field = format!("papers[{index}]");
                let item = item
                    .as_object()
                    .ok_or_else(|| error(&field, "not_paper", &[]))?;
                known_fields(
                    item,
                    &field,
                    &["date", "peer_reviewed", "first_author", "title"],
                )?;
                let title = match item.get("title") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(title)) if title.trim().is_empty() => None,
                    Some(Value::String(title)) if title.chars().count() > MAX_TITLE_CHARS => {
                        return Err(error(
                            &format!("{field}.title"),
                            "title_too_long",
                            &[("max", MAX_TITLE_CHARS.to_string())],
                        ))
                    }
                    Some(Value::String(title)) if title.chars().any(is_forbidden) => {
                        return Err(error(&format!("{field}.title"), "title_control", &[]))
                    }
                    Some(Value::String(title)) => Some(title.clone()),
                    Some(other) => {
                        return Err(error(
                            &format!("{field}.title"),
                            "expected_text",
                            &[("found", shown(&other.to_string()))],
                        ))
                    }
                };
                Ok(Paper {
                    date: date(item.get("date"), &format!("{field}.date"))?,
                    peer_reviewed: boolean(
                        item.get("peer_reviewed"),
                        &format!("{field}.peer_reviewed"),
                        None,
                    )?,
                    first_author: boolean(
                        item.get("first_author"),
                        &format!("{field}.first_author"),
                        None,
                    )?,
                    title,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Record {
            period_start,
            postponed,
            as_of,
            attendances,
            papers,
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a record serializes")
    }
}

fn known_fields(object: &Map<String, Value>, at: &str, known: &[&str]) -> Result<(), RecordError> {
    for key in object.keys() {
        if !known.contains(&key.as_str()) {
            let field = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            return Err(error(
                &field,
                "unknown_field",
                &[("expected", known.join(", "))],
            ));
        }
    }
    Ok(())
}

/// The longest meeting id a record may name (the catalog's limit).
const MAX_ID_CHARS: usize = 100;

/// The longest paper title a record may hold.
const MAX_TITLE_CHARS: usize = 1000;

/// The years a date of a record may fall in: a member's career, with room
/// on both sides. A period computed from a later date would end in a year
/// that no longer has four digits.
pub const RECORD_YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

fn date(value: Option<&Value>, field: &str) -> Result<Date, RecordError> {
    match value {
        Some(Value::String(text)) => match Date::parse(text) {
            Some(date) if RECORD_YEARS.contains(&date.year) => Ok(date),
            Some(_) => Err(error(
                field,
                "date_out_of_range",
                &[
                    ("value", shown(text)),
                    ("from", RECORD_YEARS.start().to_string()),
                    ("to", RECORD_YEARS.end().to_string()),
                ],
            )),
            None => Err(error(field, "not_date", &[("value", shown(text))])),
        },
        Some(other) => Err(error(
            field,
            "expected_date",
            &[("found", shown(&other.to_string()))],
        )),
        None => Err(error(field, "missing_date", &[])),
    }
}

fn boolean(value: Option<&Value>, field: &str, default: Option<bool>) -> Result<bool, RecordError> {
    match (value, default) {
        (Some(Value::Bool(value)), _) => Ok(*value),
        (None, Some(default)) => Ok(default),
        (None, None) => Err(error(field, "missing_boolean", &[])),
        (Some(other), _) => Err(error(
            field,
            "expected_boolean",
            &[("found", shown(&other.to_string()))],
        )),
    }
}

fn list<'a>(value: Option<&'a Value>, field: &str) -> Result<&'a [Value], RecordError> {
    match value {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(error(
            field,
            "expected_list",
            &[("found", shown(&other.to_string()))],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_round_trips_through_json() {
        let text = r#"{"period_start": "2021-04-01", "postponed": false, "attendances": [{"meeting": "jrs-annual-meeting", "date": "2021-04-16"}], "papers": [{"date": "2022-06-01", "peer_reviewed": true, "first_author": true, "title": "A study"}]}"#;
        let record = Record::from_json(text).unwrap();
        assert_eq!(record.attendances[0].meeting, "jrs-annual-meeting");
        assert_eq!(Record::from_json(&record.to_json()).unwrap(), record);
    }

    #[test]
    fn a_byte_order_mark_before_the_record_is_ignored() {
        let record = Record::from_json("\u{feff}{\"period_start\": \"2021-04-01\"}").unwrap();
        assert_eq!(record.period_start.to_string(), "2021-04-01");
    }

    #[test]
    fn a_broken_record_names_the_field() {
        let cases = [
            ("[]", ""),
            ("{", ""),
            (r#"{"postponed": false}"#, "period_start"),
            (r#"{"period_start": "2021-02-30"}"#, "period_start"),
            (
                r#"{"period_start": "2021-04-01", "attendances": [{"meeting": "x", "date": "2021-04-16"}, {"meeting": "x"}]}"#,
                "attendances[1].date",
            ),
            (
                r#"{"period_start": "2021-04-01", "attendances": [{"meeting": 3, "date": "2021-04-16"}]}"#,
                "attendances[0].meeting",
            ),
            (
                r#"{"period_start": "2021-04-01", "papers": [{"date": "2022-01-01", "peer_reviewed": "yes", "first_author": true}]}"#,
                "papers[0].peer_reviewed",
            ),
            (
                r#"{"period_start": "2021-04-01", "postponed": 1}"#,
                "postponed",
            ),
            (r#"{"period_start": "2021-04-01", "extra": 1}"#, "extra"),
            (r#"{"period_start": "2021-04-01", "papers": {}}"#, "papers"),
            (
                r#"{"period_start": "2021-04-01", "period_start": "2019-04-01"}"#,
                "period_start",
            ),
            (
                r#"{"period_start": "2021-04-01", "attendances": [{"meeting": "a", "date": "2021-05-01"}, {"meeting": "b", "date": "2021-05-01", "date": "2026-01-01"}]}"#,
                "attendances[1].date",
            ),
            (r#"{"period_start": "9999-01-01"}"#, "period_start"),
            (r#"{"period_start": "1899-12-31"}"#, "period_start"),
            (r#"{"period_start": "2021-04-01"} x"#, ""),
            (
                r#"{"period_start": "2021-04-01", "attendances": [{"meeting": "\u001b]0;pwned\u0007", "date": "2022-01-01"}]}"#,
                "attendances[0].meeting",
            ),
            (
                r#"{"period_start": "2021-04-01", "papers": [{"date": "2022-01-01", "peer_reviewed": true, "first_author": true, "title": "a\u202Eb"}]}"#,
                "papers[0].title",
            ),
        ];
        for (text, field) in cases {
            let problem = Record::from_json(text).unwrap_err();
            assert_eq!(problem.field, field, "{text}: {problem}");
        }
    }
}
