//! `tanni new meeting`: a new entry, appended to the meeting file of its
//! category (of its region, in category 9) with an id no meeting has. Every
//! value a maintainer must supply is written `"TODO"` (see [`TO_FILL`]),
//! which `tanni check`, and so `tanni build`, refuses at its place until it
//! is filled in. The bytes already in the file are never rewritten.

use std::collections::BTreeSet;
use std::fs::{self, OpenOptions};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use super::{parse_categories, TO_FILL};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{Category, Group, Grouping};
use crate::toml_input;

/// The folder of the meeting files, under the root.
const MEETINGS_DIR: &str = "catalog/meetings";

/// The new entry's id, or its first part (`new-meeting-2`, …).
const ID_STEM: &str = "new-meeting";

/// Where the new meeting is listed, as the command line names it.
pub struct Request {
    pub category: i64,
    pub subcategory: Option<String>,
    pub region: Option<String>,
}

/// What was written.
pub struct Added {
    /// The file, under the root.
    pub path: PathBuf,
    /// Whether the file was made for the entry.
    pub created: bool,
    /// The line of the entry's `[[meeting]]`, from 1.
    pub line: usize,
    pub id: String,
    /// The entry as written, in the line breaks of its file.
    pub entry: String,
}

/// A meeting file as found: its text and the meetings it holds.
struct MeetingFile {
    path: PathBuf,
    text: String,
    meetings: Vec<toml::Table>,
}

/// Appends a new entry for `request` to the file of its category under
/// `root` (making the file if the category has none), and says where. Every
/// refusal is returned before anything is written.
pub fn add_meeting(root: &Path, request: &Request) -> Result<Added, Diagnostics> {
    let categories_path = Path::new("catalog/categories.toml");
    let text = fs::read_to_string(root.join(categories_path)).map_err(|error| {
        one(Diagnostic::file(
            Some(categories_path),
            format!("cannot read {}: {error}", categories_path.display()),
        )
        .with_help("run the command in the site's root, or name it with --root"))
    })?;
    let mut problems = Diagnostics::default();
    let Some(categories) = parse_categories(&SourceFile::new(categories_path, text), &mut problems)
    else {
        return Err(problems);
    };
    let (category, group) = place(&categories, request)?;
    let files = read_meeting_files(root)?;
    let id = fresh_id(&files);
    let path = Path::new(MEETINGS_DIR).join(choose_file(&files, category, group));
    let entry = entry_text(&id, category, group);
    match files.iter().find(|file| file.path == path) {
        Some(file) => {
            let (separator, entry) = fit(&file.text, &entry);
            let line = file.text.matches('\n').count() + separator.matches('\n').count() + 1;
            check_appended(file, &format!("{separator}{entry}"), &id)?;
            append(root, file, &format!("{separator}{entry}"))?;
            Ok(Added {
                path,
                created: false,
                line,
                id,
                entry,
            })
        }
        None => {
            let header = header(category, group);
            let line = header.matches('\n').count() + 1;
            create(root, &path, &format!("{header}{entry}"))?;
            Ok(Added {
                path,
                created: true,
                line,
                id,
                entry,
            })
        }
    }
}

fn one(diagnostic: Diagnostic) -> Diagnostics {
    Diagnostics(vec![diagnostic])
}

