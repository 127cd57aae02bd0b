use super::figure::{clauses, figures};
use super::*;
use crate::model::Comparator;

fn figs(text: &str) -> Vec<(String, f64, String, Comparator, bool)> {
    let chars: Vec<char> = text.chars().collect();
    clauses(&chars)
        .into_iter()
        .flat_map(|(a, b)| figures(&chars[a..b]))
        .map(|f| (f.metric, f.value.value, f.unit, f.comparator, f.per_year))
        .collect()
}

fn one(
    metric: &str,
    value: f64,
    unit: &str,
    cmp: Comparator,
) -> (String, f64, String, Comparator, bool) {
    (metric.to_owned(), value, unit.to_owned(), cmp, false)
}

#[test]
fn metric_before_figure() {
    assert_eq!(
        figs("全社会研发投入占全市生产总值的比重达到2.8%以上,科技进步贡献率达到65%以上。"),
        [
            one(
                "全社会研发投入占全市生产总值的比重",
                2.8,
                "%",
                Comparator::AtLeast
            ),
            one("科技进步贡献率", 65.0, "%", Comparator::AtLeast),
        ]
    );
}

#[test]
fn metric_after_verb_and_lists() {
    assert_eq!(
        figs("重点打造10家具有国际竞争力的创新型龙头企业、100家国内行业骨干创新型企业和1000家高新技术企业"),
        [
            one("具有国际竞争力的创新型龙头企业", 10.0, "家", Comparator::Exactly),
            one("国内行业骨干创新型企业", 100.0, "家", Comparator::Exactly),
            one("高新技术企业", 1000.0, "家", Comparator::Exactly),
        ]
    );
}

#[test]
fn chinese_numeral_after_comparator() {
    assert_eq!(
        figs("服务企业超千家"),
        [one("服务企业", 1000.0, "家", Comparator::MoreThan)]
    );
}

#[test]
fn multiplier_units_range_and_per_year() {
    assert_eq!(figs("“3+3”重点产业产值突破1.5万亿元")[0].2, "万亿元");
    assert_eq!(figs("形成1~2个有影响的种子产业")[0].3, Comparator::Range);
    let f = figs("作品登记量年均达3万件");
    assert_eq!(
        f,
        [(
            "作品登记量".to_owned(),
            3.0,
            "万件".to_owned(),
            // `达` with no bound word: the figure is the goal, not a floor.
            Comparator::Reach,
            true
        )]
    );
}

#[test]
fn names_quotes_years_ordinals_are_not_figures() {
    assert!(figs("为贯彻十九大精神,落实市第十二次党代会精神").is_empty());
    assert!(figs("围绕“3+3+N”重点产业,实施“5+5”工程和“226”工程").is_empty());
    assert!(figs("行动方案(2017~2020年),确保2017年开工建设").is_empty());
    assert!(figs("实施“人才八条”新政,第3批").is_empty());
}

#[test]
fn similar_metrics() {
    assert!(similar("作品登记量", "免费作品登记量"));
    assert!(similar(
        "具有国际水平的创新型龙头企业",
        "具有国际竞争力的创新型龙头企业"
    ));
    assert!(!similar("重大科技创新平台", "公共技术服务平台"));
    assert!(!similar("", "平台"));
}

/// The comparator, kind, unit and value scaled to the base unit of the
/// one figure in `text`.
fn read(text: &str) -> (Comparator, crate::model::Kind, String, f64) {
    let chars: Vec<char> = text.chars().collect();
    let f = clauses(&chars)
        .into_iter()
        .flat_map(|(a, b)| figures(&chars[a..b]))
        .next()
        .unwrap_or_else(|| panic!("no figure in {text}"));
    let (exp, _) = crate::text::units::split_unit(&f.unit);
    let scaled = crate::text::units::scale(&f.value.written, exp).unwrap_or(f.value.value);
    (f.comparator, f.kind, f.unit, scaled)
}

#[test]
fn bound_words_give_the_comparator() {
    use Comparator::*;
    let cases = [
        ("力争突破200亿元", MoreThan),
        ("失业率控制在5%以内", AtMost),
        ("能耗不超过10万吨", AtMost),
        ("比重不低于40%", AtLeast),
        ("企业不少于100家", AtLeast),
        ("孵化器达到50家", Reach),
        ("孵化器达50家以上", AtLeast),
        ("服务机构10个左右", About),
        ("投资约300亿元", About),
        ("企业超过550家", MoreThan),
        ("签约模式的种类大于3类", MoreThan),
        ("误差不大于5%", AtMost),
        ("培育企业超千家", MoreThan),
        ("建设1~2个平台", Range),
        ("建成10家研究院", Exactly),
    ];
    for (text, want) in cases {
        assert_eq!(read(text).0, want, "{text}");
    }
}

