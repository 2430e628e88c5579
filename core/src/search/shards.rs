//! The search index of a language as files fetched on demand: the terms
//! split by their first characters into shards, each shard an elasticlunr
//! index in elasticlunr's JSON form, and the display records (`r{n}.json`)
//! in small numbered files. A query fetches the manifest once, then only
//! the shards of its own words and the records of the results it shows.
//!
//! A posting's `tf` is its whole weight in the ranking, not only the
//! term's frequency: elasticlunr's `tf` (√ of the count) divided by √ of
//! the field's length in the document and multiplied by the document's
//! prior (`super::prior`: credits, designation), to five significant
//! digits (`weight_text`). So a query needs nothing per document beyond
//! its words' shards: at 100,000 meetings a common word's documents span
//! every file of a per-document table, which its first query would fetch.
//! An edit to one meeting changes the shards of its terms.
//!
//! Two families of shards: the index itself (`i{n}.json`, the fields of
//! `FIELDS`) and the names (`n{n}.json`): every document's names whole
//! (for the exact tier), the suffixes of their Japanese runs (a reading
//! typed in kana, and the runs a slip may be read as) and their Latin words
//! (what a Latin slip may be read as).
//!
//! Writing is pure too: `Split::stream` turns an elasticlunr index
//! (documents numbered from 0) and the documents' names and records into
//! the files, one at a time, which the site writes under `/<lang>/search/`
//! as they come; `write_split` gathers them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Map, Value};

use super::documents::DocDisplay;
use super::{IndexError, FIELDS};

/// The manifest's path, under `/<lang>/`.
pub const MANIFEST: &str = "search/manifest.json";

/// A shard of the names (`search/n{n}.json`): what a query's tiers and
/// slips read of the documents' names, each entry in the shard of its key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NamesShard {
    /// Each name (`name_term`) with the documents it names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, Vec<usize>>,
    /// The suffixes of the Japanese runs of the names and the synonyms, cut
    /// at `RUN_SUFFIX_CHARS`: what a slip in a Japanese run is read as.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub runs: BTreeSet<String>,
    /// The suffixes of the names' runs of kana, three characters or more
    /// and cut at `MAX_NAME_TERM`, with the documents whose names hold
    /// them: a reading typed in kana.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kana: BTreeMap<String, Vec<usize>>,
    /// The Latin words of the names and synonyms that some document holds,
    /// with how many do: what a Latin slip is read as.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub words: BTreeMap<String, usize>,
}

/// How much of a run's suffix the names' shards keep: a slip is read in
/// runs of `MAX_SLIP_WORD` characters at most, one added, and the
/// character after.
pub const RUN_SUFFIX_CHARS: usize = super::approximate::MAX_SLIP_WORD + 2;

/// How many bytes of JSON a shard holds at most, roughly: a term's
/// postings are never split, so a shard of one common term may hold more.
pub const SHARD_BYTES: usize = 48 * 1024;

/// How many display records a file holds.
pub const RECORDS_PER_FILE: usize = 32;

/// What a language's search is made of: how many documents, where each
/// shard begins, and the synonyms a query is read with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// The engine that wrote these files (`tanni search` reads only its own).
    #[serde(default)]
    pub engine: String,
    pub documents: usize,
    pub records_per_file: usize,
    /// Shard `n` of the index (`search/i{n}.json`) holds the terms from
    /// `index[n]` up to `index[n + 1]`, in order (see `Keys`); `index[0]`
    /// is empty.
    pub index: Vec<String>,
    /// The same for the names' shards (`search/n{n}.json`).
    pub names: Vec<String>,
    /// Groups of words that mean the same, each word as `name_key` cuts it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
}

/// Which family a shard is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Index,
    Names,
}

impl Family {
    pub fn path(self, shard: usize) -> String {
        match self {
            Family::Index => format!("search/i{shard}.json"),
            Family::Names => format!("search/n{shard}.json"),
        }
    }
}

/// The path of the display records of document `doc`.
pub fn records_path(doc: usize, per_file: usize) -> String {
    format!("search/r{}.json", doc / per_file.max(1))
}

/// What a file of the search is, read from its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Shard(Family, usize),
    Records(usize),
}

