//! The search engine's query side: reads the shards of an elasticlunr index
//! (elasticlunr-rs's, split by `shards`) as a query needs them, and ranks
//! its documents. The browser runs this very code as WebAssembly and `tanni
//! search` runs it natively, so both give the same ranking for the same
//! files; and a query over the shards it asked for ranks as over the whole
//! index.
//!
//! Every query token must match (AND) in some field; in the name fields, Latin
//! words and single CJK characters may match as prefixes (a name half typed),
//! elsewhere only whole words match. For each token, a field scores its
//! boost times term frequency, rarity and a field-length norm; a document
//! gets its best field's score and a tenth of the others', summed over the
//! tokens. Only operations that are exactly rounded in IEEE 754
//! (`+ * / sqrt`) are used, so native and WebAssembly scores agree to the bit.

mod approximate;
mod documents;
mod highlight;
pub mod read;
pub mod shards;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

pub use approximate::edit_distance;
pub use documents::{name_key, DocDisplay, DocFields, DocKind, FIELDS, PREFIX_FIELDS};
pub use highlight::highlight;

use crate::tokenizer::{is_cjk, tokens_with_positions};
use approximate::{corrections, Lexicon};
use shards::{file_kind, records_path, Family, FileKind, Keys, Manifest, NamesShard, Postings};

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The document's number: its record (`Searcher::record`) says what
    /// it is.
    pub doc: usize,
    pub score: f64,
    /// Found only with a slip of the query corrected ("Did you mean"):
    /// nothing matched the query as typed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// What a query found, and when it found nothing as typed, the corrected
/// queries it was searched as instead (its hits are then `approximate`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub did_you_mean: Option<String>,
}

struct FieldIndex {
    boost: f64,
    prefix: bool,
    /// term → postings (document number, weight: its frequency over √ of
    /// the field's length, times the document's `prior`), from the shards
    /// loaded so far
    terms: BTreeMap<String, Postings>,
}

/// How much more a designated (required) meeting weighs: the meetings the
/// renewal hinges on, and the ones the regulation itself names, come first
/// among equally good matches (`地方会` finds the JRS regional meetings).
pub const DESIGNATED_PRIOR: f64 = 1.5;

/// A meeting's credits add `credits / CREDITS_PRIOR_SCALE` to its weight, so
/// that among names that match alike the national meeting (5 credits) comes
/// before a local one (1 or 2): "nuclear medicine" finds the Japanese Society
/// of Nuclear Medicine first.
pub const CREDITS_PRIOR_SCALE: f64 = 50.0;

/// A document's weight from what the index stores of it: its credits and
/// whether it is designated. The shards write it into each posting.
pub fn prior(required: bool, credits: Option<u32>) -> f64 {
    let designated = if required { DESIGNATED_PRIOR } else { 1.0 };
    designated * (1.0 + f64::from(credits.unwrap_or(0)) / CREDITS_PRIOR_SCALE)
}

/// The search of one language, over the files of `shards`: made from the
/// manifest, then given the shards and records it asks for. A query that
/// needs a file not given yet notes it (`take_missing`) and answers as if
/// its terms were absent; asked again once the file is given, it answers
/// as if the whole index were loaded.
pub struct Searcher {
    documents: usize,
    records_per_file: usize,
    index_keys: Keys,
    names_keys: Keys,
    loaded: BTreeSet<String>,
    fields: Vec<FieldIndex>,
    /// What the names' shards loaded hold (see `NamesShard`).
    names: NamesShard,
    /// Groups of words that mean the same, each word as its tokens.
    synonyms: Vec<Vec<Vec<String>>>,
    records: BTreeMap<usize, DocDisplay>,
    /// The files a query needed and did not have.
    missing: RefCell<BTreeSet<String>>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct IndexError(pub String);

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid search index: {}", self.0)
    }
}

