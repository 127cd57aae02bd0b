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

fn target<'a>(p: &'a Policy, metric: &str) -> &'a Target {
    p.targets
        .iter()
        .find(|t| t.metric == metric)
        .unwrap_or_else(|| panic!("no target `{metric}`"))
}

#[test]
fn seed_goal_targets_values_units_comparators() {
    let p = seed();
    let goal_paragraphs: Vec<_> = p.plan.chapters[1]
        .paragraphs
        .iter()
        .map(|x| &x.id)
        .collect();
    let goals: Vec<(&str, &str, &str, Comparator)> = p
        .targets
        .iter()
        .filter(|t| goal_paragraphs.contains(&&t.mentions[0].item))
        .map(|t| {
            (
                t.metric.as_str(),
                t.value.written.as_str(),
                t.unit.as_str(),
                t.comparator,
            )
        })
        .collect();
    use Comparator::*;
    assert_eq!(
        goals,
        [
            ("全社会研发投入占全市生产总值的比重", "2.8", "%", AtLeast),
            ("科技进步贡献率", "65", "%", AtLeast),
            ("国家、省级科技企业孵化器", "50", "家", Reach),
            ("国家、省级企业研发机构", "550", "家", MoreThan),
            ("国家、省级重点实验室", "8", "家", Reach),
            ("万人拥有高层次人才数", "140", "人", AtLeast),
            ("具有国际水平的创新型龙头企业", "10", "家", Exactly),
            ("国内行业骨干创新型企业", "100", "家", Exactly),
            ("高新技术企业", "1000", "家", AtLeast),
            ("“3+3”重点产业产值", "1.5", "万亿元", MoreThan),
        ]
    );
    let t = target(&p, "全社会研发投入占全市生产总值的比重");
    assert_eq!(t.id.as_str(), "chapter-2-target-649962");
    assert_eq!(t.value.value, 2.8);
    assert_eq!(t.deadline, Some(2020));
    assert!(!t.per_year);
}

#[test]
fn seed_about_forty_targets() {
    let p = seed();
    assert!((38..=46).contains(&p.targets.len()), "{}", p.targets.len());
    let ids: Vec<String> = p.targets.iter().map(|t| t.id.to_string()).collect();
    // Named by the item that first states them and what they measure:
    // unique, and each made from its own first mention.
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    for t in &p.targets {
        let anchor = t.mentions[0].item.parent();
        assert!(
            t.id.as_str().starts_with(&format!("{anchor}-target-")),
            "{} first stated in {}",
            t.id,
            t.mentions[0].item
        );
    }
    // Chinese numeral, range, about, multiplier unit.
    let t = target(&p, "服务企业");
    assert_eq!(
        (t.value.value, t.unit.as_str(), t.comparator),
        (1000.0, "家", Comparator::MoreThan)
    );
    let t = target(&p, "有影响的并跑或领跑的种子产业");
    assert_eq!(
        (t.value.value, t.value.max, t.comparator),
        (1.0, Some(2.0), Comparator::Range)
    );
    let t = target(&p, "众创空间");
    assert_eq!(
        (t.value.value, t.unit.as_str(), t.comparator),
        (10.0, "万平方米", Comparator::AtLeast)
    );
    let t = target(&p, "新增创新创业人才");
    assert_eq!((t.value.value, t.unit.as_str()), (3.0, "万人"));
}

#[test]
fn seed_merged_mentions() {
    let p = seed();
    let t = target(&p, "高新技术企业");
    let items: Vec<&str> = t.mentions.iter().map(|m| m.item.as_str()).collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[2], "row-2");
    // The goals chapter, then section (二)'s body.
    let goals = p
        .paragraphs()
        .find(|x| x.id.as_str() == items[0])
        .expect("p");
    assert!(goals.text.starts_with("——产业发展的创新力"));
    let s2 = section(&p, "section-3-2").body.as_ref().expect("body");
    assert_eq!(s2.id.as_str(), items[1]);
    assert_eq!(t.comparator, Comparator::AtLeast);
    assert_eq!(t.mentions[1].comparator, Comparator::Exactly);
    // Offsets are characters and cover number + unit (+以上).
    let m = &t.mentions[0];
    let covered: String = goals
        .text
        .chars()
        .skip(m.start)
        .take(m.end - m.start)
        .collect();
    assert_eq!(covered, "1000家以上");
    let row = &p.rows()[1];
    let m = &t.mentions[2];
    let covered: String = row
        .content
        .chars()
        .skip(m.start)
        .take(m.end - m.start)
        .collect();
    assert_eq!(covered, "1000家以上");
    // The table restates the goals of section (八).
    let t = target(&p, "PCT专利申请总量");
    assert_eq!(t.mentions.len(), 2);
    assert_eq!(t.mentions[1].item.as_str(), "row-12");
}

#[test]
fn seed_per_year_targets() {
    let p = seed();
    let t = target(&p, "作品登记量");
    assert!(t.per_year);
    assert_eq!(
        (t.value.value, t.unit.as_str(), t.comparator),
        (3.0, "万件", Comparator::Reach)
    );
    assert_eq!(t.mentions.len(), 2);
    assert_eq!(t.mentions[1].metric, "免费作品登记量");
    assert!(target(&p, "新增高技能人才").per_year);
    assert!(target(&p, "新增高企").per_year);
    assert!(!target(&p, "新增创新创业人才").per_year);
}

#[test]
fn seed_programme_names_and_dates_are_not_targets() {
    let p = seed();
    for t in &p.targets {
        for m in &t.mentions {
            for bad in ["十九", "十二", "3+3+N", "5+5", "226", "八条", "2017"] {
                assert!(!m.value.written.contains(bad), "{bad} in {m:?}");
            }
        }
        assert!(!["2017", "2020", "19", "12", "226"].contains(&t.value.written.as_str()));
    }
}

#[test]
fn seed_warnings() {
    let p = seed();
    let mismatches: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::TargetMismatch)
        .collect();
    assert!(mismatches
        .iter()
        .any(|w| w.message.contains("高新技术企业") && w.message.contains("comparator")));
    assert!(mismatches
        .iter()
        .any(|w| w.message.contains("免费作品登记量") && w.line == 262));
    let leads: Vec<(usize, &str)> = p
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::LeadMismatch)
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(leads.len(), 2, "{leads:?}");
    assert!(leads[0].1.starts_with("row-4 is led by 市国税局"));
    assert!(leads[1].1.starts_with("row-8 is led by 市商务局"));
    // No registry given: no unknown-department warnings.
    assert!(p
        .warnings
        .iter()
        .all(|w| w.kind != WarningKind::UnknownDepartment));
}

#[test]
fn seed_unknown_department_with_registry() {
    let bytes = std::fs::read(SEED).expect("seed");
    let known: Vec<String> = ["市科技局", "市发改委"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let p = parse_policy(
        PolicyId::from("s"),
        SEED,
        &bytes,
        &ParseOptions {
            known_units: &known,
        },
    )
    .expect("parses");
    let unknown: Vec<&str> = p
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::UnknownDepartment)
        .map(|w| w.message.as_str())
        .collect();
    assert!(unknown.iter().any(|m| m.contains("`市经信委`")));
    assert!(!unknown.iter().any(|m| m.contains("`市科技局`")));
    // Each unknown unit is reported once.
    assert_eq!(
        unknown.iter().filter(|m| m.contains("`市经信委`")).count(),
        1
    );
}