#[test]
fn kind_is_read_from_the_text_not_defaulted() {
    use crate::model::Kind::*;
    let cases = [
        ("研发投入占生产总值的比重达到2.8%以上", Share),
        ("科技进步贡献率达到65%", Share),
        ("每万人发明专利拥有量达到20件", Ratio),
        ("万人有效注册商标量达120件", Ratio),
        ("新增高新技术企业500家", Added),
        ("累计引进人才3万人", Cumulative),
        ("每年举办活动10场", PerYear),
        ("年均增长10%以上", AveragePerYear),
        ("专利申请量年均达3万件", AveragePerYear),
        ("孵化器达到50家", Level),
    ];
    for (text, want) in cases {
        assert_eq!(read(text).1, want, "{text}");
    }
}

#[test]
fn magnitudes_scale_to_the_base_unit() {
    let cases = [
        ("产值达到8000亿元", "亿元", 800_000_000_000.0),
        ("营业收入突破1.5万亿元", "万亿元", 1_500_000_000_000.0),
        ("新建孵化场地12.5万平方米", "万平方米", 125_000.0),
        ("集聚人才20万人", "万人", 200_000.0),
        ("力争突破200亿元", "亿元", 20_000_000_000.0),
    ];
    for (text, unit, scaled) in cases {
        let (_, _, u, v) = read(text);
        assert_eq!((u.as_str(), v), (unit, scaled), "{text}");
    }
}

#[test]
fn a_deadline_is_stated_or_the_plan_end() {
    let id = ItemId::from("task-1-p1");
    let stated = mentions_with(&id, "到2019年,新增企业100家。", 1, None, Some(2020));
    assert_eq!(stated[0].deadline, Some(2019));
    assert_eq!(stated[0].deadline_source, Some(DeadlineSource::Stated));
    let inferred = mentions_with(&id, "新增企业100家。", 1, None, Some(2020));
    assert_eq!(inferred[0].deadline, Some(2020));
    assert_eq!(inferred[0].deadline_source, Some(DeadlineSource::PlanEnd));
}

#[test]
fn a_year_that_opens_the_work_is_its_deadline() {
    let id = ItemId::from("task-1-p1");
    let years = |text: &str| -> Vec<Option<u16>> {
        mentions_in(&id, text, 1, None)
            .iter()
            .map(|d| d.deadline)
            .collect()
    };
    assert_eq!(
        years("计划2024年推进两个片区,共计15.19平方公里；2025年推进一个片区,共计11.73平方公里。至2025年底,共计52.12平方公里达标。"),
        [Some(2024), Some(2025), Some(2025)]
    );
    assert_eq!(years("2020年初步建成300个示范性集团。"), [Some(2020)]);
    assert_eq!(
        years("2019年创建农村生活垃圾分类达标村104个。"),
        [Some(2019)]
    );
    assert_eq!(years("2026年底前,新建泵站3座。"), [Some(2026)]);
    assert_eq!(years("“十四五”期间计划新增9座城市公园。"), [Some(2025)]);
    // A date is not a deadline.
    assert_eq!(years("2019年1月1日至12月31日,培训1000人。"), [None]);
}

#[test]
fn grants_caps_and_subsidy_rates_are_not_targets() {
    let id = ItemId::from("task-1-p1");
    let found = |text: &str| mentions_in(&id, text, 1, None).len();
    assert_eq!(found("对首次获评的企业给予500万元奖励。"), 0);
    assert_eq!(
        found("单个企业年度激励金额最高不超过2000万元。给予一次性奖励。"),
        0
    );
    assert_eq!(
        found("按照企业实际项目贷款利率的50%给予贴息,最高不超过贷款金额的2%。"),
        0
    );
    // Money or a share that is the goal itself stays a target.
    assert_eq!(found("到2025年,产业规模突破200亿元。"), 1);
    assert_eq!(found("占新城建设用地面积的52%。"), 1);
    // A count of people supported is a target.
    assert_eq!(found("5年内选拔资助500名优秀教师。"), 1);
}

#[test]
fn mentions_stated_for_different_years_are_different_targets() {
    let id = ItemId::from("section-1-2-p1");
    let mut drafts = mentions_in(&id, "到2020年,综合机械化率达到70%。", 1, None);
    drafts.extend(mentions_in(
        &ItemId::from("section-1-2-p2"),
        "到2025年,综合机械化率达到75%。",
        2,
        None,
    ));
    let targets = merge(drafts);
    let deadlines: Vec<_> = targets.iter().map(|t| t.deadline).collect();
    assert_eq!(deadlines, [Some(2020), Some(2025)]);
}

#[test]
fn a_goal_with_no_year_and_a_dated_row_are_different_targets() {
    // A plan with no period: the goals paragraph names no year, the table
    // row's 时间节点 says 2019.
    let mut drafts = mentions_in(
        &ItemId::from("section-2-2-p1"),
        "建成两网融合服务点670个。",
        1,
        None,
    );
    drafts.extend(mentions_with(
        &ItemId::from("row-15"),
        "建成两网融合服务点670个。",
        2,
        Some(2019),
        None,
    ));
    let deadlines: Vec<_> = merge(drafts).iter().map(|t| t.deadline).collect();
    assert_eq!(deadlines, [None, Some(2019)]);
}

