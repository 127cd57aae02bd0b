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
            Comparator::AtLeast,
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
