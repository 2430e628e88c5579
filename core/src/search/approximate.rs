//! Close matches: when no document matches every word of a query, each
//! word the index does not hold is read as a slip for the nearest words it
//! does hold, and the query is searched again with them. A Latin word may
//! be a letter or two off (`Neuroradiolgy`); a Japanese run of four or more
//! characters may be one character off (`日本核医学界`, 会 mistyped as 界).
//! A word with no near word in the index makes the query one the site
//! cannot answer, and it finds nothing: `宇宙放射線学会` and `veterinary
//! imaging` stay empty rather than turning into "radiology".
//!
//! A correction must be a word of some document's names (its name in
//! either language, former names, aliases, readings, a section's title), or
//! lie within one: a slip is read as a name, never as a stray word of a
//! text or as characters that no name holds side by side.
//!
//! Only words the index does not hold are corrected (a Japanese run is held
//! when one document holds all its bigrams): a query whose words are all
//! held but never meet in one document is not read as another query.

#[cfg(test)]
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::tokenizer::{is_cjk, Token};

/// The most readings of a query with its slips corrected that are searched.
pub const MAX_CORRECTIONS: usize = 16;

/// The most near words one slip is read as.
const MAX_NEAR_WORDS: usize = 8;

/// The shortest Japanese run read as having a slip: two or three characters
/// with one changed are too often another word.
const MIN_CJK_RUN: usize = 4;

/// The longest word or run read as having a slip: longer is not a slip of
/// typing, and reading it would cost time that grows with its square.
pub(crate) const MAX_SLIP_WORD: usize = 32;

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
}

/// A query read with its slips corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// What to search for.
    pub tokens: Vec<String>,
    /// The corrected query as the member typed it, the corrected words
    /// replaced and nothing else changed, to show as "Did you mean".
    pub text: String,
}

/// One character edited in a Japanese run, the likeliest slip first: a
/// character changed (an input method's wrong choice, 会 for 界), two
/// swapped, one left out, one typed twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Change(usize, char),
    Swap(usize),
    Add(usize, char),
    Drop(usize),
}

impl Edit {
    fn rank(self) -> u8 {
        match self {
            Edit::Change(..) => 0,
            Edit::Swap(_) => 1,
            Edit::Add(..) => 2,
            Edit::Drop(_) => 3,
        }
    }

    /// The run with this edit made; an added or changed character as
    /// `letter` makes it, given the character before it.
    fn apply(self, run: &[char], letter: impl Fn(char, char) -> char) -> Vec<char> {
        let mut edited = run.to_vec();
        match self {
            Edit::Change(at, c) => edited[at] = letter(c, run[at - 1]),
            Edit::Swap(at) => edited.swap(at, at + 1),
            Edit::Add(at, c) => edited.insert(at, letter(c, run[at - 1])),
            Edit::Drop(at) => {
                edited.remove(at);
            }
        }
        edited
    }
}

fn bigrams(run: &[char]) -> Vec<String> {
    if run.len() == 1 {
        return vec![run[0].to_string()];
    }
    run.windows(2).map(|pair| pair.iter().collect()).collect()
}

