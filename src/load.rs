//! Loading a site: reads every input under the root, checks it, and builds
//! the immutable `Site` model. The only stage that reads inputs from disk.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use tanni_core::date::Date;
use tanni_core::rules::Rules;

use crate::catalog;
use crate::config::{self, Config};
use crate::content::{self, Page};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::i18n::Strings;
use crate::limits;
use crate::model::{Lang, Site, BUILT_IN_PAGES};
use crate::slug::is_slug;
use crate::theme;
use crate::toml_input;

/// Reads and checks everything under `root`. Every problem of the inputs is
/// returned at once.
pub fn load_site(root: &Path) -> Result<Site, Diagnostics> {
    load_site_with(root, None)
}

/// `load_site` with the base URL of the command line (`--base-url`) in place
/// of site.toml's: the model is finished here, and never changed after.
pub fn load_site_with(root: &Path, base_url: Option<&str>) -> Result<Site, Diagnostics> {
    let mut problems = Diagnostics::default();
    let config = read(root, Path::new(config::FILE_NAME), &mut problems)
        .and_then(|file| Config::parse(&file, &mut problems))
        .and_then(|mut config| match base_url.map(config::parse_base_url) {
            None => Some(config),
            Some(Ok(url)) => {
                config.base_url = url;
                Some(config)
            }
            Some(Err(problem)) => {
                problems.push(Diagnostic::file(None, format!("--base-url: {problem}")));
                None
            }
        });

    let catalog_dir = Path::new("catalog");
    let categories = read(root, &catalog_dir.join("categories.toml"), &mut problems);
    let meeting_files = read_dir(root, &catalog_dir.join("meetings"), "toml", &mut problems);
    let before_catalog = problems.len();
    let catalog = categories
        .and_then(|categories| catalog::parse(&categories, &meeting_files, &mut problems));
    // A meeting rejected for its own problem is not missing: check the rules'
    // references only against a catalog that loaded whole.
    let catalog_whole = problems.len() == before_catalog;

    let rules_file = read(root, &catalog_dir.join("rules.toml"), &mut problems);
    let rules: Option<Rules> = rules_file
        .as_ref()
        .and_then(|file| toml_input::deserialize_document(file, &mut problems));
    if let (Some(rules), Some(file)) = (&rules, &rules_file) {
        for problem in rules.check() {
            let span = toml_input::value_span(file, problem.field).unwrap_or(0..0);
            problems.push(file.diagnostic(span, problem.message));
        }
    }
    if let (Some(rules), Some(catalog), Some(file), true) =
        (&rules, &catalog, &rules_file, catalog_whole)
    {
        for (path, what, ids) in [
            ("main_meetings", "main meeting", &rules.main_meetings),
            (
                "readings.regulation_table",
                "meeting of the regulation's table",
                &rules.readings.regulation_table,
            ),
        ] {
            let spans = toml_input::array_spans(file, path);
            for (index, id) in ids.iter().enumerate() {
                if !catalog.meetings.iter().any(|meeting| &meeting.id == id) {
                    let span = spans.get(index).cloned().unwrap_or(0..0);
                    problems.push(
                        file.diagnostic(span, format!("{what} `{id}` is not in the catalog")),
                    );
                }
            }
        }
    }

    let synonyms_path = catalog_dir.join("synonyms.toml");
    let synonyms = if root.join(&synonyms_path).exists() {
        read(root, &synonyms_path, &mut problems)
            .and_then(|file| catalog::parse_synonyms(&file, &mut problems))
    } else {
        Some(Vec::new())
    };

    let strings = config.as_ref().and_then(|config| {
        let i18n = PathBuf::from("themes").join(&config.theme).join("i18n");
        let ja = read(root, &i18n.join("ja.toml"), &mut problems)?;
        let en = read(root, &i18n.join("en.toml"), &mut problems)?;
        Strings::parse(&ja, &en, &mut problems)
    });

    let theme = config
        .as_ref()
        .and_then(|config| theme::load_theme(root, &config.theme, &mut problems));
    let template_ids = theme.as_ref().map(theme::element_ids).unwrap_or_default();
    let pages = load_pages(root, &template_ids, &mut problems);
    let updated = config
        .as_ref()
        .and_then(|config| updated(root, &config.theme, &mut problems));

    match (
        config, catalog, rules, pages, strings, theme, synonyms, updated,
    ) {
        (
            Some(config),
            Some(catalog),
            Some(rules),
            Some(pages),
            Some(strings),
            Some(theme),
            Some(synonyms),
            Some(updated),
        ) if problems.is_empty() => Ok(Site {
            config,
            catalog,
            rules,
            pages,
            strings,
            theme,
            synonyms,
            updated,
        }),
        _ => {
            if problems.is_empty() {
                problems.push(Diagnostic::file(None, "the site could not be loaded"));
            }
            Err(problems)
        }
    }
}