impl Searcher {
    /// A search over the files its manifest (`search/manifest.json`) lists.
    pub fn from_manifest(json: &str) -> Result<Searcher, IndexError> {
        let manifest: Manifest =
            read::from_json(json).map_err(|e| IndexError(format!("manifest: {e}")))?;
        let documents = manifest.documents;
        // A manifest from elsewhere must not make the search take all the
        // memory there is: each document takes some 40 bytes here.
        if documents > MAX_DOCUMENTS {
            return Err(IndexError(format!(
                "manifest: {documents} documents, more than the {MAX_DOCUMENTS} a search holds"
            )));
        }
        let fields = FIELDS
            .iter()
            .map(|&(name, boost)| FieldIndex {
                boost,
                prefix: PREFIX_FIELDS.contains(&name),
                terms: BTreeMap::new(),
            })
            .collect();
        Ok(Searcher {
            documents,
            records_per_file: manifest.records_per_file.max(1),
            index_keys: Keys::new(manifest.index)
                .map_err(|e| IndexError(format!("manifest: `index`: {e}")))?,
            names_keys: Keys::new(manifest.names)
                .map_err(|e| IndexError(format!("manifest: `names`: {e}")))?,
            loaded: BTreeSet::new(),
            fields,
            names: NamesShard::default(),
            synonyms: manifest
                .synonyms
                .iter()
                .map(|group| {
                    group
                        .iter()
                        .map(|word| word.split(' ').map(str::to_string).collect())
                        .collect()
                })
                .collect(),
            records: BTreeMap::new(),
            missing: RefCell::new(BTreeSet::new()),
        })
    }

    /// Takes in a file of the search (a path under `/<lang>/` and its
    /// text); a file given twice is read once.
    pub fn add(&mut self, path: &str, json: &str) -> Result<(), IndexError> {
        if self.loaded.contains(path) {
            return Ok(());
        }
        let within = |what: &str| IndexError(format!("{path}: {what}"));
        match file_kind(path).ok_or_else(|| within("not a file of the search"))? {
            FileKind::Records(file) => {
                let records: Vec<DocDisplay> = read::from_json(json).map_err(|e| within(&e))?;
                let first = self
                    .first_of(file, self.records_per_file, records.len())
                    .map_err(|doc| within(&format!("no document {doc}")))?;
                self.records.extend((first..).zip(records));
            }
            FileKind::Shard(Family::Names, _) => {
                let shard: NamesShard = read::from_json(json).map_err(|e| within(&e))?;
                let documents = self.documents;
                let bad = shard
                    .names
                    .values()
                    .chain(shard.kana.values())
                    .flatten()
                    .find(|&&doc| doc >= documents);
                if let Some(doc) = bad {
                    return Err(within(&format!("no document {doc}")));
                }
                self.names.names.extend(shard.names);
                self.names.runs.extend(shard.runs);
                self.names.kana.extend(shard.kana);
                self.names.words.extend(shard.words);
            }
            FileKind::Shard(Family::Index, _) => {
                let mut fields = shards::shard_terms(json).map_err(|e| within(&e.0))?;
                for (field, (name, _)) in self.fields.iter_mut().zip(FIELDS) {
                    for (term, postings) in fields.remove(name).into_iter().flatten() {
                        if let Some(&(doc, _)) =
                            postings.iter().find(|(doc, _)| *doc >= self.documents)
                        {
                            return Err(within(&format!("no document {doc}")));
                        }
                        field.terms.insert(term, postings);
                    }
                }
            }
        }
        self.loaded.insert(path.to_string());
        Ok(())
    }

    /// The first of the `len` documents of file `file` of a family of
    /// `per_file` a file, where all of them are documents of this search;
    /// else the first that is not.
    fn first_of(&self, file: usize, per_file: usize, len: usize) -> Result<usize, usize> {
        let first = file.saturating_mul(per_file);
        match first.checked_add(len) {
            Some(end) if end <= self.documents => Ok(first),
            _ => Err(first.max(self.documents)),
        }
    }

    /// The files the queries asked since the last call needed and did not
    /// have, to be given (`add`) before asking again.
    pub fn take_missing(&self) -> Vec<String> {
        std::mem::take(&mut *self.missing.borrow_mut())
            .into_iter()
            .collect()
    }