pub fn file_kind(path: &str) -> Option<FileKind> {
    let name = path.strip_prefix("search/")?.strip_suffix(".json")?;
    let number = |rest: &str| -> Option<usize> {
        (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
            .then(|| rest.parse().ok())
            .flatten()
    };
    match name.split_at(1.min(name.len())) {
        ("i", rest) => Some(FileKind::Shard(Family::Index, number(rest)?)),
        ("n", rest) => Some(FileKind::Shard(Family::Names, number(rest)?)),
        ("r", rest) => Some(FileKind::Records(number(rest)?)),
        _ => None,
    }
}

/// Where each of a family's shards begins: shard `n` holds the terms from
/// its first key up to the next shard's, in the order of `str`; the first
/// shard's is empty. The manifest holds one key a shard (at 100,000
/// meetings 4,900 keys, against the 39,000 of the splits it packs: the
/// manifest went from 118 KB gzipped to 18 KB), and the writer sorts the
/// terms into the shards by the same keys the reader looks them up by.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// Each shard's first key, in order.
    firsts: Vec<String>,
}

impl Keys {
    /// The keys of shards that begin at `firsts`, if they are in order and
    /// the first is empty.
    pub fn new(firsts: Vec<String>) -> Result<Keys, String> {
        if firsts.first().is_some_and(|first| !first.is_empty()) {
            return Err("the first shard does not begin at the start".to_string());
        }
        if let Some(pair) = firsts.windows(2).find(|pair| pair[0] >= pair[1]) {
            return Err(format!("`{}` comes after `{}`", pair[0], pair[1]));
        }
        Ok(Keys { firsts })
    }

    /// The keys of shards packed from a split (`pack`): each shard's first
    /// key, the first shard's empty.
    fn of_packed(shards: &[Vec<String>]) -> Keys {
        let firsts = shards
            .iter()
            .enumerate()
            .map(|(number, keys)| match number {
                0 => String::new(),
                _ => keys.first().cloned().unwrap_or_default(),
            })
            .collect();
        Keys::new(firsts).expect("a split's keys are in order")
    }

    /// Each shard's first key.
    pub fn firsts(&self) -> &[String] {
        &self.firsts
    }

    /// The shard that holds `term` if the family holds it; none where there
    /// are no shards.
    pub fn of(&self, term: &str) -> Option<usize> {
        (!self.firsts.is_empty()).then(|| {
            self.firsts
                .partition_point(|first| first.as_str() <= term)
                .saturating_sub(1)
        })
    }

    /// The shards that hold the terms that begin with `prefix`: the one of
    /// `prefix`, and the ones after it that begin with it.
    pub fn with_prefix(&self, prefix: &str) -> BTreeSet<usize> {
        let Some(start) = self.of(prefix) else {
            return BTreeSet::new();
        };
        let more = self.firsts[start + 1..]
            .iter()
            .take_while(|first| first.starts_with(prefix))
            .count();
        (start..=start + more).collect()
    }
}

/// Postings: (document number, term frequency).
pub type Postings = Vec<(usize, f64)>;

/// The terms of one field, sorted, with their postings.
pub type Terms = Vec<(String, Postings)>;

/// An elasticlunr index as JSON, read: per field (by name) its terms, and
/// per document (by number) its field lengths and stored values.
#[derive(Debug, Default)]
pub struct Elastic {
    pub fields: BTreeMap<String, Terms>,
    pub lengths: BTreeMap<usize, BTreeMap<String, usize>>,
    pub stored: BTreeMap<usize, BTreeMap<String, String>>,
}

/// A reference of elasticlunr's as the document number it is.
fn number(reference: &str) -> Result<usize, IndexError> {
    reference
        .parse()
        .map_err(|_| IndexError(format!("`{reference}` is not a document number")))
}

/// The fields' terms of an elasticlunr index (its `index` object), sorted,
/// with their postings.
fn fields_of(index: &Value) -> Result<BTreeMap<String, Terms>, IndexError> {
    let mut fields = BTreeMap::new();
    for (name, field) in object(index, "`index`")? {
        let root = field
            .get("root")
            .ok_or_else(|| IndexError(format!("field `{name}` has no `root`")))?;
        let mut terms = Vec::new();
        trie_terms(root, &mut String::new(), &mut terms)?;
        crate::sort::sort_by(&mut terms, |a, b| a.0.cmp(&b.0));
        fields.insert(name.clone(), terms);
    }
    Ok(fields)
}

fn object<'v>(value: &'v Value, what: &str) -> Result<&'v Map<String, Value>, IndexError> {
    super::read::object(value, what, &[]).map_err(IndexError)
}

