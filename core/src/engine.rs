//! The rules engine: applies the renewal rules to a member's record and
//! returns every figure the member needs, what did not count and why, where
//! the member stands on the date given, and a plan to close what is
//! missing. Pure: the same record always gives the same evaluation, whatever
//! the order of its entries.
//!
//! How it counts, where the regulation leaves room (shown to the member):
//! - one attendance per event: entries of one meeting, or of the catalog's
//!   two listings of one meeting, within seven days of the event's first
//!   entry are one attendance, at the lowest value any listing gives;
//! - a meeting without a credit value earns nothing;
//! - the open readings of the regulation (`rules.readings`): the chosen one
//!   gives the main figures, every other is counted beside it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::counting::{count, Choice, Counting};
use crate::date::Date;
use crate::item::Item;
use crate::plan::{plan, Plan};
use crate::record::Record;
use crate::rules::{DesignatedReading, PaperYearReading, PostponementReading, Rules};

/// What the engine needs to know of a catalog meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingCredit {
    pub id: String,
    pub credits: Option<u32>,
    pub required: bool,
    /// The catalog's other listings of the same meeting.
    #[serde(default)]
    pub same_as: Vec<String>,
}

/// The three requirements of a renewal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    Total,
    Designated,
    MainMeetings,
}

/// Why an activity did not count, or not whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    OutsidePeriod,
    UnknownMeeting,
    /// The same meeting on the same date again.
    Duplicate,
    /// Another day, or the other listing, of an event already counted.
    SameEvent,
    NoCreditValue,
    CappedYear,
    CappedPeriod,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    pub start: Date,
    /// The first day after the period.
    pub end: Date,
    pub years: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperCredits {
    /// Before any cap.
    pub earned: u32,
    /// After the cap of each year.
    pub after_year_caps: u32,
    /// After the cap of the period too: what counts.
    pub counted: u32,
}

/// The credits of one year of the period, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearFigures {
    pub year: u32,
    pub start: Date,
    pub end: Date,
    pub designated_meetings: u32,
    pub other_meetings: u32,
    pub papers: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Requirement {
    pub rule: Rule,
    pub needed: u32,
    pub actual: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shortfall {
    pub rule: Rule,
    pub missing: u32,
}

/// An activity that counted, with the credits it brought.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    /// The entry of the record, `attendances[i]` or `papers[i]` in the JSON.
    pub item: Item,
    pub credits: u32,
    pub designated: bool,
    pub year: u32,
    /// The other listing of the meeting whose lower value was counted, when
    /// the event was entered under two listings that give different values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower_value_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotCounted {
    pub item: Item,
    pub reason: Reason,
    /// Credits the activity would have brought, or the part cut by a cap.
    pub credits_lost: u32,
    /// The entry counted for the same event, for `duplicate` and `same-event`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<Item>,
}

impl NotCounted {
    pub fn new(item: Item, reason: Reason, credits_lost: u32) -> Self {
        NotCounted {
            item,
            reason,
            credits_lost,
            with: None,
        }
    }

    pub fn with(mut self, item: Item) -> Self {
        self.with = Some(item);
        self
    }
}

/// Where the period stands on the day the record is evaluated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodState {
    NotStarted,
    Open,
    Ended,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timing {
    /// The day the record is evaluated for (today, in the calculator).
    pub as_of: Date,
    pub state: PeriodState,
    /// Days from `as_of` to the period's end (its first day after), when
    /// the period is open; days to its start, when it has not started.
    pub days_left: u32,
}

/// The readings of the regulation the main figures were counted by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingsTaken {
    pub designated: DesignatedReading,
    pub postponement: PostponementReading,
    pub paper_year: PaperYearReading,
}

