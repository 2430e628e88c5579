//! Search as members use it: the queries they type find the meeting they
//! mean, and every meeting is found by its own name, in both languages
//! (where static-site search for Japanese commonly returns nothing).

use crate::common;

use common::real_site;
use std::sync::OnceLock;
use tanni::model::Lang;

use tanni::search::{build_index, build_index_split, meeting_readings, LocalSearch};

/// The engine over the real site's index of a language, built once per
/// test binary.
fn engine(lang: Lang) -> &'static LocalSearch {
    static ENGINES: OnceLock<[LocalSearch; 2]> = OnceLock::new();
    let engines = ENGINES.get_or_init(|| {
        let readings = meeting_readings(real_site());
        Lang::ALL.map(|lang| build_index(real_site(), lang, &readings).searcher())
    });
    &engines[Lang::ALL.iter().position(|l| *l == lang).unwrap()]
}

fn refs(lang: Lang, query: &str, limit: usize) -> Vec<String> {
    engine(lang)
        .search(query, limit)
        .into_iter()
        .map(|hit| hit.reference)
        .collect()
}

fn first(lang: Lang, query: &str) -> String {
    refs(lang, query, 1)
        .pop()
        .unwrap_or_else(|| panic!("{query:?} finds nothing"))
}

#[test]
fn queries_members_type_find_the_meeting_they_mean_first() {
    let cases = [
        (
            Lang::Ja,
            "日本医学放射線学会関東地方会",
            "meetings/jrs-kanto-regional-meeting/",
        ),
        (
            Lang::Ja,
            "関東地方会",
            "meetings/jrs-kanto-regional-meeting/",
        ),
        (
            Lang::Ja,
            "IVR",
            "meetings/japanese-society-of-interventional-radiology/",
        ),
        (
            Lang::Ja,
            "ｉｖｒ",
            "meetings/japanese-society-of-interventional-radiology/",
        ),
        (
            Lang::Ja,
            "Advanced CT",
            "meetings/society-of-advanced-medical-imaging/",
        ),
        (
            Lang::Ja,
            "三次元CT",
            "meetings/society-of-advanced-medical-imaging/",
        ),
        (Lang::Ja, "ECR", "meetings/ecr/"),
        (Lang::Ja, "ＲＳＮＡ", "meetings/rsna/"),
        (Lang::Ja, "北米放射線学会", "meetings/rsna/"),
        (Lang::Ja, "総会", "meetings/jrs-annual-meeting/"),
        (Lang::Ja, "秋季大会", "meetings/jrs-autumn-meeting/"),
        (
            Lang::Ja,
            "核医学",
            "meetings/japanese-society-of-nuclear-medicine/",
        ),
        (
            Lang::Ja,
            "ミッドウィンターセミナー",
            "meetings/jcr-winter-seminar/",
        ),
        (Lang::Ja, "ESTRO", "meetings/estro/"),
        (Lang::Ja, "第1著者", "rules/#credits"),
        (Lang::Ja, "更新の猶予", "rules/#postponement"),
        (Lang::Ja, "JRC", "meetings/jrs-annual-meeting/"),
        // Half-width kana with voicing marks, and variant kanji.
        (Lang::Ja, "ﾐｯﾄﾞｻﾏｰ", "meetings/jcr-midsummer-seminar/"),
        (Lang::Ja, "ｶﾞﾝﾏﾅｲﾌ", "meetings/gamma-knife-society/"),
        (
            Lang::Ja,
            "頭頚部放射線研究会",
            "meetings/head-and-neck-radiology-study-group/",
        ),
        // A former name exactly: before every prefix of "meeting".
        (
            Lang::Ja,
            "日本ME学会",
            "meetings/japanese-society-for-medical-and-biological-engineering/",
        ),
        (
            Lang::En,
            "日本ME学会",
            "meetings/japanese-society-for-medical-and-biological-engineering/",
        ),
        // Questions: particles between words, and the words of a question.
        (
            Lang::En,
            "how many credits for a paper",
            "rules/#reading-paper-year",
        ),
        // A page's exact title.
        (Lang::Ja, "更新の猶予", "rules/#postponement"),
        (
            Lang::Ja,
            "日本MRアンギオグラフィ研究会",
            "meetings/society-of-advanced-medical-imaging/",
        ),
        (
            Lang::Ja,
            "医用デジタル動画像研究会",
            "meetings/society-of-advanced-medical-imaging/",
        ),
        (
            Lang::Ja,
            "山形CT・MRI研究会",
            "meetings/yamagata-ct-mri-study-group/",
        ),
        (Lang::Ja, "専門医資格の留保", "rules/#on-hold"),
        (Lang::En, "ECR", "meetings/ecr/"),
        (Lang::En, "European Congress of Radiology", "meetings/ecr/"),
        (
            Lang::En,
            "Japan Radiology Congress",
            "meetings/jrs-annual-meeting/",
        ),
        (
            Lang::En,
            "Japan Medical Congress",
            "meetings/jams-general-assembly-lectures/",
        ),
        (
            Lang::En,
            "Asian Oceanian Congress of Radiology",
            "meetings/aocr/",
        ),
        (
            Lang::En,
            "JCR Mid-Winter Seminar",
            "meetings/jcr-winter-seminar/",
        ),
        (Lang::En, "certification on hold", "rules/#on-hold"),
        (
            Lang::En,
            "pediatric radiology",
            "meetings/japanese-society-of-pediatric-radiology/",
        ),
        (
            Lang::En,
            "Tokyo Heart",
            "meetings/tokyo-heart-imaging-club/",
        ),
        (
            Lang::En,
            "関東地方会",
            "meetings/jrs-kanto-regional-meeting/",
        ),
        (Lang::En, "postponement", "rules/#postponement"),
    ];
    for (lang, query, expected) in cases {
        assert_eq!(first(lang, query), expected, "{lang:?} {query:?}");
    }
}

