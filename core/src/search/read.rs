//! Reads the search's own files (the manifest, the display records, the
//! names' shards) from JSON. Each is parsed into a
//! `serde_json::Value` and taken apart by hand: serde's derived readers
//! carried a copy of serde_json's machinery per type, some 30 KB of the
//! WebAssembly module, where these share the one reader of `Value` (which
//! the index's shards and the page's requests use anyway). As the derived
//! readers did, a field the file must have is required, and a field that
//! no version of tanni writes is refused.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::documents::{DocDisplay, DocKind};
use super::shards::{Manifest, NamesShard};

/// A file of the search, read from its JSON.
pub trait FromJson: Sized {
    fn from_value(value: &Value) -> Result<Self, String>;
}

/// Reads a file of the search.
pub fn from_json<T: FromJson>(json: &str) -> Result<T, String> {
    let value: Value = serde_json::from_str(json).map_err(|error| error.to_string())?;
    T::from_value(&value)
}

impl FromJson for Manifest {
    fn from_value(value: &Value) -> Result<Manifest, String> {
        let object = object(
            value,
            "the manifest",
            &[
                "engine",
                "documents",
                "records_per_file",
                "index",
                "names",
                "synonyms",
            ],
        )?;
        let lists = |name: &str| -> Result<Vec<Vec<String>>, String> {
            array(required(object, name)?, name)?
                .iter()
                .map(|list| strings(list, name))
                .collect()
        };
        Ok(Manifest {
            engine: match object.get("engine") {
                Some(engine) => string(engine, "engine")?,
                None => String::new(),
            },
            documents: whole(required(object, "documents")?, "documents")?,
            records_per_file: whole(required(object, "records_per_file")?, "records_per_file")?,
            index: strings(required(object, "index")?, "index")?,
            names: strings(required(object, "names")?, "names")?,
            synonyms: match object.get("synonyms") {
                Some(_) => lists("synonyms")?,
                None => Vec::new(),
            },
        })
    }
}

impl FromJson for DocDisplay {
    fn from_value(value: &Value) -> Result<DocDisplay, String> {
        let object = object(
            value,
            "a record",
            &["path", "kind", "title", "id", "detail", "required"],
        )?;
        let kind = match required(object, "kind")?.as_str() {
            Some("meeting") => DocKind::Meeting,
            Some("category") => DocKind::Category,
            Some("page") => DocKind::Page,
            Some("section") => DocKind::Section,
            _ => return Err("`kind` is not meeting, category, page or section".into()),
        };
        Ok(DocDisplay {
            path: string(required(object, "path")?, "path")?,
            kind,
            title: string(required(object, "title")?, "title")?,
            id: match object.get("id") {
                None | Some(Value::Null) => None,
                Some(id) => Some(string(id, "id")?),
            },
            detail: string(required(object, "detail")?, "detail")?,
            required: flag(object, "required")?,
        })
    }
}

impl FromJson for NamesShard {
    fn from_value(value: &Value) -> Result<NamesShard, String> {
        let object = object(
            value,
            "a shard of the names",
            &["names", "runs", "kana", "words"],
        )?;
        let documents = |name: &str| -> Result<BTreeMap<String, Vec<usize>>, String> {
            let Some(map) = object.get(name) else {
                return Ok(BTreeMap::new());
            };
            let mut read = BTreeMap::new();
            for (key, list) in self::object(map, name, &[])? {
                let list = array(list, name)?
                    .iter()
                    .map(|doc| whole(doc, name))
                    .collect::<Result<_, _>>()?;
                read.insert(key.clone(), list);
            }
            Ok(read)
        };
        let mut words = BTreeMap::new();
        if let Some(map) = object.get("words") {
            for (word, count) in self::object(map, "words", &[])? {
                words.insert(word.clone(), whole(count, "words")?);
            }
        }
        // Inserted one by one: collecting into a set would bring in the
        // standard library's sort (4 KB of the module).
        let mut runs = BTreeSet::new();
        if let Some(list) = object.get("runs") {
            for run in array(list, "runs")? {
                runs.insert(string(run, "runs")?);
            }
        }
        Ok(NamesShard {
            names: documents("names")?,
            runs,
            kana: documents("kana")?,
            words,
        })
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_value(value: &Value) -> Result<Vec<T>, String> {
        value
            .as_array()
            .ok_or("not a list")?
            .iter()
            .enumerate()
            .map(|(at, item)| T::from_value(item).map_err(|problem| format!("[{at}]: {problem}")))
            .collect()
    }
}

/// An object, every key of it among `known` (any key when `known` is
/// empty: a map of words, a node of elasticlunr's trie).
pub(super) fn object<'v>(
    value: &'v Value,
    what: &str,
    known: &[&str],
) -> Result<&'v Map<String, Value>, String> {
    let object = value
        .as_object()
        .ok_or_else(|| format!("{what} is not an object"))?;
    if !known.is_empty() {
        if let Some(key) = object.keys().find(|key| !known.contains(&key.as_str())) {
            return Err(format!("unknown field `{key}` in {what}"));
        }
    }
    Ok(object)
}

