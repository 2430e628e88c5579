//! Close matches: when no document matches every word of a query, each
//! word the index does not hold is read as a slip for the nearest words it
//! does hold, and the query is searched again with them. A Latin word may
//! be a letter or two off (`Neuroradiolgy`); a Japanese run of four or more
//! characters may be one character off (`日本核医学界`, 会 mistyped as 界).
//! A word with no near word in the index makes the query one the site
//! cannot answer, and it finds nothing: `宇宙放射線学会` and `veterinary
//! imaging` stay empty rather than turning into "radiology".
//!
//! Only words the index does not hold are corrected (a Japanese run is held
//! when one document holds all its bigrams): a query whose words are all
//! held but never meet in one document is not read as another query.

use std::collections::BTreeMap;

use crate::tokenizer::{is_cjk, Token};

/// The most readings of a query with its slips corrected that are searched.
pub const MAX_CORRECTIONS: usize = 16;

/// The most near words one slip is read as.
const MAX_NEAR_WORDS: usize = 8;

/// The shortest Japanese run read as having a slip: two or three characters
/// with one changed are too often another word.
const MIN_CJK_RUN: usize = 4;

/// One word of a query: a Latin word, or a run of CJK characters (as its
/// characters, cut into bigrams when searched).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Word {
    Latin(String),
    Cjk(Vec<char>),
}

impl Word {
    fn tokens(&self) -> Vec<String> {
        match self {
            Word::Latin(word) => vec![word.clone()],
            Word::Cjk(run) => bigrams(run),
        }
    }

    fn text(&self) -> String {
        match self {
            Word::Latin(word) => word.clone(),
            Word::Cjk(run) => run.iter().collect(),
        }
    }
}

/// A query read with its slips corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// What to search for.
    pub tokens: Vec<String>,
    /// The corrected query as a member would type it, to show as "Did you
    /// mean": its words, Latin ones apart, Japanese runs as written.
    pub text: String,
}

/// The query as typed with some of its words replaced: (the characters a
/// word stands for, the word that replaces them), in order.
fn replace(query: &str, replacements: &[(std::ops::Range<usize>, String)]) -> String {
    let chars: Vec<char> = query.chars().collect();
    let mut text = String::new();
    let mut at = 0;
    for (span, word) in replacements {
        text.extend(&chars[at.min(span.start)..span.start]);
        text.push_str(word);
        at = span.end;
    }
    text.extend(&chars[at.min(chars.len())..]);
    text
}

fn bigrams(run: &[char]) -> Vec<String> {
    if run.len() == 1 {
        return vec![run[0].to_string()];
    }
    run.windows(2).map(|pair| pair.iter().collect()).collect()
}

/// The words of a query, with the characters of the query each stands for:
/// bigrams that overlap in the text are one run.
fn spans(tokens: &[Token]) -> Vec<(Word, std::ops::Range<usize>)> {
    let mut words: Vec<(Word, std::ops::Range<usize>)> = Vec::new();
    let mut previous_end = None;
    for token in tokens {
        let first = token.text.chars().next().unwrap_or(' ');
        if !is_cjk(first) {
            words.push((Word::Latin(token.text.clone()), token.start..token.end));
            previous_end = None;
            continue;
        }
        let chars: Vec<char> = token.text.chars().collect();
        match (words.last_mut(), previous_end) {
            // The next bigram of the same run shares a character with the last.
            (Some((Word::Cjk(run), span)), Some(end)) if token.start < end && chars.len() == 2 => {
                run.push(chars[1]);
                span.end = token.end;
            }
            _ => words.push((Word::Cjk(chars), token.start..token.end)),
        }
        previous_end = Some(token.end);
    }
    words
}