#[test]
fn a_figure_that_counts_its_list_is_not_a_target() {
    let id = ItemId::from("task-1-p1");
    let found = |text: &str| mentions_in(&id, text, 1, None).len();
    assert_eq!(found("推进松江、青浦、嘉定、奉贤等4个新城建设。"), 0);
    // More than the names listed: the names are examples.
    assert_eq!(found("推进大名、月浦等23个城镇雨水排水系统建设。"), 1);
}

#[test]
fn a_lead_in_or_a_clause_opening_year_states_the_deadline() {
    let id = ItemId::from("task-1-p1");
    let carried = mentions_with(&id, "——新增企业100家。", 1, Some(2019), Some(2020));
    assert_eq!(carried[0].deadline, Some(2019));
    assert_eq!(carried[0].deadline_source, Some(DeadlineSource::Stated));
    let opening = mentions_with(
        &id,
        "确保2017年开工,2019年建成平台10家。",
        1,
        None,
        Some(2020),
    );
    assert_eq!(
        (opening[0].deadline, opening[0].deadline_source),
        (Some(2019), Some(DeadlineSource::Stated))
    );
    // A year inside a clause, a date and a period are not deadlines.
    for text in [
        "确保2017年开工平台10家",
        "2017年12月建成平台10家",
        "(2017~2019年)平台10家",
    ] {
        let m = mentions_with(&id, text, 1, None, Some(2020));
        assert_eq!(
            m[0].deadline_source,
            Some(DeadlineSource::PlanEnd),
            "{text}"
        );
    }
}

#[test]
fn a_series_by_year_gives_one_figure_a_year() {
    let id = ItemId::from("task-1-p1");
    let text = "到2018年、2019年、2020年,城市覆盖率分别达到30%、35%、40%。";
    let got: Vec<_> = mentions_with(&id, text, 1, None, Some(2021))
        .into_iter()
        .map(|d| {
            (
                d.mention.metric,
                d.mention.value.value,
                d.unit,
                d.mention.comparator,
                d.deadline,
                d.deadline_source,
            )
        })
        .collect();
    let year = |v: f64, y: u16| {
        (
            "城市覆盖率".to_owned(),
            v,
            "%".to_owned(),
            Comparator::Reach,
            Some(y),
            Some(DeadlineSource::Stated),
        )
    };
    assert_eq!(got, [year(30.0, 2018), year(35.0, 2019), year(40.0, 2020)]);
    // Without `分别` the years are not paired: each figure takes the last
    // year stated before it.
    let plain = mentions_with(
        &id,
        "到2018年、2020年,建成平台10家、园区5个。",
        1,
        None,
        None,
    );
    assert!(plain.iter().all(|d| d.deadline == Some(2020)));
}

/// Phrasings no seed document uses, read through the same code: the
/// comparator, kind, unit as written and value in the base unit.
#[test]
fn phrasings_of_the_genre_read_in_full() {
    use crate::model::Kind::*;
    use Comparator::*;
    let cases = [
        ("力争突破200亿元", MoreThan, Level, "亿元", 20_000_000_000.0),
        ("城镇登记失业率控制在5%以内", AtMost, Share, "%", 5.0),
        (
            "高新技术产业产值年均增长10%以上",
            AtLeast,
            AveragePerYear,
            "%",
            10.0,
        ),
        ("企业研发机构覆盖率不低于40%", AtLeast, Share, "%", 40.0),
        (
            "新建孵化场地12.5万平方米",
            Exactly,
            Level,
            "万平方米",
            125_000.0,
        ),
        (
            "接待游客超过300万人次",
            MoreThan,
            Level,
            "万人次",
            3_000_000.0,
        ),
        ("新增省级以上研发机构20家左右", About, Added, "家", 20.0),
    ];
    for (text, cmp, kind, unit, scaled) in cases {
        assert_eq!(read(text), (cmp, kind, unit.to_owned(), scaled), "{text}");
    }
}

#[test]
fn magnitudes_before_any_measure_word_and_new_measure_words() {
    assert_eq!(
        figs("可再生能源装机达到10亿千瓦。"),
        [one("可再生能源装机", 10.0, "亿千瓦", Comparator::Reach)]
    );
    assert_eq!(
        figs("人才资源总量达到320万名左右。"),
        [one("人才资源总量", 320.0, "万名", Comparator::About)]
    );
    assert_eq!(
        values("改造老旧小区80万平米。"),
        [(80.0, "万平米".to_owned())]
    );
    assert_eq!(
        values("2019年再新增18辆湿垃圾收运车。"),
        [(18.0, "辆".to_owned())]
    );
    assert_eq!(
        values("“两网融合”分类量29.53吨/日。"),
        [(29.53, "吨/日".to_owned())]
    );
    assert_eq!(
        values("举办50场次知识更新讲座。"),
        [(50.0, "场次".to_owned())]
    );
}

