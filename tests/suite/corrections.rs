//! `content/corrections/POLICY.yaml`: each kind of correction shows on the
//! built pages (both languages, with the portal's note) and in the open
//! data, the official text stays as published, a correction whose text
//! changed is flagged and not applied, and bad corrections are errors at
//! their line.

use crate::common;

use common::{build, build_with, copy_tree, fixture};
use gazette::diag::{Diagnostic, Severity};
use gazette::link::corrections::{row_fingerprint, sentence_fingerprint};
use gazette::link::RowIx;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const FILE: &str = "content/corrections/plan.yaml";
const SLUG: &str = "urban-renewal-2024-2026";
/// 社区养老服务中心 5 家 (task 3 and row 2).
const CENTRES: &str = "task-3-target-11a72f";
/// 全区新增公共绿地约12万平方米 (the goals chapter and task 2).
const GREEN: &str = "chapter-1-target-21fd4b";
/// 增加绿化面积12万平方米 (task 4): the same commitment, read as another.
const GREEN_AGAIN: &str = "task-4-target-42a1e3";

/// The `source` a correction of each target and row of `root`'s seed takes.
fn sources(root: &Path) -> BTreeMap<String, String> {
    let registry =
        gazette::content::DepartmentRegistry::load(&root.join("content/departments.yaml"))
            .expect("registry");
    let policy = gazette::inspect::parse_file(&root.join("seeds/plan.txt"), &registry.names())
        .expect("parse");
    let targets = policy
        .targets
        .iter()
        .map(|t| (t.id.to_string(), sentence_fingerprint(&policy, t)));
    let rows =
        RowIx::enumerate(&policy).map(|(i, r)| (r.id.to_string(), row_fingerprint(&policy, i)));
    targets.chain(rows).collect()
}

/// A copy of the fixture portal with `yaml` as its corrections, each
/// `{ID}` in it replaced by the `source` of that target or row.
fn portal_with(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("corrections/portal"), dir.path());
    let mut text = yaml.to_owned();
    for (id, fp) in sources(dir.path()) {
        text = text.replace(&format!("{{{id}}}"), &fp);
    }
    let path = dir.path().join(FILE);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write corrections");
    dir
}

fn json(built: &common::Built, rel: &str) -> Value {
    serde_json::from_str(&built.page(rel)).expect("json")
}

/// The record of `id` in a JSON array.
fn record<'a>(all: &'a Value, id: &str) -> &'a Value {
    all.as_array()
        .expect("array")
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record `{id}` in {all}"))
}

fn target_page(built: &common::Built, lang: &str, slug: &str) -> String {
    built.page(&format!("{lang}/targets/{slug}/index.html"))
}

fn fallback(id: &str) -> String {
    format!("{SLUG}-{id}")
}

/// The text of a page without its markup: what a reader reads.
fn text_of(html: &str) -> String {
    let main = html.split("<main").nth(1).unwrap_or(html);
    let main = main.split("</main>").next().unwrap_or(main);
    let mut out = String::new();
    let mut tag = false;
    for c in main.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn diagnostics(root: &Path) -> Vec<Diagnostic> {
    gazette::check::check(&gazette::BuildOptions::new(root)).diagnostics
}

fn with_code<'a>(diags: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    diags.iter().filter(|d| d.code == code).collect()
}

#[test]
fn a_target_marked_not_a_target_has_no_page_nor_record_and_its_text_stays() {
    let plain = build(&fixture("corrections/portal"), None);
    let root = portal_with(&format!(
        "targets:\n  {GREEN_AGAIN}:\n    source: {{{GREEN_AGAIN}}}\n    reason: 重复统计的宣传口径\n    not_a_target: true\n"
    ));
    let built = build(root.path(), None);
    assert!(plain.exists(&format!("zh/targets/{}/index.html", fallback(GREEN_AGAIN))));
    assert!(!built.exists(&format!("zh/targets/{}/index.html", fallback(GREEN_AGAIN))));
    // Four stay: the 2026 green-space goal, the old housing, the 2025
    // green space (stated for another year, so a target of its own) and
    // the care centres.
    let targets = json(&built, "data/targets.json");
    assert_eq!(targets.as_array().map(Vec::len), Some(4), "{targets}");
    assert!(!built
        .page("data/targets.csv")
        .contains(&fallback(GREEN_AGAIN)));
    let policy = format!("zh/policies/{SLUG}/index.html");
    assert!(text_of(&built.page(&policy)).contains("增加绿化面积12万平方米"));
    assert_eq!(text_of(&built.page(&policy)), text_of(&plain.page(&policy)));
}

