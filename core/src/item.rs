//! An entry of a member's record, as the evaluation names it:
//! `attendances[3]` or `papers[0]` (the same text in the JSON, where the
//! calculator finds the entry by it).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Which list of the record an entry is in; attendances come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Attendance,
    Paper,
}

impl ItemKind {
    /// The name of the list in the record.
    pub fn list(self) -> &'static str {
        match self {
            ItemKind::Attendance => "attendances",
            ItemKind::Paper => "papers",
        }
    }
}

/// An entry: its list and its place in it. Entries order as the record
/// lists them, attendances before papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Item {
    pub kind: ItemKind,
    pub index: usize,
}

impl Item {
    pub fn attendance(index: usize) -> Item {
        Item {
            kind: ItemKind::Attendance,
            index,
        }
    }

    pub fn paper(index: usize) -> Item {
        Item {
            kind: ItemKind::Paper,
            index,
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.kind.list(), self.index)
    }
}

impl FromStr for Item {
    type Err = String;

    fn from_str(text: &str) -> Result<Item, String> {
        let (list, rest) = text
            .split_once('[')
            .ok_or_else(|| format!("`{text}` is not an entry such as attendances[0]"))?;
        let kind = match list {
            "attendances" => ItemKind::Attendance,
            "papers" => ItemKind::Paper,
            _ => return Err(format!("`{list}` is not a list of a record")),
        };
        let index = rest
            .strip_suffix(']')
            .and_then(|number| number.parse().ok())
            .ok_or_else(|| format!("`{text}` is not an entry such as attendances[0]"))?;
        Ok(Item { kind, index })
    }
}

impl Serialize for Item {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Item, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_reads_back_as_written_and_orders_as_the_record() {
        for item in [Item::attendance(0), Item::attendance(12), Item::paper(3)] {
            assert_eq!(item.to_string().parse::<Item>(), Ok(item));
        }
        assert_eq!(Item::attendance(3).to_string(), "attendances[3]");
        assert!(Item::attendance(10) < Item::paper(0));
        assert!(Item::attendance(3) < Item::attendance(10));
        for bad in ["attendances", "papers[x]", "notes[0]", "attendances[1"] {
            assert!(bad.parse::<Item>().is_err(), "{bad}");
        }
    }
}
