//! The search index of each language: every meeting, category, section of
//! the content pages and the data-quality page as a document, indexed by
//! elasticlunr-rs with tanni's own tokenizer (the one the browser runs),
//! then split into the shards the browser fetches as queries need them.

use std::collections::{BTreeMap, HashMap};

use tanni_core::search::shards::{self, Elastic};
use tanni_core::search::{name_key, DocDisplay, DocFields, DocKind, Found, Searcher, FIELDS};
use tanni_core::tokenizer::tokenize;

use crate::kana::Reader;
use crate::model::{Lang, Site};
use crate::view::{category_summary, meeting_view};

/// A document of the index: its record says where it is (its URL under
/// `/<lang>/`) and what a result shows.
struct Document {
    fields: DocFields,
    display: DocDisplay,
    /// Its names as `name_key` cuts them (for the exact tier and slips).
    names: Vec<String>,
    /// What weighs in its ranking: whether it is designated, its credits.
    required: bool,
    credits: Option<u32>,
}

/// The search of one language: its files under `/<lang>/` (the manifest,
/// the shards and the records), by path.
pub struct LanguageIndex {
    pub files: Vec<(String, String)>,
}

/// The search of one language, with the readings of `meeting_readings`:
/// an elasticlunr index of every document (numbered from 0), split into
/// the shards and records of `tanni_core::search::shards`.
pub fn build_index(site: &Site, lang: Lang, readings: &Readings) -> LanguageIndex {
    build_index_split(site, lang, readings, shards::SHARD_BYTES)
}

/// `build_index` with shards of about `shard_bytes` (the tests split the
/// index finely and find what the site's split finds).
pub fn build_index_split(
    site: &Site,
    lang: Lang,
    readings: &Readings,
    shard_bytes: usize,
) -> LanguageIndex {
    let indexed = Indexed::new(site, lang, readings);
    LanguageIndex {
        files: shards::write_split(
            &crate::modules::engine(),
            &indexed.elastic,
            &indexed.names,
            &indexed.records,
            &indexed.synonyms,
            shard_bytes,
        ),
    }
}

/// The files of `build_index`, by path under `/<lang>/`, as they are made:
/// every path to `announce` first, then each file to `emit` (the build
/// writes each as it comes, and holds no more than one at a time).
pub fn stream_index<E>(
    site: &Site,
    lang: Lang,
    readings: &Readings,
    announce: impl FnOnce(&[String]) -> Result<(), E>,
    emit: impl FnMut(String, String) -> Result<(), E>,
) -> Result<(), E> {
    let indexed = Indexed::new(site, lang, readings);
    let engine = crate::modules::engine();
    shards::Split {
        engine: &engine,
        index: &indexed.elastic,
        names: &indexed.names,
        records: &indexed.records,
        synonyms: &indexed.synonyms,
        shard_bytes: shards::SHARD_BYTES,
    }
    .stream(announce, emit)
}

/// A language's documents indexed, with what the split adds to the index:
/// each document's names and record, and the synonyms.
struct Indexed {
    elastic: Elastic,
    names: Vec<Vec<String>>,
    records: Vec<DocDisplay>,
    synonyms: Vec<Vec<String>>,
}

impl Indexed {
    fn new(site: &Site, lang: Lang, readings: &Readings) -> Indexed {
        let documents = documents(site, lang, readings);
        let mut inverted = Inverted::new();
        let mut names = Vec::with_capacity(documents.len());
        let mut records = Vec::with_capacity(documents.len());
        let mut stored: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
        for (number, document) in documents.into_iter().enumerate() {
            inverted.add_doc(number, document.fields.in_index_order());
            let mut values = BTreeMap::new();
            if document.required {
                values.insert("required".to_string(), "true".to_string());
            }
            if let Some(credits) = document.credits {
                values.insert("credits".to_string(), credits.to_string());
            }
            if !values.is_empty() {
                stored.insert(number, values);
            }
            names.push(document.names);
            records.push(document.display);
        }
        let mut elastic = inverted.finish();
        elastic.stored = stored;
        Indexed {
            elastic,
            names,
            records,
            synonyms: site
                .synonyms
                .iter()
                .map(|group| group.iter().map(|word| name_key(word)).collect())
                .collect(),
        }
    }
}

/// The inverted index of the documents as elasticlunr-rs's `Index::add_doc`
/// makes it with tanni's tokenizer and an empty pipeline: per field, each
/// token's documents with the square root of its count there as `tf`, and
/// per document each field's number of tokens. Made here in flat maps
/// rather than in elasticlunr-rs's trie of maps, whose size at 100,000
/// meetings was most of a build's memory and which would then have to be
/// written as JSON and read back to be split; the shards are written in
/// its JSON form all the same, and a test holds this to elasticlunr-rs.
struct Inverted {
    fields: Vec<HashMap<String, shards::Postings>>,
    lengths: BTreeMap<usize, BTreeMap<String, usize>>,
}

