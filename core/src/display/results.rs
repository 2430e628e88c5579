//! The calculator's result: the verdict, the three requirements, where the
//! period stands on the day, and the readings of the regulation whose
//! verdict differs, side by side with the main one.

use serde::Serialize;

use super::words::PeriodDays;
use super::{Context, Rich};
use crate::engine::{Evaluation, OtherReading, PaperCredits, Period, PeriodState, Rule, Shortfall};
use crate::record::RecordError;

#[derive(Debug, Serialize)]
pub struct Verdict {
    pub text: String,
    /// `waiting` (no period yet), `eligible` or `short`.
    pub kind: &'static str,
    /// None without an evaluation.
    pub eligible: Option<bool>,
}

pub fn verdict(context: &Context, outcome: Result<&Evaluation, Option<&RecordError>>) -> Verdict {
    let ui = &context.ui;
    match outcome {
        Err(Some(problem)) => Verdict {
            text: ui.fill(
                "calc_record_problem",
                &[
                    ("field", &ui.describe_field(&problem.field)),
                    ("message", &problem.message),
                ],
            ),
            kind: "short",
            eligible: None,
        },
        Err(None) => Verdict {
            text: ui.t("calc_verdict_need_start").to_string(),
            kind: "waiting",
            eligible: None,
        },
        Ok(evaluation) if evaluation.eligible => Verdict {
            text: ui.t("calc_verdict_eligible").to_string(),
            kind: "eligible",
            eligible: Some(true),
        },
        Ok(evaluation) => Verdict {
            text: ui.fill(
                if ended(evaluation) {
                    "calc_verdict_ended_short"
                } else {
                    "calc_verdict_short"
                },
                &[("list", &ui.shortfalls(&evaluation.shortfalls))],
            ),
            kind: "short",
            eligible: Some(false),
        },
    }
}

pub fn ended(evaluation: &Evaluation) -> bool {
    evaluation
        .timing
        .as_ref()
        .is_some_and(|t| t.state == PeriodState::Ended)
}

/// One requirement's meter.
#[derive(Debug, Serialize)]
pub struct Meter {
    /// `total`, `designated` or `main`, as the page's ids name them.
    pub key: &'static str,
    pub actual: u32,
    pub needed: u32,
    /// "12 / 60".
    pub text: String,
    pub met: bool,
}

/// The meters of the three requirements; without an evaluation, at zero.
pub fn meters(context: &Context, evaluation: Option<&Evaluation>) -> Vec<Meter> {
    let rules = &context.rules;
    [
        (Rule::Total, "total", rules.total_credits),
        (Rule::Designated, "designated", rules.designated_credits),
        (Rule::MainMeetings, "main", rules.main_meeting_attendances),
    ]
    .into_iter()
    .map(|(rule, key, needed)| {
        let requirement = evaluation.and_then(|e| e.requirements.iter().find(|r| r.rule == rule));
        let (actual, needed) = requirement.map_or((0, needed), |r| (r.actual, r.needed));
        Meter {
            key,
            actual,
            needed,
            text: progress(context, actual, needed),
            met: evaluation.is_some() && actual >= needed,
        }
    })
    .collect()
}

/// "12 / 60".
pub fn progress(context: &Context, actual: u32, needed: u32) -> String {
    context
        .ui
        .fill("calc_progress_value", &[("n", &actual), ("max", &needed)])
}

/// Where the period stands on the day of the evaluation.
#[derive(Debug, Serialize)]
pub struct TimingView {
    pub text: String,
    pub state: PeriodState,
    pub days_left: u32,
    pub as_of: String,
}

pub fn timing(context: &Context, evaluation: &Evaluation) -> Option<TimingView> {
    let timing = evaluation.timing.as_ref()?;
    let state = match timing.state {
        PeriodState::NotStarted => "not_started",
        PeriodState::Open => "open",
        PeriodState::Ended => "ended",
    };
    let key = format!("calc_timing_{state}");
    let one = format!("{key}_one");
    let key = match context.ui.find(&one) {
        Some(_) if timing.days_left == 1 => one,
        _ => key,
    };
    let days = PeriodDays::of(&evaluation.period);
    let [start, last, _] = days.values();
    let text = context.ui.fill(
        &key,
        &[
            ("as_of", &timing.as_of),
            ("days", &timing.days_left),
            start,
            last,
        ],
    );
    Some(TimingView {
        text,
        state: timing.state,
        days_left: timing.days_left,
        as_of: timing.as_of.to_string(),
    })
}

/// What a column of the readings table shows: the main result or another
/// reading's.
pub struct Outcome<'a> {
    pub eligible: bool,
    pub shortfalls: &'a [Shortfall],
    pub period: &'a Period,
    pub figures: [u32; 3],
    pub paper_credits: &'a PaperCredits,
}

/// The outcome of anything that has the figures of a counting.
macro_rules! outcome {
    ($counted:expr) => {
        Outcome {
            eligible: $counted.eligible,
            shortfalls: &$counted.shortfalls,
            period: &$counted.period,
            figures: [
                $counted.total,
                $counted.designated,
                $counted.main_meeting_attendances,
            ],
            paper_credits: &$counted.paper_credits,
        }
    };
}

