//! Rendering: turns the `Site` model into the pages of both languages. Reads
//! only the model. The pages are listed first, each with its path and a
//! way to make its context ([`pages`]); a page's context is built only when
//! it is rendered ([`Page::render`]), so a build holds the contexts of the
//! pages being rendered, not those of the whole site.

pub mod template_engine;

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use serde_json::{json, Map, Value};
use tanni_core::display::fill_rule_values;

use crate::model::{FlagKind, Lang, Site};
use crate::view::lang;
use crate::view::table::meetings_table;
use crate::view::{category_summary, meeting_view, Link};
use template_engine::TemplateEngine;

/// What the pages of a language share, made once a build rather than once
/// a page: the UI strings as the templates read them, and the strings the
/// scripts use as the JSON of the `#ui-strings` block.
struct Shared {
    /// `t`, by language (`Lang::ALL` order).
    strings: [Value; 2],
    /// The scripts' strings of a page (`SEARCH_STRINGS`, then
    /// `CALCULATOR_STRINGS`), by language, as escaped JSON.
    script_strings: [[String; 2]; 2],
}

impl Shared {
    fn new(site: &Site) -> Self {
        Shared {
            strings: Lang::ALL.map(|lang| json!(site.strings.of(lang))),
            script_strings: Lang::ALL.map(|lang| {
                [SEARCH_STRINGS, CALCULATOR_STRINGS].map(|keys| {
                    let strings: BTreeMap<&String, &String> = site
                        .strings
                        .of(lang)
                        .iter()
                        .filter(|(key, _)| keys.iter().any(|start| key.starts_with(start)))
                        .collect();
                    script_json(&json!(strings))
                })
            }),
        }
    }

    fn strings(&self, lang: Lang) -> Value {
        self.strings[lang as usize].clone()
    }

    /// The page's `#ui-strings` block: its language, the WebAssembly module
    /// its scripts load, the way to the site's root, and the strings its
    /// scripts use, as JSON that cannot end the
    /// script element it stands in (`<`, `>` and `&` escaped as `\u003c`
    /// …). The browser does not run it: a JSON block is data, which the
    /// page's Content-Security-Policy leaves alone.
    fn ui_strings(&self, lang: Lang, root: &str, calculator: bool) -> String {
        let which = usize::from(calculator);
        // The module the page's scripts load: the search alone, but on the
        // calculator's page.
        let module = ["tanni-search.wasm", "tanni.wasm"][which];
        // The keys in the order serde_json writes an object's: sorted.
        format!(
            "{{\"lang\":{},\"module\":\"{module}\",\"root\":{},\"strings\":{}}}",
            script_json(&json!(lang.code())),
            script_json(&json!(root)),
            self.script_strings[lang as usize][which]
        )
    }
}

/// Makes the pages of the languages: the site, and what its pages share.
struct Maker<'a> {
    site: &'a Site,
    shared: Arc<Shared>,
}

impl<'a> Maker<'a> {
    /// A page of one language at `path` under `/<lang>/` (`meetings/rsna/`):
    /// `frame` makes, given that path, what surrounds its body and the body.
    fn page(
        &self,
        lang: Lang,
        path: &str,
        template: &'static str,
        frame: impl Fn(&str) -> (Frame, Value) + Send + Sync + 'a,
    ) -> Page<'a> {
        let at = path.to_string();
        let site = self.site;
        let shared = Arc::clone(&self.shared);
        Page {
            path: format!("{}/{path}index.html", lang.code()),
            template,
            lists: 0,
            context: Box::new(move || {
                let (frame, body) = frame(&at);
                frame.context(site, &shared, lang, body)
            }),
        }
    }
}

/// One page to render: where it goes, and how to make its context for its
/// template.
pub struct Page<'a> {
    /// Its path under the output root: `ja/meetings/rsna/index.html`.
    pub path: String,
    template: &'static str,
    /// How many meetings it lists (the table of every meeting, a
    /// category's page, the data notes): what its rendering holds in
    /// memory grows with it.
    pub lists: usize,
    context: Box<dyn Fn() -> Value + Send + Sync + 'a>,
}