/// The terms of a trie node of elasticlunr's (its `docs`, a child per next
/// character, its `df`), each with its postings sorted. Read from the JSON
/// as a `Value`, whose reader the module has already: a reader of its own
/// for the trie made the WebAssembly module 27 KB larger.
fn trie_terms(node: &Value, prefix: &mut String, terms: &mut Terms) -> Result<(), IndexError> {
    for (key, value) in object(node, "a node of an elasticlunr index")? {
        match key.as_str() {
            "docs" => {
                let docs = object(value, "`docs`")?;
                if docs.is_empty() {
                    continue;
                }
                let mut postings = Vec::with_capacity(docs.len());
                for (reference, info) in docs {
                    let tf = info.get("tf").and_then(Value::as_f64).ok_or_else(|| {
                        IndexError(format!("`{prefix}`: document {reference} has no `tf`"))
                    })?;
                    postings.push((number(reference)?, tf));
                }
                crate::sort::sort_by_key(&mut postings, |&(doc, _)| doc);
                terms.push((prefix.clone(), postings));
            }
            "df" => {}
            character => {
                if character.chars().count() != 1 {
                    return Err(IndexError(format!("`{character}` is not one character")));
                }
                let before = prefix.len();
                prefix.push_str(character);
                trie_terms(value, prefix, terms)?;
                prefix.truncate(before);
            }
        }
    }
    Ok(())
}

/// A shard of the index as the search reads it: its fields' terms (its
/// document store, empty, is not read).
pub fn shard_terms(json: &str) -> Result<BTreeMap<String, Terms>, IndexError> {
    let raw: Value = serde_json::from_str(json).map_err(|error| IndexError(error.to_string()))?;
    fields_of(
        raw.get("index")
            .ok_or_else(|| IndexError("no `index`".into()))?,
    )
}

impl Elastic {
    /// An index as elasticlunr-rs writes it, with its documents' lengths.
    pub fn from_json(json: &str) -> Result<Elastic, IndexError> {
        let raw: Value =
            serde_json::from_str(json).map_err(|error| IndexError(error.to_string()))?;
        let store = raw
            .get("documentStore")
            .ok_or_else(|| IndexError("no `documentStore`".into()))?;
        let mut lengths = BTreeMap::new();
        if let Some(info) = store.get("docInfo") {
            for (reference, info) in object(info, "`docInfo`")? {
                let info = serde_json::from_value(info.clone())
                    .map_err(|error| IndexError(format!("document {reference}: {error}")))?;
                lengths.insert(number(reference)?, info);
            }
        }
        let mut stored = BTreeMap::new();
        if let Some(docs) = store.get("docs") {
            for (reference, values) in object(docs, "`docs`")? {
                let values = serde_json::from_value(values.clone())
                    .map_err(|error| IndexError(format!("document {reference}: {error}")))?;
                stored.insert(number(reference)?, values);
            }
        }
        let index = raw
            .get("index")
            .ok_or_else(|| IndexError("no `index`".into()))?;
        Ok(Elastic {
            fields: fields_of(index)?,
            lengths,
            stored,
        })
    }
}

/// The longest term the names' shards hold, in characters: a trie nests
/// a level per character, and a reader stops at a depth (a name longer is
/// held by its start and a hash of the whole; a run's suffix is cut).
pub const MAX_NAME_TERM: usize = crate::tokenizer::MAX_WORD_CHARS;

/// FNV-1a, 64 bits: a hash the same on every machine and in WebAssembly.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash: u64, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A name key as the names' shards hold it: itself, or when it is longer
/// than `MAX_NAME_TERM`, its start and a hash of the whole (FNV-1a).
pub fn name_term(key: &str) -> String {
    if key.chars().count() <= MAX_NAME_TERM {
        return key.to_string();
    }
    let hash = fnv1a(key.as_bytes());
    let start: String = key.chars().take(MAX_NAME_TERM - 17).collect();
    format!("{start}\u{1}{hash:016x}")
}

/// The files of a language's search, by path under `/<lang>/`, sorted (see
/// `stream_split`).
pub fn write_split(
    engine: &str,
    index: &Elastic,
    names: &[Vec<String>],
    records: &[DocDisplay],
    synonyms: &[Vec<String>],
    shard_bytes: usize,
) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let split = Split {
        engine,
        index,
        names,
        records,
        synonyms,
        shard_bytes,
    };
    let written: Result<(), std::convert::Infallible> = split.stream(
        |_| Ok(()),
        |path, text| {
            files.push((path, text));
            Ok(())
        },
    );
    let Ok(()) = written;
    files.sort();
    files
}

