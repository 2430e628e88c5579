//! The search engine's query side: reads an elasticlunr index (as written by
//! elasticlunr-rs) and ranks its documents for a query. The browser runs this
//! very code as WebAssembly and `tanni search` runs it natively, so both give
//! the same ranking for the same index.
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

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

pub use approximate::edit_distance;
pub use documents::{name_key, DocDisplay, DocFields, DocKind, SearchDocs, FIELDS, PREFIX_FIELDS};
pub use highlight::highlight;

use crate::tokenizer::{is_cjk, tokens_with_positions};
use approximate::{corrections, Vocabulary};

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    #[serde(rename = "ref")]
    pub reference: String,
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
    /// term → postings (document number, term frequency)
    terms: BTreeMap<String, Vec<(usize, f64)>>,
    /// per document: the number of tokens of this field
    lengths: Vec<usize>,
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

/// A loaded index, ready for queries.
pub struct Searcher {
    refs: Vec<String>,
    fields: Vec<FieldIndex>,
    /// A factor per document, 1 unless the document is designated.
    priors: Vec<f64>,
    /// Per document, its names as the tokenizer cuts them (`DocDisplay::names`):
    /// a query equal to one of them finds that document first.
    names: Vec<Vec<String>>,
    /// Groups of words that mean the same, each word as its tokens.
    synonyms: Vec<Vec<Vec<String>>>,
    /// Every term of the index, for reading a query's slips.
    vocabulary: Vocabulary,
}

#[derive(Debug, PartialEq, Eq)]
pub struct IndexError(pub String);

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid search index: {}", self.0)
    }
}

