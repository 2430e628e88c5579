//! A theme as read from `themes/<name>/`: its templates and its static files.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::model::BUILT_STATIC_FILES;

#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// `(name, source)`, e.g. `("meeting.html", "…")`, in name order.
    pub templates: Vec<(String, String)>,
    /// `(path under static/, bytes)`, in path order.
    pub static_files: Vec<(String, Vec<u8>)>,
}

pub fn load_theme(root: &Path, name: &str, problems: &mut Diagnostics) -> Option<Theme> {
    let dir = Path::new("themes").join(name);
    if !root.join(&dir).is_dir() {
        problems.push(Diagnostic::file(
            Some(Path::new(crate::config::FILE_NAME)),
            format!("theme `{name}` not found: {} is missing", dir.display()),
        ));
        return None;
    }
    let mut theme = Theme::default();
    let before = problems.len();
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let base = root.join(&dir).join(sub);
        if !base.is_dir() {
            problems.push(Diagnostic::file(
                Some(&dir.join(sub)),
                format!("the theme needs a folder {}", dir.join(sub).display()),
            ));
            continue;
        }
        for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    problems.push(Diagnostic::file(
                        Some(&dir.join(sub)),
                        format!("cannot read the theme: {error}"),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(&base)
                .expect("walkdir stays under its root");
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let shown = dir.join(sub).join(relative);
            match (is_template, fs::read(entry.path())) {
                (true, Ok(bytes)) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        let file = crate::diagnostics::SourceFile::new(&shown, text);
                        crate::limits::check_characters(&file, problems);
                        theme.templates.push((key, file.text));
                    }
                    Err(_) => problems.push(Diagnostic::file(
                        Some(&shown),
                        "a template must be UTF-8 text",
                    )),
                },
                (false, Ok(bytes)) => match static_name_problem(&key) {
                    None => theme.static_files.push((key, bytes)),
                    Some(problem) => problems.push(Diagnostic::file(Some(&shown), problem)),
                },
                (_, Err(error)) => problems.push(Diagnostic::file(
                    Some(&shown),
                    format!("cannot read {}: {error}", shown.display()),
                )),
            }
        }
    }
    if problems.len() == before {
        check_template_cycles(&dir.join("templates"), &theme.templates, problems);
    }
    (problems.len() == before).then_some(theme)
}

/// The ids the templates give their elements (`id="main"`), which a
/// content page's headings may not take. Ids built from variables are left
/// out: only the literal ones are known before rendering.
pub fn element_ids(theme: &Theme) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (_, text) in &theme.templates {
        for (at, _) in text.match_indices(" id=\"") {
            let value = &text[at + 5..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            if !value.is_empty() && !value.contains(['{', '%']) {
                ids.insert(value.to_string());
            }
        }
    }
    ids
}

/// Why a static file may not be published under its name, if it may not:
/// the name becomes a URL, and one name is the build's own.
fn static_name_problem(key: &str) -> Option<String> {
    if BUILT_STATIC_FILES.contains(&key) {
        return Some(format!(
            "static/{key} is written by the build itself; give the theme's file another name"
        ));
    }
    let bad = key
        .chars()
        .find(|&c| crate::limits::is_forbidden(c) || c == '\\' || c.is_whitespace());
    bad.map(|c| {
        format!(
            "the name static/{key} holds {}, which a published file name may not",
            if c == '\\' {
                "a backslash".to_string()
            } else if c.is_whitespace() && !crate::limits::is_forbidden(c) {
                "white space".to_string()
            } else {
                crate::limits::describe_char(c)
            }
        )
    })
}

/// Templates that include, extend or import each other in a circle would
/// recurse until the build runs out of stack: each circle is reported once,
/// at the tag that closes it.
fn check_template_cycles(dir: &Path, templates: &[(String, String)], problems: &mut Diagnostics) {
    let uses: BTreeMap<&str, Vec<(String, usize)>> = templates
        .iter()
        .map(|(name, text)| (name.as_str(), used_templates(text)))
        .collect();
    let mut reported: BTreeSet<BTreeSet<&str>> = BTreeSet::new();
    for &start in uses.keys() {
        let mut path = vec![start];
        let Some(at) = find_circle(start, &uses, &mut path) else {
            continue;
        };
        if !reported.insert(path.iter().copied().collect()) {
            continue;
        }
        let last = *path.last().expect("a circle has a template");
        let text = &templates
            .iter()
            .find(|(name, _)| name == last)
            .expect("a template of the theme")
            .1;
        let file = SourceFile::new(dir.join(last), text.clone());
        problems.push(file.diagnostic(
            at..at + 2,
            format!(
                "the templates use each other in a circle: {} → {start}",
                path.join(" → ")
            ),
        ));
    }
}

/// Follows the uses from the last template of `path` back to `start`; the
/// offset of the tag that closes the circle, with `path` holding it.
fn find_circle<'a>(
    start: &str,
    uses: &'a BTreeMap<&str, Vec<(String, usize)>>,
    path: &mut Vec<&'a str>,
) -> Option<usize> {
    let current = *path.last()?;
    for (used, at) in &uses[current] {
        if used == start {
            return Some(*at);
        }
        let Some((&name, _)) = uses.get_key_value(used.as_str()) else {
            continue;
        };
        if path.contains(&name) {
            continue;
        }
        path.push(name);
        if let Some(found) = find_circle(start, uses, path) {
            return Some(found);
        }
        path.pop();
    }
    None
}

/// The templates a template names in `include`, `extends` and `import`
/// tags, with the byte offset of each tag.
fn used_templates(text: &str) -> Vec<(String, usize)> {
    let mut used = Vec::new();
    for (at, _) in text.match_indices("{%") {
        let tag = &text[at + 2..];
        let tag = tag.trim_start_matches(['-', '+']).trim_start();
        let Some(rest) = ["include", "extends", "import"]
            .iter()
            .find_map(|keyword| tag.strip_prefix(keyword))
        else {
            continue;
        };
        let end = rest.find("%}").unwrap_or(rest.len());
        for part in rest[..end].split(['"', '\'']).skip(1).step_by(2) {
            used.push((part.to_string(), at));
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect()
    }

    #[test]
    fn templates_in_a_circle_are_reported_once_at_the_closing_tag() {
        let mut problems = Diagnostics::default();
        let theme = templates(&[
            ("a.html", "{% extends \"base.html\" %}"),
            ("base.html", "x\n{% include \"box.html\" %}"),
            ("box.html", "y\n{%- include 'base.html' -%}"),
            ("ok.html", "{% include \"box2.html\" %}"),
        ]);
        check_template_cycles(Path::new("themes/t/templates"), &theme, &mut problems);
        assert_eq!(problems.len(), 1, "{problems}");
        let problem = &problems.0[0];
        assert_eq!(
            problem.message,
            "the templates use each other in a circle: base.html → box.html → base.html"
        );
        let location = problem.location.as_ref().unwrap();
        assert_eq!(
            (
                location.path.to_str().unwrap(),
                location.line,
                location.column
            ),
            ("themes/t/templates/box.html", 2, 1)
        );
    }

    #[test]
    fn a_static_name_that_is_the_builds_own_or_no_url_is_refused() {
        assert!(static_name_problem("tanni.wasm").is_some());
        assert!(static_name_problem("a\\b.css").is_some());
        assert!(static_name_problem("a\tb.css").is_some());
        assert!(static_name_problem("a\u{202E}b.css").is_some());
        assert_eq!(static_name_problem("img/logo.svg"), None);
    }
}
