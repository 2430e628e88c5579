//! Reading TOML inputs with their spans, so that every problem found in them —
//! syntax, an unknown field, a value out of range — can point at the spot.

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use std::ops::Range;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::limits;

/// Parses a whole document, reporting every syntax error found in it.
/// Returns `None` when there was any: checks of a half-read file mislead.
pub fn parse<'a>(file: &'a SourceFile, problems: &mut Diagnostics) -> Option<Spanned<DeTable<'a>>> {
    let (table, mut errors) = DeTable::parse_recoverable(&file.text);
    if errors.is_empty() {
        check_escaped_characters(file, table.get_ref(), problems);
        return Some(table);
    }
    // In the order of the file, so that the first shown is where it broke
    // (the parser lists first what a quote left open makes of the lines
    // after it).
    errors.sort_by_key(|error| error.span().map_or(0, |span| span.start));
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        problems.push(file.diagnostic(span, format!("TOML syntax: {}", error.message())));
    }
    None
}

/// Reports forbidden characters that a string or key spells as an escape
/// (`"\u0000"`, `"\u202E"`): the file's own characters are checked when it
/// is read, but an escape only becomes the character here.
fn check_escaped_characters(file: &SourceFile, table: &DeTable<'_>, problems: &mut Diagnostics) {
    let mut found: Vec<(Range<usize>, char)> = Vec::new();
    let mut check = |text: &str, span: Range<usize>| {
        let written = file.text.get(span.clone()).unwrap_or_default();
        if let Some(c) = text
            .chars()
            .find(|&c| limits::is_forbidden(c) && !written.contains(c))
        {
            found.push((span, c));
        }
    };
    fn walk(value: &DeValue<'_>, span: Range<usize>, check: &mut dyn FnMut(&str, Range<usize>)) {
        match value {
            DeValue::String(text) => check(text, span),
            DeValue::Array(items) => {
                for item in items {
                    walk(item.get_ref(), item.span(), check);
                }
            }
            DeValue::Table(table) => {
                for (key, item) in table {
                    check(key.get_ref(), key.span());
                    walk(item.get_ref(), item.span(), check);
                }
            }
            _ => {}
        }
    }
    for (key, value) in table {
        check(key.get_ref(), key.span());
        walk(value.get_ref(), value.span(), &mut check);
    }
    // In the order of the file, whatever the order of the keys.
    found.sort_by_key(|(span, _)| span.start);
    for (span, c) in found {
        problems.push(
            file.diagnostic(
                span,
                format!("{} is not allowed in an input", limits::describe_char(c)),
            )
            .with_help("remove the escape: such characters are invisible, or make text show in another order than it is stored"),
        );
    }
}

/// Deserializes one value of a parsed document into a typed record, reporting
/// the first problem serde finds (an unknown or missing field, a wrong type).
pub fn deserialize<T: DeserializeOwned>(
    file: &SourceFile,
    value: Spanned<DeValue<'_>>,
    problems: &mut Diagnostics,
) -> Option<T> {
    let fallback = value.span();
    match T::deserialize(value.into_deserializer()) {
        Ok(record) => Some(record),
        Err(error) => {
            let span = error.span().unwrap_or(fallback);
            problems.push(file.diagnostic(span, error.message().to_string()));
            None
        }
    }
}

/// Deserializes a whole document (a config file, a rules file).
pub fn deserialize_document<T: DeserializeOwned>(
    file: &SourceFile,
    problems: &mut Diagnostics,
) -> Option<T> {
    let table = parse(file, problems)?;
    let span = table.span();
    let value = Spanned::new(span, DeValue::Table(table.into_inner()));
    deserialize(file, value, problems)
}

/// The items of the one array of tables a document holds (`[[meeting]]`),
/// each with its span; any other top-level key is a problem.
pub fn array_of_tables<'a>(
    file: &SourceFile,
    document: Spanned<DeTable<'a>>,
    key: &str,
    problems: &mut Diagnostics,
) -> Vec<Spanned<DeValue<'a>>> {
    let mut items = Vec::new();
    for (name, value) in document.into_inner() {
        if name.get_ref() != key {
            problems.push(file.diagnostic(
                name.span(),
                format!(
                    "unknown top-level key `{}`, expected `[[{key}]]` tables",
                    name.get_ref()
                ),
            ));
            continue;
        }
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(array) => items.extend(array),
            _ => problems.push(file.diagnostic(
                span,
                format!("`{key}` must be an array of tables, written `[[{key}]]`"),
            )),
        }
    }
    items
}

/// Where the value at a dotted key path (`papers.cap_per_year`) stands in a
/// document, for problems found after it was read.
pub fn value_span(file: &SourceFile, path: &str) -> Option<std::ops::Range<usize>> {
    let document = DeTable::parse(&file.text).ok()?;
    let mut table = document.into_inner();
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let (_, value) = table.into_iter().find(|(name, _)| name.get_ref() == key)?;
        if keys.peek().is_none() {
            return Some(value.span());
        }
        match value.into_inner() {
            DeValue::Table(inner) => table = inner,
            _ => return None,
        }
    }
    None
}

/// Where each item of the array at a dotted key path stands.
pub fn array_spans(file: &SourceFile, path: &str) -> Vec<std::ops::Range<usize>> {
    let Ok(document) = DeTable::parse(&file.text) else {
        return Vec::new();
    };
    let mut table = document.into_inner();
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let Some((_, value)) = table.into_iter().find(|(name, _)| name.get_ref() == key) else {
            return Vec::new();
        };
        match (value.into_inner(), keys.peek().is_none()) {
            (DeValue::Array(items), true) => return items.iter().map(|item| item.span()).collect(),
            (DeValue::Table(inner), false) => table = inner,
            _ => return Vec::new(),
        }
    }
    Vec::new()
}
