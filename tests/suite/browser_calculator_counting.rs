//! The credit calculator in a real browser, counting as the regulation reads:
//! where the period stands on the day, one attendance per event, the
//! readings of the regulation side by side where the verdict differs.

use crate::common;

use common::browser::{self, site_url, Browser};
use common::calculator::*;
use serde_json::{json, Value};

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_page_says_where_the_period_stands_on_the_day() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    // A period of 2017-04-01 to 2022-03-31.
    let record = json!({
        "period_start": "2017-04-01",
        "postponed": false,
        "attendances": [
            { "meeting": "jrs-annual-meeting", "date": "2018-04-13" },
            { "meeting": "rsna", "date": "2019-12-01" }
        ],
        "papers": []
    });
    for lang in ["ja", "en"] {
        // Ended: the last day named, and no plan, with the reason.
        open_with(&browser, lang, &as_of("2024-06-01"), &record);
        let file = exported(&browser);
        let page = assert_figures_match(&browser, &file);
        assert_eq!(
            page["timing"],
            json!({ "as_of": "2024-06-01", "state": "ended", "days_left": 0 })
        );
        assert_eq!(
            page["timing_text"],
            filled(
                lang,
                "calc_timing_ended",
                &[("as_of", "2024-06-01"), ("last", "2022-03-31")]
            )
        );
        assert_eq!(page["eligible"], false);
        let missing = [
            filled(lang, "calc_missing_total", &[("n", "40")]),
            filled(lang, "calc_missing_designated", &[("n", "25")]),
            filled(lang, "calc_missing_main_one", &[]),
        ];
        let list = format!(
            "{}{}{}{}{}",
            missing[0],
            strings(lang)["calc_list_sep"],
            missing[1],
            strings(lang)["calc_list_and"],
            missing[2]
        );
        assert_eq!(
            page["verdict"],
            filled(lang, "calc_verdict_ended_short", &[("list", &list)]),
            "the verdict says the period ended short, not that it is short yet"
        );
        assert_eq!(page["plan_options"], 0);
        assert_eq!(page["plan_text"], strings(lang)["calc_plan_ended"]);
        let native = cli_evaluation(&file, "2024-06-01");
        assert_eq!(native["timing"]["state"], "ended");
        assert_eq!(native["plan"]["options"], json!([]));
        let parsed: Value = serde_json::from_str(&file).unwrap();
        assert!(parsed.get("as_of").is_none(), "not in the export: {file}");
        assert!(saved(&browser).get("as_of").is_none(), "not saved");
        assert_accessible(&browser, &format!("{lang}: the period has ended"));

        // Open: the days left and the last day; a plan.
        open(&browser, lang, &as_of("2021-06-01"));
        let page = assert_figures_match(&browser, &file);
        assert_eq!(page["timing"]["state"], "open");
        let days = page["timing"]["days_left"].to_string();
        assert_eq!(days, "304", "2021-06-01 to 2022-04-01");
        assert_eq!(
            page["timing_text"],
            filled(
                lang,
                "calc_timing_open",
                &[
                    ("as_of", "2021-06-01"),
                    ("days", &days),
                    ("last", "2022-03-31")
                ]
            )
        );
        assert!(page["plan_options"].as_u64().unwrap() > 0, "{page}");

        // Its last day.
        open(&browser, lang, &as_of("2022-03-31"));
        let page = assert_figures_match(&browser, &file);
        assert_eq!(page["timing"]["days_left"], 1);
        assert_eq!(
            page["timing_text"],
            filled(lang, "calc_timing_open_one", &[("last", "2022-03-31")])
        );

        // Not started yet.
        open(&browser, lang, &as_of("2017-01-01"));
        let page = assert_figures_match(&browser, &file);
        assert_eq!(
            page["timing"],
            json!({ "as_of": "2017-01-01", "state": "not-started", "days_left": 90 })
        );
        assert_eq!(
            page["timing_text"],
            filled(
                lang,
                "calc_timing_not_started",
                &[
                    ("as_of", "2017-01-01"),
                    ("days", "90"),
                    ("start", "2017-04-01")
                ]
            )
        );
    }

    // Without a day in the address, and with one that is not a date: today,
    // the browser's local date; this period ended long ago.
    let today = browser.eval(
        "var d = new Date();
         return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');",
    );
    for query in ["", "?as_of=2024-02-30", "?as_of=1850-01-01"] {
        open(&browser, "en", query);
        let page = assert_figures_match(&browser, &exported(&browser));
        assert_eq!(page["as_of"], today, "{query}");
        assert_eq!(page["timing"]["state"], "ended", "{query}");
    }
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn a_congress_entered_day_by_day_is_one_attendance_and_twin_listings_count_once() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", &as_of(AS_OF));
    set_period(&browser, "2021-04-01", false);
    for date in ["2022-04-14", "2022-04-15", "2022-04-16"] {
        add_meeting(&browser, "JRS総会", "jrs-annual-meeting", date);
    }
    let file = exported(&browser);
    let page = assert_figures_match(&browser, &file);
    assert_eq!(page["total"], 15);
    assert_eq!(page["main_meeting_attendances"], 1);
    assert_eq!(
        browser.eval("return document.getElementById('calc-value-main').textContent"),
        "1 / 2"
    );
    assert_eq!(
        page["not_counted"],
        json!([
            { "item": "attendances[1]", "reason": "same-event", "credits_lost": 15, "with": "attendances[0]" },
            { "item": "attendances[2]", "reason": "same-event", "credits_lost": 15, "with": "attendances[0]" }
        ])
    );
    for lang in ["ja", "en"] {
        open(&browser, lang, &as_of(AS_OF));
        let first_day = filled(
            lang,
            "calc_with_entry",
            &[
                ("meeting", &meeting_name("jrs-annual-meeting", lang)),
                ("date", "2022-04-14"),
            ],
        );
        let reason = filled(lang, "calc_reason_same_event_day", &[("with", &first_day)]);
        let notes = browser.eval(
            "return Array.from(document.querySelectorAll('#calc-attendances > li')).map(li =>
               Array.from(li.querySelectorAll('.entry-note')).map(p => p.textContent))",
        );
        let note = filled(lang, "calc_not_counted_note", &[("reason", &reason)]);
        assert_eq!(notes, json!([[], [note], [note]]), "{lang}");
        let listed = browser.eval(
            "return document.querySelector('#calc-not-counted li[data-item=\"attendances[2]\"]').textContent",
        );
        assert!(
            listed.as_str().unwrap().contains(&reason),
            "{lang}: {listed} names the first day: {reason}"
        );
        assert_accessible(&browser, &format!("{lang}: one congress, three days"));
    }

    // One meeting under its two listings, on one date: 3 credits, once.
    let twins = json!({
        "period_start": "2021-04-01",
        "postponed": false,
        "attendances": [
            { "meeting": "cepir", "date": "2022-07-02" },
            { "meeting": "cepir-kanto", "date": "2022-07-02" }
        ],
        "papers": []
    });
    open_with(&browser, "en", &as_of(AS_OF), &twins);
    let page = assert_figures_match(&browser, &exported(&browser));
    assert_eq!(page["total"], 3);
    let with = filled(
        "en",
        "calc_with_entry",
        &[
            ("meeting", &meeting_name("cepir", "en")),
            ("date", "2022-07-02"),
        ],
    );
    assert_eq!(
        browser.eval(
            "return document.querySelector('#calc-attendances li[data-index=\"1\"] .entry-note').textContent"
        ),
        filled(
            "en",
            "calc_not_counted_note",
            &[(
                "reason",
                &filled("en", "calc_reason_same_event_listing", &[("with", &with)])
            )]
        )
    );

    // Two listings that give different credits: once, at the lower value,
    // and the entry that counted links the listing that gives it: by name,
    // or as "the other listing" where the two have the same name.
    let cases = [
        (
            "kansai-cancer-therapist-meeting",
            "kansai-cancer-therapist-meeting-second-listing",
            "2022-06-04",
            "calc_lower_value_same_name",
        ),
        (
            "jsnm-chugoku-shikoku-regional-meeting",
            "jsnm-chugoku-shikoku-branch-meeting",
            "2022-06-05",
            "calc_lower_value",
        ),
    ];
    for (counted, lower, second_day, key) in cases {
        let record = json!({
            "period_start": "2021-04-01",
            "postponed": false,
            "attendances": [
                { "meeting": counted, "date": "2022-06-04" },
                { "meeting": lower, "date": second_day }
            ],
            "papers": []
        });
        for lang in ["ja", "en"] {
            open_with(&browser, lang, &as_of(AS_OF), &record);
            let file = exported(&browser);
            let page = assert_figures_match(&browser, &file);
            assert_eq!(page["total"], 1, "{counted}");
            let native = cli_evaluation(&file, AS_OF);
            assert_eq!(native["counted"][0]["lower_value_of"], lower);
            let other = if key == "calc_lower_value" {
                meeting_name(lower, lang)
            } else {
                strings(lang)["calc_other_listing"].clone()
            };
            let note = browser.eval(
                "var note = document.querySelector('#calc-attendances li[data-index=\"0\"] .entry-note.info');
                 return [note.textContent, note.querySelector('a').getAttribute('href')];",
            );
            assert_eq!(
                note,
                json!([
                    filled(
                        lang,
                        key,
                        &[
                            ("credits", &strings(lang)["credits_one"]),
                            ("other", &other)
                        ]
                    ),
                    format!("../../{lang}/meetings/{lower}/")
                ]),
                "{counted}"
            );
        }
    }
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn where_two_readings_give_different_verdicts_both_are_shown_side_by_side() {
    if !browser::available() {
        return;
    }
    // Postponed: 70 credits over all 7 years; 50 in the last 5.
    let record = json!({
        "period_start": "2021-04-01",
        "postponed": true,
        "attendances": [
            { "meeting": "jrs-annual-meeting", "date": "2021-05-01" },
            { "meeting": "jrs-kanto-regional-meeting", "date": "2022-05-01" },
            { "meeting": "jrs-autumn-meeting", "date": "2024-10-01" },
            { "meeting": "jcr-winter-seminar", "date": "2025-02-01" },
            { "meeting": "jcr-winter-seminar", "date": "2026-02-01" },
            { "meeting": "jrs-annual-meeting", "date": "2026-04-20" }
        ],
        "papers": []
    });
    let day = "2026-06-01";
    for (lang, width, height) in [("ja", 1280, 900), ("en", 390, 844)] {
        let browser = Browser::start(width, height);
        open_with(&browser, lang, &as_of(day), &record);
        let file = exported(&browser);
        let page = assert_figures_match(&browser, &file);
        let native = cli_evaluation(&file, day);
        let other = &native["other_readings"]["postponement-last-years"];
        assert_eq!(
            (&native["eligible"], &native["total"]),
            (&json!(true), &json!(70))
        );
        assert_eq!(
            (
                &other["verdict_differs"],
                &other["eligible"],
                &other["total"]
            ),
            (&json!(true), &json!(false), &json!(50))
        );
        assert_eq!(page["eligible"], true);

        let shown = browser.eval(
            "var section = document.getElementById('calc-readings');
             var all = selector => Array.from(section.querySelectorAll(selector));
             var numbers = figure => all('td[data-figure=' + figure + ']').map(td => Number(td.dataset.value));
             return {
               hidden: section.hidden,
               heading: section.querySelector('h3').textContent,
               caption: section.querySelector('caption').textContent,
               columns: all('thead th').map(th => th.dataset.reading),
               heads: all('thead th').map(th => th.textContent),
               verdicts: all('td.reading-verdict').map(td => td.textContent),
               eligible: all('td.reading-verdict').map(td => td.dataset.eligible === 'true'),
               total: numbers('total'),
               designated: numbers('designated'),
               main: numbers('main_meeting_attendances'),
               link_resolved: section.querySelector('a').href,
               fits: document.documentElement.scrollWidth <= window.innerWidth,
             };",
        );
        let question = &strings(lang)["calc_question_postponement"];
        let reading = |key: &str| filled(lang, key, &[("all_years", "7"), ("years", "5")]);
        let missing = filled(lang, "calc_missing_total", &[("n", "10")]);
        assert_eq!(
            shown,
            json!({
                "hidden": false,
                "heading": strings(lang)["calc_readings_heading"],
                "caption": question,
                "columns": ["main", "postponement-last-years"],
                "heads": [
                    format!("{}{}", strings(lang)["calc_reading_main"], reading("calc_reading_postponement_whole_window")),
                    format!("{}{}", strings(lang)["calc_reading_other"], reading("calc_reading_postponement_last_years")),
                ],
                "verdicts": [
                    strings(lang)["calc_reading_eligible"],
                    filled(lang, "calc_reading_short", &[("list", &missing)]),
                ],
                "eligible": [true, false],
                "total": [70, 50],
                "designated": [70, 50],
                "main": [3, 2],
                "link_resolved": format!("{}/{lang}/rules/#readings", site_url()),
                "fits": true,
            }),
            "{lang}"
        );
        let rules_page =
            std::fs::read_to_string(browser::site_dir().join(lang).join("rules/index.html"))
                .unwrap();
        assert!(
            rules_page.contains("id=\"readings\""),
            "the link has a target"
        );
        assert_accessible(&browser, &format!("{lang}: two readings side by side"));

        // Without the postponement both readings are the same: nothing extra.
        browser.click("#calc-postponed");
        browser.wait_for("return document.getElementById('calc-readings').hidden");
        let file = exported(&browser);
        assert_figures_match(&browser, &file);
        let native = cli_evaluation(&file, day);
        assert!(native["other_readings"]
            .as_object()
            .unwrap()
            .values()
            .all(|reading| reading["verdict_differs"] == false));
        assert_eq!(browser.console_errors(), Vec::<String>::new());
    }
}