/// The words of a query, with the characters of the query each stands for:
/// bigrams that overlap in the text are one run.
fn spans(tokens: &[Token]) -> Vec<(Word, Range<usize>)> {
    let mut words: Vec<(Word, Range<usize>)> = Vec::new();
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
/// are too many near them), one up to eleven letters, two beyond
/// (`hematology` is not a slip for "hepatology").
fn allowance(word: &str) -> usize {
    match word.chars().count() {
        0..=4 => 0,
        5..=11 => 1,
        12..=MAX_SLIP_WORD => 2,
        _ => 0,
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

/// Hiragana, with the prolonged sound mark (the tokenizer has folded
/// katakana into it).
pub(crate) fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | 'ー')
}

/// A kana as typed before its voicing mark or its shrinking: が and ぱ are
/// か and は, っ is つ.
fn kana_base(c: char) -> char {
    let base = crate::normalize::decomposition(c)
        .and_then(|parts| parts.chars().next())
        .unwrap_or(c);
    match base {
        'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' => {
            char::from_u32(base as u32 + 1).unwrap_or(base)
        }
        _ => base,
    }
}

/// A hiragana as katakana, where the character before it is katakana: a
/// correction is written in the script the member typed.
fn in_script_of(letter: char, before: char) -> char {
    let katakana = matches!(before, '\u{30A1}'..='\u{30FA}' | 'ー');
    match letter {
        '\u{3041}'..='\u{3096}' if katakana => {
            char::from_u32(letter as u32 + 0x60).unwrap_or(letter)
        }
        _ => letter,
    }
}

/// A name as `name_key` cuts it (tokens joined by a space): its runs of
/// CJK bigrams put back together, and its Latin words.
pub(crate) fn name_parts(name: &str) -> (Vec<Vec<char>>, Vec<String>) {
    let mut runs = Vec::new();
    let mut words = Vec::new();
    let mut run: Vec<char> = Vec::new();
    for token in name.split(' ') {
        let chars: Vec<char> = token.chars().collect();
        match chars.first() {
            Some(&c) if is_cjk(c) => {
                if chars.len() == 2 && run.last() == Some(&chars[0]) {
                    run.push(chars[1]);
                } else {
                    runs.push(std::mem::take(&mut run));
                    run = chars;
                }
            }
            Some(_) => {
                runs.push(std::mem::take(&mut run));
                words.push(token.to_string());
            }
            None => {}
        }
    }
    runs.push(run);
    runs.retain(|run| !run.is_empty());
    (runs, words)
}

/// The query, when it is one run of three kana or more (as the tokenizer
/// cut it: its bigrams joined by a space).
pub fn kana_run(query_key: &str) -> Option<Vec<char>> {
    let (runs, words) = name_parts(query_key);
    match (runs.as_slice(), words.is_empty()) {
        ([run], true) if run.len() >= 3 && run.iter().all(|&c| is_kana(c)) => Some(run.clone()),
        _ => None,
    }
}

/// What slips are read against: the index's terms and the documents'
/// names. The search implements it over the shards it has loaded (noting
/// the ones it lacks); the tests, over a list.
pub trait Lexicon {
    /// The documents that hold `term` in some field, ascending.
    fn documents(&self, term: &str) -> Vec<usize>;
    /// The index's terms of two characters that begin with `before`, sorted.
    fn bigrams_after(&self, before: char) -> Vec<String>;
    /// The Latin words of the names and synonyms that begin with `first`
    /// and that some document holds, with how many do.
    fn name_words(&self, first: char) -> Vec<(String, usize)>;
    /// The Japanese runs of the names and synonyms from each place where
    /// `run` begins in them to their end, each once.
    fn runs_from(&self, run: &[char]) -> Vec<Vec<char>>;
}

/// How many documents hold every bigram of a run.
fn documents_with_all<L: Lexicon + ?Sized>(lexicon: &L, run: &[char]) -> usize {
    let mut common: Option<Vec<usize>> = None;
    for bigram in bigrams(run) {
        let docs = lexicon.documents(&bigram);
        if docs.is_empty() {
            return 0;
        }
        common = Some(match common {
            None => docs,
            Some(before) => before
                .into_iter()
                .filter(|doc| docs.binary_search(doc).is_ok())
                .collect(),
        });
    }
    common.map_or(0, |docs| docs.len())
}

/// Whether a run lies within a name, its characters side by side.
fn within_a_name<L: Lexicon + ?Sized>(lexicon: &L, run: &[char]) -> bool {
    !lexicon.runs_from(run).is_empty()
}

/// Whether a run that lies within names is whole there: some name ends
/// with it, or names go on from it in more than one way. 日本医学放射線学
/// is always followed by 会, so it is part of a word, not one.
fn whole_in_names<L: Lexicon + ?Sized>(lexicon: &L, run: &[char]) -> bool {
    let mut next: Option<char> = None;
    for rest in lexicon.runs_from(run) {
        match (rest.get(run.len()), next) {
            (None, _) => return true,
            (Some(&c), Some(before)) if c != before => return true,
            (Some(&c), _) => next = Some(c),
        }
    }
    false
}

/// The words of the names nearest to `word` within its allowance,
/// beginning with the same letter (a first letter is rarely the slip,
/// and "mamography" is not "tomography"); the most common first.
fn near_latin<L: Lexicon + ?Sized>(lexicon: &L, word: &str) -> Vec<String> {
    let allowed = allowance(word);
    let Some(first) = word.chars().next() else {
        return Vec::new();
    };
    if allowed == 0 || word.chars().any(|c| c.is_ascii_digit()) {
        return Vec::new();
    }
    let length = word.chars().count();
    let mut near: Vec<(usize, std::cmp::Reverse<usize>, String)> = lexicon
        .name_words(first)
        .into_iter()
        .filter(|(term, _)| term.chars().count().abs_diff(length) <= allowed)
        .map(|(term, documents)| {
            (
                edit_distance(word, &term),
                std::cmp::Reverse(documents),
                term,
            )
        })
        .filter(|(distance, _, _)| *distance <= allowed)
        .collect();
    crate::sort::sort(&mut near);
    let Some(&(closest, _, _)) = near.first() else {
        return Vec::new();
    };
    near.into_iter()
        .take_while(|(distance, _, _)| *distance == closest)
        .take(MAX_NEAR_WORDS)
        .map(|(_, _, term)| term)
        .collect()
}

/// The edits of `run` that make a whole word of some name (see
/// `whole_in_names`), the likeliest first (by kind, then by how many
/// documents hold it). The first
/// character stays, as a Latin word's first letter does. A character
/// is left out only where it is typed twice; in a run of kana, which a
/// phone's keys make, a character changes only into itself voiced,
/// unvoiced or small (か, が; つ, っ), and none is added.
fn near_cjk<L: Lexicon + ?Sized>(lexicon: &L, run: &[char]) -> Vec<Edit> {
    if run.len() < MIN_CJK_RUN || run.len() > MAX_SLIP_WORD {
        return Vec::new();
    }
    let kana = run.iter().all(|&c| is_kana(c));
    let mut edits: Vec<Edit> = Vec::new();
    for at in 1..=run.len() {
        for letter in letters_after(lexicon, run[at - 1]) {
            if at < run.len() && (!kana || kana_base(letter) == kana_base(run[at])) {
                edits.push(Edit::Change(at, letter));
            }
            if !kana {
                edits.push(Edit::Add(at, letter));
            }
        }
    }
    for at in 1..run.len() {
        if at + 1 < run.len() {
            edits.push(Edit::Swap(at));
        }
        if run[at] == run[at - 1] {
            edits.push(Edit::Drop(at));
        }
    }
    // (kind of edit, documents that hold it, the run, the edit)
    let mut near: Vec<(u8, std::cmp::Reverse<usize>, Vec<char>, Edit)> = Vec::new();
    for edit in edits {
        let candidate = edit.apply(run, |c, _| c);
        if candidate == run || near.iter().any(|(_, _, known, _)| *known == candidate) {
            continue;
        }
        let documents = documents_with_all(lexicon, &candidate);
        if documents > 0
            && within_a_name(lexicon, &candidate)
            && whole_in_names(lexicon, &candidate)
        {
            near.push((edit.rank(), std::cmp::Reverse(documents), candidate, edit));
        }
    }
    crate::sort::sort_by_key(&mut near, |(rank, documents, _, _)| (*rank, *documents));
    near.truncate(MAX_NEAR_WORDS);
    near.into_iter().map(|(_, _, _, edit)| edit).collect()
}

/// The characters that the index follows `before` with, in its bigrams.
fn letters_after<L: Lexicon + ?Sized>(lexicon: &L, before: char) -> Vec<char> {
    lexicon
        .bigrams_after(before)
        .iter()
        .filter_map(|term| {
            let mut chars = term.chars();
            match (chars.next(), chars.next(), chars.next()) {
                (Some(_), Some(b), None) if is_cjk(b) => Some(b),
                _ => None,
            }
        })
        .collect()
}

/// A corrected Latin word in the case the member typed it in: `RSNA`,
/// `Radiology`, `radiology`.
fn in_case_of(word: &str, typed: &str) -> String {
    let letters: Vec<char> = typed.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        crate::case::uppercase(word)
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = word.chars();
        chars
            .next()
            .map(|first| crate::case::to_uppercase(first).chain(chars).collect())
            .unwrap_or_default()
    } else {
        word.to_string()
    }
}

