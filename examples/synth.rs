//! A synthetic site for measuring tanni at scale: writes a complete site
//! project (site.toml, catalog/, content/, themes/) with N made-up meetings,
//! cloned and varied from the real catalog, deterministically.
//!
//! ```text
//! cargo run --release --example synth -- --meetings 10000 --out /tmp/synth10k
//! tanni check --root /tmp/synth10k && tanni build --root /tmp/synth10k
//! ```
//!
//! The meetings that rules.toml names keep their real entries; every other
//! meeting is a variant of a real one (its category, subcategory or region,
//! its kind of name, its credits), so that the categories keep the real
//! catalog's shares: 416 meetings have exactly the real distribution. The
//! same arguments write byte-identical files, and a smaller N writes a
//! prefix of a larger one's meetings.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, ensure, Context, Result};
use clap::Parser;
use serde::Deserialize;

/// The file that marks a folder as written by this program; only such a
/// folder (or an empty one) is written to.
const MARKER: &str = ".tanni-synth";
const MARKER_FIRST_LINE: &str = "Written by tanni's examples/synth.rs.";
/// What this program writes in its folder and removes before writing again.
const OWNED: [&str; 4] = ["site.toml", "catalog", "content", "themes"];

#[derive(Parser)]
#[command(
    about = "Writes a synthetic tanni site: N meetings varied from the real catalog, with the real content and theme."
)]
struct Args {
    /// How many meetings to write (at least the number rules.toml names)
    #[arg(long)]
    meetings: usize,
    /// The folder to write the site project into: empty, new, or written by
    /// synth before
    #[arg(long)]
    out: PathBuf,
    /// The seed of the variations
    #[arg(long, default_value_t = 0x5EED_2012_0326)]
    seed: u64,
    /// The real site to read the catalog, content and theme from
    #[arg(long, default_value = env!("CARGO_MANIFEST_DIR"))]
    from: PathBuf,
}

// ---------------------------------------------------------------------------
// The real site, as read.

#[derive(Deserialize, Clone, Debug)]
struct Text {
    ja: String,
    en: String,
}

impl Text {
    fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            ja: ja.into(),
            en: en.into(),
        }
    }
}

#[derive(Deserialize)]
struct RealFlag {
    kind: String,
    ja: String,
    en: String,
}

#[derive(Deserialize)]
struct RealMeeting {
    id: String,
    name: Text,
    category: u8,
    subcategory: Option<String>,
    region: Option<String>,
    credits: Option<u32>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    former_names: Vec<Text>,
    #[serde(default)]
    aliases: Vec<String>,
    source: Vec<String>,
    #[serde(default)]
    flags: Vec<RealFlag>,
}

#[derive(Deserialize)]
struct MeetingFile {
    #[serde(default)]
    meeting: Vec<RealMeeting>,
}

#[derive(Deserialize)]
struct RealGroup {
    id: String,
    name: Text,
}

#[derive(Deserialize)]
struct RealCategory {
    id: u8,
    name: Text,
    #[serde(default)]
    regions: Vec<RealGroup>,
}

#[derive(Deserialize)]
struct CategoriesFile {
    category: Vec<RealCategory>,
}

