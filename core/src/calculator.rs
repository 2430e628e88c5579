//! The calculator's entry point over JSON, shared by the browser (through
//! `wasm`) and the tests: the page sends a request (`{"op": "view", …}`,
//! `{"op": "add-attendance", …}`) with the record it holds, and gets back
//! the record as it now stands and everything to show, in words. The page
//! decides nothing: it renders the reply and handles the member's events.

use std::collections::BTreeMap;
use std::fmt::Display;

use serde::Serialize;
use serde_json::Value;

use crate::catalog::CatalogDownload;
use crate::date::Date;
use crate::display::details::{details, Details};
use crate::display::draft::{Draft, Moved};
use crate::display::entries::{attendances, papers, AttendanceView, Evaluated, PaperView};
use crate::display::print::{print, PrintView};
use crate::display::results::{
    meters, readings, timing, verdict, Meter, ReadingsTable, TimingView, Verdict,
};
use crate::display::suggest::{exact_match, meeting_suggestions, Index};
use crate::display::{parse, Context, Rich, Ui};
use crate::engine::evaluate;
use crate::record::{Attendance, Paper, RECORD_YEARS};
use crate::rules::Rules;

/// Reads the rules (`rules.json`) and the catalog (`catalog.json`), both in
/// the types the site writes them with, for a page's strings.
pub fn load(ui: Ui, rules_json: &str, catalog_json: &str) -> Result<Context, String> {
    let rules: Rules = serde_json::from_str(rules_json).map_err(|e| format!("rules: {e}"))?;
    if let Some(problem) = rules.check().into_iter().next() {
        return Err(format!("rules: {}", problem.message));
    }
    let catalog: CatalogDownload =
        serde_json::from_str(catalog_json).map_err(|e| format!("catalog: {e}"))?;
    Ok(Context::new(ui, rules, catalog.meetings))
}

/// The reply to an edit or a record tool; what does not apply is left out.
#[derive(Debug, Default, Serialize)]
struct Reply {
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<Draft>,
    #[serde(skip_serializing_if = "Option::is_none")]
    moved: Option<Moved>,
    /// Where the entry edited now stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    /// For a screen reader: "Added: RSNA, 2022-11-27."
    #[serde(skip_serializing_if = "Option::is_none")]
    announce: Option<Rich>,
    /// What is wrong with a field of a form, by field (`meeting`, `date`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    errors: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alert: Option<String>,
    /// An import would replace a record that holds something else.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    replaces: bool,
    /// The export's file name and text; a meeting's name; the day.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<String>,
}

/// Everything the calculator shows for a record on a day.
#[derive(Debug, Serialize)]
pub struct CalcView {
    /// "Period: … (5 years).", once the period is given.
    pub period_line: String,
    pub verdict: Verdict,
    pub meters: Vec<Meter>,
    pub timing: Option<TimingView>,
    pub readings: Option<ReadingsTable>,
    pub attendances: Vec<AttendanceView>,
    pub papers: Vec<PaperView>,
    /// How the result adds up, when there is one.
    pub details: Option<Details>,
    pub print: PrintView,
}

pub fn view(context: &Context, draft: &Draft, as_of: Option<Date>, today: Date) -> CalcView {
    let record = draft.record(as_of);
    let evaluation = match &record {
        Some(Ok(record)) => Some(evaluate(&context.rules, &context.credits, record)),
        _ => None,
    };
    let problem = record.as_ref().and_then(|r| r.as_ref().err());
    let evaluated = Evaluated {
        context,
        draft,
        evaluation: evaluation.as_ref(),
    };
    let verdict = verdict(context, evaluation.as_ref().ok_or(problem));
    let timing = evaluation.as_ref().and_then(|e| timing(context, e));
    CalcView {
        period_line: evaluation
            .as_ref()
            .map(|e| context.ui.period_line(&e.period))
            .unwrap_or_default(),
        meters: meters(context, evaluation.as_ref()),
        readings: evaluation.as_ref().and_then(|e| readings(context, e)),
        attendances: attendances(&evaluated),
        papers: papers(&evaluated),
        details: evaluation.as_ref().map(|e| details(&evaluated, e)),
        print: print(
            &evaluated,
            &verdict.text,
            timing.as_ref().map(|t| t.text.clone()),
            &today.to_string(),
        ),
        timing,
        verdict,
    }
}