fn required<'v>(object: &'v Map<String, Value>, name: &str) -> Result<&'v Value, String> {
    object
        .get(name)
        .ok_or_else(|| format!("missing field `{name}`"))
}

fn array<'v>(value: &'v Value, name: &str) -> Result<&'v [Value], String> {
    value
        .as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| format!("`{name}` is not a list"))
}

fn string(value: &Value, name: &str) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("`{name}` is not a string"))
}

fn strings(value: &Value, name: &str) -> Result<Vec<String>, String> {
    array(value, name)?
        .iter()
        .map(|item| string(item, name))
        .collect()
}

/// A whole number, not negative.
fn whole(value: &Value, name: &str) -> Result<usize, String> {
    value
        .as_u64()
        .and_then(|number| usize::try_from(number).ok())
        .ok_or_else(|| format!("`{name}` is not a whole number"))
}

/// A flag, false when it is not given.
fn flag(object: &Map<String, Value>, name: &str) -> Result<bool, String> {
    match object.get(name) {
        None => Ok(false),
        Some(value) => value
            .as_bool()
            .ok_or_else(|| format!("`{name}` is not true or false")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: FromJson + serde::Serialize + PartialEq + std::fmt::Debug>(value: T) {
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(from_json::<T>(&json).unwrap(), value, "{json}");
    }

    #[test]
    fn each_file_reads_back_what_was_written() {
        round_trip(Manifest {
            engine: "tanni 0.1.0".into(),
            documents: 3,
            records_per_file: 2,
            index: vec!["".into(), "核".into()],
            names: vec!["".into()],
            synonyms: vec![vec!["pet".into(), "陽電子 放射".into()]],
        });
        round_trip(Manifest::default());
        round_trip(vec![
            DocDisplay {
                path: "meetings/rsna/".into(),
                kind: DocKind::Meeting,
                title: "北米放射線学会".into(),
                id: Some("rsna".into()),
                detail: "10 単位".into(),
                required: false,
            },
            DocDisplay {
                path: "about/#what".into(),
                kind: DocKind::Section,
                title: "\"引用\" \\ \u{1}".into(),
                id: None,
                detail: String::new(),
                required: true,
            },
        ]);
        round_trip(NamesShard {
            names: BTreeMap::from([("核 医学".into(), vec![0, 4])]),
            runs: BTreeSet::from(["医学会".into()]),
            kana: BTreeMap::from([("かくい".into(), vec![2])]),
            words: BTreeMap::from([("radiology".into(), 12)]),
        });
        round_trip(NamesShard::default());
    }

    #[test]
    fn a_file_that_is_not_the_searchs_is_refused_naming_what_is_wrong() {
        let problem = |json: &str, kind: &str| match kind {
            "manifest" => from_json::<Manifest>(json).unwrap_err(),
            "records" => from_json::<Vec<DocDisplay>>(json).unwrap_err(),
            _ => from_json::<NamesShard>(json).unwrap_err(),
        };
        let manifest = r#"{"documents":1,"records_per_file":1,"index":[],"names":[]"#;
        assert!(problem(manifest, "manifest").contains("EOF"));
        assert_eq!(
            problem(&format!("{manifest},\"shards\":2}}"), "manifest"),
            "unknown field `shards` in the manifest"
        );
        assert_eq!(
            problem(
                r#"{"records_per_file":1,"index":[],"names":[]}"#,
                "manifest"
            ),
            "missing field `documents`"
        );
        assert_eq!(
            problem(
                r#"{"documents":-1,"records_per_file":1,"index":[],"names":[]}"#,
                "manifest"
            ),
            "`documents` is not a whole number"
        );
        assert_eq!(
            problem(
                r#"[{"path":"a/","kind":"person","title":"t","detail":""}]"#,
                "records"
            ),
            "[0]: `kind` is not meeting, category, page or section"
        );
        assert_eq!(
            problem(r#"{"names":{"a":[1,"2"]}}"#, "names"),
            "`names` is not a whole number"
        );
        assert_eq!(
            problem("[]", "names"),
            "a shard of the names is not an object"
        );
    }
}