/// Content pages of both languages; each page must have its twin.
fn load_pages(
    root: &Path,
    template_ids: &BTreeSet<String>,
    problems: &mut Diagnostics,
) -> Option<Vec<(Lang, Page)>> {
    let before = problems.len();
    let mut pages = Vec::new();
    for lang in Lang::ALL {
        let dir = Path::new("content").join(lang.code());
        for file in read_dir(root, &dir, "md", problems) {
            let slug = file
                .path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .unwrap_or_default()
                .to_string();
            if !is_slug(&slug) {
                problems.push(
                    Diagnostic::file(
                        Some(&file.path),
                        format!("the page name `{slug}` is not a slug: it becomes the page's URL"),
                    )
                    .with_help("name the file with lowercase letters a-z, digits and `-` only, such as `renewal-faq.md`"),
                );
                continue;
            }
            if BUILT_IN_PAGES.contains(&slug.as_str()) {
                problems.push(
                    Diagnostic::file(
                        Some(&file.path),
                        format!("the page name `{slug}` is taken by a page every site has (/{}/{slug}/)", lang.code()),
                    )
                    .with_help(format!(
                        "these names are taken: {}; give the page another name",
                        BUILT_IN_PAGES.join(", ")
                    )),
                );
                continue;
            }
            let twin = Path::new("content")
                .join(lang.other().code())
                .join(format!("{slug}.md"));
            if !root.join(&twin).is_file() {
                problems.push(Diagnostic::file(
                    Some(&file.path),
                    format!("page `{slug}` has no twin: {} is missing", twin.display()),
                ));
            }
            if let Some(page) = content::parse_page(&file, &slug, problems) {
                // The page's headings share one document with the theme's
                // elements: an id must not be taken twice.
                for section in &page.sections {
                    if template_ids.contains(&section.anchor) {
                        problems.push(
                            file.diagnostic(
                                section.span.clone(),
                                format!(
                                    "the heading id `{}` is taken by an element of the theme",
                                    section.anchor
                                ),
                            )
                            .with_help("give the heading another id, with {#…}"),
                        );
                    }
                }
                pages.push((lang, page));
            }
        }
    }
    (problems.len() == before).then_some(pages)
}

/// The day the site's inputs last changed, which the pages show: the day
/// (UTC) of `SOURCE_DATE_EPOCH` when it is set (the convention of
/// reproducible builds), or else of the newest modification time among
/// site.toml, catalog/, content/ and the theme. The same inputs give the
/// same day, so a rebuild of an unchanged site stays byte-identical.
fn updated(root: &Path, theme: &str, problems: &mut Diagnostics) -> Option<Date> {
    const DAY: i64 = 86_400;
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let day = epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| Date::from_day_number(seconds.div_euclid(DAY)));
        if day.is_none() {
            problems.push(Diagnostic::file(
                None,
                format!("SOURCE_DATE_EPOCH is `{epoch}`, not a number of seconds since 1970-01-01"),
            ));
        }
        return day;
    }
    let inputs = [
        PathBuf::from(config::FILE_NAME),
        PathBuf::from("catalog"),
        PathBuf::from("content"),
        PathBuf::from("themes").join(theme),
    ];
    let newest = inputs
        .iter()
        .flat_map(|input| walkdir::WalkDir::new(root.join(input)))
        .filter_map(|entry| entry.ok()?.metadata().ok()?.modified().ok())
        .max()?;
    let seconds = match newest.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => after.as_secs() as i64,
        Err(before) => -(before.duration().as_secs() as i64),
    };
    Date::from_day_number(seconds.div_euclid(DAY))
}

/// Reads one file, shown to the user by its path under the root.
fn read(root: &Path, relative: &Path, problems: &mut Diagnostics) -> Option<SourceFile> {
    match fs::read_to_string(root.join(relative)) {
        Ok(text) => {
            let file = SourceFile::new(relative, text);
            limits::check_characters(&file, problems);
            Some(file)
        }
        Err(error) => {
            problems.push(Diagnostic::file(
                Some(relative),
                format!("cannot read {}: {error}", relative.display()),
            ));
            None
        }
    }
}

/// Reads every file with the extension in a folder, in name order.
fn read_dir(
    root: &Path,
    relative: &Path,
    extension: &str,
    problems: &mut Diagnostics,
) -> Vec<SourceFile> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(root.join(relative))
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        match entry {
            // A link to a file is read like the file: reading follows links.
            Ok(entry)
                if entry.path().is_file()
                    && entry.path().extension().is_some_and(|e| e == extension) =>
            {
                paths.push(relative.join(entry.file_name()));
            }
            Ok(_) => {}
            Err(error) => problems.push(Diagnostic::file(
                Some(relative),
                format!("cannot read {}: {error}", relative.display()),
            )),
        }
    }
    paths
        .iter()
        .filter_map(|path| read(root, path, problems))
        .collect()
}