    /// Whether these shards are loaded; notes the ones that are not.
    fn have(&self, family: Family, shards: impl IntoIterator<Item = usize>) -> bool {
        let mut all = true;
        for shard in shards {
            let path = family.path(shard);
            if !self.loaded.contains(&path) {
                self.missing.borrow_mut().insert(path);
                all = false;
            }
        }
        all
    }

    /// Notes the index's shards that hold `token`, and the terms it begins
    /// where it may match as a prefix.
    fn need_index(&self, token: &str) -> bool {
        if may_match_as_prefix(token) {
            self.have(Family::Index, self.index_keys.with_prefix(token))
        } else {
            self.have(Family::Index, self.index_keys.of(token))
        }
    }

    /// The display record of a document, once its file is given.
    pub fn record(&self, doc: usize) -> Option<&DocDisplay> {
        let record = self.records.get(&doc);
        if record.is_none() && doc < self.documents {
            let path = records_path(doc, self.records_per_file);
            self.missing.borrow_mut().insert(path);
        }
        record
    }

    /// The page of a result, under `/<lang>/`, once its record is given.
    pub fn reference(&self, doc: usize) -> Option<&str> {
        self.record(doc).map(|record| record.path.as_str())
    }

    /// How many documents the index holds.
    pub fn len(&self) -> usize {
        self.documents
    }

    pub fn is_empty(&self) -> bool {
        self.documents == 0
    }

    /// Whether some document holds this term (in the shards loaded).
    fn holds(&self, term: &str) -> bool {
        self.have(Family::Index, self.index_keys.of(term))
            && self
                .fields
                .iter()
                .any(|field| field.terms.contains_key(term))
    }

    /// Whether a query still needs files to be answered.
    fn lacking(&self) -> bool {
        !self.missing.borrow().is_empty()
    }