impl Inverted {
    fn new() -> Inverted {
        Inverted {
            fields: FIELDS.iter().map(|_| HashMap::new()).collect(),
            lengths: BTreeMap::new(),
        }
    }

    /// Adds document `number` (numbers come in increasing order, so each
    /// term's postings stay sorted).
    fn add_doc(&mut self, number: usize, values: [&str; FIELDS.len()]) {
        let mut lengths = BTreeMap::new();
        for ((field, _), (value, terms)) in FIELDS.iter().zip(values.iter().zip(&mut self.fields)) {
            let mut tokens = tokenize(value);
            lengths.insert((*field).to_string(), tokens.len());
            tokens.sort_unstable();
            for run in tokens.chunk_by(|a, b| a == b) {
                let token = &run[0];
                // elasticlunr-rs counts an empty token in the field's
                // length but adds it to no term.
                if token.is_empty() {
                    continue;
                }
                #[allow(clippy::cast_precision_loss)]
                let posting = (number, (run.len() as f64).sqrt());
                match terms.get_mut(token.as_str()) {
                    Some(postings) => postings.push(posting),
                    None => {
                        terms.insert(token.clone(), vec![posting]);
                    }
                }
            }
        }
        self.lengths.insert(number, lengths);
    }

    /// The index, its terms sorted.
    fn finish(self) -> Elastic {
        let fields = FIELDS
            .iter()
            .zip(self.fields)
            .map(|((field, _), terms)| {
                let mut terms: shards::Terms = terms.into_iter().collect();
                terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                ((*field).to_string(), terms)
            })
            .collect();
        Elastic {
            fields,
            lengths: self.lengths,
            stored: BTreeMap::new(),
        }
    }
}

impl LanguageIndex {
    /// The files of a built search, by path under `/<lang>/`.
    pub fn from_files(mut files: Vec<(String, String)>) -> LanguageIndex {
        files.sort();
        LanguageIndex { files }
    }

    /// The search over these files, as the browser has it once it has
    /// fetched what a query needs.
    pub fn searcher(self) -> LocalSearch {
        let manifest = self
            .file(shards::MANIFEST)
            .expect("a built search has its manifest");
        let searcher = Searcher::from_manifest(manifest).expect("a freshly built manifest loads");
        LocalSearch {
            files: self,
            searcher: std::sync::Mutex::new(searcher),
        }
    }

    fn file(&self, path: &str) -> Option<&str> {
        self.files
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()
            .map(|at| self.files[at].1.as_str())
    }
}

/// A search over files held in memory, for `tanni search` on a site not
/// built yet and for the tests: each query given the files it asks for.
pub struct LocalSearch {
    files: LanguageIndex,
    searcher: std::sync::Mutex<Searcher>,
}

/// A ranked result with the page it is (under `/<lang>/`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PageHit {
    #[serde(rename = "ref")]
    pub reference: String,
    pub score: f64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    #[serde(skip)]
    pub record: DocDisplay,
}

/// What a query found, each hit with its record; and the corrected query
/// it was searched as when nothing matched as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct PageFound {
    pub hits: Vec<PageHit>,
    pub did_you_mean: Option<String>,
}

impl LocalSearch {
    /// What `Searcher::find` finds, each hit with its record.
    pub fn find(&self, query: &str, limit: usize) -> PageFound {
        let mut searcher = self.searcher.lock().expect("no query panicked");
        searcher
            .complete(
                |path| {
                    self.files
                        .file(path)
                        .map(str::to_string)
                        .ok_or_else(|| tanni_core::search::IndexError(format!("no file {path}")))
                },
                |searcher| resolve(searcher, searcher.find(query, limit)),
            )
            .expect("a freshly built search has every file it lists")
    }

    /// The hits of `find`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<PageHit> {
        self.find(query, limit).hits
    }
}

/// Hits with their records (noting the records' files a searcher lacks).
pub fn resolve(searcher: &Searcher, found: Found) -> PageFound {
    let hits = found
        .hits
        .iter()
        .filter_map(|hit| {
            let record = searcher.record(hit.doc)?;
            Some(PageHit {
                reference: record.path.clone(),
                score: hit.score,
                approximate: hit.approximate,
                record: record.clone(),
            })
        })
        .collect();
    PageFound {
        hits,
        did_you_mean: found.did_you_mean,
    }
}

/// The kana readings of each meeting's Japanese name, former names and
/// aliases (秋季大会), by meeting id. The dictionary is loaded for this and dropped after (it
/// takes some 140 MB): read once a build, for both languages.
pub fn meeting_readings(site: &Site) -> Readings {
    let reader = Reader::new();
    site.catalog
        .meetings
        .iter()
        .map(|meeting| {
            let readings = std::iter::once(&meeting.name.ja)
                .chain(meeting.former_names.iter().map(|f| &f.ja))
                .chain(&meeting.aliases)
                .flat_map(|name| reader.readings(name))
                .collect();
            (meeting.id.clone(), readings)
        })
        .collect()
}