impl<'a> Page<'a> {
    /// A page outside the language folders.
    fn root(
        path: &str,
        template: &'static str,
        context: impl Fn() -> Value + Send + Sync + 'a,
    ) -> Self {
        Page {
            path: path.to_string(),
            template,
            lists: 0,
            context: Box::new(context),
        }
    }

    /// The page lists `meetings` meetings.
    fn listing(mut self, meetings: usize) -> Self {
        self.lists = meetings;
        self
    }

    /// The page's HTML.
    pub fn render(&self, engine: &dyn TemplateEngine) -> Result<String> {
        engine
            .render(self.template, (self.context)())
            .with_context(|| format!("while rendering {}", self.path))
    }
}

/// Every HTML page of the site, to be rendered.
pub fn pages(site: &Site) -> Vec<Page<'_>> {
    let shared = Arc::new(Shared::new(site));
    let make = Maker {
        site,
        shared: Arc::clone(&shared),
    };
    let mut jobs = vec![
        Page::root("index.html", "language_choice.html", {
            let shared = Arc::clone(&shared);
            move || root_context(site, &shared, "", "index.html")
        }),
        Page::root("404.html", "404.html", {
            let shared = Arc::clone(&shared);
            move || root_context(site, &shared, site.config.base_path(), "404.html")
        }),
    ];
    for lang in Lang::ALL {
        let strings = move |key: &str| site.strings.get(lang, key).to_string();
        let meetings_crumb = move || Link {
            name: strings("nav_categories"),
            href: format!("{}/categories/", lang.code()),
        };
        jobs.push(make.page(lang, "", "home.html", move |at| {
            let frame = Frame::new(
                at,
                "home",
                site.config.title.get(lang),
                site.config.description.get(lang),
            );
            (frame, home(site, lang))
        }));
        for content in site.pages_in(lang) {
            let at = format!("{}/", content.slug);
            jobs.push(make.page(lang, &at, "content.html", move |at| {
                let frame = Frame::new(at, &content.slug, &content.title, &content.description);
                let body = json!({ "html": lang::mark_runs_in_html(&content.html, lang) });
                (frame, body)
            }));
        }
        jobs.push(
            make.page(lang, "categories/", "categories.html", move |at| {
                let summaries: Vec<_> = site
                    .catalog
                    .categories
                    .iter()
                    .map(|c| category_summary(site, lang, c, false))
                    .collect();
                let frame = Frame::new(
                    at,
                    "categories",
                    &strings("categories_title"),
                    &strings("categories_description"),
                );
                (frame, json!({ "categories": summaries }))
            }),
        );
        jobs.push(
            make.page(lang, "meetings/", "meetings.html", move |at| {
                let table = meetings_table(site, lang);
                let frame = Frame::new(
                    at,
                    "meetings",
                    &strings("meetings_title"),
                    &strings("meetings_description"),
                );
                let count_label = strings("meeting_count").replace("{n}", &table.count.to_string());
                (frame, json!({ "table": table, "count_label": count_label }))
            })
            .listing(site.catalog.meetings.len()),
        );
        for category in &site.catalog.categories {
            let at = format!("categories/{}/", category.id);
            jobs.push(
                make.page(lang, &at, "category.html", move |at| {
                    let summary = category_summary(site, lang, category, true);
                    let mut frame =
                        Frame::new(at, "categories", &summary.title, &summary.description);
                    frame.breadcrumbs = vec![meetings_crumb()];
                    (frame, json!({ "category": summary }))
                })
                .listing(site.catalog.meetings_in(category.id).count()),
            );
        }
        for meeting in &site.catalog.meetings {
            let at = format!("meetings/{}/", meeting.id);
            jobs.push(make.page(lang, &at, "meeting.html", move |at| {
                let view = meeting_view(site, lang, meeting);
                let description = format!("{} — {}", view.name, view.credits_label);
                let mut frame = Frame::new(at, "categories", &view.name, &description);
                frame.breadcrumbs = vec![
                    meetings_crumb(),
                    Link {
                        name: view.category.name.clone(),
                        href: view.category.href.clone(),
                    },
                ];
                if let Some(group) = &view.group {
                    frame.breadcrumbs.push(Link {
                        name: group.name.clone(),
                        href: group.href.clone(),
                    });
                }
                (frame, json!({ "meeting": view }))
            }));
        }
        jobs.push(
            make.page(lang, "data-quality/", "data_quality.html", move |at| {
                let frame = Frame::new(
                    at,
                    "data-quality",
                    &strings("data_quality_title"),
                    &strings("data_quality_description"),
                );
                (frame, data_quality(site, lang))
            })
            .listing(site.catalog.flagged_count()),
        );
        jobs.push(make.page(lang, "search/", "search.html", move |at| {
            let frame = Frame::new(
                at,
                "search",
                &strings("search_title"),
                &strings("search_description"),
            );
            (frame, json!({}))
        }));
        jobs.push(
            make.page(lang, "calculator/", "calculator.html", move |at| {
                let frame = Frame::new(
                    at,
                    "calculator",
                    &strings("calc_title"),
                    &strings("calc_description"),
                )
                .for_calculator();
                let body = json!({
                    "rules": site.rules,
                    "print_note": lang::runs(&strings("calc_print_note"), lang),
                });
                (frame, body)
            }),
        );
    }
    jobs
}

