//! The renewal rules as numbers, read from `catalog/rules.toml`: a change of
//! rules is a change of data, not of code.

use serde::{Deserialize, Serialize};

/// The renewal requirements of the regulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Length of a renewal period in years.
    pub period_years: u32,
    /// Extra years granted by a postponement (更新の猶予).
    pub postponement_years: u32,
    /// Credits needed in a period.
    pub total_credits: u32,
    /// Of those, credits needed from meetings marked required (必須).
    pub designated_credits: u32,
    /// Attendances of the main meetings needed in a period.
    pub main_meeting_attendances: u32,
    /// Ids of the main meetings (the JRS annual and autumn meetings).
    pub main_meetings: Vec<String>,
    pub papers: PaperRules,
    /// Where the regulation can be read more than one way, the reading the
    /// calculator counts by; the others are counted beside it.
    pub readings: Readings,
}

/// The readings the calculator takes where the regulation leaves room, as
/// data: a maintainer changes a reading in `rules.toml`, not in code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Readings {
    pub designated: DesignatedReading,
    pub postponement: PostponementReading,
    pub paper_year: PaperYearReading,
    /// The meetings the regulation's own table names (単位 (1), 「下記の
    /// 学会・セミナー」), for the `regulation-table` reading.
    pub regulation_table: Vec<String>,
}

/// Which meetings' credits count toward the designated credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DesignatedReading {
    /// Every meeting the list marks 必須.
    MarkedRequired,
    /// Only the meetings the regulation's table names.
    RegulationTable,
}

/// Which years count when the renewal was postponed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PostponementReading {
    /// All the years from the start to the postponed deadline.
    WholeWindow,
    /// Only the last `period_years` before the postponed deadline.
    LastYears,
}

/// What "1年間" (a year) of the paper cap is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaperYearReading {
    /// A year of the period, from one anniversary of its start to the next.
    PeriodYear,
    /// January to December.
    CalendarYear,
    /// The society's year, June to May.
    SocietyYear,
}

impl DesignatedReading {
    pub const ALL: [DesignatedReading; 2] = [Self::MarkedRequired, Self::RegulationTable];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MarkedRequired => "marked-required",
            Self::RegulationTable => "regulation-table",
        }
    }
}

impl PostponementReading {
    pub const ALL: [PostponementReading; 2] = [Self::WholeWindow, Self::LastYears];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::WholeWindow => "whole-window",
            Self::LastYears => "last-years",
        }
    }
}

impl PaperYearReading {
    pub const ALL: [PaperYearReading; 3] =
        [Self::PeriodYear, Self::CalendarYear, Self::SocietyYear];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PeriodYear => "period-year",
            Self::CalendarYear => "calendar-year",
            Self::SocietyYear => "society-year",
        }
    }
}

/// Credits for published papers and their caps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperRules {
    pub peer_reviewed_first_author: u32,
    pub peer_reviewed_other_author: u32,
    pub not_peer_reviewed_first_author: u32,
    pub not_peer_reviewed_other_author: u32,
    /// Most paper credits counted in one year of the period.
    pub cap_per_year: u32,
    /// Most paper credits counted in the whole period.
    pub cap_per_period: u32,
}

impl PaperRules {
    /// Credits one paper earns before any cap.
    pub fn credits(&self, peer_reviewed: bool, first_author: bool) -> u32 {
        match (peer_reviewed, first_author) {
            (true, true) => self.peer_reviewed_first_author,
            (true, false) => self.peer_reviewed_other_author,
            (false, true) => self.not_peer_reviewed_first_author,
            (false, false) => self.not_peer_reviewed_other_author,
        }
    }
}

/// A value of the rules outside what a renewal regulation can mean, by its
/// field (`papers.cap_per_year`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    pub field: &'static str,
    pub message: String,
}

/// The bounds each number of the rules is held to. They are not rules of
/// any regulation, only what one could plausibly say: beyond them a value
/// is a typing slip (and a period of billions of years would make the engine
/// allocate without end).
pub const BOUNDS: [(&str, u32, u32); 13] = [
    ("period_years", 1, 20),
    ("postponement_years", 0, 10),
    ("total_credits", 1, 1000),
    ("designated_credits", 0, 1000),
    ("main_meeting_attendances", 0, 100),
    ("papers.peer_reviewed_first_author", 0, 100),
    ("papers.peer_reviewed_other_author", 0, 100),
    ("papers.not_peer_reviewed_first_author", 0, 100),
    ("papers.not_peer_reviewed_other_author", 0, 100),
    ("papers.cap_per_year", 0, 1000),
    ("papers.cap_per_period", 0, 1000),
    ("main_meetings", 0, 100),
    ("readings.regulation_table", 0, 100),
];

impl Rules {
    /// Every value out of its bounds or at odds with another.
    pub fn check(&self) -> Vec<RuleProblem> {
        let papers = &self.papers;
        let values = [
            self.period_years,
            self.postponement_years,
            self.total_credits,
            self.designated_credits,
            self.main_meeting_attendances,
            papers.peer_reviewed_first_author,
            papers.peer_reviewed_other_author,
            papers.not_peer_reviewed_first_author,
            papers.not_peer_reviewed_other_author,
            papers.cap_per_year,
            papers.cap_per_period,
            u32::try_from(self.main_meetings.len()).unwrap_or(u32::MAX),
            u32::try_from(self.readings.regulation_table.len()).unwrap_or(u32::MAX),
        ];
        let mut problems: Vec<RuleProblem> = BOUNDS
            .iter()
            .zip(values)
            .filter(|((_, low, high), value)| !(*low..=*high).contains(value))
            .map(|(&(field, low, high), value)| RuleProblem {
                field,
                message: if field == "main_meetings" || field == "readings.regulation_table" {
                    format!("{value} meetings in {field}; at most {high} may be named")
                } else {
                    format!("{field} is {value}; it must be from {low} to {high}")
                },
            })
            .collect();
        if self.designated_credits > self.total_credits {
            problems.push(RuleProblem {
                field: "designated_credits",
                message: format!(
                    "designated_credits ({}) is more than total_credits ({}), of which it is a part",
                    self.designated_credits, self.total_credits
                ),
            });
        }
        if self.main_meeting_attendances > 0 && self.main_meetings.is_empty() {
            problems.push(RuleProblem {
                field: "main_meeting_attendances",
                message: "attendances of main meetings are required, but main_meetings names none"
                    .into(),
            });
        }
        problems
    }
}