#[test]
fn a_merged_target_gives_its_mentions_to_the_one_that_stays_and_its_url_redirects() {
    // Published first without the correction, under a curated slug, so
    // its URL is locked.
    let slugs = format!("plan:\n  {GREEN_AGAIN}:\n    slug: green-space-again\n");
    let root = portal_with("");
    std::fs::write(root.path().join("content/targets.yaml"), &slugs).expect("slugs");
    build_with(root.path(), |o| o.update_lock = true);
    let alias = "/zh/targets/green-space-again/";
    let lock = std::fs::read_to_string(root.path().join("content/urls.lock")).expect("lock");
    assert!(lock.contains(alias), "{lock}");
    let yaml = format!(
        "targets:\n  {GREEN_AGAIN}:\n    source: {{{GREEN_AGAIN}}}\n    reason: 与工作目标中的公共绿地指标是同一承诺\n    reason_en: The same commitment as the green space goal\n    merge_into: {GREEN}\n"
    );
    let fixed = portal_with(&yaml);
    std::fs::copy(
        root.path().join("content/urls.lock"),
        fixed.path().join("content/urls.lock"),
    )
    .expect("copy lock");
    std::fs::write(fixed.path().join("content/targets.yaml"), &slugs).expect("slugs");
    let built = build(fixed.path(), None);
    let codes: Vec<&str> = built.report.warnings.iter().map(|d| d.code).collect();
    assert!(
        !codes.contains(&"unknown-key"),
        "its slug is not unused: {codes:?}"
    );
    let survivor = fallback(GREEN);
    for lang in ["zh", "en"] {
        let redirect = built.page(&format!("{lang}/targets/green-space-again/index.html"));
        let to = format!("/{lang}/targets/{survivor}/");
        assert!(redirect.contains(&to), "{redirect}");
    }
    let data = built.page("zh/targets/green-space-again/data.json");
    assert_eq!(
        data,
        built.page(&format!("zh/targets/{survivor}/data.json"))
    );
    let all = json(&built, "data/targets.json");
    let r = record(&all, &survivor);
    // Its own mention and the merged one's (task 2's, stated for 2025, is
    // a target of its own).
    assert_eq!(r["mentions"].as_array().map(Vec::len), Some(2), "{r}");
    assert!(
        r["corrected"]
            .as_str()
            .is_some_and(|c| c.contains("merged")),
        "{r}"
    );
    let zh = target_page(&built, "zh", &survivor);
    assert!(
        zh.contains("本站更正: 与工作目标中的公共绿地指标是同一承诺"),
        "{zh}"
    );
    assert!(zh.contains("增加绿化面积"), "the merged mention is quoted");
    let en = target_page(&built, "en", &survivor);
    assert!(en.contains("Corrected by the portal: The same commitment as the green space goal"));
}

/// Builds the fixture with one correction of the centres target and gives
/// its Chinese and English pages and its open-data record.
fn corrected_centres(change: &str) -> (String, String, Value) {
    let root = portal_with(&format!(
        "targets:\n  {CENTRES}:\n    source: {{{CENTRES}}}\n    reason: 原文如此\n{change}"
    ));
    let built = build(root.path(), None);
    let slug = fallback(CENTRES);
    let data = json(&built, "data/targets.json");
    let r = record(&data, &slug).clone();
    assert_eq!(r, json(&built, &format!("en/targets/{slug}/data.json")));
    let zh = target_page(&built, "zh", &slug);
    let en = target_page(&built, "en", &slug);
    assert!(
        zh.contains("<p class=\"corrected\">本站更正: 原文如此</p>"),
        "{zh}"
    );
    assert!(en.contains("<p class=\"corrected\">Corrected by the portal: 原文如此</p>"));
    (zh, en, r)
}

#[test]
fn a_corrected_comparator_is_what_the_pages_and_data_say() {
    let (zh, en, r) = corrected_centres("    comparator: at_least\n");
    assert_eq!(r["comparator"], "at_least");
    assert_eq!(r["corrected"], "comparator: 原文如此");
    assert!(zh.contains("5家以上"), "{zh}");
    assert!(en.contains("at least 5"), "{en}");
}

#[test]
fn a_corrected_kind_is_what_the_pages_and_data_say() {
    let (_, en, r) = corrected_centres("    kind: per_year\n");
    assert_eq!(r["kind"], "per_year");
    assert_eq!(r["per_year"], true, "the yearly flag follows the kind");
    assert_eq!(r["corrected"], "kind: 原文如此");
    assert!(en.contains("5 a year"), "{en}");
}

#[test]
fn a_corrected_value_and_unit_are_scaled_like_the_parsers() {
    let (zh, _, r) = corrected_centres("    value: \"1.5\"\n    unit: 万家\n");
    assert_eq!(r["value"], 1.5);
    assert_eq!(r["unit"], "万家");
    assert_eq!(r["value_scaled"], 15000.0);
    assert_eq!(r["unit_base"], "家");
    assert_eq!(r["corrected"], "unit, value: 原文如此");
    assert!(zh.contains("1.5万家"), "{zh}");
}

