//! `gazette inspect` on the seed: the summary and the JSON model.

use crate::common::gazette;

const SEED: &str = "seeds/000_8f98049102453562.txt";

#[test]
fn inspect_prints_counts_and_warnings() {
    let out = gazette().args(["inspect", SEED]).run();
    assert!(out.success(), "{}", out.stderr);
    let text = out.stdout;
    assert!(text.starts_with(&format!("{SEED}: 建设国家创新型城市打造创新之都行动方案\n")));
    for line in [
        "  chapters     4",
        "  sections     14",
        "  tasks        24",
        "  rows         12",
        "  departments  20",
    ] {
        assert!(text.contains(line), "missing `{line}` in\n{text}");
    }
    assert!(text.contains(&format!(
        "{SEED}:186: lead_mismatch: row-4 is led by 市国税局"
    )));
    assert!(text.contains("target_mismatch"));
}

#[test]
fn inspect_json_is_the_model() {
    let out = gazette().args(["inspect", SEED, "--json"]).run();
    assert!(out.success(), "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["id"], "000_8f98049102453562");
    assert_eq!(v["notice"]["signed"], "2017-12-15");
    assert_eq!(v["plan"]["period"]["start"], 2017);
    assert_eq!(v["plan"]["chapters"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        v["plan"]["chapters"][2]["sections"][7]["clause"]["lead"][0],
        "市知识产权局"
    );
    assert_eq!(v["breakdown"]["rows"][4]["cooperating"][2], "市卫计委");
    assert_eq!(v["targets"][0]["comparator"], "at_least");
    assert_eq!(v["targets"][0]["value"]["value"], 2.8);
}

#[test]
fn inspect_errors_exit_2() {
    let out = gazette()
        .args(["inspect", "tests/fixtures/parse/not_a_plan.txt"])
        .run();
    assert_eq!(out.code, 2);
    let err = out.stderr;
    assert!(
        err.contains("expected chapter headings like `一、…`"),
        "{err}"
    );
    let out = gazette().args(["inspect", "no/such/file.txt"]).run();
    assert_eq!(out.code, 2);
}
