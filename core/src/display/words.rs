//! The labels the calculator builds from its strings: credits, counts, a
//! field of the record, a period, what is missing. A string's key is the
//! i18n key (`calc_credits_lost`).

use std::fmt::Display;

use super::rich::fill_runs;
use super::{fill, Rich, Ui};
use crate::date::Date;
use crate::engine::{Period, Rule, Shortfall};
use crate::item::{Item, ItemKind};
use crate::record::RecordError;

impl Ui {
    /// The string of `key` with plain values.
    pub fn fill(&self, key: &str, values: &[(&str, &dyn Display)]) -> String {
        fill(self.t(key), values)
    }

    /// The string of `key` with values in runs.
    pub fn fill_runs(&self, key: &str, values: Vec<(&str, Rich)>) -> Rich {
        fill_runs(self.t(key), values)
    }

    /// What is wrong with an imported record, in the page's language: its
    /// `record_problem_<name>` string, or the English words where the page
    /// does not carry that string.
    pub fn record_problem(&self, problem: &RecordError) -> String {
        match self.find(&format!("record_problem_{}", problem.problem)) {
            Some(words) => {
                let values: Vec<(&str, &dyn Display)> = problem
                    .values
                    .iter()
                    .map(|(name, value)| (*name, value as &dyn Display))
                    .collect();
                fill(words, &values)
            }
            None => problem.message.clone(),
        }
    }

    /// "1 credit", "5 credits", "no credit value given".
    pub fn credits_label(&self, credits: Option<u32>) -> String {
        credits_label(|key| self.t(key), credits)
    }

    /// The string of `key` for a count: its `_one` form for 1, where it has one.
    pub fn plural(&self, key: &str, count: u32) -> String {
        let one = format!("{key}_one");
        let key = match self.find(&one) {
            Some(_) if count == 1 => &one,
            _ => key,
        };
        self.fill(key, &[("n", &count)])
    }

    /// "text (note)", with the brackets of the language.
    pub fn paren(&self, text: Rich, note: Rich) -> Rich {
        self.fill_runs("calc_paren", vec![("text", text), ("note", note)])
    }

    /// "a, b and c".
    pub fn join_words(&self, mut parts: Vec<String>) -> String {
        let Some(last) = parts.pop() else {
            return String::new();
        };
        if parts.is_empty() {
            return last;
        }
        format!(
            "{}{}{last}",
            parts.join(self.t("calc_list_sep")),
            self.t("calc_list_and")
        )
    }

    /// `attendances[0].date` → "the date of meeting 1 (attendances[0].date)".
    pub fn describe_field(&self, path: &str) -> String {
        let simple = ["period_start", "postponed", "attendances", "papers"];
        let words = if simple.contains(&path) {
            self.t(&format!("calc_field_{path}")).to_string()
        } else {
            match entry_field(path) {
                Some((item, part)) => {
                    let key = match item.kind {
                        ItemKind::Attendance => "calc_field_attendance",
                        ItemKind::Paper => "calc_field_paper",
                    };
                    let entry = self.fill(key, &[("n", &(item.index + 1))]);
                    match part.and_then(|part| self.find(&format!("calc_field_part_{part}"))) {
                        Some(part) => {
                            self.fill("calc_field_of", &[("part", &part), ("entry", &entry)])
                        }
                        None => entry,
                    }
                }
                None => self.t("calc_field_unknown").to_string(),
            }
        };
        self.fill("calc_field_path", &[("field", &words), ("path", &path)])
    }

    /// "Period: 2021-04-01 to 2026-03-31 (5 years)."
    pub fn period_line(&self, period: &Period) -> String {
        self.fill("calc_period_line", &PeriodDays::of(period).values())
    }

    /// "2021-04-01 – 2022-03-31": a period year, its last day included.
    pub fn range(&self, start: Date, end: Date) -> String {
        self.fill(
            "calc_range",
            &[("start", &start), ("last", &end.previous_day())],
        )
    }

