//! Other shapes of the genre, one small fixture each under
//! `tests/fixtures/parse/`, plus encodings, line ends and bad input.

use gazette::model::{Comparator, DeptName, Policy, PolicyId, WarningKind};
use gazette::parse::{parse_policy, ParseError, ParseOptions};

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/parse/{name}")).expect("fixture")
}

fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Policy, ParseError> {
    parse_policy(PolicyId::from(name), name, bytes, &ParseOptions::default())
}

fn fixture(name: &str) -> Policy {
    parse_bytes(name, &fixture_bytes(name)).expect("fixture parses")
}

fn names(v: &[DeptName]) -> Vec<&str> {
    v.iter().map(|d| d.as_str()).collect()
}

fn ids<'a>(it: impl Iterator<Item = &'a gazette::model::ItemId>) -> Vec<&'a str> {
    it.map(|i| i.as_str()).collect()
}

#[test]
fn full_width_punctuation_normalises() {
    let p = fixture("fullwidth.txt");
    let n = p.notice.as_ref().expect("notice");
    assert_eq!(n.published.as_deref(), Some("2018-03-01"));
    assert_eq!(n.signed.as_deref(), Some("2018-02-26"));
    assert_eq!(n.signers, ["某市人民政府办公室"]);
    assert_eq!(
        n.recipients.as_ref().map(|r| r.text.as_str()),
        Some("各区人民政府,市各委办局:")
    );
    assert_eq!(p.plan.title, "某市科技创新行动方案");
    let period = p.plan.period.expect("period");
    assert_eq!((period.start, period.end), (2018, 2020));
    let s = p.sections().next().expect("section");
    assert_eq!(s.id.as_str(), "section-2-1");
    assert_eq!(s.title, "企业培育行动");
    let c = s.clause.as_ref().expect("clause");
    assert_eq!(names(&c.lead), ["市科技局"]);
    assert_eq!(names(&c.participants), ["市发改委", "市财政局"]);
    assert_eq!(ids(p.tasks().map(|t| &t.id)), ["task-1", "task-2"]);
    let row = &p.rows()[0];
    assert_eq!(names(&row.cooperating), ["市发改委", "市财政局"]);
    let t = p
        .targets
        .iter()
        .find(|t| t.metric == "研发投入占比")
        .expect("target");
    assert_eq!((t.value.value, t.unit.as_str()), (2.5, "%"));
    let t = p
        .targets
        .iter()
        .find(|t| t.metric == "新增科技型中小企业")
        .expect("target");
    assert_eq!(
        ids(t.mentions.iter().map(|m| &m.item)),
        ["section-2-1-p1", "row-1"]
    );
}

#[test]
fn gbk_copy_parses_like_utf8() {
    let text = String::from_utf8(fixture_bytes("fullwidth.txt")).expect("utf-8");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let from_gbk = parse_bytes("fullwidth-gbk.txt", &gbk).expect("GBK parses");
    let from_utf8 = fixture("fullwidth.txt");
    assert_eq!(
        serde_json::to_value(&from_gbk.plan).expect("json"),
        serde_json::to_value(&from_utf8.plan).expect("json")
    );
    assert_eq!(from_gbk.targets.len(), from_utf8.targets.len());
    assert_eq!(from_gbk.rows().len(), 1);
}

#[test]
fn crlf_line_ends_keep_line_numbers() {
    let text = String::from_utf8(fixture_bytes("responsibility.txt")).expect("utf-8");
    let crlf = text.replace('\n', "\r\n");
    let a = parse_bytes("crlf.txt", crlf.as_bytes()).expect("parses");
    let b = fixture("responsibility.txt");
    assert_eq!(
        serde_json::to_value(&a.plan).expect("json"),
        serde_json::to_value(&b.plan).expect("json")
    );
    assert!(a.paragraphs().all(|p| !p.text.contains('\r')));
}

