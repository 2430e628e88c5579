//! The catalog as downloads: `data/catalog.json`, `data/catalog.csv` (UTF-8
//! with a byte-order mark, so that Excel reads the Japanese right) and
//! `data/rules.json`.

use anyhow::Result;
use serde::Serialize;

use tanni_core::catalog::{CatalogDownload, CategoryDownload, GroupDownload};
use tanni_core::record::Record;

use crate::model::{Category, Grouping, Localized, Meeting, Site};
use crate::output::OutputFile;

pub fn downloads(site: &Site) -> Result<Vec<OutputFile>> {
    Ok(vec![
        OutputFile::new("data/catalog.json", pretty_json(&catalog_download(site))?),
        OutputFile::new("data/catalog.csv", catalog_csv(&site.catalog.meetings)?),
        OutputFile::new("data/rules.json", pretty_json(&site.rules)?),
        // The formats as JSON Schemas, generated from the very types that
        // write and read them.
        OutputFile::new(
            "data/catalog.schema.json",
            pretty_json(&schemars::schema_for!(CatalogDownload))?,
        ),
        OutputFile::new(
            "data/record.schema.json",
            pretty_json(&schemars::schema_for!(Record))?,
        ),
    ])
}

/// The catalog as the calculator reads it back: the core's own type.
pub fn catalog_download(site: &Site) -> CatalogDownload {
    CatalogDownload {
        meetings: site.catalog.meetings.clone(),
        categories: site
            .catalog
            .categories
            .iter()
            .map(category_download)
            .collect(),
    }
}

fn category_download(category: &Category) -> CategoryDownload {
    let groups = |wanted| {
        if category.grouping == wanted {
            category
                .groups
                .iter()
                .map(|g| GroupDownload {
                    id: g.id.clone(),
                    name: g.name.clone(),
                })
                .collect()
        } else {
            Vec::new()
        }
    };
    CategoryDownload {
        id: category.id,
        name: category.name.clone(),
        description: category.description.clone(),
        subcategories: groups(Grouping::Subcategory),
        regions: groups(Grouping::Region),
    }
}

fn pretty_json(value: &impl Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

const CSV_HEADER: [&str; 12] = [
    "id",
    "name_ja",
    "name_en",
    "category",
    "subcategory",
    "region",
    "credits",
    "required",
    "former_names_ja",
    "former_names_en",
    "aliases",
    "flags",
];

/// One row per meeting; lists are joined with ` / ` (names) or `; ` (aliases,
/// flag kinds).
fn catalog_csv(meetings: &[Meeting]) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(CSV_HEADER)?;
    for meeting in meetings {
        let former = |pick: fn(&Localized) -> &str| {
            meeting
                .former_names
                .iter()
                .map(pick)
                .collect::<Vec<_>>()
                .join(" / ")
        };
        let row = [
            meeting.id.clone(),
            meeting.name.ja.clone(),
            meeting.name.en.clone(),
            meeting.category.to_string(),
            meeting.subcategory.clone().unwrap_or_default(),
            meeting.region.clone().unwrap_or_default(),
            meeting.credits.map(|c| c.to_string()).unwrap_or_default(),
            meeting.required.to_string(),
            former(|name| &name.ja),
            former(|name| &name.en),
            meeting.aliases.join("; "),
            meeting
                .flags
                .iter()
                .map(|flag| flag.kind.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ];
        writer.write_record(row.iter().map(|cell| inert_cell(cell)))?;
    }
    Ok(writer.into_inner()?)
}

/// A cell that a spreadsheet will show as text, never run as a formula: one
/// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'`, which Excel, LibreOffice and Google Sheets take as "text
/// follows" (the OWASP advice on CSV injection).
fn inert_cell(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::inert_cell;

    #[test]
    fn cells_that_would_start_a_formula_are_made_text() {
        assert_eq!(
            inert_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(inert_cell("+81"), "'+81");
        assert_eq!(inert_cell("-1"), "'-1");
        assert_eq!(inert_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert_cell("\tx"), "'\tx");
        assert_eq!(inert_cell("日本医学放射線学会"), "日本医学放射線学会");
        assert_eq!(inert_cell("a=b"), "a=b");
    }
}