/// What a language's search is split from: the elasticlunr index
/// (documents numbered from 0), with the documents' stored values;
/// `names[n]` and `records[n]` are document `n`'s; shards of about
/// `shard_bytes` each (the site's are `SHARD_BYTES`, the tests split an
/// index far finer and find what one shard finds).
pub struct Split<'a> {
    pub engine: &'a str,
    pub index: &'a Elastic,
    pub names: &'a [Vec<String>],
    pub records: &'a [DocDisplay],
    pub synonyms: &'a [Vec<String>],
    pub shard_bytes: usize,
}

impl Split<'_> {
    /// Writes the files of the search, by path under `/<lang>/`: the
    /// manifest, the index's and the names' shards, and the records. Every
    /// path is given to `announce` first, then each file to
    /// `emit` as soon as it is made, so that no more than one file's text is
    /// held at a time. Stops at the first error either returns.
    pub fn stream<E>(
        &self,
        announce: impl FnOnce(&[String]) -> Result<(), E>,
        mut emit: impl FnMut(String, String) -> Result<(), E>,
    ) -> Result<(), E> {
        let Split {
            engine,
            index,
            names,
            records,
            synonyms,
            shard_bytes,
        } = *self;
        let documents = records.len();

        // The index's shards: every field's terms under one set of keys.
        let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
        for terms in index.fields.values() {
            for (term, postings) in terms {
                *sizes.entry(term).or_default() += term_bytes(term, postings.len());
            }
        }
        let index_keys = Keys::of_packed(&pack(
            &keys_of(&sizes.into_iter().collect::<Vec<_>>(), shard_bytes),
            shard_bytes,
        ));
        let field_names: Vec<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
        let empty = Vec::new();
        let index_fields: Vec<&Terms> = field_names
            .iter()
            .map(|name| index.fields.get(*name).unwrap_or(&empty))
            .collect();
        let held = shard_terms_held(&index_keys, &index_fields);

        let norms = norms(index, documents);

        // The names' shards.
        let all = names_shard(index, names, synonyms);
        let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
        let entries = (all.names.iter().map(|(key, docs)| (key, docs.len() * 6)))
            .chain(all.runs.iter().map(|key| (key, 0)))
            .chain(all.kana.iter().map(|(key, docs)| (key, docs.len() * 6)))
            .chain(all.words.keys().map(|key| (key, 4)));
        for (key, size) in entries {
            *sizes.entry(key.as_str()).or_default() += key.len() + 4 + size;
        }
        let sizes: Vec<(&str, usize)> = sizes.into_iter().collect();
        let names_keys = Keys::of_packed(&pack(&keys_of(&sizes, shard_bytes), shard_bytes));
        let mut parts = vec![NamesShard::default(); names_keys.firsts().len()];
        let shard = |key: &str| names_keys.of(key).expect("every key has a shard");
        for (key, docs) in all.names {
            parts[shard(&key)].names.insert(key, docs);
        }
        for key in all.runs {
            parts[shard(&key)].runs.insert(key);
        }
        for (key, docs) in all.kana {
            parts[shard(&key)].kana.insert(key, docs);
        }
        for (key, count) in all.words {
            parts[shard(&key)].words.insert(key, count);
        }

        let manifest = Manifest {
            engine: engine.to_string(),
            documents,
            records_per_file: RECORDS_PER_FILE,
            index: index_keys.firsts().to_vec(),
            names: names_keys.firsts().to_vec(),
            synonyms: synonyms.to_vec(),
        };

        let paths: Vec<String> = (0..manifest.index.len())
            .map(|shard| Family::Index.path(shard))
            .chain((0..parts.len()).map(|shard| Family::Names.path(shard)))
            .chain(numbered_paths(documents, RECORDS_PER_FILE, records_path))
            .chain([MANIFEST.to_string()])
            .collect();
        announce(&paths)?;

        for (shard, fields) in held.iter().enumerate() {
            emit(
                Family::Index.path(shard),
                elastic_json(&field_names, fields, &norms),
            )?;
        }
        for (shard, part) in parts.into_iter().enumerate() {
            emit(
                Family::Names.path(shard),
                serde_json::to_string(&part).expect("names serialize"),
            )?;
        }
        for (path, text) in numbered_files(records, RECORDS_PER_FILE, records_path) {
            emit(path, text)?;
        }
        emit(
            MANIFEST.to_string(),
            serde_json::to_string(&manifest).expect("manifest serializes"),
        )
    }
}

