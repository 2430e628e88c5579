//! Reading TOML inputs with their spans, so that every problem found in them —
//! syntax, an unknown field, a value out of range — can point at the spot.

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostics::{Diagnostics, SourceFile};

/// Parses a whole document, reporting every syntax error found in it.
/// Returns `None` when there was any: checks of a half-read file mislead.
pub fn parse<'a>(file: &'a SourceFile, problems: &mut Diagnostics) -> Option<Spanned<DeTable<'a>>> {
    let (table, errors) = DeTable::parse_recoverable(&file.text);
    if errors.is_empty() {
        return Some(table);
    }
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        problems.push(file.diagnostic(span, format!("TOML syntax: {}", error.message())));
    }
    None
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