/// Value and unit of each figure of `text`.
fn values(text: &str) -> Vec<(f64, String)> {
    figs(text).into_iter().map(|f| (f.1, f.2)).collect()
}

#[test]
fn a_span_of_months_and_a_house_number_are_not_figures() {
    assert!(figs("用6个月时间完成清理。").is_empty());
    assert!(figs("3个工作日内办结。").is_empty());
    assert!(figs("重点推进安远路899项目。").is_empty());
    // The count next to it is still read.
    assert_eq!(values("6个月内建成12个站点。"), [(12.0, "个".to_owned())]);
}

#[test]
fn about_and_a_small_chinese_numeral_after_at_least() {
    assert_eq!(values("湿垃圾车辆配置80余辆。"), [(80.0, "辆".to_owned())]);
    let f = figs("各单位全年不少于一场。");
    assert_eq!(
        (f[0].1, f[0].2.as_str(), f[0].3),
        (1.0, "场", Comparator::AtLeast)
    );
}

#[test]
fn a_threshold_a_beneficiary_must_reach_is_not_a_goal() {
    let text = "年销量5000辆以上的车型，给予1000万元激励。";
    let drafts = mentions_in(&ItemId::from("task-1"), text, 1, None);
    assert!(drafts.is_empty(), "{:?}", drafts.len());
    // Without the grant, the same figure is a goal.
    let drafts = mentions_in(&ItemId::from("task-1"), "年销量达到5000辆以上。", 1, None);
    assert_eq!(drafts.len(), 1);
}

/// Values of the mentions found in `text` (a paragraph of task 1).
fn kept(text: &str) -> Vec<f64> {
    mentions_in(&ItemId::from("task-1-p1"), text, 1, None)
        .iter()
        .map(|d| d.mention.value.value)
        .collect()
}

#[test]
fn goals_quoted_in_a_sentence_are_read_and_names_are_not() {
    // A quotation holding clauses states goals.
    assert_eq!(
        kept("实现“引进高层次人才达到500名左右,人才资源总量达到80万名左右,人才贡献率达到35%”的三大目标。"),
        [500.0, 80.0, 35.0]
    );
    // A short quotation is a name: its figure is not a target.
    assert_eq!(
        kept("实施“百千万”工程,培育“3+5”产业集群。"),
        Vec::<f64>::new()
    );
    assert_eq!(kept("深入实施“1+N”计划,新建“十大”园区12个。"), [12.0]);
}

#[test]
fn a_baseline_or_a_level_already_reached_is_not_a_goal() {
    assert_eq!(
        kept("全区共计18.5平方公里已完成达标评估。"),
        Vec::<f64>::new()
    );
    assert_eq!(kept("已建成示范点20个,到2025年建成示范点50个。"), [50.0]);
    assert_eq!(
        kept("在巩固生均拨款水平达到8000元的基础上逐步提高拨款水平。"),
        Vec::<f64>::new()
    );
}

#[test]
fn the_scope_a_task_centres_on_is_not_a_goal() {
    assert_eq!(
        kept("围绕37条产业链和40个产业集群,支持链主企业制定数字化转型路线图。"),
        Vec::<f64>::new()
    );
    assert_eq!(kept("依托3个国家级开发区,建设10个特色园区。"), [10.0]);
    // A goal named after `围绕` is still a goal.
    assert_eq!(
        kept("围绕本区建成区40%以上面积达到海绵城市建设要求的目标任务,加快建设。"),
        [40.0]
    );
}

#[test]
fn a_basis_of_calculation_and_a_ratio_rule_are_not_goals() {
    assert_eq!(
        kept("注:建设用地面积按照120.5平方公里计。"),
        Vec::<f64>::new()
    );
    assert_eq!(kept("配齐保洁员(原则上按300户配1名)。"), Vec::<f64>::new());
}

#[test]
fn a_standard_per_item_is_not_a_goal_but_a_yearly_figure_is() {
    assert_eq!(kept("每个小区配置2辆收集车。"), Vec::<f64>::new());
    // What each district is to build is a goal.
    assert_eq!(kept("每个街道建有1个健身广场。"), [1.0]);
    assert_eq!(kept("每年新增示范村10个。"), [10.0]);
    assert_eq!(kept("每万人拥有公共体育设施面积达到3平方米。"), [3.0]);
    // A clause with no subject going on equipping each item is the same
    // standard (corpus 09: `每村配置1辆专用收集车，…，并设置干湿垃圾储存点1处`).
    assert_eq!(
        kept("要求每村配置1辆专用收集车,并设置干湿垃圾储存点1处。"),
        Vec::<f64>::new()
    );
    // A new sentence, or a clause with a verb that builds, is a goal.
    assert_eq!(kept("每村配置1辆专用收集车。设置集中收集点20处。"), [20.0]);
    assert_eq!(kept("每村配置1辆专用收集车,建成中转站3座。"), [3.0]);
}

