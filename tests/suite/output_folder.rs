//! The output folder is tanni's alone: a build refuses any folder that holds
//! what tanni did not write, the site's own sources and root, and anything
//! behind a link, before anything moves; builds at once wait for each other;
//! a reader never finds a half site.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::{fixture_site, names, read_tree, tanni_in};

fn build(root: &Path, output: &str) -> Output {
    tanni_in(root, &["build", "--output-dir", output])
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Two builds, as a user who did not read the first message would run them:
/// both are refused with a reason and a way out.
fn assert_refused_twice(root: &Path, output: &str, why: &str) {
    for attempt in 1..=2 {
        let result = build(root, output);
        let printed = stderr(&result);
        assert_eq!(
            result.status.code(),
            Some(1),
            "attempt {attempt} into {output}: {printed}"
        );
        assert!(
            printed.contains(why),
            "attempt {attempt} into {output}:\n{printed}"
        );
        assert!(printed.contains("help: "), "{printed}");
    }
}

#[test]
fn a_folder_of_the_users_is_refused_and_its_files_kept() {
    let site = fixture_site(None);
    let v = site.path().join("v");
    fs::create_dir(&v).unwrap();
    fs::write(v.join("thesis.txt"), "years of work").unwrap();
    assert_refused_twice(
        site.path(),
        "v",
        "it holds 1 entry that tanni did not write (thesis.txt)",
    );
    assert_eq!(names(&v), ["thesis.txt"]);
    assert_eq!(
        fs::read_to_string(v.join("thesis.txt")).unwrap(),
        "years of work"
    );
    // Refused before anything was created beside it, the lock included.
    assert_eq!(
        names(site.path()),
        ["catalog", "content", "site.toml", "themes", "v"]
    );
}

#[test]
fn a_site_tanni_wrote_that_now_holds_other_files_is_refused() {
    // A user turns the built site into a git worktree for GitHub Pages.
    let site = fixture_site(None);
    assert!(build(site.path(), "public").status.success());
    let public = site.path().join("public");
    fs::create_dir_all(public.join(".git/refs")).unwrap();
    fs::write(public.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(public.join("CNAME"), "tanni.example.org\n").unwrap();
    fs::write(public.join("ja/notes.txt"), "mine").unwrap();
    assert_refused_twice(
        site.path(),
        "public",
        "it holds 3 entries that tanni did not write (.git/, CNAME, ja/notes.txt)",
    );
    assert_eq!(
        fs::read_to_string(public.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/gh-pages\n"
    );
    assert_eq!(
        fs::read_to_string(public.join("ja/notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_name_too_long_for_the_folders_beside_it_is_refused_up_front() {
    let site = fixture_site(None);
    let name = "p".repeat(250);
    assert_refused_twice(site.path(), &name, "its name is too long");
    assert_eq!(
        names(site.path()),
        ["catalog", "content", "site.toml", "themes"]
    );
}

#[cfg(unix)]
#[test]
fn a_hard_linked_copy_and_an_open_file_keep_their_bytes_through_rebuilds() {
    use std::io::Read as _;
    let site = fixture_site(None);
    let public = site.path().join("public");
    let about = site.path().join("content/en/about.md");
    let page = |root: &Path| root.join("en/about/index.html");
    assert!(build(site.path(), "public").status.success());
    // `cp -al public release`: a snapshot sharing every file.
    let release = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&public).min_depth(1) {
        let entry = entry.unwrap();
        let target = release
            .path()
            .join(entry.path().strip_prefix(&public).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::hard_link(entry.path(), &target).unwrap();
        }
    }
    let published = fs::read(page(release.path())).unwrap();
    // A reader (a web server sending the file) holds the page open.
    let mut reader = fs::File::open(page(&public)).unwrap();
    let mut read = vec![0_u8; 100];
    reader.read_exact(&mut read).unwrap();
    for edit in ["ONE", "TWO"] {
        let text = fs::read_to_string(&about).unwrap();
        fs::write(&about, format!("{text}\n{edit}\n")).unwrap();
        assert!(build(site.path(), "public").status.success());
    }
    assert_eq!(
        fs::read(page(release.path())).unwrap(),
        published,
        "the snapshot changed"
    );
    reader.read_to_end(&mut read).unwrap();
    assert_eq!(read, published, "the reader got bytes of two builds");
    let now = String::from_utf8(fs::read(page(&public)).unwrap()).unwrap();
    assert!(now.contains("TWO"));
}

#[cfg(unix)]
#[test]
fn the_output_keeps_the_mode_its_owner_gave_it() {
    use std::os::unix::fs::PermissionsExt as _;
    let site = fixture_site(None);
    let public = site.path().join("public");
    fs::create_dir(&public).unwrap();
    fs::set_permissions(&public, fs::Permissions::from_mode(0o2750)).unwrap();
    for _ in 0..3 {
        assert!(build(site.path(), "public").status.success());
        let mode = fs::metadata(&public).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o2750, "the output's mode changed to {mode:o}");
    }
}

#[test]
fn a_git_worktree_as_the_output_is_refused_and_kept() {
    let site = fixture_site(None);
    let public = site.path().join("public");
    fs::create_dir_all(public.join(".git")).unwrap();
    fs::write(public.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(public.join("CNAME"), "tanni.example.org\n").unwrap();
    assert_refused_twice(site.path(), "public", "(.git, CNAME)");
    assert_eq!(names(&public), [".git", "CNAME"]);
}

#[test]
fn the_sources_the_root_and_its_parents_are_refused_and_nothing_moves() {
    // The site in a folder of its own, so that its parent can be checked.
    let parent = tempfile::tempdir().unwrap();
    let site_root = parent.path().join("site");
    common::copy_tree(fixture_site(None).path(), &site_root);
    let before = read_tree(&site_root);
    let root = site_root.to_str().unwrap().to_string();
    for (output, why) in [
        ("content", "it is one of the site's sources"),
        ("catalog", "it is one of the site's sources"),
        ("themes/default", "inside the site's sources"),
        ("content/ja/new", "inside the site's sources"),
        (".", "it is the site root"),
        (&root, "it is the site root"),
        ("catalog/..", "it is the site root"),
        ("..", "it holds the site root"),
        ("/", "cannot be an output folder"),
    ] {
        assert_refused_twice(&site_root, output, why);
    }
    assert_eq!(read_tree(&site_root), before, "the sources changed");
    assert_eq!(
        names(parent.path()),
        ["site"],
        "something was written beside the root"
    );
    assert_eq!(
        names(&site_root),
        ["catalog", "content", "site.toml", "themes"]
    );
}

#[test]
fn an_empty_folder_is_taken_and_a_folder_tanni_wrote_is_replaced() {
    let site = fixture_site(None);
    fs::create_dir(site.path().join("empty")).unwrap();
    for _ in 0..2 {
        let result = build(site.path(), "empty");
        assert!(result.status.success(), "{}", stderr(&result));
    }
    assert!(site.path().join("empty/ja/index.html").is_file());
    assert!(site.path().join("empty/.tanni-output").is_file());
}

#[cfg(unix)]
#[test]
fn a_linked_output_is_refused_and_what_it_points_to_kept() {
    let site = fixture_site(None);
    let www = tempfile::tempdir().unwrap();
    fs::write(www.path().join("index.html"), "their site").unwrap();
    fs::write(www.path().join(".tanni-output"), "even with a marker").unwrap();
    std::os::unix::fs::symlink(www.path(), site.path().join("public")).unwrap();
    assert_refused_twice(site.path(), "public", "it is a symbolic link");
    assert!(fs::symlink_metadata(site.path().join("public"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(names(www.path()), [".tanni-output", "index.html"]);
    assert_eq!(
        fs::read_to_string(www.path().join("index.html")).unwrap(),
        "their site"
    );
}

#[cfg(unix)]
#[test]
fn a_linked_spare_is_refused_and_its_target_kept() {
    let site = fixture_site(None);
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("keep.txt"), "theirs").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path().join(".public.tanni-spare")).unwrap();
    assert_refused_twice(site.path(), "public", "symbolic link");
    assert_eq!(names(elsewhere.path()), ["keep.txt"]);
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_spare_is_removed_not_written_through() {
    let site = fixture_site(None);
    for _ in 0..2 {
        assert!(build(site.path(), "public").status.success());
    }
    let spare = site.path().join(".public.tanni-spare");
    assert!(
        spare.join("robots.txt").is_file(),
        "the second build left a spare"
    );
    let victim = tempfile::NamedTempFile::new().unwrap();
    fs::write(victim.path(), "someone else's file").unwrap();
    fs::remove_file(spare.join("robots.txt")).unwrap();
    std::os::unix::fs::symlink(victim.path(), spare.join("robots.txt")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("keep.txt"), "theirs").unwrap();
    fs::remove_dir_all(spare.join("ja")).unwrap();
    std::os::unix::fs::symlink(outside.path(), spare.join("ja")).unwrap();

    let result = build(site.path(), "public");
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(
        fs::read_to_string(victim.path()).unwrap(),
        "someone else's file"
    );
    assert_eq!(names(outside.path()), ["keep.txt"]);
    let public = site.path().join("public");
    assert!(fs::symlink_metadata(public.join("robots.txt"))
        .unwrap()
        .is_file());
    assert!(fs::symlink_metadata(public.join("ja")).unwrap().is_dir());
}

/// The files of a built site, the output stage's marker left out.
fn site_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = read_tree(dir);
    files.remove(".tanni-output");
    files
}

#[test]
fn builds_at_once_into_one_output_publish_one_whole_site() {
    // Two sites that differ in one name, built into one shared folder.
    let a = fixture_site(None);
    let b = fixture_site(None);
    let meetings = b.path().join("catalog/meetings/09.toml");
    let text = fs::read_to_string(&meetings).unwrap();
    fs::write(
        &meetings,
        text.replace("Kanto IVR Study Group", "Kanto IVR Club"),
    )
    .unwrap();
    let shared = tempfile::tempdir().unwrap();
    let output = shared.path().join("public");
    let reference = |site: &Path| {
        let own = tempfile::tempdir().unwrap();
        let out = own.path().join("site");
        assert!(build(site, out.to_str().unwrap()).status.success());
        site_files(&out)
    };
    let (site_a, site_b) = (reference(a.path()), reference(b.path()));
    assert_ne!(site_a, site_b);
    for round in 0..8 {
        let children: Vec<_> = [a.path(), b.path()]
            .iter()
            .map(|root| {
                Command::new(env!("CARGO_BIN_EXE_tanni"))
                    .args(["build", "--output-dir", output.to_str().unwrap()])
                    .current_dir(root)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let result = child.wait_with_output().unwrap();
            assert!(
                result.status.success(),
                "round {round}: {}",
                stderr(&result)
            );
        }
        let published = site_files(&output);
        assert!(
            published == site_a || published == site_b,
            "round {round}: the output is a mix of the two sites"
        );
    }
}

#[test]
fn a_reader_finds_a_whole_site_at_every_instant_of_a_rebuild() {
    let site = fixture_site(None);
    let output = site.path().join("public");
    let options = tanni::pipeline::BuildOptions {
        output_dir: Some(output.clone()),
        ..Default::default()
    };
    tanni::pipeline::build(site.path(), &options).unwrap();
    let expected = names(&output);
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (done, output) = (Arc::clone(&done), output.clone());
        std::thread::spawn(move || {
            let mut looks = 0_u64;
            let mut missing = 0_u64;
            while !done.load(Ordering::SeqCst) {
                looks += 1;
                let whole = output.join("index.html").is_file()
                    && output
                        .join("ja/meetings/kanto-ivr-study-group/index.html")
                        .is_file()
                    && output.join(".tanni-output").is_file();
                missing += u64::from(!whole);
            }
            (looks, missing)
        })
    };
    for _ in 0..20 {
        tanni::pipeline::build(site.path(), &options).unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let (looks, missing) = reader.join().unwrap();
    assert!(looks > 100, "the reader looked only {looks} times");
    assert_eq!(missing, 0, "{missing} of {looks} looks found no whole site");
    assert_eq!(names(&output), expected);
}

/// A rebuild over the previous site writes only the files whose bytes
/// changed; every other file is the previous site's own file (a hard link:
/// same inode, same time of modification), so a deploy that compares times
/// sends only what changed.
#[cfg(unix)]
#[test]
fn a_rebuild_after_one_edit_writes_only_the_files_that_changed() {
    use std::collections::{BTreeMap, BTreeSet};
    use std::os::unix::fs::MetadataExt as _;
    let site = tempfile::tempdir().unwrap();
    common::copy_real_site(site.path());
    let output = site.path().join("public");
    let output_arg = output.to_str().unwrap();
    let written = |result: &Output| -> usize {
        let printed = stderr(result);
        assert!(result.status.success(), "{printed}");
        let (_, after) = printed
            .split_once(" files, ")
            .unwrap_or_else(|| panic!("{printed}"));
        after.split(' ').next().unwrap().parse().unwrap()
    };
    let first = build(site.path(), output_arg);
    // Every file but the marker, which is written before the others.
    let all = read_tree(&output).len() - 1;
    assert_eq!(written(&first), all, "a first build writes every file");
    // Nothing changed: nothing is written, not even into the spare folder
    // that a first rebuild fills from nothing.
    assert_eq!(written(&build(site.path(), output_arg)), 0);

    let inodes = |dir: &Path| -> BTreeMap<String, (u64, i64)> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| {
                let meta = entry.metadata().unwrap();
                let path = entry.path().strip_prefix(dir).unwrap();
                (
                    path.to_string_lossy().into_owned(),
                    (meta.ino(), meta.mtime()),
                )
            })
            .collect()
    };
    let before = read_tree(&output);
    let before_inodes = inodes(&output);
    let catalog = site.path().join("catalog/meetings/09-kanto.toml");
    let text = fs::read_to_string(&catalog).unwrap();
    let edited = text.replacen(
        "id = \"kanto-ivr-study-group\"\nname = { ja = \"関東IVR研究会\", en = \"Kanto IVR Study Group\" }\ncategory = 9\nregion = \"kanto\"\ncredits = 3",
        "id = \"kanto-ivr-study-group\"\nname = { ja = \"関東IVR研究会\", en = \"Kanto IVR Study Group\" }\ncategory = 9\nregion = \"kanto\"\ncredits = 4",
        1,
    );
    assert_ne!(edited, text, "the edit applies");
    fs::write(&catalog, edited).unwrap();

    let third = build(site.path(), output_arg);
    let after = read_tree(&output);
    let after_inodes = inodes(&output);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    for path in after.keys() {
        if changed.contains(&path) {
            assert_ne!(after_inodes[path].0, before_inodes[path].0, "{path} is new");
        } else {
            assert_eq!(after_inodes[path], before_inodes[path], "{path} untouched");
        }
    }
    assert!(changed.contains(&&"ja/meetings/kanto-ivr-study-group/index.html".to_string()));
    assert!(changed.contains(&&"en/meetings/kanto-ivr-study-group/index.html".to_string()));
    // Outside the search: the meeting's pages, its category's, the
    // downloads.
    let pages: Vec<&&String> = changed
        .iter()
        .filter(|path| !path.contains("/search/"))
        .collect();
    assert!(
        pages.len() < all / 50,
        "{} of {all} files changed: {pages:?}",
        pages.len()
    );
    // In the search: the split into shards stays, and the shards of the
    // index that changed are exactly the ones that hold the meeting's
    // postings: its credits weigh in each of its postings' weights.
    for lang in ["ja", "en"] {
        let manifest = format!("{lang}/search/manifest.json");
        assert_eq!(before[&manifest], after[&manifest], "{manifest}");
        let doc = (0..)
            .map(|file| format!("{lang}/search/r{file}.json"))
            .take_while(|path| after.contains_key(path))
            .flat_map(|path| {
                let records: Vec<serde_json::Value> =
                    serde_json::from_slice(&after[&path]).unwrap();
                records
            })
            .position(|record| record["path"] == "meetings/kanto-ivr-study-group/")
            .unwrap();
        let posting = format!("\"{doc}\":{{\"tf\"");
        let prefix = format!("{lang}/search/i");
        let changed_shards: BTreeSet<&String> = changed
            .iter()
            .copied()
            .filter(|path| path.starts_with(&prefix))
            .collect();
        let holding: BTreeSet<&String> = after
            .iter()
            .filter(|(path, bytes)| {
                path.starts_with(&prefix) && String::from_utf8_lossy(bytes).contains(&posting)
            })
            .map(|(path, _)| path)
            .collect();
        assert!(!holding.is_empty());
        assert_eq!(changed_shards, holding, "{lang}: document {doc}");
    }
    assert_eq!(written(&third), changed.len(), "{changed:?}");
}
