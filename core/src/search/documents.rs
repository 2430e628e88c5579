//! What the site writes for search and this engine reads: the fields of a
//! document, in the order of the index, and the display record of a result.

use serde::Serialize;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Meeting,
    Category,
    Page,
    Section,
}

/// What a result shows, written by the site in the search's record files
/// (`search/r{n}.json`) and read by the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocDisplay {
    /// The page, under `/<lang>/` (`meetings/annual/`, `about/#what`).
    pub path: String,
    pub kind: DocKind,
    pub title: String,
    /// The meeting id, for meetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Credits and category, for meetings; the page, for sections.
    pub detail: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// A name as the names' shards hold it (tokens joined by a space): a query
/// that is one of a document's names finds that document first.
pub fn name_key(name: &str) -> String {
    crate::tokenizer::tokenize(name).join(" ")
}
