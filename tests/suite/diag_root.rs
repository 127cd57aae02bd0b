//! A content error shows its source line whether the portal is the current
//! folder or named with `--root`.

use crate::common::gazette;

#[test]
fn a_yaml_error_shows_its_source_line_when_the_portal_is_given_with_root() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = dir.path().join("portal");
    std::fs::create_dir_all(portal.join("seeds")).expect("mkdir");
    std::fs::create_dir_all(portal.join("content")).expect("mkdir");
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_8f98049102453562.txt"
    );
    std::fs::copy(seed, portal.join("seeds/a.txt")).expect("copy seed");
    std::fs::write(
        portal.join("content/departments.yaml"),
        "- name: 市科技局\n  colour: red\n",
    )
    .expect("write");
    let out = gazette().arg("build").root(&portal).run();
    assert_eq!(out.code, 2);
    let stderr = out.stderr;
    assert!(stderr.contains("content/departments.yaml:2:3"), "{stderr}");
    assert!(
        stderr.contains("2 │   colour: red"),
        "the source line is shown: {stderr}"
    );
    assert!(!portal.join("public").exists(), "nothing was written");
}
