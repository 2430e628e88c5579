//! How the result adds up: the paper credits before and after the caps, the
//! credits of each period year (a chart and its table), what did not count,
//! and the plan that would close the gap.

use serde::Serialize;

use super::entries::{lost, Evaluated};
use super::results::ended;
use super::{Context, Rich};
use crate::engine::{Evaluation, PaperCredits, Reason, YearFigures};
use crate::item::{Item, ItemKind};
use crate::plan::PlanStep;

#[derive(Debug, Serialize)]
pub struct Details {
    pub paper_credits: PaperCredits,
    pub chart: Chart,
    pub not_counted: Vec<NotCountedView>,
    pub plan: PlanView,
}

pub fn details(evaluated: &Evaluated, evaluation: &Evaluation) -> Details {
    Details {
        paper_credits: evaluation.paper_credits.clone(),
        chart: chart(evaluated.context, &evaluation.years),
        not_counted: not_counted(evaluated, evaluation),
        plan: plan(evaluated.context, evaluation),
    }
}

/// The credits of each period year, stacked by kind, on a scale of round
/// steps that holds the highest year (and at least 10).
#[derive(Debug, Serialize)]
pub struct Chart {
    /// The chart in words, for those who do not see it.
    pub alt: String,
    pub ceiling: u32,
    pub step: u32,
    pub years: Vec<ChartYear>,
}

#[derive(Debug, Serialize)]
pub struct ChartYear {
    /// "Year 1".
    pub label: String,
    /// "2021-04-01 – 2022-03-31".
    pub range: String,
    /// The year it starts in: "2021".
    pub start_year: String,
    pub total: u32,
    /// The kinds with credits, bottom up.
    pub bars: Vec<Bar>,
    /// Required meetings, other meetings, papers, total: the table's row.
    pub figures: [u32; 4],
}

#[derive(Debug, Serialize)]
pub struct Bar {
    /// `designated`, `other` or `papers`.
    pub kind: &'static str,
    pub amount: u32,
    /// "Papers: 10".
    pub title: String,
}

pub fn chart(context: &Context, years: &[YearFigures]) -> Chart {
    let ui = &context.ui;
    let total = |y: &YearFigures| y.designated_meetings + y.other_meetings + y.papers;
    let peak = years.iter().map(total).max().unwrap_or(0).max(10);
    let step = match peak {
        0..=20 => 5,
        21..=50 => 10,
        51..=100 => 20,
        _ => 50,
    };
    let alt_years: Vec<String> = years
        .iter()
        .map(|y| {
            ui.fill(
                "calc_chart_alt_year",
                &[
                    ("n", &y.year),
                    ("total", &total(y)),
                    ("designated", &y.designated_meetings),
                    ("other", &y.other_meetings),
                    ("papers", &y.papers),
                ],
            )
        })
        .collect();
    let kinds = [
        ("designated", "calc_chart_designated"),
        ("other", "calc_chart_other"),
        ("papers", "calc_chart_papers"),
    ];
    Chart {
        alt: ui.fill(
            "calc_chart_alt",
            &[("years", &alt_years.join(ui.t("calc_list_sep")))],
        ),
        ceiling: peak.div_ceil(step) * step,
        step,
        years: years
            .iter()
            .map(|y| {
                let amounts = [y.designated_meetings, y.other_meetings, y.papers];
                ChartYear {
                    label: ui.fill("calc_chart_year", &[("n", &y.year)]),
                    range: ui.range(y.start, y.end),
                    start_year: format!("{:04}", y.start.year),
                    total: total(y),
                    bars: kinds
                        .iter()
                        .zip(amounts)
                        .filter(|(_, amount)| *amount > 0)
                        .map(|((kind, label), amount)| Bar {
                            kind,
                            amount,
                            title: format!("{}: {amount}", ui.t(label)),
                        })
                        .collect(),
                    figures: [amounts[0], amounts[1], amounts[2], total(y)],
                }
            })
            .collect(),
    }
}

/// An entry that did not count, or not whole.
#[derive(Debug, Serialize)]
pub struct NotCountedView {
    pub item: Item,
    pub reason: Reason,
    pub credits_lost: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<Item>,
    /// "RSNA, 2023-11-26: the same meeting on the same date …".
    pub text: Rich,
}