/// What every page of one language has around its body.
struct Frame {
    /// The page's path under `/<lang>/`: `""`, `rules/`, `meetings/rsna/`.
    path: String,
    /// Which entry of the navigation the page is in: the entry's own page
    /// (`categories/` in "categories") is `aria-current="page"`, a page
    /// inside it (`categories/9/`, `meetings/rsna/`) `aria-current="true"`.
    nav: String,
    title: String,
    description: String,
    breadcrumbs: Vec<Link>,
    /// The calculator's page: its scripts use the calculator's strings
    /// too (`CALCULATOR_STRINGS`) and the whole core, and its strings hold
    /// the rules' numbers (`{cap_year}`) filled in.
    calculator: bool,
}

/// The UI strings the scripts use, by the start of their keys: the search
/// box's on every page, and the calculator's on its page. A new string with
/// such a key reaches the scripts with no other change.
const SEARCH_STRINGS: &[&str] = &["search_", "required_badge"];
const CALCULATOR_STRINGS: &[&str] = &[
    "search_",
    "required_badge",
    "calc_",
    "credits_",
    "record_problem_",
];

impl Frame {
    fn new(path: &str, nav: &str, title: &str, description: &str) -> Self {
        Frame {
            path: path.to_string(),
            nav: nav.to_string(),
            title: title.to_string(),
            description: description.to_string(),
            breadcrumbs: Vec::new(),
            calculator: false,
        }
    }

    /// The calculator's page: its scripts' strings, and the rules' numbers
    /// in the strings its template shows.
    fn for_calculator(mut self) -> Self {
        self.calculator = true;
        self
    }

    /// The page's whole context: this frame around `body`.
    fn context(self, site: &Site, shared: &Shared, lang: Lang, body: Value) -> Value {
        let path = &self.path;
        let root = "../".repeat(1 + path.matches('/').count());
        let absolute = |lang: Lang| format!("{}{}/{path}", site.config.base_url, lang.code());
        let mut context = common(site, shared, lang, &root);
        if self.calculator {
            let filled: BTreeMap<&String, String> = site
                .strings
                .of(lang)
                .iter()
                .map(|(key, text)| (key, fill_rule_values(text, &site.rules)))
                .collect();
            context.insert("t".into(), json!(filled));
        }
        context.extend([
            (
                "ui_strings".into(),
                json!(shared.ui_strings(lang, &root, self.calculator)),
            ),
            ("other_lang".into(), json!(lang.other().code())),
            ("path".into(), json!(path)),
            ("nav".into(), json!(self.nav)),
            (
                "nav_current".into(),
                json!(if *path == format!("{}/", self.nav) {
                    "page"
                } else {
                    "true"
                }),
            ),
            ("title".into(), json!(self.title)),
            ("description".into(), json!(self.description)),
            ("breadcrumbs".into(), json!(self.breadcrumbs)),
            (
                "twin_href".into(),
                json!(format!("{root}{}/{path}", lang.other().code())),
            ),
            ("canonical".into(), json!(absolute(lang))),
            (
                "alternates".into(),
                json!(Lang::ALL.map(
                    |alternate| json!({ "lang": alternate.code(), "href": absolute(alternate) })
                )),
            ),
            ("page".into(), body),
        ]);
        Value::Object(context)
    }
}

