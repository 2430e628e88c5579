//! Worked examples of the renewal rules, one per rule, cap and edge, and
//! properties that must hold for any record.

mod common;

use common::{meetings, rules};
use proptest::prelude::*;
use tanni_core::date::Date;
use tanni_core::engine::{evaluate, Evaluation, Reason, Rule};
use tanni_core::record::{Attendance, Paper, Record};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn attend(meeting: &str, on: &str) -> Attendance {
    Attendance {
        meeting: meeting.into(),
        date: date(on),
    }
}

fn paper(on: &str, peer_reviewed: bool, first_author: bool) -> Paper {
    Paper {
        date: date(on),
        peer_reviewed,
        first_author,
        title: None,
    }
}

fn record(attendances: Vec<Attendance>, papers: Vec<Paper>) -> Record {
    Record {
        period_start: date("2021-04-01"),
        postponed: false,
        as_of: None,
        attendances,
        papers,
    }
}

fn run(record: &Record) -> Evaluation {
    evaluate(&rules(), &meetings(), record)
}

fn missing(evaluation: &Evaluation, rule: Rule) -> u32 {
    evaluation
        .shortfalls
        .iter()
        .find(|s| s.rule == rule)
        .map_or(0, |s| s.missing)
}

#[test]
fn a_record_that_meets_every_rule_is_eligible() {
    let evaluation = run(&record(
        vec![
            attend("annual", "2021-04-16"),
            attend("autumn", "2022-10-20"),
            attend("jcr-winter", "2023-02-10"),
            attend("national", "2024-05-01"),
            attend("national", "2025-05-01"),
            attend("local", "2025-06-01"),
            attend("local", "2025-07-01"),
            attend("local", "2025-08-01"),
            attend("regional", "2024-06-01"),
        ],
        vec![],
    ));
    assert_eq!(
        (
            evaluation.total,
            evaluation.designated,
            evaluation.main_meeting_attendances
        ),
        (61, 45, 2)
    );
    assert!(evaluation.eligible);
    assert!(evaluation.shortfalls.is_empty() && evaluation.plan.options.is_empty());
}

#[test]
fn the_total_must_reach_60() {
    let evaluation = run(&record(
        vec![
            attend("annual", "2021-04-16"),
            attend("autumn", "2021-10-20"),
            attend("jcr-winter", "2022-02-10"),
            attend("local", "2023-01-01"),
        ],
        vec![],
    ));
    assert_eq!(evaluation.total, 42);
    assert_eq!(missing(&evaluation, Rule::Total), 18);
    assert_eq!(missing(&evaluation, Rule::Designated), 0);
    assert!(!evaluation.eligible);
}

#[test]
fn designated_credits_come_only_from_required_meetings() {
    let national: Vec<Attendance> = (0..8)
        .map(|i| attend("national", &format!("2023-0{}-01", i + 1)))
        .collect();
    let mut attendances = vec![
        attend("annual", "2021-04-16"),
        attend("autumn", "2021-10-20"),
    ];
    attendances.extend(national);
    let evaluation = run(&record(attendances, vec![]));
    assert_eq!((evaluation.total, evaluation.designated), (70, 30));
    assert_eq!(evaluation.shortfalls.len(), 1);
    assert_eq!(missing(&evaluation, Rule::Designated), 10);
}

#[test]
fn two_main_meeting_attendances_are_needed() {
    let evaluation = run(&record(
        vec![
            attend("annual", "2021-04-16"),
            attend("jcr-winter", "2022-02-10"),
            attend("jcr-winter", "2023-02-10"),
            attend("jcr-winter", "2024-02-10"),
            attend("national", "2024-05-01"),
            attend("national", "2025-05-01"),
        ],
        vec![],
    ));
    assert_eq!(
        (
            evaluation.total,
            evaluation.designated,
            evaluation.main_meeting_attendances
        ),
        (55, 45, 1)
    );
    assert_eq!(missing(&evaluation, Rule::MainMeetings), 1);
    assert_eq!(missing(&evaluation, Rule::Total), 5);
    // One more JRS annual meeting closes both.
    let best = &evaluation.plan.options[0];
    assert_eq!(best.meetings, 1);
    assert!(best.steps[0].main && best.steps[0].choices.contains(&"annual".to_string()));
}

