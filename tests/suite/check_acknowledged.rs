//! Warnings about the official text can be acknowledged with a reason in
//! `content/checks.yaml`; an acknowledgement that matches nothing is itself
//! a warning.

use crate::common;

use common::{seed_copy, seed_root};

fn warnings(root: &std::path::Path) -> Vec<gazette::diag::Diagnostic> {
    let portal = gazette::load(&gazette::BuildOptions::new(root)).expect("load");
    gazette::portal_warnings(&portal)
}

#[test]
fn the_seeds_seven_warnings_about_six_inconsistencies_are_all_acknowledged() {
    assert!(
        warnings(&seed_root()).is_empty(),
        "{:?}",
        warnings(&seed_root())
    );
    let portal = seed_copy();
    std::fs::remove_file(portal.path().join("content/checks.yaml")).expect("remove");
    let codes: Vec<&str> = warnings(portal.path()).iter().map(|d| d.code).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "target-mismatch").count(),
        5,
        "{codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| **c == "lead-mismatch").count(),
        2,
        "{codes:?}"
    );
}

#[test]
fn an_acknowledgement_that_matches_nothing_is_reported() {
    let portal = seed_copy();
    let path = portal.path().join("content/checks.yaml");
    let mut yaml = std::fs::read_to_string(&path).expect("checks");
    yaml.push_str("  - code: lead-mismatch\n    file: seeds/000_8f98049102453562.txt\n    contains: row-99\n    reason: gone\n");
    std::fs::write(&path, yaml).expect("write");
    let found = warnings(portal.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "unused-acknowledgement");
    assert!(found[0].message.contains("row-99"));
}

#[test]
fn curated_entries_for_missing_seeds_or_targets_are_reported() {
    let portal = seed_copy();
    let targets = portal.path().join("content/targets.yaml");
    let mut yaml = std::fs::read_to_string(&targets).expect("targets");
    yaml.push_str(
        "  chapter-9-target-999999:\n    slug: ghost\nno-such-policy:\n  chapter-1-target-0e9721:\n    slug: ghost-2\n",
    );
    std::fs::write(&targets, yaml).expect("write");
    let found = warnings(portal.path());
    let messages: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "unknown-key")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 2, "{found:?}");
    assert!(messages
        .iter()
        .any(|m| m.contains("chapter-9-target-999999")));
    assert!(messages.iter().any(|m| m.contains("no-such-policy")));
}

#[test]
fn an_unregistered_unit_is_reported_once_with_what_to_add() {
    let portal = seed_copy();
    let path = portal.path().join("content/departments.yaml");
    let yaml = std::fs::read_to_string(&path).expect("registry");
    let start = yaml.find("- name: 市质监局").expect("entry");
    let end = start + 1 + yaml[start + 1..].find("\n- ").expect("next entry");
    std::fs::write(&path, format!("{}{}", &yaml[..start], &yaml[end + 1..])).expect("write");
    let found: Vec<_> = warnings(portal.path())
        .into_iter()
        .filter(|d| d.message.contains("市质监局"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "unknown-department");
    assert!(found[0].help.contains("content/departments.yaml"));
}
