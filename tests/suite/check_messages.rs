//! Snapshots of messages users read: a YAML syntax error, a template
//! error and the errors of strict content (a third language, a repeated
//! key, an unsafe slug, a misspelt key), corrections naming IDs the policy
//! does not have, Chinese left on an English page and a fact box unlike its
//! headline, rendered with file:line:column,
//! the source line and a caret.
//! `insta` snapshots in `tests/suite/snapshots/`: review a change with
//! `cargo insta review`, or rewrite them with `INSTA_UPDATE=always`.

use std::path::Path;

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
    insta::assert_snapshot!("check_yaml_error", errors_of("yaml_error"));
}

#[test]
fn message_snapshot_template_error() {
    insta::assert_snapshot!("check_template_error", errors_of("template_error"));
}

#[test]
fn message_snapshot_strict_content() {
    insta::assert_snapshot!("check_strict_content", errors_of("strict_content"));
}

#[test]
fn message_snapshot_locked_anchor_whose_text_is_gone() {
    insta::assert_snapshot!("check_locked_anchor", errors_of("locked_anchor"));
}

#[test]
fn message_snapshot_corrections_naming_what_the_policy_lacks() {
    insta::assert_snapshot!("check_corrections", errors_of("corrections"));
}

#[test]
fn message_snapshot_chinese_outside_zh() {
    insta::assert_snapshot!("check_chinese_outside_zh", errors_of("chinese_outside_zh"));
}

#[test]
fn message_snapshot_fact_box_mismatch() {
    insta::assert_snapshot!("check_fact_box_mismatch", errors_of("fact_box_unit"));
}
