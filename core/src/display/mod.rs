//! What the browser shows, decided here: every sentence, label and figure of
//! the calculator and of the search box, in the page's language, made from
//! the UI strings the page carries (its `#ui-strings` block). The page's
//! scripts turn what these functions return into elements and handle events;
//! they fill no `{placeholder}`, count nothing and check no date.
//!
//! - `rich`: text with links, marks and names in the other language, and the
//!   filling of `{placeholders}`;
//! - `words`, `entry_words`: the labels ("5 credits", "the date of meeting
//!   1"), an entry in words, the reason it did not count;
//! - `draft`: the record as the page edits it, every edit checked here;
//! - `entries`, `results`, `details`, `print`: the calculator's views;
//! - `suggest`: the suggestions of the search box and of the meeting picker.

pub mod details;
pub mod draft;
pub mod entries;
pub mod entry_words;
pub mod print;
pub mod results;
pub mod rich;
pub mod suggest;
pub mod words;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::catalog::{Lang, Meeting};
use crate::engine::MeetingCredit;
use crate::rules::Rules;

pub use rich::{fill, Node, Rich};
pub use words::credits_label;

/// A page's UI strings (of its language), as the site writes them into the
/// page: `{"lang": "ja", "root": "../../", "strings": {"calc_met": "達成", …}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ui {
    pub lang: Lang,
    /// The way from the page to the site's root, as its links take it.
    pub root: String,
    pub strings: BTreeMap<String, String>,
}

impl Ui {
    pub fn from_json(json: &str) -> Result<Ui, String> {
        let value = parse(json).map_err(|e| format!("UI strings: {e}"))?;
        let lang = match value["lang"].as_str() {
            Some("ja") => Lang::Ja,
            Some("en") => Lang::En,
            _ => return Err("UI strings: `lang` is not ja or en".into()),
        };
        let mut strings = BTreeMap::new();
        for (key, text) in value["strings"]
            .as_object()
            .ok_or("UI strings: no `strings`")?
        {
            strings.insert(key.clone(), text.as_str().unwrap_or_default().to_string());
        }
        Ok(Ui {
            lang,
            root: value["root"].as_str().unwrap_or_default().to_string(),
            strings,
        })
    }

    /// The string of `key`; empty when the page does not carry it.
    pub fn t(&self, key: &str) -> &str {
        self.strings.get(key).map_or("", String::as_str)
    }

    /// The string of `key`, when the page carries it.
    pub fn find(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }

    /// The folder of the page's language: `../../ja/`.
    pub fn base(&self) -> String {
        format!("{}{}/", self.root, self.lang.code())
    }
}

/// JSON from the page (its strings, a request, the saved record). Read with
/// the record's own reader, which the module carries anyway.
#[inline(never)]
pub fn parse(text: &str) -> Result<Value, String> {
    crate::strict_json::parse(text).map_err(|problem| match problem {
        crate::strict_json::Problem::Repeated(key) => format!("`{key}` given twice"),
        crate::strict_json::Problem::Invalid(message) => message,
    })
}

/// The language a name (of a meeting, an alias, a paper's title) is written
/// in, when that is not the page's: Japanese text has kana or kanji, text
/// without them is English (the Japanese name of an international meeting
/// is often its English one).
pub fn name_lang(name: &str, page: Lang) -> Option<Lang> {
    let written = if name.chars().any(is_kana_or_kanji) {
        Lang::Ja
    } else {
        Lang::En
    };
    (written != page).then_some(written)
}

/// Kana and kanji (with 々): what Japanese text has and English text has not.
pub fn is_kana_or_kanji(c: char) -> bool {
    matches!(c,
        '\u{3005}' | '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}')
}

/// The numbers of the rules by the placeholder names the UI strings give
/// them (`{cap_year}`): the calculator fills its reasons and readings with
/// them, and the site its calculator page.
pub fn rule_values(rules: &Rules) -> [(&'static str, u32); 12] {
    let papers = &rules.papers;
    [
        ("years", rules.period_years),
        ("extra", rules.postponement_years),
        ("all_years", rules.period_years + rules.postponement_years),
        ("total", rules.total_credits),
        ("designated", rules.designated_credits),
        ("main", rules.main_meeting_attendances),
        ("cap_year", papers.cap_per_year),
        ("cap_period", papers.cap_per_period),
        ("pr_first", papers.peer_reviewed_first_author),
        ("pr_other", papers.peer_reviewed_other_author),
        ("npr_first", papers.not_peer_reviewed_first_author),
        ("npr_other", papers.not_peer_reviewed_other_author),
    ]
}

/// A text with the rules' numbers in their placeholders.
pub fn fill_rule_values(template: &str, rules: &Rules) -> String {
    let values = rule_values(rules);
    let values: Vec<(&str, &dyn std::fmt::Display)> = values
        .iter()
        .map(|(name, value)| (*name, value as _))
        .collect();
    fill(template, &values)
}

/// Everything the calculator's words are made from: the page's strings, the
/// rules, and the catalog's meetings.
#[derive(Debug, Clone)]
pub struct Context {
    pub ui: Ui,
    pub rules: Rules,
    /// What the rules engine reads of each meeting.
    pub credits: Vec<MeetingCredit>,
    pub meetings: BTreeMap<String, Meeting>,
}

impl Context {
    pub fn new(ui: Ui, rules: Rules, meetings: Vec<Meeting>) -> Context {
        let credits = meetings.iter().map(MeetingCredit::from).collect();
        let mut by_id = BTreeMap::new();
        for meeting in meetings {
            by_id.insert(meeting.id.clone(), meeting);
        }
        Context {
            credits,
            meetings: by_id,
            ui,
            rules,
        }
    }

    /// A string with the rules' numbers filled in.
    pub fn with_values(&self, template: &str) -> String {
        fill_rule_values(template, &self.rules)
    }
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod name_tests {
    use super::tests::context;
    use super::*;

    #[test]
    fn a_name_is_marked_with_its_language_only_on_the_other_page() {
        assert_eq!(name_lang("RSNA", Lang::Ja), Some(Lang::En));
        assert_eq!(name_lang("RSNA", Lang::En), None);
        assert_eq!(name_lang("関東地方会", Lang::En), Some(Lang::Ja));
        assert_eq!(name_lang("ＲＳＮＡ", Lang::Ja), Some(Lang::En));
    }

    #[test]
    fn the_rules_numbers_fill_their_placeholders() {
        let context = context();
        assert_eq!(
            context.with_values("{extra} more, {all_years} in all; {unknown}"),
            "2 more, 7 in all; {unknown}"
        );
        assert_eq!(context.ui.base(), "../../en/");
    }
}