/// Each posting's weight beside its frequency, per field (`FIELDS`' order)
/// and per document: the document's prior over √ of the field's length.
fn norms(index: &Elastic, documents: usize) -> Vec<Vec<f64>> {
    let priors: Vec<f64> = (0..documents)
        .map(|doc| {
            let stored = index.stored.get(&doc);
            super::prior(
                stored
                    .and_then(|s| s.get("required"))
                    .is_some_and(|r| r == "true"),
                stored
                    .and_then(|s| s.get("credits"))
                    .and_then(|c| c.parse().ok()),
            )
        })
        .collect();
    FIELDS
        .iter()
        .map(|(name, _)| {
            priors
                .iter()
                .enumerate()
                .map(|(doc, prior)| {
                    let length = index
                        .lengths
                        .get(&doc)
                        .and_then(|l| l.get(*name))
                        .copied()
                        .unwrap_or(0);
                    prior / (length.max(1) as f64).sqrt()
                })
                .collect()
        })
        .collect()
}

/// The paths of `numbered_files` for `documents` documents.
fn numbered_paths(
    documents: usize,
    per_file: usize,
    path: fn(usize, usize) -> String,
) -> impl Iterator<Item = String> {
    (0..documents.div_ceil(per_file)).map(move |file| path(file * per_file, per_file))
}

/// Per-document items in files of `per_file`, each file a JSON list, at
/// the path `path` gives its first document.
fn numbered_files<'a, T: Serialize>(
    items: &'a [T],
    per_file: usize,
    path: fn(usize, usize) -> String,
) -> impl Iterator<Item = (String, String)> + 'a {
    items
        .chunks(per_file)
        .enumerate()
        .map(move |(file, chunk)| {
            (
                path(file * per_file, per_file),
                serde_json::to_string(chunk).expect("documents' items serialize"),
            )
        })
}

/// About how many bytes of JSON a term costs: its trie nodes and its
/// postings.
fn term_bytes(term: &str, postings: usize) -> usize {
    term.chars().count() * 16 + postings * 18
}

/// The keys that split these terms (sorted, with their sizes) into parts of
/// at most `limit` bytes each, by their first characters: a part too large
/// is split by the next character, down to single terms. Each key comes
/// with the size of what it holds.
fn keys_of(terms: &[(&str, usize)], limit: usize) -> Vec<(String, usize)> {
    let mut keys = Vec::new();
    split("", terms, limit, &mut keys);
    keys
}

fn split(prefix: &str, terms: &[(&str, usize)], limit: usize, keys: &mut Vec<(String, usize)>) {
    let total: usize = terms.iter().map(|(_, size)| size).sum();
    if terms.is_empty() {
        return;
    }
    if total <= limit || terms.len() == 1 {
        keys.push((prefix.to_string(), total));
        return;
    }
    let mut rest = terms;
    if let Some((term, size)) = terms.first() {
        if *term == prefix {
            keys.push((prefix.to_string(), *size));
            rest = &terms[1..];
        }
    }
    while let Some((first, _)) = rest.first() {
        let next = first[prefix.len()..]
            .chars()
            .next()
            .expect("longer than its prefix");
        let mut child = prefix.to_string();
        child.push(next);
        let end = rest.partition_point(|(term, _)| term.starts_with(child.as_str()));
        split(&child, &rest[..end], limit, keys);
        rest = &rest[end..];
    }
}

/// Neighbouring keys together while they fit in `limit`.
fn pack(keys: &[(String, usize)], limit: usize) -> Vec<Vec<String>> {
    let mut shards: Vec<Vec<String>> = Vec::new();
    let mut size = 0;
    for (key, bytes) in keys {
        match shards.last_mut() {
            Some(shard) if size + bytes <= limit => {
                shard.push(key.clone());
                size += bytes;
            }
            _ => {
                shards.push(vec![key.clone()]);
                size = *bytes;
            }
        }
    }
    shards
}