/// Characters that have no place in the words shown back: controls, and
/// the marks that reorder text.
fn shown(c: char) -> bool {
    !c.is_control()
        && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What a word of a query may be read as: a word, with the characters of
/// the query it replaces and the text that replaces them (none for the word
/// as typed).
type Alternative = (Word, Option<(Range<usize>, String)>);

/// The readings of a query with its slips corrected, the likeliest first,
/// or none when a word not in the index has no near word (or when every
/// word is in the index, which is not a slip). `known` says whether the
/// index holds a token.
pub fn corrections<L: Lexicon + ?Sized>(
    vocabulary: &L,
    query: &str,
    tokens: &[Token],
    known: impl Fn(&str) -> bool,
) -> Vec<Correction> {
    let typed: Vec<char> = query.chars().collect();
    // Per word: where it stands, and what it may be read as, each with the
    // words that replace the typed ones (none for the word itself).
    let mut alternatives: Vec<Vec<Alternative>> = Vec::new();
    let mut any_slip = false;
    for (word, span) in spans(tokens) {
        // A Japanese run is held when one document holds all its bigrams
        // (学学 alone is somewhere, 日本核医学学会 nowhere).
        let held = match &word {
            Word::Cjk(run) if run.len() > 1 => documents_with_all(vocabulary, run) > 0,
            _ => word.tokens().iter().all(|token| known(token)),
        };
        if held {
            alternatives.push(vec![(word, None)]);
            continue;
        }
        any_slip = true;
        let original = &typed[span.start.min(typed.len())..span.end.min(typed.len())];
        let near: Vec<Alternative> = match &word {
            Word::Latin(latin) => near_latin(vocabulary, latin)
                .into_iter()
                .map(|term| {
                    let text = in_case_of(&term, &original.iter().collect::<String>());
                    (Word::Latin(term), Some((span.clone(), text)))
                })
                .collect(),
            Word::Cjk(run) => near_cjk(vocabulary, run)
                .into_iter()
                .map(|edit| {
                    // The same edit made to the characters as typed, when
                    // they are one to one with the run (not ﾄﾞ for ド).
                    let text: String = if original.len() == run.len() {
                        edit.apply(original, in_script_of).into_iter().collect()
                    } else {
                        edit.apply(run, |c, _| c).into_iter().collect()
                    };
                    (
                        Word::Cjk(edit.apply(run, |c, _| c)),
                        Some((span.clone(), text)),
                    )
                })
                .collect(),
        };
        if near.is_empty() {
            return Vec::new();
        }
        alternatives.push(near);
    }
    if !any_slip {
        return Vec::new();
    }
    // Every combination of the words' alternatives, in order, as many as
    // allowed: (its words, the corrected words with their places).
    type Reading = (Vec<Word>, Vec<(Range<usize>, String)>);
    let mut readings: Vec<Reading> = vec![(Vec::new(), Vec::new())];
    for options in alternatives {
        let mut next = Vec::new();
        'outer: for (words, replaced) in &readings {
            for (option, replacement) in &options {
                if next.len() == MAX_CORRECTIONS {
                    break 'outer;
                }
                let mut words = words.clone();
                words.push(option.clone());
                let mut replaced = replaced.clone();
                replaced.extend(replacement.clone());
                next.push((words, replaced));
            }
        }
        readings = next;
    }
    readings
        .into_iter()
        .map(|(words, replaced)| Correction {
            tokens: words.iter().flat_map(Word::tokens).collect(),
            text: replace(&typed, &replaced)
                .chars()
                .filter(|&c| shown(c))
                .collect(),
        })
        .collect()
}

