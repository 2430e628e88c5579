//! The table of every meeting (`/<lang>/meetings/`): the catalog in its
//! order, cut into one section per category, subcategory or region, with
//! what the page's filter reads on each row. Without scripts it is the whole
//! catalog as a plain table; the page's script filters and sorts the rows.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{Grouping, Lang, Meeting, Site};
use crate::view::{category_title, group_anchor, meeting_listing, MeetingListing};

#[derive(Serialize)]
pub struct MeetingsTable {
    /// The sections in the catalog's order; every meeting is in one.
    pub sections: Vec<Section>,
    /// The categories, for the jump links and the category filter.
    pub categories: Vec<CategoryEntry>,
    /// The regions (category 9's groups), for the region filter.
    pub regions: Vec<Choice>,
    /// The credit values the catalog gives, smallest first.
    pub credit_values: Vec<u32>,
    /// Whether some meeting has no credit value.
    pub has_no_credits: bool,
    pub count: usize,
}

/// One `<tbody>`: the meetings of a category, or of one of its groups.
#[derive(Serialize)]
pub struct Section {
    /// The id of the section's heading, the target of its jump link.
    pub anchor: String,
    /// The category's anchor on its first section, which the category's
    /// jump link targets.
    pub category_anchor: Option<String>,
    pub heading: String,
    pub rows: Vec<Row>,
}

#[derive(Serialize)]
pub struct Row {
    #[serde(flatten)]
    pub meeting: MeetingListing,
    pub category_id: u8,
    /// "分類3" / "Category 3", the category's column.
    pub category_short: String,
    /// The subcategory or region, or "".
    pub group_id: String,
    /// The position in the catalog, the table's order without a sort.
    pub order: usize,
    /// Every name of the meeting in both languages, one per line: what the
    /// filter's words are looked for in.
    pub names: String,
}

#[derive(Serialize)]
pub struct CategoryEntry {
    pub id: u8,
    pub anchor: String,
    pub title: String,
    /// The jump links to its groups, for a category grouped by region.
    pub regions: Vec<Choice>,
}

#[derive(Serialize)]
pub struct Choice {
    pub id: String,
    pub anchor: String,
    pub name: String,
}

pub fn category_anchor(id: u8) -> String {
    format!("category-{id}")
}

pub fn meetings_table(site: &Site, lang: Lang) -> MeetingsTable {
    let catalog = &site.catalog;
    let mut sections: Vec<Section> = Vec::new();
    let mut at: Option<(u8, Option<&str>)> = None;
    for (order, meeting) in catalog.meetings.iter().enumerate() {
        let here = (meeting.category, meeting.group());
        if at != Some(here) {
            let first = at.is_none_or(|(category, _)| category != meeting.category);
            sections.push(section(site, lang, meeting, first));
            at = Some(here);
        }
        let row = Row {
            meeting: meeting_listing(site, lang, meeting),
            category_id: meeting.category,
            category_short: site
                .strings
                .get(lang, "category_short")
                .replace("{n}", &meeting.category.to_string()),
            group_id: meeting.group().unwrap_or_default().to_string(),
            order,
            names: names(meeting),
        };
        sections.last_mut().expect("a section").rows.push(row);
    }
    let regions = |grouping: Grouping, groups: &[crate::model::Group]| -> Vec<Choice> {
        if grouping != Grouping::Region {
            return Vec::new();
        }
        groups
            .iter()
            .map(|group| Choice {
                id: group.id.clone(),
                anchor: group_anchor(&group.id),
                name: group.name.get(lang).to_string(),
            })
            .collect()
    };
    let credits: BTreeSet<u32> = catalog.meetings.iter().filter_map(|m| m.credits).collect();
    MeetingsTable {
        sections,
        categories: catalog
            .categories
            .iter()
            .map(|category| CategoryEntry {
                id: category.id,
                anchor: category_anchor(category.id),
                title: category_title(site, lang, category),
                regions: regions(category.grouping, &category.groups),
            })
            .collect(),
        regions: catalog
            .categories
            .iter()
            .flat_map(|category| regions(category.grouping, &category.groups))
            .collect(),
        credit_values: credits.into_iter().collect(),
        has_no_credits: catalog.meetings.iter().any(|m| m.credits.is_none()),
        count: catalog.meetings.len(),
    }
}

/// The section that `meeting` opens; `first` when it is its category's first.
fn section(site: &Site, lang: Lang, meeting: &Meeting, first: bool) -> Section {
    let category = site
        .catalog
        .category(meeting.category)
        .expect("validated category");
    let title = category_title(site, lang, category);
    let group = meeting
        .group()
        .and_then(|id| category.groups.iter().find(|group| group.id == id));
    match group {
        Some(group) => Section {
            anchor: group_anchor(&group.id),
            category_anchor: first.then(|| category_anchor(category.id)),
            heading: format!("{title} — {}", group.name.get(lang)),
            rows: Vec::new(),
        },
        None => Section {
            anchor: category_anchor(category.id),
            category_anchor: None,
            heading: title,
            rows: Vec::new(),
        },
    }
}

/// The meeting's names in both languages, its former names and its aliases,
/// one per line, each once.
fn names(meeting: &Meeting) -> String {
    let mut names: Vec<&str> = Vec::new();
    let all = Lang::ALL
        .iter()
        .map(|&lang| meeting.name.get(lang))
        .chain(meeting.japanese_name.as_deref())
        .chain(
            meeting
                .former_names
                .iter()
                .flat_map(|former| Lang::ALL.map(|lang| former.get(lang))),
        )
        .chain(meeting.aliases.iter().map(String::as_str));
    for name in all {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join("\n")
}
