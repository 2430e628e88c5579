//! The one tokenizer of tanni's search, shared by the indexer and the query
//! side (natively and in the browser), so that a query and the documents can
//! never be cut differently.
//!
//! Text is normalized with NFKC (`normalize`: full-width and half-width letters, digits
//! and kana become one form) and case-folded (`case`). Runs of letters and digits are
//! words; runs of CJK characters (kanji, hiragana, katakana) become
//! overlapping bigrams, since Japanese has no spaces; a CJK run of one
//! character is that character. Everything else separates tokens. A few
//! English function words (`of`, `the`, `and`, …) are dropped: they would
//! only dilute names such as "Japanese Society of Nuclear Medicine".
//!
//! ```
//! use tanni_core::tokenizer::tokenize;
//! assert_eq!(tokenize("日本IVR学会"), ["日本", "ivr", "学会"]);
//! assert_eq!(tokenize("関東地方会"), ["関東", "東地", "地方", "方会"]);
//! assert_eq!(tokenize("ＲＳＮＡ"), ["rsna"]);
//! ```

use crate::{case, normalize};

/// A token and where it came from in the original text, as a range of
/// character indices (not bytes), for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// English words that carry no meaning in a name or a query, and the words
/// of a question ("how many credits for a paper") that no page holds.
pub const STOP_WORDS: [&str; 26] = [
    "a", "an", "and", "are", "at", "by", "can", "do", "does", "for", "get", "how", "i", "in", "is",
    "it", "many", "much", "my", "need", "of", "on", "the", "to", "what", "with",
];

/// Hiragana particles that join two words of a Japanese phrase (論文の単位,
/// 更新に必要な単位): between two kanji or katakana they separate words, so
/// that a phrase matches its words and not the pairs across the particle.
pub const PARTICLES: [char; 11] = [
    'の', 'に', 'な', 'を', 'は', 'が', 'で', 'と', 'へ', 'や', 'も',
];

/// The words of a Japanese question (何単位, 更新に必要な単位, いくつですか),
/// the counterparts of the English question words among `STOP_WORDS`: they
/// separate the words around them and are dropped, in the documents and the
/// queries alike. No name holds one.
pub const QUESTION_WORDS: [&str; 8] = [
    "必要",
    "何",
    "いくつ",
    "どのくらい",
    "どれくらい",
    "ですか",
    "ますか",
    "教えて",
];

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// The most characters a word keeps. A longer run of letters and digits (a
/// hash, a pasted URL) is cut to its first `MAX_WORD_CHARS` characters, in
/// the documents and the queries alike, so that it still finds itself; the
/// index stores a word as one nested level per character, and a bounded word
/// keeps that depth within what a JSON reader allows.
pub const MAX_WORD_CHARS: usize = 64;

/// The tokens of a text, in order.
pub fn tokenize(text: &str) -> Vec<String> {
    tokens_with_positions(text)
        .into_iter()
        .map(|token| token.text)
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Cjk,
    Separator,
}

/// Variant forms of kanji that names are written with, each mapped to one
/// form, in the index and the queries alike: 頭頸部 finds 頭頚部.
pub const VARIANTS: [(char, char); 12] = [
    ('頸', '頚'),
    ('髙', '高'),
    ('﨑', '崎'),
    ('邊', '辺'),
    ('邉', '辺'),
    ('澤', '沢'),
    ('濱', '浜'),
    ('齋', '斎'),
    ('廣', '広'),
    ('櫻', '桜'),
    ('瀨', '瀬'),
    ('槇', '槙'),
];

/// A character as the index keeps it: its variant form mapped to the one.
fn unify(c: char) -> char {
    VARIANTS
        .iter()
        .find(|(variant, _)| *variant == c)
        .map_or(c, |&(_, one)| one)
}

/// Whether a character joins the one before it under NFKC: combining marks,
/// and the half-width voiced and semi-voiced marks (ﾄﾞ is ド).
fn joins_previous(c: char) -> bool {
    matches!(c, '\u{FF9E}' | '\u{FF9F}') || normalize::is_combining_mark(c)
}

