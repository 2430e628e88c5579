//! The theme's interface strings, `themes/<theme>/i18n/{ja,en}.toml`: flat
//! tables of keys. A key present in one language and missing in the other is
//! a problem at the key's place in the file that has it.

use std::collections::BTreeMap;

use toml::de::DeValue;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::model::Lang;
use crate::toml_input;

/// The interface strings of both languages; every key is in both.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    pub ja: BTreeMap<String, String>,
    pub en: BTreeMap<String, String>,
}

impl Strings {
    pub fn of(&self, lang: Lang) -> &BTreeMap<String, String> {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// A string the generator itself uses; all of [`generator_keys`] are
    /// checked to be present when the strings are read.
    pub fn get(&self, lang: Lang, key: &str) -> &str {
        self.of(lang).get(key).map_or("", String::as_str)
    }

    /// Reads both languages' files.
    pub fn parse(ja: &SourceFile, en: &SourceFile, problems: &mut Diagnostics) -> Option<Strings> {
        let ja_keys = read_keys(ja, problems);
        let en_keys = read_keys(en, problems);
        let (ja_keys, en_keys) = (ja_keys?, en_keys?);
        let mut missing = false;
        for (have, have_file, other, other_file) in
            [(&ja_keys, ja, &en_keys, en), (&en_keys, en, &ja_keys, ja)]
        {
            for (key, (_, span)) in have {
                if !other.contains_key(key) {
                    missing = true;
                    problems.push(
                        have_file
                            .diagnostic(
                                span.clone(),
                                format!(
                                    "UI string `{key}` is missing from {}",
                                    other_file.path.display()
                                ),
                            )
                            .with_help(format!(
                                "add `{key} = \"…\"` to {}",
                                other_file.path.display()
                            )),
                    );
                }
            }
        }
        for key in generator_keys() {
            for (keys, file) in [(&ja_keys, ja), (&en_keys, en)] {
                if !keys.contains_key(&key) {
                    missing = true;
                    problems.push(SourceFile::diagnostic(
                        file,
                        0..0,
                        format!(
                            "UI string `{key}` is used by tanni but missing from {}",
                            file.path.display()
                        ),
                    ));
                }
            }
        }
        if missing {
            return None;
        }
        let values = |keys: BTreeMap<String, (String, std::ops::Range<usize>)>| {
            keys.into_iter()
                .map(|(key, (value, _))| (key, value))
                .collect()
        };
        Some(Strings {
            ja: values(ja_keys),
            en: values(en_keys),
        })
    }
}

/// The keys the generator fills in itself (the templates name the others).
pub fn generator_keys() -> Vec<String> {
    let mut keys: Vec<String> = [
        "region",
        "subcategory",
        "credits_none",
        "credits_one",
        "credits_many",
        "category_title",
        "meeting_count",
        "categories_title",
        "categories_description",
        "data_quality_title",
        "data_quality_description",
        "data_quality_intro",
        "home_rule_total",
        "home_rule_designated",
        "home_rule_main",
        "home_catalog_line",
        "home_flagged_line",
        "meetings_title",
        "meetings_description",
        "category_short",
        "updated_line",
    ]
    .map(String::from)
    .to_vec();
    for kind in crate::model::FlagKind::ALL {
        let key = format!("flag_{}", kind.as_str().replace('-', "_"));
        keys.push(format!("{key}_explanation"));
        keys.push(key);
    }
    keys
}

type Keys = BTreeMap<String, (String, std::ops::Range<usize>)>;

fn read_keys(file: &SourceFile, problems: &mut Diagnostics) -> Option<Keys> {
    let table = toml_input::parse(file, problems)?;
    let mut keys = Keys::new();
    let mut ok = true;
    for (key, value) in table.get_ref() {
        match value.get_ref() {
            DeValue::String(text) => {
                keys.insert(key.get_ref().to_string(), (text.to_string(), key.span()));
            }
            other => {
                ok = false;
                problems.push(file.diagnostic(
                    value.span(),
                    format!(
                        "UI string `{}` must be a string, found {}",
                        key.get_ref(),
                        other.type_str()
                    ),
                ));
            }
        }
    }
    ok.then_some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_missing_in_one_language_is_reported_where_the_other_has_it() {
        let ja = SourceFile::new("ja.toml", "home = \"ホーム\"\nrules = \"規程\"\n");
        let en = SourceFile::new("en.toml", "home = \"Home\"\n");
        let mut problems = Diagnostics::default();
        assert!(Strings::parse(&ja, &en, &mut problems).is_none());
        let problem = &problems.0[0];
        assert_eq!(problem.message, "UI string `rules` is missing from en.toml");
        let location = problem.location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (2, 1));
    }
}