    /// The documents that match every token of the query, best first; ties
    /// keep the index's order (its documents' numbers). A document whose
    /// name, former name or alias the query is comes before every other;
    /// then those whose every token
    /// matched a whole word; then those that matched only as a prefix of a
    /// word; then the score decides. A query is read as typed and with each
    /// synonym it holds (a synonym's reading weighs `SYNONYM_WEIGHT`): a
    /// document takes the best tier of its readings and the sum of their
    /// scores.
    ///
    /// When nothing matches, the words the index does not hold are read as
    /// slips for the nearest words it does (`approximate`), and what those
    /// readings find is returned, each hit marked `approximate`. A query
    /// with a word nothing is near still finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.find(query, limit).hits
    }

    /// What `search` returns, with the corrected query it searched for when
    /// the query as typed found nothing.
    pub fn find(&self, query: &str, limit: usize) -> Found {
        let query = capped(query);
        let tokens = tokens_with_positions(query);
        let typed: Vec<String> = tokens.iter().map(|token| token.text.clone()).collect();
        let hits = self.search_tokens(&[typed], limit);
        if !hits.is_empty() || self.lacking() {
            return Found {
                hits,
                did_you_mean: None,
            };
        }
        let known = |token: &str| {
            self.need_index(token);
            self.fields.iter().any(|field| {
                matching_terms(&field.terms, token, field.prefix)
                    .next()
                    .is_some()
            })
        };
        // The likeliest reading that finds something.
        for correction in corrections(self, query, &tokens, known) {
            let mut hits = self.search_tokens(&[correction.tokens], limit);
            if self.lacking() {
                break;
            }
            if hits.is_empty() {
                continue;
            }
            for hit in &mut hits {
                hit.approximate = true;
            }
            return Found {
                hits,
                did_you_mean: Some(correction.text),
            };
        }
        Found {
            hits: Vec::new(),
            did_you_mean: None,
        }
    }

    /// The documents that match the query as typed (and with its synonyms),
    /// never with a slip corrected: where a wrong guess would cost, as in
    /// the calculator's picker, which adds a meeting and its credits.
    pub fn search_as_typed(&self, query: &str, limit: usize) -> Vec<Hit> {
        let tokens = crate::tokenizer::tokenize(capped(query));
        self.search_tokens(&[tokens], limit)
    }

    /// The documents that match one of `queries` (each as its tokens, and
    /// each read with its synonyms), best first.
    fn search_tokens(&self, queries: &[Vec<String>], limit: usize) -> Vec<Hit> {
        // Each query as typed, then as read with each synonym it holds; a
        // document keeps its best tier and the sum of its scores.
        let mut best: Vec<Option<(u8, f64)>> = vec![None; self.documents];
        for tokens in queries {
            for (number, reading) in self.readings(tokens).into_iter().enumerate() {
                // A synonym's reading weighs less than the query as typed.
                let weight = if number == 0 { 1.0 } else { SYNONYM_WEIGHT };
                for (doc, ranked) in self.ranked(reading).into_iter().enumerate() {
                    if let Some((tier, score)) = ranked {
                        let score = score * weight;
                        // The best tier of any reading; the scores of all
                        // added, as a query widened with OR would score them.
                        best[doc] = Some(match best[doc] {
                            None => (tier, score),
                            Some((before, sum)) => (before.max(tier), sum + score),
                        });
                    }
                }
            }
        }
        let mut hits: Vec<(usize, u8, f64)> = best
            .into_iter()
            .enumerate()
            .filter_map(|(doc, ranked)| ranked.map(|(tier, score)| (doc, tier, score)))
            .collect();
        crate::sort::sort_by(&mut hits, |a, b| {
            b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0))
        });
        hits.into_iter()
            .take(limit)
            .map(|(doc, _, score)| Hit {
                doc,
                score,
                approximate: false,
            })
            .collect()
    }

    /// The token sequences a query is read as: itself, with two neighbouring
    /// words joined where the index holds them as one, and for each synonym
    /// group one of whose words it holds, that word replaced by each other
    /// word of the group (at most `MAX_READINGS` in all).
    fn readings(&self, tokens: &[String]) -> Vec<Vec<String>> {
        let mut readings = vec![tokens.to_vec()];
        // Two Latin words that the index holds as one ("mid-summer" for
        // "midsummer").
        for at in 1..tokens.len() {
            let (first, second) = (&tokens[at - 1], &tokens[at]);
            // Words of three letters or more ("MR p" is not "mrp", "1 0"
            // not "10").
            let latin = |word: &String| {
                word.chars().count() >= 3
                    && word.chars().all(char::is_alphabetic)
                    && word.chars().all(|c| !is_cjk(c))
            };
            let joined = format!("{first}{second}");
            if latin(first) && latin(second) && self.holds(&joined) {
                let mut reading = tokens[..at - 1].to_vec();
                reading.push(joined);
                reading.extend(tokens[at + 1..].iter().cloned());
                if readings.len() < MAX_READINGS {
                    readings.push(reading);
                }
            }
        }
        for group in &self.synonyms {
            for word in group {
                let Some(at) = find_sequence(tokens, word) else {
                    continue;
                };
                for other in group.iter().filter(|other| *other != word) {
                    let mut reading = tokens[..at].to_vec();
                    reading.extend(other.iter().cloned());
                    reading.extend(tokens[at + word.len()..].iter().cloned());
                    if !readings.contains(&reading) && readings.len() < MAX_READINGS {
                        readings.push(reading);
                    }
                }
            }
        }
        readings
    }

    /// Every document's tier and score for one reading of the query
    /// (`None` where not every token matched).
    fn ranked(&self, mut tokens: Vec<String>) -> Vec<Option<(u8, f64)>> {
        let whole_query = tokens.join(" ");
        let mut seen = Vec::new();
        tokens.retain(|token| {
            let new = !seen.contains(token);
            seen.push(token.clone());
            new
        });
        if tokens.is_empty() {
            return vec![None; self.documents];
        }
        let count = self.documents as f64;
        let mut total: Option<Vec<f64>> = None;
        // Whether every token so far matched a whole word somewhere.
        let mut all_whole = vec![true; self.documents];
        for token in &tokens {
            self.need_index(token);
            let mut whole = vec![false; self.documents];
            // The best field counts whole, the others a tenth: a meeting's
            // own name outranks many passing mentions.
            let mut best = vec![0.0_f64; self.documents];
            let mut rest = vec![0.0_f64; self.documents];
            let mut matched = vec![false; self.documents];
            for field in &self.fields {
                let mut in_field = vec![0.0_f64; self.documents];
                for (postings, weight, exact) in matching_terms(&field.terms, token, field.prefix) {
                    for &(doc, posting) in postings {
                        in_field[doc] += field.boost * weight * posting;
                        matched[doc] = true;
                        whole[doc] |= exact;
                    }
                }
                for doc in 0..self.documents {
                    let (high, low) = if in_field[doc] > best[doc] {
                        (in_field[doc], best[doc])
                    } else {
                        (best[doc], in_field[doc])
                    };
                    best[doc] = high;
                    rest[doc] += low;
                }
            }
            for (all, this) in all_whole.iter_mut().zip(&whole) {
                *all &= *this;
            }
            // Rarity over whole documents, not per field: a token found in
            // few documents weighs more than a common one.
            let found = matched.iter().filter(|m| **m).count() as f64;
            let rarity = (count / (found + 1.0)).sqrt();
            let scores: Vec<f64> = best
                .iter()
                .zip(&rest)
                .map(|(b, r)| (b + r / 10.0) * rarity)
                .collect();
            total = Some(match total {
                None => scores
                    .iter()
                    .zip(&matched)
                    .map(|(s, m)| if *m { *s } else { f64::NAN })
                    .collect(),
                Some(previous) => previous
                    .iter()
                    .zip(scores.iter().zip(&matched))
                    .map(|(p, (s, m))| if *m { p + s } else { f64::NAN })
                    .collect(),
            });
        }
        let total = total.unwrap_or_default();
        // A query that is one run of kana (a name's reading, typed) is whole
        // only where a name holds it side by side: かんとう is in the reading
        // of 関東, not scattered over とうきょう れんとげん かんふぁれんす.
        let kana_run = approximate::kana_run(&whole_query);
        let named = self.named(&whole_query);
        let held_run = kana_run.as_ref().map(|run| self.in_names(run));
        let tier = |doc: usize| -> u8 {
            if named.binary_search(&doc).is_ok() {
                2
            } else if let Some(held) = &held_run {
                u8::from(all_whole[doc] && held.binary_search(&doc).is_ok())
            } else {
                u8::from(all_whole[doc])
            }
        };
        total
            .into_iter()
            .enumerate()
            .map(|(doc, score)| (!score.is_nan()).then(|| (tier(doc), score)))
            .collect()
    }
}