/// Everything the names' shards hold, before it is split.
fn names_shard(index: &Elastic, names: &[Vec<String>], synonyms: &[Vec<String>]) -> NamesShard {
    // The names gathered in a list, then sorted once: far faster than a
    // tree of strings at a hundred thousand documents. The kana suffixes
    // by their text, each held once: at 100,000 meetings there are 2.4
    // million (suffix, document) pairs but 640,000 suffixes.
    let mut whole: Vec<(String, usize)> = Vec::new();
    let mut kana: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    let mut suffix = String::new();
    let mut words: BTreeSet<String> = BTreeSet::new();
    let mut runs: Vec<Vec<char>> = Vec::new();
    for (doc, keys) in names.iter().enumerate() {
        for key in keys {
            whole.push((name_term(key), doc));
            let (key_runs, key_words) = super::approximate::name_parts(key);
            for run in &key_runs {
                // The runs of kana within the run, each suffix of three
                // characters or more.
                for stretch in run.split(|&c| !super::approximate::is_kana(c)) {
                    for start in 0..stretch.len().saturating_sub(2) {
                        suffix.clear();
                        suffix.extend(stretch[start..].iter().take(MAX_NAME_TERM));
                        // Documents come in order: each list stays sorted.
                        match kana.get_mut(suffix.as_str()) {
                            Some(docs) if docs.last() == Some(&doc) => {}
                            Some(docs) => docs.push(doc),
                            None => {
                                kana.insert(suffix.clone(), vec![doc]);
                            }
                        }
                    }
                }
            }
            runs.extend(key_runs);
            words.extend(key_words);
        }
    }
    for word in synonyms.iter().flatten() {
        let (word_runs, word_words) = super::approximate::name_parts(word);
        runs.extend(word_runs);
        words.extend(word_words);
    }
    runs.sort_unstable();
    runs.dedup();
    let mut suffixes: Vec<String> = runs
        .iter()
        .flat_map(|run| {
            (0..run.len()).map(move |start| run[start..].iter().take(RUN_SUFFIX_CHARS).collect())
        })
        .collect();
    suffixes.sort_unstable();
    suffixes.dedup();
    let mut all = NamesShard {
        names: grouped(whole),
        runs: suffixes.into_iter().collect(),
        kana: kana.into_iter().collect(),
        words: BTreeMap::new(),
    };
    // A word's documents: those that hold it in any field of the index.
    let mut held: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for terms in index.fields.values() {
        for (term, postings) in terms {
            if words.contains(term) {
                held.entry(term)
                    .or_default()
                    .extend(postings.iter().map(|&(doc, _)| doc));
            }
        }
    }
    all.words = held
        .into_iter()
        .map(|(word, docs)| (word.to_string(), docs.len()))
        .collect();
    all
}

/// (key, document) pairs as each key with its documents, ascending.
fn grouped(mut pairs: Vec<(String, usize)>) -> BTreeMap<String, Vec<usize>> {
    pairs.sort_unstable();
    pairs.dedup();
    let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut current: Option<(String, Vec<usize>)> = None;
    for (key, doc) in pairs {
        match &mut current {
            Some((held, docs)) if *held == key => docs.push(doc),
            _ => {
                if let Some((held, docs)) = current.take() {
                    map.insert(held, docs);
                }
                current = Some((key, vec![doc]));
            }
        }
    }
    if let Some((held, docs)) = current {
        map.insert(held, docs);
    }
    map
}

/// Per shard, per field: the terms it holds.
fn shard_terms_held<'t>(
    keys: &Keys,
    fields: &[&'t Terms],
) -> Vec<Vec<Vec<&'t (String, Postings)>>> {
    let mut held: Vec<Vec<Vec<&(String, Postings)>>> =
        vec![vec![Vec::new(); fields.len()]; keys.firsts().len()];
    for (number, terms) in fields.iter().enumerate() {
        for entry in terms.iter() {
            if let Some(shard) = keys.of(&entry.0) {
                held[shard][number].push(entry);
            }
        }
    }
    held
}

