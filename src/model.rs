//! The site model: plain, immutable data built by loading and validating the
//! inputs, and the only thing the renderers read.

use serde::Serialize;
use tanni_core::rules::Rules;

use crate::config::Config;
use crate::content::Page;
use crate::i18n::Strings;
use crate::theme::Theme;

/// The two languages of the site, Japanese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }
}

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
pub const BUILT_STATIC_FILES: [&str; 1] = ["tanni.wasm"];

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Localized {
    pub ja: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

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

/// Something the source leaves unclear about a meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub ja: String,
    pub en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    NoValue,
    ValueUnlinked,
    ListedTwice,
    RegionDoubtful,
    RenameUnconfirmed,
    NameUnclear,
}

impl FlagKind {
    pub const ALL: [FlagKind; 6] = [
        FlagKind::NoValue,
        FlagKind::ValueUnlinked,
        FlagKind::ListedTwice,
        FlagKind::RegionDoubtful,
        FlagKind::RenameUnconfirmed,
        FlagKind::NameUnclear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::NoValue => "no-value",
            FlagKind::ValueUnlinked => "value-unlinked",
            FlagKind::ListedTwice => "listed-twice",
            FlagKind::RegionDoubtful => "region-doubtful",
            FlagKind::RenameUnconfirmed => "rename-unconfirmed",
            FlagKind::NameUnclear => "name-unclear",
        }
    }

    pub fn parse(text: &str) -> Option<FlagKind> {
        FlagKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// One credit-bearing meeting of the catalog.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub id: String,
    pub name: Localized,
    pub former_names: Vec<Localized>,
    pub aliases: Vec<String>,
    pub category: u8,
    pub subcategory: Option<String>,
    pub region: Option<String>,
    pub credits: Option<u32>,
    pub required: bool,
    /// The catalog's other listings of the same meeting (the source lists
    /// it twice): an attendance entered under both counts once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<String>,
    pub flags: Vec<Flag>,
    pub source: Vec<String>,
}

impl Meeting {
    /// The subcategory or region the meeting is listed under.
    pub fn group(&self) -> Option<&str> {
        self.subcategory.as_deref().or(self.region.as_deref())
    }
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
