//! Unit tests of [`super::parse_policy`] on small inline documents; whole
//! documents and fixtures are in `tests/parse_*.rs`.

use super::*;
use crate::model::{DeadlineSource, DeptName};

mod levels;

/// `text` parsed as the seed `t.txt` with default options (the parser's
/// tests, here and in its submodules).
pub(super) fn parse(text: &str) -> Result<Policy, ParseError> {
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
fn each_annex_holds_its_own_table() {
    let text = "方案\n一、任务\n(一)行动。推进。(市科技局负责)\n附件1\n重点任务分解表\n序号\n任务内容\n牵头单位\n1\n推进工作\n市科技局\n附件2\n街镇任务分解表\n街镇\n目标任务\n甲镇\n建成10个站点。\n乙镇\n建成12个站点。\n附件3\n联系人名单\n张三\n";
    let p = parse(text).unwrap();
    let b = p.breakdown.as_ref().unwrap();
    assert_eq!(b.title, "重点任务分解表");
    assert_eq!(b.further.len(), 1);
    assert_eq!(b.further[0].title, "街镇任务分解表");
    assert_eq!(b.table_title(1), Some("街镇任务分解表"));
    let ids: Vec<&str> = p.rows().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["row-1", "annex-2-row-1", "annex-2-row-2"]);
    assert_eq!(p.rows()[2].implementers, [DeptName::from("乙镇")]);
    // The third annex holds no table: said, with its line.
    let w = structure_warnings(&p);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, 20);
}

#[test]
fn an_unnumbered_table_whose_rows_do_not_fit_its_header_is_not_read() {
    // Three cells under a two-column header: no table, and a warning.
    let text = "方案\n一、任务\n(一)行动。推进。(市科技局负责)\n附件1\n重点任务分解表\n序号\n任务内容\n牵头单位\n1\n推进工作\n市科技局\n附件2\n街镇任务分解表\n街镇\n目标任务\n甲镇\n建成10个站点。\n乙镇\n";
    let p = parse(text).unwrap();
    assert!(p.breakdown.as_ref().unwrap().further.is_empty());
    assert_eq!(structure_warnings(&p).len(), 1);
}

#[test]
fn task_table_without_header_is_a_warning() {
    let p = parse("方案\n一、任务\n(一)行动。推进。\n附件:重点任务分解表\n推进工作\n市科技局\n")
        .unwrap();
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

/// An annex whose title repeats, with header cells split over two lines,
/// three role columns, a cell split over two lines and a short row.
const THREE_ROLE_TABLE: &str = "某市行动方案\n\
一、主要任务\n\
（一）推进A。做好A。\n\
（二）推进B。做好B。\n\
附件：某市重点任务清单\n\
附件：\n\
某市重点任务清单\n\
序号\n\
重点任务\n\
牵头\n\
部门\n\
配合\n\
部门\n\
实施\n\
主体\n\
1\n\
推进A工作，加快建设\n\
市科技局\n\
市财政局、市发改委\n\
科技处、某某集团、某某有限公司\n\
2\n\
推进B工作\n\
市经信委\n\
市商务委\n\
3\n\
推进C工作\n\
市住建委\n\
\n\
4\n\
推进D工作，\n\
完善配套\n\
市交通委\n\
市规划局\n\
各相关街镇\n\
";

#[test]
fn three_role_table_with_split_headers_and_repeated_title() {
    let p = parse(THREE_ROLE_TABLE).unwrap();
    let b = p.breakdown.as_ref().unwrap();
    assert_eq!(b.title, "某市重点任务清单");
    assert_eq!(
        b.columns,
        ["序号", "重点任务", "牵头部门", "配合部门", "实施主体"]
    );
    let names = |v: &[crate::model::DeptName]| -> Vec<String> {
        v.iter().map(|d| d.as_str().to_owned()).collect()
    };
    let r1 = &b.rows[0];
    assert_eq!(names(&r1.lead), ["市科技局"]);
    assert_eq!(names(&r1.cooperating), ["市财政局", "市发改委"]);
    assert_eq!(
        names(&r1.implementers),
        ["科技处", "某某集团", "某某有限公司"]
    );
    assert!(r1.roles_stated);
    assert_eq!(names(&b.rows[2].lead), ["市住建委"]);
    let r4 = &b.rows[3];
    assert_eq!(r4.content, "推进D工作,\n完善配套");
    assert_eq!(names(&r4.implementers), ["各相关街镇"]);
    assert!(structure_warnings(&p).is_empty());
}

/// A table converted from Word or a web page whose first column (任务类型)
/// comes before 序号 and is blank where a merged cell ended: every row keeps
/// its cells in their columns.
#[test]
fn a_tab_table_with_a_type_column_before_the_number_keeps_its_columns() {
    let p = parse(
        "方案\n一、任务\n(一)行动。推进。\n附件\n任务清单\n任务类型\t序号\t工作任务\t推进单位\n\t1\t任务甲\t市科技局\n旧区改造\t2\t任务乙\t市财政局\n",
    )
    .unwrap();
    let rows = &p.breakdown.as_ref().unwrap().rows;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].content, "任务甲");
    assert_eq!(rows[0].lead[0].as_str(), "市科技局");
    assert_eq!(
        rows[1].extra,
        [("任务类型".to_owned(), "旧区改造".to_owned())]
    );
}