/// An elasticlunr index in its JSON form: its fields' tries, each
/// posting's `tf` its weight (`norms[field][doc]` times its frequency; see
/// the module's comment). Its document store is empty.
fn elastic_json(
    field_names: &[&str],
    fields: &[Vec<&(String, Postings)>],
    norms: &[Vec<f64>],
) -> String {
    let mut out = String::from("{\"version\":\"0.9.5\",\"fields\":");
    out.push_str(&serde_json::to_string(field_names).expect("names serialize"));
    out.push_str(",\"ref\":\"id\",\"pipeline\":[],\"lang\":\"tanni\",\"index\":{");
    for (number, ((name, terms), norms)) in field_names.iter().zip(fields).zip(norms).enumerate() {
        if number > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{name}\":{{\"root\":");
        let terms: Vec<(Vec<char>, &Postings)> = terms
            .iter()
            .map(|(term, postings)| (term.chars().collect(), postings))
            .collect();
        trie(&mut out, &terms, 0, norms);
        out.push('}');
    }
    out.push_str("},\"documentStore\":{\"save\":false,\"docs\":{},\"docInfo\":{},\"length\":0}}");
    out
}

/// A posting's weight as the shards write it: five significant digits,
/// without trailing zeros (`1.0`, `0.31623`, `1.2247`). The browser and
/// `tanni search` read the same text, so they rank alike.
pub fn weight_text(weight: f64) -> String {
    if !(weight.is_finite() && weight > 0.0) {
        return "0.0".to_string();
    }
    let decimals = (4 - weight.log10().floor() as i32).clamp(1, 15) as usize;
    let mut text = format!("{weight:.decimals$}");
    while text.ends_with('0') && !text.ends_with(".0") {
        text.pop();
    }
    text
}