#[test]
fn a_size_or_a_breakdown_in_brackets_is_not_a_goal() {
    // The size of a named area; the total after them is the goal.
    assert_eq!(
        kept("2025年推进南湖片区(3.15平方公里)、北站片区(6.02平方公里),共计9.17平方公里达标。"),
        [9.17]
    );
    // A breakdown of the figure it follows.
    assert_eq!(kept("新建口袋公园共计12个(城区7个、其他区域5个)。"), [12.0]);
    // Brackets after words, holding more than a figure, keep their goal.
    assert_eq!(kept("推进老旧小区改造(完成改造120个)。"), [120.0]);
}

#[test]
fn the_makeup_of_a_named_model_is_not_a_goal() {
    assert_eq!(
        kept("推行“1+2+2”模式,即1名督导员与2名楼组长配合,由2名志愿者协助。"),
        Vec::<f64>::new()
    );
}

#[test]
fn a_condition_for_support_or_a_refund_is_not_a_goal() {
    assert_eq!(
        kept("企业新招用人员数量达到职工总数20%(超过200人的企业达到10%)的,可申请贷款。"),
        Vec::<f64>::new()
    );
    assert_eq!(kept("可返还其上年度缴纳保险费的60%。"), Vec::<f64>::new());
    assert_eq!(
        kept("可申请最高不超过20万元的担保贷款。"),
        Vec::<f64>::new()
    );
    // Money that is the goal itself stays a target.
    assert_eq!(kept("到2025年,产业规模突破500亿元。"), [500.0]);
}

#[test]
fn a_year_that_starts_something_is_no_deadline() {
    let id = ItemId::from("task-1-p1");
    let d = mentions_with(
        &id,
        "2021年起不再从应届毕业生中招聘,建立80个培训基地。",
        1,
        None,
        Some(2023),
    );
    assert_eq!(d[0].deadline, Some(2023));
    assert_eq!(d[0].deadline_source, Some(DeadlineSource::PlanEnd));
}

fn policy_targets(text: &str) -> Vec<(f64, Option<u16>)> {
    let policy = crate::parse::parse_policy(
        crate::model::PolicyId::from("t"),
        "t.txt",
        text.as_bytes(),
        &crate::parse::ParseOptions::default(),
    )
    .expect("parses");
    policy
        .targets
        .iter()
        .map(|t| (t.value.value, t.deadline))
        .collect()
}

#[test]
fn a_plan_with_no_period_takes_the_one_year_its_goals_name() {
    let one_year = "某市推进垃圾减量实施方案\n一、总体要求\n（一）工作目标。到2021年，资源化利用率达到60%。\n二、主要任务\n（一）推进试点。选择8个左右街道开展试点。\n";
    assert_eq!(
        policy_targets(one_year),
        [(60.0, Some(2021)), (8.0, Some(2021))]
    );
    // Two years in the goals: a figure with none of its own has no deadline.
    let two_years = "某市推进垃圾减量实施方案\n一、总体要求\n（一）工作目标。到2021年，利用率达到60%；到2025年，利用率达到70%。\n二、主要任务\n（一）推进试点。选择8个左右街道开展试点。\n";
    assert_eq!(policy_targets(two_years).last(), Some(&(8.0, None)));
}

#[test]
fn a_figure_alone_on_a_line_of_a_broken_sentence_is_not_a_target() {
    let text = "某省电价改革实施方案\n一、主要任务\n（一）完善竞价机制。单个项目申报电量不高于其发电能力的\n80%\n，并结合实际调整。\n";
    assert_eq!(policy_targets(text), []);
}

#[test]
fn the_level_raised_from_and_a_planning_norm_are_not_goals() {
    assert_eq!(
        kept("将保障收入线标准由家庭年人均收入8000元以下提高到12000元以下。"),
        [12000.0]
    );
    assert_eq!(
        kept("按公园陆地面积5%的比例设置儿童活动场地。"),
        Vec::<f64>::new()
    );
    assert_eq!(
        kept("原则上按照每5万居民规划设置1个服务中心。"),
        Vec::<f64>::new()
    );
}

#[test]
fn a_size_class_of_what_is_counted_is_not_a_goal() {
    assert_eq!(kept("培育3家以上年产值达200亿元的龙头企业。"), [3.0]);
    assert_eq!(kept("每个村有1个80平方米以上的活动站点。"), [1.0]);
    assert_eq!(kept("到2015年,2万名居民以上的社区各建有1个服务站。"), [1.0]);
    // With no count before it, `…以上的` is the goal's own bound.
    assert_eq!(kept("建成10个以上的示范点。"), [10.0]);
}