#[test]
fn regional_meetings_come_first_for_chihoukai() {
    let top: Vec<String> = refs(Lang::Ja, "地方会", 6);
    for reference in &top {
        assert!(
            reference.starts_with("meetings/jrs-") && reference.ends_with("-regional-meeting/"),
            "{top:?}"
        );
    }
}

#[test]
fn english_queries_find_english_names_and_the_rules() {
    assert!(refs(Lang::En, "breast imaging", 3)
        .iter()
        .all(|r| r.contains("breast")));
    assert!(refs(Lang::En, "tokyo", 5)
        .iter()
        .all(|r| r.contains("tokyo")));
    assert!(first(Lang::En, "60 credits").starts_with("rules/#"));
    assert!(refs(Lang::En, "nuclear medicine", 3)
        .contains(&"meetings/japanese-society-of-nuclear-medicine/".to_string()));
}

#[test]
fn the_source_spellings_stay_searchable() {
    assert!(refs(Lang::Ja, "Radiotherepy", 2).contains(&"meetings/estro/".to_string()));
    assert_eq!(
        first(Lang::Ja, "Medicak"),
        "meetings/society-of-advanced-medical-imaging/"
    );
    assert_eq!(
        first(Lang::Ja, "制癌シンポジム"),
        "meetings/jastro-biology-section-meeting/"
    );
}

/// mdBook's search returns nothing even for a page's exact Japanese title:
/// here every meeting is found by its own name, in each language.
#[test]
fn every_meeting_is_found_by_its_own_name() {
    let site = real_site();
    for lang in Lang::ALL {
        let search = engine(lang);
        for meeting in &site.catalog.meetings {
            let name = meeting.name.get(lang);
            let wanted = format!("meetings/{}/", meeting.id);
            let hits: Vec<String> = search
                .search(name, 5)
                .into_iter()
                .map(|hit| hit.reference)
                .collect();
            assert!(
                hits.contains(&wanted),
                "{lang:?}: {name:?} does not find {wanted} in its first 5: {hits:?}"
            );
            // Outranked only by a meeting whose name holds this one whole: the
            // other listing of a meeting printed twice, or a longer name.
            let first = site
                .catalog
                .meetings
                .iter()
                .find(|m| format!("meetings/{}/", m.id) == hits[0])
                .unwrap();
            let normalized = |text: &str| tanni_core::tokenizer::tokenize(text).join(" ");
            assert!(
                hits[0] == wanted || normalized(first.name.get(lang)).contains(&normalized(name)),
                "{lang:?}: {name:?} finds {} first",
                hits[0]
            );
        }
    }
}