impl<'a> From<&'a Evaluation> for Outcome<'a> {
    fn from(evaluation: &'a Evaluation) -> Self {
        outcome!(evaluation)
    }
}

impl<'a> From<&'a OtherReading> for Outcome<'a> {
    fn from(reading: &'a OtherReading) -> Self {
        outcome!(reading)
    }
}

/// "Every requirement met" or "Not enough. Missing: …".
pub fn reading_verdict(context: &Context, outcome: &Outcome) -> String {
    let ui = &context.ui;
    match outcome.eligible {
        true => ui.t("calc_reading_eligible").to_string(),
        false => ui.fill(
            "calc_reading_short",
            &[("list", &ui.shortfalls(outcome.shortfalls))],
        ),
    }
}

/// The open readings whose verdict differs from the main one, by key.
pub fn differing(evaluation: &Evaluation) -> Vec<(&String, &OtherReading)> {
    evaluation
        .other_readings
        .iter()
        .filter(|(_, reading)| reading.verdict_differs)
        .collect()
}

#[derive(Debug, Serialize)]
pub struct ReadingsTable {
    pub caption: String,
    pub columns: Vec<ReadingColumn>,
    pub rows: Vec<ReadingRow>,
}

#[derive(Debug, Serialize)]
pub struct ReadingColumn {
    /// `main`, or the reading's key (`postponement-last-years`).
    pub key: String,
    pub title: String,
    pub words: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ReadingRow {
    pub label: String,
    /// `verdict`, `period`, `figure` or `papers`.
    pub kind: &'static str,
    /// For a figure: `total`, `designated` or `main_meeting_attendances`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<&'static str>,
    pub cells: Vec<ReadingCell>,
}

#[derive(Debug, Serialize)]
pub struct ReadingCell {
    pub text: Rich,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligible: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<u32>,
}

/// The main result and each reading that gives another verdict: one column
/// each, the same rows. One question (the usual case) is the caption and
/// each column names its reading; with more, each names question and reading.
pub fn readings(context: &Context, evaluation: &Evaluation) -> Option<ReadingsTable> {
    let differing = differing(evaluation);
    if differing.is_empty() {
        return None;
    }
    let ui = &context.ui;
    let mut questions: Vec<&str> = Vec::new();
    for (_, reading) in &differing {
        if !questions.contains(&reading.question) {
            questions.push(reading.question);
        }
    }
    let alone = questions.len() == 1;
    let taken = &evaluation.readings_taken;
    let taken = |question: &str| match question {
        "designated" => taken.designated.as_str(),
        "postponement" => taken.postponement.as_str(),
        _ => taken.paper_year.as_str(),
    };
    let mut columns = vec![ReadingColumn {
        key: "main".into(),
        title: ui.t("calc_reading_main").into(),
        words: questions
            .iter()
            .map(|q| context.reading_words(q, taken(q), alone))
            .collect(),
    }];
    let mut outcomes = vec![Outcome::from(evaluation)];
    for (key, reading) in &differing {
        columns.push(ReadingColumn {
            key: key.to_string(),
            title: ui.t("calc_reading_other").into(),
            words: vec![context.reading_words(reading.question, reading.reading, alone)],
        });
        outcomes.push(Outcome::from(*reading));
    }
    let row = |label: &str, kind, figure, cell: &dyn Fn(&Outcome) -> ReadingCell| ReadingRow {
        label: ui.t(label).into(),
        kind,
        figure,
        cells: outcomes.iter().map(cell).collect(),
    };
    let plain = |text: String| ReadingCell {
        text: Rich::text(text),
        eligible: None,
        value: None,
    };
    let mut rows = vec![
        row("calc_reading_row_verdict", "verdict", None, &|o| {
            ReadingCell {
                eligible: Some(o.eligible),
                ..plain(reading_verdict(context, o))
            }
        }),
        row("calc_reading_row_period", "period", None, &|o| {
            ReadingCell {
                text: ui.fill_runs("calc_reading_period_value", {
                    let days = PeriodDays::of(o.period);
                    vec![
                        ("start", Rich::span(days.start.to_string(), "nowrap")),
                        ("last", Rich::span(days.last.to_string(), "nowrap")),
                        ("years", Rich::text(days.years.to_string())),
                    ]
                }),
                ..plain(String::new())
            }
        }),
    ];
    let figures = [
        ("total", "calc_progress_total", context.rules.total_credits),
        (
            "designated",
            "calc_progress_designated",
            context.rules.designated_credits,
        ),
        (
            "main_meeting_attendances",
            "calc_progress_main",
            context.rules.main_meeting_attendances,
        ),
    ];
    for (i, (figure, label, needed)) in figures.into_iter().enumerate() {
        rows.push(row(label, "figure", Some(figure), &|o| ReadingCell {
            value: Some(o.figures[i]),
            ..plain(progress(context, o.figures[i], needed))
        }));
    }
    rows.push(row("calc_reading_row_papers", "papers", None, &|o| {
        plain(o.paper_credits.counted.to_string())
    }));
    Some(ReadingsTable {
        caption: match alone {
            true => context.question_words(questions[0]),
            false => ui.t("calc_readings_caption").into(),
        },
        columns,
        rows,
    })
}