/// The record counted by another reading of one open question: its
/// figures and verdict, beside the main ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherReading {
    /// `designated`, `postponement` or `paper_year`.
    pub question: &'static str,
    /// The reading: `regulation-table`, `last-years`, `calendar-year`, …
    pub reading: &'static str,
    pub eligible: bool,
    /// Whether the verdict differs from the main one.
    pub verdict_differs: bool,
    pub period: Period,
    pub total: u32,
    pub designated: u32,
    pub main_meeting_attendances: u32,
    pub paper_credits: PaperCredits,
    pub shortfalls: Vec<Shortfall>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub eligible: bool,
    /// Where the period stands on `as_of`, when the record gives that day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    pub readings_taken: ReadingsTaken,
    /// The figures under every other reading, keyed `question-reading`
    /// (`designated-regulation-table`, `postponement-last-years`, …).
    pub other_readings: BTreeMap<String, OtherReading>,
    pub period: Period,
    pub total: u32,
    pub designated: u32,
    pub main_meeting_attendances: u32,
    pub meeting_credits: u32,
    pub paper_credits: PaperCredits,
    pub years: Vec<YearFigures>,
    pub requirements: Vec<Requirement>,
    pub shortfalls: Vec<Shortfall>,
    pub counted: Vec<Counted>,
    pub not_counted: Vec<NotCounted>,
    pub plan: Plan,
}

/// Evaluates a record against the rules and the catalog's meetings.
pub fn evaluate(rules: &Rules, meetings: &[MeetingCredit], record: &Record) -> Evaluation {
    let taken = Choice {
        designated: rules.readings.designated,
        postponement: rules.readings.postponement,
        paper_year: rules.readings.paper_year,
    };
    let main = count(rules, meetings, record, taken);
    let mut other_readings = BTreeMap::new();
    let mut other = |question: &'static str, reading: &'static str, choice: Choice| {
        if choice == taken {
            return;
        }
        let counting = count(rules, meetings, record, choice);
        let eligible = counting.shortfalls.is_empty();
        other_readings.insert(
            format!("{}-{reading}", question.replace('_', "-")),
            OtherReading {
                question,
                reading,
                eligible,
                verdict_differs: eligible != main.shortfalls.is_empty(),
                period: counting.period,
                total: counting.total,
                designated: counting.designated,
                main_meeting_attendances: counting.main_meeting_attendances,
                paper_credits: counting.paper_credits,
                shortfalls: counting.shortfalls,
            },
        );
    };
    for designated in DesignatedReading::ALL {
        other(
            "designated",
            designated.as_str(),
            Choice {
                designated,
                ..taken
            },
        );
    }
    for postponement in PostponementReading::ALL {
        other(
            "postponement",
            postponement.as_str(),
            Choice {
                postponement,
                ..taken
            },
        );
    }
    for paper_year in PaperYearReading::ALL {
        other(
            "paper_year",
            paper_year.as_str(),
            Choice {
                paper_year,
                ..taken
            },
        );
    }
    let timing = record.as_of.map(|as_of| timing(&main.period, as_of));
    let ended = timing
        .as_ref()
        .is_some_and(|t| t.state == PeriodState::Ended);
    let Counting {
        period,
        total,
        designated,
        main_meeting_attendances,
        meeting_credits,
        paper_credits,
        years,
        requirements,
        shortfalls,
        counted,
        not_counted,
    } = main;
    Evaluation {
        eligible: shortfalls.is_empty(),
        timing,
        readings_taken: ReadingsTaken {
            designated: taken.designated,
            postponement: taken.postponement,
            paper_year: taken.paper_year,
        },
        other_readings,
        period,
        total,
        designated,
        main_meeting_attendances,
        meeting_credits,
        paper_credits,
        years,
        requirements,
        // No meeting can be added to a period that has ended.
        plan: if ended {
            Plan {
                options: Vec::new(),
            }
        } else {
            plan(rules, meetings, &shortfalls)
        },
        shortfalls,
        counted,
        not_counted,
    }
}

/// Where a period stands on a day.
fn timing(period: &Period, as_of: Date) -> Timing {
    let (state, days) = if as_of < period.start {
        (PeriodState::NotStarted, as_of.days_until(period.start))
    } else if as_of < period.end {
        (PeriodState::Open, as_of.days_until(period.end))
    } else {
        (PeriodState::Ended, 0)
    };
    Timing {
        as_of,
        state,
        days_left: u32::try_from(days).unwrap_or(0),
    }
}
