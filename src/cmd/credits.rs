//! `tanni credits`: the calculator on the command line, with the rules and the
//! catalog of the site and the same engine the browser runs.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use tanni::load::load_site;
use tanni::model::Site;
use tanni_credits::engine::{evaluate, Evaluation, MeetingCredit, Reason, Rule};
use tanni_credits::record::Record;

use super::RootArg;

#[derive(clap::Args)]
pub struct Args {
    /// The member's record (the calculator's export format, JSON)
    record: PathBuf,
    /// Print the evaluation as JSON
    #[arg(long)]
    json: bool,
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
    let record = match Record::from_json(&text) {
        Ok(record) => record,
        Err(problem) => {
            eprintln!("error: {}: {problem}", args.record.display());
            return ExitCode::from(BAD_RECORD);
        }
    };
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
        .map(|m| MeetingCredit {
            id: m.id.clone(),
            credits: m.credits,
            required: m.required,
        })
        .collect();
    let evaluation = evaluate(&site.rules, &meetings, &record);
    if args.json {
        let mut json = serde_json::to_string_pretty(&evaluation).expect("an evaluation serializes");
        json.push('\n');
        super::print_out(&json)
    } else {
        super::print_out(&report(&site, &record, &evaluation))
    }
}

fn name(site: &Site, id: &str) -> String {
    site.catalog
        .meetings
        .iter()
        .find(|m| m.id == id)
        .map_or_else(|| format!("unknown meeting `{id}`"), |m| m.name.en.clone())
}

fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::Total => "total credits",
        Rule::Designated => "credits from required meetings",
        Rule::MainMeetings => "attendances of the JRS Annual or Autumn Meeting",
    }
}

fn reason(reason: Reason) -> &'static str {
    match reason {
        Reason::OutsidePeriod => "outside the renewal period",
        Reason::UnknownMeeting => "not a meeting of the catalog",
        Reason::Duplicate => "the same meeting on the same date counts once",
        Reason::NoCreditValue => "the source gives this meeting no credit value",
        Reason::CappedYear => "over the paper cap of its period year",
        Reason::CappedPeriod => "over the paper cap of the period",
    }
}

/// The readable report.
fn report(site: &Site, record: &Record, evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let period = &evaluation.period;
    let _ = writeln!(
        out,
        "Renewal period: {} to {} ({} years, end exclusive)",
        period.start, period.end, period.years
    );
    let verdict = if evaluation.eligible {
        "eligible for renewal: every requirement is met"
    } else {
        "not yet eligible"
    };
    let _ = writeln!(out, "Verdict: {verdict}\n");
    for requirement in &evaluation.requirements {
        let mark = if requirement.actual >= requirement.needed {
            "ok "
        } else {
            "   "
        };
        let _ = writeln!(
            out,
            "  {mark} {:>3} of {:>3}  {}",
            requirement.actual,
            requirement.needed,
            rule_name(requirement.rule)
        );
    }
    let papers = &evaluation.paper_credits;
    let _ = writeln!(out, "\nMeeting credits: {}", evaluation.meeting_credits);
    let _ = writeln!(
        out,
        "Paper credits: {} earned, {} after the yearly caps, {} counted after the period cap",
        papers.earned, papers.after_year_caps, papers.counted
    );
    let _ = writeln!(
        out,
        "\nBy period year (required meetings / other meetings / papers):"
    );
    for year in &evaluation.years {
        let _ = writeln!(
            out,
            "  year {} ({} to {}): {} / {} / {}",
            year.year,
            year.start,
            year.end,
            year.designated_meetings,
            year.other_meetings,
            year.papers
        );
    }
    for shortfall in &evaluation.shortfalls {
        let _ = writeln!(
            out,
            "Missing: {} {}",
            shortfall.missing,
            rule_name(shortfall.rule)
        );
    }
    if !evaluation.not_counted.is_empty() {
        let _ = writeln!(out, "\nNot counted:");
        for item in &evaluation.not_counted {
            let what = describe_item(site, record, &item.item);
            let lost = if item.credits_lost > 0 {
                format!(" ({} credits)", item.credits_lost)
            } else {
                String::new()
            };
            let _ = writeln!(out, "  {what}: {}{lost}", reason(item.reason));
        }
    }
    if let Some((best, others)) = evaluation.plan.options.split_first() {
        let _ = writeln!(
            out,
            "\nPlan: the fewest meetings that close every shortfall"
        );
        let describe = |option: &tanni_credits::plan::PlanOption| {
            option
                .steps
                .iter()
                .map(|step| {
                    let names: Vec<String> = step
                        .choices
                        .iter()
                        .take(3)
                        .map(|id| name(site, id))
                        .collect();
                    let more = if step.choices.len() > 3 {
                        format!(" or another of {} such meetings", step.choices.len())
                    } else {
                        String::new()
                    };
                    format!(
                        "{} × {}{more} ({} credits each{})",
                        step.count,
                        names.join(" or "),
                        step.credits_each,
                        if step.designated { ", required" } else { "" }
                    )
                })
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let _ = writeln!(out, "  {} meeting(s): {}", best.meetings, describe(best));
        for option in others {
            let _ = writeln!(
                out,
                "  or {} meeting(s): {}",
                option.meetings,
                describe(option)
            );
        }
    }
    out
}

fn describe_item(site: &Site, record: &Record, item: &str) -> String {
    let index: usize = item
        .split(['[', ']'])
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if item.starts_with("attendances") {
        let attendance = &record.attendances[index];
        format!("{} on {}", name(site, &attendance.meeting), attendance.date)
    } else {
        let paper = &record.papers[index];
        format!(
            "paper of {}{}",
            paper.date,
            paper
                .title
                .as_ref()
                .map(|t| format!(" \"{t}\""))
                .unwrap_or_default()
        )
    }
}
