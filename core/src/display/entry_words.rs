//! An entry of the record in words: its meeting (a name with its language,
//! a link to its page), a paper, why it did not count, and the readings of
//! the regulation it was counted by.

use super::rich::Node;
use super::{Context, Rich};
use crate::engine::{NotCounted, Reason};
use crate::item::{Item, ItemKind};
use crate::record::{Attendance, Paper};

/// The code of a reason, as the evaluation and the i18n keys name it.
pub fn reason_code(reason: Reason) -> &'static str {
    match reason {
        Reason::OutsidePeriod => "outside-period",
        Reason::UnknownMeeting => "unknown-meeting",
        Reason::Duplicate => "duplicate",
        Reason::SameEvent => "same-event",
        Reason::NoCreditValue => "no-credit-value",
        Reason::CappedYear => "capped-year",
        Reason::CappedPeriod => "capped-period",
    }
}

impl Context {
    /// The meeting's name in the page's language, or "Unknown meeting (id)".
    pub fn meeting_name(&self, id: &str) -> String {
        match self.meetings.get(id) {
            Some(meeting) => meeting.name.get(self.ui.lang).to_string(),
            None => self.ui.fill("calc_unknown_meeting", &[("id", &id)]),
        }
    }

    /// A name (of a meeting, a paper's title) with its language.
    pub fn name(&self, name: &str) -> Rich {
        Rich::node(Node {
            text: name.to_string(),
            lang: super::name_lang(name, self.ui.lang),
            ..Node::default()
        })
    }

    /// The meeting's name with its language; an id not in the catalog marked.
    pub fn meeting_name_run(&self, id: &str) -> Rich {
        match self.meetings.contains_key(id) {
            true => self.name(&self.meeting_name(id)),
            false => Rich::span(self.meeting_name(id), "unknown"),
        }
    }

    /// A link to the meeting's page (its name, with its language).
    pub fn meeting_link(&self, id: &str) -> Rich {
        match self.meetings.get(id) {
            None => self.meeting_name_run(id),
            Some(meeting) => self.link(id, meeting.name.get(self.ui.lang)),
        }
    }

    /// A link to a meeting's page with other words.
    pub fn link(&self, id: &str, words: &str) -> Rich {
        Rich::node(Node {
            text: words.to_string(),
            href: Some(format!("{}meetings/{id}/", self.ui.base())),
            lang: super::name_lang(words, self.ui.lang),
            ..Node::default()
        })
    }

    /// Credits a paper earns before any cap.
    pub fn paper_credits(&self, paper: &Paper) -> u32 {
        self.rules
            .papers
            .credits(paper.peer_reviewed, paper.first_author)
    }

    /// "peer-reviewed, first author".
    pub fn paper_kind(&self, paper: &Paper) -> &str {
        let review = if paper.peer_reviewed { "pr" } else { "npr" };
        let author = if paper.first_author { "first" } else { "other" };
        self.ui.t(&format!("calc_paper_kind_{review}_{author}"))
    }

    /// A paper's title, or "Paper of 2022-06-01".
    pub fn paper_name(&self, paper: &Paper) -> String {
        match &paper.title {
            Some(title) => title.clone(),
            None => self
                .ui
                .fill("calc_paper_untitled", &[("date", &paper.date)]),
        }
    }

    /// An attendance in words: "RSNA, 2022-11-27".
    pub fn attendance_what(&self, attendance: &Attendance) -> Rich {
        let mut what = self.meeting_name_run(&attendance.meeting);
        what.push_text(&format!(
            "{}{}",
            self.ui.t("calc_list_sep"),
            attendance.date
        ));
        what
    }

    /// A paper in words: its title and date, or "Paper of 2022-06-01".
    pub fn paper_what(&self, paper: &Paper) -> Rich {
        match &paper.title {
            Some(title) => {
                let mut what = self.name(title);
                what.push_text(&format!("{}{}", self.ui.t("calc_list_sep"), paper.date));
                what
            }
            None => Rich::text(self.paper_name(paper)),
        }
    }

    /// Why an entry did not count. A second entry of one attendance names
    /// the entry that counted for it, by meeting and date.
    pub fn reason(&self, attendances: &[Attendance], entry: &NotCounted) -> Rich {
        let attendance = |item: Option<Item>| {
            item.filter(|item| item.kind == ItemKind::Attendance)
                .and_then(|item| attendances.get(item.index))
        };
        let code = reason_code(entry.reason);
        let counted = match entry.reason {
            Reason::Duplicate | Reason::SameEvent => attendance(entry.with),
            _ => None,
        };
        let Some(counted) = counted else {
            let template = self
                .ui
                .find(&format!("calc_reason_{}", code.replace('-', "_")));
            return Rich::text(self.with_values(template.unwrap_or(code)));
        };
        let key = match (entry.reason, attendance(Some(entry.item))) {
            (Reason::SameEvent, Some(this)) if this.meeting != counted.meeting => {
                "calc_reason_same_event_listing"
            }
            (Reason::SameEvent, _) => "calc_reason_same_event_day",
            _ => "calc_reason_duplicate_with",
        };
        let with = self.ui.fill_runs(
            "calc_with_entry",
            vec![
                ("meeting", self.meeting_name_run(&counted.meeting)),
                ("date", Rich::span(counted.date.to_string(), "nowrap")),
            ],
        );
        self.ui.fill_runs(key, vec![("with", with)])
    }

    /// "Which years of a postponed period count".
    pub fn question_words(&self, question: &str) -> String {
        let template = self.ui.find(&format!("calc_question_{question}"));
        self.with_values(template.unwrap_or(question))
    }

    /// "only the last 5 years …"; not `alone`, with its question:
    /// "Which years of a postponed period count: only the last 5 years …".
    pub fn reading_words(&self, question: &str, reading: &str, alone: bool) -> String {
        let key = format!("calc_reading_{question}_{}", reading.replace('-', "_"));
        let words = self.with_values(self.ui.find(&key).unwrap_or(reading));
        if alone {
            return words;
        }
        self.ui.fill(
            "calc_reading_as",
            &[
                ("question", &self.question_words(question)),
                ("reading", &words),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::context;
    use super::*;
    use crate::date::Date;

    #[test]
    fn a_second_entry_of_one_attendance_names_the_entry_counted() {
        let context = context();
        let day = |text| Date::parse(text).unwrap();
        let attendances = [
            Attendance {
                meeting: "twin".into(),
                date: day("2022-07-02"),
            },
            Attendance {
                meeting: "twin-2".into(),
                date: day("2022-07-02"),
            },
            Attendance {
                meeting: "twin".into(),
                date: day("2022-07-03"),
            },
        ];
        let same_event = |index| {
            NotCounted::new(Item::attendance(index), Reason::SameEvent, 3).with(Item::attendance(0))
        };
        assert_eq!(
            context.reason(&attendances, &same_event(1)).plain(),
            "the same meeting under its other listing in the catalog, counted once with Twin Meeting on 2022-07-02"
        );
        assert_eq!(
            context.reason(&attendances, &same_event(2)).plain(),
            "another day of the same meeting, counted once with Twin Meeting on 2022-07-02"
        );
        let capped = NotCounted::new(Item::paper(0), Reason::CappedYear, 2);
        assert_eq!(
            context.reason(&attendances, &capped).plain(),
            "over the cap of 10 paper credits for its period year"
        );
        assert_eq!(
            context.reading_words("postponement", "last-years", false),
            "Which years of a postponed period count: only the last 5 years before the postponed deadline"
        );
    }
}