/// Synonyms of `catalog/synonyms.toml` cross languages: an abbreviation or a
/// term in one language finds the meeting named in the other.
#[test]
fn synonyms_carry_a_query_across_languages() {
    for (lang, query, wanted) in [
        (
            Lang::En,
            "IVR",
            "meetings/japanese-society-of-interventional-radiology/",
        ),
        (
            Lang::En,
            "磁気共鳴",
            "meetings/japanese-society-for-magnetic-resonance-in-medicine/",
        ),
        (
            Lang::Ja,
            "breast",
            "meetings/breast-imaging-and-intervention-study-group/",
        ),
    ] {
        let found = refs(lang, query, 3);
        assert!(
            found.iter().any(|r| r == wanted),
            "{lang:?} {query:?}: {found:?}"
        );
    }
}

/// A slip (会 typed as 界, a letter dropped) finds what was meant, marked as
/// found by a correction; what matches as typed is never marked.
#[test]
fn a_slip_finds_what_was_meant_and_says_it_was_corrected() {
    for (lang, query, corrected, wanted, within) in [
        (
            Lang::Ja,
            "日本核医学界",
            "日本核医学会",
            "meetings/japanese-society-of-nuclear-medicine/",
            1,
        ),
        (
            Lang::En,
            "日本核医学界",
            "日本核医学会",
            "meetings/japanese-society-of-nuclear-medicine/",
            1,
        ),
        (
            Lang::Ja,
            "日本核医学学会",
            "日本核医学会",
            "meetings/japanese-society-of-nuclear-medicine/",
            1,
        ),
        (
            Lang::Ja,
            "Neuroradiolgy",
            "Neuroradiology",
            "meetings/japanese-society-of-neuroradiology/",
            3,
        ),
        (
            Lang::En,
            "Neuroradiolgy",
            "Neuroradiology",
            "meetings/japanese-society-of-neuroradiology/",
            3,
        ),
        (
            Lang::En,
            "Japanese Society of Neuroradiolgy",
            "Japanese Society of Neuroradiology",
            "meetings/japanese-society-of-neuroradiology/",
            1,
        ),
    ] {
        let found = engine(lang).find(query, within);
        assert_eq!(
            found.did_you_mean.as_deref(),
            Some(corrected),
            "{lang:?} {query:?}"
        );
        assert!(
            found.hits.iter().any(|hit| hit.reference == wanted),
            "{lang:?} {query:?}: {:?}",
            found.hits
        );
        assert!(found.hits.iter().all(|hit| hit.approximate));
    }
    let exact = engine(Lang::Ja).find("日本核医学会", 5);
    assert_eq!(exact.did_you_mean, None);
    assert!(exact.hits.iter().all(|hit| !hit.approximate));
}

/// A query the site holds no answer to finds nothing, slips read or not:
/// a word with no near word in the index is not turned into another.
#[test]
fn a_query_the_site_cannot_answer_finds_nothing() {
    for (lang, query) in [
        (Lang::Ja, "宇宙放射線学会"),
        (Lang::Ja, "歯科放射線学会"),
        (Lang::Ja, "獣医画像診断"),
        (Lang::Ja, "核医学放射線学界"),
        (Lang::En, "space radiology congress"),
        (Lang::En, "dental radiology"),
        (Lang::En, "veterinary imaging"),
        (Lang::En, "mamography"),
        (Lang::En, "zzzzqqq"),
    ] {
        let found = engine(lang).find(query, 10);
        assert!(
            found.hits.is_empty() && found.did_you_mean.is_none(),
            "{lang:?} {query:?}: {found:?}"
        );
    }
}

/// A name typed as its reading, in hiragana or katakana, finds it: members
/// type the reading on a phone before converting it.
#[test]
fn a_name_typed_as_its_reading_finds_it() {
    for (query, wanted, within) in [
        (
            "かんとうちほうかい",
            "meetings/jrs-kanto-regional-meeting/",
            1,
        ),
        (
            "カントウチホウカイ",
            "meetings/jrs-kanto-regional-meeting/",
            1,
        ),
        (
            "にほんかくいがくかい",
            "meetings/japanese-society-of-nuclear-medicine/",
            1,
        ),
        (
            "にっぽんかくいがくかい",
            "meetings/japanese-society-of-nuclear-medicine/",
            1,
        ),
        (
            "にほんいがくほうしゃせんがっかいそうかい",
            "meetings/jrs-annual-meeting/",
            1,
        ),
        (
            "ひにょうき",
            "meetings/genitourinary-imaging-study-group-tokyo/",
            1,
        ),
        ("みっどさまー", "meetings/jcr-midsummer-seminar/", 1),
    ] {
        for lang in Lang::ALL {
            let found = refs(lang, query, within);
            assert!(
                found.iter().any(|r| r == wanted),
                "{lang:?} {query:?}: {found:?}"
            );
        }
    }
}

