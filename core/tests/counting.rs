//! Worked examples of what counts as one attendance, of where the period
//! stands on a given day, and of the readings the regulation leaves open;
//! and the property that an entry of an event already made never raises a
//! figure.

mod common;

use common::{attend, date, meetings, rules};

/// A first-author, peer-reviewed paper.
fn paper(on: &str) -> Paper {
    common::paper(on, true, true)
}

fn record(attendances: Vec<Attendance>) -> Record {
    common::record(attendances, Vec::new())
}
use proptest::prelude::*;
use tanni_core::date::Date;
use tanni_core::engine::{evaluate, Evaluation, PeriodState, Reason};
use tanni_core::item::Item;
use tanni_core::record::{Attendance, Paper, Record};
use tanni_core::rules::{PaperYearReading, PostponementReading, Rules};

fn run(record: &Record) -> Evaluation {
    evaluate(&rules(), &meetings(), record)
}

fn reasons(evaluation: &Evaluation) -> Vec<(String, Reason, Option<String>)> {
    evaluation
        .not_counted
        .iter()
        .map(|n| (n.item.to_string(), n.reason, n.with.map(|w| w.to_string())))
        .collect()
}

#[test]
fn a_congress_entered_for_each_of_its_days_is_one_attendance() {
    let evaluation = run(&record(vec![
        attend("annual", "2022-04-14"),
        attend("annual", "2022-04-15"),
        attend("annual", "2022-04-16"),
    ]));
    assert_eq!(evaluation.total, 15);
    assert_eq!(evaluation.main_meeting_attendances, 1);
    assert_eq!(
        reasons(&evaluation),
        [
            (
                "attendances[1]".to_string(),
                Reason::SameEvent,
                Some("attendances[0]".to_string())
            ),
            (
                "attendances[2]".to_string(),
                Reason::SameEvent,
                Some("attendances[0]".to_string())
            ),
        ]
    );
    assert_eq!(evaluation.not_counted[0].credits_lost, 15);
}

#[test]
fn a_week_apart_is_two_attendances_and_the_same_day_twice_is_a_duplicate() {
    let evaluation = run(&record(vec![
        attend("regional", "2022-06-01"),
        attend("regional", "2022-06-01"),
        attend("regional", "2022-06-07"),
        attend("regional", "2022-06-08"),
    ]));
    assert_eq!(evaluation.total, 10);
    assert_eq!(
        reasons(&evaluation),
        [
            (
                "attendances[1]".to_string(),
                Reason::Duplicate,
                Some("attendances[0]".to_string())
            ),
            (
                "attendances[2]".to_string(),
                Reason::SameEvent,
                Some("attendances[0]".to_string())
            ),
        ]
    );
}

#[test]
fn an_event_across_a_year_end_is_counted_once_in_the_year_of_its_first_day() {
    let evaluation = run(&record(vec![
        attend("regional", "2022-03-30"),
        attend("regional", "2022-04-02"),
    ]));
    assert_eq!(evaluation.total, 5);
    assert_eq!(evaluation.years[0].designated_meetings, 5);
    assert_eq!(evaluation.years[1].designated_meetings, 0);
    assert_eq!(evaluation.counted[0].year, 1);
}

#[test]
fn an_event_that_begins_before_the_period_is_outside_it_whole() {
    let evaluation = run(&record(vec![
        attend("regional", "2021-03-30"),
        attend("regional", "2021-04-01"),
    ]));
    assert_eq!(evaluation.total, 0);
    assert_eq!(
        reasons(&evaluation),
        [
            ("attendances[0]".to_string(), Reason::OutsidePeriod, None),
            (
                "attendances[1]".to_string(),
                Reason::SameEvent,
                Some("attendances[0]".to_string())
            ),
        ]
    );
}