/// The tokens of a text with the character ranges of the original text they
/// stand for.
pub fn tokens_with_positions(text: &str) -> Vec<Token> {
    // Normalize a character together with the marks that follow it (NFKC
    // composes them), so that every normalized character knows the
    // original characters it came from: (character, first, last + 1).
    let originals: Vec<char> = text.chars().collect();
    let mut normalized: Vec<(char, usize, usize)> = Vec::with_capacity(originals.len());
    let mut start = 0;
    while start < originals.len() {
        let mut end = start + 1;
        while end < originals.len() && joins_previous(originals[end]) {
            end += 1;
        }
        let cluster = &originals[start..end];
        if let [c] = cluster {
            // A character alone that NFKC keeps (every ASCII one among them).
            if c.is_ascii() || normalize::decomposition(*c).is_none() {
                for folded in case::to_lowercase(*c) {
                    normalized.push((unify(folded), start, end));
                }
                start = end;
                continue;
            }
        }
        for folded in normalize::nfkc(cluster.iter().copied())
            .into_iter()
            .flat_map(case::to_lowercase)
        {
            normalized.push((unify(folded), start, end));
        }
        start = end;
    }
    // A question word, wherever it stands, is dropped.
    let mut dropped = vec![false; normalized.len()];
    // (Every question word is Japanese: a text of ASCII holds none.)
    let words = if normalized.iter().all(|&(c, _, _)| c.is_ascii()) {
        &[][..]
    } else {
        &QUESTION_WORDS[..]
    };
    for word in words {
        let length = word.chars().count();
        let mut at = 0;
        while at + length <= normalized.len() {
            if normalized[at..at + length]
                .iter()
                .map(|&(c, _, _)| c)
                .eq(word.chars())
            {
                for letter in at..at + length {
                    normalized[letter].0 = ' ';
                    dropped[letter] = true;
                }
                at += length;
            } else {
                at += 1;
            }
        }
    }
    // A particle between two other CJK characters, or a dropped question
    // word, separates them (単位はいくつ is 単位).
    for i in 1..normalized.len().saturating_sub(1) {
        let (before, c, after) = (normalized[i - 1].0, normalized[i].0, normalized[i + 1].0);
        let word = |at: usize, c: char| dropped[at] || (is_cjk(c) && !is_hiragana(c));
        if PARTICLES.contains(&c) && word(i - 1, before) && word(i + 1, after) {
            normalized[i].0 = ' ';
        }
    }
    // Katakana and hiragana are one script here: a name typed in either
    // finds it, and so does its reading (ミッドサマー, みっどさまー).
    for letter in &mut normalized {
        letter.0 = fold_kana(letter.0);
    }
    let mut tokens = Vec::new();
    let mut run: Vec<(char, usize, usize)> = Vec::new();
    let mut run_class = Class::Separator;
    let end = (' ', usize::MAX, usize::MAX);
    for &(c, first, after) in normalized.iter().chain(std::iter::once(&end)) {
        let class = classify(c);
        if class != run_class || class == Class::Separator {
            flush(&run, run_class, &mut tokens);
            run.clear();
        }
        if class != Class::Separator {
            run.push((c, first, after));
        }
        run_class = class;
    }
    tokens
}

fn flush(run: &[(char, usize, usize)], class: Class, tokens: &mut Vec<Token>) {
    match class {
        Class::Separator => {}
        Class::Word => {
            let text: String = run
                .iter()
                .take(MAX_WORD_CHARS)
                .map(|&(c, _, _)| c)
                .collect();
            if !STOP_WORDS.contains(&text.as_str()) {
                tokens.push(Token {
                    text,
                    start: run[0].1,
                    end: run[run.len() - 1].2,
                });
            }
        }
        Class::Cjk if run.len() == 1 => tokens.push(Token {
            text: run[0].0.to_string(),
            start: run[0].1,
            end: run[0].2,
        }),
        Class::Cjk => {
            for pair in run.windows(2) {
                tokens.push(Token {
                    text: [pair[0].0, pair[1].0].iter().collect(),
                    start: pair[0].1,
                    end: pair[1].2,
                });
            }
        }
    }
}