#[test]
fn responsibility_clause_paragraphs_and_keyed_clauses() {
    let p = fixture("responsibility.txt");
    assert!(p.notice.is_none());
    assert_eq!(p.plan.title, "某县推进工业经济高质量发展的实施意见");
    // Tasks `(1)` restart per section: chapter-section-number IDs.
    assert_eq!(
        ids(p.tasks().map(|t| &t.id)),
        ["task-2-1-1", "task-2-1-2", "task-2-2-1", "task-2-2-2"]
    );
    let clauses: Vec<(&str, Vec<&str>, Vec<&str>)> = p
        .clauses()
        .map(|(id, c)| (id.as_str(), names(&c.lead), names(&c.participants)))
        .collect();
    assert_eq!(
        clauses,
        [
            ("section-2-3", vec!["县人社局"], vec!["县教育局"]),
            ("task-2-1-1", vec!["县工信局"], vec!["县发改局", "县财政局"]),
            ("task-2-1-2", vec!["县工信局"], vec![]),
            (
                "task-2-2-1",
                vec!["县自然资源局"],
                vec!["国网某县供电公司", "县住建局"]
            ),
            ("task-2-2-2", vec!["县金融办"], vec!["县人民银行支行"]),
        ]
    );
    // The standalone clause paragraphs are not paragraphs.
    assert!(p.paragraphs().all(|x| !x.text.contains("责任单位")));
    let t = p.tasks().nth(2).expect("task");
    assert_eq!(
        t.body.as_ref().map(|b| b.text.as_str()),
        Some("保障工业用地。")
    );
    let t = p
        .targets
        .iter()
        .find(|t| t.metric == "技改项目")
        .expect("target");
    assert!(t.per_year);
    assert_eq!(t.comparator, Comparator::AtLeast);
}

#[test]
fn markdown_pipe_table_with_groups_and_merged_units() {
    let p = fixture("pipe_table.txt");
    let b = p.breakdown.as_ref().expect("table");
    assert_eq!(b.columns, ["序号", "任务内容", "牵头单位", "协同单位"]);
    assert_eq!(b.title, "重点任务分解表");
    let rows: Vec<_> = b
        .rows
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.group.as_deref(),
                names(&r.lead),
                names(&r.cooperating),
                r.shared_units,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "row-1",
                Some("行动一 数字产业化"),
                vec!["市工信局"],
                vec!["市发改委", "市科技局"],
                false
            ),
            (
                "row-2",
                Some("行动一 数字产业化"),
                vec!["市工信局"],
                vec!["市发改委", "市科技局"],
                true
            ),
            (
                "row-3",
                Some("行动二 产业数字化"),
                vec!["市工信局"],
                vec!["市商务局", "市大数据局"],
                false
            ),
        ]
    );
    assert_eq!(b.rows[0].links[0].item.as_str(), "task-1");
    assert_eq!(b.rows[2].links[0].item.as_str(), "task-2");
}

#[test]
fn tab_separated_table() {
    let p = fixture("tab_table.txt");
    let rows = p.rows();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].content, "培育软件产业,建设软件园区2个");
    assert_eq!(names(&rows[0].cooperating), ["市发改委", "市科技局"]);
    assert_eq!(names(&rows[1].lead), ["市发改委"]);
    // Row 2 restates section (一), whose clause names another lead.
    let w: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::LeadMismatch)
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].line, 10);
}

#[test]
fn single_responsibility_column_and_run_together_units() {
    let p = fixture("single_column.txt");
    let b = p.breakdown.as_ref().expect("table");
    assert_eq!(b.columns, ["序号", "工作任务", "推进单位"]);
    assert_eq!(names(&b.rows[0].lead), ["区行政审批局"]);
    assert_eq!(names(&b.rows[0].cooperating), ["区发改局"]);
    assert_eq!(names(&b.rows[1].lead), ["区政务办"]);
    assert_eq!(names(&b.rows[1].cooperating), ["区财政局"]);
}

#[test]
fn three_unit_columns_extra_columns_split_header_groups() {
    let p = fixture("three_columns.txt");
    let b = p.breakdown.as_ref().expect("table");
    // `牵头` / `部门` on two lines are one header cell.
    assert_eq!(
        b.columns,
        [
            "序号",
            "任务类型",
            "任务内容",
            "牵头部门",
            "配合部门",
            "实施主体",
            "2018年计划"
        ]
    );
    let r1 = &b.rows[0];
    assert_eq!(r1.group.as_deref(), Some("行动一 智能制造"));
    // A content cell over two lines.
    assert_eq!(r1.content, "建设智能工厂\n建成智能工厂20家");
    assert_eq!(names(&r1.lead), ["市经信委"]);
    assert_eq!(names(&r1.cooperating), ["市科技局"]);
    assert_eq!(names(&r1.implementers), ["各区政府"]);
    let extra: Vec<(&str, &str)> = r1
        .extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(extra, [("任务类型", "约束性"), ("2018年计划", "完成5家")]);
    // Row 2 shares row 1's merged unit cells.
    let r2 = &b.rows[1];
    assert!(r2.shared_units);
    assert_eq!(r2.content, "推进智能化改造");
    assert_eq!(names(&r2.implementers), ["各区政府"]);
    let r3 = &b.rows[2];
    assert_eq!(r3.group.as_deref(), Some("行动二 绿色制造"));
    assert_eq!(names(&r3.cooperating), ["市环保局", "市发改委"]);
    assert!(!r3.shared_units);
}

