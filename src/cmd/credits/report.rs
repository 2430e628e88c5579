//! The readable report of `tanni credits`: the verdict, where the period
//! stands, the figures, what did not count and why, other readings of the
//! regulation, and the plan.

use std::fmt::Write as _;

use tanni::model::Site;
use tanni_core::engine::{Evaluation, PeriodState, Reason, Rule};
use tanni_core::item::{Item, ItemKind};
use tanni_core::record::Record;

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
        Reason::SameEvent => "the same event as an entry already counted (within 7 days of its first day, or under its other listing)",
        Reason::NoCreditValue => "the source gives this meeting no credit value",
        Reason::CappedYear => "over the paper cap of its period year",
        Reason::CappedPeriod => "over the paper cap of the period",
    }
}

/// The readable report.
pub fn report(site: &Site, record: &Record, evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let period = &evaluation.period;
    let _ = writeln!(
        out,
        "Renewal period: {} to {} ({} years, end exclusive)",
        period.start, period.end, period.years
    );
    if let Some(timing) = &evaluation.timing {
        let line = match timing.state {
            PeriodState::NotStarted => format!(
                "the period has not started: it starts in {} days",
                timing.days_left
            ),
            PeriodState::Open => format!(
                "{} days left in the period (it ends on {}, the day before {})",
                timing.days_left,
                period.end.previous_day(),
                period.end
            ),
            PeriodState::Ended => format!(
                "the period has ended (its last day was {}): no meeting can be added to it",
                period.end.previous_day()
            ),
        };
        let _ = writeln!(out, "As of {}: {line}", timing.as_of);
    }
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
    let differing: Vec<_> = evaluation
        .other_readings
        .values()
        .filter(|other| other.verdict_differs)
        .collect();
    if !differing.is_empty() {
        let _ = writeln!(
            out,
            "\nRead another way, the regulation gives another verdict (see the rules page, How this site reads the rules):"
        );
        for other in differing {
            let _ =
                writeln!(
                out,
                "  {} = {}: {} ({} total, {} from required meetings, {} main-meeting attendances)",
                other.question,
                other.reading,
                if other.eligible { "eligible" } else { "not yet eligible" },
                other.total,
                other.designated,
                other.main_meeting_attendances
            );
        }
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
            let with = item
                .with
                .as_ref()
                .map(|with| format!(", counted as {}", describe_item(site, record, with)))
                .unwrap_or_default();
            let _ = writeln!(out, "  {what}: {}{with}{lost}", reason(item.reason));
        }
    }
    if let Some((best, others)) = evaluation.plan.options.split_first() {
        let _ = writeln!(
            out,
            "\nPlan: the fewest meetings that close every shortfall"
        );
        let describe = |option: &tanni_core::plan::PlanOption| {
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

fn describe_item(site: &Site, record: &Record, item: &Item) -> String {
    match item.kind {
        ItemKind::Attendance => {
            let attendance = &record.attendances[item.index];
            format!("{} on {}", name(site, &attendance.meeting), attendance.date)
        }
        ItemKind::Paper => {
            let paper = &record.papers[item.index];
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
}
