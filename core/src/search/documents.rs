//! What the site writes for search and this engine reads: the fields of a
//! document, in the order of the index, and the display record of a result.

use serde::{Deserialize, Serialize};

/// The fields of a search document, in index order, with their boosts: a
/// meeting's own name outranks a mention elsewhere. `reading` holds the kana
/// readings of its Japanese names.
pub const FIELDS: [(&str, f64); 7] = [
    ("title", 10.0),
    ("aliases", 8.0),
    ("other", 6.0),
    ("former", 6.0),
    ("reading", 6.0),
    ("context", 2.0),
    ("body", 1.0),
];

/// The fields where a query word may match as the beginning of a longer
/// word: the names, which members type half-way. In the category line and the
/// text a word must be whole, or "seminar" would find every meeting of a
/// category called "… and Seminars".
pub const PREFIX_FIELDS: [&str; 4] = ["title", "aliases", "other", "former"];

/// The fields of a search document by name; `in_index_order` lays them out
/// in the order of `FIELDS`, the one place that order is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFields {
    pub title: String,
    pub aliases: String,
    pub other: String,
    pub former: String,
    pub reading: String,
    pub context: String,
    pub body: String,
}

impl DocFields {
    /// The values, in the order of `FIELDS`.
    pub fn in_index_order(&self) -> [&str; FIELDS.len()] {
        [
            &self.title,
            &self.aliases,
            &self.other,
            &self.former,
            &self.reading,
            &self.context,
            &self.body,
        ]
    }
}

/// What kind of page a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Meeting,
    Category,
    Page,
    Section,
}

/// What a result shows, written by the site beside the index
/// (`search-docs.json`) and read back here (a meeting's weight) and by the
/// page (its title and line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocDisplay {
    pub kind: DocKind,
    pub title: String,
    /// The meeting id, for meetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Credits and category, for meetings; the page, for sections.
    pub detail: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// The meeting's credits, which weigh in the ranking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<u32>,
    /// Its names (in both languages, former names, aliases, the readings
    /// of the Japanese ones) as the tokenizer cuts them, tokens joined by a
    /// space: a query that is one of them finds this document first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

/// `search-docs.json`: what each result shows, by reference, and the
/// synonyms a query is read with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchDocs {
    pub docs: std::collections::BTreeMap<String, DocDisplay>,
    /// Groups of words that mean the same (`catalog/synonyms.toml`), each
    /// word as `name_key` cuts it: a query holding one is also read with
    /// each of the others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
}

/// A name as `DocDisplay::names` holds it.
pub fn name_key(name: &str) -> String {
    crate::tokenizer::tokenize(name).join(" ")
}