#[test]
fn implementation_opinion_without_notice_sections_only_no_units() {
    let p = fixture("sections_only.txt");
    assert!(p.notice.is_none());
    assert_eq!(p.plan.title, "关于加快发展养老服务业的实施意见");
    assert_eq!(p.plan.chapters.len(), 3);
    assert_eq!(
        ids(p.sections().map(|s| &s.id)),
        ["section-2-1", "section-2-2", "section-2-3", "section-3-1"]
    );
    assert_eq!(p.tasks().count(), 0);
    assert_eq!(p.clauses().count(), 0);
    assert!(p.breakdown.is_none());
    assert!(p.warnings.is_empty());
}

#[test]
fn tasks_numbered_across_chapters_keep_short_ids() {
    let p = fixture("continuous.txt");
    assert_eq!(
        ids(p.tasks().map(|t| &t.id)),
        ["task-1", "task-2", "task-3", "task-4"]
    );
    assert_eq!(
        p.plan.chapters[1].sections[0].tasks[0].title,
        "引进重大项目"
    );
}

#[test]
fn tasks_restarting_per_section_get_long_ids() {
    let p = fixture("restart.txt");
    assert_eq!(
        ids(p.tasks().map(|t| &t.id)),
        ["task-1-1-1", "task-1-1-2", "task-1-2-1", "task-1-2-2"]
    );
}

#[test]
fn not_a_plan_is_a_clear_error() {
    let err = parse_bytes("not_a_plan.txt", &fixture_bytes("not_a_plan.txt")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not_a_plan.txt: not a policy document of the notice + plan genre: expected chapter \
         headings like `一、…`, found no chapter heading in 3 lines (line 1: `某市今日天气预报`)"
    );
}

#[test]
fn undecodable_bytes_name_the_offset() {
    let mut bytes = "一、总则\n".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xff, 0xff, 0x00]);
    let err = parse_bytes("bad.txt", &bytes).unwrap_err();
    assert_eq!(
        err,
        ParseError::Decode {
            file: "bad.txt".into(),
            source: gazette::text::DecodeError { offset: 13 },
        }
    );
    assert_eq!(
        err.to_string(),
        "bad.txt: byte 13: not UTF-8 or GBK/GB18030 text"
    );
}

/// Two annex tables: a numbered task list (附件1) and a breakdown by 街镇
/// with no number column (附件2). Both are read; the first keeps its
/// `row-N` IDs, the second's rows are `annex-2-row-N`, each row names its
/// table, the 街镇 column gives each row's implementing unit, and the
/// figures of both tables take the year their titles state.
#[test]
fn every_annex_table_is_read_with_its_own_title_and_header() {
    let p = fixture("two_annex_tables.txt");
    let b = p.breakdown.as_ref().expect("breakdown");
    assert_eq!(b.title, "2019年某区垃圾分类工作任务清单");
    assert_eq!(b.columns, ["序号", "任务内容", "牵头部门", "配合部门"]);
    assert_eq!(b.further.len(), 1, "{:?}", p.warnings);
    let second = &b.further[0];
    assert_eq!(second.id.as_str(), "annex-2");
    assert_eq!(second.title, "2019年街镇垃圾分类目标任务分解表");
    assert_eq!(second.columns, ["街镇、园区", "目标任务"]);
    let rows: Vec<(&str, usize)> = p.rows().iter().map(|r| (r.id.as_str(), r.table)).collect();
    assert_eq!(
        rows,
        [
            ("row-1", 0),
            ("row-2", 0),
            ("annex-2-row-1", 1),
            ("annex-2-row-2", 1)
        ]
    );
    let towns: Vec<Vec<&str>> = p.rows()[2..]
        .iter()
        .map(|r| names(&r.implementers))
        .collect();
    assert_eq!(towns, [["甲镇"], ["乙街道"]]);
    assert_eq!(
        p.rows()[3].content,
        "创建达标累计86个小区,“两网融合”服务点累计112个。"
    );
    let figure = |value: f64, unit: &str| {
        p.targets
            .iter()
            .flat_map(|t| t.mentions.iter().map(move |m| (t, m)))
            .find(|(t, m)| m.value.value == value && t.unit == unit)
            .map(|(t, m)| (m.item.as_str().to_owned(), t.deadline))
    };
    assert_eq!(figure(18.0, "辆"), Some(("row-2".to_owned(), Some(2019))));
    assert_eq!(
        figure(29.53, "吨/日"),
        Some(("annex-2-row-1".to_owned(), Some(2019)))
    );
    assert_eq!(
        figure(112.0, "个"),
        Some(("annex-2-row-2".to_owned(), Some(2019)))
    );
    assert!(
        !p.warnings.iter().any(|w| w.kind == WarningKind::Structure),
        "{:?}",
        p.warnings
    );
}
