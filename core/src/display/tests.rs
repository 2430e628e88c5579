//! The calculator's words on worked examples: the site's English strings,
//! the regulation's numbers and a small catalog; a whole view and the
//! requests of the page, as the page sends them.

use serde_json::{json, Value};

use super::*;
use crate::catalog::Localized;

/// The site's English strings (`key = "value"` lines of its i18n file).
pub fn ui() -> Ui {
    let file = include_str!("../../../themes/default/i18n/en.toml");
    let strings = file
        .lines()
        .filter_map(|line| line.split_once(" = \""))
        .map(|(key, value)| (key.to_string(), value.trim_end_matches('"').to_string()))
        .collect();
    Ui {
        lang: Lang::En,
        root: "../../".into(),
        strings,
    }
}

/// The regulation's numbers, with one main meeting.
pub fn rules() -> Rules {
    let papers = r#"{"peer_reviewed_first_author": 10, "peer_reviewed_other_author": 2, "not_peer_reviewed_first_author": 5, "not_peer_reviewed_other_author": 1, "cap_per_year": 10, "cap_per_period": 20}"#;
    let readings = r#"{"designated": "marked-required", "postponement": "whole-window", "paper_year": "period-year", "regulation_table": ["annual"]}"#;
    serde_json::from_str(&format!(
        r#"{{"period_years": 5, "postponement_years": 2, "total_credits": 60, "designated_credits": 40, "main_meeting_attendances": 2, "main_meetings": ["annual"], "papers": {papers}, "readings": {readings}}}"#
    ))
    .unwrap()
}

pub fn meeting(id: &str, ja: &str, en: &str, credits: Option<u32>, required: bool) -> Meeting {
    Meeting {
        id: id.into(),
        name: Localized {
            ja: ja.into(),
            en: en.into(),
        },
        japanese_name: None,
        former_names: Vec::new(),
        aliases: Vec::new(),
        category: 1,
        subcategory: None,
        region: None,
        credits,
        required,
        same_as: Vec::new(),
        flags: Vec::new(),
        source: Vec::new(),
    }
}

/// A calculator with four meetings: the annual meeting (15, required),
/// RSNA (5), a meeting without a value, and two listings of one meeting.
pub fn context() -> Context {
    let mut twin = meeting("twin", "双子研究会", "Twin Meeting", Some(3), false);
    twin.same_as = vec!["twin-2".into()];
    let mut twin_2 = meeting("twin-2", "双子研究会", "Twin Meeting", Some(1), false);
    twin_2.same_as = vec!["twin".into()];
    Context::new(
        ui(),
        rules(),
        vec![
            meeting(
                "annual",
                "日本医学放射線学会総会",
                "JRS Annual Meeting",
                Some(15),
                true,
            ),
            meeting("rsna", "RSNA", "RSNA", Some(5), false),
            meeting("none", "値なし研究会", "No Value Meeting", None, false),
            twin,
            twin_2,
        ],
    )
}

/// A request as the page sends it; the reply as JSON.
fn ask(context: &Context, request: Value) -> Value {
    let reply = crate::calculator::respond(context, None, &request.to_string()).unwrap();
    serde_json::from_str(&reply).unwrap()
}

/// A local time of the day given, as the page's clock gives it.
fn clock(day: &str) -> f64 {
    crate::date::Date::parse(day).unwrap().day_number() as f64 * 86_400_000.0 + 3_600_000.0
}

#[test]
fn without_a_period_the_page_waits_and_shows_the_meters_at_zero() {
    let context = context();
    let view = ask(
        &context,
        json!({"op": "view", "record": null, "as_of": "2023-06-01", "clock": clock("2024-11-24")}),
    );
    assert_eq!(
        view["verdict"],
        json!({"text": "Enter the first day of your renewal period to see the result.", "kind": "waiting", "eligible": null})
    );
    assert_eq!(
        view["meters"][0],
        json!({"key": "total", "actual": 0, "needed": 60, "text": "0 / 60", "met": false})
    );
    assert_eq!(view["details"], Value::Null);
    assert_eq!(view["period_line"], "");
    assert_eq!(view["print"]["period"], Value::Null);
    assert_eq!(
        view["print"]["made"],
        "Printed on 2024-11-24 from the credit calculator of this site; not an official statement."
    );
}