#[test]
fn blank_separated_table_cells_keep_their_line_breaks() {
    // Cells one per paragraph with a blank line between them; a cell's own
    // line breaks, a unit list wrapped after `、` and split by a blank, a
    // header repeated at a page break, and a further annex after the table.
    let text = "方案\n一、任务\n(一)行动。正文。\n附件1\n任务分解表\n\n序号\n\n任务名称\n\n重点内容\n\n\
                牵头部门\n\n配合部门\n\n时间节点\n\n1\n\n海绵城市\n建设管理\n\n推进建设。\n\n\
                区委组织部(区公务员局)、区建设管理委、\n\n区规划资源局、区妇联\n\n各联席会议成员单位\n\n2019年\n\n\
                序号\n\n任务名称\n\n重点内容\n\n牵头部门\n\n配合部门\n\n时间节点\n\n2\n\n推进改造。\n\n\
                区水务局\n\n区绿化市容局等相关部门,\n各街镇(园区)\n\n2019年6月\n\n附件2\n\n街镇\n\n目标任务\n";
    let p = parse(text).unwrap();
    let rows = p.rows();
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let names = |v: &[DeptName]| v.iter().map(|d| d.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&rows[0].lead),
        [
            "区委组织部(区公务员局)",
            "区建设管理委",
            "区规划资源局",
            "区妇联"
        ]
    );
    assert_eq!(names(&rows[0].cooperating), ["各联席会议成员单位"]);
    assert_eq!(rows[0].content, "推进建设。");
    assert!(rows[0]
        .extra
        .iter()
        .any(|(c, v)| c == "任务名称" && v == "海绵城市\n建设管理"));
    assert_eq!(names(&rows[1].lead), ["区水务局"]);
    assert_eq!(
        names(&rows[1].cooperating),
        ["区绿化市容局", "各街镇(园区)"]
    );
    assert!(rows[1]
        .extra
        .iter()
        .all(|(_, v)| !v.contains("附件") && !v.contains("序号")));
    let lost: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| {
            w.message
                .contains("`附件2` follows the task table but no table was read")
        })
        .collect();
    assert_eq!(lost.len(), 1, "{:#?}", p.warnings);
}

#[test]
fn a_period_stated_as_first_year_and_length_dates_the_targets() {
    let p = parse("关于推进某工程的实施意见\n一、总体目标\n2012年起5年内,培养人才达到2000名左右。\n二、主要任务\n1.任务。2019年起3年内完成。\n").unwrap();
    let period = p.plan.period.expect("period from the goals");
    assert_eq!((period.start, period.end), (2012, 2016));
}