#[test]
fn a_corrected_deadline_is_marked_as_the_portals() {
    let (zh, _, r) = corrected_centres("    deadline: 2025\n");
    assert_eq!(r["deadline"], 2025);
    assert_eq!(r["deadline_source"], "corrected");
    assert!(zh.contains("2025"), "{zh}");
}

#[test]
fn row_corrections_set_group_units_roles_implementers_and_task_on_the_table_and_data() {
    let plain = build(&fixture("corrections/portal"), None);
    let root = portal_with(
        "rows:\n  row-1:\n    source: '{row-1}'\n    reason: 房管局牵头，见区政府分工\n    group: 旧区改造\n    lead: [区房管局]\n    cooperating: [区建管委]\n    implementers: [区民政局]\n    task: task-2\n  row-2:\n    source: '{row-2}'\n    reason: 推进单位未分主次\n    units: [区卫健委, 区民政局]\n",
    );
    let built = build(root.path(), None);
    let rows = json(&built, "data/breakdown.json");
    let one = record(&rows, "row-1");
    assert_eq!(one["group"], "旧区改造");
    assert_eq!(one["lead"], serde_json::json!(["housing"]));
    assert_eq!(one["cooperating"], serde_json::json!(["construction"]));
    assert_eq!(one["restates"], serde_json::json!(["task-2"]));
    assert_eq!(one["implementers"], serde_json::json!(["civil-affairs"]));
    assert_eq!(
        one["corrected"],
        "group, roles, implementers, task: 房管局牵头，见区政府分工"
    );
    // Units without roles are named, never shown as leading.
    let two = record(&rows, "row-2");
    assert_eq!(two["lead"], serde_json::json!([]));
    assert_eq!(two["named"], serde_json::json!(["health", "civil-affairs"]));
    assert!(built.page("data/breakdown.csv").contains("房管局牵头"));
    let zh = built.page(&format!("zh/policies/{SLUG}/breakdown/index.html"));
    assert!(zh.contains("旧区改造"), "{zh}");
    assert!(zh.contains("本站更正: 房管局牵头，见区政府分工"), "{zh}");
    assert!(zh.contains("本站更正: 推进单位未分主次"));
    let en = built.page(&format!("en/policies/{SLUG}/breakdown/index.html"));
    assert!(en.contains("Corrected by the portal: 推进单位未分主次"));
    let lead_cell = |html: &str| {
        let row = html.split("id=\"row-1\"").nth(1).expect("row-1").to_owned();
        row.split("</td>").nth(1).expect("lead cell").to_owned()
    };
    assert!(lead_cell(&zh).contains("/departments/housing/"), "{zh}");
    assert!(
        lead_cell(&plain.page(&format!("zh/policies/{SLUG}/breakdown/index.html")))
            .contains("/departments/construction/")
    );
    // The plan's text is the official one whatever the corrections say;
    // only the links from its tasks to the rows restating them follow the
    // corrected reading (row-1 now restates task-2).
    let policy = format!("zh/policies/{SLUG}/index.html");
    let without_row_links = |html: String| -> String {
        html.split("<p class=\"row-links\">")
            .enumerate()
            .map(|(i, part)| match i {
                0 => part,
                _ => part.split_once("</p>").map_or(part, |(_, rest)| rest),
            })
            .collect()
    };
    assert_eq!(
        without_row_links(built.page(&policy)),
        without_row_links(plain.page(&policy))
    );
    let task_2 = built.page(&policy);
    let task_2 = task_2
        .split("<section id=\"task-2\"")
        .nth(1)
        .expect("task-2");
    let task_2 = &task_2[..task_2.find("</section>").expect("task-2 ends")];
    assert!(task_2.contains("/breakdown/#row-1\""), "{task_2}");
}

#[test]
fn a_correction_whose_text_changed_is_flagged_with_its_line_and_not_applied() {
    let root = portal_with(&format!(
        "targets:\n  {CENTRES}:\n    source: {{{CENTRES}}}\n    reason: 至少五家\n    comparator: at_least\nrows:\n  row-1:\n    source: '{{row-1}}'\n    reason: 房管局牵头\n    lead: [区房管局]\n"
    ));
    assert!(with_code(&diagnostics(root.path()), "stale-correction").is_empty());
    let seed = root.path().join("seeds/plan.txt");
    let text = std::fs::read_to_string(&seed).expect("seed");
    let edited = text
        .replace("建设社区养老服务中心5家。", "建设社区养老服务中心8家。")
        .replace("区建管委区房管局", "区建管委、区房管局");
    assert_ne!(edited, text);
    std::fs::write(&seed, edited).expect("edit seed");
    let diags = diagnostics(root.path());
    let stale = with_code(&diags, "stale-correction");
    assert_eq!(stale.len(), 2, "{diags:#?}");
    let lines: Vec<usize> = stale.iter().map(|d| d.line).collect();
    assert_eq!(lines, [2, 7]);
    for d in &stale {
        assert_eq!(d.file, FILE);
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.contains("it is not applied"), "{d}");
        assert!(d.message.contains("seeds/plan.txt:"), "{d}");
        assert!(d.help.contains("source: "), "{d}");
    }
    let built = build(root.path(), None);
    let r = json(&built, "data/targets.json");
    let r = record(&r, &fallback(CENTRES));
    assert_eq!(r["comparator"], "exactly");
    assert_eq!(r["corrected"], Value::Null);
    // As the table states it: one 推进单位 column, no roles.
    let rows = json(&built, "data/breakdown.json");
    assert_eq!(
        record(&rows, "row-1")["named"],
        serde_json::json!(["construction", "housing"])
    );
}

