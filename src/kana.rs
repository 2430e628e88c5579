//! Kana readings of Japanese names, for search: members type the reading of
//! a name on a phone before converting it (かんとう for 関東, にほんかくいがく
//! かい for 日本核医学会). Each name is cut into words by lindera with the
//! IPADIC dictionary it carries, and each word read as the dictionary reads
//! it; a few words of the field that the general dictionary cuts or reads
//! otherwise are read from `DOMAIN_WORDS` first.

use lindera::tokenizer::Tokenizer;
use tanni_core::tokenizer::fold_kana;

/// Words of the field read otherwise than the general dictionary reads
/// them, with every reading a member may type: 核医学 is one word (the
/// dictionary cuts 核医学会 as 核, 医, 学会), 日本 is にほん as well as
/// にっぽん, 頭頚部 is とうけいぶ. The longest word at a place is taken.
pub const DOMAIN_WORDS: [(&str, &[&str]); 12] = [
    ("日本", &["にほん", "にっぽん"]),
    ("核医学", &["かくいがく"]),
    ("医学会", &["いがくかい"]),
    ("工学会", &["こうがくかい"]),
    ("頭頚部", &["とうけいぶ"]),
    ("頭頸部", &["とうけいぶ"]),
    ("泌尿器", &["ひにょうき"]),
    ("泌尿", &["ひにょう"]),
    ("骨軟部", &["こつなんぶ"]),
    ("軟部", &["なんぶ"]),
    ("中・四国", &["ちゅうしこく"]),
    ("高精度", &["こうせいど"]),
];

/// The most readings one name is given (a name of several words with more
/// than one reading each would have many).
pub const MAX_READINGS: usize = 4;

/// Reads names; holds the dictionary, loaded once.
pub struct Reader {
    tokenizer: Tokenizer,
}

impl Reader {
    pub fn new() -> Reader {
        Reader {
            tokenizer: Tokenizer::new().expect("the dictionary built into tanni loads"),
        }
    }

    /// The readings of a name in hiragana, at most `MAX_READINGS`; none for
    /// a name without kanji (kana is its own reading, and Latin has none).
    /// Latin words and unknown kanji break a reading into parts, separated
    /// by a space; punctuation between Japanese words does not (中国・四国
    /// reads ちゅうごくしこく).
    pub fn readings(&self, name: &str) -> Vec<String> {
        if !name.chars().any(is_kanji) {
            return Vec::new();
        }
        let mut readings = vec![String::new()];
        for part in self.parts(name) {
            let mut longer = Vec::new();
            for reading in &readings {
                for option in &part {
                    if longer.len() < MAX_READINGS {
                        longer.push(format!("{reading}{option}"));
                    }
                }
            }
            readings = longer;
        }
        let mut readings: Vec<String> = readings
            .into_iter()
            .map(|reading| reading.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|reading| !reading.is_empty())
            .collect();
        readings.dedup();
        readings
    }

    /// A name as its words, each with its readings.
    fn parts(&self, name: &str) -> Vec<Vec<String>> {
        let chars: Vec<char> = name.chars().collect();
        let mut parts = Vec::new();
        let mut plain = String::new();
        let mut at = 0;
        while at < chars.len() {
            let known = DOMAIN_WORDS
                .iter()
                .filter(|(word, _)| starts_with(&chars[at..], word))
                .max_by_key(|(word, _)| word.chars().count());
            match known {
                Some((word, readings)) => {
                    parts.extend(self.dictionary_parts(&plain));
                    plain.clear();
                    parts.push(readings.iter().map(|r| r.to_string()).collect());
                    at += word.chars().count();
                }
                None => {
                    plain.push(chars[at]);
                    at += 1;
                }
            }
        }
        parts.extend(self.dictionary_parts(&plain));
        parts
    }

    /// The words of a text as the dictionary cuts and reads them.
    fn dictionary_parts(&self, text: &str) -> Vec<Vec<String>> {
        if text.is_empty() {
            return Vec::new();
        }
        let tokens = self
            .tokenizer
            .tokenize(text)
            .expect("the tokenizer reads any text");
        tokens
            .iter()
            .map(|token| {
                let reading = token
                    .detail
                    .get(7)
                    .filter(|reading| reading.as_str() != "*" && !reading.is_empty());
                let read = match reading {
                    // The dictionary's reading, kana only (it reads ・ as ・).
                    Some(reading) => reading
                        .chars()
                        .filter(|c| is_japanese(*c))
                        .map(fold_kana)
                        .collect(),
                    // Kana is its own reading; an unknown kanji stays, so
                    // the reading around it still matches.
                    None if token.text.chars().all(is_japanese) => {
                        token.text.chars().map(fold_kana).collect()
                    }
                    // Punctuation between Japanese words is not typed.
                    None if token.text.chars().all(is_punctuation) => String::new(),
                    None => " ".to_string(),
                };
                vec![read]
            })
            .collect()
    }
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

fn starts_with(chars: &[char], word: &str) -> bool {
    let mut rest = chars.iter();
    word.chars().all(|c| rest.next() == Some(&c))
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{3005}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

fn is_japanese(c: char) -> bool {
    tanni_core::tokenizer::is_cjk(c)
}

fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader() -> &'static Reader {
        static READER: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();
        READER.get_or_init(Reader::new)
    }

    #[test]
    fn a_name_reads_as_members_type_it() {
        assert_eq!(reader().readings("関東"), ["かんとう"]);
        assert_eq!(
            reader().readings("日本核医学会"),
            ["にほんかくいがくかい", "にっぽんかくいがくかい"]
        );
        assert_eq!(
            reader().readings("日本医学放射線学会関東地方会"),
            [
                "にほんいがくほうしゃせんがっかいかんとうちほうかい",
                "にっぽんいがくほうしゃせんがっかいかんとうちほうかい"
            ]
        );
        assert_eq!(
            reader().readings("頭頸部・胸部画像研究会"),
            ["とうけいぶきょうぶがぞうけんきゅうかい"]
        );
    }

    #[test]
    fn a_field_word_does_not_cut_a_word_of_the_dictionary() {
        // No one-character entry: 肝 alone would cut 肝臓 (かん臓).
        assert!(DOMAIN_WORDS
            .iter()
            .all(|(word, _)| word.chars().count() > 1));
        assert!(reader().readings("日本肝臓学会")[0].contains("かんぞう"));
        assert!(reader().readings("日本骨軟部放射線研究会")[0].contains("こつなんぶ"));
        assert!(reader().readings("泌尿器画像診断研究会")[0].starts_with("ひにょうき"));
    }

    #[test]
    fn latin_words_separate_the_parts_of_a_reading() {
        assert_eq!(
            reader().readings("日本IVR学会"),
            ["にほん がっかい", "にっぽん がっかい"]
        );
        assert_eq!(
            reader().readings("中国・四国IVR研究会"),
            ["ちゅうごくしこく けんきゅうかい"]
        );
    }

    #[test]
    fn a_name_without_kanji_has_no_reading_of_its_own() {
        assert!(reader().readings("ミッドサマーセミナー").is_empty());
        assert!(reader().readings("RSNA").is_empty());
        assert!(reader().readings("").is_empty());
    }

    #[test]
    fn the_field_words_come_before_the_dictionary() {
        for (word, readings) in DOMAIN_WORDS {
            assert_eq!(reader().readings(word), readings, "{word}");
            assert!(readings
                .iter()
                .all(|r| r.chars().all(|c| matches!(c, 'ぁ'..='ゖ' | 'ー'))));
        }
    }
}