#[test]
fn a_head_count_bounding_places_or_bodies_is_not_a_goal() {
    // It says which villages or firms are meant, not how many.
    assert_eq!(
        kept("全省农村宽带用户占比达到90%以上,基本实现20人以上的自然村4G网络覆盖。"),
        [90.0]
    );
    assert_eq!(kept("推动300人以上的企业建立职工书屋。"), Vec::<f64>::new());
    assert_eq!(kept("100户以下的小区纳入统一管理。"), Vec::<f64>::new());
    // People counted are the goal itself.
    assert_eq!(kept("培养1000名以上的高技能人才。"), [1000.0]);
    assert_eq!(kept("培育200名以上的企业家。"), [200.0]);
}

#[test]
fn a_month_before_which_work_is_done_states_its_year() {
    let id = ItemId::from("task-1-p1");
    let d = mentions_with(&id, "2016年6月前,完成12个试点工作。", 1, None, Some(2018));
    assert_eq!(d[0].deadline, Some(2016));
    assert_eq!(values("床位数达到4.5万张。"), [(4.5, "万张".to_owned())]);
}

#[test]
fn units_in_latin_letters_after_the_figure() {
    let units =
        |t: &str| -> Vec<(f64, String)> { figs(t).into_iter().map(|f| (f.1, f.2)).collect() };
    assert_eq!(units("信噪比达到70dB"), [(70.0, "dB".to_owned())]);
    assert_eq!(units("算力规模达到12EFLOPS"), [(12.0, "EFLOPS".to_owned())]);
    assert_eq!(units("带宽可用性5000M以上"), [(5000.0, "M".to_owned())]);
    // A Latin unit takes its own rate.
    assert_eq!(units("能效比超过1TFLOPS/w"), [(1.0, "TFLOPS/w".to_owned())]);
    assert_eq!(units("成形效率大于450cm3/h"), [(450.0, "cm3/h".to_owned())]);
    // `度`, also after a space.
    assert_eq!(units("云台精度达到0.005 度"), [(0.005, "度".to_owned())]);
    // Letters that are no unit of the list (`5G`, `6G`, `3D`), or a unit
    // that runs on into more letters (`5Mbit`), make no figure.
    assert_eq!(units("开通5G基站10万个"), [(10.0, "万个".to_owned())]);
    assert!(units("发展6G技术和3D打印").is_empty());
    assert!(units("接入速率达到5Mbit以上").is_empty());
}

#[test]
fn a_latin_unit_symbol_after_a_number_is_its_unit() {
    assert_eq!(
        values("到2026年,算力总规模达到12EFLOPS,存储总量达到10EB。"),
        [(12.0, "EFLOPS".to_owned()), (10.0, "EB".to_owned())]
    );
    assert_eq!(
        values("新增装机容量50万kW以上。"),
        [(50.0, "万kW".to_owned())]
    );
    // A letter alone names a generation or a resolution, not a unit, and a
    // symbol cut out of a longer Latin word is none.
    assert!(figs("建设5G基站,推广4K超高清。").is_empty());
    assert!(figs("部署10GBASE网络。").is_empty());
}

/// The targets `merge` makes of one mention per text, each in its own
/// task, as (metric, values of its mentions).
fn merged(texts: &[&str]) -> Vec<(String, Vec<f64>)> {
    let drafts = texts.iter().enumerate().flat_map(|(i, text)| {
        mentions_in(
            &ItemId::from(format!("task-{}-p1", i + 1).as_str()),
            text,
            i + 1,
            None,
        )
    });
    merge(drafts.collect())
        .into_iter()
        .map(|t| {
            let values = t.mentions.iter().map(|m| m.value.value).collect();
            (t.metric, values)
        })
        .collect()
}

#[test]
fn different_figures_in_different_words_are_different_targets() {
    // One wording holds the other, or they differ in one word: another
    // commitment each.
    assert_eq!(
        merged(&["选拔100名优秀青年人才。", "选拔资助不少于200名创新人才。"]).len(),
        2
    );
    assert_eq!(
        merged(&[
            "失业保险参保人数达到424万人。",
            "工伤保险参保人数达到480万人。"
        ])
        .len(),
        2
    );
    // The same figure restated in other words is one target.
    assert_eq!(
        merged(&["培育高新技术企业1000家。", "新培育高新技术企业1000家以上。"]),
        [("高新技术企业".to_owned(), vec![1000.0, 1000.0])]
    );
    // The same words with another figure: one target whose mentions
    // disagree (which `check` reports).
    assert_eq!(
        merged(&["建成众创空间50个。", "建成众创空间60个。"]),
        [("众创空间".to_owned(), vec![50.0, 60.0])]
    );
}