/// The query as typed with some of its words replaced: (the characters a
/// word stands for, the word that replaces them), in order.
fn replace(typed: &[char], replacements: &[(Range<usize>, String)]) -> String {
    let mut text = String::new();
    let mut at = 0;
    for (span, word) in replacements {
        let start = span.start.min(typed.len());
        text.extend(&typed[at.min(start)..start]);
        text.push_str(word);
        at = span.end.min(typed.len());
    }
    text.extend(&typed[at.min(typed.len())..]);
    text
}

/// A lexicon held in lists, for the tests: every term with the documents
/// it is found in, and the names' words and runs.
#[cfg(test)]
pub struct Vocabulary {
    terms: BTreeMap<String, Vec<usize>>,
    name_words: BTreeSet<String>,
    name_runs: Vec<Vec<char>>,
}

#[cfg(test)]
impl Vocabulary {
    pub fn new(terms: BTreeMap<String, Vec<usize>>) -> Vocabulary {
        Vocabulary {
            terms,
            name_words: BTreeSet::new(),
            name_runs: Vec::new(),
        }
    }

    /// Learns names, each as `name_key` cuts it.
    pub fn learn_names<'a>(&mut self, names: impl IntoIterator<Item = &'a String>) {
        let mut runs = BTreeSet::new();
        for name in names {
            let (name_runs, words) = name_parts(name);
            runs.extend(name_runs);
            self.name_words.extend(words);
        }
        self.name_runs = runs.into_iter().collect();
    }

    pub fn holds(&self, term: &str) -> bool {
        self.terms.contains_key(term)
    }
}