fn classify(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Separator
    }
}

/// A katakana letter as its hiragana (ア is あ, ヴ is ゔ); every other
/// character as it is.
pub fn fold_kana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        '\u{30FD}' | '\u{30FE}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Kanji, hiragana and katakana (with the prolonged sound mark and the
/// iteration marks); not the katakana middle dot, which separates words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'         // 々 〆 〇
        | '\u{3041}'..='\u{309F}'       // hiragana
        | '\u{30A0}'..='\u{30FA}'       // katakana
        | '\u{30FC}'..='\u{30FF}'       // ー ヽ ヾ ヿ
        | '\u{3400}'..='\u{4DBF}'       // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'       // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'       // compatibility ideographs
        | '\u{20000}'..='\u{3134F}'     // extensions B–G
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_japanese_and_latin_split_at_the_change_of_script() {
        assert_eq!(tokenize("日本IVR学会"), ["日本", "ivr", "学会"]);
        assert_eq!(
            tokenize("日本Metallic Stents＆Grafts研究会"),
            ["日本", "metallic", "stents", "grafts", "研究", "究会"]
        );
    }

    #[test]
    fn latin_words_are_case_folded_words() {
        assert_eq!(
            tokenize("Tokyo Heart Imaging Club"),
            ["tokyo", "heart", "imaging", "club"]
        );
        assert_eq!(
            tokenize("MR Retroscopy 研究会"),
            ["mr", "retroscopy", "研究", "究会"]
        );
    }

    #[test]
    fn full_width_and_half_width_forms_meet() {
        assert_eq!(tokenize("ＲＳＮＡ"), tokenize("RSNA"));
        assert_eq!(tokenize("ｉｖｒ"), ["ivr"]);
        assert_eq!(tokenize("６０単位"), ["60", "単位"]);
        assert_eq!(tokenize("ｶﾝﾌｧﾚﾝｽ"), tokenize("カンファレンス"));
    }

    #[test]
    fn half_width_kana_with_voicing_marks_meet_their_full_width_form() {
        assert_eq!(tokenize("ﾐｯﾄﾞｻﾏｰ"), tokenize("ミッドサマー"));
        assert_eq!(tokenize("ｶﾞﾝﾏﾅｲﾌ"), tokenize("ガンマナイフ"));
        assert_eq!(tokenize("ﾊﾟｰｸ"), tokenize("パーク"));
        // Combining marks, written apart, compose too.
        assert_eq!(tokenize("ト\u{3099}"), tokenize("ド"));
        // Positions still point at the original characters: ﾄﾞ is two.
        let tokens = tokens_with_positions("ﾐｯﾄﾞ");
        assert_eq!(
            (tokens[1].text.as_str(), tokens[1].start, tokens[1].end),
            ("っど", 1, 4)
        );
    }

    #[test]
    fn katakana_and_hiragana_are_one_script() {
        assert_eq!(tokenize("ミッドサマー"), tokenize("みっどさまー"));
        assert_eq!(
            tokenize("ガンマナイフ"),
            ["がん", "んま", "まな", "ない", "いふ"]
        );
        assert_eq!(tokenize("ヴ"), tokenize("ゔ"));
        assert_eq!(fold_kana('ヶ'), 'ゖ');
        assert_eq!(fold_kana('ー'), 'ー', "the long vowel mark stays");
        assert_eq!(fold_kana('・'), '・');
        assert_eq!(fold_kana('漢'), '漢');
    }

    #[test]
    fn particles_between_words_separate_them() {
        assert_eq!(tokenize("論文の単位"), ["論文", "単位"]);
        assert_eq!(tokenize("論文と学会発表"), ["論文", "学会", "会発", "発表"]);
        assert_eq!(tokenize("核医学の会"), ["核医", "医学", "会"]);
        // Within hiragana, or at the edge of a run, a particle is a letter.
        assert_eq!(tokenize("みちのく"), ["みち", "ちの", "のく"]);
        assert_eq!(tokenize("がん"), ["がん"]);
    }

    #[test]
    fn the_words_of_a_question_are_dropped() {
        assert_eq!(
            tokenize("how many credits for a paper"),
            ["credits", "paper"]
        );
        assert_eq!(tokenize("What do I need"), Vec::<String>::new());
        assert_eq!(tokenize("更新に必要な単位"), ["更新", "単位"]);
        assert_eq!(tokenize("論文は何単位ですか"), ["論文", "単位"]);
        assert_eq!(tokenize("単位はいくつ"), ["単位"]);
    }

    #[test]
    fn variant_kanji_meet_their_common_form() {
        for (variant, one) in VARIANTS {
            assert_eq!(tokenize(&variant.to_string()), tokenize(&one.to_string()));
        }
        assert_eq!(tokenize("頭頸部"), tokenize("頭頚部"));
        assert_eq!(tokenize("髙橋"), tokenize("高橋"));
        assert_eq!(tokenize("長﨑"), tokenize("長崎"));
        assert_eq!(tokenize("渡邊"), tokenize("渡辺"));
        assert_eq!(tokenize("渡邉"), tokenize("渡辺"));
    }

    #[test]
    fn cjk_runs_become_overlapping_bigrams_and_a_lone_character_stays_itself() {
        assert_eq!(tokenize("地方会"), ["地方", "方会"]);
        assert_eq!(tokenize("第1著者"), ["第", "1", "著者"]);
        assert_eq!(tokenize("総"), ["総"]);
    }

    #[test]
    fn punctuation_and_the_katakana_middle_dot_separate() {
        assert_eq!(tokenize("中国・四国"), ["中国", "四国"]);
        assert_eq!(tokenize("（名称変更）←"), ["名称", "称変", "変更"]);
        assert_eq!(
            tokenize("Advanced CT・MR研究会"),
            ["advanced", "ct", "mr", "研究", "究会"]
        );
        assert!(tokenize(" 　、。!?").is_empty());
    }

    #[test]
    fn english_function_words_are_dropped() {
        assert_eq!(
            tokenize("Japanese Society of Nuclear Medicine"),
            ["japanese", "society", "nuclear", "medicine"]
        );
        assert_eq!(tokenize("The Society for the Study"), ["society", "study"]);
        assert!(tokenize("of the").is_empty());
    }

    #[test]
    fn positions_point_at_the_original_characters() {
        let tokens = tokens_with_positions("ＪＲＳ総会");
        assert_eq!(
            tokens[0],
            Token {
                text: "jrs".into(),
                start: 0,
                end: 3
            }
        );
        assert_eq!(
            tokens[1],
            Token {
                text: "総会".into(),
                start: 3,
                end: 5
            }
        );
    }

    #[test]
    fn a_word_longer_than_the_limit_is_cut_and_still_matches_itself() {
        let long = "a1".repeat(5_000);
        let tokens = tokens_with_positions(&format!("x {long} y"));
        assert_eq!(tokens.len(), 3);
        assert_eq!(tokens[1].text.chars().count(), MAX_WORD_CHARS);
        assert_eq!((tokens[1].start, tokens[1].end), (2, 2 + long.len()));
        assert_eq!(tokenize(&long), [tokens[1].text.clone()]);
    }

    #[test]
    fn long_vowel_marks_and_iteration_marks_stay_inside_words() {
        assert_eq!(tokenize("セミナー"), ["せみ", "みな", "なー"]);
        assert_eq!(tokenize("佐々木"), ["佐々", "々木"]);
    }
}