#[test]
fn one_meeting_listed_twice_counts_once_at_the_lower_value() {
    // On the same day, under both listings.
    let evaluation = run(&record(vec![
        attend("seminar", "2022-06-05"),
        attend("seminar-again", "2022-06-05"),
    ]));
    assert_eq!(evaluation.total, 1);
    assert_eq!(
        evaluation.counted[0].lower_value_of.as_deref(),
        Some("seminar-again")
    );
    assert_eq!(
        reasons(&evaluation),
        [(
            "attendances[1]".to_string(),
            Reason::SameEvent,
            Some("attendances[0]".to_string())
        )]
    );
    // On two days of one week: still one seminar.
    let evaluation = run(&record(vec![
        attend("seminar-again", "2022-06-05"),
        attend("seminar", "2022-06-06"),
    ]));
    assert_eq!(evaluation.total, 1);
    assert_eq!(evaluation.counted[0].lower_value_of, None);
    // A month apart: two seminars, each at its own listing's value.
    let evaluation = run(&record(vec![
        attend("seminar", "2022-06-05"),
        attend("seminar-again", "2022-07-05"),
    ]));
    assert_eq!(evaluation.total, 3);
    assert!(evaluation.not_counted.is_empty());
}

fn as_of(day: &str) -> Record {
    Record {
        as_of: Some(date(day)),
        ..record(vec![attend("annual", "2022-04-14")])
    }
}

#[test]
fn the_day_of_the_evaluation_says_where_the_period_stands() {
    let open = run(&as_of("2026-03-01")).timing.unwrap();
    assert_eq!((open.state, open.days_left), (PeriodState::Open, 31));
    assert!(!run(&as_of("2026-03-01")).plan.options.is_empty());

    let ended = run(&as_of("2026-04-01"));
    assert_eq!(ended.timing.as_ref().unwrap().state, PeriodState::Ended);
    assert!(
        ended.plan.options.is_empty(),
        "no meeting can be added to a period that has ended"
    );
    assert!(!ended.eligible);

    let early = run(&as_of("2021-03-25")).timing.unwrap();
    assert_eq!((early.state, early.days_left), (PeriodState::NotStarted, 7));
    assert_eq!(run(&record(Vec::new())).timing, None);
}

/// A record whose verdict turns on the reading of the postponement: 60
/// credits, but 20 of them in the first two years of a postponed period.
fn postponed_record() -> Record {
    Record {
        postponed: true,
        ..record(vec![
            attend("annual", "2021-05-01"),
            attend("regional", "2022-05-01"),
            attend("autumn", "2024-10-01"),
            attend("jcr-winter", "2025-02-01"),
            attend("jcr-winter", "2026-02-01"),
            attend("annual", "2026-04-20"),
        ])
    }
}

#[test]
fn a_postponement_counted_both_ways() {
    let evaluation = run(&postponed_record());
    assert_eq!(evaluation.period.years, 7);
    assert_eq!(evaluation.total, 70);
    assert!(evaluation.eligible);
    let last = &evaluation.other_readings["postponement-last-years"];
    assert_eq!(
        (last.period.start, last.period.end, last.period.years),
        (date("2023-04-01"), date("2028-04-01"), 5)
    );
    assert_eq!(last.total, 50);
    assert!(!last.eligible && last.verdict_differs);

    // The same record, when rules.toml chooses the other reading.
    let mut rules: Rules = rules();
    rules.readings.postponement = PostponementReading::LastYears;
    let chosen = evaluate(&rules, &meetings(), &postponed_record());
    assert_eq!(chosen.total, 50);
    assert!(!chosen.eligible);
    assert!(chosen.other_readings["postponement-whole-window"].eligible);
}

#[test]
fn designated_credits_under_the_list_and_under_the_regulations_table() {
    let evaluation = run(&record(vec![
        attend("annual", "2021-05-01"),
        attend("autumn", "2021-10-01"),
        attend("jastro", "2022-06-01"),
        attend("jastro", "2023-06-01"),
        attend("national", "2023-07-01"),
        attend("national", "2024-07-01"),
    ]));
    assert_eq!((evaluation.total, evaluation.designated), (50, 40));
    let table = &evaluation.other_readings["designated-regulation-table"];
    assert_eq!((table.total, table.designated), (50, 30));
    assert!(!table.verdict_differs, "neither reading makes 60 in all");
}