#[test]
fn a_correction_without_source_is_applied_and_check_gives_the_fingerprint_to_add() {
    let root = portal_with(&format!(
        "targets:\n  {CENTRES}:\n    reason: 至少五家\n    comparator: at_least\n"
    ));
    let want = sources(root.path())[CENTRES].clone();
    let diags = diagnostics(root.path());
    let d = with_code(&diags, "unanchored-correction");
    assert_eq!(d.len(), 1, "{diags:#?}");
    assert_eq!((d[0].file.as_str(), d[0].line), (FILE, 2));
    assert!(d[0].help.contains(&format!("source: {want}")), "{}", d[0]);
    let built = build(root.path(), None);
    let r = json(&built, "data/targets.json");
    assert_eq!(record(&r, &fallback(CENTRES))["comparator"], "at_least");
}

#[test]
fn an_unknown_id_is_an_error_at_its_line_naming_the_nearest_ids() {
    let root = portal_with(
        "targets:\n  task-3-target-11a72e:\n    reason: typo\n    not_a_target: true\nrows:\n  row-12:\n    reason: typo\n    group: x\n  row-1:\n    reason: wrong task\n    task: task-22\n",
    );
    let diags = diagnostics(root.path());
    let unknown = with_code(&diags, "unknown-correction");
    assert_eq!(unknown.len(), 3, "{diags:#?}");
    let at: Vec<(&str, usize)> = unknown.iter().map(|d| (d.file.as_str(), d.line)).collect();
    assert_eq!(at, [(FILE, 2), (FILE, 6), (FILE, 9)]);
    assert!(unknown.iter().all(|d| d.severity == Severity::Error));
    assert!(
        unknown[0].help.contains(&format!("`{CENTRES}`")),
        "{}",
        unknown[0]
    );
    assert!(unknown[1].help.contains("`row-1`"), "{}", unknown[1]);
    assert!(
        unknown[2].message.contains("no section or task `task-22`"),
        "{}",
        unknown[2]
    );
    assert!(unknown[2].help.contains("`task-2`"), "{}", unknown[2]);
    assert!(common::try_build_with(root.path(), |_| {}).is_err());
}

#[test]
fn a_correction_without_reason_or_merged_into_itself_is_refused_at_its_line() {
    let root = portal_with(&format!(
        "targets:\n  {CENTRES}:\n    comparator: at_least\n  {GREEN}:\n    reason: ' '\n    merge_into: {GREEN}\nrows:\n  row-1:\n    reason: x\n    lead: [区房管局]\n    units: [区房管局]\n    colour: red\n"
    ));
    let diags = diagnostics(root.path());
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    let all = shown.join("\n");
    // The unknown key is refused first (serde stops at it), with a suggestion.
    let unknown = diags
        .iter()
        .find(|d| d.code == "unknown-field")
        .expect(&all);
    assert_eq!((unknown.file.as_str(), unknown.line), (FILE, 12), "{all}");
    assert!(unknown.help.contains("this place takes"), "{all}");
    std::fs::write(
        root.path().join(FILE),
        std::fs::read_to_string(root.path().join(FILE))
            .expect("read")
            .replace("    colour: red\n", ""),
    )
    .expect("write");
    let diags = diagnostics(root.path());
    let all: Vec<String> = diags.iter().map(ToString::to_string).collect();
    let all = all.join("\n");
    assert!(
        all.contains(&format!(
            "{FILE}:2: the correction of `{CENTRES}` gives no reason"
        )),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "{FILE}:4: the correction of `{GREEN}` gives no reason"
        )),
        "{all}"
    );
    assert!(
        all.contains(&format!("{FILE}:4: `{GREEN}` is merged into itself")),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "{FILE}:8: the correction of `row-1` gives both `units` and `lead`"
        )),
        "{all}"
    );
    assert!(diags.iter().all(|d| d.severity == Severity::Error), "{all}");
}
