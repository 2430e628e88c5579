//! The command line as a user meets it: `tanni search` and `tanni credits`.

mod common;

use std::process::{Command, Output};

use common::repo_root;
use serde_json::Value;

fn tanni(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(args)
        .arg("--root")
        .arg(repo_root())
        .output()
        .unwrap()
}

#[test]
fn tanni_search_finds_a_meeting_by_its_id_and_a_rules_section_by_its_url() {
    let output = tanni(&["search", "関東地方会", "--json"]);
    assert!(output.status.success());
    let hits: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["id"], "jrs-kanto-regional-meeting");
    assert_eq!(hits[0]["url"], "/ja/meetings/jrs-kanto-regional-meeting/");
    assert!(hits[0]["score"].as_f64().unwrap() > 0.0);

    let output = tanni(&["search", "60 credits", "--lang", "en", "--json"]);
    let hits: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        hits[0]["url"].as_str().unwrap().contains("/rules/"),
        "{hits}"
    );
}

#[test]
fn tanni_search_says_when_nothing_matches() {
    let output = tanni(&["search", "zzzqqq"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("no results"));
}

fn write_record(text: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

#[test]
fn tanni_credits_reports_the_figures_as_json() {
    let record = write_record(
        r#"{"period_start": "2021-04-01", "postponed": false,
            "attendances": [{"meeting": "jrs-annual-meeting", "date": "2021-04-16"}, {"meeting": "jrs-autumn-meeting", "date": "2021-10-20"},
                            {"meeting": "jcr-winter-seminar", "date": "2022-02-10"}, {"meeting": "rsna", "date": "2022-11-27"},
                            {"meeting": "rsna", "date": "2022-11-27"}, {"meeting": "japanese-society-of-thoracic-radiology", "date": "2022-10-01"}],
            "papers": [{"date": "2022-06-01", "peer_reviewed": true, "first_author": true, "title": "A"},
                       {"date": "2022-07-01", "peer_reviewed": false, "first_author": true}]}"#,
    );
    let output = tanni(&["credits", record.path().to_str().unwrap(), "--json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let evaluation: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(evaluation["eligible"], false);
    assert_eq!(evaluation["total"], 15 + 15 + 10 + 5 + 10);
    assert_eq!(evaluation["designated"], 40);
    assert_eq!(evaluation["main_meeting_attendances"], 2);
    assert_eq!(evaluation["paper_credits"]["earned"], 15);
    assert_eq!(evaluation["paper_credits"]["counted"], 10);
    assert_eq!(
        evaluation["shortfalls"],
        serde_json::json!([{"rule": "total", "missing": 5}])
    );
    let reasons: Vec<&str> = evaluation["not_counted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["duplicate", "no-credit-value", "capped-year"]);
    assert!(!evaluation["plan"]["options"].as_array().unwrap().is_empty());
}

#[test]
fn tanni_credits_prints_a_readable_report() {
    let record = write_record(
        r#"{"period_start": "2021-04-01", "attendances": [{"meeting": "jrs-annual-meeting", "date": "2021-04-16"}]}"#,
    );
    let output = tanni(&["credits", record.path().to_str().unwrap()]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("Verdict: not yet eligible"), "{report}");
    assert!(report.contains("Missing: 45 total credits"), "{report}");
    assert!(report.contains("Plan:"), "{report}");
}

#[test]
fn a_broken_record_names_the_field_and_exits_2() {
    for (text, field) in [
        (r#"{"period_start": "2021-13-01"}"#, "period_start"),
        (
            r#"{"period_start": "2021-04-01", "attendances": [{"meeting": "rsna"}]}"#,
            "attendances[0].date",
        ),
        ("not json", "not valid JSON"),
    ] {
        let record = write_record(text);
        let output = tanni(&["credits", record.path().to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{text}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(field), "{text}: {message}");
    }
}
