//! Upper and lower case for the characters of the blocks tanni's search
//! reads (the blocks of `normalize`), from tables generated at build time
//! (`core/build.rs`): the standard library's case mappings carry the tables
//! of every script, a tenth of the WebAssembly module. A character outside
//! the blocks is kept as it is, as NFKC keeps it. The tests hold every
//! character of the blocks, and every character the catalog and the
//! content use, to the standard library's mappings.

include!(concat!(env!("OUT_DIR"), "/case_tables.rs"));

/// What one character maps to: one character, or a few (ß in upper case
/// is SS).
#[derive(Debug, Clone)]
pub enum Mapped {
    One(Option<char>),
    Many(std::str::Chars<'static>),
}

impl Iterator for Mapped {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            Mapped::One(c) => c.take(),
            Mapped::Many(chars) => chars.next(),
        }
    }
}

fn mapped(c: char, runs: &[(u32, u16, u8, i32)], long: &[(u32, &'static str)]) -> Mapped {
    let code = c as u32;
    if code < 0x80 {
        return Mapped::One(Some(c));
    }
    let at = runs.partition_point(|&(first, _, _, _)| first <= code);
    if let Some(&(first, count, step, delta)) = at.checked_sub(1).map(|at| &runs[at]) {
        let offset = code - first;
        let step = u32::from(step);
        if offset.is_multiple_of(step) && offset / step < u32::from(count) {
            let to = code.checked_add_signed(delta).and_then(char::from_u32);
            return Mapped::One(to.or(Some(c)));
        }
    }
    match long.binary_search_by_key(&code, |&(from, _)| from) {
        Ok(at) => Mapped::Many(long[at].1.chars()),
        Err(_) => Mapped::One(Some(c)),
    }
}

/// A character in lower case.
pub fn to_lowercase(c: char) -> Mapped {
    if c.is_ascii() {
        return Mapped::One(Some(c.to_ascii_lowercase()));
    }
    mapped(c, LOWER_RUNS, LOWER_LONG)
}

/// A character in upper case.
pub fn to_uppercase(c: char) -> Mapped {
    if c.is_ascii() {
        return Mapped::One(Some(c.to_ascii_uppercase()));
    }
    mapped(c, UPPER_RUNS, UPPER_LONG)
}

/// Text in lower case, character by character.
pub fn lowercase(text: &str) -> String {
    text.chars().flat_map(to_lowercase).collect()
}

/// Text in upper case, character by character.
pub fn uppercase(text: &str) -> String {
    text.chars().flat_map(to_uppercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::in_scope;

    #[test]
    fn every_character_of_the_blocks_is_cased_as_the_standard_library_cases_it() {
        let mut cased = 0;
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let (lower, upper): (String, String) =
                (to_lowercase(c).collect(), to_uppercase(c).collect());
            if in_scope(c) {
                assert_eq!(
                    lower,
                    c.to_lowercase().collect::<String>(),
                    "U+{:04X}",
                    c as u32
                );
                assert_eq!(
                    upper,
                    c.to_uppercase().collect::<String>(),
                    "U+{:04X}",
                    c as u32
                );
                cased += usize::from(lower != c.to_string()) + usize::from(upper != c.to_string());
            } else {
                assert_eq!(
                    lower,
                    c.to_string(),
                    "U+{:04X} is outside the blocks",
                    c as u32
                );
                assert_eq!(
                    upper,
                    c.to_string(),
                    "U+{:04X} is outside the blocks",
                    c as u32
                );
            }
        }
        assert!(cased > 1_200, "{cased} mappings checked");
    }

    #[test]
    fn letters_that_case_to_more_than_one() {
        assert_eq!(uppercase("straße"), "STRASSE");
        assert_eq!(lowercase("İ"), "i\u{307}");
        assert_eq!(uppercase("ﬁ"), "FI");
        assert_eq!(lowercase("ＲＳＮＡ Ⅳ Ⓐ"), "ｒｓｎａ ⅳ ⓐ");
    }

    #[test]
    fn letters_outside_the_blocks_are_kept() {
        assert_eq!(lowercase("ДОЗА"), "ДОЗА");
        assert_eq!(uppercase("한국어"), "한국어");
    }

    /// Every character of the real catalog, content and UI strings, as the
    /// standard library cases it.
    #[test]
    fn the_sites_own_text_is_cased_as_the_standard_library_cases_it() {
        let mut checked = 0;
        for (_, text) in crate::normalize::site_texts() {
            for c in text.chars() {
                assert_eq!(
                    to_lowercase(c).collect::<String>(),
                    c.to_lowercase().collect::<String>(),
                    "{c:?}"
                );
                assert_eq!(
                    to_uppercase(c).collect::<String>(),
                    c.to_uppercase().collect::<String>(),
                    "{c:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 100_000, "{checked} characters checked");
    }
}
