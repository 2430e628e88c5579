//! The plan: the fewest additional meetings of the catalog that close every
//! shortfall, and a few other ways to close them. A main meeting (the JRS
//! annual or autumn meeting) counts toward all three requirements at once.

use serde::Serialize;

use crate::engine::{MeetingCredit, Rule, Shortfall};
use crate::rules::Rules;

/// Ways to close the shortfalls, the one with the fewest meetings first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub options: Vec<PlanOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanOption {
    /// How many meetings the option takes in all.
    pub meetings: u32,
    pub steps: Vec<PlanStep>,
}

/// Attend `count` meetings of this kind (any of `choices`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStep {
    pub count: u32,
    /// Meeting ids that fit, best known first.
    pub choices: Vec<String>,
    pub credits_each: u32,
    pub designated: bool,
    pub main: bool,
}

/// Kinds of meeting the plan draws on.
#[derive(Clone)]
struct Tier {
    choices: Vec<String>,
    credits: u32,
    designated: bool,
    main: bool,
}

fn tier(
    meetings: &[MeetingCredit],
    rules: &Rules,
    keep: impl Fn(&MeetingCredit, bool) -> bool,
) -> Option<Tier> {
    let fitting: Vec<&MeetingCredit> = meetings
        .iter()
        .filter(|m| m.credits.is_some() && keep(m, rules.main_meetings.contains(&m.id)))
        .collect();
    let best = fitting.iter().filter_map(|m| m.credits).max()?;
    let best_ones: Vec<&&MeetingCredit> =
        fitting.iter().filter(|m| m.credits == Some(best)).collect();
    Some(Tier {
        choices: best_ones.iter().map(|m| m.id.clone()).collect(),
        credits: best,
        designated: best_ones.iter().all(|m| m.required),
        main: best_ones
            .iter()
            .all(|m| rules.main_meetings.contains(&m.id)),
    })
}

pub fn plan(rules: &Rules, meetings: &[MeetingCredit], shortfalls: &[Shortfall]) -> Plan {
    let missing = |rule: Rule| {
        shortfalls
            .iter()
            .find(|s| s.rule == rule)
            .map_or(0, |s| s.missing)
    };
    let (total, designated, main) = (
        missing(Rule::Total),
        missing(Rule::Designated),
        missing(Rule::MainMeetings),
    );
    if total == 0 && designated == 0 && main == 0 {
        return Plan {
            options: Vec::new(),
        };
    }
    let main_tier = tier(meetings, rules, |m, is_main| is_main && m.required);
    let designated_tier = tier(meetings, rules, |m, is_main| !is_main && m.required);
    let designated_lower = designated_tier.as_ref().and_then(|upper| {
        tier(meetings, rules, |m, is_main| {
            !is_main && m.required && m.credits.unwrap_or(0) < upper.credits
        })
    });
    let other_tier = tier(meetings, rules, |m, _| !m.required);
    let mut options = Vec::new();
    // Main meetings alone; then main meetings only as the rule asks, with the
    // designated and other meetings of each level for the rest.
    if let Some(main_tier) = &main_tier {
        options.push(build(
            &[(main_tier, true)],
            main,
            designated,
            total,
            main_tier,
        ));
        for designated_tier in [&designated_tier, &designated_lower].into_iter().flatten() {
            let rest = other_tier
                .as_ref()
                .filter(|o| o.credits >= designated_tier.credits)
                .unwrap_or(designated_tier);
            options.push(build(
                &[(designated_tier, true), (rest, false)],
                main,
                designated,
                total,
                main_tier,
            ));
        }
    }
    options.retain(|option| option.meetings > 0);
    options.sort_by_key(|option| option.meetings);
    options.dedup_by(|a, b| a.steps == b.steps);
    Plan { options }
}

/// Main meetings first (as many as the rule asks, or more where `fill` is
/// only main meetings), then each tier in turn for what is left.
fn build(
    fill: &[(&Tier, bool)],
    main_missing: u32,
    designated_missing: u32,
    total_missing: u32,
    main_tier: &Tier,
) -> PlanOption {
    let mut steps = Vec::new();
    let (mut designated_left, mut total_left) = (designated_missing, total_missing);
    let add = |tier: &Tier, count: u32, steps: &mut Vec<PlanStep>| {
        if count == 0 {
            return;
        }
        if let Some(step) = steps
            .iter_mut()
            .find(|s: &&mut PlanStep| s.choices == tier.choices)
        {
            step.count += count;
        } else {
            steps.push(PlanStep {
                count,
                choices: tier.choices.clone(),
                credits_each: tier.credits,
                designated: tier.designated,
                main: tier.main,
            });
        }
    };
    let take = |left: &mut u32, count: u32, each: u32| *left = left.saturating_sub(count * each);
    let mains = main_missing;
    add(main_tier, mains, &mut steps);
    take(
        &mut designated_left,
        mains,
        if main_tier.designated {
            main_tier.credits
        } else {
            0
        },
    );
    take(&mut total_left, mains, main_tier.credits);
    for (tier, for_designated) in fill {
        let count = if *for_designated && tier.designated {
            let for_designated = designated_left.div_ceil(tier.credits);
            let for_total = if fill.len() == 1 {
                total_left.div_ceil(tier.credits)
            } else {
                0
            };
            for_designated.max(for_total)
        } else {
            total_left.div_ceil(tier.credits)
        };
        add(tier, count, &mut steps);
        if tier.designated {
            take(&mut designated_left, count, tier.credits);
        }
        take(&mut total_left, count, tier.credits);
    }
    PlanOption {
        meetings: steps.iter().map(|s| s.count).sum(),
        steps,
    }
}