pub fn not_counted(evaluated: &Evaluated, evaluation: &Evaluation) -> Vec<NotCountedView> {
    let context = evaluated.context;
    let draft = evaluated.draft;
    evaluation
        .not_counted
        .iter()
        .map(|entry| {
            let what = match entry.item.kind {
                ItemKind::Attendance => draft
                    .attendances
                    .get(entry.item.index)
                    .map(|a| context.attendance_what(a)),
                ItemKind::Paper => draft
                    .papers
                    .get(entry.item.index)
                    .map(|p| context.paper_what(p)),
            };
            let words = context.ui.fill_runs(
                "calc_not_counted_item",
                vec![
                    (
                        "what",
                        what.unwrap_or_else(|| Rich::text(entry.item.to_string())),
                    ),
                    ("reason", evaluated.reason(entry)),
                ],
            );
            NotCountedView {
                item: entry.item,
                reason: entry.reason,
                credits_lost: entry.credits_lost,
                with: entry.with,
                text: lost(context, words, entry.credits_lost),
            }
        })
        .collect()
}

/// How many meetings of a step the plan names before "or another of …".
const SHOWN_CHOICES: usize = 3;

#[derive(Debug, Serialize)]
pub struct PlanView {
    /// The period has ended: no meeting attended now can count.
    pub ended: bool,
    /// Why there is no plan, when there is none.
    pub message: Option<String>,
    /// Too late for a plan, while something is missing.
    pub too_late: bool,
    pub options: Vec<PlanOptionView>,
}

#[derive(Debug, Serialize)]
pub struct PlanOptionView {
    /// "2 × JRS Annual Meeting or … closes every shortfall (2 meetings in all)."
    pub line: Rich,
    /// The steps with more meetings to choose from than the line names.
    pub all: Vec<PlanChoices>,
}

#[derive(Debug, Serialize)]
pub struct PlanChoices {
    /// "All 12 meetings of this kind".
    pub summary: String,
    pub meetings: Vec<PlanChoice>,
}

#[derive(Debug, Serialize)]
pub struct PlanChoice {
    pub name: Rich,
    pub credits: String,
}

pub fn plan(context: &Context, evaluation: &Evaluation) -> PlanView {
    let ui = &context.ui;
    let ended = ended(evaluation);
    let options = &evaluation.plan.options;
    let too_late = options.is_empty() && ended && !evaluation.shortfalls.is_empty();
    PlanView {
        ended,
        message: options.is_empty().then(|| {
            ui.t(if too_late {
                "calc_plan_ended"
            } else {
                "calc_plan_none"
            })
            .to_string()
        }),
        too_late,
        options: options
            .iter()
            .enumerate()
            .map(|(i, option)| {
                let steps = Rich::join(
                    option.steps.iter().map(|s| step(context, s)),
                    ui.t("calc_plan_plus"),
                );
                let meetings = match option.meetings {
                    1 => ui.t("calc_meetings_one").to_string(),
                    n => ui.fill("calc_meetings_many", &[("n", &n)]),
                };
                PlanOptionView {
                    line: ui.fill_runs(
                        if i == 0 {
                            "calc_plan_best"
                        } else {
                            "calc_plan_alternative"
                        },
                        vec![("steps", steps), ("meetings", Rich::text(meetings))],
                    ),
                    all: option
                        .steps
                        .iter()
                        .filter(|step| step.choices.len() > SHOWN_CHOICES)
                        .map(|step| PlanChoices {
                            summary: ui.fill("calc_plan_all", &[("n", &step.choices.len())]),
                            meetings: step
                                .choices
                                .iter()
                                .map(|id| PlanChoice {
                                    name: context.meeting_link(id),
                                    credits: ui.credits_label(Some(step.credits_each)),
                                })
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

/// "2 × JRS Annual Meeting or JRS Autumn Meeting (15 credits each, required)".
fn step(context: &Context, step: &PlanStep) -> Rich {
    let ui = &context.ui;
    let shown = step
        .choices
        .iter()
        .take(SHOWN_CHOICES)
        .map(|id| context.meeting_link(id));
    let mut names = Rich::join(shown, ui.t("calc_plan_or"));
    if step.choices.len() > SHOWN_CHOICES {
        names = ui.fill_runs(
            "calc_plan_more",
            vec![
                ("names", names),
                (
                    "rest",
                    Rich::text((step.choices.len() - SHOWN_CHOICES).to_string()),
                ),
                ("all", Rich::text(step.choices.len().to_string())),
            ],
        );
    }
    ui.fill_runs(
        if step.designated {
            "calc_plan_step_required"
        } else {
            "calc_plan_step"
        },
        vec![
            ("count", Rich::text(step.count.to_string())),
            ("names", names),
            ("credits", Rich::text(step.credits_each.to_string())),
        ],
    )
}
