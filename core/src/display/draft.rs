//! The record as the calculator page holds it while the member edits it:
//! the first day of the period may still be blank, and the entries are kept
//! in date order. The page saves what comes back from here (in its
//! localStorage) and sends it with every request; an edit is checked here.

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::date::Date;
use crate::record::{Attendance, Paper, Record, RecordError};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// Blank (`""` in JSON) until the member gives it.
    #[serde(serialize_with = "date_or_blank")]
    pub period_start: Option<Date>,
    pub postponed: bool,
    pub attendances: Vec<Attendance>,
    pub papers: Vec<Paper>,
}

fn date_or_blank<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(date),
        None => serializer.serialize_str(""),
    }
}

/// Where each entry stands after an edit: for each place in the sorted
/// lists, the place the entry had before (`None` for a new entry), so that
/// the page can follow the entry it edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub attendances: Vec<Option<usize>>,
    pub papers: Vec<Option<usize>>,
}

impl Draft {
    /// A draft from what the page saved or sent: anything that is not a
    /// record's field of the right kind is left out, so that an odd saved
    /// record opens as much of it as can be read.
    pub fn from_value(value: &Value) -> Draft {
        let text =
            |value: &Value, key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
        let date = |value: &Value, key: &str| text(value, key).and_then(|t| Date::parse(&t));
        let flag = |value: &Value, key: &str| value.get(key) == Some(&Value::Bool(true));
        let items = |key: &str| {
            value
                .get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let attendances = items("attendances")
            .iter()
            .filter_map(|item| {
                Some(Attendance {
                    meeting: text(item, "meeting")?,
                    date: date(item, "date")?,
                })
            })
            .collect();
        let papers = items("papers")
            .iter()
            .filter_map(|item| {
                Some(Paper {
                    date: date(item, "date")?,
                    peer_reviewed: flag(item, "peer_reviewed"),
                    first_author: flag(item, "first_author"),
                    title: text(item, "title").filter(|title| !title.trim().is_empty()),
                })
            })
            .collect();
        let mut draft = Draft {
            period_start: date(value, "period_start"),
            postponed: flag(value, "postponed"),
            attendances,
            papers,
        };
        draft.sort();
        draft
    }

    /// A saved record's text; one that cannot be read opens empty.
    pub fn from_saved(text: &str) -> Draft {
        super::parse(text)
            .map(|value| Draft::from_value(&value))
            .unwrap_or_default()
    }

    /// A record of a file, read strictly: with the field at fault named when
    /// it cannot be read.
    pub fn import(text: &str) -> Result<Draft, RecordError> {
        let record = Record::from_json(text)?;
        let mut draft = Draft {
            period_start: Some(record.period_start),
            postponed: record.postponed,
            attendances: record.attendances,
            papers: record.papers,
        };
        draft.sort();
        Ok(draft)
    }

    /// The record to evaluate for `as_of`, when the period has begun to be
    /// given; or why it cannot be evaluated.
    pub fn record(&self, as_of: Option<Date>) -> Option<Result<Record, RecordError>> {
        self.period_start?;
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(as_of) = as_of {
            value["as_of"] = Value::String(as_of.to_string());
        }
        Some(Record::from_value(&value))
    }

    pub fn is_empty(&self) -> bool {
        *self == Draft::default()
    }

    /// The export file's text: the record's fields in the documented order.
    pub fn to_file(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Puts both lists in date order (entries of one day in the order they
    /// were made) and says where each entry went.
    pub fn sort(&mut self) -> Moved {
        Moved {
            attendances: sort_by_date(&mut self.attendances, |a| a.date),
            papers: sort_by_date(&mut self.papers, |p| p.date),
        }
    }

    /// Adds an attendance: where it went, and where the others went.
    pub fn add_attendance(&mut self, attendance: Attendance) -> (usize, Moved) {
        self.attendances.push(attendance);
        let mut moved = self.sort();
        let new = self.attendances.len() - 1;
        (new_place(&mut moved.attendances, new), moved)
    }

    pub fn set_attendance_date(&mut self, index: usize, date: Date) -> Option<(usize, Moved)> {
        self.attendances.get_mut(index)?.date = date;
        let moved = self.sort();
        Some((place_of(&moved.attendances, index), moved))
    }

    /// A new paper (`index` None) or a paper changed.
    pub fn save_paper(&mut self, index: Option<usize>, paper: Paper) -> Option<(usize, Moved)> {
        match index {
            Some(index) => {
                *self.papers.get_mut(index)? = paper;
                let moved = self.sort();
                Some((place_of(&moved.papers, index), moved))
            }
            None => {
                self.papers.push(paper);
                let mut moved = self.sort();
                let new = self.papers.len() - 1;
                Some((new_place(&mut moved.papers, new), moved))
            }
        }
    }

    pub fn remove_attendance(&mut self, index: usize) -> Option<(Attendance, Moved)> {
        (index < self.attendances.len()).then(|| {
            let removed = self.attendances.remove(index);
            (removed, self.moved_after_removal(index, true))
        })
    }

    pub fn remove_paper(&mut self, index: usize) -> Option<(Paper, Moved)> {
        (index < self.papers.len()).then(|| {
            let removed = self.papers.remove(index);
            (removed, self.moved_after_removal(index, false))
        })
    }

    fn moved_after_removal(&self, removed: usize, attendance: bool) -> Moved {
        let same = |len: usize| (0..len).map(Some).collect::<Vec<_>>();
        let after = |len: usize| {
            (0..len)
                .map(|i| Some(if i < removed { i } else { i + 1 }))
                .collect()
        };
        Moved {
            attendances: if attendance {
                after(self.attendances.len())
            } else {
                same(self.attendances.len())
            },
            papers: if attendance {
                same(self.papers.len())
            } else {
                after(self.papers.len())
            },
        }
    }
}

/// Puts `items` in date order, entries of one day in the order they were
/// made, and returns for each new place the old one. A record holds tens of
/// entries: an insertion sort, small in the WebAssembly module, will do.
fn sort_by_date<T>(items: &mut Vec<T>, date: impl Fn(&T) -> Date) -> Vec<Option<usize>> {
    let dates: Vec<Date> = items.iter().map(date).collect();
    let mut order: Vec<usize> = Vec::with_capacity(dates.len());
    for (i, day) in dates.iter().enumerate() {
        let place = order
            .iter()
            .rposition(|&j| dates[j] <= *day)
            .map_or(0, |p| p + 1);
        order.insert(place, i);
    }
    let mut old: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order.iter().filter_map(|&i| old[i].take()).collect();
    order.into_iter().map(Some).collect()
}

/// Where the entry added last (`new`, at the end before the sort) went;
/// it had no place before.
fn new_place(moved: &mut [Option<usize>], new: usize) -> usize {
    let place = place_of(moved, new);
    moved[place] = None;
    place
}

fn place_of(moved: &[Option<usize>], before: usize) -> usize {
    moved.iter().position(|&b| b == Some(before)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_saved_record_opens_as_far_as_it_can_be_read_in_date_order() {
        let draft = Draft::from_saved(
            r#"{"period_start": "", "postponed": "yes", "attendances": [
                {"meeting": "b", "date": "2022-01-01"}, {"meeting": "a", "date": "2021-01-01"},
                {"meeting": 3, "date": "2021-01-01"}, {"meeting": "c", "date": "2021-02-30"}],
               "papers": [{"date": "2022-06-01", "peer_reviewed": true, "title": "  "}]}"#,
        );
        assert_eq!(draft.period_start, None);
        assert!(!draft.postponed);
        let meetings: Vec<&str> = draft
            .attendances
            .iter()
            .map(|a| a.meeting.as_str())
            .collect();
        assert_eq!(meetings, ["a", "b"]);
        assert_eq!(draft.papers[0].title, None);
        assert!(!draft.papers[0].first_author);
        assert_eq!(Draft::from_saved("not json"), Draft::default());
        assert!(Draft::default().is_empty());
    }

    #[test]
    fn the_saved_form_and_the_file_hold_the_record_fields_in_order() {
        let mut draft = Draft::default();
        assert_eq!(
            serde_json::to_string(&draft).unwrap(),
            r#"{"period_start":"","postponed":false,"attendances":[],"papers":[]}"#
        );
        draft.period_start = Some(day("2021-04-01"));
        draft.add_attendance(Attendance {
            meeting: "rsna".into(),
            date: day("2022-11-27"),
        });
        let file = draft.to_file();
        assert!(
            file.starts_with("{\n  \"period_start\": \"2021-04-01\",\n  \"postponed\": false,"),
            "{file}"
        );
        assert!(file.ends_with("}\n"));
        assert_eq!(Draft::import(&file).unwrap(), draft);
        assert_eq!(Draft::import("{}").unwrap_err().field, "period_start");
    }

    #[test]
    fn an_edit_says_where_the_entry_went() {
        let mut draft = Draft::default();
        let attend = |meeting: &str, date| Attendance {
            meeting: meeting.into(),
            date: day(date),
        };
        draft.add_attendance(attend("a", "2021-05-01"));
        let (place, _) = draft.add_attendance(attend("b", "2021-04-01"));
        assert_eq!(place, 0);
        let (place, _) = draft.add_attendance(attend("c", "2021-05-01"));
        assert_eq!(place, 2, "after the entry of the same day made before it");
        let (place, moved) = draft.set_attendance_date(0, day("2022-01-01")).unwrap();
        assert_eq!(place, 2);
        assert_eq!(moved.attendances, [Some(1), Some(2), Some(0)]);
        let (removed, moved) = draft.remove_attendance(0).unwrap();
        assert_eq!(removed.meeting, "a");
        assert_eq!(moved.attendances, [Some(1), Some(2)]);
        assert!(draft.remove_attendance(5).is_none());
        let paper = Paper {
            date: day("2022-06-01"),
            peer_reviewed: true,
            first_author: true,
            title: None,
        };
        assert_eq!(draft.save_paper(None, paper.clone()).unwrap().0, 0);
        assert!(draft.save_paper(Some(3), paper).is_none());
    }

    #[test]
    fn a_record_to_evaluate_is_read_as_a_file_would_be() {
        let mut draft = Draft::default();
        assert!(
            draft.record(None).is_none(),
            "no period, nothing to evaluate"
        );
        draft.period_start = Some(day("2021-04-01"));
        draft.add_attendance(Attendance {
            meeting: "x".repeat(101),
            date: day("2021-05-01"),
        });
        let problem = draft.record(Some(day("2023-06-01"))).unwrap().unwrap_err();
        assert_eq!(problem.field, "attendances[0].meeting");
        draft.attendances.clear();
        let record = draft.record(Some(day("2023-06-01"))).unwrap().unwrap();
        assert_eq!(record.as_of, Some(day("2023-06-01")));
    }
}
