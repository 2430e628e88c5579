//! The search index of each language: every meeting, category, section of
//! the content pages and the data-quality page as a document, indexed by
//! elasticlunr-rs with tanni's own tokenizer (the one the browser runs).

use std::collections::BTreeMap;

use elasticlunr::{IndexBuilder, Language, Pipeline};
use tanni_core::search::{name_key, DocDisplay, DocFields, DocKind, SearchDocs, Searcher, FIELDS};
use tanni_core::tokenizer::tokenize;

use crate::kana::Reader;
use crate::model::{Lang, Site};
use crate::view::{category_summary, meeting_view};

/// A document of the index: its reference is its URL under `/<lang>/`.
struct Document {
    reference: String,
    fields: DocFields,
    display: DocDisplay,
}

/// The built index of one language and what its results show.
pub struct LanguageIndex {
    /// The elasticlunr index as JSON.
    pub index_json: String,
    /// The display records and the synonyms (`SearchDocs`), as JSON.
    pub docs_json: String,
    pub docs: BTreeMap<String, DocDisplay>,
}

/// tanni's tokenizer as an elasticlunr language, with no stemmer, trimmer or
/// stop words: the tokens are final.
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

/// The index of one language, with the readings of `meeting_readings`.
pub fn build_index(site: &Site, lang: Lang, readings: &Readings) -> LanguageIndex {
    let mut builder = IndexBuilder::with_language(Box::new(Tanni)).save_docs(false);
    for (field, _) in FIELDS {
        builder = builder.add_field(field);
    }
    let mut index = builder.build();
    let mut docs = BTreeMap::new();
    for document in documents(site, lang, readings) {
        index.add_doc(&document.reference, document.fields.in_index_order());
        docs.insert(document.reference, document.display);
    }
    let search_docs = SearchDocs {
        docs,
        synonyms: site
            .synonyms
            .iter()
            .map(|group| group.iter().map(|word| name_key(word)).collect())
            .collect(),
    };
    LanguageIndex {
        index_json: index.to_json(),
        docs_json: serde_json::to_string(&search_docs).expect("display records serialize"),
        docs: search_docs.docs,
    }
}

/// Loads the index as the browser does, for `tanni search` and the tests.
pub fn searcher(index: &LanguageIndex) -> Searcher {
    Searcher::from_json_with_docs(&index.index_json, &index.docs_json)
        .expect("a freshly built index loads")
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
            reference: format!("meetings/{}/", meeting.id),
            fields: DocFields {
                title: view.name.clone(),
                aliases: meeting.aliases.join(" "),
                other: view.other_name.clone(),
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
                kind: DocKind::Meeting,
                title: view.name,
                id: Some(meeting.id.clone()),
                detail,
                required: meeting.required,
                credits: meeting.credits,
                names: names(
                    [&meeting.name.ja, &meeting.name.en]
                        .into_iter()
                        .chain(meeting.former_names.iter().flat_map(|f| [&f.ja, &f.en]))
                        .chain(&meeting.aliases)
                        .chain(readings),
                ),
            },
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
            reference: format!("categories/{}/", category.id),
            fields: DocFields {
                title: summary.title.clone(),
                other: category.name.get(lang.other()).to_string(),
                context: groups,
                body: summary.description.clone(),
                ..DocFields::default()
            },
            display: DocDisplay {
                kind: DocKind::Category,
                names: names([summary.title.as_str(), category.name.get(lang.other())]),
                title: summary.title,
                id: None,
                detail: summary.count_label,
                required: false,
                credits: None,
            },
        });
    }
    for page in site.pages_in(lang) {
        documents.push(Document {
            reference: format!("{}/", page.slug),
            fields: DocFields {
                title: page.title.clone(),
                body: page.description.clone(),
                ..DocFields::default()
            },
            display: DocDisplay {
                kind: DocKind::Page,
                title: page.title.clone(),
                id: None,
                detail: page.description.clone(),
                required: false,
                credits: None,
                names: names([&page.title]),
            },
        });
        for section in &page.sections {
            documents.push(Document {
                reference: format!("{}/#{}", page.slug, section.anchor),
                fields: DocFields {
                    title: section.title.clone(),
                    context: page.title.clone(),
                    body: section.text.clone(),
                    ..DocFields::default()
                },
                display: DocDisplay {
                    kind: DocKind::Section,
                    title: section.title.clone(),
                    id: None,
                    detail: page.title.clone(),
                    required: false,
                    credits: None,
                    names: names([&section.title]),
                },
            });
        }
    }
    documents.push(Document {
        reference: "data-quality/".into(),
        fields: DocFields {
            title: strings.get(lang, "data_quality_title").to_string(),
            other: strings.get(lang.other(), "data_quality_title").to_string(),
            body: strings.get(lang, "data_quality_description").to_string(),
            ..DocFields::default()
        },
        display: DocDisplay {
            kind: DocKind::Page,
            title: strings.get(lang, "data_quality_title").to_string(),
            id: None,
            detail: strings.get(lang, "data_quality_description").to_string(),
            required: false,
            credits: None,
            names: names([strings.get(lang, "data_quality_title")]),
        },
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
