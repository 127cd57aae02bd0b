//! Snapshots of messages users read: a YAML syntax error, a template
//! error and the errors of strict content (a third language, a repeated
//! key, an unsafe slug, a misspelt key), corrections naming IDs the policy
//! does not have, Chinese left on an English page and a fact box unlike its
//! headline, rendered with file:line:column,
//! the source line and a caret.
//! Run with UPDATE_SNAPSHOTS=1 to rewrite them after a reviewed change.

use std::path::Path;

fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SNAPSHOTS=1)", path.display()));
    assert_eq!(
        actual, expected,
        "message changed; if intended, run with UPDATE_SNAPSHOTS=1"
    );
}

fn errors_of(case: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(case);
    let report = gazette::check::check(&gazette::BuildOptions::new(&root));
    let errors: Vec<_> = report
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == gazette::diag::Severity::Error)
        .collect();
    gazette::diag::snippet::render_all(&errors, &root, false)
}

#[test]
fn message_snapshot_yaml_syntax_error() {
    snapshot("check_yaml_error", &errors_of("yaml_error"));
}

#[test]
fn message_snapshot_template_error() {
    snapshot("check_template_error", &errors_of("template_error"));
}

#[test]
fn message_snapshot_strict_content() {
    snapshot("check_strict_content", &errors_of("strict_content"));
}

#[test]
fn message_snapshot_locked_anchor_whose_text_is_gone() {
    snapshot("check_locked_anchor", &errors_of("locked_anchor"));
}

#[test]
fn message_snapshot_corrections_naming_what_the_policy_lacks() {
    snapshot("check_corrections", &errors_of("corrections"));
}

#[test]
fn message_snapshot_chinese_outside_zh() {
    snapshot("check_chinese_outside_zh", &errors_of("chinese_outside_zh"));
}

#[test]
fn message_snapshot_fact_box_mismatch() {
    snapshot("check_fact_box_mismatch", &errors_of("fact_box_unit"));
}