#[cfg(test)]
impl Lexicon for Vocabulary {
    fn documents(&self, term: &str) -> Vec<usize> {
        self.terms.get(term).cloned().unwrap_or_default()
    }

    fn bigrams_after(&self, before: char) -> Vec<String> {
        let start = before.to_string();
        self.terms
            .range(start.clone()..)
            .take_while(|(term, _)| term.starts_with(&start))
            .filter(|(term, _)| term.chars().count() == 2)
            .map(|(term, _)| term.clone())
            .collect()
    }

    fn name_words(&self, first: char) -> Vec<(String, usize)> {
        self.name_words
            .iter()
            .filter(|word| word.starts_with(first))
            .filter_map(|word| Some((word.clone(), self.terms.get(word)?.len())))
            .collect()
    }

    fn runs_from(&self, run: &[char]) -> Vec<Vec<char>> {
        let mut found = BTreeSet::new();
        for name in &self.name_runs {
            for at in 0..name.len().saturating_sub(run.len().saturating_sub(1)) {
                if name[at..].starts_with(run) {
                    found.insert(name[at..].to_vec());
                }
            }
        }
        found.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenizer::tokens_with_positions;

    /// A vocabulary whose terms are each found in the documents 0..n, with
    /// these names (as typed; cut here as the index cuts them).
    fn vocabulary(terms: &[(&str, usize)], names: &[&str]) -> Vocabulary {
        let terms = terms
            .iter()
            .map(|(t, n)| (t.to_string(), (0..*n).collect()))
            .collect();
        with_names(Vocabulary::new(terms), names)
    }

    /// The vocabulary, with these names learnt as the index cuts them.
    fn with_names(mut vocabulary: Vocabulary, names: &[&str]) -> Vocabulary {
        let keys: Vec<String> = names
            .iter()
            .map(|name| crate::search::name_key(name))
            .collect();
        vocabulary.learn_names(&keys);
        vocabulary
    }

    fn found(vocabulary: &Vocabulary, query: &str) -> Vec<Correction> {
        corrections(vocabulary, query, &tokens_with_positions(query), |token| {
            vocabulary.holds(token)
        })
    }

    fn correct(vocabulary: &Vocabulary, query: &str) -> Vec<Vec<String>> {
        found(vocabulary, query)
            .into_iter()
            .map(|correction| correction.tokens)
            .collect()
    }

    fn texts(vocabulary: &Vocabulary, query: &str) -> Vec<String> {
        found(vocabulary, query)
            .into_iter()
            .map(|correction| correction.text)
            .collect()
    }

    /// The bigrams of these names, each in one document.
    fn japanese(names: &[&str]) -> Vocabulary {
        let mut terms: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (doc, name) in names.iter().enumerate() {
            for token in crate::tokenizer::tokenize(name) {
                terms.entry(token).or_default().push(doc);
            }
        }
        for docs in terms.values_mut() {
            docs.dedup();
        }
        with_names(Vocabulary::new(terms), names)
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
        let words: Vec<Word> = spans(&tokens).into_iter().map(|(word, _)| word).collect();
        assert_eq!(
            words,
            [
                Word::Cjk("日本核医学界".chars().collect()),
                Word::Latin("annual".into()),
                Word::Cjk("関東".chars().collect()),
                Word::Cjk(vec!['会']),
            ]
        );
    }

    #[test]
    fn a_latin_slip_is_read_as_the_nearest_word_of_a_name() {
        let v = vocabulary(
            &[
                ("neuroradiology", 7),
                ("radiology", 300),
                ("tomography", 4),
                ("angiology", 1),
                ("prints", 3),
            ],
            &[
                "Neuroradiology Club",
                "Japan Radiology",
                "Tomography",
                "Angiology",
                "Radiology",
            ],
        );
        assert_eq!(correct(&v, "Neuroradiolgy"), [["neuroradiology"]]);
        assert_eq!(correct(&v, "radiolgy"), [["radiology"]]);
        assert!(correct(&v, "mamography").is_empty(), "first letter differs");
        assert!(correct(&v, "radiolo").is_empty(), "two off, seven letters");
        assert!(correct(&v, "audiology").is_empty(), "two off, nine letters");
        assert!(correct(&v, "points").is_empty(), "prints is in no name");
        assert!(correct(&v, "radiology").is_empty(), "no slip, no reading");
    }

    #[test]
    fn a_correction_keeps_the_case_and_script_the_member_typed() {
        let v = japanese(&["日本核医学会", "ガンマナイフ学会"]);
        assert_eq!(texts(&v, "日本核医学界、")[0], "日本核医学会、");
        assert_eq!(texts(&v, "ガンマナイフ学界")[0], "ガンマナイフ学会");
        assert_eq!(
            texts(&v, "\u{202E}日本核医学界")[0],
            "日本核医学会",
            "no reordering mark"
        );
        let v = vocabulary(&[("radiology", 3), ("forum", 1)], &["Radiology Forum"]);
        assert_eq!(texts(&v, "Radiolgy Forum")[0], "Radiology Forum");
        assert_eq!(texts(&v, "RADIOLGY")[0], "RADIOLOGY");
    }

    #[test]
    fn a_japanese_slip_is_one_character() {
        let v = japanese(&[
            "日本核医学会",
            "日本医学放射線学会",
            "関東地方会",
            "東北地方会",
        ]);
        assert_eq!(
            correct(&v, "日本核医学界")[0],
            ["日本", "本核", "核医", "医学", "学会"]
        );
        assert_eq!(
            correct(&v, "日本核医学学会")[0],
            ["日本", "本核", "核医", "医学", "学会"],
            "a doubled character"
        );
        assert_eq!(
            texts(&v, "日本医学放射線会")[0],
            "日本医学放射線学会",
            "a character left out"
        );
        assert!(
            correct(&v, "二本核医学会").is_empty(),
            "the first character stays"
        );
        assert!(
            correct(&v, "宇宙放射線学会").is_empty(),
            "two characters off"
        );
        assert!(
            correct(&v, "医学界").is_empty(),
            "too short to read as a slip"
        );
        assert!(
            !texts(&v, "東海地方会").contains(&"東地方会".to_string()),
            "東地方会 lies in a name, but 海 is no doubled character"
        );
        assert!(
            correct(&v, "山陰地方会").is_empty(),
            "山口地方会 lies in no name"
        );
        let v = japanese(&[
            "北海道地方会",
            "日本医学放射線学会総会",
            "日本医学放射線学会秋季臨床大会",
        ]);
        assert!(
            correct(&v, "北海道庁").is_empty(),
            "北海道地 is part of a word"
        );
        assert_eq!(
            texts(&v, "日本医学放射線学会総会会")[0],
            "日本医学放射線学会総会",
            "not 総会総"
        );
    }

    #[test]
    fn a_slip_in_kana_is_a_voicing_mark_or_a_small_kana() {
        let v = japanese(&["にほんかくいがくかい", "しゅんきたいかい"]);
        assert_eq!(texts(&v, "にほんかくいかくかい")[0], "にほんかくいがくかい");
        assert!(correct(&v, "しゅうきたいかい").is_empty(), "う is not ん");
        assert_eq!(
            texts(&v, "にほんかくいがくかいい")[0],
            "にほんかくいがくかい",
            "typed twice"
        );
    }

    #[test]
    fn one_word_without_a_near_word_leaves_the_query_unanswered() {
        let v = vocabulary(
            &[("radiology", 300), ("congress", 7), ("imaging", 80)],
            &["Radiology Congress", "Imaging"],
        );
        assert!(correct(&v, "space radiology congress").is_empty());
        assert!(correct(&v, "veterinary imaging").is_empty());
        assert_eq!(correct(&v, "radiolgy congres"), [["radiology", "congress"]]);
    }

    #[test]
    fn a_long_word_is_not_read_as_a_slip() {
        let v = japanese(&["日本医学放射線学会"]);
        let long = "日本医学放射線学会".repeat(100) + "界";
        assert!(correct(&v, &long).is_empty());
    }
}