#[test]
fn a_record_is_shown_in_words_and_figures() {
    let context = context();
    let record = json!({
        "period_start": "2021-04-01", "postponed": false,
        "attendances": [
            {"meeting": "annual", "date": "2021-04-16"},
            {"meeting": "rsna", "date": "2022-11-27"},
            {"meeting": "rsna", "date": "2022-11-27"},
            {"meeting": "gone", "date": "2022-12-01"}
        ],
        "papers": [
            {"date": "2022-06-01", "peer_reviewed": true, "first_author": true, "title": "腹部CTの研究"},
            {"date": "2022-09-01", "peer_reviewed": true, "first_author": true}
        ]
    });
    let view = ask(
        &context,
        json!({"op": "view", "record": record, "as_of": "2023-06-01", "clock": clock("2023-06-01")}),
    );
    assert_eq!(
        view["period_line"],
        "Period: 2021-04-01 to 2026-03-31 (5 years)."
    );
    assert_eq!(view["verdict"]["kind"], "short");
    assert_eq!(
        view["verdict"]["text"],
        "Not yet enough for a renewal. Missing: 30 credits in all, 25 credits from required meetings and 1 attendance of the JRS Annual or Autumn Meeting."
    );
    assert_eq!(
        view["timing"]["text"],
        "As of 2023-06-01, 1035 days are left in your period; its last day is 2026-03-31."
    );
    let annual = &view["attendances"][0];
    assert_eq!(
        annual["name"],
        json!([{"text": "JRS Annual Meeting", "href": "../../en/meetings/annual/"}])
    );
    assert_eq!(
        (&annual["credits"], &annual["required"]),
        (&json!("15 credits"), &json!(true))
    );
    assert_eq!(
        annual["edit_label"],
        "Edit the date of JRS Annual Meeting, 2021-04-16"
    );
    assert_eq!(
        view["attendances"][2]["notes"],
        json!([["not counted: the same meeting on the same date again, counted once with RSNA on ", {"text": "2022-11-27", "class": "nowrap"}]])
    );
    assert_eq!(
        view["attendances"][3]["name"],
        json!([{"text": "Unknown meeting (gone)", "class": "unknown"}])
    );
    let papers = &view["papers"];
    assert_eq!(
        papers[0]["name"],
        json!([{"text": "腹部CTの研究", "lang": "ja"}])
    );
    assert_eq!(papers[1]["name"], json!(["Paper of 2022-09-01"]));
    assert_eq!(
        papers[1]["notes"],
        json!([["over the cap of 10 paper credits for its period year (10 credits not counted)"]])
    );
    let details = &view["details"];
    assert_eq!(
        details["paper_credits"],
        json!({"earned": 20, "after_year_caps": 10, "counted": 10})
    );
    assert_eq!(
        details["chart"]["years"][1]["bars"][0],
        json!({"kind": "other", "amount": 5, "title": "Other meetings: 5"})
    );
    assert_eq!(
        (&details["chart"]["ceiling"], &details["chart"]["step"]),
        (&json!(15), &json!(5)),
        "the highest year, 15, in steps of 5"
    );
    assert_eq!(
        details["not_counted"][0]["text"],
        json!(["RSNA, 2022-11-27: the same meeting on the same date again, counted once with RSNA on ", {"text": "2022-11-27", "class": "nowrap"}, " (5 credits not counted)"])
    );
    assert_eq!(view["print"]["meetings"][3]["cells"][3], json!(["—"]));
    assert_eq!(
        view["print"]["totals"][0],
        json!(["Total credits", "30 / 60"])
    );
}

#[test]
fn a_form_is_checked_and_an_edit_says_where_the_entry_went() {
    let context = context();
    let refused = ask(
        &context,
        json!({"op": "add-attendance", "record": null, "chosen": null, "typed": "RSN", "date": "2022-11-3"}),
    );
    assert_eq!(
        refused["errors"],
        json!({"meeting": "Choose a meeting from the list.", "date": "Enter a whole date (year, month and day)."})
    );
    assert!(refused.get("record").is_none(), "nothing changed");

    let record = json!({"period_start": "2021-04-01", "attendances": [{"meeting": "annual", "date": "2023-04-14"}]});
    let added = ask(
        &context,
        json!({"op": "add-attendance", "record": record, "chosen": null, "typed": " rsna ", "date": "2022-11-27"}),
    );
    assert_eq!(added["index"], 0, "in date order, before the later entry");
    assert_eq!(added["moved"]["attendances"], json!([null, 0]));
    assert_eq!(added["announce"], json!(["Added: RSNA, 2022-11-27."]));
    let moved = ask(
        &context,
        json!({"op": "set-attendance-date", "record": added["record"], "index": 0, "date": "2024-01-10"}),
    );
    assert_eq!(
        (
            &moved["index"],
            &moved["record"]["attendances"][1]["meeting"]
        ),
        (&json!(1), &json!("rsna"))
    );

    let half_typed = ask(
        &context,
        json!({"op": "set-period", "record": record, "start": "2021-04-0", "postponed": true}),
    );
    assert_eq!(
        half_typed["record"]["period_start"], "2021-04-01",
        "a date half typed changes nothing"
    );
    assert_eq!(half_typed["record"]["postponed"], true);
    let paper = ask(
        &context,
        json!({"op": "save-paper", "record": record, "index": null, "date": "2022-06-01", "peer_reviewed": false, "first_author": true, "title": "  "}),
    );
    assert_eq!(
        paper["record"]["papers"],
        json!([{"date": "2022-06-01", "peer_reviewed": false, "first_author": true}])
    );
    assert_eq!(paper["announce"], json!(["Added: Paper of 2022-06-01."]));
}

