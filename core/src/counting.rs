//! Counting a record under one choice of readings: which entries count, for
//! how many credits, in which year of the period, and what is missing. The
//! engine counts the chosen readings for its main figures and each other
//! reading beside them.

use std::collections::{BTreeMap, HashMap};

use crate::date::Date;
use crate::engine::{
    Counted, MeetingCredit, NotCounted, PaperCredits, Period, Reason, Requirement, Rule, Shortfall,
    YearFigures,
};
use crate::events::events;
use crate::item::Item;
use crate::record::Record;
use crate::rules::{DesignatedReading, PaperYearReading, PostponementReading, Rules};

/// One reading of each open question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub designated: DesignatedReading,
    pub postponement: PostponementReading,
    pub paper_year: PaperYearReading,
}

/// What a record comes to under one choice of readings.
#[derive(Debug, Clone, PartialEq)]
pub struct Counting {
    pub period: Period,
    pub total: u32,
    pub designated: u32,
    pub main_meeting_attendances: u32,
    pub meeting_credits: u32,
    pub paper_credits: PaperCredits,
    pub years: Vec<YearFigures>,
    pub requirements: Vec<Requirement>,
    pub shortfalls: Vec<Shortfall>,
    pub counted: Vec<Counted>,
    pub not_counted: Vec<NotCounted>,
}

/// The period the record's years are counted in, under a reading of the
/// postponement.
pub fn period(rules: &Rules, record: &Record, reading: PostponementReading) -> Period {
    let postponed = if record.postponed {
        rules.postponement_years
    } else {
        0
    };
    let deadline = record
        .period_start
        .add_years((rules.period_years + postponed) as i32);
    match reading {
        PostponementReading::LastYears if postponed > 0 => Period {
            start: record.period_start.add_years(postponed as i32),
            end: deadline,
            years: rules.period_years,
        },
        _ => Period {
            start: record.period_start,
            end: deadline,
            years: rules.period_years + postponed,
        },
    }
}

