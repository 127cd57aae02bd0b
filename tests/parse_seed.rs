//! The seed document (`seeds/000_8f98049102453562.txt`), parsed with exact
//! expectations: structure, notice, clauses, table rows, row links,
//! targets and warnings.

use gazette::model::{Comparator, Confidence, Policy, PolicyId, Section, Target, WarningKind};
use gazette::parse::{parse_policy, ParseOptions};

const SEED: &str = "seeds/000_8f98049102453562.txt";

fn seed() -> Policy {
    let bytes = std::fs::read(SEED).expect("seed file");
    parse_policy(
        PolicyId::from("000_8f98049102453562"),
        SEED,
        &bytes,
        &ParseOptions::default(),
    )
    .expect("seed parses")
}

fn names(v: &[gazette::model::DeptName]) -> Vec<&str> {
    v.iter().map(|d| d.as_str()).collect()
}

fn section<'a>(p: &'a Policy, id: &str) -> &'a Section {
    p.sections().find(|s| s.id.as_str() == id).expect(id)
}

#[test]
fn seed_notice_fields() {
    let p = seed();
    let n = p.notice.as_ref().expect("notice");
    assert_eq!(
        n.title,
        "市委办公室 市政府办公室关于印发《建设国家创新型城市打造创新之都行动方案(2017~2020年)》的通知"
    );
    assert_eq!(n.published.as_deref(), Some("2018-08-28"));
    assert_eq!(
        n.recipients.as_ref().map(|r| r.text.as_str()),
        Some("各县(市)区委、人民政府,市委各部委办局,市各委办局,市各人民团体,市各直属单位:")
    );
    assert_eq!(n.body.len(), 1);
    assert!(n.body[0].text.starts_with("《建设国家创新型城市"));
    assert_eq!(n.signers, ["中共南通市委办公室", "南通市人民政府办公室"]);
    assert_eq!(n.signed.as_deref(), Some("2017-12-15"));
    // Site chrome is left out.
    assert!(p
        .paragraphs()
        .all(|para| !para.text.contains("您当前所在的位置")));
}

#[test]
fn seed_plan_title_period_and_chapters() {
    let p = seed();
    assert_eq!(p.plan.title, "建设国家创新型城市打造创新之都行动方案");
    let period = p.plan.period.expect("period");
    assert_eq!((period.start, period.end), (2017, 2020));
    assert_eq!(p.plan.preamble.len(), 1);
    let chapters: Vec<(&str, &str)> = p
        .plan
        .chapters
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(
        chapters,
        [
            ("chapter-1", "总体思路和基本原则"),
            ("chapter-2", "发展目标"),
            ("chapter-3", "主要任务"),
            ("chapter-4", "组织与保障"),
        ]
    );
    // The goals chapter: intro, 主要目标, five `——` bullets.
    assert_eq!(p.plan.chapters[1].paragraphs.len(), 7);
    assert!(p.plan.chapters[1].paragraphs[2]
        .text
        .starts_with("——科技创新的支撑力"));
    assert_eq!(section(&p, "section-1-2").paragraphs.len(), 5);
}

#[test]
fn seed_sections_and_tasks_of_chapter_three() {
    let p = seed();
    let c3 = &p.plan.chapters[2];
    let titles: Vec<&str> = c3.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "现代产业创新体系培育行动",
            "创新型企业培强扶优行动",
            "创新载体提质增效行动",
            "创新平台网络化推进行动",
            "协同创新助推行动",
            "创新创业服务支撑行动",
            "科技人才集聚创新行动",
            "知识产权环境优化行动",
        ]
    );
    let counts: Vec<usize> = c3.sections.iter().map(|s| s.tasks.len()).collect();
    assert_eq!(counts, [3, 3, 3, 2, 3, 4, 3, 3]);
    let ids: Vec<String> = p.tasks().map(|t| t.id.to_string()).collect();
    let expected: Vec<String> = (1..=24).map(|n| format!("task-{n}")).collect();
    assert_eq!(ids, expected);
    let t12 = p.tasks().find(|t| t.number == 12).expect("task 12");
    assert_eq!(t12.title, "推进产学研深度融合");
    assert!(t12
        .body
        .as_ref()
        .expect("body")
        .text
        .starts_with("实施产学研协同创新行动计划"));
    // `(一)` heading: title without number, body without the clause.
    let s1 = section(&p, "section-3-1");
    assert_eq!(s1.label, "一");
    let body = &s1.body.as_ref().expect("body").text;
    assert!(body.starts_with("围绕“3+3+N”"));
    assert!(
        body.ends_with("着力打造长三角特色产业科技创新基地。"),
        "{body}"
    );
    // Headings without `。` are title only.
    assert!(section(&p, "section-1-1").body.is_none());
}

