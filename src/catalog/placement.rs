//! Where a meeting is listed: a category of `categories.toml`, and the
//! subcategory or region that category asks for.

use toml::Spanned;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::model::{Category, Grouping};

pub type Placement = (u8, Option<String>, Option<String>);

/// The category, and the subcategory or region the category asks for.
pub fn check_placement(
    category: &Spanned<i64>,
    subcategory: Option<&Spanned<String>>,
    region: Option<&Spanned<String>>,
    categories: &[Category],
    file: &SourceFile,
    problems: &mut Diagnostics,
) -> Option<Placement> {
    let Some(found) = categories
        .iter()
        .find(|known| i64::from(known.id) == *category.get_ref())
    else {
        problems.push(
            file.diagnostic(
                category.span(),
                format!("unknown category {}", category.get_ref()),
            )
            .with_help(format!(
                "categories are {}, defined in catalog/categories.toml",
                categories
                    .iter()
                    .map(|c| c.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
        return None;
    };
    let known_groups = || {
        found
            .groups
            .iter()
            .map(|g| format!("`{}`", g.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut check_group = |value: Option<&Spanned<String>>,
                           field: &str,
                           expected: Grouping|
     -> Option<Option<String>> {
        match (value, found.grouping == expected) {
            (None, false) => Some(None),
            (Some(value), false) => {
                problems.push(file.diagnostic(
                    value.span(),
                    format!(
                        "category {} has no {field}s, but this meeting names {field} `{}`",
                        found.id,
                        value.get_ref()
                    ),
                ));
                None
            }
            (None, true) => {
                problems.push(
                    file.diagnostic(
                        category.span(),
                        format!("a meeting of category {} needs a `{field}`", found.id),
                    )
                    .with_help(format!("one of {}", known_groups())),
                );
                None
            }
            (Some(value), true) if found.groups.iter().any(|g| &g.id == value.get_ref()) => {
                Some(Some(value.get_ref().clone()))
            }
            (Some(value), true) => {
                problems.push(
                    file.diagnostic(
                        value.span(),
                        format!(
                            "unknown {field} `{}` for category {}",
                            value.get_ref(),
                            found.id
                        ),
                    )
                    .with_help(format!("one of {}", known_groups())),
                );
                None
            }
        }
    };
    let subcategory = check_group(subcategory, "subcategory", Grouping::Subcategory);
    let region = check_group(region, "region", Grouping::Region);
    Some((found.id, subcategory?, region?))
}