/// The day of a local time in milliseconds since 1970.
fn today(clock: f64) -> Date {
    let day = (clock / 86_400_000.0).floor() as i64;
    Date::from_day_number(day).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// Answers a request of the calculator page (JSON in, JSON out); `index`
/// is the search index, once the page has loaded it. A request names its
/// `op`; `record` is the record as the page holds it (as an earlier reply
/// gave it), `clock` the browser's local time in milliseconds since 1970
/// (its day is "today"):
///
/// | op | with | reply |
/// |---|---|---|
/// | `restore` | `saved` (the saved text, or none) | `record` |
/// | `as-of` | `asked` (the page's `?as_of=`), `clock` | `as_of`: `asked` when a record may hold it, else today |
/// | `view` | `record`, `as_of`, `clock` | a `CalcView` |
/// | `set-period` | `record`, `start`, `postponed` | `record` |
/// | `add-attendance` | `record`, `chosen` (picked) or `typed`, `date` | `record`, `index`, `moved`, `announce`, or `errors` |
/// | `set-attendance-date` | `record`, `index`, `date` | the same |
/// | `save-paper` | `record`, `index` (none for a new one), `date`, `peer_reviewed`, `first_author`, `title` | the same |
/// | `remove-attendance`, `remove-paper` | `record`, `index` | `record`, `moved`, `announce` |
/// | `export` | `record`, `clock` | `file`, `text`, `status`; or `status` alone |
/// | `import` | `record`, `text` (the file's) | `record`, `replaces`, `status`; or `alert` |
/// | `import-failed` | `message` | `alert` |
/// | `clear` | | `record`, `status` |
/// | `meeting` | `id` | `name`, `status`; or `errors` |
/// | `suggest-meetings` | `query` | `Suggestions` of meetings |
pub fn respond(context: &Context, index: Option<&Index>, request: &str) -> Result<String, String> {
    let request = parse(request).map_err(|e| format!("request: {e}"))?;
    let text = |name: &str| {
        request
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let flag = |name: &str| request.get(name) == Some(&Value::Bool(true));
    let entry = |name: &str| {
        request
            .get(name)
            .and_then(Value::as_u64)
            .map(|n| n as usize)
    };
    let today = || today(request.get("clock").and_then(Value::as_f64).unwrap_or(0.0));
    let mut draft = Draft::from_value(request.get("record").unwrap_or(&Value::Null));
    let ui = &context.ui;
    let reply = match text("op") {
        "view" => {
            let view = view(context, &draft, Date::parse(text("as_of")), today());
            return Ok(serde_json::to_string(&view).unwrap_or_default());
        }
        "suggest-meetings" => {
            let index = index.ok_or("no search index is loaded")?;
            let suggestions = meeting_suggestions(context, index, text("query"));
            return Ok(serde_json::to_string(&suggestions).unwrap_or_default());
        }
        "restore" => Reply {
            record: Some(Draft::from_saved(text("saved"))),
            ..Reply::default()
        },
        "as-of" => {
            let asked = Date::parse(text("asked")).filter(|d| RECORD_YEARS.contains(&d.year));
            Reply {
                as_of: Some(asked.unwrap_or_else(today).to_string()),
                ..Reply::default()
            }
        }
        "set-period" => {
            let start = text("start");
            match Date::parse(start) {
                Some(date) => draft.period_start = Some(date),
                None if start.is_empty() => draft.period_start = None,
                // A date half typed: the period stays as it was.
                None => {}
            }
            draft.postponed = flag("postponed");
            Reply {
                record: Some(draft),
                ..Reply::default()
            }
        }
        "add-attendance" => {
            let mut reply = Reply::default();
            let chosen = Some(text("chosen")).filter(|id| context.meetings.contains_key(*id));
            let meeting = chosen.or_else(|| exact_match(context, text("typed")));
            if meeting.is_none() {
                reply
                    .errors
                    .insert("meeting", ui.t("calc_meeting_choose").into());
            }
            let date = checked_date(ui, text("date"), &mut reply);
            if let (Some(meeting), Some(date)) = (meeting, date) {
                let attendance = Attendance {
                    meeting: meeting.to_string(),
                    date,
                };
                let what = context.attendance_what(&attendance);
                let (index, moved) = draft.add_attendance(attendance);
                reply = edited(ui, "calc_added", draft, index, moved, what);
            }
            reply
        }
        "set-attendance-date" => {
            let mut reply = Reply::default();
            if let Some(date) = checked_date(ui, text("date"), &mut reply) {
                let at = entry("index").ok_or("no entry named")?;
                let (index, moved) = draft.set_attendance_date(at, date).ok_or("no such entry")?;
                let what = context.attendance_what(&draft.attendances[index]);
                reply = edited(ui, "calc_changed", draft, index, moved, what);
            }
            reply
        }
        "save-paper" => {
            let mut reply = Reply::default();
            if let Some(date) = checked_date(ui, text("date"), &mut reply) {
                let title = Some(text("title").trim().to_string()).filter(|t| !t.is_empty());
                let paper = Paper {
                    date,
                    peer_reviewed: flag("peer_reviewed"),
                    first_author: flag("first_author"),
                    title,
                };
                let what = context.paper_what(&paper);
                let at = entry("index");
                let key = if at.is_some() {
                    "calc_changed"
                } else {
                    "calc_added"
                };
                let (index, moved) = draft.save_paper(at, paper).ok_or("no such entry")?;
                reply = edited(ui, key, draft, index, moved, what);
            }
            reply
        }
        "remove-attendance" => {
            let at = entry("index").ok_or("no entry named")?;
            let (removed, moved) = draft.remove_attendance(at).ok_or("no such entry")?;
            let what = context.attendance_what(&removed);
            edited(ui, "calc_removed", draft, at, moved, what)
        }
        "remove-paper" => {
            let at = entry("index").ok_or("no entry named")?;
            let (removed, moved) = draft.remove_paper(at).ok_or("no such entry")?;
            let what = context.paper_what(&removed);
            edited(ui, "calc_removed", draft, at, moved, what)
        }
        "export" => match draft.period_start {
            None => Reply {
                status: Some(ui.t("calc_export_need_start").into()),
                ..Reply::default()
            },
            Some(_) => {
                let file = format!("tanni-record-{}.json", today());
                Reply {
                    status: Some(ui.fill("calc_exported", &[("file", &file)])),
                    text: Some(draft.to_file()),
                    file: Some(file),
                    ..Reply::default()
                }
            }
        },
        // A record it refuses changes nothing; the message names the field.
        "import" => match Draft::import(text("text")) {
            Err(problem) => Reply {
                alert: Some(match problem.field.is_empty() {
                    true => ui.fill(
                        "calc_import_error_whole",
                        &[("message", &ui.record_problem(&problem))],
                    ),
                    false => ui.fill(
                        "calc_import_error",
                        &[
                            ("field", &ui.describe_field(&problem.field)),
                            ("message", &ui.record_problem(&problem)),
                        ],
                    ),
                }),
                ..Reply::default()
            },
            Ok(incoming) => {
                let counts: [(&str, &dyn Display); 2] = [
                    ("meetings", &incoming.attendances.len()),
                    ("papers", &incoming.papers.len()),
                ];
                Reply {
                    replaces: incoming != draft && !draft.is_empty(),
                    status: Some(ui.fill("calc_imported", &counts)),
                    record: Some(incoming),
                    ..Reply::default()
                }
            }
        },
        "import-failed" => Reply {
            alert: Some(ui.fill("calc_import_error_whole", &[("message", &text("message"))])),
            ..Reply::default()
        },
        "clear" => Reply {
            record: Some(Draft::default()),
            status: Some(ui.t("calc_cleared").into()),
            ..Reply::default()
        },
        "meeting" => match context.meetings.get(text("id")) {
            Some(meeting) => {
                let name = meeting.name.get(ui.lang).to_string();
                Reply {
                    status: Some(ui.fill("calc_meeting_chosen", &[("name", &name)])),
                    name: Some(name),
                    ..Reply::default()
                }
            }
            None => {
                let mut reply = Reply::default();
                let message = ui.fill("calc_meeting_not_in_catalog", &[("id", &text("id"))]);
                reply.errors.insert("meeting", message);
                reply
            }
        },
        op => return Err(format!("no request `{op}`")),
    };
    Ok(serde_json::to_string(&reply).unwrap_or_default())
}

/// A date of a form, or the form's message in `reply`.
fn checked_date(ui: &Ui, date: &str, reply: &mut Reply) -> Option<Date> {
    let parsed = Date::parse(date);
    if parsed.is_none() {
        reply
            .errors
            .insert("date", ui.t("calc_date_invalid").into());
    }
    parsed
}

/// The reply to an edit: the record, where its entries went, and "Added:
/// …" (the string of `key`) with what was edited.
fn edited(ui: &Ui, key: &str, draft: Draft, index: usize, moved: Moved, what: Rich) -> Reply {
    Reply {
        record: Some(draft),
        moved: Some(moved),
        index: Some(index),
        announce: Some(ui.fill_runs(key, vec![("what", what)])),
        ..Reply::default()
    }
}
