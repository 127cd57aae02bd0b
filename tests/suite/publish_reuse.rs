//! The files publish makes from one policy alone (its targets' own data
//! files) and its parts of the tables are kept by that policy's digest,
//! the tables by all policies', the sitemap by its view's
//! (`gazette::publish::reuse`): after an edit of one policy only its
//! record is new and the others' files are shared from the output; a data file edited by hand in the
//! output is made again, not shared; and the output is the clean build's.
//! (A debug build, as here, also makes every shared file and fails if
//! its bytes are not those recorded.)

use crate::common;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The names of publish's records in the portal's cache.
fn records(root: &Path) -> BTreeSet<String> {
    std::fs::read_dir(root.join(".gazette-cache/published"))
        .expect("publish's records")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn an_edit_makes_again_only_its_policys_data_files_and_a_hand_edit_is_undone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let cfg = synth::Config {
        seed: 5,
        ..synth::Config::new(3)
    };
    synth::generate(root, &cfg).expect("portal written");
    let out = root.join("public");
    let build = || {
        gazette::build(&common::options_without_search(root, out.clone(), true)).expect("builds")
    };
    let clean = || {
        let other = tempfile::tempdir().expect("temp dir");
        let clean_out = other.path().join("public");
        gazette::build(&common::options_without_search(
            root,
            clean_out.clone(),
            false,
        ))
        .expect("builds");
        common::files_with_bytes(&clean_out)
    };

    build();
    let first = records(root);
    // A policy's: its targets' data files, its parts of the three tables
    // of policies' records; the site's: those tables, the departments'
    // table, the sitemap and `robots.txt`.
    let (policy, site) = (1 + 3, 3 + 1 + 2);
    assert_eq!(first.len(), 3 * policy + site, "{first:?}");
    build();
    assert_eq!(records(root), first, "nothing changed");

    // One word of the first seed: its policy's record only is new.
    let seeds = root.join("seeds");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .expect("seeds")
        .map(|e| e.expect("seed").path())
        .collect();
    names.sort();
    let text = std::fs::read_to_string(&names[0]).expect("seed");
    assert!(text.contains("完善"), "the word to edit");
    std::fs::write(&names[0], text.replacen("完善", "健全", 1)).expect("edited");
    build();
    let edited = records(root);
    assert_eq!(edited.len(), 3 * policy + site);
    assert_eq!(
        first.difference(&edited).count(),
        policy + 4,
        "the policy's records replaced, and the four tables' (the sitemap lists the same pages)"
    );
    assert_eq!(
        common::files_with_bytes(&out),
        clean(),
        "the clean build's files"
    );

    // A target's data file edited by hand in the output (same length, a
    // new file): made again. Its record is the same; its stamp is not.
    let data = walkdir::WalkDir::new(out.join("zh/targets"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.ends_with("data.json"))
        .expect("a target's data file");
    let good = std::fs::read(&data).expect("data");
    let mut bad = good.clone();
    bad[1] = if bad[1] == b' ' { b'\t' } else { b' ' };
    let temp = out.join("hand-edit");
    std::fs::write(&temp, &bad).expect("written");
    std::fs::rename(&temp, &data).expect("replaced");
    build();
    assert_eq!(std::fs::read(&data).expect("data"), good, "made again");
    assert_eq!(records(root), edited);
    assert_eq!(
        common::files_with_bytes(&out),
        clean(),
        "the clean build's files"
    );
}
