//! `gazette inspect --json` of every parse fixture (`tests/fixtures/parse/`)
//! as an `insta` snapshot (`tests/suite/snapshots/`), so a change in what
//! the parser reads from a shape of the genre is a reviewed diff. A fixture
//! that is not a plan has no model: its error is asserted in `parse_cli`.

use crate::common;

#[test]
fn inspect_json_of_every_parse_fixture() {
    let dir = common::fixture("parse");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/parse")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") && n != "not_a_plan.txt")
        .collect();
    names.sort();
    assert!(names.len() >= 10, "fixtures: {names:?}");
    for name in names {
        let file = format!("tests/fixtures/parse/{name}");
        let out = common::gazette().args(["inspect", &file, "--json"]).run();
        assert!(out.success(), "{file}: {}", out.stderr);
        let mut settings = insta::Settings::clone_current();
        settings.set_description(format!("gazette inspect {file} --json"));
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(name.trim_end_matches(".txt"), out.stdout));
    }
}
