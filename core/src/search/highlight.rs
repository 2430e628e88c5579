//! Marking the part of a result's text that a query matched.

use super::may_match_as_prefix;
use crate::tokenizer::{tokenize, tokens_with_positions};

/// The character ranges of `text` that a query matches, merged, for marking
/// the matched part of a result.
pub fn highlight(text: &str, query: &str) -> Vec<(usize, usize)> {
    let query_tokens = tokenize(query);
    let mut ranges: Vec<(usize, usize)> = tokens_with_positions(text)
        .into_iter()
        .filter(|token| {
            query_tokens.iter().any(|query| {
                if may_match_as_prefix(query) {
                    token.text.starts_with(query.as_str())
                } else {
                    &token.text == query
                }
            })
        })
        .map(|token| {
            // A prefix match marks only as many characters as the query has.
            let query_length = query_tokens
                .iter()
                .filter(|query| token.text.starts_with(query.as_str()))
                .map(|query| query.chars().count())
                .max()
                .unwrap_or(0);
            let end = if token.text.chars().count() > query_length
                && token.end - token.start == token.text.chars().count()
            {
                token.start + query_length
            } else {
                token.end
            };
            (token.start, end)
        })
        .collect();
    crate::sort::sort(&mut ranges);
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_the_matched_characters() {
        assert_eq!(
            highlight("日本医学放射線学会関東地方会", "関東地方会"),
            [(9, 14)]
        );
        assert_eq!(highlight("Advanced CT・MR研究会", "adv"), [(0, 3)]);
        assert_eq!(highlight("ＲＳＮＡ meeting", "rsna"), [(0, 4)]);
        assert!(highlight("九州", "関東").is_empty());
    }
}