/// The most documents a search holds: a hundred times the largest
/// catalog measured.
pub const MAX_DOCUMENTS: usize = 10_000_000;

/// How many rounds of fetching one answer takes at most: the query's own
/// words, the words its readings join, the records of what it shows, the
/// words a slip is read as.
pub const MAX_ROUNDS: usize = 8;

impl Searcher {
    /// `ask`'s answer over every file it needs, each read with `load` (a
    /// path under `/<lang>/` → its text): asked again after each round of
    /// files until nothing is missing, as the page does.
    pub fn complete<T, E: From<IndexError>>(
        &mut self,
        mut load: impl FnMut(&str) -> Result<String, E>,
        ask: impl Fn(&Searcher) -> T,
    ) -> Result<T, E> {
        for _ in 0..MAX_ROUNDS {
            let answer = ask(self);
            let missing = self.take_missing();
            if missing.is_empty() {
                return Ok(answer);
            }
            for path in missing {
                let text = load(&path)?;
                self.add(&path, &text)?;
            }
        }
        Err(IndexError(format!(
            "a query still lacked files after {MAX_ROUNDS} rounds"
        ))
        .into())
    }

    /// The documents one of whose names the query is (as `name_key` cuts it).
    fn named(&self, key: &str) -> Vec<usize> {
        let term = shards::name_term(key);
        if !self.have(Family::Names, self.names_keys.of(&term)) {
            return Vec::new();
        }
        self.names.names.get(&term).cloned().unwrap_or_default()
    }

