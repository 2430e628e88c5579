//! `catalog/meetings/*.toml`: the meetings, checked field by field and
//! against the categories. Every problem is reported, not only the first.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::placement::check_placement;
use super::{is_to_fill, RawLocalized, TO_FILL};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::limits::{
    check_length, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_SOURCE_LINE_CHARS,
};
use crate::model::{Category, Flag, FlagKind, Meeting};
use crate::slug::is_slug;
use crate::toml_input;

/// The smallest and largest credit value a meeting may carry.
pub const CREDITS_RANGE: std::ops::RangeInclusive<i64> = 1..=100;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeeting {
    id: Spanned<String>,
    name: Spanned<RawLocalized>,
    japanese_name: Option<Spanned<String>>,
    category: Spanned<i64>,
    subcategory: Option<Spanned<String>>,
    region: Option<Spanned<String>>,
    credits: Option<Spanned<toml::Value>>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    former_names: Vec<Spanned<RawLocalized>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    same_as: Vec<Spanned<String>>,
    source: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    flags: Vec<Spanned<RawFlag>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlag {
    kind: Spanned<String>,
    ja: Spanned<String>,
    en: Spanned<String>,
}

/// Where an id was first defined, to name it when it comes again.
struct FirstDefinition {
    file: usize,
    span: Range<usize>,
}

pub fn parse_meetings(
    categories: &[Category],
    files: &[SourceFile],
    problems: &mut Diagnostics,
) -> Vec<Meeting> {
    let mut meetings = Vec::new();
    let mut seen: HashMap<String, FirstDefinition> = HashMap::new();
    // Every `same_as` as written: (file, meeting id, the twin's id).
    let mut twins: Vec<(usize, String, Spanned<String>)> = Vec::new();
    for (file_index, file) in files.iter().enumerate() {
        let Some(document) = toml_input::parse(file, problems) else {
            continue;
        };
        for value in toml_input::array_of_tables(file, document, "meeting", problems) {
            let Some(raw) = toml_input::deserialize::<RawMeeting>(file, value, problems) else {
                continue;
            };
            let id = raw.id.get_ref().clone();
            if is_slug(&id) {
                check_length(
                    file,
                    raw.id.span(),
                    &id,
                    MAX_ID_CHARS,
                    &format!("the meeting id `{}…`", &id[..20.min(id.len())]),
                    problems,
                );
            } else {
                problems.push(
                    file.diagnostic(raw.id.span(), format!("meeting id `{id}` is not a slug"))
                        .with_help("an id may hold only lowercase letters a-z, digits and `-`"),
                );
            }
            if let Some(first) = seen.get(&id) {
                let first_file = &files[first.file];
                let first_at = first_file
                    .diagnostic(first.span.clone(), "")
                    .location
                    .expect("a span has a place");
                problems.push(
                    file.diagnostic(raw.id.span(), format!("duplicate meeting id `{id}`"))
                        .with_help(format!(
                            "first defined at {}:{}:{}",
                            first_at.path.display(),
                            first_at.line,
                            first_at.column
                        )),
                );
            } else {
                seen.insert(
                    id.clone(),
                    FirstDefinition {
                        file: file_index,
                        span: raw.id.span(),
                    },
                );
            }
            twins.extend(
                raw.same_as
                    .iter()
                    .map(|twin| (file_index, id.clone(), twin.clone())),
            );
            if let Some(meeting) = check_meeting(raw, categories, file, problems) {
                meetings.push(meeting);
            }
        }
    }
    check_twins(&twins, &seen, files, problems);
    meetings
}

/// `same_as` names another meeting of the catalog, not the meeting itself,
/// and that meeting names this one back.
fn check_twins(
    twins: &[(usize, String, Spanned<String>)],
    seen: &HashMap<String, FirstDefinition>,
    files: &[SourceFile],
    problems: &mut Diagnostics,
) {
    for (file, id, twin) in twins {
        let file = &files[*file];
        let other = twin.get_ref();
        let problem = if other == id {
            Some(format!("`{id}` names itself in same_as"))
        } else if !seen.contains_key(other) {
            Some(format!(
                "same_as names `{other}`, which is not in the catalog"
            ))
        } else if !twins
            .iter()
            .any(|(_, back, to)| back == other && to.get_ref() == id)
        {
            Some(format!(
                "same_as names `{other}`, but `{other}` does not name `{id}` back"
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            problems.push(
                file.diagnostic(twin.span(), problem)
                    .with_help("same_as links the listings of one meeting, each naming the other"),
            );
        }
    }
}

fn check_meeting(
    raw: RawMeeting,
    categories: &[Category],
    file: &SourceFile,
    problems: &mut Diagnostics,
) -> Option<Meeting> {
    let before = problems.len();
    let id = raw.id.into_inner();
    let category = check_placement(
        &raw.category,
        raw.subcategory.as_ref(),
        raw.region.as_ref(),
        categories,
        file,
        problems,
    );
    let name_span = raw.name.span();
    let name = raw.name.into_inner().check(
        name_span,
        &format!("the name of `{id}`"),
        MAX_NAME_CHARS,
        file,
        problems,
    );
    let japanese_name = raw
        .japanese_name
        .and_then(|given| check_japanese_name(&id, name.as_ref(), &given, file, problems));
    let credits = raw
        .credits
        .and_then(|credits| check_credits(&id, &credits, file, problems));
    let former_names: Vec<_> = raw
        .former_names
        .into_iter()
        .filter_map(|former| {
            let span = former.span();
            former.into_inner().check(
                span,
                &format!("a former name of `{id}`"),
                MAX_NAME_CHARS,
                file,
                problems,
            )
        })
        .collect();
    let aliases: Vec<String> = raw
        .aliases
        .into_iter()
        .filter(|alias| {
            check_length(
                file,
                alias.span(),
                alias.get_ref(),
                MAX_NAME_CHARS,
                &format!("an alias of `{id}`"),
                problems,
            )
        })
        .map(Spanned::into_inner)
        .collect();
    let source: Vec<String> = raw
        .source
        .get_ref()
        .iter()
        .filter(|line| {
            if is_to_fill(line.get_ref()) {
                problems.push(
                    file.diagnostic(
                        line.span(),
                        format!("a source line of `{id}` is not filled in: still \"{TO_FILL}\""),
                    )
                    .with_help(
                        "quote the line of the meeting list the meeting was read from, verbatim",
                    ),
                );
                return false;
            }
            check_length(
                file,
                line.span(),
                line.get_ref(),
                MAX_SOURCE_LINE_CHARS,
                &format!("a source line of `{id}`"),
                problems,
            )
        })
        .map(|line| line.get_ref().clone())
        .collect();
    if raw.source.get_ref().is_empty() {
        problems.push(file.diagnostic(
            raw.source.span(),
            format!(
                "`{id}` has no source line: quote the line(s) of the source list it was read from"
            ),
        ));
    }
    let mut flags = Vec::new();
    for flag in raw.flags {
        let flag = flag.into_inner();
        for note in [&flag.ja, &flag.en] {
            check_length(
                file,
                note.span(),
                note.get_ref(),
                MAX_NOTE_CHARS,
                &format!("a flag note of `{id}`"),
                problems,
            );
        }
        match FlagKind::parse(flag.kind.get_ref()) {
            Some(kind) => flags.push(Flag {
                kind,
                ja: flag.ja.into_inner(),
                en: flag.en.into_inner(),
            }),
            None => problems.push(
                file.diagnostic(
                    flag.kind.span(),
                    format!("unknown flag kind `{}`", flag.kind.get_ref()),
                )
                .with_help(format!(
                    "known kinds: {}",
                    FlagKind::ALL.map(FlagKind::as_str).join(", ")
                )),
            ),
        }
    }
    if problems.len() != before {
        return None;
    }
    let (category, subcategory, region) = category?;
    Some(Meeting {
        id,
        name: name?,
        japanese_name,
        former_names,
        aliases,
        category,
        subcategory,
        region,
        credits,
        required: raw.required,
        same_as: raw.same_as.into_iter().map(Spanned::into_inner).collect(),
        flags,
        source,
    })
}

/// `japanese_name` is Japanese text, and only for a meeting whose name in
/// Japanese (`name.ja`) is not.
fn check_japanese_name(
    id: &str,
    name: Option<&crate::model::Localized>,
    given: &Spanned<String>,
    file: &SourceFile,
    problems: &mut Diagnostics,
) -> Option<String> {
    let text = given.get_ref().trim();
    let japanese = |text: &str| {
        text.chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'))
    };
    if !japanese(text) {
        problems.push(
            file.diagnostic(
                given.span(),
                format!("the Japanese name of `{id}` holds no Japanese"),
            )
            .with_help(
                "japanese_name is the name Japanese readers know the meeting by, in Japanese",
            ),
        );
        return None;
    }
    if name.is_some_and(|name| japanese(&name.ja)) {
        problems.push(
            file.diagnostic(
                given.span(),
                format!("`{id}` has a Japanese name already (name.ja)"),
            )
            .with_help(
                "japanese_name is only for a meeting the source names in English: remove it",
            ),
        );
        return None;
    }
    check_length(
        file,
        given.span(),
        text,
        MAX_NAME_CHARS,
        &format!("the Japanese name of `{id}`"),
        problems,
    );
    Some(text.to_string())
}

fn check_credits(
    id: &str,
    credits: &Spanned<toml::Value>,
    file: &SourceFile,
    problems: &mut Diagnostics,
) -> Option<u32> {
    match credits.get_ref() {
        toml::Value::Integer(value) if CREDITS_RANGE.contains(value) => u32::try_from(*value).ok(),
        toml::Value::String(text) if is_to_fill(text) => {
            problems.push(
                file.diagnostic(
                    credits.span(),
                    format!("the credits of `{id}` are not filled in: still \"{TO_FILL}\""),
                )
                .with_help(
                    "write the credits the list gives, a whole number from 1 to 100; where it gives none, remove the `credits` line and flag the meeting `no-value`",
                ),
            );
            None
        }
        other => {
            problems.push(
                file.diagnostic(
                    credits.span(),
                    format!("credits must be a whole number from 1 to 100, found `{other}`"),
                )
                .with_help(
                    "leave `credits` out where the source gives no value, and flag it `no-value`",
                ),
            );
            None
        }
    }
}