#[test]
fn a_row_missing_its_shared_cell_keeps_its_content_and_its_time_column_dates_it() {
    // Row 2 has no 任务名称 cell (shared with row 1, printed once): its one
    // text cell is the content, and 时间节点 gives its figures a deadline.
    let text = "方案\n一、任务\n(一)行动。正文。\n附件\n任务清单\n\n序号\n\n任务名称\n\n任务内容\n\n\
                牵头部门\n\n配合部门\n\n时间节点\n\n1\n\n加强宣传\n\n开展宣传活动。\n\n区绿化市容局\n\n\
                各街镇\n\n2019年3月\n\n2\n\n全年培训不少于5场。\n\n区机管局\n\n各街镇\n\n2019年\n";
    let p = parse(text).unwrap();
    let rows = p.rows();
    assert_eq!(rows[1].content, "全年培训不少于5场。");
    assert!(rows[1].extra.iter().all(|(c, _)| c != "任务名称"));
    let t = p
        .targets
        .iter()
        .find(|t| t.mentions.iter().any(|m| m.item.to_string() == "row-2"))
        .expect("the row's target");
    assert_eq!(t.deadline, Some(2019));
}

#[test]
fn a_table_in_the_text_dates_its_cells_by_the_year_that_opens_each_row() {
    // 表1 flattened one cell per paragraph: year / area / share. The
    // 2020年-2023年 row is already achieved: its 25% is no target.
    let text = "方案\n一、工作目标\n到2025年,达标面积50平方公里以上。\n表1 达标计划表\n年份\n达标区域\n占比\n\
                2020年-2023年\n新城中心城区\n25%\n2024年\n远香湖南\n40%\n2025年\n黄渡大居\n52%\n\
                注:面积按照100.9平方公里计。\n12%\n二、主要任务\n(一)推进建设。正文。\n";
    let p = parse(text).unwrap();
    let dated: Vec<(f64, Option<u16>)> = p
        .targets
        .iter()
        .filter(|t| t.unit == "%")
        .map(|t| (t.value.value, t.deadline))
        .collect();
    // The span row (`2020年-2023年`, already achieved) and a bare figure
    // after the table (no year row open, no words of its own) are no
    // targets.
    assert_eq!(dated, [(40.0, Some(2024)), (52.0, Some(2025))]);
}

/// A cell of two lines (`<br>` in a page, two paragraphs in a Word cell)
/// comes as a continuation line: it stays one cell, its break kept, while a
/// line with only its first cell filled is a group heading.
#[test]
fn a_continuation_line_keeps_a_cells_line_break_and_a_first_cell_alone_is_a_group() {
    let p = parse(
        "方案\n一、任务\n(一)行动。推进。\n附件\n任务清单\n序号\t工作任务\t牵头单位\t配合单位\n行动一\t\t\t\n1\t推进A\t市科技局\t市财政局\n\t完善B\t\t市发改委\n",
    )
    .unwrap();
    let rows = &p.breakdown.as_ref().unwrap().rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].group.as_deref(), Some("行动一"));
    assert_eq!(rows[0].content, "推进A\n完善B");
    let cooperating: Vec<&str> = rows[0].cooperating.iter().map(|d| d.as_str()).collect();
    assert_eq!(cooperating, ["市财政局", "市发改委"]);
}

#[test]
fn a_portal_header_gives_the_document_number_and_the_date_written() {
    // A gov.cn policy-library header: number and 成文日期 before the body,
    // a signature without a date.
    let p = parse(
        "关于印发《示例方案》的通知\n发文字号：示政发〔2020〕12号\n成文日期：2020-05-06\n发布日期：2020-05-10\n各区政府：\n现印发给你们。\n示例市人民政府\n示例方案\n一、总则\n说明。\n",
    )
    .unwrap();
    let n = p.notice.expect("a notice");
    let number = n.number.expect("a document number");
    assert_eq!(
        (number.text.as_str(), number.line),
        ("示政发〔2020〕12号", 2)
    );
    assert_eq!(n.signed.as_deref(), Some("2020-05-06"));
    assert_eq!(n.published.as_deref(), Some("2020-05-10"));
    // Metadata lines are not the notice's text.
    assert!(
        n.body.iter().all(|b| !b.text.contains("2020")),
        "{:?}",
        n.body
    );
    // A signature's own date wins over the header's.
    let p = parse("关于印发《示例方案》的通知\n成文日期:2020-05-06\n现印发给你们。\n示例市人民政府\n2020年5月7日\n示例方案\n一、总则\n说明。\n").unwrap();
    let n = p.notice.expect("a notice");
    assert_eq!(n.signed.as_deref(), Some("2020-05-07"));
    assert!(n.number.is_none());
}