    /// "40 credits in all, 25 credits from required meetings and …".
    pub fn shortfalls(&self, shortfalls: &[Shortfall]) -> String {
        self.join_words(
            shortfalls
                .iter()
                .map(|shortfall| {
                    let rule = match shortfall.rule {
                        Rule::Total => "total",
                        Rule::Designated => "designated",
                        Rule::MainMeetings => "main",
                    };
                    self.plural(&format!("calc_missing_{rule}"), shortfall.missing)
                })
                .collect(),
        )
    }
}

/// A period as its strings name it: `{start}`, `{last}` (the day before
/// its end) and `{years}`.
pub struct PeriodDays {
    pub start: Date,
    pub last: Date,
    pub years: u32,
}

impl PeriodDays {
    pub fn of(period: &Period) -> PeriodDays {
        PeriodDays {
            start: period.start,
            last: period.end.previous_day(),
            years: period.years,
        }
    }

    pub fn values(&self) -> [(&'static str, &dyn Display); 3] {
        [
            ("start", &self.start),
            ("last", &self.last),
            ("years", &self.years),
        ]
    }
}

/// `attendances[0].date` → the entry and `date`; `papers[1]` → the entry alone.
fn entry_field(path: &str) -> Option<(Item, Option<&str>)> {
    let close = path.find(']')?;
    let item = path[..=close].parse().ok()?;
    match &path[close + 1..] {
        "" => Some((item, None)),
        rest => {
            let part = rest.strip_prefix('.')?;
            let word =
                !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            word.then_some((item, Some(part)))
        }
    }
}

/// "1 credit", "5 credits", "no credit value given", from the strings
/// `credits_one`, `credits_many` and `credits_none` that `t` gives: the
/// calculator's words and the site's pages say it alike.
pub fn credits_label<'a>(t: impl Fn(&str) -> &'a str, credits: Option<u32>) -> String {
    match credits {
        None => t("credits_none").to_string(),
        Some(1) => t("credits_one").to_string(),
        Some(n) => fill(t("credits_many"), &[("n", &n)]),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::ui;

    #[test]
    fn credits_and_counts_take_the_form_of_their_number() {
        let ui = ui();
        assert_eq!(ui.credits_label(Some(1)), "1 credit");
        assert_eq!(ui.credits_label(Some(15)), "15 credits");
        assert_eq!(ui.credits_label(None), "no credit value given");
        assert_eq!(ui.plural("calc_credits_lost", 1), "1 credit not counted");
        assert_eq!(ui.plural("calc_credits_lost", 4), "4 credits not counted");
        assert_eq!(
            ui.plural("calc_missing_main", 1),
            "1 attendance of the JRS Annual or Autumn Meeting"
        );
        let words = |parts: &[&str]| ui.join_words(parts.iter().map(|p| p.to_string()).collect());
        assert_eq!(words(&[]), "");
        assert_eq!(words(&["a"]), "a");
        assert_eq!(words(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn a_field_of_the_record_is_named_in_words() {
        let ui = ui();
        assert_eq!(
            ui.describe_field("attendances[0].date"),
            "the date of meeting 1 (attendances[0].date)"
        );
        assert_eq!(ui.describe_field("papers[2]"), "paper 3 (papers[2])");
        assert_eq!(
            ui.describe_field("papers[0].peer_reviewed"),
            "the peer review of paper 1 (papers[0].peer_reviewed)"
        );
        assert_eq!(
            ui.describe_field("papers[0].shape"),
            "paper 1 (papers[0].shape)"
        );
        assert_eq!(
            ui.describe_field("period_start"),
            "the first day of the period (period_start)"
        );
        assert_eq!(ui.describe_field("as_of"), "the field (as_of)");
        assert_eq!(ui.describe_field("notes[0]"), "the field (notes[0])");
    }
}