/// A trie node of terms (sorted) that share their first `depth` characters.
fn trie(out: &mut String, terms: &[(Vec<char>, &Postings)], depth: usize, norms: &[f64]) {
    out.push_str("{\"docs\":{");
    let mut rest = terms;
    let mut frequency = 0;
    if let Some((term, postings)) = terms.first() {
        if term.len() == depth {
            for (number, (doc, tf)) in postings.iter().enumerate() {
                if number > 0 {
                    out.push(',');
                }
                let _ = write!(out, "\"{doc}\":{{\"tf\":");
                out.push_str(&weight_text(tf * norms.get(*doc).copied().unwrap_or(1.0)));
                out.push('}');
            }
            frequency = postings.len();
            rest = &terms[1..];
        }
    }
    let _ = write!(out, "}},\"df\":{frequency}");
    while let Some((first, _)) = rest.first() {
        let next = first[depth];
        let end = rest.partition_point(|(term, _)| term.len() > depth && term[depth] <= next);
        out.push(',');
        if next == '"' || next == '\\' || next.is_control() {
            out.push_str(&serde_json::to_string(&next.to_string()).expect("a key serializes"));
        } else {
            out.push('"');
            out.push(next);
            out.push('"');
        }
        out.push(':');
        trie(out, &rest[..end], depth + 1, norms);
        rest = &rest[end..];
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(firsts: &[&str]) -> Keys {
        Keys::new(firsts.iter().map(|k| k.to_string()).collect()).unwrap()
    }

    #[test]
    fn a_term_is_in_the_last_shard_that_begins_at_or_before_it() {
        let keys = keys(&["", "核", "核医", "核医学"]);
        assert_eq!(keys.of("apple"), Some(0));
        assert_eq!(keys.of(""), Some(0));
        assert_eq!(keys.of("核"), Some(1));
        assert_eq!(keys.of("核医"), Some(2));
        assert_eq!(keys.of("核医学会"), Some(3));
        assert_eq!(keys.of("核心"), Some(3), "心 comes after 医");
        assert_eq!(keys.of("zebra"), Some(0), "before 核");
        assert_eq!(keys.with_prefix("核"), BTreeSet::from([1, 2, 3]));
        assert_eq!(keys.with_prefix("核医"), BTreeSet::from([2, 3]));
        assert_eq!(keys.with_prefix("ap"), BTreeSet::from([0]));
        assert_eq!(Keys::default().of("核"), None);
        assert!(Keys::default().with_prefix("核").is_empty());
    }

    #[test]
    fn keys_out_of_order_or_not_from_the_start_are_refused() {
        let new = |firsts: &[&str]| Keys::new(firsts.iter().map(|k| k.to_string()).collect());
        assert_eq!(new(&["", "b", "a"]).unwrap_err(), "`b` comes after `a`");
        assert_eq!(new(&["", "a", "a"]).unwrap_err(), "`a` comes after `a`");
        assert_eq!(
            new(&["a"]).unwrap_err(),
            "the first shard does not begin at the start"
        );
    }

    #[test]
    fn every_term_of_a_split_lands_in_the_shard_its_keys_were_packed_into() {
        // Terms as a split meets them: one shard's worth, a prefix that is
        // itself a term, neighbours that share a beginning.
        let terms = [
            ("b", 5),
            ("ba", 30),
            ("bb", 30),
            ("核", 8),
            ("核医", 20),
            ("核医学", 20),
            ("核心", 20),
            ("関東", 40),
        ];
        for limit in [10, 40, 60, 1000] {
            let packed = pack(&keys_of(&terms, limit), limit);
            let keys = Keys::of_packed(&packed);
            for (term, _) in terms {
                // The shard whose split keys include the longest key the
                // term begins with.
                let by_split = packed
                    .iter()
                    .enumerate()
                    .filter_map(|(shard, keys)| {
                        keys.iter()
                            .filter(|key| term.starts_with(key.as_str()))
                            .map(|key| (key.len(), shard))
                            .max()
                    })
                    .max()
                    .map(|(_, shard)| shard);
                assert_eq!(keys.of(term), by_split, "{term} at {limit}: {packed:?}");
            }
        }
    }

    #[test]
    fn terms_are_split_by_their_first_characters_until_each_part_fits() {
        let terms = [("aa", 10), ("ab", 10), ("b", 5), ("ba", 30), ("bb", 30)];
        assert_eq!(
            keys_of(&terms, 100),
            [("".to_string(), 85)],
            "all of it fits in one"
        );
        let split = keys_of(&terms, 40);
        assert_eq!(
            split,
            [
                ("a".to_string(), 20),
                ("b".to_string(), 5),
                ("ba".to_string(), 30),
                ("bb".to_string(), 30)
            ]
        );
        assert_eq!(
            pack(&split, 40),
            [
                vec!["a".to_string(), "b".to_string()],
                vec!["ba".to_string()],
                vec!["bb".to_string()]
            ]
        );
    }

    #[test]
    fn a_file_is_known_by_its_path_and_nothing_else_is() {
        assert_eq!(
            file_kind("search/i12.json"),
            Some(FileKind::Shard(Family::Index, 12))
        );
        assert_eq!(
            file_kind("search/n0.json"),
            Some(FileKind::Shard(Family::Names, 0))
        );
        assert_eq!(file_kind("search/r3.json"), Some(FileKind::Records(3)));
        for path in [
            "search/i.json",
            "search/x1.json",
            "search/i1.js",
            "../i1.json",
            "search/i-1.json",
        ] {
            assert_eq!(file_kind(path), None, "{path}");
        }
    }

    #[test]
    fn a_shard_is_an_elasticlunr_index_that_reads_back_with_each_posting_weighted() {
        let mut terms: Terms = vec![
            ("核医".into(), vec![(0, 1.0), (2, 2.0)]),
            ("核".into(), vec![(1, 1.0)]),
        ];
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        // Document 2's field is 4 tokens long and its prior 1.5: 2 × 1.5 / √4.
        let norms = [vec![1.0, 1.0 / 3f64.sqrt(), 1.5 / 2.0]];
        let json = elastic_json(&["title"], &[terms.iter().collect()], &norms);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value["index"]["title"]["root"]["核"]["医"]["docs"]["2"]["tf"],
            1.5
        );
        assert_eq!(value["index"]["title"]["root"]["核"]["df"], 1);
        let read = Elastic::from_json(&json).unwrap();
        let weighted: Terms = vec![
            ("核".into(), vec![(1, 0.57735)]),
            ("核医".into(), vec![(0, 1.0), (2, 1.5)]),
        ];
        assert_eq!(read.fields["title"], weighted);
    }

    #[test]
    fn a_weight_is_written_to_five_significant_digits() {
        let cases = [
            (1.0, "1.0"),
            (1.0 / 3f64.sqrt(), "0.57735"),
            (1.5f64.sqrt(), "1.2247"),
            (10.0, "10.0"),
            (1.02 * 2f64.sqrt(), "1.4425"),
            (0.000123456, "0.00012346"),
            (123456.0, "123456.0"),
        ];
        for (weight, text) in cases {
            assert_eq!(weight_text(weight), text, "{weight}");
            let back: f64 = text.parse().unwrap();
            assert!((back - weight).abs() <= weight * 5e-5, "{weight} → {text}");
        }
        assert_eq!(weight_text(f64::NAN), "0.0");
    }
}