#[test]
fn a_one_year_plan_dates_its_targets_by_the_year_in_its_title() {
    let deadlines = |title: &str| -> Vec<(f64, Option<u16>, Option<DeadlineSource>)> {
        let text = format!(
            "{title}\n一、加快建设数字政府\n(一)建设平台。打造10个左右数字产业集群。(省大数据局牵头)\n"
        );
        parse(&text)
            .unwrap()
            .targets
            .iter()
            .map(|t| (t.value.value, t.deadline, t.deadline_source))
            .collect()
    };
    let plan_end = Some(DeadlineSource::PlanEnd);
    assert_eq!(
        deadlines("数字山东2021行动方案"),
        [(10.0, Some(2021), plan_end)]
    );
    assert_eq!(
        deadlines("某区2019年度工作要点"),
        [(10.0, Some(2019), plan_end)]
    );
    // A period still gives its last year.
    assert_eq!(
        deadlines("数字经济行动方案(2021-2023年)"),
        [(10.0, Some(2023), plan_end)]
    );
    // A year the plan runs up to, a second year, a year inside a sentence
    // or a name, and a title that is no plan's: no year of a one-year plan.
    for title in [
        "某市2030年前碳达峰行动方案",
        "到2025年某市数字经济行动方案",
        "落实2020年目标的2021年工作要点",
        "为深入实施“中国制造2025”,制定本行动方案",
        "关于印发数字山东2021行动方案的通知",
    ] {
        assert_eq!(deadlines(title), [(10.0, None, None)], "{title}");
    }
}

/// A task table with year columns (`2021年` / `2022年计划` / `2023年计划`):
/// each cell's figure is that year's target, its deadline stated by the
/// column, its mention naming the cell's column with offsets in the cell;
/// an empty-cell mark (`/`) states nothing, and rows' figures stay apart.
#[test]
fn year_column_cells_are_each_years_targets() {
    let p = parse(
        "某区三年行动方案(2021—2023年)\n一、主要任务\n(一)推进源头分类。(区绿化市容局牵头)\n附件\n任务清单\n序号\n工作任务\n牵头单位\n2021年\n2022年计划\n2023年计划\n1\n推进源头分类\n区绿化市容局\n建成达标小区20个\n新增达标小区30个\n达标小区累计达到80个\n2\n完善收运体系\n区城管局\n/\n建设中转站2座\n中转站累计5座\n",
    )
    .unwrap();
    let b = p.breakdown.as_ref().expect("table");
    assert_eq!(
        b.columns,
        [
            "序号",
            "工作任务",
            "牵头单位",
            "2021年",
            "2022年计划",
            "2023年计划"
        ]
    );
    let p = &p;
    type Found<'a> = (&'a str, Option<&'a str>, &'a str, f64, &'a str, Option<u16>);
    let cells: Vec<Found> = p
        .targets
        .iter()
        .flat_map(|t| {
            t.mentions.iter().map(move |m| {
                (
                    m.item.as_str(),
                    m.cell.as_deref(),
                    p.mention_text(m)
                        .map_or("", |text| crate::text::char_slice(text, m.start, m.end)),
                    t.value.value,
                    t.unit.as_str(),
                    t.deadline,
                )
            })
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("row-1", Some("2021年"), "20个", 20.0, "个", Some(2021)),
            ("row-1", Some("2022年计划"), "30个", 30.0, "个", Some(2022)),
            ("row-1", Some("2023年计划"), "80个", 80.0, "个", Some(2023)),
            ("row-2", Some("2022年计划"), "2座", 2.0, "座", Some(2022)),
            ("row-2", Some("2023年计划"), "5座", 5.0, "座", Some(2023)),
        ]
    );
    assert!(p
        .targets
        .iter()
        .all(|t| t.deadline_source == Some(crate::model::DeadlineSource::Stated)));
}

