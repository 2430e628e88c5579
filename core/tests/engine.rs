//! Worked examples of the renewal rules, one per rule, cap and edge (the
//! properties that must hold for any record are in engine_properties.rs).

mod common;

use common::{attend, date, meetings, paper, record, rules};
use tanni_core::engine::{evaluate, Evaluation, Reason, Rule};
use tanni_core::record::{Attendance, Paper, Record};

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