#[test]
fn the_record_tools_export_import_and_name_the_field_at_fault() {
    let context = context();
    let blank = ask(
        &context,
        json!({"op": "export", "record": null, "clock": clock("2024-11-24")}),
    );
    assert_eq!(
        blank,
        json!({"status": "Enter the first day of the period before exporting."})
    );
    let record =
        json!({"period_start": "2021-04-01", "postponed": false, "attendances": [], "papers": []});
    let export = ask(
        &context,
        json!({"op": "export", "record": record, "clock": clock("2024-11-24")}),
    );
    assert_eq!(export["file"], "tanni-record-2024-11-24.json");
    assert_eq!(
        export["status"],
        "Exported as tanni-record-2024-11-24.json."
    );
    let text = export["text"].as_str().unwrap();
    let same = ask(
        &context,
        json!({"op": "import", "record": record, "text": text}),
    );
    assert_eq!(
        (&same["replaces"], &same["record"]),
        (&Value::Null, &record)
    );
    let other = ask(
        &context,
        json!({"op": "import", "record": record, "text": "{\"period_start\": \"2020-04-01\"}"}),
    );
    assert_eq!(other["replaces"], true);
    assert_eq!(other["status"], "Imported: 0 meetings and 0 papers.");
    let broken = r#"{"period_start": "2021-04-01", "attendances": [{"meeting": "rsna", "date": "2021-13-01"}]}"#;
    let refused = ask(
        &context,
        json!({"op": "import", "record": record, "text": broken}),
    );
    assert_eq!(
        refused["alert"],
        "The file was not imported: the date of meeting 1 (attendances[0].date): `2021-13-01` is not a date YYYY-MM-DD. Your record has not changed."
    );
    let day = |asked: &str| {
        ask(
            &context,
            json!({"op": "as-of", "asked": asked, "clock": clock("2024-11-24")}),
        )["as_of"]
            .clone()
    };
    assert_eq!(day("2023-06-01"), "2023-06-01");
    assert_eq!(day("2024-02-30"), "2024-11-24");
    assert_eq!(day("1850-01-01"), "2024-11-24");
    let unknown = ask(&context, json!({"op": "meeting", "id": "no-such-meeting"}));
    assert_eq!(
        unknown["errors"]["meeting"],
        "The meeting “no-such-meeting” of the link is not in the catalog."
    );
}

#[test]
fn a_refused_import_is_worded_in_the_page_language() {
    let file = include_str!("../../../themes/default/i18n/ja.toml");
    let strings = file
        .lines()
        .filter_map(|line| line.split_once(" = \""))
        .map(|(key, value)| (key.to_string(), value.trim_end_matches('"').to_string()))
        .collect();
    let ja = Ui {
        lang: Lang::Ja,
        root: "../../".into(),
        strings,
    };
    let broken = r#"{"period_start": "2021-04-01", "attendances": [{"meeting": "rsna", "date": "2021-13-01"}]}"#;
    let problem = crate::record::Record::from_json(broken).unwrap_err();
    assert_eq!(
        ja.record_problem(&problem),
        "`2021-13-01` はYYYY-MM-DD形式の日付ではありません"
    );
    let problem = crate::record::Record::from_json(r#"{"period_start": 7}"#).unwrap_err();
    assert_eq!(
        ja.record_problem(&problem),
        "YYYY-MM-DD形式の日付が必要ですが、7 が書かれています"
    );
    // A theme without the string: the English words.
    let bare = Ui {
        lang: Lang::Ja,
        root: "../../".into(),
        strings: Default::default(),
    };
    assert_eq!(
        bare.record_problem(&problem),
        "expected a date \"YYYY-MM-DD\", found 7"
    );
}