#[test]
fn one_main_meeting_can_close_all_three_shortfalls() {
    let evaluation = run(&record(
        vec![
            attend("annual", "2021-04-16"),
            attend("jcr-winter", "2022-02-10"),
            attend("jcr-winter", "2023-02-10"),
            attend("national", "2024-05-01"),
        ],
        vec![paper("2022-06-01", true, true)],
    ));
    assert_eq!(
        (
            evaluation.total,
            evaluation.designated,
            evaluation.main_meeting_attendances
        ),
        (50, 35, 1)
    );
    assert_eq!(evaluation.shortfalls.len(), 3);
    assert_eq!(evaluation.plan.options[0].meetings, 1);
    assert_eq!(
        evaluation.plan.options.len(),
        1,
        "a main meeting is needed anyway, so no route avoids it"
    );
}

#[test]
fn the_plan_offers_other_routes_when_no_main_meeting_is_missing() {
    let evaluation = run(&record(
        vec![
            attend("annual", "2021-04-16"),
            attend("autumn", "2021-10-20"),
            attend("national", "2024-05-01"),
        ],
        vec![],
    ));
    assert_eq!(
        (
            missing(&evaluation, Rule::Designated),
            missing(&evaluation, Rule::Total)
        ),
        (10, 25)
    );
    let options = &evaluation.plan.options;
    assert_eq!(
        options[0].meetings, 2,
        "two more main meetings (30 credits) close both"
    );
    assert!(options.len() > 1, "alternatives are offered");
    assert!(options
        .windows(2)
        .all(|pair| pair[0].meetings <= pair[1].meetings));
    assert!(options.iter().any(|option| option
        .steps
        .iter()
        .any(|step| step.choices.contains(&"jcr-winter".to_string()))));
}

#[test]
fn paper_credits_follow_authorship_and_review() {
    let evaluation = run(&record(
        vec![],
        vec![
            paper("2021-05-01", true, true),
            paper("2022-05-01", true, false),
            paper("2023-05-01", false, true),
            paper("2024-05-01", false, false),
        ],
    ));
    assert_eq!(evaluation.paper_credits.earned, 18);
    assert_eq!(evaluation.paper_credits.counted, 18);
}

#[test]
fn papers_are_capped_at_10_in_each_period_year() {
    // Two first-author papers in year 2: 20 earned, 10 counted.
    let evaluation = run(&record(
        vec![],
        vec![
            paper("2022-04-01", true, true),
            paper("2023-03-31", true, true),
        ],
    ));
    assert_eq!(
        (
            evaluation.paper_credits.earned,
            evaluation.paper_credits.after_year_caps,
            evaluation.paper_credits.counted
        ),
        (20, 10, 10)
    );
    assert_eq!(evaluation.years[1].papers, 10);
    assert_eq!(evaluation.not_counted.len(), 1);
    assert_eq!(evaluation.not_counted[0].reason, Reason::CappedYear);
    assert_eq!(
        (
            evaluation.not_counted[0].item.to_string(),
            evaluation.not_counted[0].credits_lost
        ),
        ("papers[1]".to_string(), 10)
    );
}

#[test]
fn the_year_of_the_cap_is_a_year_of_the_period_not_a_calendar_year() {
    // 2021-12-01 and 2022-03-01 are both in period year 1 (from 1 April).
    let same = run(&record(
        vec![],
        vec![
            paper("2021-12-01", true, true),
            paper("2022-03-01", true, true),
        ],
    ));
    assert_eq!(same.paper_credits.counted, 10);
    // 2022-03-31 and 2022-04-01 are in years 1 and 2.
    let split = run(&record(
        vec![],
        vec![
            paper("2022-03-31", true, true),
            paper("2022-04-01", true, true),
        ],
    ));
    assert_eq!(split.paper_credits.counted, 20);
}

#[test]
fn papers_are_capped_at_20_for_the_period() {
    let papers: Vec<Paper> = (0..5)
        .map(|year| paper(&format!("{}-06-01", 2021 + year), true, true))
        .collect();
    let evaluation = run(&record(vec![], papers));
    assert_eq!(
        (
            evaluation.paper_credits.earned,
            evaluation.paper_credits.after_year_caps,
            evaluation.paper_credits.counted
        ),
        (50, 50, 20)
    );
    let capped: Vec<String> = evaluation
        .not_counted
        .iter()
        .filter(|n| n.reason == Reason::CappedPeriod)
        .map(|n| n.item.to_string())
        .collect();
    assert_eq!(
        capped,
        ["papers[2]", "papers[3]", "papers[4]"],
        "the earliest papers count first"
    );
    assert_eq!(evaluation.total, 20);
}

#[test]
fn a_paper_cut_by_the_year_cap_counts_in_part() {
    let evaluation = run(&record(
        vec![],
        vec![
            paper("2021-05-01", false, true),
            paper("2021-06-01", true, true),
        ],
    ));
    assert_eq!(evaluation.paper_credits.counted, 10);
    assert_eq!(evaluation.not_counted[0].credits_lost, 5);
}

