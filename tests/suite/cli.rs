//! The command line as a user meets it: `tanni search` and `tanni credits`.

use crate::common;

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

/// `tanni credits RECORD --json --as-of 2023-01-01` on a record it must
/// accept: a day inside the periods of the records here, whatever today is.
fn credits_json(record: &tempfile::NamedTempFile) -> Value {
    let output = tanni(&[
        "credits",
        record.path().to_str().unwrap(),
        "--json",
        "--as-of",
        "2023-01-01",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
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
    let evaluation = credits_json(&record);
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
    let output = tanni(&[
        "credits",
        record.path().to_str().unwrap(),
        "--as-of",
        "2023-01-01",
    ]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("Verdict: not yet eligible"), "{report}");
    assert!(
        report.contains("As of 2023-01-01: 1186 days left in the period (it ends on 2026-03-31, the day before 2026-04-01)"),
        "{report}"
    );
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

#[test]
fn a_key_given_twice_a_year_too_far_and_a_byte_order_mark_are_each_answered_plainly() {
    for (text, field, message) in [
        (
            r#"{"period_start": "2021-04-01", "attendances": [{"meeting": "rsna", "date": "2021-12-01", "meeting": "jrs-annual-meeting"}]}"#,
            "attendances[0].meeting",
            "given twice",
        ),
        (
            r#"{"period_start": "2021-04-01", "postponed": false, "postponed": true}"#,
            "postponed",
            "given twice",
        ),
        (
            r#"{"period_start": "9999-04-01"}"#,
            "period_start",
            "outside the years 1900 to 2199",
        ),
    ] {
        let record = write_record(text);
        let output = tanni(&["credits", record.path().to_str().unwrap(), "--json"]);
        let printed = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{text}: {printed}");
        assert!(
            printed.contains(&format!(": {field}: ")) && printed.contains(message),
            "{text}: {printed}"
        );
    }
    // Windows editors write a byte-order mark before the text.
    let record = write_record("\u{feff}{\"period_start\": \"2021-04-01\"}");
    assert_eq!(credits_json(&record)["period"]["end"], "2026-04-01");
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::process::Stdio;
    for args in [
        &["search", "学会", "--limit", "200"][..],
        &[
            "search", "society", "--lang", "en", "--json", "--limit", "200",
        ],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tanni"))
            .args(args)
            .arg("--root")
            .arg(repo_root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // `| head` that has already gone: the pipe is closed before tanni,
        // which first loads the site, writes a byte.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let printed = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {printed}");
        assert!(!printed.contains("panicked"), "{args:?}: {printed}");
    }
}

/// `tanni serve` on a small site: the port it says, and what it serves.
struct Served {
    child: std::process::Child,
    port: u16,
    _site: tempfile::TempDir,
    output: std::path::PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_on_port_zero() -> Served {
    use std::io::{BufRead as _, BufReader};
    let site = common::fixture_site(None);
    let output = site.path().join("public");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(["serve", "--port", "0"])
        .current_dir(site.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let line = BufReader::new(stderr)
        .lines()
        .map(Result::unwrap)
        .find(|line| line.starts_with("serving"))
        .expect("serve says where it serves");
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Served {
        child,
        port,
        _site: site,
        output,
    }
}

fn http(port: u16, request: &[u8]) -> std::io::Result<String> {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    stream.write_all(request)?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

#[test]
fn serve_says_the_port_it_took_and_serves_the_site() {
    let served = serve_on_port_zero();
    assert_ne!(served.port, 0);
    let answer = http(served.port, b"GET /ja/ HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
}

#[cfg(unix)]
#[test]
fn serve_does_not_follow_a_link_out_of_the_output() {
    let served = serve_on_port_zero();
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "secret").unwrap();
    std::os::unix::fs::symlink(secret.path(), served.output.join("leak.txt")).unwrap();
    let answer = http(served.port, b"GET /leak.txt HTTP/1.1\r\n\r\n").unwrap();
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(!answer.contains("secret"));
}

/// A process's resident memory, from `/proc`.
#[cfg(target_os = "linux")]
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn serve_stops_reading_an_endless_request_line() {
    use std::io::Write as _;
    let served = serve_on_port_zero();
    // What serve holds once it has built the site and served a page (the
    // allocator keeps some of the build's memory): the request must add
    // little to it.
    let answer = http(served.port, b"GET /ja/ HTTP/1.1\r\n\r\n").unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"));
    let before_kib = resident_kib(served.child.id());
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    stream.write_all(b"GET /").unwrap();
    // 300 MB offered: the server must stop taking them long before.
    let sent = (0..300)
        .take_while(|_| stream.write_all(&chunk).is_ok())
        .count();
    assert!(sent < 300, "the server read a 300 MB request line");
    let after_kib = resident_kib(served.child.id());
    assert!(
        after_kib < before_kib + 32 * 1024,
        "serve grew from {before_kib} to {after_kib} KiB on the request"
    );
    let answer = http(served.port, b"GET /ja/ HTTP/1.1\r\n\r\n").unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200 OK"),
        "the server still serves"
    );
}

#[test]
fn one_congress_is_one_attendance_and_one_seminar_listed_twice_counts_once() {
    let congress = write_record(
        r#"{"period_start": "2021-04-01", "attendances": [
            {"meeting": "jrs-annual-meeting", "date": "2022-04-14"},
            {"meeting": "jrs-annual-meeting", "date": "2022-04-15"},
            {"meeting": "jrs-annual-meeting", "date": "2022-04-16"}]}"#,
    );
    let evaluation = credits_json(&congress);
    assert_eq!(evaluation["total"], 15);
    assert_eq!(evaluation["main_meeting_attendances"], 1);
    let reasons: Vec<&str> = evaluation["not_counted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["same-event", "same-event"]);

    let seminar = write_record(
        r#"{"period_start": "2021-04-01", "attendances": [
            {"meeting": "cepir", "date": "2022-06-05"},
            {"meeting": "cepir-kanto", "date": "2022-06-05"}]}"#,
    );
    assert_eq!(credits_json(&seminar)["total"], 3);

    // Two listings with two values: the lower one, naming the other.
    let twice = write_record(
        r#"{"period_start": "2021-04-01", "attendances": [
            {"meeting": "kamigata-roentgen-conference", "date": "2022-06-05"},
            {"meeting": "kamigata-roentgen-conference-second-listing", "date": "2022-06-05"}]}"#,
    );
    let evaluation = credits_json(&twice);
    assert_eq!(evaluation["total"], 1);
    assert_eq!(
        evaluation["counted"][0]["lower_value_of"],
        "kamigata-roentgen-conference-second-listing"
    );
}

#[test]
fn a_period_that_has_ended_says_so_and_plans_nothing() {
    let record = write_record(
        r#"{"period_start": "2019-04-01", "as_of": "2024-06-01",
            "attendances": [{"meeting": "jrs-annual-meeting", "date": "2021-04-16"}]}"#,
    );
    let output = tanni(&["credits", record.path().to_str().unwrap()]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains("As of 2024-06-01: the period has ended (its last day was 2024-03-31): no meeting can be added to it"),
        "{report}"
    );
    assert!(!report.contains("Plan:"), "{report}");
    let output = tanni(&["credits", record.path().to_str().unwrap(), "--json"]);
    let evaluation: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(evaluation["timing"]["state"], "ended");
    assert_eq!(evaluation["plan"]["options"], serde_json::json!([]));
    // --as-of overrides the record's day.
    let output = tanni(&[
        "credits",
        record.path().to_str().unwrap(),
        "--json",
        "--as-of",
        "2024-03-01",
    ]);
    let evaluation: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(evaluation["timing"]["state"], "open");
    assert_eq!(evaluation["timing"]["days_left"], 31);
}
