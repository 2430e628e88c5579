//! `catalog/synonyms.toml`: groups of words that mean the same, read with
//! their places. Optional: a site without the file has no synonyms.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use tanni_core::search::name_key;
use toml::Spanned;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::limits::{self, MAX_NAME_CHARS};
use crate::toml_input;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSynonym {
    words: Spanned<Vec<Spanned<String>>>,
}

/// Every group, each word as written; every problem at its place: a group
/// of fewer than two words, a word search cannot cut (blank, only
/// punctuation or function words), too long, or in two groups.
pub fn parse_synonyms(file: &SourceFile, problems: &mut Diagnostics) -> Option<Vec<Vec<String>>> {
    let before = problems.len();
    let document = toml_input::parse(file, problems)?;
    let mut groups = Vec::new();
    // Where each word (as search cuts it) was first given.
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    for value in toml_input::array_of_tables(file, document, "synonym", problems) {
        let Some(raw) = toml_input::deserialize::<RawSynonym>(file, value, problems) else {
            continue;
        };
        if raw.words.get_ref().len() < 2 {
            problems.push(file.diagnostic(
                raw.words.span(),
                "a group of synonyms needs two words or more",
            ));
        }
        let mut group = Vec::new();
        for word in raw.words.get_ref() {
            let key = name_key(word.get_ref());
            if key.is_empty() {
                problems.push(
                    file.diagnostic(word.span(), format!("`{}` holds no word search can find", word.get_ref()))
                        .with_help("a synonym needs letters, digits or Japanese; function words such as `of` are dropped"),
                );
                continue;
            }
            if !limits::check_length(
                file,
                word.span(),
                word.get_ref(),
                MAX_NAME_CHARS,
                "a synonym",
                problems,
            ) {
                continue;
            }
            if let Some(first) = seen.get(&key) {
                let at = file
                    .diagnostic(first.clone(), "")
                    .location
                    .expect("a span has a place");
                problems.push(
                    file.diagnostic(
                        word.span(),
                        format!("`{}` is in two groups of synonyms", word.get_ref()),
                    )
                    .with_help(format!(
                        "first at line {}; merge the groups, or keep it in one",
                        at.line
                    )),
                );
                continue;
            }
            seen.insert(key, word.span());
            group.push(word.get_ref().clone());
        }
        groups.push(group);
    }
    (problems.len() == before).then_some(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Vec<String>>, Diagnostics> {
        let mut problems = Diagnostics::default();
        let file = SourceFile::new("catalog/synonyms.toml", text);
        parse_synonyms(&file, &mut problems).ok_or(problems)
    }

    #[test]
    fn groups_are_read_and_their_faults_located() {
        assert_eq!(
            parse("[[synonym]]\nwords = [\"IVR\", \"interventional radiology\"]\n").unwrap(),
            [["IVR", "interventional radiology"]]
        );
        let problems = parse(
            "[[synonym]]\nwords = [\"IVR\"]\n\n[[synonym]]\nwords = [\"of the\", \"ivr\", \"x\"]\n",
        )
        .unwrap_err();
        let found: Vec<(usize, &str)> = problems
            .0
            .iter()
            .map(|p| (p.location.as_ref().unwrap().line, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (2, "a group of synonyms needs two words or more"),
                (5, "`of the` holds no word search can find"),
                (5, "`ivr` is in two groups of synonyms"),
            ]
        );
    }
}
