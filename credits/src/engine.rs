//! The rules engine: applies the renewal rules to a member's record and
//! returns every figure the member needs, what did not count and why, and a
//! plan to close what is missing. Pure: the same record always gives the
//! same evaluation, whatever the order of its entries.
//!
//! How it counts, where the regulation leaves room (shown to the member):
//! - the period is `period_years` from `period_start`, start inclusive, end
//!   exclusive; with a postponement `postponement_years` longer;
//! - the same meeting on the same date counts once;
//! - a meeting without a credit value earns nothing;
//! - "a year" of the paper cap is a year of the period: year k runs from the
//!   (k-1)-th anniversary of the start to the k-th; papers are capped per
//!   year first, then for the whole period, earliest papers first.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::plan::{plan, Plan};
use crate::record::Record;
use crate::rules::Rules;

/// What the engine needs to know of a catalog meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingCredit {
    pub id: String,
    pub credits: Option<u32>,
    pub required: bool,
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
    Duplicate,
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
    /// `attendances[i]` or `papers[i]`: the entry of the record.
    pub item: String,
    pub credits: u32,
    pub designated: bool,
    pub year: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotCounted {
    pub item: String,
    pub reason: Reason,
    /// Credits the activity would have brought, or the part cut by a cap.
    pub credits_lost: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub eligible: bool,
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
    let years = rules.period_years
        + if record.postponed {
            rules.postponement_years
        } else {
            0
        };
    let start = record.period_start;
    let end = start.add_years(years as i32);
    let year_of = |date: Date| -> Option<u32> {
        (start <= date && date < end).then(|| {
            (1..=years)
                .find(|&k| date < start.add_years(k as i32))
                .unwrap_or(years)
        })
    };
    let catalog: HashMap<&str, &MeetingCredit> =
        meetings.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut figures: Vec<YearFigures> = (1..=years)
        .map(|k| YearFigures {
            year: k,
            start: start.add_years(k as i32 - 1),
            end: start.add_years(k as i32),
            designated_meetings: 0,
            other_meetings: 0,
            papers: 0,
        })
        .collect();
    let mut counted = Vec::new();
    let mut not_counted = Vec::new();

    // Meetings, in date order so that the first of two duplicates counts.
    let mut order: Vec<usize> = (0..record.attendances.len()).collect();
    order.sort_by_key(|&i| {
        (
            record.attendances[i].date,
            &record.attendances[i].meeting,
            i,
        )
    });
    let mut seen: HashSet<(&str, Date)> = HashSet::new();
    let (mut meeting_credits, mut designated, mut main_attendances) = (0, 0, 0);
    for index in order {
        let attendance = &record.attendances[index];
        let item = format!("attendances[{index}]");
        let Some(meeting) = catalog.get(attendance.meeting.as_str()) else {
            not_counted.push(NotCounted {
                item,
                reason: Reason::UnknownMeeting,
                credits_lost: 0,
            });
            continue;
        };
        let credits = meeting.credits.unwrap_or(0);
        let Some(year) = year_of(attendance.date) else {
            not_counted.push(NotCounted {
                item,
                reason: Reason::OutsidePeriod,
                credits_lost: credits,
            });
            continue;
        };
        if !seen.insert((meeting.id.as_str(), attendance.date)) {
            not_counted.push(NotCounted {
                item,
                reason: Reason::Duplicate,
                credits_lost: credits,
            });
            continue;
        }
        if rules.main_meetings.contains(&meeting.id) {
            main_attendances += 1;
        }
        if meeting.credits.is_none() {
            not_counted.push(NotCounted {
                item,
                reason: Reason::NoCreditValue,
                credits_lost: 0,
            });
            continue;
        }
        meeting_credits += credits;
        let figure = &mut figures[year as usize - 1];
        if meeting.required {
            designated += credits;
            figure.designated_meetings += credits;
        } else {
            figure.other_meetings += credits;
        }
        counted.push(Counted {
            item,
            credits,
            designated: meeting.required,
            year,
        });
    }

    // Papers: per-year cap, then the period cap, earliest first.
    let papers = &rules.papers;
    let mut order: Vec<usize> = (0..record.papers.len()).collect();
    order.sort_by_key(|&i| {
        let paper = &record.papers[i];
        (
            paper.date,
            !paper.peer_reviewed,
            !paper.first_author,
            paper.title.clone(),
            i,
        )
    });
    let mut year_used: BTreeMap<u32, u32> = BTreeMap::new();
    let mut period_used = 0;
    let (mut earned, mut after_year_caps) = (0, 0);
    for index in order {
        let paper = &record.papers[index];
        let item = format!("papers[{index}]");
        let credits = papers.credits(paper.peer_reviewed, paper.first_author);
        let Some(year) = year_of(paper.date) else {
            not_counted.push(NotCounted {
                item,
                reason: Reason::OutsidePeriod,
                credits_lost: credits,
            });
            continue;
        };
        earned += credits;
        let used = year_used.entry(year).or_insert(0);
        let within_year = credits.min(papers.cap_per_year.saturating_sub(*used));
        *used += within_year;
        after_year_caps += within_year;
        let within_period = within_year.min(papers.cap_per_period.saturating_sub(period_used));
        period_used += within_period;
        if within_year < credits {
            not_counted.push(NotCounted {
                item: item.clone(),
                reason: Reason::CappedYear,
                credits_lost: credits - within_year,
            });
        }
        if within_period < within_year {
            not_counted.push(NotCounted {
                item: item.clone(),
                reason: Reason::CappedPeriod,
                credits_lost: within_year - within_period,
            });
        }
        if within_period > 0 {
            figures[year as usize - 1].papers += within_period;
            counted.push(Counted {
                item,
                credits: within_period,
                designated: false,
                year,
            });
        }
    }

    let total = meeting_credits + period_used;
    let requirements = vec![
        Requirement {
            rule: Rule::Total,
            needed: rules.total_credits,
            actual: total,
        },
        Requirement {
            rule: Rule::Designated,
            needed: rules.designated_credits,
            actual: designated,
        },
        Requirement {
            rule: Rule::MainMeetings,
            needed: rules.main_meeting_attendances,
            actual: main_attendances,
        },
    ];
    let shortfalls: Vec<Shortfall> = requirements
        .iter()
        .filter(|r| r.actual < r.needed)
        .map(|r| Shortfall {
            rule: r.rule,
            missing: r.needed - r.actual,
        })
        .collect();
    counted.sort_by_key(|counted| item_order(&counted.item));
    not_counted.sort_by_key(|entry| (item_order(&entry.item), entry.reason as u8));
    Evaluation {
        eligible: shortfalls.is_empty(),
        period: Period { start, end, years },
        total,
        designated,
        main_meeting_attendances: main_attendances,
        meeting_credits,
        paper_credits: PaperCredits {
            earned,
            after_year_caps,
            counted: period_used,
        },
        years: figures,
        requirements,
        plan: plan(rules, meetings, &shortfalls),
        shortfalls,
        counted,
        not_counted,
    }
}

/// `attendances[3]` before `attendances[10]` before `papers[0]`.
fn item_order(item: &str) -> (bool, usize) {
    let number = item
        .split(['[', ']'])
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (item.starts_with("papers"), number)
}