#[test]
fn the_paper_cap_by_period_calendar_and_society_year() {
    // Two first-author papers, 10 credits each: both in the calendar year
    // 2022 and in the society's year 2021-06 to 2022-05, but in two years
    // of the period (which turns on 1 April).
    let mut papers_record = record(Vec::new());
    papers_record.papers = vec![paper("2022-01-10"), paper("2022-05-10")];
    let evaluation = run(&papers_record);
    assert_eq!(evaluation.paper_credits.counted, 20);
    assert_eq!(
        evaluation.other_readings["paper-year-calendar-year"]
            .paper_credits
            .counted,
        10
    );
    assert_eq!(
        evaluation.other_readings["paper-year-society-year"]
            .paper_credits
            .counted,
        10
    );
    let mut rules = rules();
    rules.readings.paper_year = PaperYearReading::CalendarYear;
    let chosen = evaluate(&rules, &meetings(), &papers_record);
    assert_eq!(chosen.paper_credits.counted, 10);
    assert_eq!(chosen.not_counted[0].reason, Reason::CappedYear);
}

// Properties over random records.

fn arbitrary_date() -> impl Strategy<Value = Date> {
    (2020i32..2028, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn arbitrary_record() -> impl Strategy<Value = Record> {
    let attendance = (
        prop::sample::select(vec![
            "annual",
            "regional",
            "national",
            "local",
            "seminar",
            "seminar-again",
            "jastro",
            "no-value",
        ]),
        arbitrary_date(),
    )
        .prop_map(|(meeting, date)| Attendance {
            meeting: meeting.into(),
            date,
        });
    (
        arbitrary_date(),
        any::<bool>(),
        prop::collection::vec(attendance, 1..16),
    )
        .prop_map(|(period_start, postponed, attendances)| Record {
            period_start,
            postponed,
            as_of: None,
            attendances,
            papers: Vec::new(),
        })
}

proptest! {
    #[test]
    fn another_entry_of_an_event_already_made_never_raises_a_figure(
        record in arbitrary_record(),
        pick in any::<prop::sample::Index>(),
        days in 0i64..7,
        twin in any::<bool>(),
    ) {
        let before = run(&record);
        // An entry of the record, and the first entry of its event.
        let entry = pick.get(&record.attendances);
        let item = Item::attendance(pick.index(record.attendances.len()));
        let first = before
            .not_counted
            .iter()
            .find(|n| n.item == item)
            .and_then(|n| n.with)
            .map(|with| &record.attendances[with.index])
            .unwrap_or(entry);
        let meeting = match (twin, first.meeting.as_str()) {
            (true, "seminar") => "seminar-again",
            (true, "seminar-again") => "seminar",
            (_, other) => other,
        };
        let day = Date::from_day_number(first.date.day_number() + days).unwrap();
        let mut more = record.clone();
        more.attendances.push(Attendance { meeting: meeting.into(), date: day });
        let after = run(&more);
        prop_assert!(after.total <= before.total, "{} > {}", after.total, before.total);
        prop_assert!(after.designated <= before.designated);
        prop_assert!(after.main_meeting_attendances <= before.main_meeting_attendances);
        prop_assert!(!after.eligible || before.eligible);
    }

    #[test]
    fn each_other_reading_is_the_record_counted_with_that_reading_chosen(record in arbitrary_record()) {
        let evaluation = run(&record);
        let mut by_calendar = rules();
        by_calendar.readings.paper_year = PaperYearReading::CalendarYear;
        let chosen = evaluate(&by_calendar, &meetings(), &record);
        let other = &evaluation.other_readings["paper-year-calendar-year"];
        prop_assert_eq!(other.total, chosen.total);
        prop_assert_eq!(other.eligible, chosen.eligible);
        prop_assert_eq!(other.verdict_differs, chosen.eligible != evaluation.eligible);
    }
}