    /// The documents one of whose names holds this run of kana, its
    /// characters side by side.
    fn in_names(&self, run: &[char]) -> Vec<usize> {
        let start: String = run.iter().collect();
        if !self.have(Family::Names, self.names_keys.with_prefix(&start)) {
            return Vec::new();
        }
        let mut docs: Vec<usize> = self
            .names
            .kana
            .range(start.clone()..)
            .take_while(|(suffix, _)| suffix.starts_with(&start))
            .flat_map(|(_, docs)| docs.iter().copied())
            .collect();
        crate::sort::sort(&mut docs);
        docs.dedup();
        docs
    }
}

/// The slips of a query are read against the shards loaded, each lookup
/// noting the shards it needs.
impl Lexicon for Searcher {
    fn documents(&self, term: &str) -> Vec<usize> {
        if !self.have(Family::Index, self.index_keys.of(term)) {
            return Vec::new();
        }
        let mut docs: Vec<usize> = self
            .fields
            .iter()
            .filter_map(|field| field.terms.get(term))
            .flat_map(|postings| postings.iter().map(|&(doc, _)| doc))
            .collect();
        crate::sort::sort(&mut docs);
        docs.dedup();
        docs
    }

    fn bigrams_after(&self, before: char) -> Vec<String> {
        let start = before.to_string();
        if !self.have(Family::Index, self.index_keys.with_prefix(&start)) {
            return Vec::new();
        }
        let mut bigrams: BTreeSet<&String> = BTreeSet::new();
        for field in &self.fields {
            bigrams.extend(
                field
                    .terms
                    .range(start.clone()..)
                    .take_while(|(term, _)| term.starts_with(&start))
                    .map(|(term, _)| term)
                    .filter(|term| term.chars().count() == 2),
            );
        }
        bigrams.into_iter().cloned().collect()
    }

    fn name_words(&self, first: char) -> Vec<(String, usize)> {
        let start = first.to_string();
        if !self.have(Family::Names, self.names_keys.with_prefix(&start)) {
            return Vec::new();
        }
        self.names
            .words
            .range(start.clone()..)
            .take_while(|(word, _)| word.starts_with(&start))
            .map(|(word, count)| (word.clone(), *count))
            .collect()
    }

    fn runs_from(&self, run: &[char]) -> Vec<Vec<char>> {
        let start: String = run.iter().collect();
        if !self.have(Family::Names, self.names_keys.with_prefix(&start)) {
            return Vec::new();
        }
        self.names
            .runs
            .range(start.clone()..)
            .take_while(|suffix| suffix.starts_with(&start))
            .map(|suffix| suffix.chars().collect())
            .collect()
    }
}

/// The most characters of a query that are read: no member types more,
/// and the work of a query grows with its length.
pub const MAX_QUERY_CHARS: usize = 256;

fn capped(query: &str) -> &str {
    match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => &query[..at],
        None => query,
    }
}

/// How much a synonym's reading of a query weighs against the query as
/// typed: it widens what is found more than it reorders it. (At 0.3, `IVR`
/// finds 日本IVR学会 first on the Japanese pages and among the first three
/// on the English ones, whose English name has no "IVR"; the search quality
/// tests hold both.)
pub const SYNONYM_WEIGHT: f64 = 0.3;

/// How many readings of one query are searched at most.
const MAX_READINGS: usize = 8;

/// Where `word` stands in `tokens`, as a run of whole tokens.
fn find_sequence(tokens: &[String], word: &[String]) -> Option<usize> {
    if word.is_empty() || word.len() > tokens.len() {
        return None;
    }
    (0..=tokens.len() - word.len()).find(|&at| tokens[at..at + word.len()] == *word)
}