/// Meeting id → the kana readings of its Japanese names.
pub type Readings = BTreeMap<String, Vec<String>>;

fn documents(site: &Site, lang: Lang, readings: &Readings) -> Vec<Document> {
    let strings = &site.strings;
    let mut documents = Vec::new();
    for meeting in &site.catalog.meetings {
        let readings = readings.get(&meeting.id).map_or(&[][..], Vec::as_slice);
        let view = meeting_view(site, lang, meeting);
        let group = view
            .group
            .as_ref()
            .map(|g| g.name.clone())
            .unwrap_or_default();
        let required = if meeting.required {
            strings.get(lang, "required_badge")
        } else {
            ""
        };
        let detail = [
            view.credits_label.clone(),
            view.category.name.clone(),
            group.clone(),
        ]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        documents.push(Document {
            // Indexed under the catalog's names; shown under the page's
            // (a Japanese page's `japanese_name`, which is an alias too, so
            // that 北米放射線学会 does not outrank 日本核医学会 for 核医学
            // by being short).
            fields: DocFields {
                title: meeting.name.get(lang).to_string(),
                aliases: meeting.aliases.join(" "),
                other: meeting.name.get(lang.other()).to_string(),
                former: meeting
                    .former_names
                    .iter()
                    .map(|f| format!("{} {}", f.ja, f.en))
                    .collect::<Vec<_>>()
                    .join(" "),
                reading: readings.join(" "),
                context: format!(
                    "{} {} {} {}",
                    view.category.name, group, view.credits_label, required
                ),
                body: String::new(),
            },
            display: DocDisplay {
                path: format!("meetings/{}/", meeting.id),
                kind: DocKind::Meeting,
                title: view.name,
                id: Some(meeting.id.clone()),
                detail,
                required: meeting.required,
            },
            names: names(
                [&meeting.name.ja, &meeting.name.en]
                    .into_iter()
                    .chain(meeting.former_names.iter().flat_map(|f| [&f.ja, &f.en]))
                    .chain(&meeting.aliases)
                    .chain(readings),
            ),
            required: meeting.required,
            credits: meeting.credits,
        });
    }
    for category in &site.catalog.categories {
        let summary = category_summary(site, lang, category, false);
        let groups = summary
            .groups
            .iter()
            .map(|g| format!("{} {}", g.name, g.description))
            .collect::<Vec<_>>()
            .join(" ");
        documents.push(Document {
            fields: DocFields {
                title: summary.title.clone(),
                other: category.name.get(lang.other()).to_string(),
                context: groups,
                body: summary.description.clone(),
                ..DocFields::default()
            },
            display: DocDisplay {
                path: format!("categories/{}/", category.id),
                kind: DocKind::Category,
                title: summary.title.clone(),
                id: None,
                detail: summary.count_label,
                required: false,
            },
            names: names([summary.title.as_str(), category.name.get(lang.other())]),
            required: false,
            credits: None,
        });
    }
    for page in site.pages_in(lang) {
        documents.push(Document {
            fields: DocFields {
                title: page.title.clone(),
                body: page.description.clone(),
                ..DocFields::default()
            },
            display: DocDisplay {
                path: format!("{}/", page.slug),
                kind: DocKind::Page,
                title: page.title.clone(),
                id: None,
                detail: page.description.clone(),
                required: false,
            },
            names: names([&page.title]),
            required: false,
            credits: None,
        });
        for section in &page.sections {
            documents.push(Document {
                fields: DocFields {
                    title: section.title.clone(),
                    context: page.title.clone(),
                    body: section.text.clone(),
                    ..DocFields::default()
                },
                display: DocDisplay {
                    path: format!("{}/#{}", page.slug, section.anchor),
                    kind: DocKind::Section,
                    title: section.title.clone(),
                    id: None,
                    detail: page.title.clone(),
                    required: false,
                },
                names: names([&section.title]),
                required: false,
                credits: None,
            });
        }
    }
    documents.push(Document {
        fields: DocFields {
            title: strings.get(lang, "data_quality_title").to_string(),
            other: strings.get(lang.other(), "data_quality_title").to_string(),
            body: strings.get(lang, "data_quality_description").to_string(),
            ..DocFields::default()
        },
        display: DocDisplay {
            path: "data-quality/".into(),
            kind: DocKind::Page,
            title: strings.get(lang, "data_quality_title").to_string(),
            id: None,
            detail: strings.get(lang, "data_quality_description").to_string(),
            required: false,
        },
        names: names([strings.get(lang, "data_quality_title")]),
        required: false,
        credits: None,
    });
    // Numbered by what a title posting's weight is made of: the prior
    // (designated first, then by credits) and the title's length. A common
    // term's postings then run in equal weights, which gzip folds: at
    // 100,000 meetings the four shards of 核医学 are 22 % smaller. Among
    // equals the catalog's order stays; results of exactly equal score come
    // in this order.
    documents.sort_by_cached_key(|document| {
        (
            std::cmp::Reverse((document.required, document.credits)),
            tokenize(&document.fields.title).len(),
        )
    });
    documents
}