#[test]
fn the_period_starts_on_its_first_day_and_ends_before_the_fifth_anniversary() {
    let evaluation = run(&record(
        vec![
            attend("annual", "2021-04-01"),
            attend("autumn", "2026-03-31"),
            attend("regional", "2026-04-01"),
            attend("regional", "2021-03-31"),
        ],
        vec![],
    ));
    assert_eq!(evaluation.total, 30);
    let outside: Vec<String> = evaluation
        .not_counted
        .iter()
        .filter(|n| n.reason == Reason::OutsidePeriod)
        .map(|n| n.item.to_string())
        .collect();
    assert_eq!(outside, ["attendances[2]", "attendances[3]"]);
    assert_eq!(evaluation.period.end, date("2026-04-01"));
}

#[test]
fn a_postponement_makes_the_period_seven_years() {
    let mut postponed = record(vec![attend("annual", "2027-04-16")], vec![]);
    assert_eq!(run(&postponed).total, 0);
    postponed.postponed = true;
    let evaluation = run(&postponed);
    assert_eq!(
        (
            evaluation.total,
            evaluation.period.years,
            evaluation.years.len()
        ),
        (15, 7, 7)
    );
    assert_eq!(evaluation.period.end, date("2028-04-01"));
}

#[test]
fn the_same_meeting_on_the_same_date_counts_once() {
    let evaluation = run(&record(
        vec![
            attend("annual", "2021-04-16"),
            attend("annual", "2021-04-16"),
            attend("annual", "2022-04-15"),
        ],
        vec![],
    ));
    assert_eq!(
        (evaluation.total, evaluation.main_meeting_attendances),
        (30, 2)
    );
    assert_eq!(evaluation.not_counted.len(), 1);
    assert_eq!(
        (
            evaluation.not_counted[0].reason,
            evaluation.not_counted[0].item.to_string()
        ),
        (Reason::Duplicate, "attendances[1]".to_string())
    );
}

#[test]
fn a_meeting_without_a_credit_value_earns_nothing_and_says_so() {
    let evaluation = run(&record(vec![attend("no-value", "2022-01-01")], vec![]));
    assert_eq!(evaluation.total, 0);
    assert_eq!(evaluation.not_counted[0].reason, Reason::NoCreditValue);
}

#[test]
fn an_unknown_meeting_is_named_as_such() {
    let evaluation = run(&record(
        vec![attend("not-in-the-catalog", "2022-01-01")],
        vec![],
    ));
    assert_eq!(evaluation.not_counted[0].reason, Reason::UnknownMeeting);
}

#[test]
fn credits_per_period_year_are_split_by_kind() {
    let evaluation = run(&record(
        vec![
            attend("annual", "2021-04-16"),
            attend("local", "2021-05-01"),
            attend("regional", "2025-04-01"),
        ],
        vec![paper("2021-06-01", false, false)],
    ));
    let year1 = &evaluation.years[0];
    assert_eq!(
        (
            year1.designated_meetings,
            year1.other_meetings,
            year1.papers
        ),
        (15, 2, 1)
    );
    assert_eq!(
        (
            evaluation.years[4].designated_meetings,
            evaluation.years[4].start
        ),
        (5, date("2025-04-01"))
    );
}

fn next_day(date: Date) -> Date {
    Date::new(date.year, date.month, date.day + 1)
        .or_else(|| Date::new(date.year, date.month + 1, 1))
        .unwrap_or_else(|| Date::new(date.year + 1, 1, 1).unwrap())
}

// Properties over random records.

