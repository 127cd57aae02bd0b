use super::*;
use std::os::unix::fs::MetadataExt;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.to_owned(),
        bytes: text.as_bytes().to_vec(),
        page: None,
    }
}

/// A portal folder (`root`) whose output is `root/public`.
fn portal() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    (dir, out)
}

fn write(dir: &tempfile::TempDir, out: &Path, files: &[OutputFile]) {
    write_site(dir.path(), out, files).expect("written");
}

fn ino(p: &Path) -> u64 {
    fs::metadata(p).expect("exists").ino()
}

#[test]
fn unchanged_rebuild_touches_no_file() {
    let (dir, out) = portal();
    let files = vec![file("zh/index.html", "a"), file("en/index.html", "b")];
    write(&dir, &out, &files);
    let (page, folder) = (ino(&out.join("zh/index.html")), ino(&out));
    write(&dir, &out, &files);
    assert_eq!(ino(&out.join("zh/index.html")), page);
    assert_eq!(ino(&out), folder, "an unchanged site is not swapped");
}

#[test]
fn rebuild_links_unchanged_files_and_drops_stale_files_and_folders() {
    let (dir, out) = portal();
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join(".gitkeep"), "").unwrap();
    write(
        &dir,
        &out,
        &[
            file("zh/index.html", "a"),
            file("zh/old/index.html", "gone"),
            file("same.css", "x"),
        ],
    );
    let same = ino(&out.join("same.css"));
    write(
        &dir,
        &out,
        &[
            file("zh/index.html", "A"),
            file("zh/new/index.html", "new"),
            file("same.css", "x"),
        ],
    );
    assert_eq!(fs::read_to_string(out.join("zh/index.html")).unwrap(), "A");
    assert_eq!(
        fs::read_to_string(out.join("zh/new/index.html")).unwrap(),
        "new"
    );
    assert!(!out.join("zh/old").exists(), "stale folder lingers");
    assert!(out.join(".gitkeep").exists());
    assert!(out.join(MARKER).exists());
    assert_eq!(
        ino(&out.join("same.css")),
        same,
        "unchanged file re-created"
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "staging, retired or lock left behind: {names:?}"
    );
    let previous = dir.path().join(".public.previous");
    assert_eq!(
        fs::read_to_string(previous.join("zh/old/index.html")).unwrap(),
        "gone",
        "the previous site is kept for the next build"
    );
}

#[test]
fn a_path_outside_the_output_is_refused_before_anything_is_written() {
    for bad in [
        "../escape.html",
        "zh/../../escape.html",
        "/tmp/escape.html",
        "",
        "a//b.html",
        "./a.html",
        MARKER,
    ] {
        let (dir, out) = portal();
        let err =
            write_site(dir.path(), &out, &[file("ok.html", "ok"), file(bad, "x")]).expect_err(bad);
        assert!(
            matches!(&err, WriteError::UnsafePath { path, .. } if path == bad),
            "{bad}: {err}"
        );
        assert!(!out.exists(), "{bad}: the output was written");
    }
}

#[test]
fn two_files_at_one_path_are_refused() {
    let (dir, out) = portal();
    let err = write_site(
        dir.path(),
        &out,
        &[file("zh/a.html", "1"), file("zh/a.html", "2")],
    )
    .expect_err("duplicate");
    assert!(matches!(&err, WriteError::DuplicatePath { path } if path == "zh/a.html"));
}

#[test]
fn a_second_claim_is_refused_naming_the_holder() {
    let (dir, out) = portal();
    let first = Output::claim(dir.path(), &out).expect("claimed");
    let err = Output::claim(dir.path(), &out).expect_err("busy");
    match &err {
        WriteError::Busy { pid, .. } => assert_eq!(*pid, Some(std::process::id())),
        other => panic!("{other}"),
    }
    assert!(err.to_string().contains(&std::process::id().to_string()));
    drop(first);
    Output::claim(dir.path(), &out).expect("free again");
}

#[test]
fn a_companion_that_cannot_be_written_leaves_the_site_as_it_was() {
    let (dir, out) = portal();
    write(&dir, &out, &[file("a.html", "old")]);
    let output = Output::claim(dir.path(), &out).unwrap();
    // A folder where the companion's file must go: its rename fails.
    let blocked = dir.path().join("lock");
    fs::create_dir_all(blocked.join("inner")).unwrap();
    let staging = output.stage().unwrap();
    crate::render::Sink::take(&staging, vec![file("a.html", "new")]);
    let built = crate::Store::built(&staging).unwrap();
    let err = output
        .publish(
            staging,
            &built,
            Some(Companion {
                path: &blocked,
                text: "x",
            }),
        )
        .expect_err("companion fails");
    assert!(err.output_unchanged(), "{err}");
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "old");
    drop(output);
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".public.previous", "lock", "public"]);
}

#[test]
fn a_half_updated_previous_site_is_set_right() {
    let (dir, out) = portal();
    write(
        &dir,
        &out,
        &[file("a/index.html", "1"), file("b.html", "1")],
    );
    write(
        &dir,
        &out,
        &[file("a/index.html", "2"), file("b.html", "2")],
    );
    // What a build killed while updating `.public.previous` may leave.
    let previous = dir.path().join(".public.previous");
    fs::write(previous.join(".gazette-temp-7"), "half").unwrap();
    fs::remove_dir_all(previous.join("a")).unwrap();
    fs::write(previous.join("a"), "a file where a folder goes").unwrap();
    fs::create_dir_all(previous.join("c.html/x")).unwrap();
    fs::write(previous.join("junk.html"), "stale").unwrap();
    let files = [
        file("a/index.html", "3"),
        file("b.html", "2"),
        file("c.html", "3"),
    ];
    write(&dir, &out, &files);
    let mut found: Vec<(String, String)> = walkdir::WalkDir::new(&out)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    found.sort();
    let mut wanted: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.path.clone(), String::from_utf8(f.bytes.clone()).unwrap()))
        .collect();
    wanted.push((MARKER.to_owned(), guard::MARKER_TEXT.to_owned()));
    wanted.sort();
    assert_eq!(found, wanted);
}

