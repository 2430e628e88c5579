//! The renewal rules as numbers, read from `catalog/rules.toml`: a change of
//! rules is a change of data, not of code.

use serde::{Deserialize, Serialize};

/// The renewal requirements of the regulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Length of a renewal period in years.
    pub period_years: u32,
    /// Extra years granted by a postponement (更新の猶予).
    pub postponement_years: u32,
    /// Credits needed in a period.
    pub total_credits: u32,
    /// Of those, credits needed from meetings marked required (必須).
    pub designated_credits: u32,
    /// Attendances of the main meetings needed in a period.
    pub main_meeting_attendances: u32,
    /// Ids of the main meetings (the JRS annual and autumn meetings).
    pub main_meetings: Vec<String>,
    pub papers: PaperRules,
}

/// Credits for published papers and their caps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperRules {
    pub peer_reviewed_first_author: u32,
    pub peer_reviewed_other_author: u32,
    pub not_peer_reviewed_first_author: u32,
    pub not_peer_reviewed_other_author: u32,
    /// Most paper credits counted in one year of the period.
    pub cap_per_year: u32,
    /// Most paper credits counted in the whole period.
    pub cap_per_period: u32,
}

impl PaperRules {
    /// Credits one paper earns before any cap.
    pub fn credits(&self, peer_reviewed: bool, first_author: bool) -> u32 {
        match (peer_reviewed, first_author) {
            (true, true) => self.peer_reviewed_first_author,
            (true, false) => self.peer_reviewed_other_author,
            (false, true) => self.not_peer_reviewed_first_author,
            (false, false) => self.not_peer_reviewed_other_author,
        }
    }
}
