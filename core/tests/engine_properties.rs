//! Properties of the rules engine that must hold for any record: the caps
//! are never exceeded, more activity never lowers a figure, the order of
//! entries never matters, and the first plan closes every shortfall.

mod common;

use common::{meetings, rules};
use proptest::prelude::*;
use tanni_core::date::Date;
use tanni_core::engine::{evaluate, Evaluation};
use tanni_core::record::{Attendance, Paper, Record};

fn run(record: &Record) -> Evaluation {
    evaluate(&rules(), &meetings(), record)
}

fn next_day(date: Date) -> Date {
    Date::new(date.year, date.month, date.day + 1)
        .or_else(|| Date::new(date.year, date.month + 1, 1))
        .unwrap_or_else(|| Date::new(date.year + 1, 1, 1).unwrap())
}

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