#[test]
fn what_a_place_has_is_named_after_the_figure() {
    let metric = |text: &str| figs(text).first().map(|f| f.0.clone());
    assert_eq!(
        metric("各区有1所三级甲等综合医院。").as_deref(),
        Some("三级甲等综合医院")
    );
    assert_eq!(
        metric("每个街道建有1个健身小广场。").as_deref(),
        Some("健身小广场")
    );
    // Distinct facilities of the same places stay distinct targets.
    assert_eq!(
        merged(&["各区有1所综合医院。", "各区各建有1所儿童公园。"]).len(),
        2
    );
    // A ratio per head keeps its metric before the figure.
    assert_eq!(
        metric("每万人拥有3名执业医师。").as_deref(),
        Some("每万人拥有")
    );
}

#[test]
fn a_bounded_figure_sizing_the_subject_is_not_a_goal() {
    assert_eq!(
        kept("到2015年,10名以上孤寡老人且有入住需求的行政村都建有安居点。"),
        Vec::<f64>::new()
    );
    // A share of places bound right before `的` is a goal.
    assert_eq!(kept("到2015年,80%以上的街镇达到示范标准。"), [80.0]);
    // After a verb, `以上` and words and `的` still state a goal.
    assert_eq!(kept("建成10个以上功能完善的服务平台。"), [10.0]);
    // The counted things doing the goal's verb before `的` are the goal.
    assert_eq!(
        kept("到2020年,10家以上重点企业实现覆盖生产全流程的示范建设。"),
        [10.0]
    );
}

#[test]
fn an_age_or_a_span_of_years_is_a_target_only_when_bound() {
    assert_eq!(
        values("户籍居民平均期望寿命超过80岁。"),
        [(80.0, "岁".to_owned())]
    );
    assert_eq!(values("轮候时间不超过5年。"), [(5.0, "年".to_owned())]);
    assert!(figs("注重0~3岁幼儿家庭教育,扩展至16—24岁失业青年。").is_empty());
    assert!(figs("25%面积达到3—5年一遇雨水排水能力。")
        .iter()
        .all(|f| f.2 != "年"));
    assert!(figs("从具有3年以上企业工作经历的人员中招聘,近十年来。").is_empty());
    let f = figs("基本公共卫生服务项目达到11大类37项。");
    assert_eq!(
        f.iter()
            .map(|f| (f.0.as_str(), f.1, f.2.as_str()))
            .collect::<Vec<_>>(),
        [
            ("基本公共卫生服务项目", 11.0, "大类"),
            ("基本公共卫生服务项目", 37.0, "项")
        ]
    );
}

#[test]
fn a_magnitude_with_no_measure_word_counts_plain_numbers() {
    assert_eq!(
        values("城镇年均新增就业人数24万以上。"),
        [(24.0, "万".to_owned())]
    );
    assert_eq!(values("常住人口达到1500万。"), [(1500.0, "万".to_owned())]);
    // Words going on from the magnitude: not a figure of its own.
    assert!(figs("服务3万多人。").is_empty());
    assert_eq!(values("建成5万平方米。"), [(5.0, "万平方米".to_owned())]);
    // With 级, a scale; before words, the size class of what follows.
    assert_eq!(
        values("到2025年,产业规模达到7000亿级,位居前列。"),
        [(7000.0, "亿级".to_owned())]
    );
    assert_eq!(values("培育2个500亿级产业集群。"), [(2.0, "个".to_owned())]);
    // An order of magnitude in words is no figure.
    assert!(figs("数字经济产业能级达到万亿级。").is_empty());
    assert!(figs("产业规模突破千亿级。").is_empty());
}

#[test]
fn the_scope_a_clause_opens_with_is_not_a_goal() {
    assert_eq!(
        kept("围绕37条产业链和40个产业集群,支持链主企业制定路线图。"),
        Vec::<f64>::new()
    );
    // A verb after the scope word states a goal.
    assert_eq!(kept("围绕重点产业建设10个创新平台。"), [10.0]);
}

#[test]
fn a_list_marker_in_running_text_is_no_part_of_the_metric() {
    assert_eq!(
        figs("四是完成应急避难场所建设144.45万平方米。")[0].0,
        "应急避难场所建设"
    );
    assert_eq!(
        merged(&[
            "四是完成应急避难场所建设144.45万平方米。",
            "应急避难场所建设144.45万平方米"
        ]),
        [("应急避难场所建设".to_owned(), vec![144.45, 144.45])]
    );
}

/// `间` counts rooms (`约100间…工作室`, corpus 21) like `家` counts bodies.
#[test]
fn rooms_are_counted_in_jian() {
    let f = figs("建设约100间规范化家庭医生工作室。");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].1, f[0].2.as_str(), f[0].3),
        (100.0, "间", Comparator::About)
    );
}

