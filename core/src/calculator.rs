//! The calculator's entry points over JSON, shared by the browser (through
//! `wasm`) and the tests: the same text in, the same text out.

use serde_json::Value;

use crate::engine::{evaluate, MeetingCredit};
use crate::record::Record;
use crate::rules::Rules;

/// Reads the rules (`rules.json`) and the meetings of `catalog.json`.
pub fn load(rules_json: &str, catalog_json: &str) -> Result<(Rules, Vec<MeetingCredit>), String> {
    let rules: Rules = serde_json::from_str(rules_json).map_err(|e| format!("rules: {e}"))?;
    if let Some(problem) = rules.check().into_iter().next() {
        return Err(format!("rules: {}", problem.message));
    }
    let catalog: Value = serde_json::from_str(catalog_json).map_err(|e| format!("catalog: {e}"))?;
    let meetings = catalog["meetings"]
        .as_array()
        .ok_or("catalog: no meetings")?
        .iter()
        .map(|meeting| {
            Ok(MeetingCredit {
                id: meeting["id"]
                    .as_str()
                    .ok_or("catalog: a meeting without an id")?
                    .to_string(),
                credits: meeting["credits"].as_u64().map(|c| c as u32),
                required: meeting["required"].as_bool().unwrap_or(false),
                same_as: meeting["same_as"]
                    .as_array()
                    .map(|twins| {
                        twins
                            .iter()
                            .filter_map(|twin| twin.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, &str>>()?;
    Ok((rules, meetings))
}

/// Evaluates a record given as JSON: the evaluation as JSON, or the record's
/// problem as `{"field", "message"}`.
pub fn evaluate_json(
    rules: &Rules,
    meetings: &[MeetingCredit],
    record_json: &str,
) -> Result<String, String> {
    match Record::from_json(record_json) {
        Ok(record) => Ok(serde_json::to_string(&evaluate(rules, meetings, &record))
            .expect("an evaluation serializes")),
        Err(problem) => Err(serde_json::to_string(&problem).expect("a problem serializes")),
    }
}
