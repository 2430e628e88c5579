//! NFKC for the characters tanni's search reads, from tables generated at
//! build time (`core/build.rs`) for the blocks of Latin, kana, CJK and
//! their compatibility forms: the module the browser loads carries these
//! instead of the tables of every script. A character outside the blocks is
//! kept as it is. The tests hold every character the catalog and the
//! content use, and every character of the blocks, to the whole NFKC of the
//! `unicode-normalization` crate.

include!(concat!(env!("OUT_DIR"), "/nfkc_tables.rs"));

/// A character's full compatibility decomposition, where it has one.
pub fn decomposition(c: char) -> Option<&'static str> {
    let code = c as u32;
    let at = DECOMPOSITIONS.partition_point(|&(first, _, _)| first <= code);
    let (first, count, entry) = *DECOMPOSITIONS.get(at.checked_sub(1)?)?;
    let offset = code - first;
    if offset >= u32::from(count) {
        return None;
    }
    let entry = usize::from(entry) + offset as usize;
    let (start, end) = (DECOMPOSITION_ENDS[entry], DECOMPOSITION_ENDS[entry + 1]);
    Some(&DECOMPOSED[usize::from(start)..usize::from(end)])
}

/// The canonical combining class of a character (0 for a starter).
fn combining_class(c: char) -> u8 {
    COMBINING_CLASSES
        .binary_search_by_key(&(c as u32), |&(code, _)| code)
        .map_or(0, |at| COMBINING_CLASSES[at].1)
}

/// The character two compose into, where they do: Hangul jamo by the
/// Unicode algorithm (the enclosed forms of ㈎ decompose into them), the
/// rest by the table.
fn compose(first: char, second: char) -> Option<char> {
    const S_BASE: u32 = 0xAC00;
    const L_BASE: u32 = 0x1100;
    const V_BASE: u32 = 0x1161;
    const T_BASE: u32 = 0x11A7;
    const V_COUNT: u32 = 21;
    const T_COUNT: u32 = 28;
    const S_COUNT: u32 = 19 * V_COUNT * T_COUNT;
    let (a, b) = (first as u32, second as u32);
    if (L_BASE..L_BASE + 19).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return char::from_u32(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE).is_multiple_of(T_COUNT)
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b)
    {
        return char::from_u32(a + (b - T_BASE));
    }
    let (Ok(first), Ok(second)) = (u16::try_from(first as u32), u16::try_from(second as u32))
    else {
        return None;
    };
    COMPOSITIONS
        .binary_search_by_key(&(first, second), |&(a, b, _)| (a, b))
        .ok()
        .and_then(|at| char::from_u32(u32::from(COMPOSITIONS[at].2)))
}

