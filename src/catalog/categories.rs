//! `catalog/categories.toml`: the ten categories, their subcategories and the
//! regions of category 9.

use serde::Deserialize;
use toml::Spanned;

use super::RawLocalized;
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::limits;
use crate::model::{Category, Group, Grouping};
use crate::toml_input;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: Spanned<i64>,
    name: Spanned<RawLocalized>,
    description: Spanned<RawLocalized>,
    #[allow(dead_code)] // kept in the file so that a reader can check the heading
    source: String,
    #[serde(default)]
    subcategories: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    regions: Vec<Spanned<RawGroup>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: Spanned<String>,
    name: Spanned<RawLocalized>,
    description: Spanned<RawLocalized>,
    #[allow(dead_code)]
    source: String,
}

pub fn parse_categories(file: &SourceFile, problems: &mut Diagnostics) -> Option<Vec<Category>> {
    let before = problems.len();
    let document = toml_input::parse(file, problems)?;
    let mut categories: Vec<Category> = Vec::new();
    let mut group_ids: Vec<String> = Vec::new();
    for value in toml_input::array_of_tables(file, document, "category", problems) {
        let Some(raw) = toml_input::deserialize::<RawCategory>(file, value, problems) else {
            continue;
        };
        let id = *raw.id.get_ref();
        let id = match u8::try_from(id) {
            Ok(id) if id >= 1 && !categories.iter().any(|c| c.id == id) => id,
            Ok(id) if id >= 1 => {
                problems.push(
                    file.diagnostic(raw.id.span(), format!("category {id} is defined twice")),
                );
                continue;
            }
            _ => {
                problems.push(file.diagnostic(
                    raw.id.span(),
                    format!("a category id is a number from 1 to 255, found {id}"),
                ));
                continue;
            }
        };
        if !raw.subcategories.is_empty() && !raw.regions.is_empty() {
            problems.push(file.diagnostic(raw.id.span(), format!("category {id} has both subcategories and regions; a category groups its meetings one way")));
        }
        let (grouping, raw_groups) = if !raw.regions.is_empty() {
            (Grouping::Region, raw.regions)
        } else if !raw.subcategories.is_empty() {
            (Grouping::Subcategory, raw.subcategories)
        } else {
            (Grouping::None, Vec::new())
        };
        let mut groups = Vec::new();
        for group in raw_groups {
            let group = group.into_inner();
            let group_id = group.id.get_ref().clone();
            if !crate::slug::is_slug(&group_id) {
                problems.push(file.diagnostic(
                    group.id.span(),
                    format!("`{group_id}` is not a slug: use lowercase letters, digits and `-`"),
                ));
            } else if group_ids.contains(&group_id) {
                problems.push(file.diagnostic(
                    group.id.span(),
                    format!("subcategory or region `{group_id}` is defined twice"),
                ));
            }
            group_ids.push(group_id.clone());
            let (name_span, description_span) = (group.name.span(), group.description.span());
            let name = group.name.into_inner().check(
                name_span,
                &format!("the name of `{group_id}`"),
                limits::MAX_NAME_CHARS,
                file,
                problems,
            );
            let description = group.description.into_inner().check(
                description_span,
                &format!("the description of `{group_id}`"),
                limits::MAX_NOTE_CHARS,
                file,
                problems,
            );
            if let (Some(name), Some(description)) = (name, description) {
                groups.push(Group {
                    id: group_id,
                    name,
                    description,
                });
            }
        }
        let (name_span, description_span) = (raw.name.span(), raw.description.span());
        let name = raw.name.into_inner().check(
            name_span,
            &format!("the name of category {id}"),
            limits::MAX_NAME_CHARS,
            file,
            problems,
        );
        let description = raw.description.into_inner().check(
            description_span,
            &format!("the description of category {id}"),
            limits::MAX_NOTE_CHARS,
            file,
            problems,
        );
        if let (Some(name), Some(description)) = (name, description) {
            categories.push(Category {
                id,
                name,
                description,
                groups,
                grouping,
            });
        }
    }
    (problems.len() == before).then_some(categories)
}