/// The frame every page shares: language, strings, site, the way to the root.
fn common(site: &Site, shared: &Shared, lang: Lang, root: &str) -> Map<String, Value> {
    let mut context = Map::new();
    context.insert("lang".into(), json!(lang.code()));
    context.insert("t".into(), shared.strings(lang));
    context.insert("site".into(), json!({ "title": site.config.title.get(lang), "description": site.config.description.get(lang) }));
    context.insert("root".into(), json!(root));
    // The day the data last changed, and the line that says it.
    let updated = site.updated.to_string();
    context.insert(
        "updated_line".into(),
        json!(site
            .strings
            .get(lang, "updated_line")
            .replace("{date}", &updated)),
    );
    context.insert("updated".into(), json!(updated));
    context.insert(
        "og_locale".into(),
        json!(match lang {
            Lang::Ja => "ja_JP",
            Lang::En => "en_US",
        }),
    );
    context
}

/// JSON to stand in a script element: no `<` that could end it, no `>` or
/// `&`; the same JSON to a parser.
fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The pages outside the language folders, written in both languages.
fn root_context(site: &Site, shared: &Shared, root: &str, path: &str) -> Value {
    json!({
        "root": root,
        "ja": common(site, shared, Lang::Ja, root),
        "en": common(site, shared, Lang::En, root),
        "canonical": format!("{}{}", site.config.base_url, path.trim_end_matches("index.html")),
    })
}

fn home(site: &Site, lang: Lang) -> Value {
    let rules = &site.rules;
    let count = site.catalog.meetings.len();
    let flagged = site.catalog.flagged_count();
    let fill = |key: &str| {
        site.strings
            .get(lang, key)
            .replace("{years}", &rules.period_years.to_string())
            .replace("{total}", &rules.total_credits.to_string())
            .replace("{designated}", &rules.designated_credits.to_string())
            .replace("{main}", &rules.main_meeting_attendances.to_string())
            .replace("{count}", &count.to_string())
            .replace("{flagged}", &flagged.to_string())
    };
    let summary = ["home_rule_total", "home_rule_designated", "home_rule_main"].map(fill);
    json!({
        "summary": summary,
        "catalog_line": fill("home_catalog_line"),
        "flagged_line": fill("home_flagged_line"),
        "categories": site.catalog.categories.iter().map(|c| category_summary(site, lang, c, false)).collect::<Vec<_>>(),
    })
}

fn data_quality(site: &Site, lang: Lang) -> Value {
    let kinds: Vec<Value> = FlagKind::ALL
        .iter()
        .map(|kind| {
            let entries: Vec<Value> = site
                .catalog
                .meetings
                .iter()
                .filter_map(|meeting| {
                    let flag = meeting.flags.iter().find(|flag| flag.kind == *kind)?;
                    let view = meeting_view(site, lang, meeting);
                    Some(json!({
                        "meeting": view,
                        "note": lang::runs(match lang { Lang::Ja => &flag.ja, Lang::En => &flag.en }, lang),
                    }))
                })
                .collect();
            let key = format!("flag_{}", kind.as_str().replace('-', "_"));
            json!({
                "kind": kind.as_str(),
                "label": site.strings.get(lang, &key),
                "explanation": site.strings.get(lang, &format!("{key}_explanation")),
                "count": entries.len(),
                "entries": entries,
            })
        })
        .collect();
    let flagged = site.catalog.flagged_count();
    json!({
        "kinds": kinds,
        "intro": site.strings.get(lang, "data_quality_intro")
            .replace("{flagged}", &flagged.to_string())
            .replace("{count}", &site.catalog.meetings.len().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_a_script_element_cannot_end_it_and_reads_back_the_same() {
        let value = json!({ "calc_x": "</script><script>alert(1)</script> & <!-- -->" });
        let text = script_json(&value);
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