/// Whether a character is a combining mark (general category M).
pub fn is_combining_mark(c: char) -> bool {
    let code = c as u32;
    MARKS
        .binary_search_by(|&(first, last)| {
            if last < code {
                std::cmp::Ordering::Less
            } else if first > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The text in NFKC: decomposed, its marks in canonical order, composed.
pub fn nfkc(text: impl IntoIterator<Item = char>) -> Vec<char> {
    let mut decomposed: Vec<char> = Vec::new();
    for c in text {
        match decomposition(c) {
            Some(parts) => decomposed.extend(parts.chars()),
            None => decomposed.push(c),
        }
    }
    // Canonical order: within each run of marks, by combining class
    // (a stable sort keeps marks of one class in their order).
    let mut start = 0;
    while start < decomposed.len() {
        if combining_class(decomposed[start]) == 0 {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < decomposed.len() && combining_class(decomposed[end]) != 0 {
            end += 1;
        }
        // Marks in order of their classes, those of one class as they
        // came: an insertion sort (a run of marks is a few characters).
        for at in start + 1..end {
            let mut to = at;
            while to > start
                && combining_class(decomposed[to - 1]) > combining_class(decomposed[to])
            {
                decomposed.swap(to - 1, to);
                to -= 1;
            }
        }
        start = end;
    }
    // Canonical composition: a mark joins the last starter unless a mark
    // of the same or a higher class stands between them.
    let mut composed: Vec<char> = Vec::with_capacity(decomposed.len());
    let mut starter: Option<usize> = None;
    // The class of the last character kept after the starter.
    let mut last_class: Option<u8> = None;
    for c in decomposed {
        let class = combining_class(c);
        if let Some(at) = starter {
            let blocked = last_class.is_some_and(|last| last >= class);
            if !blocked {
                if let Some(joined) = compose(composed[at], c) {
                    composed[at] = joined;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(composed.len());
            last_class = None;
        } else {
            last_class = Some(class);
        }
        composed.push(c);
    }
    composed
}

/// Whether the tables cover a character.
pub fn in_scope(c: char) -> bool {
    let code = c as u32;
    SCOPE
        .iter()
        .any(|&(first, last)| (first..=last).contains(&code))
}

/// The text of every file of the real catalog, content, UI strings and
/// the benchmark's names: what the tests hold the tables to.
#[cfg(test)]
pub(crate) fn site_texts() -> Vec<(std::path::PathBuf, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut texts = Vec::new();
    for folder in ["catalog", "content", "themes/default/i18n", "bench"] {
        let mut stack = vec![root.join(folder)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push((path, text));
                }
            }
        }
    }
    texts.sort();
    texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn whole(text: &str) -> String {
        text.nfkc().collect()
    }

    fn ours(text: &str) -> String {
        nfkc(text.chars()).into_iter().collect()
    }

    #[test]
    fn every_character_of_the_blocks_is_normalized_as_nfkc_does() {
        for &(first, last) in SCOPE {
            for c in (first..=last).filter_map(char::from_u32) {
                let text = c.to_string();
                assert_eq!(ours(&text), whole(&text), "U+{:04X}", c as u32);
                assert_eq!(
                    is_combining_mark(c),
                    unicode_normalization::char::is_combining_mark(c),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn marks_compose_with_what_they_follow_as_nfkc_does() {
        let bases = [
            "e", "E", "u", "a", "か", "は", "ウ", "ｶ", "ﾊ", "ﾜ", "ｳ", "ü", "ǖ", "o", "ı", " ",
        ];
        let marks = [
            "\u{0301}",
            "\u{0308}",
            "\u{0304}",
            "\u{0323}\u{0302}",
            "\u{0302}\u{0323}",
            "\u{3099}",
            "\u{309A}",
            "\u{FF9E}",
            "\u{FF9F}",
            "\u{309B}",
            "\u{0308}\u{0301}",
            "\u{0301}\u{0308}",
            "\u{20DD}",
        ];
        for base in bases {
            for mark in marks {
                let text = format!("{base}{mark}x");
                assert_eq!(ours(&text), whole(&text), "{text:?}");
            }
        }
    }

    /// Every character of the real catalog, content and UI strings, in
    /// their own text (so also as they combine), as NFKC normalizes them.
    #[test]
    fn the_sites_own_text_is_normalized_as_nfkc_does() {
        let mut checked = 0;
        for (file, text) in site_texts() {
            for line in text.lines() {
                assert_eq!(ours(line), whole(line), "{}: {line}", file.display());
                checked += line.chars().count();
            }
        }
        assert!(checked > 100_000, "{checked} characters checked");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        /// Any mix of the blocks' characters, marks among them, in any order.
        #[test]
        fn any_text_of_the_blocks_is_normalized_as_nfkc_does(
            codes in proptest::collection::vec(
                proptest::sample::select(vec![
                    0x41_u32, 0x65, 0xE9, 0x1E9B, 0x300, 0x301, 0x308, 0x323, 0x327, 0x345,
                    0x3099, 0x309A, 0x309B, 0x304B, 0x30CF, 0x30A6, 0xFF76, 0xFF8A, 0xFF9E,
                    0xFF9F, 0x1100, 0x1161, 0x11A8, 0x320E, 0x3300, 0xF900, 0xFF21, 0x2460,
                    0x2F00, 0x1DC0, 0x20DD, 0x3000, 0x2160, 0x3B1, 0x1F71, 0x345,
                ]),
                0..12,
            ),
        ) {
            let text: String = codes.into_iter().filter_map(char::from_u32).collect();
            proptest::prop_assert_eq!(ours(&text), whole(&text), "{:?}", text);
        }
    }

    #[test]
    fn characters_outside_the_blocks_are_kept() {
        assert!(!in_scope('한'));
        assert_eq!(ours("𝐀한"), "𝐀한");
        assert_eq!(ours("ＲＳＮＡ①㈱ｶﾞ"), "RSNA1(株)ガ");
    }
}
