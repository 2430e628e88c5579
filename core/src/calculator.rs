//! The calculator's entry points over JSON, shared by the browser (through
//! `wasm`) and the tests: the same text in, the same text out.

use crate::catalog::CatalogDownload;
use crate::engine::{evaluate, MeetingCredit};
use crate::record::Record;
use crate::rules::Rules;

/// Reads the rules (`rules.json`) and the meetings of `catalog.json`, both
/// in the types the site writes them with.
pub fn load(rules_json: &str, catalog_json: &str) -> Result<(Rules, Vec<MeetingCredit>), String> {
    let rules: Rules = serde_json::from_str(rules_json).map_err(|e| format!("rules: {e}"))?;
    if let Some(problem) = rules.check().into_iter().next() {
        return Err(format!("rules: {}", problem.message));
    }
    let catalog: CatalogDownload =
        serde_json::from_str(catalog_json).map_err(|e| format!("catalog: {e}"))?;
    let meetings = catalog.meetings.iter().map(MeetingCredit::from).collect();
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