struct Real {
    site_toml: String,
    theme: String,
    categories_toml: String,
    categories: Vec<RealCategory>,
    rules_toml: String,
    synonyms_toml: Option<String>,
    meetings: Vec<RealMeeting>,
    /// The ids rules.toml names, which must stay in the catalog.
    anchors: Vec<String>,
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

impl Real {
    fn load(root: &Path) -> Result<Real> {
        let site_toml = read(&root.join("site.toml"))?;
        let site: toml::Table = toml::from_str(&site_toml).context("site.toml")?;
        let theme = site
            .get("theme")
            .and_then(toml::Value::as_str)
            .context("site.toml names no theme")?
            .to_owned();
        ensure!(
            !theme.is_empty()
                && theme
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "site.toml's theme `{theme}` is not a folder name"
        );

        let catalog = root.join("catalog");
        let categories_toml = read(&catalog.join("categories.toml"))?;
        let categories: CategoriesFile =
            toml::from_str(&categories_toml).context("catalog/categories.toml")?;
        let rules_toml = read(&catalog.join("rules.toml"))?;
        let rules: toml::Table = toml::from_str(&rules_toml).context("catalog/rules.toml")?;
        let synonyms = catalog.join("synonyms.toml");
        let synonyms_toml = synonyms.exists().then(|| read(&synonyms)).transpose()?;

        let mut files: Vec<PathBuf> = fs::read_dir(catalog.join("meetings"))
            .context("cannot list catalog/meetings")?
            .map(|entry| entry.map(|entry| entry.path()))
            .collect::<Result<_, _>>()?;
        files.retain(|path| path.extension().is_some_and(|ext| ext == "toml"));
        files.sort();
        let mut meetings = Vec::new();
        for path in &files {
            let file: MeetingFile =
                toml::from_str(&read(path)?).with_context(|| path.display().to_string())?;
            meetings.extend(file.meeting);
        }
        ensure!(!meetings.is_empty(), "the real catalog has no meetings");

        let mut anchors: Vec<String> = Vec::new();
        let named = |table: Option<&toml::Table>, key: &str| -> Vec<String> {
            table
                .and_then(|table| table.get(key))
                .and_then(toml::Value::as_array)
                .map(|ids| {
                    ids.iter()
                        .filter_map(|id| id.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let readings = rules.get("readings").and_then(toml::Value::as_table);
        for id in named(Some(&rules), "main_meetings")
            .into_iter()
            .chain(named(readings, "regulation_table"))
        {
            ensure!(
                meetings.iter().any(|meeting| meeting.id == id),
                "rules.toml names `{id}`, which the real catalog does not hold"
            );
            if !anchors.contains(&id) {
                anchors.push(id);
            }
        }

        Ok(Real {
            site_toml,
            theme,
            categories_toml,
            categories: categories.category,
            rules_toml,
            synonyms_toml,
            meetings,
            anchors,
        })
    }

    fn category(&self, id: u8) -> Option<&RealCategory> {
        self.categories.iter().find(|category| category.id == id)
    }

    fn region_name(&self, region: &str) -> Option<&Text> {
        self.categories
            .iter()
            .flat_map(|category| &category.regions)
            .find(|group| group.id == region)
            .map(|group| &group.name)
    }
}

// ---------------------------------------------------------------------------
// A small seeded generator: splitmix64.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with a probability of `per_mille` in a thousand.
    fn per_mille(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------
// Vocabulary: places by region, topics, kinds of meeting.

/// (Japanese, English, a prefecture that takes 県)
type Place = (&'static str, &'static str, bool);

const NORTH: &[Place] = &[
    ("札幌", "Sapporo", false),
    ("旭川", "Asahikawa", false),
    ("函館", "Hakodate", false),
    ("釧路", "Kushiro", false),
    ("帯広", "Obihiro", false),
    ("北海道", "Hokkaido", false),
    ("道北", "Dohoku", false),
    ("道南", "Donan", false),
    ("青森", "Aomori", true),
    ("弘前", "Hirosaki", false),
    ("八戸", "Hachinohe", false),
    ("岩手", "Iwate", true),
    ("盛岡", "Morioka", false),
    ("秋田", "Akita", true),
    ("宮城", "Miyagi", true),
    ("仙台", "Sendai", false),
    ("山形", "Yamagata", true),
    ("福島", "Fukushima", true),
    ("郡山", "Koriyama", false),
    ("いわき", "Iwaki", false),
    ("新潟", "Niigata", true),
    ("長岡", "Nagaoka", false),
    ("東北", "Tohoku", false),
    ("みちのく", "Michinoku", false),
];

const KANTO: &[Place] = &[
    ("東京", "Tokyo", false),
    ("多摩", "Tama", false),
    ("城南", "Jonan", false),
    ("神奈川", "Kanagawa", true),
    ("横浜", "Yokohama", false),
    ("川崎", "Kawasaki", false),
    ("相模原", "Sagamihara", false),
    ("湘南", "Shonan", false),
    ("千葉", "Chiba", true),
    ("船橋", "Funabashi", false),
    ("柏", "Kashiwa", false),
    ("埼玉", "Saitama", true),
    ("大宮", "Omiya", false),
    ("川越", "Kawagoe", false),
    ("茨城", "Ibaraki", true),
    ("水戸", "Mito", false),
    ("つくば", "Tsukuba", false),
    ("栃木", "Tochigi", true),
    ("宇都宮", "Utsunomiya", false),
    ("群馬", "Gunma", true),
    ("前橋", "Maebashi", false),
    ("高崎", "Takasaki", false),
    ("山梨", "Yamanashi", true),
    ("甲府", "Kofu", false),
    ("長野", "Nagano", true),
    ("松本", "Matsumoto", false),
    ("信州", "Shinshu", false),
    ("関東", "Kanto", false),
];

const CHUBU: &[Place] = &[
    ("名古屋", "Nagoya", false),
    ("愛知", "Aichi", true),
    ("尾張", "Owari", false),
    ("三河", "Mikawa", false),
    ("豊橋", "Toyohashi", false),
    ("岡崎", "Okazaki", false),
    ("岐阜", "Gifu", true),
    ("三重", "Mie", true),
    ("四日市", "Yokkaichi", false),
    ("静岡", "Shizuoka", true),
    ("浜松", "Hamamatsu", false),
    ("沼津", "Numazu", false),
    ("富山", "Toyama", true),
    ("石川", "Ishikawa", true),
    ("金沢", "Kanazawa", false),
    ("福井", "Fukui", true),
    ("東海", "Tokai", false),
    ("北陸", "Hokuriku", false),
    ("中部", "Chubu", false),
];

const KANSAI: &[Place] = &[
    ("大阪", "Osaka", false),
    ("北摂", "Hokusetsu", false),
    ("堺", "Sakai", false),
    ("泉州", "Senshu", false),
    ("京都", "Kyoto", false),
    ("京滋", "Keiji", false),
    ("滋賀", "Shiga", true),
    ("大津", "Otsu", false),
    ("兵庫", "Hyogo", true),
    ("神戸", "Kobe", false),
    ("阪神", "Hanshin", false),
    ("播磨", "Harima", false),
    ("姫路", "Himeji", false),
    ("淡路", "Awaji", false),
    ("奈良", "Nara", true),
    ("和歌山", "Wakayama", true),
    ("近畿", "Kinki", false),
    ("関西", "Kansai", false),
    ("上方", "Kamigata", false),
];

const CHUGOKU_SHIKOKU: &[Place] = &[
    ("広島", "Hiroshima", true),
    ("福山", "Fukuyama", false),
    ("呉", "Kure", false),
    ("岡山", "Okayama", true),
    ("倉敷", "Kurashiki", false),
    ("山口", "Yamaguchi", true),
    ("下関", "Shimonoseki", false),
    ("鳥取", "Tottori", true),
    ("米子", "Yonago", false),
    ("島根", "Shimane", true),
    ("松江", "Matsue", false),
    ("出雲", "Izumo", false),
    ("山陰", "San'in", false),
    ("山陽", "San'yo", false),
    ("徳島", "Tokushima", true),
    ("香川", "Kagawa", true),
    ("高松", "Takamatsu", false),
    ("愛媛", "Ehime", true),
    ("松山", "Matsuyama", false),
    ("高知", "Kochi", true),
    ("四国", "Shikoku", false),
    ("中国四国", "Chugoku-Shikoku", false),
];

const KYUSHU: &[Place] = &[
    ("福岡", "Fukuoka", true),
    ("北九州", "Kitakyushu", false),
    ("久留米", "Kurume", false),
    ("筑後", "Chikugo", false),
    ("筑豊", "Chikuho", false),
    ("佐賀", "Saga", true),
    ("長崎", "Nagasaki", true),
    ("佐世保", "Sasebo", false),
    ("熊本", "Kumamoto", true),
    ("肥後", "Higo", false),
    ("大分", "Oita", true),
    ("別府", "Beppu", false),
    ("宮崎", "Miyazaki", true),
    ("鹿児島", "Kagoshima", true),
    ("沖縄", "Okinawa", true),
    ("那覇", "Naha", false),
    ("九州", "Kyushu", false),
    ("火の国", "Hinokuni", false),
];

const REGIONS: [(&str, &[Place]); 6] = [
    ("north", NORTH),
    ("kanto", KANTO),
    ("chubu", CHUBU),
    ("kansai", KANSAI),
    ("chugoku-shikoku", CHUGOKU_SHIKOKU),
    ("kyushu", KYUSHU),
];

fn places(region: &str) -> &'static [Place] {
    REGIONS
        .iter()
        .find(|(id, _)| *id == region)
        .map_or(KANTO, |(_, places)| places)
}

/// The regional chapters of national societies (…地方会), by region.
const CHAPTERS: [(&str, &[(&str, &str)]); 6] = [
    (
        "north",
        &[
            ("北日本", "North Japan"),
            ("北海道", "Hokkaido"),
            ("東北", "Tohoku"),
        ],
    ),
    (
        "kanto",
        &[("関東", "Kanto"), ("関東甲信越", "Kanto-Koshinetsu")],
    ),
    (
        "chubu",
        &[("中部", "Chubu"), ("東海", "Tokai"), ("北陸", "Hokuriku")],
    ),
    ("kansai", &[("近畿", "Kinki"), ("関西", "Kansai")]),
    ("chugoku-shikoku", &[("中国・四国", "Chugoku-Shikoku")]),
    ("kyushu", &[("九州", "Kyushu")]),
];

fn chapters(region: &str) -> &'static [(&'static str, &'static str)] {
    CHAPTERS
        .iter()
        .find(|(id, _)| *id == region)
        .map_or(CHAPTERS[1].1, |(_, chapters)| chapters)
}

const DIRECTIONS: [(&str, &str); 4] = [
    ("東部", "Eastern"),
    ("西部", "Western"),
    ("南部", "Southern"),
    ("北部", "Northern"),
];

/// Fields of radiology, in the words the real names use.
const TOPICS: &[(&str, &str)] = &[
    ("腹部画像", "Abdominal Imaging"),
    ("胸部画像", "Chest Imaging"),
    ("神経放射線", "Neuroradiology"),
    ("頭頸部画像", "Head and Neck Imaging"),
    ("骨軟部画像", "Musculoskeletal Imaging"),
    ("乳腺画像", "Breast Imaging"),
    ("小児画像", "Pediatric Imaging"),
    ("心臓血管画像", "Cardiovascular Imaging"),
    ("泌尿器画像", "Genitourinary Imaging"),
    ("婦人科画像", "Gynecologic Imaging"),
    ("救急画像", "Emergency Imaging"),
    ("核医学", "Nuclear Medicine"),
    ("PET", "PET"),
    ("分子イメージング", "Molecular Imaging"),
    ("MRI", "MRI"),
    ("MR画像", "MR Imaging"),
    ("CT", "CT"),
    ("MDCT", "MDCT"),
    ("超音波", "Ultrasound"),
    ("IVR", "IVR"),
    ("血管内治療", "Endovascular Therapy"),
    ("放射線治療", "Radiotherapy"),
    ("放射線腫瘍", "Radiation Oncology"),
    ("粒子線治療", "Particle Therapy"),
    ("小線源治療", "Brachytherapy"),
    ("定位放射線治療", "Stereotactic Radiotherapy"),
    ("画像診断", "Diagnostic Imaging"),
    ("放射線診断", "Diagnostic Radiology"),
    ("医学物理", "Medical Physics"),
    ("肝胆膵画像", "Hepatobiliary and Pancreatic Imaging"),
    ("消化管画像", "Gastrointestinal Imaging"),
    ("肺癌画像", "Lung Cancer Imaging"),
    ("脳卒中画像", "Stroke Imaging"),
    ("画像病理", "Radiologic-Pathologic Correlation"),
    ("AI画像診断", "AI in Diagnostic Imaging"),
    ("放射線安全", "Radiation Safety"),
    ("腫瘍画像", "Oncologic Imaging"),
    ("心臓核医学", "Nuclear Cardiology"),
    ("脳神経画像", "Neuroimaging"),
    ("内分泌画像", "Endocrine Imaging"),
];

/// Fields of radiation oncology, for JASTRO's sections and seminars.
const RT_TOPICS: &[(&str, &str)] = &[
    ("放射線治療", "Radiotherapy"),
    ("放射線生物学", "Radiation Biology"),
    ("粒子線治療", "Particle Therapy"),
    ("小線源治療", "Brachytherapy"),
    ("定位放射線治療", "Stereotactic Radiotherapy"),
    ("医学物理", "Medical Physics"),
    ("高精度放射線治療", "High-Precision Radiotherapy"),
    ("緩和照射", "Palliative Radiotherapy"),
    ("小児がん放射線治療", "Pediatric Cancer Radiotherapy"),
    ("頭頸部がん放射線治療", "Head and Neck Cancer Radiotherapy"),
    ("前立腺がん放射線治療", "Prostate Cancer Radiotherapy"),
    ("乳がん放射線治療", "Breast Cancer Radiotherapy"),
    ("肺がん放射線治療", "Lung Cancer Radiotherapy"),
    ("画像誘導放射線治療", "Image-Guided Radiotherapy"),
    ("強度変調放射線治療", "Intensity-Modulated Radiotherapy"),
    ("ハイパーサーミア", "Hyperthermia"),
    ("核医学治療", "Radionuclide Therapy"),
];

/// Kinds of a regional meeting (the last words of its name).
const KINDS: &[(&str, &str)] = &[
    ("研究会", "Study Group"),
    ("懇話会", "Forum"),
    ("カンファレンス", "Conference"),
    ("セミナー", "Seminar"),
    ("勉強会", "Study Meeting"),
    ("談話会", "Discussion Group"),
    ("症例検討会", "Case Conference"),
    ("学術講演会", "Scientific Lecture Meeting"),
    ("読影会", "Film Reading Session"),
    ("の会", "Meeting"),
];

/// Kinds of an event of a society (its sections, courses and seminars).
const EVENTS: &[(&str, &str)] = &[
    ("部会", "Section"),
    ("セミナー", "Seminar"),
    ("教育講演会", "Educational Lecture"),
    ("ハンズオンセミナー", "Hands-on Seminar"),
    ("リフレッシャーコース", "Refresher Course"),
    ("ワークショップ", "Workshop"),
    ("夏季セミナー", "Summer Seminar"),
    ("冬季セミナー", "Winter Seminar"),
    ("症例検討会", "Case Conference"),
    ("講習会", "Training Course"),
];

/// Kinds of an international course.
const COURSES: &[&str] = &[
    "Course",
    "Symposium",
    "Workshop",
    "Summit",
    "School",
    "Masterclass",
    "Review Course",
    "Update Course",
    "Spotlight Course",
];

const CITIES: &[&str] = &[
    "Vienna",
    "Chicago",
    "Seoul",
    "Singapore",
    "Melbourne",
    "Boston",
    "Barcelona",
    "Toronto",
    "Honolulu",
    "Paris",
    "Berlin",
    "Bangkok",
    "Taipei",
    "Sydney",
    "San Diego",
    "Amsterdam",
];

/// Words an acronym skips.
const MINOR_WORDS: [&str; 7] = ["of", "and", "the", "for", "in", "on", "to"];

// ---------------------------------------------------------------------------
// A synthetic meeting.

struct Flag {
    kind: &'static str,
    ja: String,
    en: String,
}

struct Meeting {
    id: String,
    name: Text,
    category: u8,
    subcategory: Option<String>,
    region: Option<String>,
    credits: Option<u32>,
    required: bool,
    former_names: Vec<Text>,
    aliases: Vec<String>,
    source: Vec<String>,
    flags: Vec<Flag>,
}

impl Meeting {
    fn file_name(&self) -> String {
        match &self.region {
            Some(region) => format!("{:02}-{region}.toml", self.category),
            None => format!("{:02}.toml", self.category),
        }
    }
}

/// A proposed name and what goes with it.
struct Draft {
    name: Text,
    former_names: Vec<Text>,
    /// A short Japanese form members might type (the name without its kind).
    short: Option<String>,
    /// Where a name's kind ends the name, to garble it as the source might.
    kind_ja: Option<&'static str>,
    /// The region of a place named that is not the meeting's region.
    doubtful: Option<(&'static str, &'static str)>,
}

impl Draft {
    fn plain(ja: String, en: String) -> Self {
        Draft {
            name: Text::new(ja, en),
            former_names: Vec::new(),
            short: None,
            kind_ja: None,
            doubtful: None,
        }
    }
}

fn topic(rng: &mut Rng, topics: &[(&'static str, &'static str)], pair_per_mille: u64) -> Text {
    let (ja, en) = *rng.pick(topics);
    if rng.per_mille(pair_per_mille) {
        let (ja2, en2) = *rng.pick(topics);
        if ja2 != ja && !en.contains(" and ") && !en2.contains(" and ") {
            return Text::new(format!("{ja}・{ja2}"), format!("{en} and {en2}"));
        }
    }
    Text::new(ja, en)
}

/// The English name of a society without "Annual Meeting of the".
fn society_en(en: &str) -> &str {
    en.strip_prefix("Annual Meeting of the ").unwrap_or(en)
}

struct Synth<'a> {
    real: &'a Real,
    credits: HashMap<String, Vec<Option<u32>>>,
    ids: HashSet<String>,
    names_ja: HashSet<String>,
    names_en: HashSet<String>,
}

fn group_key(category: u8, subcategory: Option<&str>, region: Option<&str>) -> String {
    subcategory
        .or(region)
        .map_or_else(|| category.to_string(), str::to_owned)
}

impl<'a> Synth<'a> {
    fn new(real: &'a Real) -> Self {
        let mut credits: HashMap<String, Vec<Option<u32>>> = HashMap::new();
        for meeting in &real.meetings {
            credits
                .entry(group_key(
                    meeting.category,
                    meeting.subcategory.as_deref(),
                    meeting.region.as_deref(),
                ))
                .or_default()
                .push(meeting.credits);
        }
        Synth {
            real,
            credits,
            ids: HashSet::new(),
            names_ja: HashSet::new(),
            names_en: HashSet::new(),
        }
    }

    /// A real meeting as it is (one that rules.toml names).
    fn keep(&mut self, real: &RealMeeting) -> Meeting {
        self.ids.insert(real.id.clone());
        self.names_ja.insert(real.name.ja.clone());
        self.names_en.insert(real.name.en.clone());
        Meeting {
            id: real.id.clone(),
            name: real.name.clone(),
            category: real.category,
            subcategory: real.subcategory.clone(),
            region: real.region.clone(),
            credits: real.credits,
            required: real.required,
            former_names: real.former_names.clone(),
            aliases: real.aliases.clone(),
            source: real.source.clone(),
            flags: real
                .flags
                .iter()
                .filter(|flag| flag.kind != "listed-twice")
                .filter_map(|flag| {
                    let kind = [
                        "no-value",
                        "value-unlinked",
                        "region-doubtful",
                        "rename-unconfirmed",
                        "name-unclear",
                    ]
                    .into_iter()
                    .find(|kind| *kind == flag.kind)?;
                    Some(Flag {
                        kind,
                        ja: flag.ja.clone(),
                        en: flag.en.clone(),
                    })
                })
                .collect(),
        }
    }

    /// A new meeting made from a real one.
    fn vary(&mut self, template: &RealMeeting, rng: &mut Rng) -> Meeting {
        let draft = self.unique_draft(template, rng);
        let category = template.category;
        let subcategory = template.subcategory.clone();
        let region = template.region.clone();
        let no_value_group = subcategory.as_deref() == Some("3-2");

        let key = group_key(category, subcategory.as_deref(), region.as_deref());
        let credits = if no_value_group || rng.per_mille(8) {
            None
        } else {
            *rng.pick(&self.credits[&key])
        };
        let required = template.required && credits.is_some() && rng.per_mille(250);

        let mut aliases = Vec::new();
        if rng.per_mille(180) {
            let acronym = acronym(&draft.name.en);
            match (rng.below(3), acronym, &draft.short) {
                (0, Some(acronym), _) => aliases.push(acronym),
                (1, _, Some(short)) => aliases.push(short.clone()),
                (_, acronym, short) => {
                    aliases.extend(acronym);
                    aliases.extend(short.clone());
                }
            }
        }

        let name = draft.name;
        let former_names = draft.former_names;
        let mut flags = Vec::new();
        let mut source_name = name.ja.clone();
        let mut rename_mark = !former_names.is_empty() && rng.per_mille(500);
        let mut questioned = false;

        if credits.is_none() {
            flags.push(if no_value_group {
                Flag {
                    kind: "no-value",
                    ja: "3-2「JRS（日医放秋季臨床大会併催）」の研究会として名称のみが記載され、単位数の記載はない。".into(),
                    en: "Listed under 3-2 (held together with the JRS autumn clinical meeting) by name only; the source gives no credit value.".into(),
                }
            } else {
                Flag {
                    kind: "no-value",
                    ja: "原典には名称のみが記載され、単位数の記載はない。".into(),
                    en: "The source prints the name only, with no credit value.".into(),
                }
            });
        }
        if let (Some((place_ja, place_en)), Some(region)) = (draft.doubtful, &region) {
            let listed = self.real.region_name(region).cloned();
            let home = REGIONS
                .iter()
                .find(|(_, places)| places.iter().any(|(ja, _, _)| *ja == place_ja))
                .and_then(|(id, _)| self.real.region_name(id))
                .cloned();
            if let (Some(listed), Some(home)) = (listed, home) {
                flags.push(Flag {
                    kind: "region-doubtful",
                    ja: format!(
                        "{place_ja}は{}にあるが、原典ではこの集会が{}に掲載されている。原典どおり{}としている。",
                        home.ja, listed.ja, listed.ja
                    ),
                    en: format!(
                        "{place_en} is in {}, but the source lists this meeting under {}. The catalog keeps {} as the source has it.",
                        home.en, listed.en, listed.en
                    ),
                });
            }
        }
        if rng.per_mille(8) {
            if let Some(garbled) = garble(&name.ja, draft.kind_ja) {
                flags.push(Flag {
                    kind: "name-unclear",
                    ja: format!(
                        "原典では「{garbled}」と印字されており、PDF抽出時の崩れと考えられる。「{}」を名称とし、原典どおりの表記を別名に残した。",
                        name.ja
                    ),
                    en: format!(
                        "The source prints the name as {garbled}, probably garbled when the PDF was extracted. The catalog reads it as {} and keeps the printed spelling as an alias.",
                        name.en
                    ),
                });
                source_name.clone_from(&garbled);
                aliases.push(garbled);
            }
        }
        if former_names.is_empty() && rng.per_mille(10) {
            rename_mark = true;
            flags.push(Flag {
                kind: "rename-unconfirmed",
                ja: "原典には（名称変更）の印があるが、旧名称が書かれていない。".into(),
                en: "The source marks a name change (名称変更) but gives no former name.".into(),
            });
        } else if former_names.len() == 1 && rng.per_mille(40) {
            questioned = true;
            flags.push(Flag {
                kind: "rename-unconfirmed",
                ja: format!(
                    "原典は旧名称「{}」からの名称変更を疑問符付きで記す。現名称を「{}」と読んだ。",
                    former_names[0].ja, name.ja
                ),
                en: format!(
                    "The source prints the rename from {} with a question mark. The catalog reads the current name as {}.",
                    former_names[0].en, name.en
                ),
            });
        }
        aliases.dedup();

        // The seed line, as the source prints such an entry.
        if rename_mark {
            source_name.push_str("（名称変更）");
        }
        for former in &former_names {
            source_name.push_str(if rng.per_mille(500) {
                "　←　"
            } else {
                "　←"
            });
            source_name.push_str(&former.ja);
        }
        if questioned {
            source_name.push_str("　？");
        }
        if required {
            source_name.push_str(" 必須");
        }
        let source = match credits {
            Some(credits) if rng.per_mille(20) => {
                flags.push(Flag {
                    kind: "value-unlinked",
                    ja: format!(
                        "原典では「{}」の次の行に、名称のない値「{credits}」だけの行がある。この値を本項目の単位数と読んだ。",
                        name.ja
                    ),
                    en: format!(
                        "The source prints {} followed by a line holding only the value {credits}, with no name. The catalog reads that value as this entry's credits.",
                        name.en
                    ),
                });
                vec![source_name, credits.to_string()]
            }
            Some(credits) => vec![format!("{source_name} {credits}")],
            None => vec![source_name],
        };

        let id = self.unique_id(&name.en);
        Meeting {
            id,
            name,
            category,
            subcategory,
            region,
            credits,
            required,
            former_names,
            aliases,
            source,
            flags,
        }
    }

    /// A name that no meeting of the synthetic catalog has yet, in either
    /// language.
    fn unique_draft(&mut self, template: &RealMeeting, rng: &mut Rng) -> Draft {
        let fits = |draft: &Draft| {
            draft.name.ja.chars().count() <= 180 && draft.name.en.chars().count() <= 180
        };
        let mut fallback = None;
        for _ in 0..40 {
            let draft = self.propose(template, rng);
            if !fits(&draft) {
                continue;
            }
            if !self.names_ja.contains(&draft.name.ja) && !self.names_en.contains(&draft.name.en) {
                self.names_ja.insert(draft.name.ja.clone());
                self.names_en.insert(draft.name.en.clone());
                return draft;
            }
            fallback.get_or_insert(draft);
        }
        // Every variant tried is taken: number the sections of one.
        let mut draft = fallback
            .unwrap_or_else(|| Draft::plain(template.name.ja.clone(), template.name.en.clone()));
        let base = draft.name.clone();
        for number in 2u64.. {
            let ja = format!("{}第{number}部会", base.ja);
            let en = format!("{}, Section {number}", base.en);
            if !self.names_ja.contains(&ja) && !self.names_en.contains(&en) {
                draft.name = Text::new(ja, en);
                draft.kind_ja = Some("部会");
                break;
            }
        }
        self.names_ja.insert(draft.name.ja.clone());
        self.names_en.insert(draft.name.en.clone());
        draft
    }

    fn propose(&self, template: &RealMeeting, rng: &mut Rng) -> Draft {
        match (template.category, template.subcategory.as_deref()) {
            (9, _) => {
                let region = template.region.as_deref().unwrap_or("kanto");
                if rng.per_mille(720) {
                    regional(region, rng)
                } else {
                    regional_variant(template, region, rng)
                }
            }
            (6, _) => international(template, rng),
            (4, _) => {
                if rng.per_mille(750) {
                    jastro(rng)
                } else {
                    event_of(template, TOPICS, rng)
                }
            }
            (3, Some("3-2")) => {
                if rng.per_mille(700) {
                    national(rng, false)
                } else {
                    event_of(template, TOPICS, rng)
                }
            }
            (3 | 7 | 8, _) => match rng.below(20) {
                0..=7 => national(rng, true),
                8..=11 if is_society(template) => chapter(template, rng),
                _ => event_of(template, TOPICS, rng),
            },
            _ => event_of(template, TOPICS, rng),
        }
    }

    fn unique_id(&mut self, en: &str) -> String {
        let base = slug(en);
        let mut id = base.clone();
        let mut number = 2u64;
        while self.ids.contains(&id) {
            id = format!("{base}-{number}");
            number += 1;
        }
        self.ids.insert(id.clone());
        id
    }
}

/// A regional study group: place, field and kind, as most of category 9.
fn regional(region: &str, rng: &mut Rng) -> Draft {
    let mut doubtful = None;
    let (place_ja, place_en, prefecture) = if rng.per_mille(6) {
        // A place of another region, listed here: flagged region-doubtful.
        let (other, others) = *rng.pick(&REGIONS);
        let place = *rng.pick(others);
        if other != region {
            doubtful = Some((place.0, place.1));
        }
        place
    } else {
        *rng.pick(places(region))
    };
    let (where_ja, where_en) = match rng.below(20) {
        0..=3 if prefecture => (format!("{place_ja}県"), format!("{place_en} Prefecture")),
        4..=5 => {
            let (dir_ja, dir_en) = *rng.pick(&DIRECTIONS);
            (
                format!("{place_ja}{dir_ja}"),
                format!("{dir_en} {place_en}"),
            )
        }
        _ => (place_ja.to_owned(), place_en.to_owned()),
    };
    // The few names without a field.
    match rng.below(50) {
        0 if prefecture => {
            return Draft {
                doubtful,
                ..Draft::plain(
                    format!("{place_ja}県放射線科医会"),
                    format!("{place_en} Prefectural Association of Radiologists"),
                )
            }
        }
        1 => {
            return Draft {
                doubtful,
                ..Draft::plain(
                    format!("{where_ja}レントゲンアーベント"),
                    format!("{where_en} Roentgen Abend"),
                )
            }
        }
        _ => {}
    }
    let field = topic(rng, TOPICS, 350);
    let (kind_ja, kind_en) = *rng.pick(KINDS);
    let (ja, en) = if rng.per_mille(120) {
        (
            format!("{}{kind_ja}（{place_ja}）", field.ja),
            format!("{} {kind_en} ({place_en})", field.en),
        )
    } else {
        (
            format!("{where_ja}{}{kind_ja}", field.ja),
            format!("{where_en} {} {kind_en}", field.en),
        )
    };
    let mut former_names = Vec::new();
    if rng.per_mille(140) {
        let (old_ja, old_en) = *rng.pick(KINDS);
        if old_ja != kind_ja {
            former_names.push(Text::new(
                format!("{where_ja}{}{old_ja}", field.ja),
                format!("{where_en} {} {old_en}", field.en),
            ));
        }
        if rng.per_mille(300) {
            let (chapter_ja, chapter_en) = *rng.pick(chapters(region));
            let society = Text::new(
                format!("日本{}学会", field.ja),
                format!("Japanese Society of {}", field.en),
            );
            former_names.push(Text::new(
                format!("{}{chapter_ja}地方会", society.ja),
                format!("{chapter_en} Regional Meeting of the {}", society.en),
            ));
        }
    }
    Draft {
        short: Some(format!("{where_ja}{}", field.ja)),
        kind_ja: Some(kind_ja),
        doubtful,
        former_names,
        ..Draft::plain(ja, en)
    }
}

/// A real regional meeting moved to another place of its region.
fn regional_variant(template: &RealMeeting, region: &str, rng: &mut Rng) -> Draft {
    let here = places(region);
    let (to_ja, to_en, _) = *rng.pick(here);
    let known = here
        .iter()
        .filter(|(ja, en, _)| {
            template.name.ja.starts_with(ja) && template.name.en.contains(en) && *ja != to_ja
        })
        .max_by_key(|(ja, _, _)| ja.len());
    let (ja, en) = match known {
        Some((ja, en, _)) => (
            template.name.ja.replacen(ja, to_ja, 1),
            template.name.en.replacen(en, to_en, 1),
        ),
        None => (
            format!("{}（{to_ja}）", template.name.ja),
            format!("{} ({to_en})", template.name.en),
        ),
    };
    Draft::plain(ja, en)
}

/// A national society or study group of a field.
fn national(rng: &mut Rng, society: bool) -> Draft {
    let field = topic(rng, TOPICS, 250);
    let mut former_names = Vec::new();
    let (ja, en) = match rng.below(if society { 6 } else { 3 }) {
        0 => (
            format!("{}研究会", field.ja),
            format!("{} Study Group", field.en),
        ),
        1 => (
            format!("{}基礎講座", field.ja),
            format!("Basic {} Course", field.en),
        ),
        2 => (
            format!("{}実践講座", field.ja),
            format!("Practical {} Course", field.en),
        ),
        3 => {
            if rng.per_mille(150) {
                former_names.push(Text::new(
                    format!("{}研究会", field.ja),
                    format!("{} Study Group", field.en),
                ));
            }
            (
                format!("日本{}学会", field.ja),
                format!("Japanese Society of {}", field.en),
            )
        }
        4 => (
            format!("日本{}研究会", field.ja),
            format!("Japanese {} Study Group", field.en),
        ),
        _ => (
            format!("全国{}セミナー", field.ja),
            format!("National {} Seminar", field.en),
        ),
    };
    Draft {
        former_names,
        ..Draft::plain(ja, en)
    }
}

/// Whether a real name is a society's or study group's, which may have
/// regional chapters.
fn is_society(template: &RealMeeting) -> bool {
    let ja = society_ja(&template.name.ja);
    ja.ends_with("学会") || ja.ends_with("研究会")
}

fn society_ja(ja: &str) -> &str {
    ["学術総会", "総会"]
        .into_iter()
        .find_map(|suffix| ja.strip_suffix(suffix))
        .unwrap_or(ja)
}

/// The regional chapter of a national society.
fn chapter(template: &RealMeeting, rng: &mut Rng) -> Draft {
    let (_, all) = *rng.pick(&CHAPTERS);
    let (chapter_ja, chapter_en) = *rng.pick(all);
    Draft::plain(
        format!("{}{chapter_ja}地方会", society_ja(&template.name.ja)),
        format!(
            "{chapter_en} Regional Meeting of the {}",
            society_en(&template.name.en)
        ),
    )
}

/// A section, course or seminar of a real meeting's society.
fn event_of(
    template: &RealMeeting,
    topics: &[(&'static str, &'static str)],
    rng: &mut Rng,
) -> Draft {
    let field = topic(rng, topics, 300);
    let (event_ja, event_en) = *rng.pick(EVENTS);
    Draft {
        kind_ja: Some(event_ja),
        ..Draft::plain(
            format!("{}{}{event_ja}", template.name.ja, field.ja),
            format!("{} {event_en} of the {}", field.en, template.name.en),
        )
    }
}

/// A section or seminar of JASTRO.
fn jastro(rng: &mut Rng) -> Draft {
    const KINDS: [(&str, &str); 7] = [
        ("部会学術大会", "Section Meeting"),
        ("セミナー", "Seminar"),
        ("夏季セミナー", "Summer Seminar"),
        ("教育セミナー", "Educational Seminar"),
        ("講習会", "Training Course"),
        ("ワークショップ", "Workshop"),
        ("研究会", "Study Group"),
    ];
    let field = topic(rng, RT_TOPICS, 300);
    let (kind_ja, kind_en) = *rng.pick(&KINDS);
    Draft {
        short: Some(format!("JASTRO{}", field.ja)),
        kind_ja: Some(kind_ja),
        ..Draft::plain(
            format!("日本放射線腫瘍学会{}{kind_ja}", field.ja),
            format!("JASTRO {} {kind_en}", field.en),
        )
    }
}

/// A course of an international congress, named in English in both
/// languages as the real ones are.
fn international(template: &RealMeeting, rng: &mut Rng) -> Draft {
    let (_, field) = *rng.pick(TOPICS);
    let course = *rng.pick(COURSES);
    let mut ja = format!("{} {field} {course}", template.name.ja);
    let mut en = format!("{} {field} {course}", template.name.en);
    if rng.per_mille(500) {
        let city = *rng.pick(CITIES);
        write!(ja, " ({city})").unwrap();
        write!(en, " ({city})").unwrap();
    }
    Draft::plain(ja, en)
}

/// The initials of an English name, as an abbreviation: "Sapporo IVR Study
/// Group" → "SIVRSG". None where that would be too short or too long.
fn acronym(en: &str) -> Option<String> {
    let mut out = String::new();
    for word in en.split([' ', '-', '/']) {
        if word.is_empty() || MINOR_WORDS.contains(&word) {
            continue;
        }
        let letters: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if letters.len() > 1 && letters.chars().all(|c| c.is_ascii_uppercase()) {
            out.push_str(&letters);
        } else if let Some(first) = letters.chars().next() {
            out.push(first.to_ascii_uppercase());
        }
    }
    (3..=7).contains(&out.len()).then_some(out)
}

/// The name as a PDF extraction might have broken it.
fn garble(ja: &str, kind: Option<&str>) -> Option<String> {
    if ja.contains('・') {
        return Some(ja.replacen('・', "_", 1));
    }
    if ja.contains("カンファレンス") {
        return Some(ja.replacen("カンファレンス", "カンファランス", 1));
    }
    if ja.contains('頸') {
        return Some(ja.replacen('頸', "頚", 1));
    }
    let head = ja.strip_suffix(kind?)?;
    (!head.is_empty()).then(|| format!("{head} {}", &ja[head.len()..]))
}

/// A URL slug of an English name: lowercase words joined by hyphens.
fn slug(en: &str) -> String {
    let mut out = String::with_capacity(en.len());
    for c in en.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > 80 {
        let cut = out[..80].rfind('-').unwrap_or(80);
        out.truncate(cut);
    }
    if out.is_empty() {
        out.push_str("meeting");
    }
    out
}

// ---------------------------------------------------------------------------
// Generating and writing.

fn generate(real: &Real, count: usize, seed: u64) -> Result<Vec<Meeting>> {
    let is_anchor = |meeting: &RealMeeting| real.anchors.contains(&meeting.id);
    let anchors: Vec<usize> = (0..real.meetings.len())
        .filter(|&i| is_anchor(&real.meetings[i]))
        .collect();
    ensure!(
        count >= anchors.len(),
        "--meetings {count} is too few: rules.toml names {} meetings, which the catalog must hold",
        anchors.len()
    );
    let mut rest: Vec<usize> = (0..real.meetings.len())
        .filter(|&i| !is_anchor(&real.meetings[i]))
        .collect();
    Rng::new(seed).shuffle(&mut rest);
    let order: Vec<usize> = anchors.iter().chain(&rest).copied().collect();

    let mut synth = Synth::new(real);
    let mut meetings = Vec::with_capacity(count);
    for k in 0..count {
        let template = &real.meetings[order[k % order.len()]];
        if k < anchors.len() {
            meetings.push(synth.keep(template));
        } else {
            let mut rng = Rng::new(seed ^ (k as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
            meetings.push(synth.vary(template, &mut rng));
        }
    }
    Ok(meetings)
}

/// `"…"`: a TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => write!(out, "\\u{:04X}", u32::from(c)).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn localized(text: &Text) -> String {
    format!("{{ ja = {}, en = {} }}", quoted(&text.ja), quoted(&text.en))
}

fn write_meeting(out: &mut String, meeting: &Meeting) {
    out.push_str("\n[[meeting]]\n");
    writeln!(out, "id = {}", quoted(&meeting.id)).unwrap();
    writeln!(out, "name = {}", localized(&meeting.name)).unwrap();
    writeln!(out, "category = {}", meeting.category).unwrap();
    if let Some(subcategory) = &meeting.subcategory {
        writeln!(out, "subcategory = {}", quoted(subcategory)).unwrap();
    }
    if let Some(region) = &meeting.region {
        writeln!(out, "region = {}", quoted(region)).unwrap();
    }
    if let Some(credits) = meeting.credits {
        writeln!(out, "credits = {credits}").unwrap();
    }
    if meeting.required {
        out.push_str("required = true\n");
    }
    if !meeting.former_names.is_empty() {
        out.push_str("former_names = [\n");
        for former in &meeting.former_names {
            writeln!(out, "  {},", localized(former)).unwrap();
        }
        out.push_str("]\n");
    }
    if !meeting.aliases.is_empty() {
        let aliases: Vec<String> = meeting.aliases.iter().map(|a| quoted(a)).collect();
        writeln!(out, "aliases = [{}]", aliases.join(", ")).unwrap();
    }
    if let [line] = meeting.source.as_slice() {
        writeln!(out, "source = [{}]", quoted(line)).unwrap();
    } else {
        out.push_str("source = [\n");
        for line in &meeting.source {
            writeln!(out, "  {},", quoted(line)).unwrap();
        }
        out.push_str("]\n");
    }
    if !meeting.flags.is_empty() {
        out.push_str("flags = [\n");
        for flag in &meeting.flags {
            writeln!(
                out,
                "  {{ kind = {}, ja = {}, en = {} }},",
                quoted(flag.kind),
                quoted(&flag.ja),
                quoted(&flag.en)
            )
            .unwrap();
        }
        out.push_str("]\n");
    }
}

/// Makes `out` ready: created, empty, or written by synth before (then what
/// synth wrote there is removed; nothing else is touched).
fn prepare(out: &Path) -> Result<()> {
    match fs::symlink_metadata(out) {
        Err(error) if error.kind() == ErrorKind::NotFound => {
            return fs::create_dir_all(out)
                .with_context(|| format!("cannot create {}", out.display()));
        }
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", out.display())),
        Ok(meta) if !meta.is_dir() => bail!(
            "{} is not a folder (a file or a link): synth writes only into a folder; nothing was written",
            out.display()
        ),
        Ok(_) => {}
    }
    let mut entries =
        fs::read_dir(out).with_context(|| format!("cannot list {}", out.display()))?;
    if entries.next().is_none() {
        return Ok(());
    }
    let marker = fs::read_to_string(out.join(MARKER)).unwrap_or_default();
    if !marker.starts_with(MARKER_FIRST_LINE) {
        bail!(
            "{} is not empty and holds no {MARKER} file: synth writes only into a new or empty folder, or one it wrote before; nothing was written",
            out.display()
        );
    }
    for name in OWNED {
        let path = out.join(name);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(&path),
            Ok(_) => fs::remove_file(&path),
            Err(error) if error.kind() == ErrorKind::NotFound => Ok(()),
            Err(error) => Err(error),
        }
        .with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Copies a folder, its files byte for byte, in name order.
fn copy_tree(from: &Path, to: &Path) -> Result<usize> {
    let mut files = 0;
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot list {}", from.display()))?;
        let relative = entry.path().strip_prefix(from)?;
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)
                .with_context(|| format!("cannot create {}", target.display()))?;
        } else {
            fs::copy(entry.path(), &target).with_context(|| {
                format!(
                    "cannot copy {} to {}",
                    entry.path().display(),
                    target.display()
                )
            })?;
            files += 1;
        }
    }
    Ok(files)
}

fn write_site(args: &Args, real: &Real, meetings: &[Meeting]) -> Result<()> {
    let out = &args.out;
    write(
        &out.join(MARKER),
        &format!(
            "{MARKER_FIRST_LINE}\n--meetings {} --seed {}\nA new run rewrites site.toml, catalog/, content/ and themes/ here, and nothing else.\n",
            args.meetings, args.seed
        ),
    )?;
    write(
        &out.join("site.toml"),
        &format!(
            "# A synthetic site written by examples/synth.rs (--meetings {}): the real\n# site's configuration, its catalog replaced by made-up meetings.\n\n{}",
            args.meetings, real.site_toml
        ),
    )?;

    let catalog = out.join("catalog");
    let meetings_dir = catalog.join("meetings");
    fs::create_dir_all(&meetings_dir)
        .with_context(|| format!("cannot create {}", meetings_dir.display()))?;
    write(&catalog.join("categories.toml"), &real.categories_toml)?;
    write(&catalog.join("rules.toml"), &real.rules_toml)?;
    if let Some(synonyms) = &real.synonyms_toml {
        write(&catalog.join("synonyms.toml"), synonyms)?;
    }

    let mut files: BTreeMap<String, Vec<&Meeting>> = BTreeMap::new();
    for meeting in meetings {
        files.entry(meeting.file_name()).or_default().push(meeting);
    }
    for (name, list) in &files {
        let first = list[0];
        let category = real.category(first.category);
        let mut text = String::with_capacity(list.len() * 400);
        writeln!(
            text,
            "# Synthetic meetings (examples/synth.rs, --meetings {}): category {}{}{}.",
            args.meetings,
            first.category,
            category.map_or(String::new(), |c| format!(" {}", c.name.ja)),
            first
                .region
                .as_deref()
                .and_then(|region| real.region_name(region).map(|name| (region, name)))
                .map_or(String::new(), |(region, name)| format!(
                    ", region {} ({region})",
                    name.ja
                )),
        )
        .unwrap();
        text.push_str(
            "# Made up from the real catalog's names, credits and flags: not a real list.\n",
        );
        for meeting in list {
            write_meeting(&mut text, meeting);
        }
        write(&meetings_dir.join(name), &text)?;
    }

    copy_tree(&args.from.join("content"), &out.join("content"))?;
    let theme = Path::new("themes").join(&real.theme);
    copy_tree(&args.from.join(&theme), &out.join(&theme))?;
    Ok(())
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<()> {
    let started = Instant::now();
    let real = Real::load(&args.from)
        .with_context(|| format!("reading the real site at {}", args.from.display()))?;
    let meetings = generate(&real, args.meetings, args.seed)?;
    prepare(&args.out)?;
    write_site(args, &real, &meetings)?;

    let mut by_category: BTreeMap<u8, usize> = BTreeMap::new();
    let mut by_group: BTreeMap<String, usize> = BTreeMap::new();
    for meeting in &meetings {
        *by_category.entry(meeting.category).or_default() += 1;
        if let Some(group) = meeting.subcategory.as_ref().or(meeting.region.as_ref()) {
            *by_group.entry(group.clone()).or_default() += 1;
        }
    }
    let count = |test: fn(&Meeting) -> bool| meetings.iter().filter(|m| test(m)).count();
    eprintln!(
        "wrote {} meetings into {} in {:.0?}",
        meetings.len(),
        args.out.display(),
        started.elapsed()
    );
    eprintln!(
        "  by category: {}",
        by_category
            .iter()
            .map(|(category, n)| format!("{category}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    eprintln!(
        "  by subcategory and region: {}",
        by_group
            .iter()
            .map(|(group, n)| format!("{group}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    eprintln!(
        "  without credits: {}, required: {}, with former names: {}, with aliases: {}, flagged: {}",
        count(|m| m.credits.is_none()),
        count(|m| m.required),
        count(|m| !m.former_names.is_empty()),
        count(|m| !m.aliases.is_empty()),
        count(|m| !m.flags.is_empty()),
    );
    Ok(())
}
