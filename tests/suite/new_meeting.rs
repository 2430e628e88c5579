//! `tanni new meeting` on a copy of the real site: the entry lands at the
//! end of the right file with a fresh id, the file's bytes before it kept;
//! `tanni check` and `tanni build` refuse it, at its lines, until it is
//! filled in; a wrong category or region changes nothing.

use crate::common;

use std::fs;
use std::path::Path;

use common::{copy_real_site, read_tree, tanni_in};

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_real_site(dir.path());
    dir
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Runs `tanni new meeting ARGS` in `dir`, which must succeed: the id and
/// the line it reports.
fn new_meeting(dir: &Path, args: &[&str]) -> (String, String, usize) {
    let mut all = vec!["new", "meeting"];
    all.extend_from_slice(args);
    let output = tanni_in(dir, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stdout(&output);
    let added = printed
        .lines()
        .find_map(|line| line.strip_prefix("added meeting `"))
        .unwrap_or_else(|| panic!("{printed}"));
    let (id, place) = added.split_once("` at ").unwrap();
    let (path, line) = place.rsplit_once(':').unwrap();
    assert!(
        printed.contains("fill in the name (ja, en), the credits and the source line where \"TODO\" stands, then run `tanni check`"),
        "{printed}"
    );
    (id.to_string(), path.to_string(), line.parse().unwrap())
}

#[test]
fn a_new_meeting_in_kanto_is_appended_refused_until_filled_then_built() {
    let dir = site();
    let kanto = dir.path().join("catalog/meetings/09-kanto.toml");
    let before = fs::read(&kanto).unwrap();
    let catalog_before = read_tree(&dir.path().join("catalog"));

    let (id, path, line) = new_meeting(dir.path(), &["--category", "9", "--region", "kanto"]);
    assert_eq!(id, "new-meeting");
    assert_eq!(path, "catalog/meetings/09-kanto.toml");

    // The file's bytes are an unchanged prefix; one blank line, then the entry.
    let after = fs::read(&kanto).unwrap();
    assert!(after.starts_with(&before));
    let entry = "[[meeting]]\n\
                 id = \"new-meeting\"\n\
                 name = { ja = \"TODO\", en = \"TODO\" }\n\
                 category = 9\n\
                 region = \"kanto\"\n\
                 credits = \"TODO\"\n\
                 required = false\n\
                 source = [\"TODO\"]\n";
    assert_eq!(
        String::from_utf8(after[before.len()..].to_vec()).unwrap(),
        format!("\n{entry}")
    );
    let after_text = String::from_utf8(after).unwrap();
    assert_eq!(after_text.lines().nth(line - 1), Some("[[meeting]]"));
    assert_eq!(
        line,
        before.iter().filter(|&&byte| byte == b'\n').count() + 2
    );
    // No other file changed.
    let mut catalog_after = read_tree(&dir.path().join("catalog"));
    catalog_after.remove("meetings/09-kanto.toml");
    let mut catalog_before = catalog_before;
    catalog_before.remove("meetings/09-kanto.toml");
    assert_eq!(catalog_before, catalog_after);

    // The check names the file, each line and the field to fill in.
    let check = tanni_in(dir.path(), &["check"]);
    let report = stderr(&check);
    assert_eq!(check.status.code(), Some(1), "{report}");
    for (at, message) in [
        (
            format!("{path}:{}:15", line + 2),
            "the name of `new-meeting` is not filled in: still \"TODO\" in Japanese (`ja`)",
        ),
        (
            format!("{path}:{}:28", line + 2),
            "the name of `new-meeting` is not filled in: still \"TODO\" in English (`en`)",
        ),
        (
            format!("{path}:{}:11", line + 5),
            "the credits of `new-meeting` are not filled in: still \"TODO\"",
        ),
        (
            format!("{path}:{}:11", line + 7),
            "a source line of `new-meeting` is not filled in: still \"TODO\"",
        ),
    ] {
        let shown = format!("error: {message}\n");
        let position = report
            .find(&shown)
            .unwrap_or_else(|| panic!("no {shown:?} in\n{report}"));
        assert!(
            report[position + shown.len()..]
                .trim_start()
                .starts_with(&format!("--> {at}\n")),
            "{message} is not at {at}:\n{report}"
        );
    }
    assert!(report.ends_with("error: found 4 problems\n"), "{report}");

    // The build refuses it too, and writes nothing.
    let out = dir.path().join("out");
    let build = tanni_in(
        dir.path(),
        &["build", "--output-dir", out.to_str().unwrap()],
    );
    assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
    assert!(stderr(&build).contains("the credits of `new-meeting` are not filled in"));
    assert!(!out.exists());

    // Filled in, it checks and builds into a page of its own.
    let filled = "[[meeting]]\n\
                  id = \"new-meeting\"\n\
                  name = { ja = \"関東新画像研究会\", en = \"Kanto New Imaging Study Group\" }\n\
                  category = 9\n\
                  region = \"kanto\"\n\
                  credits = 3\n\
                  required = false\n\
                  source = [\"関東新画像研究会 3\"]\n";
    fs::write(&kanto, after_text.replacen(entry, filled, 1)).unwrap();
    let check = tanni_in(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stdout(&check).starts_with("ok: "), "{}", stdout(&check));
    let build = tanni_in(
        dir.path(),
        &["build", "--output-dir", out.to_str().unwrap()],
    );
    assert!(build.status.success(), "{}", stderr(&build));
    let page = fs::read_to_string(out.join("ja/meetings/new-meeting/index.html")).unwrap();
    assert!(page.contains("関東新画像研究会"), "{page}");
    let page = fs::read_to_string(out.join("en/meetings/new-meeting/index.html")).unwrap();
    assert!(page.contains("Kanto New Imaging Study Group"), "{page}");
}

#[test]
fn two_new_meetings_in_a_row_get_two_ids() {
    let dir = site();
    let (first, first_path, _) = new_meeting(dir.path(), &["--category", "1"]);
    let (second, second_path, _) = new_meeting(dir.path(), &["--category", "1"]);
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("new-meeting", "new-meeting-2")
    );
    assert_eq!(first_path, "catalog/meetings/01.toml");
    assert_eq!(second_path, first_path);
    // Ids are the catalog's, not the file's: another file's gets the next.
    let (third, third_path, _) =
        new_meeting(dir.path(), &["--category", "3", "--subcategory", "3-2"]);
    assert_eq!(third, "new-meeting-3");
    assert_eq!(third_path, "catalog/meetings/03.toml");
    let text = fs::read_to_string(dir.path().join(&third_path)).unwrap();
    assert!(
        text.ends_with("id = \"new-meeting-3\"\nname = { ja = \"TODO\", en = \"TODO\" }\ncategory = 3\nsubcategory = \"3-2\"\ncredits = \"TODO\"\nrequired = false\nsource = [\"TODO\"]\n"),
        "{text}"
    );
    let report = stderr(&tanni_in(dir.path(), &["check"]));
    for id in ["new-meeting", "new-meeting-2", "new-meeting-3"] {
        assert!(
            report.contains(&format!("the credits of `{id}` are not filled in")),
            "{report}"
        );
    }
    assert!(!report.contains("duplicate"), "{report}");
}

