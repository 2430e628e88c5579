//! The output stage as a whole: what a build writes, refuses and keeps.

use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A site root (with nothing in it) and the default output inside it.
fn root_and_output() -> (tempfile::TempDir, Output) {
    let root = tempfile::tempdir().unwrap();
    let output = Output::new(root.path(), &root.path().join("public")).unwrap();
    (root, output)
}

fn write(output: &Output, files: &[(&str, &str)]) -> Result<Written> {
    let files: Vec<OutputFile> = files
        .iter()
        .map(|(path, text)| OutputFile::new(*path, *text))
        .collect();
    output.write(&files, || {})
}

#[test]
fn a_new_site_replaces_the_old_one_whole() {
    let (root, output) = root_and_output();
    write(&output, &[("a/index.html", "one"), ("old/x.txt", "x")]).unwrap();
    write(&output, &[("a/index.html", "two"), ("b/c/index.html", "c")]).unwrap();
    let public = root.path().join("public");
    assert_eq!(
        fs::read_to_string(public.join("a/index.html")).unwrap(),
        "two"
    );
    assert!(!public.join("old").exists());
    assert_eq!(names(&public), [MARKER, "a", "b"]);
    assert_eq!(
        names(root.path()),
        [".public.tanni-lock", ".public.tanni-spare", "public"],
        "the previous site is kept as the spare"
    );
}

#[test]
fn a_path_that_climbs_out_or_comes_twice_is_refused_and_the_old_site_stays() {
    let (root, output) = root_and_output();
    write(&output, &[("index.html", "old")]).unwrap();
    for bad in [
        vec![("../evil", "x")],
        vec![("a/index.html", "1"), ("a/index.html", "2")],
        vec![(MARKER, "x")],
    ] {
        assert!(write(&output, &bad).is_err(), "{bad:?}");
    }
    let public = root.path().join("public");
    assert_eq!(
        fs::read_to_string(public.join("index.html")).unwrap(),
        "old"
    );
}

#[test]
fn a_folder_tanni_did_not_write_is_refused_every_time_and_kept() {
    let root = tempfile::tempdir().unwrap();
    let v = root.path().join("v");
    fs::create_dir(&v).unwrap();
    fs::write(v.join("thesis.txt"), "years of work").unwrap();
    let output = Output::new(root.path(), &v).unwrap();
    for _ in 0..2 {
        let error = write(&output, &[("index.html", "site")]).unwrap_err();
        let refusal = error.downcast_ref::<Refusal>().expect("a refusal");
        assert!(refusal.message.contains("thesis.txt"), "{refusal}");
    }
    assert_eq!(names(&v), ["thesis.txt"]);
    // Refused before anything was created, the lock file included.
    assert_eq!(names(root.path()), ["v"]);
}

#[test]
fn a_spare_tanni_did_not_write_is_refused() {
    let (root, output) = root_and_output();
    let spare = root.path().join(".public.tanni-spare");
    fs::create_dir(&spare).unwrap();
    fs::write(spare.join("notes.txt"), "mine").unwrap();
    let error = write(&output, &[("index.html", "site")]).unwrap_err();
    assert!(error.to_string().contains("notes.txt"), "{error}");
    assert_eq!(names(&spare), ["notes.txt"]);
}

#[cfg(unix)]
#[test]
fn a_spare_that_is_a_link_is_refused_and_its_target_untouched() {
    let (root, output) = root_and_output();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("keep.txt"), "theirs").unwrap();
    fs::write(elsewhere.path().join(MARKER), "not really").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), root.path().join(".public.tanni-spare")).unwrap();
    let error = write(&output, &[("index.html", "site")]).unwrap_err();
    assert!(error.to_string().contains("symbolic link"), "{error}");
    assert_eq!(names(elsewhere.path()), [MARKER, "keep.txt"]);
}

#[test]
fn a_swap_interrupted_between_renames_is_recovered() {
    let (root, output) = root_and_output();
    write(&output, &[("index.html", "old")]).unwrap();
    // What three renames leave when stopped after the first.
    let public = root.path().join("public");
    fs::rename(&public, root.path().join(".public.tanni-old")).unwrap();
    write(&output, &[("index.html", "new")]).unwrap();
    assert_eq!(
        fs::read_to_string(public.join("index.html")).unwrap(),
        "new"
    );
    assert!(!root.path().join(".public.tanni-old").exists());
}

#[test]
fn builds_at_once_into_one_output_each_publish_a_whole_site() {
    let (root, output) = root_and_output();
    let public = root.path().join("public");
    for round in 0..5 {
        std::thread::scope(|scope| {
            for site in ["a", "b"] {
                let output = output.clone();
                scope.spawn(move || {
                    let files: Vec<OutputFile> = (0..50)
                        .map(|i| OutputFile::new(format!("{i}/index.html"), site))
                        .collect();
                    output.write(&files, || {}).unwrap();
                });
            }
        });
        let texts: BTreeSet<String> = (0..50)
            .map(|i| fs::read_to_string(public.join(format!("{i}/index.html"))).unwrap())
            .collect();
        assert_eq!(
            texts.len(),
            1,
            "round {round}: a mix of two sites: {texts:?}"
        );
    }
}

#[test]
fn paths_announced_late_are_checked_listed_and_awaited() {
    let (root, output) = root_and_output();
    write(&output, &[("index.html", "old")]).unwrap();
    let public = root.path().join("public");
    let spare = output.spare().to_path_buf();
    // Announced while the site is made, put after: in the site, and in
    // the marker the spare held before they arrived.
    output
        .write_with(
            &["index.html"],
            || {},
            |sink| {
                sink.put("index.html", b"new")?;
                sink.announce(&["ja/search/i0.json".to_string()])?;
                let listed = fs::read_to_string(spare.join(MARKER)).unwrap();
                assert!(listed.contains("ja/search/i0.json"), "{listed}");
                sink.put("ja/search/i0.json", b"{}")
            },
        )
        .unwrap();
    assert_eq!(
        fs::read_to_string(public.join("ja/search/i0.json")).unwrap(),
        "{}"
    );
    let marker = fs::read_to_string(public.join(MARKER)).unwrap();
    assert!(marker.contains("ja/search/i0.json"), "{marker}");
    // A late path that climbs out, that comes twice, or that never
    // arrives fails the build, and the site stays as it was.
    for late in [
        vec!["../evil".to_string()],
        vec!["index.html".to_string()],
        vec!["ja/search/i1.json".to_string()],
    ] {
        let result = output.write_with(
            &["index.html"],
            || {},
            |sink| {
                sink.put("index.html", b"newer")?;
                sink.announce(&late)
            },
        );
        assert!(result.is_err(), "{late:?}");
        assert_eq!(
            fs::read_to_string(public.join("index.html")).unwrap(),
            "new"
        );
        assert!(public.join("ja/search/i0.json").is_file());
    }
}