/// How many letters a Latin word may be off: none for short words (there
/// are too many near them), one up to eight letters, two beyond.
fn allowance(word: &str) -> usize {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The optimal string alignment distance: insertions, deletions,
/// substitutions and swaps of two neighbouring letters each count one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// What the index holds, for reading slips: every term with the documents
/// it is found in (their numbers, ascending).
pub struct Vocabulary {
    terms: BTreeMap<String, Vec<usize>>,
}

impl Vocabulary {
    pub fn new(terms: BTreeMap<String, Vec<usize>>) -> Vocabulary {
        Vocabulary { terms }
    }

    /// How many documents hold every bigram of a run.
    fn documents_with_all(&self, run: &[char]) -> usize {
        let mut common: Option<Vec<usize>> = None;
        for bigram in bigrams(run) {
            let Some(docs) = self.terms.get(&bigram) else {
                return 0;
            };
            common = Some(match common {
                None => docs.clone(),
                Some(before) => before
                    .into_iter()
                    .filter(|doc| docs.binary_search(doc).is_ok())
                    .collect(),
            });
        }
        common.map_or(0, |docs| docs.len())
    }

    /// Whether some document holds this term.
    pub fn holds(&self, term: &str) -> bool {
        self.terms.contains_key(term)
    }

    /// The Latin words of the index nearest to `word` within its allowance,
    /// beginning with the same letter (a first letter is rarely the slip,
    /// and "mamography" is not "tomography"); the most common first.
    fn near_latin(&self, word: &str) -> Vec<String> {
        let allowed = allowance(word);
        let Some(first) = word.chars().next() else {
            return Vec::new();
        };
        if allowed == 0 || word.chars().all(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let length = word.chars().count();
        let mut near: Vec<(usize, std::cmp::Reverse<usize>, &String)> = self
            .terms
            .iter()
            .filter(|(term, _)| term.starts_with(first))
            .filter(|(term, _)| term.chars().count().abs_diff(length) <= allowed)
            .map(|(term, documents)| {
                (
                    edit_distance(word, term),
                    std::cmp::Reverse(documents.len()),
                    term,
                )
            })
            .filter(|(distance, _, _)| *distance <= allowed)
            .collect();
        near.sort();
        let Some(&(closest, _, _)) = near.first() else {
            return Vec::new();
        };
        near.into_iter()
            .take_while(|(distance, _, _)| *distance == closest)
            .take(MAX_NEAR_WORDS)
            .map(|(_, _, term)| term.clone())
            .collect()
    }

    /// The runs one character away from `run` that some document holds
    /// every bigram of: a character changed (the commonest slip of a
    /// Japanese input method, 会 typed as 界), two swapped, one added, one
    /// dropped, in that order; within each, the one most documents hold
    /// first.
    fn near_cjk(&self, run: &[char]) -> Vec<Vec<char>> {
        if run.len() < MIN_CJK_RUN {
            return Vec::new();
        }
        // (kind of edit, documents that hold it, candidate)
        let mut near: Vec<(u8, usize, Vec<char>)> = Vec::new();
        let mut offer = |kind: u8, candidate: Vec<char>| {
            if candidate.len() < 2
                || candidate == run
                || near.iter().any(|(_, _, known)| *known == candidate)
            {
                return;
            }
            let documents = self.documents_with_all(&candidate);
            if documents > 0 {
                near.push((kind, documents, candidate));
            }
        };
        // The first character stays, as a Latin word's first letter does;
        // a changed or added character makes a known bigram with the one
        // before it.
        for at in 1..=run.len() {
            for letter in self.letters_after(run[at - 1]) {
                if at < run.len() {
                    let mut changed = run.to_vec();
                    changed[at] = letter;
                    offer(0, changed);
                }
                let mut added = run.to_vec();
                added.insert(at, letter);
                offer(2, added);
            }
        }
        for at in 1..run.len() {
            if at + 1 < run.len() {
                let mut swapped = run.to_vec();
                swapped.swap(at, at + 1);
                offer(1, swapped);
            }
            let mut dropped = run.to_vec();
            dropped.remove(at);
            offer(3, dropped);
        }
        near.sort_by_key(|(kind, documents, _)| (*kind, std::cmp::Reverse(*documents)));
        near.truncate(MAX_NEAR_WORDS);
        near.into_iter()
            .map(|(_, _, candidate)| candidate)
            .collect()
    }

    /// The characters that the index follows `before` with, in its bigrams.
    fn letters_after(&self, before: char) -> Vec<char> {
        let start = before.to_string();
        self.terms
            .range(start.clone()..)
            .take_while(|(term, _)| term.starts_with(&start))
            .filter_map(|(term, _)| {
                let mut chars = term.chars();
                match (chars.next(), chars.next(), chars.next()) {
                    (Some(_), Some(b), None) if is_cjk(b) => Some(b),
                    _ => None,
                }
            })
            .collect()
    }
}

/// The readings of a query with its slips corrected, the likeliest first, or
/// none when a word
/// not in the index has no near word (or when every word is in the index,
/// which is not a slip). `known` says whether the index holds a token.
pub fn corrections(
    vocabulary: &Vocabulary,
    query: &str,
    tokens: &[Token],
    known: impl Fn(&str) -> bool,
) -> Vec<Correction> {
    // Per word: where it stands, and what it may be read as (itself alone
    // when the index holds it).
    let mut alternatives: Vec<(std::ops::Range<usize>, Vec<Word>, bool)> = Vec::new();
    let mut any_slip = false;
    for (word, span) in spans(tokens) {
        // A Japanese run is held when one document holds all its bigrams
        // (学学 alone is somewhere, 日本核医学学会 nowhere).
        let held = match &word {
            Word::Cjk(run) if run.len() > 1 => vocabulary.documents_with_all(run) > 0,
            _ => word.tokens().iter().all(|token| known(token)),
        };
        if held {
            alternatives.push((span, vec![word], false));
            continue;
        }
        any_slip = true;
        let near: Vec<Word> = match &word {
            Word::Latin(latin) => vocabulary
                .near_latin(latin)
                .into_iter()
                .map(Word::Latin)
                .collect(),
            Word::Cjk(run) => vocabulary
                .near_cjk(run)
                .into_iter()
                .map(Word::Cjk)
                .collect(),
        };
        if near.is_empty() {
            return Vec::new();
        }
        alternatives.push((span, near, true));
    }
    if !any_slip {
        return Vec::new();
    }
    // Every combination of the words' alternatives, in order, as many as
    // allowed: (its words, the corrected words with their places).
    type Reading = (Vec<Word>, Vec<(std::ops::Range<usize>, String)>);
    let mut readings: Vec<Reading> = vec![(Vec::new(), Vec::new())];
    for (span, options, corrected) in alternatives {
        let mut next = Vec::new();
        'outer: for (words, replaced) in &readings {
            for option in &options {
                if next.len() == MAX_CORRECTIONS {
                    break 'outer;
                }
                let mut words = words.clone();
                words.push(option.clone());
                let mut replaced = replaced.clone();
                if corrected {
                    replaced.push((span.clone(), option.text()));
                }
                next.push((words, replaced));
            }
        }
        readings = next;
    }
    readings
        .into_iter()
        .map(|(words, replaced)| Correction {
            tokens: words.iter().flat_map(Word::tokens).collect(),
            text: replace(query, &replaced),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenizer::tokens_with_positions;

    /// A vocabulary whose terms are each found in the documents 0..n.
    fn vocabulary(terms: &[(&str, usize)]) -> Vocabulary {
        Vocabulary::new(
            terms
                .iter()
                .map(|(t, n)| (t.to_string(), (0..*n).collect()))
                .collect(),
        )
    }

    fn correct(vocabulary: &Vocabulary, query: &str) -> Vec<Vec<String>> {
        corrections(vocabulary, query, &tokens_with_positions(query), |token| {
            vocabulary.holds(token)
        })
        .into_iter()
        .map(|correction| correction.tokens)
        .collect()
    }

    #[test]
    fn a_correction_reads_as_typed() {
        let v = vocabulary(&[
            ("日本", 9),
            ("本核", 2),
            ("核医", 2),
            ("医学", 9),
            ("学会", 9),
            ("congress", 3),
        ]);
        let texts: Vec<String> = corrections(
            &v,
            "日本核医学界、 congres",
            &tokens_with_positions("日本核医学界、 congres"),
            |t| v.holds(t),
        )
        .into_iter()
        .map(|correction| correction.text)
        .collect();
        assert_eq!(texts[0], "日本核医学会、 congress", "the rest as typed");
    }

    #[test]
    fn distance_counts_each_edit_once() {
        assert_eq!(edit_distance("neuroradiolgy", "neuroradiology"), 1);
        assert_eq!(edit_distance("raidology", "radiology"), 1, "a swap");
        assert_eq!(edit_distance("mamography", "tomography"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("会", "会"), 0);
    }

    #[test]
    fn the_runs_of_a_query_are_its_words() {
        let tokens = tokens_with_positions("日本核医学界 annual 関東 会");
        assert_eq!(
            spans(&tokens)
                .into_iter()
                .map(|(word, _)| word)
                .collect::<Vec<_>>(),
            [
                Word::Cjk("日本核医学界".chars().collect()),
                Word::Latin("annual".into()),
                Word::Cjk("関東".chars().collect()),
                Word::Cjk(vec!['会']),
            ]
        );
    }

    #[test]
    fn a_latin_slip_is_read_as_the_nearest_word_with_its_first_letter() {
        let v = vocabulary(&[("neuroradiology", 7), ("radiology", 300), ("tomography", 4)]);
        assert_eq!(correct(&v, "Neuroradiolgy"), [["neuroradiology"]]);
        assert_eq!(correct(&v, "radiolgy"), [["radiology"]]);
        assert!(correct(&v, "mamography").is_empty(), "first letter differs");
        assert!(correct(&v, "radiolo").is_empty(), "two off, seven letters");
        assert!(correct(&v, "radiology").is_empty(), "no slip, no reading");
    }

    #[test]
    fn a_japanese_slip_is_one_character() {
        let v = vocabulary(&[
            ("日本", 100),
            ("本核", 2),
            ("核医", 2),
            ("医学", 50),
            ("学会", 300),
            ("放射", 200),
            ("射線", 200),
            ("線学", 20),
        ]);
        // A changed character is the likeliest slip, before a dropped one.
        assert_eq!(
            correct(&v, "日本核医学界")[0],
            ["日本", "本核", "核医", "医学", "学会"]
        );
        assert_eq!(
            correct(&v, "日本核医学学会")[0],
            ["日本", "本核", "核医", "医学", "学会"],
            "a doubled character"
        );
        assert!(
            correct(&v, "二本核医学会").is_empty(),
            "the first character stays"
        );
        assert!(
            correct(&v, "宇宙放射線学会").is_empty(),
            "two unknown characters"
        );
        assert!(correct(&v, "歯科放射線学会").is_empty());
        assert!(
            correct(&v, "医学界").is_empty(),
            "too short to read as a slip"
        );
    }

    #[test]
    fn one_word_without_a_near_word_leaves_the_query_unanswered() {
        let v = vocabulary(&[("radiology", 300), ("congress", 7), ("imaging", 80)]);
        assert!(correct(&v, "space radiology congress").is_empty());
        assert!(correct(&v, "veterinary imaging").is_empty());
        assert_eq!(correct(&v, "radiolgy congres"), [["radiology", "congress"]]);
    }
}
