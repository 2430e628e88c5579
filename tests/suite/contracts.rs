//! The formats that cross from the site to the browser, and from a member to
//! the calculator, hold to their published JSON Schemas (generated from the
//! types that write and read them): the built catalog does, the records the
//! README shows and the calculator exports do, and what breaks the format
//! does not.

use crate::common;

use common::{real_output, text};
use serde_json::{json, Value};
use tanni_core::catalog::CatalogDownload;
use tanni_core::record::Record;

fn schema(name: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(text(real_output(), name)).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path))
        .collect()
}

#[test]
fn the_built_catalog_holds_to_its_schema_and_reads_back_as_its_type() {
    let catalog_text = text(real_output(), "data/catalog.json");
    let catalog: Value = serde_json::from_str(catalog_text).unwrap();
    let validator = schema("data/catalog.schema.json");
    assert_eq!(errors(&validator, &catalog), Vec::<String>::new());
    let typed: CatalogDownload = serde_json::from_str(catalog_text).unwrap();
    assert_eq!(typed.meetings.len(), 416);
    assert_eq!(serde_json::to_value(&typed).unwrap(), catalog);

    // A renamed field, a missing one, a wrong type: each breaks it.
    for (path, broken) in [
        ("/meetings/0/credit", json!(15)),
        ("/meetings/0/credits", json!("15")),
        (
            "/meetings/0/flags/0",
            json!({"kind": "unknown", "ja": "", "en": ""}),
        ),
    ] {
        let mut bad = catalog.clone();
        let (parent, key) = path.rsplit_once('/').unwrap();
        match bad.pointer_mut(parent).unwrap() {
            Value::Object(object) => {
                object.insert(key.to_string(), broken);
            }
            Value::Array(array) => array.push(broken),
            _ => unreachable!(),
        }
        assert!(!errors(&validator, &bad).is_empty(), "{path} was accepted");
    }
    let mut missing = catalog.clone();
    missing["meetings"][0]
        .as_object_mut()
        .unwrap()
        .remove("name");
    assert!(!errors(&validator, &missing).is_empty());
}

#[test]
fn records_the_calculator_reads_hold_to_the_record_schema() {
    let validator = schema("data/record.schema.json");
    let records = [
        json!({"period_start": "2021-04-01"}),
        json!({
            "period_start": "2021-04-01",
            "postponed": false,
            "as_of": "2024-11-24",
            "attendances": [{"meeting": "jrs-annual-meeting", "date": "2021-04-16"}],
            "papers": [{"date": "2022-06-01", "peer_reviewed": true, "first_author": true, "title": "optional"}]
        }),
    ];
    for record in &records {
        assert_eq!(errors(&validator, record), Vec::<String>::new(), "{record}");
        // What the reader accepts and writes back holds to it too.
        let read = Record::from_json(&record.to_string()).unwrap();
        let written: Value = serde_json::from_str(&read.to_json()).unwrap();
        assert_eq!(errors(&validator, &written), Vec::<String>::new());
    }
    for broken in [
        json!({}),
        json!({"period_start": "2021-04-01", "extra": 1}),
        json!({"period_start": "21-4-1"}),
        json!({"period_start": "2021-04-01", "attendances": [{"meeting": "x"}]}),
        json!({"period_start": "2021-04-01", "papers": [{"date": "2022-01-01", "peer_reviewed": "yes", "first_author": true}]}),
    ] {
        assert!(
            !errors(&validator, &broken).is_empty(),
            "{broken} was accepted"
        );
        assert!(Record::from_json(&broken.to_string()).is_err(), "{broken}");
    }
}

/// The words of a record's problems: the CLI's English in the core is the
/// theme's English, and each problem has its words in both languages, with
/// the same placeholders.
#[test]
fn every_record_problem_has_its_words_in_both_languages() {
    let strings = &common::real_site().strings;
    let placeholders = |words: &str| -> Vec<String> {
        words
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_string()))
            .collect()
    };
    for (name, english) in tanni_core::record::PROBLEMS {
        let key = format!("record_problem_{name}");
        assert_eq!(
            strings.en.get(&key).map(String::as_str),
            Some(*english),
            "{key}"
        );
        let japanese = strings
            .ja
            .get(&key)
            .unwrap_or_else(|| panic!("{key} in ja.toml"));
        assert_eq!(placeholders(japanese), placeholders(english), "{key}");
    }
    let known: Vec<String> = tanni_core::record::PROBLEMS
        .iter()
        .map(|(name, _)| format!("record_problem_{name}"))
        .collect();
    for key in strings
        .en
        .keys()
        .filter(|key| key.starts_with("record_problem_"))
    {
        assert!(known.contains(key), "{key} names no problem of a record");
    }
}