/// Names as `DocDisplay::names` keeps them: cut by the tokenizer, each once,
/// in the order given.
fn names<'a, S: AsRef<str> + ?Sized + 'a>(names: impl IntoIterator<Item = &'a S>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for key in names.into_iter().map(|name| name_key(name.as_ref())) {
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use elasticlunr::{IndexBuilder, Language, Pipeline};

    use super::*;

    /// tanni's tokenizer as an elasticlunr language, with no stemmer,
    /// trimmer or stop words: the tokens are final.
    struct Tanni;

    impl Language for Tanni {
        fn name(&self) -> String {
            "tanni".into()
        }

        fn code(&self) -> String {
            "tanni".into()
        }

        fn tokenize(&self, text: &str) -> Vec<String> {
            tokenize(text)
        }

        fn make_pipeline(&self) -> Pipeline {
            Pipeline { queue: Vec::new() }
        }
    }

    /// The index elasticlunr-rs makes of these values, read back from its
    /// JSON.
    fn by_elasticlunr(documents: &[[&str; FIELDS.len()]]) -> Elastic {
        let mut builder = IndexBuilder::with_language(Box::new(Tanni)).save_docs(false);
        for (field, _) in FIELDS {
            builder = builder.add_field(field);
        }
        let mut index = builder.build();
        for (number, values) in documents.iter().enumerate() {
            index.add_doc(&number.to_string(), values);
        }
        Elastic::from_json(&index.to_json()).expect("elasticlunr-rs writes its JSON")
    }

    fn directly(documents: &[[&str; FIELDS.len()]]) -> Elastic {
        let mut inverted = Inverted::new();
        for (number, values) in documents.iter().enumerate() {
            inverted.add_doc(number, *values);
        }
        inverted.finish()
    }

    /// A number as JSON writes and serde_json reads it, as the index made
    /// by elasticlunr-rs was (serde_json's reading may be off by one in the
    /// last place: `sqrt(14)` came back as 3.7416573867739418).
    fn through_json(tf: f64) -> f64 {
        serde_json::from_str(&serde_json::to_string(&tf).unwrap()).unwrap()
    }

    fn assert_same(documents: &[[&str; FIELDS.len()]]) {
        let expected = by_elasticlunr(documents);
        let mut made = directly(documents);
        for terms in made.fields.values_mut() {
            for (_, postings) in terms {
                for (_, tf) in postings {
                    *tf = through_json(*tf);
                }
            }
        }
        assert_eq!(
            made.fields.keys().collect::<Vec<_>>(),
            expected.fields.keys().collect::<Vec<_>>()
        );
        for (field, terms) in &expected.fields {
            // Compared term by term, so that a difference names its term.
            let made = &made.fields[field];
            for (at, (term, postings)) in terms.iter().enumerate() {
                assert_eq!(
                    made.get(at),
                    Some(&(term.clone(), postings.clone())),
                    "field {field}"
                );
            }
            assert_eq!(made.len(), terms.len(), "field {field}");
        }
        assert_eq!(made.lengths, expected.lengths);
    }

    #[test]
    fn the_index_is_the_one_elasticlunr_rs_makes_of_every_document_of_the_site() {
        let site = crate::load::load_site(Path::new(env!("CARGO_MANIFEST_DIR")))
            .expect("the site's own sources load");
        let readings = meeting_readings(&site);
        for lang in [Lang::Ja, Lang::En] {
            let documents = documents(&site, lang, &readings);
            assert!(documents.len() > site.catalog.meetings.len());
            let values: Vec<_> = documents
                .iter()
                .map(|document| document.fields.in_index_order())
                .collect();
            assert_same(&values);
        }
    }

    #[test]
    fn repeated_words_empty_fields_and_every_script_are_indexed_as_elasticlunr_rs_does() {
        assert_same(&[
            [
                "核医学 核医学 核医学",
                "",
                "PET PET pet",
                "",
                "かくいがく",
                "",
                "",
            ],
            ["", "", "", "", "", "", ""],
            [
                "ＲＳＮＡ rsna",
                "ﾐｯﾄﾞｻﾏｰ",
                "日本IVR学会",
                "関東地方会",
                "",
                "Category 9",
                "論文の単位 of the",
            ],
        ]);
    }
}
