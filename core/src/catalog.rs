//! The catalog as it crosses from the site to the browser: the meetings and
//! categories of `data/catalog.json`, written by the site's export and read
//! back by the calculator. One definition serves both sides, so that a field
//! renamed on one side is renamed on the other, or the build fails.

use serde::{Deserialize, Serialize};

/// The two languages of the site, Japanese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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

/// Something the source leaves unclear about a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Flag {
    pub kind: FlagKind,
    pub ja: String,
    pub en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub name: Localized,
    /// For a meeting the source names in English only (an international
    /// congress): the name Japanese readers know it by (北米放射線学会),
    /// which Japanese pages show first, the source's name beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub japanese_name: Option<String>,
    pub former_names: Vec<Localized>,
    pub aliases: Vec<String>,
    pub category: u8,
    pub subcategory: Option<String>,
    pub region: Option<String>,
    pub credits: Option<u32>,
    pub required: bool,
    /// The catalog's other listings of the same meeting (the source lists
    /// it twice): an attendance entered under both counts once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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

/// `data/catalog.json`: every meeting, in the order of the source list, and
/// the categories with their subcategories or regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CatalogDownload {
    pub meetings: Vec<Meeting>,
    pub categories: Vec<CategoryDownload>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryDownload {
    pub id: u8,
    pub name: Localized,
    pub description: Localized,
    pub subcategories: Vec<GroupDownload>,
    pub regions: Vec<GroupDownload>,
}

/// A subcategory (`3-1`) or a region (`kanto`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupDownload {
    pub id: String,
    pub name: Localized,
}

impl From<&Meeting> for crate::engine::MeetingCredit {
    /// What the rules engine needs to know of a meeting.
    fn from(meeting: &Meeting) -> Self {
        crate::engine::MeetingCredit {
            id: meeting.id.clone(),
            credits: meeting.credits,
            required: meeting.required,
            same_as: meeting.same_as.clone(),
        }
    }
}