pub fn count(
    rules: &Rules,
    meetings: &[MeetingCredit],
    record: &Record,
    choice: Choice,
) -> Counting {
    let period = period(rules, record, choice.postponement);
    let (start, end, years) = (period.start, period.end, period.years);
    let year_of = |date: Date| -> Option<u32> {
        (start <= date && date < end).then(|| {
            (1..=years)
                .find(|&k| date < start.add_years(k as i32))
                .unwrap_or(years)
        })
    };
    let catalog: HashMap<&str, &MeetingCredit> =
        meetings.iter().map(|m| (m.id.as_str(), m)).collect();
    let designated_meeting = |meeting: &MeetingCredit| match choice.designated {
        DesignatedReading::MarkedRequired => meeting.required,
        DesignatedReading::RegulationTable => rules.readings.regulation_table.contains(&meeting.id),
    };
    let mut figures: Vec<YearFigures> = (1..=years)
        .map(|k| YearFigures {
            year: k,
            start: start.add_years(k as i32 - 1),
            end: start.add_years(k as i32),
            designated_meetings: 0,
            other_meetings: 0,
            papers: 0,
        })
        .collect();
    let mut counted = Vec::new();
    let mut not_counted = Vec::new();

    // Meetings: one attendance per event.
    for (index, attendance) in record.attendances.iter().enumerate() {
        if !catalog.contains_key(attendance.meeting.as_str()) {
            not_counted.push(NotCounted::new(
                Item::attendance(index),
                Reason::UnknownMeeting,
                0,
            ));
        }
    }
    let families = families(meetings);
    let (mut meeting_credits, mut designated, mut main_attendances) = (0, 0, 0);
    for event in events(&record.attendances, |id| families.get(id).copied()) {
        let first = &record.attendances[event.first];
        let item = Item::attendance(event.first);
        let meeting = catalog[first.meeting.as_str()];
        // The listings the event was entered under, the first one first;
        // every other entry is the same attendance again.
        let mut listings: Vec<&MeetingCredit> = vec![meeting];
        let mut entered: Vec<(&str, Date)> = vec![(first.meeting.as_str(), first.date)];
        for &other in &event.others {
            let entry = &record.attendances[other];
            let listing = catalog[entry.meeting.as_str()];
            if !listings.iter().any(|known| known.id == listing.id) {
                listings.push(listing);
            }
            let key = (entry.meeting.as_str(), entry.date);
            let reason = if entered.contains(&key) {
                Reason::Duplicate
            } else {
                entered.push(key);
                Reason::SameEvent
            };
            not_counted.push(
                NotCounted::new(
                    Item::attendance(other),
                    reason,
                    listing.credits.unwrap_or(0),
                )
                .with(item),
            );
        }
        // The lowest value any listing gives: an estimate must not overstate.
        let lowest = listings
            .iter()
            .filter_map(|listing| {
                listing
                    .credits
                    .map(|credits| (credits, listing.id.as_str()))
            })
            .min_by_key(|&(credits, _)| credits);
        let Some(year) = year_of(first.date) else {
            not_counted.push(NotCounted::new(
                item,
                Reason::OutsidePeriod,
                lowest.map_or(0, |(credits, _)| credits),
            ));
            continue;
        };
        if rules.main_meetings.contains(&meeting.id) {
            main_attendances += 1;
        }
        let Some((credits, lowest_id)) = lowest else {
            not_counted.push(NotCounted::new(item, Reason::NoCreditValue, 0));
            continue;
        };
        let is_designated = listings.iter().all(|listing| designated_meeting(listing));
        meeting_credits += credits;
        let figure = &mut figures[year as usize - 1];
        if is_designated {
            designated += credits;
            figure.designated_meetings += credits;
        } else {
            figure.other_meetings += credits;
        }
        counted.push(Counted {
            item,
            credits,
            designated: is_designated,
            year,
            lower_value_of: (lowest_id != meeting.id).then(|| lowest_id.to_string()),
        });
    }

    // Papers: the cap of each year first, then the cap of the period,
    // earliest first.
    let papers = &rules.papers;
    let cap_year = |date: Date, period_year: u32| -> i64 {
        match choice.paper_year {
            PaperYearReading::PeriodYear => i64::from(period_year),
            PaperYearReading::CalendarYear => i64::from(date.year),
            PaperYearReading::SocietyYear => i64::from(date.year - i32::from(date.month < 6)),
        }
    };
    let mut order: Vec<usize> = (0..record.papers.len()).collect();
    order.sort_by_key(|&i| {
        let paper = &record.papers[i];
        (
            paper.date,
            !paper.peer_reviewed,
            !paper.first_author,
            paper.title.clone(),
            i,
        )
    });
    let mut year_used: BTreeMap<i64, u32> = BTreeMap::new();
    let mut period_used = 0;
    let (mut earned, mut after_year_caps) = (0, 0);
    for index in order {
        let paper = &record.papers[index];
        let item = Item::paper(index);
        let credits = papers.credits(paper.peer_reviewed, paper.first_author);
        let Some(year) = year_of(paper.date) else {
            not_counted.push(NotCounted::new(item, Reason::OutsidePeriod, credits));
            continue;
        };
        earned += credits;
        let used = year_used.entry(cap_year(paper.date, year)).or_insert(0);
        let within_year = credits.min(papers.cap_per_year.saturating_sub(*used));
        *used += within_year;
        after_year_caps += within_year;
        let within_period = within_year.min(papers.cap_per_period.saturating_sub(period_used));
        period_used += within_period;
        if within_year < credits {
            not_counted.push(NotCounted::new(
                item,
                Reason::CappedYear,
                credits - within_year,
            ));
        }
        if within_period < within_year {
            not_counted.push(NotCounted::new(
                item,
                Reason::CappedPeriod,
                within_year - within_period,
            ));
        }
        if within_period > 0 {
            figures[year as usize - 1].papers += within_period;
            counted.push(Counted {
                item,
                credits: within_period,
                designated: false,
                year,
                lower_value_of: None,
            });
        }
    }

    let total = meeting_credits + period_used;
    let requirements = vec![
        Requirement {
            rule: Rule::Total,
            needed: rules.total_credits,
            actual: total,
        },
        Requirement {
            rule: Rule::Designated,
            needed: rules.designated_credits,
            actual: designated,
        },
        Requirement {
            rule: Rule::MainMeetings,
            needed: rules.main_meeting_attendances,
            actual: main_attendances,
        },
    ];
    let shortfalls: Vec<Shortfall> = requirements
        .iter()
        .filter(|r| r.actual < r.needed)
        .map(|r| Shortfall {
            rule: r.rule,
            missing: r.needed - r.actual,
        })
        .collect();
    counted.sort_by_key(|counted| counted.item);
    not_counted.sort_by_key(|entry| (entry.item, entry.reason as u8));
    Counting {
        period,
        total,
        designated,
        main_meeting_attendances: main_attendances,
        meeting_credits,
        paper_credits: PaperCredits {
            earned,
            after_year_caps,
            counted: period_used,
        },
        years: figures,
        requirements,
        shortfalls,
        counted,
        not_counted,
    }
}

/// For each meeting of the catalog, the name of its family: the meeting
/// and the listings it is `same_as`, all named by the smallest id among
/// them.
fn families(meetings: &[MeetingCredit]) -> HashMap<&str, &str> {
    let mut family: HashMap<&str, &str> = meetings
        .iter()
        .map(|m| (m.id.as_str(), m.id.as_str()))
        .collect();
    // Few and small: merge until nothing changes.
    loop {
        let mut changed = false;
        for meeting in meetings {
            for twin in &meeting.same_as {
                let (Some(&a), Some(&b)) =
                    (family.get(meeting.id.as_str()), family.get(twin.as_str()))
                else {
                    continue;
                };
                if a != b {
                    let smallest = a.min(b);
                    for value in family.values_mut() {
                        if *value == a || *value == b {
                            *value = smallest;
                        }
                    }
                    changed = true;
                }
            }
        }
        if !changed {
            return family;
        }
    }
}