/// A reading typed alone finds the names that hold it, not names whose
/// readings hold its syllables scattered (かんとう is not in 東京レントゲン
/// カンファレンス).
#[test]
fn a_short_reading_finds_the_names_that_hold_it() {
    for (query, place) in [("かんとう", "kanto"), ("とうかい", "tokai")] {
        let found = refs(Lang::Ja, query, 3);
        assert_eq!(found.len(), 3);
        assert!(
            found.iter().all(|r| r.contains(place)),
            "{query}: {found:?}"
        );
    }
}

/// Two words the index holds as one are found as one: "mid-summer".
#[test]
fn two_words_written_as_one_find_the_one() {
    assert_eq!(
        first(Lang::En, "mid-summer seminar"),
        "meetings/jcr-midsummer-seminar/"
    );
    assert_eq!(
        first(Lang::En, "mid summer"),
        "meetings/jcr-midsummer-seminar/"
    );
}

/// Questions typed as sentences reach the section of the rules that
/// answers them: the particles and the words of a question are dropped.
#[test]
fn rule_questions_reach_the_rules() {
    for (lang, query, answers) in [
        (
            Lang::Ja,
            "更新に必要な単位",
            &["rules/#credits", "rules/#earning-credits"][..],
        ),
        (Lang::Ja, "論文の単位", &["rules/#credits"][..]),
        (Lang::Ja, "論文は何単位ですか", &["rules/#credits"][..]),
        (
            Lang::En,
            "how many credits for a paper",
            &["rules/#credits"][..],
        ),
        (Lang::En, "paper credits", &["rules/#credits"][..]),
    ] {
        let found = refs(lang, query, 3);
        assert!(
            found.iter().any(|r| answers.contains(&r.as_str())),
            "{lang:?} {query:?}: {found:?}"
        );
    }
    // Not the meetings marked required: the section on the 40 required
    // credits.
    assert_eq!(
        first(Lang::En, "required credits"),
        "rules/#reading-designated"
    );
}

/// The shards a query fetches hold all it needs: split into far smaller
/// shards, the index finds the same documents, in the same order, with the
/// same scores, for the benchmark's queries, slips and every meeting's
/// names.
#[test]
fn the_ranking_is_the_same_however_finely_the_index_is_split() {
    let site = real_site();
    let readings = meeting_readings(site);
    let listed: toml::Value =
        toml::from_str(include_str!("../../bench/search_queries.toml")).unwrap();
    let mut queries: Vec<(Lang, String)> = listed["query"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let lang = if q["lang"].as_str() == Some("ja") {
                Lang::Ja
            } else {
                Lang::En
            };
            (lang, q["text"].as_str().unwrap().to_string())
        })
        .collect();
    for lang in Lang::ALL {
        for query in [
            "日本核医学界",
            "Neuroradiolgy",
            "かくいがく",
            "核",
            "r",
            "地方会 関東",
            "IVR",
            "MRI",
        ] {
            queries.push((lang, query.to_string()));
        }
        for meeting in site.catalog.meetings.iter().step_by(5) {
            queries.push((lang, meeting.name.get(lang).to_string()));
        }
    }
    for lang in Lang::ALL {
        let whole = &engine(lang);
        let fine = build_index_split(site, lang, &readings, 512);
        assert!(
            fine.files.len() > 4 * whole_file_count(lang),
            "the fine split has many more files"
        );
        let fine = fine.searcher();
        for (_, query) in queries.iter().filter(|(l, _)| *l == lang) {
            assert_eq!(whole.find(query, 50), fine.find(query, 50), "{query}");
        }
    }
}

fn whole_file_count(lang: Lang) -> usize {
    build_index(real_site(), lang, &meeting_readings(real_site()))
        .files
        .len()
}
