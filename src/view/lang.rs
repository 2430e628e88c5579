//! Which language a text on a page is written in, so that the page can mark
//! text in the other language with `lang` (a screen reader then reads it in
//! the right voice). The catalog's Japanese name of an international meeting
//! is often its English one, aliases are in either language, and the English
//! notes quote the Japanese source. Japanese text has kana or kanji; text
//! without them is English: the core's `display::name_lang`, which the
//! calculator uses too.

use serde::Serialize;
use tanni_core::display::{is_kana_or_kanji, name_lang};

use crate::model::Lang;

/// A text and, when it is not the page's, the language it is written in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub text: String,
    pub lang: Option<&'static str>,
}

impl Text {
    fn new(text: &str, lang: Option<&'static str>) -> Self {
        Text {
            text: text.to_string(),
            lang,
        }
    }
}

/// Kana, kanji, and the punctuation, spaces and full-width forms that
/// Japanese text is set with.
fn is_japanese(c: char) -> bool {
    is_kana_or_kanji(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// A name (of a meeting, a former name, an alias) as a whole: its language
/// when that is not the page's.
pub fn name(text: &str, page: Lang) -> Text {
    Text::new(text, name_lang(text, page).map(Lang::code))
}

/// A sentence in the page's language, cut where it quotes the other: on an
/// English page every Japanese run (a name the note quotes), on a Japanese
/// page every run of English words ("Society of Nuclear Medicine"; a lone
/// "CT" stays Japanese text).
pub fn runs(text: &str, page: Lang) -> Vec<Text> {
    let spans = match page {
        Lang::En => japanese_spans(text),
        Lang::Ja => english_spans(text),
    };
    let other = Some(page.other().code());
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in spans {
        if start > at {
            out.push(Text::new(&text[at..start], None));
        }
        out.push(Text::new(&text[start..end], other));
        at = end;
    }
    if at < text.len() || out.is_empty() {
        out.push(Text::new(&text[at..], None));
    }
    out
}

/// Byte ranges of the Japanese runs: from a Japanese character to the last
/// one before an ASCII space ("山形CT_MRI研究会" is one run), holding kana or
/// kanji.
fn japanese_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_japanese(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_letters = is_kana_or_kanji(c);
        while let Some(&(at, next)) = chars.peek() {
            if next.is_ascii_whitespace() {
                break;
            }
            if is_japanese(next) {
                end = at + next.len_utf8();
                has_letters |= is_kana_or_kanji(next);
            }
            chars.next();
        }
        if has_letters {
            spans.push((start, end));
        }
    }
    spans
}

/// Byte ranges of the runs without Japanese characters that hold two
/// English words in a row, without the spaces at their ends.
fn english_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), '\u{3000}')]) {
        match (is_japanese(c), start) {
            (false, None) => start = Some(at),
            (true, Some(from)) => {
                let run = &text[from..at];
                let trimmed = run.trim_start();
                let begin = from + run.len() - trimmed.len();
                let end = begin + trimmed.trim_end().len();
                if has_english_words(&text[begin..end]) {
                    spans.push((begin, end));
                }
                start = None;
            }
            _ => {}
        }
    }
    spans
}

/// Two words of two letters or more, apart by spaces or commas: "of Nuclear".
fn has_english_words(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let is_gap = |c: &char| *c == ' ' || *c == ',';
    let mut at = 0;
    while at < chars.len() {
        if !is_gap(&chars[at]) {
            at += 1;
            continue;
        }
        let gap = at;
        while at < chars.len() && is_gap(&chars[at]) {
            at += 1;
        }
        let before = chars[..gap]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let after = chars[at..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if before >= 2 && after >= 2 {
            return true;
        }
    }
    false
}

/// Rendered HTML (a content page) with the runs of its text in the other
/// language wrapped in `<span lang="…">`. Only text between tags is read;
/// it is already escaped, and escapes are ASCII, so a run never cuts one.
pub fn mark_runs_in_html(html: &str, page: Lang) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        for run in runs(&rest[..text_end], page) {
            match run.lang {
                Some(lang) => out.push_str(&format!("<span lang=\"{lang}\">{}</span>", run.text)),
                None => out.push_str(&run.text),
            }
        }
        rest = &rest[text_end..];
        let tag_end = rest.find('>').map_or(rest.len(), |end| end + 1);
        out.push_str(&rest[..tag_end]);
        rest = &rest[tag_end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(parts: &[Text]) -> String {
        parts
            .iter()
            .map(|part| match part.lang {
                Some(lang) => format!("[{lang}:{}]", part.text),
                None => part.text.clone(),
            })
            .collect()
    }

    #[test]
    fn a_name_is_japanese_when_it_has_kana_or_kanji() {
        assert_eq!(name("日本IVR学会", Lang::Ja).lang, None);
        assert_eq!(name("日本IVR学会", Lang::En).lang, Some("ja"));
        assert_eq!(
            name("Society of Nuclear Medicine (SNM)", Lang::Ja).lang,
            Some("en")
        );
        assert_eq!(name("RSNA", Lang::En).lang, None);
    }

    #[test]
    fn an_english_note_marks_the_japanese_it_quotes() {
        let note = "The source prints two names, 鹿児島放射線治療研究会 and 鹿児島画像診断カンファレンス（名称変更）　←, followed by 3.";
        assert_eq!(
            marked(&runs(note, Lang::En)),
            "The source prints two names, [ja:鹿児島放射線治療研究会] and [ja:鹿児島画像診断カンファレンス（名称変更）　]←, followed by 3."
        );
        assert_eq!(
            marked(&runs(
                "It prints 山形CT_MRI研究会, with 'MR　Retroscopy 勉強会'.",
                Lang::En
            )),
            "It prints [ja:山形CT_MRI研究会], with 'MR　Retroscopy [ja:勉強会]'."
        );
        assert_eq!(
            marked(&runs("No Japanese here.", Lang::En)),
            "No Japanese here."
        );
    }

    #[test]
    fn a_japanese_note_marks_runs_of_english_words_only() {
        let note = "現名称を Society of Nuclear Medicine and Molecular Imaging (SNMMI)、旧名称を SNM と読んだ。";
        assert_eq!(
            marked(&runs(note, Lang::Ja)),
            "現名称を [en:Society of Nuclear Medicine and Molecular Imaging (SNMMI)]、旧名称を SNM と読んだ。"
        );
        assert_eq!(marked(&runs("腹部CTの研究", Lang::Ja)), "腹部CTの研究");
        assert_eq!(runs("", Lang::Ja), vec![Text::new("", None)]);
    }

    #[test]
    fn html_keeps_its_tags_and_marks_its_text() {
        assert_eq!(
            mark_runs_in_html(
                "<li title=\"必須\">marked 必須 (required) &amp; more</li>\n",
                Lang::En
            ),
            "<li title=\"必須\">marked <span lang=\"ja\">必須</span> (required) &amp; more</li>\n"
        );
    }
}
