//! `tanni check` on small broken sites: each fixture under tests/fixtures/
//! holds only the files that differ from `minimal`, and the test overlays it
//! onto a copy of `minimal` plus the repository's themes/. The whole report is
//! compared, so a wrong line, column, caret or help shows up as a failure.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{assert_reports, check_report as check, fixture_site, overlay, tanni_in};

#[test]
fn the_minimal_site_passes_the_check() {
    assert_eq!(check("minimal"), (0, String::new()));
}

#[test]
fn a_toml_syntax_error_is_reported_where_the_string_breaks_off() {
    assert_reports(
        "toml-syntax",
        r#"error: TOML syntax: invalid basic string, expected `"`
  --> catalog/meetings/09.toml:10:28
   |
10 | id = "kanto-ivr-study-group
   |                            ^

error: found 1 problem
"#,
    );
}

#[test]
fn an_unknown_field_is_reported_at_its_key() {
    assert_reports(
        "unknown-field",
        r#"error: unknown field `credit`, expected one of `id`, `name`, `japanese_name`, `category`, `subcategory`, `region`, `credits`, `required`, `former_names`, `aliases`, `same_as`, `source`, `flags`
  --> catalog/meetings/09.toml:14:1
   |
14 | credit = 5
   | ^^^^^^

error: found 1 problem
"#,
    );
}

#[test]
fn an_unknown_category_is_reported_at_the_value() {
    assert_reports(
        "unknown-category",
        r#"error: unknown category 11
  --> catalog/meetings/09.toml:12:12
   |
12 | category = 11
   |            ^^
help: categories are 1, 9, defined in catalog/categories.toml

error: found 1 problem
"#,
    );
}

#[test]
fn an_unknown_region_is_reported_at_the_value_with_the_regions_of_its_category() {
    assert_reports(
        "unknown-region",
        r#"error: unknown region `tohoku` for category 9
  --> catalog/meetings/09.toml:13:10
   |
13 | region = "tohoku"
   |          ^^^^^^^^
help: one of `north`, `kanto`

error: found 1 problem
"#,
    );
}

#[test]
fn a_duplicate_id_is_reported_at_the_second_with_the_place_of_the_first() {
    assert_reports(
        "duplicate-id",
        r#"error: duplicate meeting id `kanto-ivr-study-group`
 --> catalog/meetings/09b.toml:4:6
  |
4 | id = "kanto-ivr-study-group"
  |      ^^^^^^^^^^^^^^^^^^^^^^^
help: first defined at catalog/meetings/09.toml:10:6

error: found 1 problem
"#,
    );
}

#[test]
fn an_id_that_is_not_a_slug_is_reported_at_the_id() {
    assert_reports(
        "id-not-a-slug",
        r#"error: meeting id `Kanto_IVR` is not a slug
  --> catalog/meetings/09.toml:10:6
   |
10 | id = "Kanto_IVR"
   |      ^^^^^^^^^^^
help: an id may hold only lowercase letters a-z, digits and `-`

error: found 1 problem
"#,
    );
}

#[test]
fn credits_out_of_range_are_reported_at_the_value() {
    assert_reports(
        "credits-out-of-range",
        r#"error: credits must be a whole number from 1 to 100, found `0`
  --> catalog/meetings/09.toml:14:11
   |
14 | credits = 0
   |           ^
help: leave `credits` out where the source gives no value, and flag it `no-value`

error: found 1 problem
"#,
    );
}

#[test]
fn credits_that_are_not_a_whole_number_are_reported_at_the_value() {
    assert_reports(
        "credits-not-whole",
        r#"error: credits must be a whole number from 1 to 100, found `2.5`
  --> catalog/meetings/09.toml:14:11
   |
14 | credits = 2.5
   |           ^^^
help: leave `credits` out where the source gives no value, and flag it `no-value`

error: found 1 problem
"#,
    );
}

