//! `tanni check` on small broken sites: each fixture under tests/fixtures/
//! holds only the files that differ from `minimal`, and the test overlays it
//! onto a copy of `minimal` plus the repository's themes/. The whole report is
//! compared, so a wrong line, column, caret or help shows up as a failure.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Lays a fixture's files over the site in `dir`.
fn overlay(case: &str, dir: &Path) {
    let fixture = repo_root().join("tests/fixtures").join(case);
    assert!(fixture.is_dir(), "no fixture {}", fixture.display());
    copy_tree(&fixture, dir);
}

/// `minimal` with the repository's themes, and `case` laid over it.
fn site(case: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    overlay("minimal", dir.path());
    copy_tree(&repo_root().join("themes"), &dir.path().join("themes"));
    if case != "minimal" {
        overlay(case, dir.path());
    }
    dir
}

fn tanni(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// Runs `tanni check` on the case: its exit code and what it printed to stderr.
fn check(case: &str) -> (i32, String) {
    let dir = site(case);
    let output = tanni(&["check"], dir.path());
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn assert_reports(case: &str, expected: &str) {
    let (code, stderr) = check(case);
    assert!(
        code == 1 && stderr == expected,
        "case {case}: exit code {code}, expected 1\n--- printed:\n{stderr}\n--- expected:\n{expected}"
    );
}

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
        r#"error: unknown field `credit`, expected one of `id`, `name`, `category`, `subcategory`, `region`, `credits`, `required`, `former_names`, `aliases`, `same_as`, `source`, `flags`
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
    let dir = site("minimal");
    let output = dir.path().join("public");
    let output_arg = output.to_str().unwrap();
    let first = tanni(&["build", "--output-dir", output_arg], dir.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = snapshot(&output);
    assert!(before.contains_key(Path::new("index.html")), "{before:?}");

    overlay("many-problems", dir.path());
    let second = tanni(&["build", "--output-dir", output_arg], dir.path());
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
fn a_hostile_site_is_refused_at_every_place_it_attacks() {
    // Each attack of the fixture, in the order the checks read the files:
    // a base URL that runs script, characters spelled as escapes that hide
    // or reorder text, a name longer than any name, rules that would make
    // the engine allocate without end, page names that are no URL or take a
    // built-in page's place, and Markdown that would run script or load a
    // tracker.
    assert_reports(
        "hostile",
        r#"error: the base URL must start with https:// or http://, not `javascript:`
 --> site.toml:5:12
  |
5 | base_url = "javascript:alert(1)"
  |            ^^^^^^^^^^^^^^^^^^^^^

error: a control character U+0000 is not allowed in an input
 --> catalog/meetings/09.toml:5:15
  |
5 | name = { ja = "日本核医学会\u0000北日本地方会", en = "North Japan Regional Meeting \u202Eof the JSNM" }
  |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
help: remove the escape: such characters are invisible, or make text show in another order than it is stored

error: a bidirectional control character U+202E is not allowed in an input
 --> catalog/meetings/09.toml:5:42
  |
5 | name = { ja = "日本核医学会\u0000北日本地方会", en = "North Japan Regional Meeting \u202Eof the JSNM" }
  |                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
help: remove the escape: such characters are invisible, or make text show in another order than it is stored

error: an alias of `kanto-ivr-study-group` is 300 characters long; at most 200 are allowed
  --> catalog/meetings/09.toml:17:12
   |
17 | aliases = ["IVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVR"]
   |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: period_years is 4294967295; it must be from 1 to 20
 --> catalog/rules.toml:2:16
  |
2 | period_years = 4294967295
  |                ^^^^^^^^^^

error: papers.cap_per_year is 100000000; it must be from 0 to 1000
  --> catalog/rules.toml:14:16
   |
14 | cap_per_year = 100000000
   |                ^^^^^^^^^

error: the page name `a b` is not a slug: it becomes the page's URL
 --> content/ja/a b.md:1:1
help: name the file with lowercase letters a-z, digits and `-` only, such as `renewal-faq.md`

error: the page name `search` is taken by a page every site has (/ja/search/)
 --> content/ja/search.md:1:1
help: these names are taken: categories, meetings, data-quality, search, calculator; give the page another name

error: the page name `a b` is not a slug: it becomes the page's URL
 --> content/en/a b.md:1:1
help: name the file with lowercase letters a-z, digits and `-` only, such as `renewal-faq.md`

error: the heading attribute `onclick` is not allowed: a heading may carry only an {#id} and {.class}es
 --> content/en/about.md:6:1
  |
6 | ## About this site {#what onclick=alert(1)}
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the link `javascript:alert(document.cookie)` uses `javascript:`; a link may be http, https, mailto or relative
 --> content/en/about.md:8:6
  |
8 | Read [the rules](javascript:alert(document.cookie)) or [this](data:text/html,<script>alert(1)</script>).
  |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the link `data:text/html,<script>alert(1)</script>` uses `data:`; a link may be http, https, mailto or relative
 --> content/en/about.md:8:56
  |
8 | Read [the rules](javascript:alert(document.cookie)) or [this](data:text/html,<script>alert(1)</script>).
  |                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the image `https://tracker.example/pixel.png` is not on the site: an image must be a relative path, since no request may leave the site
  --> content/en/about.md:10:1
   |
10 | ![a pixel](https://tracker.example/pixel.png)
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the page name `search` is taken by a page every site has (/en/search/)
 --> content/en/search.md:1:1
help: these names are taken: categories, meetings, data-quality, search, calculator; give the page another name

error: found 14 problems
"#,
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
