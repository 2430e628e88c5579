//! Problems found in a site's inputs, each tied to a file, line and column,
//! printed the way rustc prints them: the line, and a caret under the spot.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

/// An input file kept in memory so that problems can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the site root).
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
    }

    /// A problem at a byte range of this file.
    pub fn diagnostic(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, span.end.clamp(start, self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let line = self.text[..start].matches('\n').count() + 1;
        let column = self.text[line_start..start].chars().count() + 1;
        let marked = &self.text[start..end.min(line_end).max(start)];
        Diagnostic {
            location: Some(Location {
                path: self.path.clone(),
                line,
                column,
                line_text: expand_tabs(line_text),
                caret_offset: expand_tabs(&self.text[line_start..start]).width(),
                caret_width: expand_tabs(marked).width().max(1),
            }),
            message: message.into(),
            help: None,
        }
    }
}

/// The quoted line as it can be shown: tabs as four spaces, so that the
/// caret lines up, and characters that would upset a terminal (controls,
/// bidirectional overrides) as U+FFFD.
fn expand_tabs(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => shown.push_str("    "),
            c if crate::limits::is_forbidden(c) => shown.push('\u{FFFD}'),
            c => shown.push(c),
        }
    }
    shown
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Where a problem is, with the line quoted for the caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    line_text: String,
    caret_offset: usize,
    caret_width: usize,
}

/// One problem of the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Option<Location>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem that concerns a whole file (or none), not a spot in it.
    pub fn file(path: Option<&Path>, message: impl Into<String>) -> Self {
        Self {
            location: path.map(|path| Location {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                line_text: String::new(),
                caret_offset: 0,
                caret_width: 0,
            }),
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if let Some(location) = &self.location {
            let number = location.line.to_string();
            let gutter = " ".repeat(number.len());
            writeln!(
                f,
                "{gutter}--> {}:{}:{}",
                location.path.display(),
                location.line,
                location.column
            )?;
            if location.caret_width > 0 {
                writeln!(f, "{gutter} |")?;
                writeln!(f, "{number} | {}", location.line_text)?;
                writeln!(
                    f,
                    "{gutter} | {}{}",
                    " ".repeat(location.caret_offset),
                    "^".repeat(location.caret_width)
                )?;
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run of the checks.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// `Ok(value)` when nothing was found, else every problem.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let count = self.0.len();
        write!(
            f,
            "error: found {count} problem{}",
            if count == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_span_even_after_wide_characters() {
        let file = SourceFile::new("m.toml", "a = 1\nname = \"日本\" x\n");
        let span_start = file.text.find('x').unwrap();
        let shown = file
            .diagnostic(span_start..span_start + 1, "unexpected")
            .to_string();
        assert_eq!(
            shown,
            "error: unexpected\n --> m.toml:2:13\n  |\n2 | name = \"日本\" x\n  |               ^\n"
        );
    }

    #[test]
    fn a_caret_after_a_tab_still_lines_up() {
        let file = SourceFile::new("m.toml", "credits =\t0\n");
        let shown = file.diagnostic(10..11, "bad").to_string();
        assert!(
            shown.ends_with("1 | credits =    0\n  |              ^\n"),
            "{shown}"
        );
    }

    #[test]
    fn a_span_at_the_end_of_the_file_still_points_somewhere() {
        let file = SourceFile::new("m.toml", "key = ");
        let diagnostic = file.diagnostic(6..6, "missing value");
        let location = diagnostic.location.unwrap();
        assert_eq!((location.line, location.column), (1, 7));
    }
}