/// After a `、`, a figure with a metric of its own is the next of a list of
/// specifications, each a goal, even when `的` and what they describe
/// follow (corpus 10: `信噪比达到70dB、声学过载点达到135dB的声学传感器`);
/// with no `、` between, the second figure still sizes what is counted.
#[test]
fn each_specification_listed_before_what_it_describes_is_a_goal() {
    assert_eq!(
        kept("信噪比达到70dB、声学过载点达到135dB的声学传感器实现量产。"),
        [70.0, 135.0]
    );
    // No verb of its own: the metric and the bound are enough.
    assert_eq!(
        kept("绝对精度100Pa以内、噪音水平0.6Pa以内的压力传感器实现商用。"),
        [100.0, 0.6]
    );
    assert_eq!(
        kept("推出性能达到128TFLOPS、能效比超过1TFLOPS/w的芯片。"),
        [128.0, 1.0]
    );
    // The size class of what is counted, and a series, are as before.
    assert_eq!(kept("培育3家以上年产值达200亿元的龙头企业。"), [3.0]);
    assert_eq!(kept("建成2个、年处理能力达100吨的站点。"), [2.0, 100.0]);
    assert_eq!(kept("培育2家年收入达500亿元的企业。"), [2.0]);
    // Shares of two groups joined by `和` (corpus 12: `90%的市和70%的县
    // （市、区）达到省级三星级以上`): each a goal.
    assert_eq!(kept("90%的市和70%的县达到省级三星级以上。"), [90.0, 70.0]);
    assert_eq!(kept("80%的街道、60%的社区建成服务站。"), [80.0, 60.0]);
    // A figure right after the count's noun and no join still sizes it.
    assert_eq!(kept("建设2个面积100平方米以上的站点。"), [2.0]);
}

/// A symbol printed with a space after its one-letter decimal prefix
/// (`1T OPS/w`, corpus 10) is read as written; a letter alone (`5G`) and
/// letters that join into no symbol stay out.
#[test]
fn a_symbol_printed_with_a_space_after_its_prefix_is_its_unit() {
    assert_eq!(
        values("推出能效比超过1T OPS/w的终端芯片。"),
        [(1.0, "T OPS/w".to_owned())]
    );
    assert_eq!(values("主频达到3G Hz。"), [(3.0, "G Hz".to_owned())]);
    assert!(figs("建设5G MEC节点,推广4K HDR内容。").is_empty());
    assert!(figs("部署5G SA网络。").is_empty());
}

/// A count of times (`次`) is a target when a comparator binds it and no
/// `每…` period comes before it (corpus 11: `下载量不少于2万次`); how often
/// something is done is a rule of conduct (`每5年修订1次`, `每年开展1次`,
/// `每年不少于2次`), and `1次性` or a bare `1次` says how it is done.
#[test]
fn a_count_of_times_is_a_target_only_when_bound_and_not_a_cadence() {
    assert_eq!(
        values("工业APP和微服务下载量不少于2万次。"),
        [(2.0, "万次".to_owned())]
    );
    assert_eq!(values("服务企业达到5000次。"), [(5000.0, "次".to_owned())]);
    assert!(figs("标准每5年修订1次。").is_empty());
    assert!(figs("每年开展1次评估。").is_empty());
    assert!(figs("每年至少召开1次务虚会,每年不少于2次。").is_empty());
    assert!(figs("各单位每季度不少于一次。").is_empty());
    assert!(figs("给予1次性补助,在签约机构就诊≥1 次。").is_empty());
    assert!(figs("开展检查1次。").is_empty());
    // `人次` and `场次` are units of their own, as before.
    assert_eq!(
        values("年均推荐就业10万人次。"),
        [(10.0, "万人次".to_owned())]
    );
}

/// A count of kinds (`类`) is a target when a comparator binds it and it
/// ends its clause (corpus 21: `支持签约模式的种类大于3类`); otherwise it
/// says who or what is meant (`6类困难群体`, `分为4类`).
#[test]
fn a_count_of_kinds_is_a_target_only_when_bound() {
    assert_eq!(
        values("支持签约模式的种类大于3类。"),
        [(3.0, "类".to_owned())]
    );
    assert_eq!(values("服务包不少于5类。"), [(5.0, "类".to_owned())]);
    assert!(figs("重点做好6类困难群体的签约服务。").is_empty());
    assert!(figs("将服务包分为4类。").is_empty());
    // `大类` is a unit of its own, as before.
    assert_eq!(values("形成12大类。"), [(12.0, "大类".to_owned())]);
}

/// `累计` says the kind of quantity, not what is measured: a restatement
/// of a goal with it (corpus 25: `4万个以上5G基站` and `累计建设5G基站4万个
/// 以上`) measures the same, in the same words.
#[test]
fn cumulative_is_the_kind_not_part_of_the_metric() {
    let chars: Vec<char> = "累计建设5G基站4万个以上。".chars().collect();
    let f = figures(&chars);
    assert_eq!(f[0].metric, "5G基站");
    assert_eq!(f[0].kind, crate::model::Kind::Cumulative);
    assert_eq!(
        read("马德里商标注册累计达250件").1,
        crate::model::Kind::Cumulative
    );
}
