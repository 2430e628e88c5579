//! The limits every input is held to where it is read: characters no input
//! may hold, and how long a name or a line of the catalog may be. A text
//! that passes these checks can be built, indexed and searched.

use crate::diagnostics::{Diagnostics, SourceFile};

/// The most characters in a meeting's id, which names its page's folder
/// (file systems take 255 bytes).
pub const MAX_ID_CHARS: usize = 100;

/// The most characters in a meeting's name, former name or alias. The
/// longest in the real catalog has 114.
pub const MAX_NAME_CHARS: usize = 200;

/// The most characters in a quoted source line (the longest has 69).
pub const MAX_SOURCE_LINE_CHARS: usize = 500;

/// The most characters in a flag's note (the longest has 221).
pub const MAX_NOTE_CHARS: usize = 2000;

/// How many forbidden characters of one file are reported before the rest
/// are summed up in one line.
const REPORTED_PER_FILE: usize = 5;

use tanni_core::text::is_bidi_control;
/// Whether a character may not appear in any input: control characters
/// other than tab and line breaks (NUL among them), and the bidirectional
/// controls that make text display in another order than it is stored
/// (the "Trojan Source" characters). One rule with the member's record.
pub use tanni_core::text::is_forbidden;

/// Whether a text shows nothing: only white space and invisible format
/// characters (zero-width space, joiners, word joiner, byte-order mark).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
    })
}

/// A character as a message names it: `U+202E (a bidirectional control)`.
pub fn describe_char(c: char) -> String {
    let kind = if is_bidi_control(c) {
        "a bidirectional control character"
    } else if c.is_control() {
        "a control character"
    } else {
        "the character"
    };
    format!("{kind} U+{:04X}", u32::from(c))
}

/// Reports every forbidden character of a file, at its place.
pub fn check_characters(file: &SourceFile, problems: &mut Diagnostics) {
    let found: Vec<(usize, char)> = file
        .text
        .char_indices()
        .filter(|&(_, c)| is_forbidden(c))
        .collect();
    for &(at, c) in found.iter().take(REPORTED_PER_FILE) {
        problems.push(
            file.diagnostic(at..at + c.len_utf8(), format!("{} is not allowed in an input", describe_char(c)))
                .with_help("remove it: such characters are invisible, or make text show in another order than it is stored"),
        );
    }
    if found.len() > REPORTED_PER_FILE {
        let (at, _) = found[REPORTED_PER_FILE];
        problems.push(file.diagnostic(
            at..at + 1,
            format!(
                "{} more such characters in this file",
                found.len() - REPORTED_PER_FILE
            ),
        ));
    }
}

/// Reports a text longer than `max` characters at its span; true when it fits.
pub fn check_length(
    file: &SourceFile,
    span: std::ops::Range<usize>,
    text: &str,
    max: usize,
    what: &str,
    problems: &mut Diagnostics,
) -> bool {
    let count = text.chars().count();
    if count <= max {
        return true;
    }
    problems.push(file.diagnostic(
        span,
        format!("{what} is {count} characters long; at most {max} are allowed"),
    ));
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_found_at_their_place() {
        let file = SourceFile::new("m.toml", "a = \"x\"\nb = \"y\u{0}z\u{202E}\"\n\tc = 1\r\n");
        let mut problems = Diagnostics::default();
        check_characters(&file, &mut problems);
        assert_eq!(problems.len(), 2, "{problems}");
        let places: Vec<(usize, usize)> = problems
            .0
            .iter()
            .map(|p| p.location.as_ref().map(|l| (l.line, l.column)).unwrap())
            .collect();
        assert_eq!(places, [(2, 7), (2, 9)]);
        assert!(problems.0[0].message.contains("U+0000"));
        assert!(problems.0[1].message.contains("bidirectional"));
    }

    #[test]
    fn ordinary_text_passes() {
        let file = SourceFile::new("p.md", "日本語の文。\tEnglish text — “quoted”.\r\n");
        let mut problems = Diagnostics::default();
        check_characters(&file, &mut problems);
        assert!(problems.is_empty(), "{problems}");
    }
}
