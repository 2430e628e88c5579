//! The site model: plain, immutable data built by loading and validating the
//! inputs, and the only thing the renderers read.

use serde::Serialize;
use tanni_core::rules::Rules;

/// The catalog's own types are the core's: the site writes them to
/// `data/catalog.json`, and the calculator reads them back, with one
/// definition on both sides.
pub use tanni_core::catalog::{Flag, FlagKind, Lang, Localized, Meeting};

use crate::config::Config;
use crate::content::Page;
use crate::i18n::Strings;
use crate::theme::Theme;

/// The pages every site has under `/<lang>/`, besides its content pages: a
/// content page may not take one of these names.
pub const BUILT_IN_PAGES: [&str; 5] = [
    "categories",
    "meetings",
    "data-quality",
    "search",
    "calculator",
];

/// The files the build writes under `/static/` itself: a theme's static
/// file may not take one of these names.
pub const BUILT_STATIC_FILES: [&str; 2] = ["tanni.wasm", "tanni-search.wasm"];

/// A group of meetings inside a category: a subcategory (`3-1`) or a region
/// of category 9 (`kanto`).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    pub name: Localized,
    pub description: Localized,
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: u8,
    pub name: Localized,
    pub description: Localized,
    /// Subcategories or regions; empty for a category that has neither.
    pub groups: Vec<Group>,
    pub grouping: Grouping,
}

/// How the meetings of a category are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grouping {
    None,
    Subcategory,
    Region,
}

/// The catalog: categories and meetings, in the order of the source list.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub categories: Vec<Category>,
    pub meetings: Vec<Meeting>,
}

impl Catalog {
    pub fn category(&self, id: u8) -> Option<&Category> {
        self.categories.iter().find(|category| category.id == id)
    }

    /// How many meetings carry a flag.
    pub fn flagged_count(&self) -> usize {
        self.meetings
            .iter()
            .filter(|meeting| !meeting.flags.is_empty())
            .count()
    }

    pub fn meetings_in(&self, category: u8) -> impl Iterator<Item = &Meeting> {
        self.meetings
            .iter()
            .filter(move |meeting| meeting.category == category)
    }
}

/// Everything the site is built from, checked and complete.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub catalog: Catalog,
    pub rules: Rules,
    /// Content pages of each language, in the same order in both.
    pub pages: Vec<(Lang, Page)>,
    pub strings: Strings,
    pub theme: Theme,
    /// Groups of words that mean the same, for search (`catalog/synonyms.toml`).
    pub synonyms: Vec<Vec<String>>,
    /// The day the inputs last changed (see `load::updated`).
    pub updated: tanni_core::date::Date,
}

impl Site {
    pub fn pages_in(&self, lang: Lang) -> impl Iterator<Item = &Page> {
        self.pages
            .iter()
            .filter(move |(page_lang, _)| *page_lang == lang)
            .map(|(_, page)| page)
    }

    pub fn page(&self, lang: Lang, slug: &str) -> Option<&Page> {
        self.pages_in(lang).find(|page| page.slug == slug)
    }
}
