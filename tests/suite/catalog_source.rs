//! The catalog against its source: every line of the seed's meeting list is
//! transcribed into exactly the entries that should hold it, in order, and
//! every line an entry quotes is really in the source.

use crate::common;

use std::fs;

use common::*;
use tanni::model::FlagKind;

/// Lines of the list that belong to no entry: page furniture, and the few
/// values the layout ties to nothing (each named in a flag's note).
const NOT_A_MEETING: &[&str] = &[
    "学会認定単位",
    "放射線診断専門医・放射線治療専門医",
    "資格更新単位取得制度学術集会単位一覧表",
    "必須 単位数",
];

fn seed_lines() -> Vec<String> {
    fs::read_to_string(repo_root().join("catalog/source.txt"))
        .unwrap()
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect()
}

fn list_start(lines: &[String]) -> usize {
    lines
        .iter()
        .position(|line| line == "分類1 JRS総会・秋季")
        .expect("the list starts with category 1")
}

#[test]
fn every_line_an_entry_quotes_is_in_the_source() {
    let lines = seed_lines();
    for meeting in &real_site().catalog.meetings {
        assert!(!meeting.source.is_empty(), "{}", meeting.id);
        for line in &meeting.source {
            assert!(
                lines.contains(line),
                "{}: {line:?} is not a line of the source",
                meeting.id
            );
        }
    }
}

/// Walks the list and the catalog together: each entry's lines must come in
/// order after the previous entry's first line. What no entry takes must be a
/// heading, page furniture, or a stray value that a flag explains.
#[test]
fn every_line_of_the_source_list_is_transcribed_in_order() {
    let lines = seed_lines();
    let start = list_start(&lines);
    let mut taken = vec![false; lines.len()];
    let mut cursor = start;
    for meeting in &real_site().catalog.meetings {
        let mut at = cursor;
        // A value the layout does not tie to the name may stand further on.
        let unlinked = meeting
            .flags
            .iter()
            .any(|flag| flag.kind == FlagKind::ValueUnlinked);
        let mut first = None;
        for line in &meeting.source {
            let found = find_line(&lines, &taken, at, line, unlinked).unwrap_or_else(|| {
                panic!(
                    "{}: {line:?} is not in the source after line {}",
                    meeting.id,
                    at + 1
                )
            });
            taken[found] = true;
            first.get_or_insert(found);
            at = found + 1;
        }
        cursor = first.unwrap();
    }
    let headings = fs::read_to_string(repo_root().join("catalog/categories.toml")).unwrap();
    let mut stray: Vec<(usize, &str)> = Vec::new();
    for (index, line) in lines.iter().enumerate().skip(start) {
        let line = line.trim();
        if taken[index]
            || line.is_empty()
            || NOT_A_MEETING.contains(&line)
            || headings.contains(&format!("source = \"{line}\""))
        {
            continue;
        }
        stray.push((index + 1, line));
    }
    // Each of these lone values is described in the note of a flagged entry.
    let explained: Vec<(usize, &str)> = vec![(197, "5"), (395, "2")];
    assert_eq!(
        stray, explained,
        "lines of the source list that no entry holds"
    );
}

/// Finds `line` at or after `at`. A lone value is looked for only up to the
/// next line that carries a value of its own (`name N`), an untaken one
/// first: one value printed under two names is shared by both entries.
fn find_line(
    lines: &[String],
    taken: &[bool],
    at: usize,
    line: &str,
    unlinked: bool,
) -> Option<usize> {
    let is_value = |text: &str| text.trim().parse::<u32>().is_ok();
    if !is_value(line) {
        return (at..lines.len()).find(|&index| lines[index] == line && !taken[index]);
    }
    let has_own_value =
        |text: &str| !is_value(text) && text.trim_end().ends_with(|c: char| c.is_ascii_digit());
    let window: Vec<usize> = (at..lines.len())
        .take_while(|&index| !has_own_value(&lines[index]))
        .collect();
    let matching = || window.iter().copied().filter(|&index| lines[index] == line);
    let near = matching()
        .find(|&index| !taken[index])
        .or_else(|| matching().next());
    if near.is_some() || !unlinked {
        return near;
    }
    (at..lines.len()).find(|&index| lines[index] == line && !taken[index])
}

#[test]
fn every_meeting_has_both_names_and_every_unvalued_one_is_flagged() {
    for meeting in &real_site().catalog.meetings {
        assert!(
            !meeting.name.ja.trim().is_empty() && !meeting.name.en.trim().is_empty(),
            "{}",
            meeting.id
        );
        if meeting.credits.is_none() {
            assert!(
                !meeting.flags.is_empty(),
                "{} has no credits and no flag",
                meeting.id
            );
        }
        for flag in &meeting.flags {
            assert!(
                !flag.ja.trim().is_empty() && !flag.en.trim().is_empty(),
                "{}: a flag lacks a note",
                meeting.id
            );
        }
    }
}

#[test]
fn the_required_mark_follows_the_source() {
    let site = real_site();
    for meeting in &site.catalog.meetings {
        let marked = meeting.source.iter().any(|line| line.contains("必須"));
        assert_eq!(meeting.required, marked, "{}", meeting.id);
    }
    let required: Vec<&str> = site
        .catalog
        .meetings
        .iter()
        .filter(|m| m.required)
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(required.len(), 12, "{required:?}");
}

#[test]
fn credits_follow_the_value_printed_on_the_line() {
    // Where an entry is a single line `name [必須] N`, the credits are N.
    for meeting in &real_site().catalog.meetings {
        if let [line] = meeting.source.as_slice() {
            let last = line
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .trim_end_matches(')');
            if let Ok(value) = last.parse::<u32>() {
                assert_eq!(meeting.credits, Some(value), "{}: {line}", meeting.id);
            }
        }
    }
}
