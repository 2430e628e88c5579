//! The bounds the rules are held to: the real numbers pass, and a value a
//! regulation cannot mean is named by its field.

mod common;

use common::rules;

#[test]
fn the_real_rules_pass_and_values_out_of_bounds_are_named() {
    assert!(rules().check().is_empty());
    let mut bad = rules();
    bad.period_years = u32::MAX;
    bad.papers.cap_per_year = 100_000_000;
    bad.designated_credits = 70;
    let fields: Vec<&str> = bad.check().iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        ["period_years", "papers.cap_per_year", "designated_credits"]
    );
    let mut none = rules();
    none.main_meetings.clear();
    assert_eq!(none.check()[0].field, "main_meeting_attendances");
}
