//! The record reader against any text a member might import: whatever the
//! file holds, reading it never panics, and a refusal always says what is
//! wrong; whatever it accepts, the engine evaluates without a panic.

mod common;

use common::{meetings, rules};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use tanni_core::engine::evaluate;
use tanni_core::record::Record;

/// Reads a text as an import does: a refusal must say something; an
/// accepted record must evaluate and survive a round trip.
fn read_and_evaluate(text: &str) {
    match Record::from_json(text) {
        Ok(record) => {
            let evaluation = evaluate(&rules(), &meetings(), &record);
            assert!(evaluation.period.end > evaluation.period.start);
            assert_eq!(Record::from_json(&record.to_json()).unwrap(), record);
        }
        Err(problem) => assert!(!problem.message.is_empty(), "{text:?}"),
    }
}

/// Values a record's fields may hold or nearly hold.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        (1800i32..2300, 0u8..14, 0u8..33)
            .prop_map(|(y, m, d)| Value::String(format!("{y:04}-{m:02}-{d:02}"))),
        prop::sample::select(vec!["annual", "local", "unknown", ""])
            .prop_map(|id| Value::String(id.into())),
    ]
}

const KEYS: [&str; 10] = [
    "period_start",
    "postponed",
    "attendances",
    "papers",
    "meeting",
    "date",
    "peer_reviewed",
    "first_author",
    "title",
    "extra",
];

/// JSON shaped like a record, with every field possibly wrong, missing,
/// doubled or nested too deep.
fn record_like() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner), 0..6).prop_map(
                |pairs| {
                    let mut object = Map::new();
                    for (key, value) in pairs {
                        object.insert(key.to_string(), value);
                    }
                    Value::Object(object)
                }
            ),
        ]
    })
}

fn valid_record() -> Value {
    json!({
        "period_start": "2021-04-01",
        "postponed": false,
        "attendances": [{"meeting": "annual", "date": "2021-04-16"}, {"meeting": "local", "date": "2022-01-01"}],
        "papers": [{"date": "2022-06-01", "peer_reviewed": true, "first_author": true, "title": "A"}],
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_is_read_or_refused_with_a_reason(text in "\\PC{0,200}") {
        read_and_evaluate(&text);
    }

    #[test]
    fn any_record_shaped_json_is_read_or_refused_with_a_reason(value in record_like()) {
        read_and_evaluate(&value.to_string());
    }

    #[test]
    fn a_valid_record_with_one_field_replaced_is_read_or_refused(
        key in prop::sample::select(vec!["period_start", "postponed", "attendances", "papers"]),
        value in record_like(),
    ) {
        let mut record = valid_record();
        record[key] = value;
        read_and_evaluate(&record.to_string());
    }

    #[test]
    fn a_valid_record_cut_or_spliced_anywhere_is_read_or_refused(
        cut in 0usize..400,
        insert in "\\PC{0,8}",
    ) {
        let text = serde_json::to_string_pretty(&valid_record()).unwrap();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        read_and_evaluate(&text[..at]);
        read_and_evaluate(&format!("{}{insert}{}", &text[..at], &text[at..]));
    }
}

#[test]
fn nesting_deeper_than_any_record_is_refused_not_overflowed() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let problem = Record::from_json(&deep).unwrap_err();
    assert!(problem.message.contains("not valid JSON"), "{problem}");
}