/// A token matches a term equal to it; a Latin word or a single CJK character
/// also matches the terms it begins, weighted by how much of them it covers.
/// Each match says whether it was the whole term.
fn matching_terms<'a>(
    terms: &'a BTreeMap<String, Postings>,
    token: &'a str,
    prefix_field: bool,
) -> impl Iterator<Item = (&'a Postings, f64, bool)> + 'a {
    let prefix = prefix_field && may_match_as_prefix(token);
    let token_length = token.chars().count() as f64;
    terms
        .range::<str, _>((std::ops::Bound::Included(token), std::ops::Bound::Unbounded))
        .take_while(move |(term, _)| term.starts_with(token))
        .filter(move |(term, _)| prefix || term.as_str() == token)
        .map(move |(term, postings)| {
            (
                postings,
                token_length / term.chars().count() as f64,
                term.as_str() == token,
            )
        })
}

pub(crate) fn may_match_as_prefix(token: &str) -> bool {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_cjk(c) => true,
        (Some(c), _) => !is_cjk(c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::shards::{write_split, Elastic, SHARD_BYTES};
    use super::*;

    /// Two documents, as elasticlunr-rs writes them (numbered 0 and 1):
    /// their titles' terms and a category line.
    fn tiny_index() -> Elastic {
        let mut elastic = Elastic::default();
        let terms = |list: &[(&str, &[usize])]| -> shards::Terms {
            list.iter()
                .map(|(term, docs)| (term.to_string(), docs.iter().map(|&d| (d, 1.0)).collect()))
                .collect()
        };
        elastic.fields.insert(
            "title".into(),
            terms(&[
                ("advanced", &[1]),
                ("地方", &[0]),
                ("東地", &[0]),
                ("関東", &[0, 1]),
            ]),
        );
        elastic
            .fields
            .insert("context".into(), terms(&[("seminars", &[0])]));
        elastic.lengths.insert(
            0,
            BTreeMap::from([("title".into(), 3), ("context".into(), 1)]),
        );
        elastic
            .lengths
            .insert(1, BTreeMap::from([("title".into(), 4)]));
        elastic
    }

    fn record(path: &str) -> DocDisplay {
        DocDisplay {
            path: path.into(),
            kind: DocKind::Meeting,
            title: path.into(),
            id: None,
            detail: String::new(),
            required: false,
        }
    }

    /// A search over files, each query given the files it asks for; and
    /// the paths it asked for.
    struct Local {
        files: BTreeMap<String, String>,
        searcher: Searcher,
        asked: Vec<String>,
    }

    impl Local {
        fn new(files: Vec<(String, String)>) -> Local {
            let files: BTreeMap<String, String> = files.into_iter().collect();
            let searcher = Searcher::from_manifest(&files[shards::MANIFEST]).unwrap();
            Local {
                files,
                searcher,
                asked: Vec::new(),
            }
        }

        fn find(&mut self, query: &str) -> (Vec<(String, f64, bool)>, Option<String>) {
            let files = &self.files;
            let asked = &mut self.asked;
            self.searcher
                .complete(
                    |path| {
                        asked.push(path.to_string());
                        files
                            .get(path)
                            .cloned()
                            .ok_or_else(|| IndexError(path.into()))
                    },
                    |searcher| {
                        let found = searcher.find(query, 50);
                        let hits = found
                            .hits
                            .iter()
                            .filter_map(|hit| {
                                Some((
                                    searcher.reference(hit.doc)?.to_string(),
                                    hit.score,
                                    hit.approximate,
                                ))
                            })
                            .collect();
                        (hits, found.did_you_mean)
                    },
                )
                .unwrap()
        }

        fn refs(&mut self, query: &str) -> Vec<String> {
            self.find(query).0.into_iter().map(|hit| hit.0).collect()
        }
    }

    fn tiny(shard_bytes: usize) -> Local {
        let names = vec![
            vec![name_key("関東地方"), name_key("かんとうちほう")],
            vec![name_key("関東 Advanced Seminar"), name_key("関東")],
        ];
        Local::new(write_split(
            "test",
            &tiny_index(),
            &names,
            &[record("a/"), record("b/")],
            &[],
            shard_bytes,
        ))
    }

    #[test]
    fn every_query_token_must_match() {
        let mut search = tiny(SHARD_BYTES);
        assert_eq!(search.refs("関東").len(), 2);
        assert_eq!(search.refs("関東地方"), ["a/"]);
        assert_eq!(search.refs("関東 advanced"), ["b/"]);
        assert!(search.refs("九州").is_empty());
        assert!(search.refs("").is_empty());
    }

    #[test]
    fn latin_words_match_as_prefixes_but_bigrams_do_not() {
        let mut search = tiny(SHARD_BYTES);
        assert_eq!(search.refs("adv")[0], "b/");
        assert_eq!(
            search.refs("関").len(),
            2,
            "a single kanji matches the bigrams it begins"
        );
    }

    #[test]
    fn outside_the_names_only_whole_words_match() {
        let mut search = tiny(SHARD_BYTES);
        assert_eq!(search.find("seminars").0[0].0, "a/");
        assert!(!search.find("seminars").0[0].2);
        assert!(search.refs("seminarz").is_empty() || search.find("seminarz").1.is_some());
    }

    #[test]
    fn a_shorter_field_ranks_higher_for_the_same_term() {
        let hits = tiny(SHARD_BYTES).find("関東").0;
        assert!(
            hits[1].1 > hits[0].1,
            "a's title is shorter, though b is named 関東"
        );
    }

    #[test]
    fn a_name_typed_whole_comes_first_and_a_reading_finds_its_name() {
        let mut search = tiny(SHARD_BYTES);
        // Both hold 関東, a in a shorter title; b is named 関東.
        assert_eq!(search.refs("関東"), ["b/", "a/"]);
        assert!(
            search.refs("かんとう").is_empty(),
            "the reading is a name, not an index term"
        );
    }

    #[test]
    fn the_ranking_does_not_depend_on_how_the_index_is_split() {
        let queries = [
            "関東",
            "関",
            "adv",
            "関東地方",
            "関東地放",
            "seminars",
            "関東 advanced",
            "advancd",
            "かんとう",
        ];
        let mut whole = tiny(usize::MAX);
        let mut split = tiny(1);
        assert_eq!(
            split.searcher.index_keys.of("関東"),
            split.searcher.index_keys.of("関東")
        );
        for query in queries {
            assert_eq!(whole.find(query), split.find(query), "{query}");
        }
    }

    #[test]
    fn a_query_fetches_only_the_shards_of_its_own_words() {
        let mut search = tiny(1);
        search.refs("advanced");
        let index_shards: Vec<&String> = search
            .asked
            .iter()
            .filter(|path| path.starts_with("search/i"))
            .collect();
        assert_eq!(index_shards.len(), 1, "{:?}", search.asked);
        assert!(search.asked.contains(&"search/r0.json".to_string()));
    }

    #[test]
    fn a_broken_file_is_an_error_not_a_panic() {
        assert!(Searcher::from_manifest("{}").is_err());
        let huge = r#"{"documents":1000000000000,"records_per_file":32,"index":[],"names":[]}"#;
        let Err(error) = Searcher::from_manifest(huge) else {
            panic!("a manifest of 10^12 documents is refused");
        };
        assert!(error.0.contains("more than"), "{error}");
        let disordered = r#"{"documents":1,"records_per_file":32,"index":["","b","a"],"names":[]}"#;
        let Err(error) = Searcher::from_manifest(disordered) else {
            panic!("shards out of order are refused");
        };
        assert_eq!(error.0, "manifest: `index`: `b` comes after `a`", "{error}");
        assert!(Searcher::from_manifest("not json").is_err());
        let mut search = tiny(SHARD_BYTES);
        assert!(search.searcher.add("search/i0.json", "{").is_err());
        assert!(search.searcher.add("search/x.json", "{}").is_err());
        let wrong = r#"{"index":{"title":{"root":{"a":{"docs":{"9":{"tf":1}},"df":1}}}},"documentStore":{"docInfo":{}}}"#;
        let error = search.searcher.add("search/i0.json", wrong).unwrap_err();
        assert!(error.0.contains("no document 9"), "{error}");
    }
}