impl Searcher {
    /// Reads an elasticlunr index in its JSON form.
    pub fn from_json(json: &str) -> Result<Searcher, IndexError> {
        let value: Value = serde_json::from_str(json).map_err(|e| IndexError(e.to_string()))?;
        let store = &value["documentStore"];
        let refs: Vec<String> = store["docs"]
            .as_object()
            .ok_or_else(|| IndexError("documentStore.docs is missing".into()))?
            .keys()
            .cloned()
            .collect();
        let number: HashMap<&str, usize> = refs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_str(), i))
            .collect();
        let mut fields = Vec::new();
        for (name, boost) in FIELDS {
            let root = value["index"][name]["root"]
                .as_object()
                .ok_or_else(|| IndexError(format!("field `{name}` is missing")))?;
            let mut terms = BTreeMap::new();
            collect_terms(root, &mut String::new(), &number, &mut terms)?;
            let lengths = refs
                .iter()
                .map(|r| store["docInfo"][r][name].as_u64().unwrap_or(0) as usize)
                .collect();
            fields.push(FieldIndex {
                boost,
                prefix: PREFIX_FIELDS.contains(&name),
                terms,
                lengths,
            });
        }
        let priors = vec![1.0; refs.len()];
        let names = vec![Vec::new(); refs.len()];
        let vocabulary = vocabulary(&fields);
        Ok(Searcher {
            refs,
            fields,
            priors,
            names,
            synonyms: Vec::new(),
            vocabulary,
        })
    }

    /// Reads the index and the display records written beside it
    /// (`search-docs.json`, reference → `DocDisplay`), which give each
    /// meeting its weight.
    pub fn from_json_with_docs(index_json: &str, docs_json: &str) -> Result<Searcher, IndexError> {
        let mut searcher = Searcher::from_json(index_json)?;
        let SearchDocs { docs, synonyms } = serde_json::from_str(docs_json)
            .map_err(|e| IndexError(format!("display records: {e}")))?;
        searcher.synonyms = synonyms
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|word| word.split(' ').map(str::to_string).collect())
                    .collect()
            })
            .collect();
        for (number, reference) in searcher.refs.iter().enumerate() {
            let doc = docs
                .get(reference)
                .ok_or_else(|| IndexError(format!("no display record for `{reference}`")))?;
            searcher.names[number] = doc.names.clone();
            let prior = &mut searcher.priors[number];
            let designated = if doc.required { DESIGNATED_PRIOR } else { 1.0 };
            let credits = f64::from(doc.credits.unwrap_or(0));
            *prior = designated * (1.0 + credits / CREDITS_PRIOR_SCALE);
        }
        // A slip is read as a word of these names, or of the synonyms (the
        // field's own words: 磁器共鳴 is read as 磁気共鳴).
        let names: Vec<String> = searcher
            .names
            .iter()
            .flatten()
            .cloned()
            .chain(synonyms.iter().flatten().cloned())
            .collect();
        searcher.vocabulary.learn_names(&names);
        Ok(searcher)
    }

    /// How many documents the index holds.
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// The documents that match every token of the query, best first; ties
    /// keep the index's order. A document whose name, former name or alias
    /// the query is comes before every other; then those whose every token
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
        if !hits.is_empty() {
            return Found {
                hits,
                did_you_mean: None,
            };
        }
        let known = |token: &str| {
            self.fields.iter().any(|field| {
                matching_terms(&field.terms, token, field.prefix)
                    .next()
                    .is_some()
            })
        };
        // The likeliest reading that finds something.
        for correction in corrections(&self.vocabulary, query, &tokens, known) {
            let mut hits = self.search_tokens(&[correction.tokens], limit);
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
        let mut best: Vec<Option<(u8, f64)>> = vec![None; self.refs.len()];
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
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
        hits.into_iter()
            .take(limit)
            .map(|(doc, _, score)| Hit {
                reference: self.refs[doc].clone(),
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
            if latin(first) && latin(second) && self.vocabulary.holds(&joined) {
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
            return vec![None; self.refs.len()];
        }
        let count = self.refs.len() as f64;
        let mut total: Option<Vec<f64>> = None;
        // Whether every token so far matched a whole word somewhere.
        let mut all_whole = vec![true; self.refs.len()];
        for token in &tokens {
            let mut whole = vec![false; self.refs.len()];
            // The best field counts whole, the others a tenth: a meeting's
            // own name outranks many passing mentions.
            let mut best = vec![0.0_f64; self.refs.len()];
            let mut rest = vec![0.0_f64; self.refs.len()];
            let mut matched = vec![false; self.refs.len()];
            for field in &self.fields {
                let mut in_field = vec![0.0_f64; self.refs.len()];
                for (postings, weight, exact) in matching_terms(&field.terms, token, field.prefix) {
                    for &(doc, frequency) in postings {
                        let length = field.lengths[doc].max(1) as f64;
                        in_field[doc] += field.boost * weight * frequency / length.sqrt();
                        matched[doc] = true;
                        whole[doc] |= exact;
                    }
                }
                for doc in 0..self.refs.len() {
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
                .zip(&self.priors)
                .map(|((b, r), prior)| (b + r / 10.0) * rarity * prior)
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
        let tier = |doc: usize| -> u8 {
            if self.names[doc].contains(&whole_query) {
                2
            } else if let Some(run) = &kana_run {
                u8::from(all_whole[doc] && approximate::in_names(&self.names[doc], run))
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

/// Every term of every field with the documents it is found in (in any
/// field).
fn vocabulary(fields: &[FieldIndex]) -> Vocabulary {
    let mut found: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for field in fields {
        for (term, postings) in &field.terms {
            let docs = found.entry(term.clone()).or_default();
            docs.extend(postings.iter().map(|&(doc, _)| doc));
        }
    }
    Vocabulary::new(
        found
            .into_iter()
            .map(|(term, mut docs)| {
                docs.sort_unstable();
                docs.dedup();
                (term, docs)
            })
            .collect(),
    )
}

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
    terms: &'a BTreeMap<String, Vec<(usize, f64)>>,
    token: &'a str,
    prefix_field: bool,
) -> impl Iterator<Item = (&'a Vec<(usize, f64)>, f64, bool)> + 'a {
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

fn collect_terms(
    node: &serde_json::Map<String, Value>,
    prefix: &mut String,
    number: &HashMap<&str, usize>,
    terms: &mut BTreeMap<String, Vec<(usize, f64)>>,
) -> Result<(), IndexError> {
    for (key, child) in node {
        match key.as_str() {
            "docs" => {
                let docs = child
                    .as_object()
                    .ok_or_else(|| IndexError(format!("docs of `{prefix}`")))?;
                if docs.is_empty() {
                    continue;
                }
                let mut postings = Vec::with_capacity(docs.len());
                for (reference, entry) in docs {
                    let doc = *number
                        .get(reference.as_str())
                        .ok_or_else(|| IndexError(format!("unknown document `{reference}`")))?;
                    let frequency = entry["tf"]
                        .as_f64()
                        .ok_or_else(|| IndexError(format!("tf of `{prefix}`")))?;
                    postings.push((doc, frequency));
                }
                postings.sort_by_key(|&(doc, _)| doc);
                terms.insert(prefix.clone(), postings);
            }
            "df" => {}
            _ => {
                let child = child
                    .as_object()
                    .ok_or_else(|| IndexError(format!("node `{prefix}{key}`")))?;
                let before = prefix.len();
                prefix.push_str(key);
                collect_terms(child, prefix, number, terms)?;
                prefix.truncate(before);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written index in elasticlunr's form: two documents.
    fn tiny_index() -> String {
        let node = |docs: &str| format!("{{\"docs\":{{{docs}}},\"df\":1}}");
        let field = |terms: &[(&str, &str)]| {
            // one node per term, nested by character
            let mut root = serde_json::Map::new();
            for (term, docs) in terms {
                let mut cursor = &mut root;
                for c in term.chars() {
                    cursor = cursor
                        .entry(c.to_string())
                        .or_insert_with(|| serde_json::json!({"docs": {}, "df": 0}))
                        .as_object_mut()
                        .unwrap();
                }
                let parsed: Value = serde_json::from_str(&node(docs)).unwrap();
                cursor.insert("docs".into(), parsed["docs"].clone());
            }
            serde_json::json!({ "root": root })
        };
        let mut index = serde_json::Map::new();
        for (name, _) in FIELDS {
            index.insert(name.to_string(), field(&[]));
        }
        index.insert(
            "title".into(),
            field(&[
                ("関東", "\"a\":{\"tf\":1.0},\"b\":{\"tf\":1.0}"),
                ("東地", "\"a\":{\"tf\":1.0}"),
                ("地方", "\"a\":{\"tf\":1.0}"),
                ("advanced", "\"b\":{\"tf\":1.0}"),
            ]),
        );
        index.insert(
            "context".into(),
            field(&[("seminars", "\"a\":{\"tf\":1.0}")]),
        );
        let doc_info = serde_json::json!({
            "a": {"title": 3, "aliases": 0, "other": 0, "former": 0, "context": 1, "body": 0},
            "b": {"title": 4, "aliases": 0, "other": 0, "former": 0, "context": 0, "body": 0},
        });
        serde_json::json!({
            "documentStore": {"docs": {"a": {}, "b": {}}, "docInfo": doc_info, "length": 2, "save": false},
            "index": index,
        })
        .to_string()
    }

    #[test]
    fn every_query_token_must_match() {
        let searcher = Searcher::from_json(&tiny_index()).unwrap();
        let refs = |query| {
            searcher
                .search(query, 10)
                .into_iter()
                .map(|hit| hit.reference)
                .collect::<Vec<_>>()
        };
        assert_eq!(refs("関東"), ["a", "b"]);
        assert_eq!(refs("関東地方"), ["a"]);
        assert_eq!(refs("関東 advanced"), ["b"]);
        assert!(refs("九州").is_empty());
        assert!(refs("").is_empty());
    }

    #[test]
    fn latin_words_match_as_prefixes_but_bigrams_do_not() {
        let searcher = Searcher::from_json(&tiny_index()).unwrap();
        assert_eq!(searcher.search("adv", 10)[0].reference, "b");
        assert_eq!(
            searcher.search("関", 10).len(),
            2,
            "a single kanji matches the bigrams it begins"
        );
        // No names are known here (no display records), so no slip is read.
        assert!(searcher.search("advancedx", 10).is_empty());
    }

    #[test]
    fn outside_the_names_only_whole_words_match() {
        let searcher = Searcher::from_json(&tiny_index()).unwrap();
        assert_eq!(searcher.search("seminars", 10)[0].reference, "a");
        assert!(!searcher.search("seminars", 10)[0].approximate);
        assert!(searcher.search("seminar", 10).is_empty());
    }

    #[test]
    fn a_shorter_field_ranks_higher_for_the_same_term() {
        let searcher = Searcher::from_json(&tiny_index()).unwrap();
        let hits = searcher.search("関東", 10);
        assert!(hits[0].score > hits[1].score);
    }

    #[test]
    fn a_broken_index_is_an_error_not_a_panic() {
        assert!(Searcher::from_json("{}").is_err());
        assert!(Searcher::from_json("not json").is_err());
    }
}
