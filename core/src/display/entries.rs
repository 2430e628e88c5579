//! The calculator's lists of entries: each meeting attended and each paper,
//! with its credits, what of it did not count and why, and the words of its
//! buttons.

use serde::Serialize;

use super::draft::Draft;
use super::{Context, Rich};
use crate::engine::{Counted, Evaluation, NotCounted};
use crate::item::Item;
use crate::record::{Attendance, Paper};

/// The record with its evaluation (none while the period is not given, or
/// when the record cannot be evaluated).
pub struct Evaluated<'a> {
    pub context: &'a Context,
    pub draft: &'a Draft,
    pub evaluation: Option<&'a Evaluation>,
}

impl Evaluated<'_> {
    pub fn counted(&self, item: Item) -> Option<&Counted> {
        self.evaluation?.counted.iter().find(|c| c.item == item)
    }

    /// The credits an entry counted for: none without an evaluation.
    pub fn counted_credits(&self, item: Item) -> Option<u32> {
        self.evaluation?;
        Some(self.counted(item).map_or(0, |c| c.credits))
    }

    pub fn not_counted(&self, item: Item) -> impl Iterator<Item = &NotCounted> {
        self.evaluation
            .into_iter()
            .flat_map(|e| &e.not_counted)
            .filter(move |n| n.item == item)
    }

    pub fn reason(&self, entry: &NotCounted) -> Rich {
        self.context.reason(&self.draft.attendances, entry)
    }

    /// Counted at the lower value of the meeting's other listing: the note
    /// links that listing, by name, or as "the other listing" where both
    /// listings have the same name.
    pub fn lower_value(&self, id: &str, counted: &Counted) -> Option<Rich> {
        let other = counted.lower_value_of.as_deref()?;
        let context = self.context;
        let same_name = context.meetings.contains_key(other)
            && context.meeting_name(other) == context.meeting_name(id);
        let (key, link) = match same_name {
            true => (
                "calc_lower_value_same_name",
                context.link(other, context.ui.t("calc_other_listing")),
            ),
            false => ("calc_lower_value", context.meeting_link(other)),
        };
        let credits = Rich::text(context.ui.credits_label(Some(counted.credits)));
        Some(
            context
                .ui
                .fill_runs(key, vec![("credits", credits), ("other", link)]),
        )
    }

    /// "15 credits", or "15 credits (1 counted)" when it counted for less.
    fn credits_text(&self, credits: Option<u32>, counted: Option<u32>) -> String {
        let ui = &self.context.ui;
        let label = ui.credits_label(credits);
        match (credits, counted) {
            (Some(credits), Some(counted)) if counted < credits && counted > 0 => ui
                .paren(
                    Rich::text(label),
                    Rich::text(ui.fill("calc_paper_counted", &[("n", &counted)])),
                )
                .plain(),
            _ => label,
        }
    }
}

/// A meeting attended, as its entry in the list shows it.
#[derive(Debug, Serialize)]
pub struct AttendanceView {
    /// The meeting's name, a link to its page.
    pub name: Rich,
    pub date: String,
    /// Empty for a meeting not in the catalog.
    pub credits: String,
    pub required: bool,
    /// Counted at the lower value of its other listing.
    pub lower_value: Option<Rich>,
    /// "not counted: …", one per reason.
    pub notes: Vec<Rich>,
    /// The button labels: "Edit the date of …", "Remove …".
    pub edit_label: String,
    pub remove_label: String,
    /// The label of the date field while the date is edited.
    pub date_label: Rich,
}

#[derive(Debug, Serialize)]
pub struct PaperView {
    /// The title (with its language), or "Paper of 2022-06-01".
    pub name: Rich,
    pub date: String,
    pub kind: String,
    pub credits: String,
    pub notes: Vec<Rich>,
    pub edit_label: String,
    pub remove_label: String,
}

pub fn attendances(evaluated: &Evaluated) -> Vec<AttendanceView> {
    let context = evaluated.context;
    let ui = &context.ui;
    let what = |attendance: &Attendance| vec![("what", context.attendance_what(attendance))];
    evaluated
        .draft
        .attendances
        .iter()
        .enumerate()
        .map(|(index, attendance)| {
            let item = Item::attendance(index);
            let meeting = context.meetings.get(&attendance.meeting);
            let counted = evaluated.counted(item);
            AttendanceView {
                name: context.meeting_link(&attendance.meeting),
                date: attendance.date.to_string(),
                credits: match meeting {
                    Some(meeting) => {
                        evaluated.credits_text(meeting.credits, counted.map(|c| c.credits))
                    }
                    None => String::new(),
                },
                required: meeting.is_some_and(|m| m.required),
                lower_value: counted.and_then(|c| evaluated.lower_value(&attendance.meeting, c)),
                notes: evaluated
                    .not_counted(item)
                    .map(|entry| {
                        ui.fill_runs(
                            "calc_not_counted_note",
                            vec![("reason", evaluated.reason(entry))],
                        )
                    })
                    .collect(),
                edit_label: ui
                    .fill_runs("calc_edit_date_label", what(attendance))
                    .plain(),
                remove_label: ui.fill_runs("calc_remove_label", what(attendance)).plain(),
                date_label: ui.fill_runs(
                    "calc_edit_date_label",
                    vec![("what", context.meeting_name_run(&attendance.meeting))],
                ),
            }
        })
        .collect()
}

pub fn papers(evaluated: &Evaluated) -> Vec<PaperView> {
    let context = evaluated.context;
    let ui = &context.ui;
    let what = |paper: &Paper| vec![("what", context.paper_what(paper))];
    evaluated
        .draft
        .papers
        .iter()
        .enumerate()
        .map(|(index, paper)| {
            let item = Item::paper(index);
            let earned = context.paper_credits(paper);
            PaperView {
                name: match &paper.title {
                    Some(title) => context.name(title),
                    None => Rich::text(context.paper_name(paper)),
                },
                date: paper.date.to_string(),
                kind: context.paper_kind(paper).to_string(),
                credits: evaluated.credits_text(Some(earned), evaluated.counted_credits(item)),
                // A cap may cut a paper's credits in part: the reason and what was lost.
                notes: evaluated
                    .not_counted(item)
                    .map(|entry| lost(context, evaluated.reason(entry), entry.credits_lost))
                    .collect(),
                edit_label: ui.fill_runs("calc_edit_label", what(paper)).plain(),
                remove_label: ui.fill_runs("calc_remove_label", what(paper)).plain(),
            }
        })
        .collect()
}

/// Words about an entry, with "(4 credits not counted)" when it lost some.
pub fn lost(context: &Context, words: Rich, credits_lost: u32) -> Rich {
    if credits_lost == 0 {
        return words;
    }
    let ui = &context.ui;
    ui.paren(
        words,
        Rich::text(ui.plural("calc_credits_lost", credits_lost)),
    )
}
