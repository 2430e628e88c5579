//! What the core's integration tests share: the regulation's numbers, and a
//! small catalog with each kind of meeting.

#![allow(dead_code)]

use tanni_core::date::Date;
use tanni_core::engine::MeetingCredit;
use tanni_core::record::{Attendance, Paper, Record};
use tanni_core::rules::{
    DesignatedReading, PaperRules, PaperYearReading, PostponementReading, Readings, Rules,
};

/// The JRS rules of 2012, as catalog/rules.toml holds them, with short
/// meeting ids.
pub fn rules() -> Rules {
    Rules {
        period_years: 5,
        postponement_years: 2,
        total_credits: 60,
        designated_credits: 40,
        main_meeting_attendances: 2,
        main_meetings: vec!["annual".into(), "autumn".into()],
        papers: PaperRules {
            peer_reviewed_first_author: 10,
            peer_reviewed_other_author: 2,
            not_peer_reviewed_first_author: 5,
            not_peer_reviewed_other_author: 1,
            cap_per_year: 10,
            cap_per_period: 20,
        },
        readings: Readings {
            designated: DesignatedReading::MarkedRequired,
            postponement: PostponementReading::WholeWindow,
            paper_year: PaperYearReading::PeriodYear,
            regulation_table: vec![
                "annual".into(),
                "autumn".into(),
                "regional".into(),
                "jcr-winter".into(),
            ],
        },
    }
}

/// A small catalog with each kind of meeting: the main meetings, designated
/// ones in and out of the regulation's table, others, one without a value,
/// and one meeting listed twice.
pub fn meetings() -> Vec<MeetingCredit> {
    let meeting = |id: &str, credits: Option<u32>, required: bool| MeetingCredit {
        id: id.into(),
        credits,
        required,
        same_as: Vec::new(),
    };
    let twin = |id: &str, other: &str, credits: u32| MeetingCredit {
        id: id.into(),
        credits: Some(credits),
        required: false,
        same_as: vec![other.into()],
    };
    vec![
        meeting("annual", Some(15), true),
        meeting("autumn", Some(15), true),
        meeting("regional", Some(5), true),
        meeting("jcr-winter", Some(10), true),
        meeting("national", Some(5), false),
        meeting("local", Some(2), false),
        meeting("no-value", None, false),
        // One seminar the list prints twice, with two values.
        twin("seminar", "seminar-again", 2),
        twin("seminar-again", "seminar", 1),
        // A required meeting that is not in the regulation's table.
        meeting("jastro", Some(5), true),
    ]
}

pub fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

pub fn attend(meeting: &str, on: &str) -> Attendance {
    Attendance {
        meeting: meeting.into(),
        date: date(on),
    }
}

pub fn paper(on: &str, peer_reviewed: bool, first_author: bool) -> Paper {
    Paper {
        date: date(on),
        peer_reviewed,
        first_author,
        title: None,
    }
}

/// A record of a period that starts on 2021-04-01, with no postponement.
pub fn record(attendances: Vec<Attendance>, papers: Vec<Paper>) -> Record {
    Record {
        period_start: date("2021-04-01"),
        postponed: false,
        as_of: None,
        attendances,
        papers,
    }
}
