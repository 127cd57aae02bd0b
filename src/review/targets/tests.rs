//! Target doubts on small texts of the genre, parsed as a seed would be.

use crate::content::DepartmentRegistry;
use crate::model::PolicyId;
use crate::review::{find, Doubt, DoubtKind};

fn doubts(goal: &str) -> Vec<Doubt> {
    doubts_in(goal, "建成示范园区10个。")
}

fn doubts_in(goal: &str, action: &str) -> Vec<Doubt> {
    let text = format!(
        "某市行动方案(2021—2025年)\n\n一、总体目标\n{goal}\n二、重点任务\n(一)建设园区。{action}\n"
    );
    let policy = crate::parse::parse_policy(
        PolicyId("t".into()),
        "seeds/t.txt",
        text.as_bytes(),
        &crate::parse::ParseOptions::default(),
    )
    .expect("parses");
    find(&policy, &DepartmentRegistry::default())
}

fn of(kind: DoubtKind, all: &[Doubt]) -> Vec<String> {
    all.iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.message.clone())
        .collect()
}

/// The parser no longer reads a number after a road's name (`安远路899项目`)
/// as a count, so there is no target left to doubt.
#[test]
fn a_house_number_is_not_read_as_a_count() {
    let all = doubts("加快推进安远路899项目改造。");
    assert!(!all.iter().any(|d| d.message.contains("899")), "{all:#?}");
}

#[test]
fn a_count_at_an_address_is_not_an_address() {
    let all = doubts("完成人民路128弄3个小区改造。");
    assert!(of(DoubtKind::TargetContext, &all).is_empty(), "{all:#?}");
}

#[test]
fn a_bound_word_beside_a_figure_read_as_exact_is_doubted() {
    let all = doubts("到2025年,培育企业至少50家。");
    let found = of(DoubtKind::Comparator, &all);
    assert!(
        found
            .iter()
            .any(|m| m.contains("至少") && m.contains("50家")),
        "{all:#?}"
    );
    // `约` read as "about" is right, and not doubted.
    let all = doubts("到2025年,新增就业约3000人。");
    assert!(of(DoubtKind::Comparator, &all).is_empty(), "{all:#?}");
}

#[test]
fn the_same_target_twice_is_doubted() {
    // The goal states it once, the action twice: two targets, one figure.
    let all = doubts_in(
        "到2025年,建成示范园区10个。",
        "依据有关文件,建成示范园区10个。实施年度计划,建成示范园区10个。",
    );
    let found = of(DoubtKind::DuplicateTarget, &all);
    assert_eq!(found.len(), 1, "{all:#?}");
    assert!(found[0].contains("10个"));
}

#[test]
fn document_numbers_are_recognised() {
    use super::DOC_NUMBER;
    for n in ["沪府发〔2020〕12号", "国办发[2018]128号", "令第12号"] {
        assert!(DOC_NUMBER.is_match(n), "{n}");
    }
    assert!(!DOC_NUMBER.is_match("建成示范园区12个"));
}