#[test]
fn seed_eight_clauses() {
    let p = seed();
    let clauses: Vec<_> = p.clauses().collect();
    assert_eq!(clauses.len(), 8);
    let leads: Vec<(&str, Vec<&str>)> = clauses
        .iter()
        .map(|(id, c)| (id.as_str(), names(&c.lead)))
        .collect();
    let expected_leads = [
        ("section-3-1", vec!["市科技局"]),
        ("section-3-2", vec!["市科技局"]),
        ("section-3-3", vec!["市科技局"]),
        ("section-3-4", vec!["市科技局"]),
        ("section-3-5", vec!["市科技局"]),
        ("section-3-6", vec!["市科技局"]),
        ("section-3-7", vec!["市人才办"]),
        ("section-3-8", vec!["市知识产权局"]),
    ];
    assert_eq!(leads, expected_leads);
    let c1 = &section(&p, "section-3-1").clause.as_ref().expect("clause");
    assert_eq!(
        names(&c1.participants),
        ["市发改委", "市经信委", "市商务局", "市质监局"]
    );
    assert_eq!(
        c1.raw,
        "(市科技局牵头,市发改委、市经信委、市商务局、市质监局等参与)"
    );
    let c3 = &section(&p, "section-3-3").clause.as_ref().expect("clause");
    assert_eq!(
        names(&c3.participants),
        [
            "市发改委",
            "市经信委",
            "市财政局",
            "市商务局",
            "市文广新局",
            "市卫计委",
            "市政府国资委",
            "中创办"
        ]
    );
    let c8 = &section(&p, "section-3-8").clause.as_ref().expect("clause");
    assert_eq!(
        names(&c8.participants),
        ["市公安局", "市文广新局", "市工商局", "市政府金融办"]
    );
}

#[test]
fn seed_twelve_rows_with_units() {
    let p = seed();
    let b = p.breakdown.as_ref().expect("table");
    assert_eq!(b.title, "建设国家创新型城市打造创新之都重点工作任务分解表");
    assert_eq!(b.columns, ["序号", "任务内容", "牵头单位", "协同单位"]);
    let rows: Vec<(&str, Vec<&str>, Vec<&str>)> = b
        .rows
        .iter()
        .map(|r| (r.id.as_str(), names(&r.lead), names(&r.cooperating)))
        .collect();
    let expected: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        (
            "row-1",
            vec!["市科技局"],
            vec!["市发改委", "市经信委", "市商务局", "市质监局"],
        ),
        ("row-2", vec!["市科技局"], vec!["市发改委", "市经信委"]),
        ("row-3", vec!["市科技局"], vec!["市发改委", "市经信委"]),
        (
            "row-4",
            vec!["市国税局"],
            vec!["市科技局", "市财政局", "南通地税局"],
        ),
        (
            "row-5",
            vec!["市科技局"],
            vec!["市商务局", "市文广新局", "市卫计委"],
        ),
        ("row-6", vec!["市科技局"], vec!["市经信委"]),
        ("row-7", vec!["市科技局"], vec!["市经信委", "市商务局"]),
        ("row-8", vec!["市商务局"], vec!["市科技局"]),
        ("row-9", vec!["市科技局"], vec!["市财政局", "市人社局"]),
        ("row-10", vec!["市科技局"], vec!["市政府金融办"]),
        ("row-11", vec!["市人才办"], vec!["市科技局", "市人社局"]),
        (
            "row-12",
            vec!["市知识产权局"],
            vec!["市文广新局", "市工商局"],
        ),
    ];
    assert_eq!(rows, expected);
    assert!(b.rows.iter().all(|r| !r.shared_units && r.group.is_none()));
    assert!(b.rows[0]
        .content
        .starts_with("构建产业创新体系,实施100个以上重大科技项目"));
    assert!(b.rows[11].content.ends_with("免费作品登记量年均达3万件"));
}

#[test]
fn seed_row_links() {
    let p = seed();
    let expected: [(&str, &[&str]); 12] = [
        ("row-1", &["section-3-1"]),
        ("row-2", &["section-3-2", "task-4"]),
        ("row-3", &["task-5"]),
        ("row-4", &["task-6"]),
        ("row-5", &["section-3-3"]),
        ("row-6", &["section-3-4"]),
        ("row-7", &["section-3-5", "task-10"]),
        ("row-8", &["task-14"]),
        ("row-9", &["task-16"]),
        ("row-10", &["task-17"]),
        ("row-11", &["section-3-7", "task-19"]),
        ("row-12", &["section-3-8"]),
    ];
    for (row, (id, items)) in p.rows().iter().zip(expected) {
        assert_eq!(row.id.as_str(), id);
        let linked: Vec<&str> = row.links.iter().map(|l| l.item.as_str()).collect();
        assert_eq!(linked, items, "{id}");
    }
    assert_eq!(p.rows()[0].links[0].confidence, Confidence::High);
    assert_eq!(p.rows()[10].links[0].confidence, Confidence::Low);
}
