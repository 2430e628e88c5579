//! Views: the model seen from one language, shaped for the templates and the
//! search results. All wording and every link is decided here, so that
//! templates only place values and both engines have nothing to compute;
//! the renderer and the search index read the model through these.

pub mod lang;
pub mod table;

use serde::Serialize;

use crate::model::{Catalog, Category, Grouping, Lang, Meeting, Site};
use lang::Text;

/// A link target from the site root, e.g. `ja/meetings/rsna/`.
pub fn meeting_href(lang: Lang, id: &str) -> String {
    format!("{}/meetings/{id}/", lang.code())
}

pub fn category_href(lang: Lang, id: u8) -> String {
    format!("{}/categories/{id}/", lang.code())
}

/// The anchor of a subcategory or region on its category page.
pub fn group_anchor(group: &str) -> String {
    format!("group-{group}")
}

#[derive(Serialize)]
pub struct Link {
    pub name: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct FlagView {
    pub kind: &'static str,
    pub label: String,
    /// The note, cut where it quotes the other language.
    pub note: Vec<Text>,
}

#[derive(Serialize)]
pub struct MeetingView {
    pub id: String,
    pub href: String,
    pub name: String,
    /// The language of `name` when it is not the page's (an international
    /// meeting's Japanese name is often English).
    pub name_lang: Option<&'static str>,
    pub other_name: String,
    pub other_name_lang: Option<&'static str>,
    pub has_credits: bool,
    pub credits: String,
    pub credits_label: String,
    /// "単位" / "credits", beside the number.
    pub credits_unit: String,
    pub required: bool,
    pub category: Link,
    pub group: Option<Link>,
    pub group_kind: String,
    pub former_names: Vec<NamePair>,
    pub aliases: Vec<Text>,
    pub flags: Vec<FlagView>,
    /// The source lines (Japanese), cut where they hold English words.
    pub source: Vec<Vec<Text>>,
}

/// A meeting as a list shows it, one line each (the table of every
/// meeting, a category's page): what those templates read of its view and
/// no more. A list at 100,000 meetings holds one of these per meeting while
/// its page is rendered; the whole view (former names, aliases, the source
/// lines) made the table's context ten times larger.
#[derive(Serialize)]
pub struct MeetingListing {
    pub href: String,
    pub name: String,
    pub name_lang: Option<&'static str>,
    pub has_credits: bool,
    pub credits: String,
    pub credits_label: String,
    pub credits_unit: String,
    pub required: bool,
    pub category: Link,
    pub group: Option<Link>,
    /// What the data notes say of it (a list marks a flagged meeting).
    pub flags: Vec<FlagView>,
}

impl From<MeetingView> for MeetingListing {
    fn from(view: MeetingView) -> MeetingListing {
        MeetingListing {
            href: view.href,
            name: view.name,
            name_lang: view.name_lang,
            has_credits: view.has_credits,
            credits: view.credits,
            credits_label: view.credits_label,
            credits_unit: view.credits_unit,
            required: view.required,
            category: view.category,
            group: view.group,
            flags: view.flags,
        }
    }
}

/// `meeting`'s line in a list.
pub fn meeting_listing(site: &Site, lang: Lang, meeting: &Meeting) -> MeetingListing {
    meeting_view(site, lang, meeting).into()
}

#[derive(Serialize)]
pub struct NamePair {
    pub name: Text,
    pub other_name: Text,
}

pub fn meeting_view(site: &Site, lang: Lang, meeting: &Meeting) -> MeetingView {
    let strings = &site.strings;
    let category = site
        .catalog
        .category(meeting.category)
        .expect("validated category");
    let group = meeting.group().and_then(|group_id| {
        category
            .groups
            .iter()
            .find(|group| group.id == group_id)
            .map(|group| Link {
                name: group.name.get(lang).to_string(),
                href: format!(
                    "{}#{}",
                    category_href(lang, category.id),
                    group_anchor(&group.id)
                ),
            })
    });
    let group_kind = match category.grouping {
        Grouping::Region => strings.get(lang, "region"),
        _ => strings.get(lang, "subcategory"),
    };
    // A Japanese page leads with the name Japanese readers know a meeting
    // by, where the source names it in English only.
    let (name, other_name) = match (&meeting.japanese_name, lang) {
        (Some(japanese), Lang::Ja) => (
            lang::name(japanese, lang),
            lang::name(&meeting.name.ja, lang),
        ),
        _ => (
            lang::name(meeting.name.get(lang), lang),
            lang::name(meeting.name.get(lang.other()), lang),
        ),
    };
    MeetingView {
        id: meeting.id.clone(),
        href: meeting_href(lang, &meeting.id),
        name: name.text,
        name_lang: name.lang,
        other_name: other_name.text,
        other_name_lang: other_name.lang,
        has_credits: meeting.credits.is_some(),
        credits: meeting
            .credits
            .map_or_else(|| "—".to_string(), |credits| credits.to_string()),
        credits_label: credits_label(site, lang, meeting.credits),
        credits_unit: strings
            .get(
                lang,
                if meeting.credits == Some(1) {
                    "credits_unit_one"
                } else {
                    "credits_unit_many"
                },
            )
            .to_string(),
        required: meeting.required,
        category: Link {
            name: category_title(site, lang, category),
            href: category_href(lang, category.id),
        },
        group,
        group_kind: group_kind.to_string(),
        former_names: meeting
            .former_names
            .iter()
            .map(|former| NamePair {
                name: lang::name(former.get(lang), lang),
                other_name: lang::name(former.get(lang.other()), lang),
            })
            .collect(),
        aliases: meeting
            .aliases
            .iter()
            .map(|alias| lang::name(alias, lang))
            .collect(),
        flags: meeting
            .flags
            .iter()
            .map(|flag| FlagView {
                kind: flag.kind.as_str(),
                label: strings
                    .get(
                        lang,
                        &format!("flag_{}", flag.kind.as_str().replace('-', "_")),
                    )
                    .to_string(),
                note: lang::runs(
                    match lang {
                        Lang::Ja => &flag.ja,
                        Lang::En => &flag.en,
                    },
                    lang,
                ),
            })
            .collect(),
        source: meeting
            .source
            .iter()
            .map(|line| lang::runs(line, Lang::Ja))
            .collect(),
    }
}

/// "5単位" / "5 credits"; "単位数の記載なし" / "no credit value given".
pub fn credits_label(site: &Site, lang: Lang, credits: Option<u32>) -> String {
    tanni_core::display::credits_label(|key| site.strings.get(lang, key), credits)
}

/// "分類3 JRS関連学術集会" / "Category 3: JRS-Affiliated Meetings".
pub fn category_title(site: &Site, lang: Lang, category: &Category) -> String {
    site.strings
        .get(lang, "category_title")
        .replace("{n}", &category.id.to_string())
        .replace("{name}", category.name.get(lang))
}

#[derive(Serialize)]
pub struct CategorySummary {
    pub id: u8,
    pub href: String,
    pub title: String,
    pub description: String,
    pub count: usize,
    pub count_label: String,
    /// Whether any meeting of the category carries the required mark.
    pub has_required: bool,
    pub groups: Vec<GroupSummary>,
}

#[derive(Serialize)]
pub struct GroupSummary {
    pub id: String,
    pub anchor: String,
    pub href: String,
    pub name: String,
    pub description: String,
    pub count: usize,
    pub meetings: Vec<MeetingListing>,
}

pub fn category_summary(
    site: &Site,
    lang: Lang,
    category: &Category,
    with_meetings: bool,
) -> CategorySummary {
    let catalog: &Catalog = &site.catalog;
    let count = catalog.meetings_in(category.id).count();
    let mut groups: Vec<GroupSummary> = category
        .groups
        .iter()
        .map(|group| {
            let members: Vec<&Meeting> = catalog
                .meetings_in(category.id)
                .filter(|m| m.group() == Some(group.id.as_str()))
                .collect();
            GroupSummary {
                id: group.id.clone(),
                anchor: group_anchor(&group.id),
                href: format!(
                    "{}#{}",
                    category_href(lang, category.id),
                    group_anchor(&group.id)
                ),
                name: group.name.get(lang).to_string(),
                description: group.description.get(lang).to_string(),
                count: members.len(),
                meetings: if with_meetings {
                    members
                        .into_iter()
                        .map(|m| meeting_listing(site, lang, m))
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    if groups.is_empty() && with_meetings {
        groups.push(GroupSummary {
            id: String::new(),
            anchor: String::new(),
            href: category_href(lang, category.id),
            name: String::new(),
            description: String::new(),
            count,
            meetings: catalog
                .meetings_in(category.id)
                .map(|m| meeting_listing(site, lang, m))
                .collect(),
        });
    }
    CategorySummary {
        id: category.id,
        href: category_href(lang, category.id),
        title: category_title(site, lang, category),
        description: category.description.get(lang).to_string(),
        count,
        count_label: site
            .strings
            .get(lang, "meeting_count")
            .replace("{n}", &count.to_string()),
        has_required: catalog.meetings_in(category.id).any(|m| m.required),
        groups,
    }
}
