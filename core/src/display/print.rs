//! The print view: one page to keep beside the application forms, with the
//! period, every entry and what it counted for, and the totals.

use serde::Serialize;

use super::entries::Evaluated;
use super::results::{differing, progress, reading_verdict, Outcome};
use super::{Context, Rich};
use crate::engine::{Evaluation, Rule};
use crate::item::Item;

#[derive(Debug, Serialize)]
pub struct PrintView {
    pub period: Option<String>,
    pub timing: Option<String>,
    /// No., meeting, date, credits, required, counted.
    pub meetings: Vec<PrintRow>,
    /// No., title, date, kind, credits, counted.
    pub papers: Vec<PrintRow>,
    /// Label and value of each total, with an evaluation.
    pub totals: Vec<(String, String)>,
    pub verdict: Option<String>,
    /// "Under another reading (…): …", one per reading whose verdict differs.
    pub readings: Vec<String>,
    /// "Printed on 2024-11-24 from …".
    pub made: String,
}

/// A row of a table: its cells, and under the second (what the entry is)
/// why it did not count, all or in part.
#[derive(Debug, Serialize)]
pub struct PrintRow {
    pub cells: Vec<Rich>,
    pub reasons: Vec<Rich>,
}

pub fn print(
    evaluated: &Evaluated,
    verdict: &str,
    timing: Option<String>,
    today: &str,
) -> PrintView {
    let context = evaluated.context;
    let ui = &context.ui;
    let evaluation = evaluated.evaluation;
    let counted = |item| {
        evaluated
            .counted_credits(item)
            .map_or(String::new(), |n| n.to_string())
    };
    let reasons = |item: Item, meeting: Option<&str>| {
        let lower = meeting
            .zip(evaluated.counted(item))
            .and_then(|(id, counted)| evaluated.lower_value(id, counted));
        lower
            .into_iter()
            .chain(
                evaluated
                    .not_counted(item)
                    .map(|entry| evaluated.reason(entry)),
            )
            .collect()
    };
    let meetings = evaluated
        .draft
        .attendances
        .iter()
        .enumerate()
        .map(|(i, attendance)| {
            let item = Item::attendance(i);
            let meeting = context.meetings.get(&attendance.meeting);
            PrintRow {
                cells: vec![
                    Rich::text((i + 1).to_string()),
                    context.meeting_name_run(&attendance.meeting),
                    Rich::text(attendance.date.to_string()),
                    Rich::text(
                        meeting
                            .and_then(|m| m.credits)
                            .map_or("—".into(), |n| n.to_string()),
                    ),
                    Rich::text(if meeting.is_some_and(|m| m.required) {
                        ui.t("required_badge")
                    } else {
                        ""
                    }),
                    Rich::text(counted(item)),
                ],
                reasons: reasons(item, Some(&attendance.meeting)),
            }
        });
    let papers = evaluated.draft.papers.iter().enumerate().map(|(i, paper)| {
        let item = Item::paper(i);
        PrintRow {
            cells: vec![
                Rich::text((i + 1).to_string()),
                paper
                    .title
                    .as_deref()
                    .map_or_else(Rich::default, |title| context.name(title)),
                Rich::text(paper.date.to_string()),
                Rich::text(context.paper_kind(paper)),
                Rich::text(context.paper_credits(paper).to_string()),
                Rich::text(counted(item)),
            ],
            reasons: reasons(item, None),
        }
    });
    PrintView {
        period: evaluation.map(|e| ui.period_line(&e.period)),
        timing: evaluation.and(timing),
        meetings: meetings.collect(),
        papers: papers.collect(),
        totals: evaluation.map(|e| totals(context, e)).unwrap_or_default(),
        verdict: evaluation.map(|_| verdict.to_string()),
        readings: evaluation
            .map(|e| {
                differing(e)
                    .into_iter()
                    .map(|(_, reading)| {
                        ui.fill(
                            "calc_print_reading",
                            &[
                                (
                                    "reading",
                                    &context.reading_words(
                                        reading.question,
                                        reading.reading,
                                        false,
                                    ),
                                ),
                                (
                                    "verdict",
                                    &reading_verdict(context, &Outcome::from(reading)),
                                ),
                            ],
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        made: ui.fill("calc_print_made", &[("date", &today)]),
    }
}

fn totals(context: &Context, evaluation: &Evaluation) -> Vec<(String, String)> {
    let ui = &context.ui;
    let mut totals: Vec<(String, String)> = evaluation
        .requirements
        .iter()
        .map(|requirement| {
            let label = match requirement.rule {
                Rule::Total => "calc_progress_total",
                Rule::Designated => "calc_progress_designated",
                Rule::MainMeetings => "calc_progress_main",
            };
            (
                ui.t(label).to_string(),
                progress(context, requirement.actual, requirement.needed),
            )
        })
        .collect();
    totals.push((
        ui.t("calc_paper_figures_heading").to_string(),
        evaluation.paper_credits.counted.to_string(),
    ));
    totals
}