#[test]
fn a_name_without_english_is_reported_at_the_whole_name() {
    assert_reports(
        "missing-english-name",
        r#"error: the name of `kanto-ivr-study-group` has no English (`en`) text
  --> catalog/meetings/09.toml:11:8
   |
11 | name = { ja = "関東IVR研究会" }
   |        ^^^^^^^^^^^^^^^^^^^^^^^^

error: found 1 problem
"#,
    );
}

#[test]
fn a_ui_string_missing_in_english_is_reported_where_japanese_has_it() {
    assert_reports(
        "missing-ui-string",
        r#"error: UI string `skip_to_content` is missing from themes/default/i18n/en.toml
 --> themes/default/i18n/ja.toml:6:1
  |
6 | skip_to_content = "本文へ移動"
  | ^^^^^^^^^^^^^^^
help: add `skip_to_content = "…"` to themes/default/i18n/en.toml

error: found 1 problem
"#,
    );
}

#[test]
fn a_page_without_its_twin_is_reported_with_the_missing_path() {
    assert_reports(
        "page-without-twin",
        r#"error: page `extra` has no twin: content/en/extra.md is missing
 --> content/ja/extra.md:1:1

error: found 1 problem
"#,
    );
}

#[test]
fn three_problems_in_one_file_are_all_reported_in_one_run() {
    assert_reports(
        "many-problems",
        r#"error: unknown region `tohoku` for category 9
 --> catalog/meetings/09.toml:5:10
  |
5 | region = "tohoku"
  |          ^^^^^^^^
help: one of `north`, `kanto`

error: credits must be a whole number from 1 to 100, found `2.5`
  --> catalog/meetings/09.toml:14:11
   |
14 | credits = 2.5
   |           ^^^
help: leave `credits` out where the source gives no value, and flag it `no-value`

error: meeting id `Tokyo_Roentgen` is not a slug
  --> catalog/meetings/09.toml:18:6
   |
18 | id = "Tokyo_Roentgen"
   |      ^^^^^^^^^^^^^^^^
help: an id may hold only lowercase letters a-z, digits and `-`

error: found 3 problems
"#,
    );
}

/// Every file under `dir`, by path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, files);
            } else {
                let bytes = fs::read(&path).unwrap();
                files.insert(path.strip_prefix(base).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

#[test]
fn a_build_of_a_broken_site_leaves_the_previous_output_untouched() {
    let dir = fixture_site(None);
    let output = dir.path().join("public");
    let output_arg = output.to_str().unwrap();
    let first = tanni_in(dir.path(), &["build", "--output-dir", output_arg]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = snapshot(&output);
    assert!(before.contains_key(Path::new("index.html")), "{before:?}");

    overlay("many-problems", dir.path());
    let second = tanni_in(dir.path(), &["build", "--output-dir", output_arg]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: found 3 problems"), "{stderr}");

    let after = snapshot(&output);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &before {
        assert!(
            &after[path] == bytes,
            "{} changed in a failed build",
            path.display()
        );
    }
    let mut beside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.contains("public"))
        .collect();
    beside.sort();
    // The lock file stays (removing it would let two builds hold two locks);
    // no staging folder is left behind.
    assert_eq!(
        beside,
        [".public.tanni-lock", "public"],
        "no staging directory is left behind"
    );
}

#[test]
fn same_as_must_name_a_meeting_of_the_catalog_that_names_it_back() {
    assert_reports(
        "same-as-one-way",
        r#"error: same_as names `tokyo-roentgen-conference`, but `tokyo-roentgen-conference` does not name `kanto-ivr-study-group` back
  --> catalog/meetings/09.toml:15:12
   |
15 | same_as = ["tokyo-roentgen-conference", "kanto-ivr"]
   |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^
help: same_as links the listings of one meeting, each naming the other

error: same_as names `kanto-ivr`, which is not in the catalog
  --> catalog/meetings/09.toml:15:41
   |
15 | same_as = ["tokyo-roentgen-conference", "kanto-ivr"]
   |                                         ^^^^^^^^^^^
help: same_as links the listings of one meeting, each naming the other

error: found 2 problems
"#,
    );
}
