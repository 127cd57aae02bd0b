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

fn structure_warnings(p: &Policy) -> Vec<(usize, &str)> {
    p.warnings
        .iter()
        .filter(|w| w.kind == crate::model::WarningKind::Structure)
        .map(|w| (w.line, w.message.as_str()))
        .collect()
}

#[test]
fn unreadable_clause_is_a_warning_with_its_line() {
    let p = parse("方案\n一、任务\n(一)行动。推进工作。(牵头单位:2020年底前完成)\n").unwrap();
    let w = structure_warnings(&p);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, 3);
    assert!(w[0].1.contains("could not be read"), "{}", w[0].1);
}

#[test]
fn task_table_without_header_is_a_warning() {
    let p = parse("方案\n一、任务\n(一)行动。推进。\n附件:重点任务分解表\n推进工作\n市科技局\n").unwrap();
    assert!(p.breakdown.is_none());
    let w = structure_warnings(&p);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, 4);
}

#[test]
fn several_clauses_in_one_paragraph_fold_onto_the_section() {
    let p = parse(
        "方案\n一、任务\n(一)行动。\n建立制度(生态环境部牵头,农业农村部参与)。推进试点(商务部指导)。\n",
    )
    .unwrap();
    let c = p.sections().next().and_then(|s| s.clause.as_ref()).unwrap();
    assert_eq!(c.lead[0].as_str(), "生态环境部");
    assert_eq!(c.participants[0].as_str(), "农业农村部");
    assert_eq!(c.guiding[0].as_str(), "商务部");
    assert!(structure_warnings(&p).is_empty());
}