/// A column whose header states a unit (`服务点目标（个）`) reads a bare
/// figure in its cells in that unit, a cell writing its own unit
/// (`100%全覆盖` under `（万户）`) keeps it, and a column naming no unit
/// (`备注`) is not searched; the deadline is the table title's year.
#[test]
fn a_column_with_a_unit_in_its_header_reads_bare_figures_in_it() {
    let p = parse(
        "某区2019年工作方案\n一、主要任务\n(一)推进分类。(区绿化市容局牵头)\n附件\n2019年各街镇垃圾分类推进工作指标\n序号\n街镇\n服务点目标（个）\n绿色账户目标（万户）\n备注\n1\n甲街道\n51\n100%全覆盖\n12\n",
    )
    .unwrap();
    let found: Vec<(Option<&str>, f64, &str, Option<u16>)> = p
        .targets
        .iter()
        .flat_map(|t| {
            t.mentions.iter().map(move |m| {
                (
                    m.cell.as_deref(),
                    t.value.value,
                    t.unit.as_str(),
                    t.deadline,
                )
            })
        })
        .collect();
    assert_eq!(
        found,
        [
            (Some("服务点目标(个)"), 51.0, "个", Some(2019)),
            (Some("绿色账户目标(万户)"), 100.0, "%", Some(2019)),
        ]
    );
}

/// Under a two-level header aligned by its full rows, a total printed
/// without a number (`合计`) after the last row is not taken for that row's
/// figures: its lines are cut off the row (whose own figures are read),
/// kept as the row's text, and a warning at the `合计` line says so.
#[test]
fn a_total_row_merged_into_the_last_row_is_reported() {
    let p = parse(
        "某区2019年垃圾分类工作方案\n一、主要任务\n(一)推进分类。(区绿化市容局牵头)\n附件\n2019年各街镇垃圾分类推进工作指标\n序号\n街镇\n源头实效指标\n收运体系指标\n达标小区累计（个）\n服务点累计（个）\n可回收物量\n吨/日\n1\n甲街道\n40\n51\n19.23\n2\n乙镇\n86\n112\n3.5\n3\n丙镇\n10\n12\n1.2\n合计\n136\n175\n23.93\n",
    )
    .unwrap();
    let b = p.breakdown.as_ref().expect("table");
    assert_eq!(b.rows.len(), 3);
    assert_eq!(b.rows[1].extra.len(), 3, "{:?}", b.rows[1].extra);
    assert_eq!(b.rows[2].extra.len(), 3, "{:?}", b.rows[2].extra);
    assert_eq!(b.rows[2].content, "合计\n136\n175\n23.93");
    let warnings = structure_warnings(&p);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].0, 29);
    assert!(warnings[0].1.contains("table row 3: its line `合计`"));
}

/// A header that cannot be aligned keeps its one warning, which also names
/// the totals printed without a number (`合计`) merged into the last row.
#[test]
fn an_unaligned_header_warning_names_totals_merged_into_a_row() {
    let p = parse(
        "某区2019年垃圾分类工作方案\n一、主要任务\n(一)推进分类。(区绿化市容局牵头)\n附件\n2019年各街镇垃圾分类推进工作指标\n序号\n街镇\n源头实效指标\n末端实效指标\n服务点累计（个）\n湿垃圾\n居民区\n餐厨垃圾\n吨/日\n吨/日\n1\n甲街道\n51\n19.23\n9.61\n2\n乙镇\n86\n3.5\n1.2\n合计\n137\n22.73\n10.81\n",
    )
    .unwrap();
    let warnings = structure_warnings(&p);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let m = warnings[0].1;
    assert!(m.contains("cannot be aligned"), "{m}");
    assert!(
        m.contains("row 2 holds `合计` among its figures: rows printed without a number"),
        "{m}"
    );
}