#[test]
fn a_wrong_category_or_region_is_refused_in_one_error_and_nothing_changes() {
    let dir = site();
    let before = read_tree(dir.path());
    for (args, expected) in [
        (
            &["--category", "11"][..],
            "error: unknown category 11\nhelp: categories are 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, defined in catalog/categories.toml\n",
        ),
        (
            &["--category", "9"][..],
            "error: a meeting of category 9 needs a region\nhelp: give --region: one of `north`, `kanto`, `chubu`, `kansai`, `chugoku-shikoku`, `kyushu`\n",
        ),
        (
            &["--category", "9", "--region", "tohoku"][..],
            "error: unknown region `tohoku` for category 9\nhelp: one of `north`, `kanto`, `chubu`, `kansai`, `chugoku-shikoku`, `kyushu`\n",
        ),
        (
            &["--category", "5", "--region", "kanto"][..],
            "error: category 5 has no regions, but --region kanto was given\nhelp: leave --region out\n",
        ),
        (
            &["--category", "3"][..],
            "error: a meeting of category 3 needs a subcategory\nhelp: give --subcategory: one of `3-1`, `3-2`\n",
        ),
    ] {
        let mut all = vec!["new", "meeting"];
        all.extend_from_slice(args);
        let output = tanni_in(dir.path(), &all);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&output),
            format!("{expected}nothing was written\n"),
            "{args:?}"
        );
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    assert!(before == read_tree(dir.path()), "a file changed");
}

#[test]
fn a_catalog_file_that_is_not_toml_is_refused_and_nothing_changes() {
    let dir = site();
    let broken = dir.path().join("catalog/meetings/05.toml");
    let mut text = fs::read_to_string(&broken).unwrap();
    text.push_str("\n[[meeting]\n");
    fs::write(&broken, &text).unwrap();
    let before = read_tree(dir.path());
    let output = tanni_in(dir.path(), &["new", "meeting", "--category", "1"]);
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(report.starts_with("error: TOML syntax: "), "{report}");
    assert!(
        report.contains(&format!(
            "--> catalog/meetings/05.toml:{}:",
            text.lines().count()
        )),
        "{report}"
    );
    assert!(
        report.contains(
            "help: catalog/meetings/05.toml is not valid TOML: fix it before adding a meeting"
        ),
        "{report}"
    );
    assert!(report.ends_with("nothing was written\n"), "{report}");
    assert!(before == read_tree(dir.path()), "a file changed");
}

#[test]
fn a_category_without_a_file_gets_one_named_as_the_others() {
    let dir = site();
    fs::remove_file(dir.path().join("catalog/meetings/10.toml")).unwrap();
    let output = tanni_in(dir.path(), &["new", "meeting", "--category", "10"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with(
        "created catalog/meetings/10.toml\nadded meeting `new-meeting` at catalog/meetings/10.toml:3\n"
    ));
    assert_eq!(
        fs::read_to_string(dir.path().join("catalog/meetings/10.toml")).unwrap(),
        "# 分類10 日本医師会関連 (Japan Medical Association), in the order of the source list.\n\
         \n\
         [[meeting]]\n\
         id = \"new-meeting\"\n\
         name = { ja = \"TODO\", en = \"TODO\" }\n\
         category = 10\n\
         credits = \"TODO\"\n\
         required = false\n\
         source = [\"TODO\"]\n"
    );
}
