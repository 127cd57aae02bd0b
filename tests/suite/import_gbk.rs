//! `gazette import`: a GBK document becomes a UTF-8 seed with the content
//! stubs it needs; importing it again changes nothing; a file that is not
//! of the genre is refused with the parser's error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{gazette, Run};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The fixture re-encoded as GBK, in `dir`.
fn gbk_copy(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(fixture("city-tech.txt")).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "really GBK, not UTF-8"
    );
    let path = dir.join("city-tech.txt");
    std::fs::write(&path, &bytes).unwrap();
    path
}

fn portal(dir: &Path) -> PathBuf {
    let root = dir.join("portal");
    gazette::init::init(&root, false).unwrap();
    root
}

/// Every file under `root` with its bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn import_gbk_writes_utf8_seed_and_stubs() {
    let dir = tempfile::tempdir().unwrap();
    let root = portal(dir.path());
    let file = gbk_copy(dir.path());
    let report = gazette::import::import(&root, &file, None).expect("imports");
    assert_eq!(report.name, "city-tech");
    assert_eq!(report.encoding, "gb18030");
    let seed = std::fs::read_to_string(root.join("seeds/city-tech.txt")).expect("UTF-8 seed");
    assert_eq!(
        seed,
        std::fs::read_to_string(fixture("city-tech.txt")).unwrap()
    );
    let depts = std::fs::read_to_string(root.join("content/departments.yaml")).unwrap();
    assert!(
        depts.contains("- name: 某市人民政府办公室\n  en:\n"),
        "{depts}"
    );
    let targets = std::fs::read_to_string(root.join("content/targets.yaml")).unwrap();
    assert!(
        targets.contains("city-tech:\n  chapter-1-target-0e9721:\n    slug:"),
        "{targets}"
    );
    let policies = std::fs::read_to_string(root.join("content/policies.yaml")).unwrap();
    assert!(policies.contains("city-tech:\n  slug:"), "{policies}");
    let translation =
        std::fs::read_to_string(root.join("content/translations/en/city-tech.yaml")).unwrap();
    assert!(
        translation.contains("notice.title:\n  source: "),
        "{translation}"
    );
    assert!(report
        .todo
        .iter()
        .any(|t| t.contains("content/departments.yaml")));
    // The portal still loads and builds, and check counts the skeleton as untranslated.
    let check = gazette::check::check(&gazette::BuildOptions::new(&root));
    assert_eq!(check.errors(), 0, "{:#?}", check.diagnostics);
    let cov = check
        .coverage
        .iter()
        .find(|c| c.policy == "city-tech")
        .unwrap();
    assert_eq!(cov.tally.translated, 0);
    assert_eq!(cov.missing.len(), cov.tally.total);
}

#[test]
fn import_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = portal(dir.path());
    let file = gbk_copy(dir.path());
    let Run {
        code,
        stdout,
        stderr,
    } = gazette().arg("import").arg(&file).root(&root).run();
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("to fill in:"), "{stdout}");
    let before = tree(&root);
    let Run { code, stdout, .. } = gazette().arg("import").arg(&file).root(&root).run();
    assert_eq!(code, 0);
    assert!(stdout.contains("nothing changed"), "{stdout}");
    assert_eq!(tree(&root), before, "the second import changed the portal");
}

#[test]
fn import_refuses_a_file_not_of_the_genre() {
    let dir = tempfile::tempdir().unwrap();
    let root = portal(dir.path());
    let before = tree(&root);
    let Run { code, stderr, .. } = gazette()
        .arg("import")
        .arg(fixture("not-a-plan.txt"))
        .root(&root)
        .run();
    assert_eq!(code, 2);
    assert!(stderr.contains("error[not-a-plan]"), "{stderr}");
    assert!(stderr.contains("not-a-plan.txt"), "{stderr}");
    assert_eq!(tree(&root), before, "a refused import writes nothing");
}

#[test]
fn import_refuses_to_overwrite_a_different_seed() {
    let dir = tempfile::tempdir().unwrap();
    let root = portal(dir.path());
    let file = gbk_copy(dir.path());
    std::fs::copy(
        root.join("seeds/sample.txt"),
        root.join("seeds/city-tech.txt"),
    )
    .unwrap();
    let err = gazette::import::import(&root, &file, None).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
}