#[test]
fn a_linked_previous_site_is_not_written_through() {
    let (dir, out) = portal();
    write(&dir, &out, &[file("a.html", "1")]);
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("mine.txt"), "mine").unwrap();
    let previous = dir.path().join(".public.previous");
    let _ = fs::remove_dir_all(&previous);
    std::os::unix::fs::symlink(&elsewhere, &previous).unwrap();
    write(&dir, &out, &[file("a.html", "2")]);
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "2");
    let names: Vec<_> = fs::read_dir(&elsewhere).unwrap().collect();
    assert_eq!(names.len(), 1, "written through the link");
}

#[test]
fn a_linked_output_folder_stays_a_link_to_the_new_site() {
    let (dir, _) = portal();
    let real = dir.path().join("www");
    let link = dir.path().join("public");
    fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write(&dir, &link, &[file("a.html", "1")]);
    write(&dir, &link, &[file("a.html", "2")]);
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(fs::read_to_string(real.join("a.html")).unwrap(), "2");
}

#[test]
fn an_output_path_through_a_missing_folder_is_resolved_by_name() {
    let (dir, _) = portal();
    let out = guard::check(dir.path(), &dir.path().join("missing/../site")).unwrap();
    assert_eq!(out, dir.path().canonicalize().unwrap().join("site"));
}

#[test]
fn a_killed_builds_temporary_link_to_the_live_site_is_not_written_through() {
    use crate::render::Sink;
    let (dir, out) = portal();
    write(&dir, &out, &[file("a.html", "1"), file("b.html", "2")]);
    write(&dir, &out, &[file("a.html", "1"), file("b.html", "3")]);
    // A build killed between linking a live file to a temporary name in
    // the staging folder and renaming it into place.
    let previous = dir.path().join(".public.previous");
    for n in 0..3 {
        let temp = previous.join(format!("{TEMP}{n}", TEMP = ".gazette-temp-"));
        fs::hard_link(out.join("a.html"), temp).unwrap();
    }
    let output = Output::claim(dir.path(), &out).expect("claimed");
    let staging = output.stage().expect("staged");
    staging.take(vec![file("a.html", "changed"), file("b.html", "4")]);
    assert_eq!(
        fs::read_to_string(out.join("a.html")).unwrap(),
        "1",
        "the live site changed before the swap"
    );
    let built = crate::Store::built(&staging).expect("built");
    output.publish(staging, &built, None).expect("published");
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "changed");
    let temps = fs::read_dir(&previous)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with(".gazette-temp-")
        })
        .count();
    assert_eq!(temps, 0, "temporary files left in the staging folder");
}

/// A page the page cache vouches for is shared with the live site by a
/// hard link when the live file has the recorded length and stamp; a file
/// replaced since (another stamp, even at the same length) or another
/// length is given back, to be rendered.
#[test]
fn an_unchanged_file_is_linked_only_if_it_has_its_stamp() {
    use crate::incremental::Stamp;
    use crate::render::{Built, Sink};
    let (dir, out) = portal();
    write(&dir, &out, &[file("a.html", "1"), file("b.html", "2")]);
    let stamp = |p: &str| Stamp::of(&fs::symlink_metadata(out.join(p)).unwrap()).unwrap();
    let (a, b) = (stamp("a.html"), stamp("b.html"));
    // b.html replaced by hand with other bytes of the same length.
    fs::write(out.join("temp"), "3").unwrap();
    fs::rename(out.join("temp"), out.join("b.html")).unwrap();
    let built = |p: &str, len| Built {
        path: p.to_owned(),
        len,
        page: None,
    };
    let output = Output::claim(dir.path(), &out).expect("claimed");
    let staging = output.stage().expect("staged");
    assert!(staging
        .take_unchanged(built("a.html", 1), &out.join("a.html"), a)
        .is_none());
    let back = |p: &str, len, s| staging.take_unchanged(built(p, len), &out.join(p), s);
    assert!(back("b.html", 1, b).is_some(), "replaced since");
    assert!(back("a.html", 2, a).is_some(), "another length");
    assert!(back("a.html", 1, b).is_some(), "another stamp");
    staging.take(vec![file("b.html", "3")]);
    let built = crate::Store::built(&staging).expect("built");
    output.publish(staging, &built, None).expect("published");
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "1");
    assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "3");
}

/// A link in the live output (put there by hand) is never shared with the
/// new site, even to a file with the very bytes the build makes: the new
/// site has a file of its own there, and the file linked to is untouched.
#[test]
fn a_link_in_the_live_output_is_not_shared_with_the_new_site() {
    let (dir, out) = portal();
    write(&dir, &out, &[file("a.css", "x"), file("b/index.html", "1")]);
    let outside = dir.path().join("outside.css");
    fs::write(&outside, "x").unwrap();
    fs::remove_file(out.join("a.css")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("a.css")).unwrap();
    write(&dir, &out, &[file("a.css", "x"), file("b/index.html", "2")]);
    let placed = fs::symlink_metadata(out.join("a.css")).unwrap();
    assert!(placed.is_file(), "the new site holds a file, not a link");
    assert_ne!(placed.ino(), ino(&outside));
    assert_eq!(fs::read_to_string(out.join("a.css")).unwrap(), "x");
    assert_eq!(fs::read_to_string(&outside).unwrap(), "x");
}