/// The category and the subcategory or region it asks for, as
/// `catalog/categories.toml` defines them.
fn place<'c>(
    categories: &'c [Category],
    request: &Request,
) -> Result<(&'c Category, Option<&'c Group>), Diagnostics> {
    let Some(category) = categories
        .iter()
        .find(|category| i64::from(category.id) == request.category)
    else {
        return Err(one(Diagnostic::file(
            None,
            format!("unknown category {}", request.category),
        )
        .with_help(format!(
            "categories are {}, defined in catalog/categories.toml",
            categories
                .iter()
                .map(|category| category.id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))));
    };
    let known = || {
        category
            .groups
            .iter()
            .map(|group| format!("`{}`", group.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let asked = match category.grouping {
        Grouping::None => None,
        Grouping::Subcategory => Some("subcategory"),
        Grouping::Region => Some("region"),
    };
    // An option given where it does not belong is named before one missing.
    let options = [
        (&request.subcategory, "subcategory"),
        (&request.region, "region"),
    ];
    let mut options: Vec<_> = options.into_iter().collect();
    options.sort_by_key(|(given, _)| given.is_none());
    for (given, option) in options {
        match (given, asked == Some(option)) {
            (Some(value), false) => {
                let help = match asked {
                    Some(asked) => format!("give --{asked} instead: one of {}", known()),
                    None => format!("leave --{option} out"),
                };
                return Err(one(Diagnostic::file(
                    None,
                    format!(
                        "category {} has no {}, but --{option} {value} was given",
                        category.id,
                        if option == "region" {
                            "regions"
                        } else {
                            "subcategories"
                        }
                    ),
                )
                .with_help(help)));
            }
            (None, true) => {
                return Err(one(Diagnostic::file(
                    None,
                    format!("a meeting of category {} needs a {option}", category.id),
                )
                .with_help(format!("give --{option}: one of {}", known()))));
            }
            (Some(value), true) if !category.groups.iter().any(|group| &group.id == value) => {
                return Err(one(Diagnostic::file(
                    None,
                    format!("unknown {option} `{value}` for category {}", category.id),
                )
                .with_help(format!("one of {}", known()))));
            }
            _ => {}
        }
    }
    let group = request.subcategory.as_ref().or(request.region.as_ref());
    let group = group.and_then(|id| category.groups.iter().find(|group| &group.id == id));
    Ok((category, group))
}

/// Every `*.toml` of `catalog/meetings/`, in name order, as the build reads
/// them. A file that is not valid TOML is refused: the ids in it are not
/// known, and the new id must differ from every one.
fn read_meeting_files(root: &Path) -> Result<Vec<MeetingFile>, Diagnostics> {
    let dir = Path::new(MEETINGS_DIR);
    let cannot_read = |path: &Path, error: std::io::Error| {
        Diagnostic::file(
            Some(path),
            format!("cannot read {}: {error}", path.display()),
        )
    };
    let mut names = Vec::new();
    for entry in fs::read_dir(root.join(dir)).map_err(|error| one(cannot_read(dir, error)))? {
        let entry = entry.map_err(|error| one(cannot_read(dir, error)))?;
        // A link to a file is read like the file, as the build reads it.
        if entry.path().is_file() && entry.path().extension().is_some_and(|e| e == "toml") {
            names.push(entry.file_name());
        }
    }
    names.sort();
    let mut files = Vec::new();
    let mut problems = Diagnostics::default();
    for name in names {
        let path = dir.join(name);
        let text = match fs::read_to_string(root.join(&path)) {
            Ok(text) => text,
            Err(error) => {
                problems.push(cannot_read(&path, error));
                continue;
            }
        };
        let file = SourceFile::new(&path, text);
        let mut syntax = Diagnostics::default();
        let parsed = toml_input::parse(&file, &mut syntax).is_some();
        let table = parsed
            .then(|| toml::from_str::<toml::Table>(&file.text).ok())
            .flatten();
        let Some(mut table) = table else {
            for mut problem in syntax.0 {
                problem.help = Some(format!(
                    "{} is not valid TOML: fix it before adding a meeting (`tanni check` shows every problem)",
                    path.display()
                ));
                problems.push(problem);
            }
            continue;
        };
        let meetings = match table.remove("meeting") {
            Some(toml::Value::Array(items)) => items
                .into_iter()
                .filter_map(|item| match item {
                    toml::Value::Table(meeting) => Some(meeting),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        files.push(MeetingFile {
            path,
            text: file.text,
            meetings,
        });
    }
    problems.into_result(files)
}

/// `new-meeting`, or `new-meeting-2`, `-3`, … : the first no meeting has.
fn fresh_id(files: &[MeetingFile]) -> String {
    let taken: BTreeSet<&str> = files
        .iter()
        .flat_map(|file| &file.meetings)
        .filter_map(|meeting| meeting.get("id").and_then(toml::Value::as_str))
        .collect();
    (1..)
        .map(|n| match n {
            1 => ID_STEM.to_string(),
            n => format!("{ID_STEM}-{n}"),
        })
        .find(|id| !taken.contains(id.as_str()))
        .expect("some number is free")
}

/// The file the meeting belongs in: the one that holds the meetings of its
/// category (of its region, in a category grouped by region; of its
/// subcategory first, in one with subcategories). Where several do, the one
/// named as the catalog names them (`03.toml`, `09-kanto.toml`), else the
/// last; where none does, that name.
fn choose_file(files: &[MeetingFile], category: &Category, group: Option<&Group>) -> String {
    let conventional = match (category.grouping, group) {
        (Grouping::Region, Some(group)) => format!("{:02}-{}.toml", category.id, group.id),
        _ => format!("{:02}.toml", category.id),
    };
    let group_field = match category.grouping {
        Grouping::None => None,
        Grouping::Subcategory => Some("subcategory"),
        Grouping::Region => Some("region"),
    };
    let holds = |file: &MeetingFile, with_group: bool| {
        file.meetings.iter().any(|meeting| {
            meeting.get("category").and_then(toml::Value::as_integer) == Some(category.id.into())
                && (!with_group
                    || group_field
                        .and_then(|field| meeting.get(field))
                        .and_then(toml::Value::as_str)
                        == group.map(|group| group.id.as_str()))
        })
    };
    let pick = |with_group: bool| {
        let holding: Vec<&MeetingFile> = files.iter().filter(|f| holds(f, with_group)).collect();
        holding
            .iter()
            .find(|file| file.path.file_name().is_some_and(|n| *n == *conventional))
            .or(holding.last())
            .and_then(|file| file.path.file_name())
            .map(|name| name.to_string_lossy().into_owned())
    };
    pick(true)
        // Subcategories share their category's file; regions have their own.
        .or_else(|| (category.grouping == Grouping::Subcategory).then(|| pick(false))?)
        .unwrap_or(conventional)
}

/// The entry, every value the maintainer must supply written `"TODO"`.
fn entry_text(id: &str, category: &Category, group: Option<&Group>) -> String {
    let mut lines = vec![
        "[[meeting]]".to_string(),
        format!("id = \"{id}\""),
        format!("name = {{ ja = \"{TO_FILL}\", en = \"{TO_FILL}\" }}"),
        format!("category = {}", category.id),
    ];
    match (category.grouping, group) {
        (Grouping::Subcategory, Some(group)) => {
            lines.push(format!("subcategory = \"{}\"", group.id));
        }
        (Grouping::Region, Some(group)) => lines.push(format!("region = \"{}\"", group.id)),
        _ => {}
    }
    lines.push(format!("credits = \"{TO_FILL}\""));
    lines.push("required = false".to_string());
    lines.push(format!("source = [\"{TO_FILL}\"]"));
    let mut entry = lines.join("\n");
    entry.push('\n');
    entry
}

/// The first lines of a meeting file made for the entry.
fn header(category: &Category, group: Option<&Group>) -> String {
    let group = match (category.grouping, group) {
        (Grouping::Region, Some(group)) => format!(", region {} ({})", group.name.ja, group.id),
        _ => String::new(),
    };
    format!(
        "# 分類{} {} ({}){group}, in the order of the source list.\n\n",
        category.id, category.name.ja, category.name.en
    )
}

/// What goes before the entry, so that one blank line parts it from the
/// file's last line, and the entry in the file's own line breaks (`\r\n`
/// where the file uses them).
fn fit(text: &str, entry: &str) -> (String, String) {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let separator = if text.is_empty() || text.ends_with(&newline.repeat(2)) {
        String::new()
    } else if text.ends_with('\n') {
        newline.to_string()
    } else {
        newline.repeat(2)
    };
    (separator, entry.replace('\n', newline))
}

/// The file with the entry after it must still read, its last meeting being
/// the new one (a file that ends inside a table it cannot close would not).
fn check_appended(file: &MeetingFile, addition: &str, id: &str) -> Result<(), Diagnostics> {
    let text = format!("{}{addition}", file.text);
    let last_id = toml::from_str::<toml::Table>(&text)
        .map_err(|error| error.message().to_string())
        .and_then(|table| {
            table
                .get("meeting")
                .and_then(toml::Value::as_array)
                .and_then(|meetings| meetings.last())
                .and_then(|meeting| meeting.get("id"))
                .and_then(toml::Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| "its meetings are not `[[meeting]]` tables".to_string())
        });
    match last_id {
        Ok(last) if last == id => Ok(()),
        Ok(_) => Err("the new entry would not be its last meeting".to_string()),
        Err(reason) => Err(reason),
    }
    .map_err(|reason| {
        one(Diagnostic::file(
            Some(&file.path),
            format!(
                "cannot append a `[[meeting]]` entry to {}: {reason}",
                file.path.display()
            ),
        )
        .with_help("write the file's meetings as `[[meeting]]` tables (as catalog/README.md shows), then run the command again"))
    })
}

/// Appends to the file, which must still hold what was read: the bytes in
/// it are never rewritten, and a failed write is taken back.
fn append(root: &Path, file: &MeetingFile, addition: &str) -> Result<(), Diagnostics> {
    let failed = |error: std::io::Error| {
        one(Diagnostic::file(
            Some(&file.path),
            format!("cannot write {}: {error}", file.path.display()),
        ))
    };
    let mut opened = OpenOptions::new()
        .read(true)
        .append(true)
        .open(root.join(&file.path))
        .map_err(failed)?;
    let mut now = Vec::new();
    opened.read_to_end(&mut now).map_err(failed)?;
    if now != file.text.as_bytes() {
        return Err(one(Diagnostic::file(
            Some(&file.path),
            format!("{} changed while the entry was made", file.path.display()),
        )
        .with_help("run the command again")));
    }
    let length = now.len() as u64;
    opened
        .write_all(addition.as_bytes())
        .and_then(|()| opened.sync_all())
        .map_err(|error| {
            // Leave the file as it was: its own bytes, and nothing after.
            let _ = opened.set_len(length);
            failed(error)
        })
}

/// Makes the file, refusing one that appeared meanwhile.
fn create(root: &Path, path: &Path, text: &str) -> Result<(), Diagnostics> {
    let full = root.join(path);
    let failed = |error: std::io::Error| {
        one(Diagnostic::file(
            Some(path),
            format!("cannot create {}: {error}", path.display()),
        ))
    };
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
        .map_err(failed)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|error| {
            let _ = fs::remove_file(&full);
            failed(error)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_blank_line_parts_the_entry_from_the_file_whatever_its_end() {
        let entry = "[[meeting]]\nid = \"x\"\n";
        assert_eq!(fit("a = 1\n", entry).0, "\n");
        assert_eq!(fit("a = 1", entry).0, "\n\n");
        assert_eq!(fit("a = 1\n\n", entry).0, "");
        assert_eq!(fit("", entry).0, "");
        let (separator, crlf) = fit("a = 1\r\n", entry);
        assert_eq!(separator, "\r\n");
        assert_eq!(crlf, "[[meeting]]\r\nid = \"x\"\r\n");
    }

    #[test]
    fn the_fresh_id_is_the_first_no_meeting_has() {
        let file = |ids: &[&str]| MeetingFile {
            path: PathBuf::from("x.toml"),
            text: String::new(),
            meetings: ids
                .iter()
                .map(|id| toml::Table::from_iter([("id".to_string(), (*id).into())]))
                .collect(),
        };
        assert_eq!(fresh_id(&[file(&["a"])]), "new-meeting");
        assert_eq!(
            fresh_id(&[file(&["new-meeting"]), file(&["new-meeting-3"])]),
            "new-meeting-2"
        );
        assert!(crate::slug::is_slug(&fresh_id(&[])));
    }
}
