//! A theme as read from `themes/<name>/`: its templates and its static files.

use std::fs;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

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
                (false, Ok(bytes)) => theme.static_files.push((key, bytes)),
                (_, Err(error)) => problems.push(Diagnostic::file(
                    Some(&shown),
                    format!("cannot read {}: {error}", shown.display()),
                )),
            }
        }
    }
    (problems.len() == before).then_some(theme)
}
