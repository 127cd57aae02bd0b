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
fn paragraph_ids_are_numbered_within_their_parent() {
    let p = parse("方案\n前言。\n一、总则\n说明。\n(一)行动。正文。\n1.任务。任务正文。\n补充。\n")
        .unwrap();
    let ids: Vec<_> = p.paragraphs().map(|p| p.id.to_string()).collect();
    assert_eq!(
        ids,
        [
            "preamble-p1",
            "chapter-1-p1",
            "section-1-1-p1",
            "task-1-p1",
            "task-1-p2"
        ]
    );
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

#[test]
fn an_inserted_paragraph_renumbers_only_its_siblings() {
    let before =
        parse("方案\n前言。\n一、总则\n说明。\n(一)行动。正文。\n1.任务。任务正文。\n补充。\n")
            .unwrap();
    let after =
        parse("方案\n新的前言。\n前言。\n一、总则\n说明。\n(一)行动。正文。\n1.任务。任务正文。\n补充。\n")
            .unwrap();
    let ids = |p: &Policy| -> Vec<(String, String)> {
        p.paragraphs()
            .map(|p| (p.text.clone(), p.id.to_string()))
            .collect()
    };
    let (before, after) = (ids(&before), ids(&after));
    assert_eq!(after[0], ("新的前言。".into(), "preamble-p1".into()));
    assert_eq!(after[1], ("前言。".into(), "preamble-p2".into()));
    assert_eq!(before[1..], after[2..], "other parents keep their IDs");
}

#[test]
fn a_new_target_leaves_the_other_targets_ids_alone() {
    let doc = "方案(2018-2020年)\n到2020年,高新技术企业达到500家。\n一、总则\n1.任务。研发投入占比达到2.5%。\n";
    let amended = "方案(2018-2020年)\n到2020年,全市新增孵化器面积50万平方米,高新技术企业达到500家。\n一、总则\n1.任务。研发投入占比达到2.5%。\n";
    let ids = |text: &str| -> Vec<(String, String)> {
        parse(text)
            .unwrap()
            .targets
            .iter()
            .map(|t| (t.metric.clone(), t.id.to_string()))
            .collect()
    };
    let (before, after) = (ids(doc), ids(amended));
    assert_eq!(before.len(), 2, "{before:?}");
    assert_eq!(after.len(), 3, "{after:?}");
    for t in &before {
        assert!(after.contains(t), "{t:?} kept its ID: {after:?}");
    }
    assert!(before[0].1.starts_with("preamble-target-"), "{before:?}");
    assert!(before[1].1.starts_with("task-1-target-"), "{before:?}");
}
