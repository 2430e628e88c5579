//! `tanni credits`: the calculator on the command line, with the rules and the
//! catalog of the site and the same engine the browser runs.

mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use tanni::load::load_site;
use tanni_core::date::Date;
use tanni_core::engine::{evaluate, MeetingCredit};
use tanni_core::record::Record;

use super::RootArg;

#[derive(clap::Args)]
pub struct Args {
    /// The member's record (the calculator's export format, JSON)
    record: PathBuf,
    /// Print the evaluation as JSON
    #[arg(long)]
    json: bool,
    /// The day to evaluate the record for, YYYY-MM-DD [default: the record's
    /// `as_of`, else today]
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    #[command(flatten)]
    root: RootArg,
}

/// Exit status for a record that cannot be read.
const BAD_RECORD: u8 = 2;

pub fn run(args: Args) -> ExitCode {
    let text = match std::fs::read_to_string(&args.record) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {}: {error}", args.record.display());
            return ExitCode::from(BAD_RECORD);
        }
    };
    let mut record = match Record::from_json(&text) {
        Ok(record) => record,
        Err(problem) => {
            eprintln!("error: {}: {problem}", args.record.display());
            return ExitCode::from(BAD_RECORD);
        }
    };
    record.as_of = args.as_of.or(record.as_of).or_else(today);
    let site = match load_site(&args.root.root) {
        Ok(site) => site,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    let meetings: Vec<MeetingCredit> = site
        .catalog
        .meetings
        .iter()
        .map(MeetingCredit::from)
        .collect();
    let evaluation = evaluate(&site.rules, &meetings, &record);
    if args.json {
        let mut json = serde_json::to_string_pretty(&evaluation).expect("an evaluation serializes");
        json.push('\n');
        super::print_out(&json)
    } else {
        super::print_out(&report::report(&site, &record, &evaluation))
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date YYYY-MM-DD"))
}

/// Today's date (UTC) by the system clock.
fn today() -> Option<Date> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_day_number(i64::try_from(seconds / 86_400).ok()?)
}
