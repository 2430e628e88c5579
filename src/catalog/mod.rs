//! The catalog: categories, meetings and rules read from `catalog/`, checked
//! against each other, and turned into the model's `Catalog`.

mod categories;
mod meetings;
mod placement;
mod synonyms;

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::limits;
use crate::model::{Catalog, Localized};

pub use categories::parse_categories;
pub use meetings::parse_meetings;
pub use synonyms::parse_synonyms;

pub mod new_meeting;

/// What `tanni new meeting` writes where a maintainer must supply a value
/// (a name, the credits, a source line). The checks refuse it wherever it
/// stands, so that no entry is built before it is filled in.
pub const TO_FILL: &str = "TODO";

/// Whether a text is still the mark of a value to fill in.
pub fn is_to_fill(text: &str) -> bool {
    text.trim() == TO_FILL
}

/// Reads the catalog from its files: `categories.toml` and the meeting files
/// in name order. Returns every problem found in any of them.
pub fn parse(
    categories: &SourceFile,
    meeting_files: &[SourceFile],
    problems: &mut Diagnostics,
) -> Option<Catalog> {
    let categories = parse_categories(categories, problems)?;
    let mut meetings = parse_meetings(&categories, meeting_files, problems);
    // The order of the source list: by category, then by subcategory or
    // region as categories.toml lists them, then as the files list them.
    let position = |meeting: &crate::model::Meeting| {
        let category = categories.iter().position(|c| c.id == meeting.category);
        let group = category.and_then(|c| {
            categories[c]
                .groups
                .iter()
                .position(|g| Some(g.id.as_str()) == meeting.group())
        });
        (category, group)
    };
    meetings.sort_by_key(position);
    Some(Catalog {
        categories,
        meetings,
    })
}

/// `{ ja = "…", en = "…" }` as written, each part optional so that a missing
/// language is reported with its place rather than as a serde error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocalized {
    ja: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
}

impl RawLocalized {
    /// Both texts, or a problem for each one missing, blank, or longer than
    /// `max_chars`.
    fn check(
        self,
        span: Range<usize>,
        what: &str,
        max_chars: usize,
        file: &SourceFile,
        problems: &mut Diagnostics,
    ) -> Option<Localized> {
        let mut part = |text: Option<Spanned<String>>, language: &str| match text {
            Some(text) if is_to_fill(text.get_ref()) => {
                problems.push(
                    file.diagnostic(
                        text.span(),
                        format!("{what} is not filled in: still \"{TO_FILL}\" in {language}"),
                    )
                    .with_help(format!("write it in {language} in place of \"{TO_FILL}\"")),
                );
                None
            }
            Some(text) if !limits::is_blank(text.get_ref()) => limits::check_length(
                file,
                text.span(),
                text.get_ref(),
                max_chars,
                &format!("{what} in {language}"),
                problems,
            )
            .then(|| text.into_inner()),
            Some(text) => {
                problems
                    .push(file.diagnostic(text.span(), format!("{what} is blank in {language}")));
                None
            }
            None => {
                problems
                    .push(file.diagnostic(span.clone(), format!("{what} has no {language} text")));
                None
            }
        };
        let ja = part(self.ja, "Japanese (`ja`)");
        let en = part(self.en, "English (`en`)");
        Some(Localized { ja: ja?, en: en? })
    }
}
