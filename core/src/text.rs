//! What text from outside may hold, wherever it comes from (the site's input
//! files, a member's record): no control characters but tab and line breaks,
//! and none of the bidirectional controls that make text display in another
//! order than it is stored. And how a value from outside is shown in a
//! message: short, and with such characters replaced.

/// Whether a character may not appear in text from outside.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi_control(c)
}

/// The bidirectional embeddings, overrides, isolates and marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// How many characters of a value a message quotes.
const SHOWN_CHARS: usize = 40;

/// A value as a message quotes it: at most 40 characters (then `…`), and
/// every forbidden character as U+FFFD, so that a message cannot flood or
/// command a terminal.
pub fn shown(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(SHOWN_CHARS)
        .map(|c| if is_forbidden(c) { '\u{FFFD}' } else { c })
        .collect();
    if value.chars().nth(SHOWN_CHARS).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_value_is_short_and_harmless() {
        assert_eq!(shown("2021-04-01"), "2021-04-01");
        assert_eq!(shown("\u{1b}]0;title\u{7}"), "\u{FFFD}]0;title\u{FFFD}");
        assert_eq!(shown(&"x".repeat(50_000_000 / 1000)).chars().count(), 41);
        assert!(is_forbidden('\u{0}') && is_forbidden('\u{202E}') && !is_forbidden('\t'));
    }
}
