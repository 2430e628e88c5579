//! Attendances grouped into events. The regulation counts attendances
//! (出席), not days: a congress entered once for each of its days, or one
//! meeting entered under both of the catalog's listings of it (`same_as`),
//! is one attendance. Entries of one meeting, or of its twin listings,
//! dated within seven days of the first entry of an event (that day and the
//! six after it) belong to that event; the first entry stands for it.

use std::collections::HashMap;

use crate::record::Attendance;

/// How many days, counted from its first entry, an event spans at most.
pub const EVENT_DAYS: i64 = 7;

/// One attendance, as the entries of the record that make it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The entry that stands for the event: the first by date.
    pub first: usize,
    /// The other entries of the same event, in date order.
    pub others: Vec<usize>,
}

/// Groups the entries into events. `family` gives, for a meeting of the
/// catalog, the name shared by all its listings (`None` for a meeting the
/// catalog does not know: such entries belong to no event). Events come in
/// the order of their first entries; ties of date go by meeting id, then by
/// the entry's place in the record, so the result does not depend on the
/// order in which the entries were made.
pub fn events<'a>(
    attendances: &[Attendance],
    family: impl Fn(&str) -> Option<&'a str>,
) -> Vec<Event> {
    let mut order: Vec<usize> = (0..attendances.len()).collect();
    order.sort_by_key(|&i| (attendances[i].date, &attendances[i].meeting, i));
    let mut events: Vec<Event> = Vec::new();
    // The open event of each family: its place in `events`.
    let mut open: HashMap<&str, usize> = HashMap::new();
    for index in order {
        let attendance = &attendances[index];
        let Some(key) = family(&attendance.meeting) else {
            continue;
        };
        let joins = open.get(key).copied().filter(|&event| {
            let first = attendances[events[event].first].date;
            first.days_until(attendance.date) < EVENT_DAYS
        });
        match joins {
            Some(event) => events[event].others.push(index),
            None => {
                open.insert(key, events.len());
                events.push(Event {
                    first: index,
                    others: Vec::new(),
                });
            }
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    fn entry(meeting: &str, date: &str) -> Attendance {
        Attendance {
            meeting: meeting.into(),
            date: Date::parse(date).unwrap(),
        }
    }

    /// `a` and `a-twin` are one meeting listed twice; `b` stands alone.
    fn family(id: &str) -> Option<&'static str> {
        match id {
            "a" | "a-twin" => Some("a"),
            "b" => Some("b"),
            _ => None,
        }
    }

    #[test]
    fn the_days_of_one_congress_are_one_event() {
        let record = [
            entry("a", "2022-04-16"),
            entry("a", "2022-04-14"),
            entry("a", "2022-04-15"),
        ];
        assert_eq!(
            events(&record, family),
            [Event {
                first: 1,
                others: vec![2, 0]
            }]
        );
    }

    #[test]
    fn a_week_later_is_another_event_and_a_window_crosses_a_year_end() {
        let record = [
            entry("a", "2022-12-30"),
            entry("a", "2023-01-05"),
            entry("a", "2023-01-06"),
        ];
        assert_eq!(
            events(&record, family),
            [
                Event {
                    first: 0,
                    others: vec![1]
                },
                Event {
                    first: 2,
                    others: vec![]
                }
            ]
        );
    }

    #[test]
    fn twin_listings_on_the_same_or_near_days_are_one_event_and_others_stay_apart() {
        let record = [
            entry("a-twin", "2022-05-01"),
            entry("a", "2022-05-01"),
            entry("b", "2022-05-01"),
            entry("a", "2022-05-03"),
            entry("unknown", "2022-05-01"),
        ];
        assert_eq!(
            events(&record, family),
            [
                Event {
                    first: 1,
                    others: vec![0, 3]
                },
                Event {
                    first: 2,
                    others: vec![]
                }
            ]
        );
    }
}
