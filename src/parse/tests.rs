//! Unit tests of [`super::parse_policy`] on small inline documents; whole
//! documents and fixtures are in `tests/parse_*.rs`.

use super::*;

fn parse(text: &str) -> Result<Policy, ParseError> {
    parse_policy(
        PolicyId::from("t"),
        "t.txt",
        text.as_bytes(),
        &ParseOptions::default(),
    )
}

#[test]
fn paragraph_ids_follow_policy_order() {
    let p = parse("方案\n前言。\n一、总则\n说明。\n(一)行动。正文。\n1.任务。任务正文。\n补充。\n")
        .unwrap();
    let ids: Vec<_> = p.paragraphs().map(|p| p.id.to_string()).collect();
    assert_eq!(ids, ["p-1", "p-2", "p-3", "p-4", "p-5"]);
    let texts: Vec<_> = p.paragraphs().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        ["前言。", "说明。", "正文。", "任务正文。", "补充。"]
    );
}

#[test]
fn empty_input_is_not_a_plan() {
    let err = parse("").unwrap_err();
    assert!(err.to_string().contains("found an empty file"), "{err}");
}