fn arbitrary_date() -> impl Strategy<Value = Date> {
    (2019i32..2029, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn arbitrary_attendance() -> impl Strategy<Value = Attendance> {
    (
        prop::sample::select(vec![
            "annual",
            "autumn",
            "regional",
            "jcr-winter",
            "national",
            "local",
            "no-value",
            "unknown",
        ]),
        arbitrary_date(),
    )
        .prop_map(|(meeting, date)| Attendance {
            meeting: meeting.into(),
            date,
        })
}

fn arbitrary_paper() -> impl Strategy<Value = Paper> {
    (arbitrary_date(), any::<bool>(), any::<bool>()).prop_map(
        |(date, peer_reviewed, first_author)| Paper {
            date,
            peer_reviewed,
            first_author,
            title: None,
        },
    )
}

fn arbitrary_record() -> impl Strategy<Value = Record> {
    (
        arbitrary_date(),
        any::<bool>(),
        prop::collection::vec(arbitrary_attendance(), 0..20),
        prop::collection::vec(arbitrary_paper(), 0..12),
    )
        .prop_map(|(period_start, postponed, attendances, papers)| Record {
            period_start,
            postponed,
            as_of: None,
            attendances,
            papers,
        })
}

/// The figures that do not depend on which entry is which.
fn figures(evaluation: &Evaluation) -> (u32, u32, u32, u32, u32, u32, bool) {
    let p = &evaluation.paper_credits;
    (
        evaluation.total,
        evaluation.designated,
        evaluation.main_meeting_attendances,
        p.earned,
        p.after_year_caps,
        p.counted,
        evaluation.eligible,
    )
}

proptest! {
    #[test]
    fn caps_are_never_exceeded(record in arbitrary_record()) {
        let evaluation = run(&record);
        prop_assert!(evaluation.paper_credits.counted <= 20);
        for year in &evaluation.years {
            prop_assert!(year.papers <= 10);
        }
        prop_assert!(evaluation.paper_credits.counted <= evaluation.paper_credits.after_year_caps);
        prop_assert!(evaluation.paper_credits.after_year_caps <= evaluation.paper_credits.earned);
        prop_assert_eq!(evaluation.total, evaluation.meeting_credits + evaluation.paper_credits.counted);
        let by_year: u32 = evaluation.years.iter().map(|y| y.designated_meetings + y.other_meetings + y.papers).sum();
        prop_assert_eq!(by_year, evaluation.total);
    }

    #[test]
    fn adding_an_activity_never_lowers_a_figure(record in arbitrary_record(), extra in arbitrary_attendance(), extra_paper in arbitrary_paper()) {
        let before = run(&record);
        let mut more = record.clone();
        more.attendances.push(extra);
        more.papers.push(extra_paper);
        let after = run(&more);
        prop_assert!(after.total >= before.total);
        prop_assert!(after.designated >= before.designated);
        prop_assert!(after.main_meeting_attendances >= before.main_meeting_attendances);
        prop_assert!(after.eligible || !before.eligible);
    }

    #[test]
    fn the_order_of_entries_never_matters(record in arbitrary_record(), seed in any::<u64>()) {
        let mut shuffled = record.clone();
        let mut state = seed;
        let mut next = move |n: usize| { state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (state >> 33) as usize % n.max(1) };
        for i in (1..shuffled.attendances.len()).rev() { let j = next(i + 1); shuffled.attendances.swap(i, j); }
        for i in (1..shuffled.papers.len()).rev() { let j = next(i + 1); shuffled.papers.swap(i, j); }
        let (a, b) = (run(&record), run(&shuffled));
        prop_assert_eq!(figures(&a), figures(&b));
        prop_assert_eq!(&a.years, &b.years);
        prop_assert_eq!(&a.shortfalls, &b.shortfalls);
        prop_assert_eq!(&a.plan, &b.plan);
        let mut reasons_a: Vec<_> = a.not_counted.iter().map(|n| (n.reason as u8, n.credits_lost)).collect();
        let mut reasons_b: Vec<_> = b.not_counted.iter().map(|n| (n.reason as u8, n.credits_lost)).collect();
        reasons_a.sort();
        reasons_b.sort();
        prop_assert_eq!(reasons_a, reasons_b);
    }

    #[test]
    fn the_first_plan_option_closes_every_shortfall(record in arbitrary_record()) {
        let evaluation = run(&record);
        // A plan exactly when something is missing (the record gives no
        // day, so the period is never over).
        prop_assert_eq!(
            evaluation.plan.options.is_empty(),
            evaluation.shortfalls.is_empty(),
            "{:?}",
            evaluation.shortfalls
        );
        if let Some(best) = evaluation.plan.options.first() {
            let mut closed = record.clone();
            // Attend the suggested meetings inside the period, each at least
            // a week from any other entry of that meeting: a separate
            // attendance, not another day of one already made.
            let mut day = evaluation.period.start;
            for step in &best.steps {
                for _ in 0..step.count {
                    let meeting = step.choices[0].clone();
                    while closed
                        .attendances
                        .iter()
                        .any(|a| a.meeting == meeting && a.date.days_until(day).abs() < 7)
                    {
                        day = next_day(day);
                    }
                    closed.attendances.push(Attendance { meeting, date: day });
                }
            }
            let after = run(&closed);
            prop_assert!(after.shortfalls.is_empty(), "{:?} left {:?}", best, after.shortfalls);
        }
    }
}
