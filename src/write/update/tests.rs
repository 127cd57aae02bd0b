use super::*;
use std::os::unix::fs::MetadataExt;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.to_owned(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn site(dir: &Path, files: &[OutputFile]) -> PathBuf {
    let out = dir.join("public");
    crate::write::write_site(&out, files).expect("written");
    out
}

fn ino(p: &Path) -> u64 {
    fs::metadata(p).expect("exists").ino()
}

#[test]
fn unchanged_rebuild_touches_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![file("zh/index.html", "a"), file("en/index.html", "b")];
    let out = site(dir.path(), &files);
    let before = ino(&out.join("zh/index.html"));
    crate::write::write_site(&out, &files).unwrap();
    assert_eq!(ino(&out.join("zh/index.html")), before);
}

#[test]
fn rebuild_writes_changes_and_removes_stale_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let out = site(
        dir.path(),
        &[
            file("zh/index.html", "a"),
            file("zh/old/index.html", "gone"),
            file("same.css", "x"),
        ],
    );
    fs::write(out.join(".gitkeep"), "").unwrap();
    let same = ino(&out.join("same.css"));
    crate::write::write_site(
        &out,
        &[
            file("zh/index.html", "A"),
            file("zh/new/index.html", "new"),
            file("same.css", "x"),
        ],
    )
    .unwrap();
    assert_eq!(fs::read_to_string(out.join("zh/index.html")).unwrap(), "A");
    assert_eq!(
        fs::read_to_string(out.join("zh/new/index.html")).unwrap(),
        "new"
    );
    assert!(!out.join("zh/old").exists(), "stale folder lingers");
    assert!(out.join(".gitkeep").exists());
    assert_eq!(ino(&out.join("same.css")), same);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "staging or retired folder left behind");
}

#[test]
fn failed_staging_leaves_the_site_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = site(dir.path(), &[file("a.html", "old"), file("b.html", "old")]);
    // A file where the staging folder must go: staging fails.
    let staging = dir.path().join("blocked");
    fs::write(&staging, "").unwrap();
    let r = update(
        &out,
        &[file("a.html", "new")],
        &staging.join("inner"),
        &dir.path().join("retired"),
    );
    assert!(r.is_err());
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "old");
    assert!(out.join("b.html").exists());
}

#[test]
fn failed_commit_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let out = site(dir.path(), &[file("a.html", "old")]);
    let (staging, retired) = (dir.path().join("s"), dir.path().join("r"));
    fs::create_dir_all(&staging).unwrap();
    fs::write(staging.join("a.html"), "new").unwrap();
    fs::write(staging.join("n.html"), "added").unwrap();
    let existing = list(&out).unwrap().unwrap();
    let (a, n) = (file("a.html", "new"), file("n.html", "added"));
    let mut log = Vec::new();
    // A stale file that vanished meanwhile makes the commit fail after
    // the replacements.
    let r = commit(
        &out,
        &staging,
        &retired,
        &[&a, &n],
        &["missing.html"],
        &existing,
        &mut log,
    );
    assert!(r.is_err());
    undo(log);
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "old");
    assert!(!out.join("n.html").exists());
}
