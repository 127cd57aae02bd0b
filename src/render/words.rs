//! A target's commitment in words, per language: "at least 2.8%",
//! "more than 550", "about 10", "30,000 people" / "2.8%以上", "超过550家".

use crate::model::{Comparator, Kind, Lang, Target};

pub fn commitment(lang: Lang, t: &Target) -> String {
    let quantity = match lang {
        Lang::Zh => format!("{}{}", t.value.written, t.unit),
        Lang::En => en_quantity(t),
    };
    let phrase = match (lang, t.comparator) {
        (Lang::Zh, Comparator::AtLeast) => format!("{quantity}以上"),
        (Lang::Zh, Comparator::MoreThan) => format!("超过{quantity}"),
        (Lang::Zh, Comparator::About) => format!("{quantity}左右"),
        (Lang::Zh, Comparator::AtMost) => format!("{quantity}以内"),
        (Lang::Zh, Comparator::Reach) => format!("达到{quantity}"),
        (Lang::Zh, _) => quantity,
        (Lang::En, Comparator::AtLeast) => format!("at least {quantity}"),
        (Lang::En, Comparator::MoreThan) => format!("more than {quantity}"),
        (Lang::En, Comparator::About) => format!("about {quantity}"),
        (Lang::En, Comparator::AtMost) => format!("at most {quantity}"),
        (Lang::En, Comparator::Reach) => format!("reach {quantity}"),
        (Lang::En, _) => quantity,
    };
    match (lang, t.kind) {
        (Lang::Zh, Kind::PerYear) => format!("每年{phrase}"),
        (Lang::Zh, Kind::AveragePerYear) => format!("年均{phrase}"),
        (Lang::En, Kind::PerYear) => format!("{phrase} a year"),
        (Lang::En, Kind::AveragePerYear) => format!("{phrase} a year on average"),
        _ => phrase,
    }
}

/// The figure alone: as written in Chinese (`8000`, `1~2`, `千`), scaled
/// to the base unit in English (`800 billion`, `1–2`, `1,000`).
pub fn amount(lang: Lang, t: &Target) -> String {
    match (lang, t.max_scaled) {
        (Lang::Zh, _) => t.value.written.clone(),
        (Lang::En, Some(max)) => format!("{}–{}", scaled(t.value_scaled), scaled(max)),
        (Lang::En, None) => scaled(t.value_scaled),
    }
}

/// The unit for the value box: as written in Chinese; in English the base
/// unit's English, or for a count (`家`, `个`, a measure word) `number`,
/// never Chinese.
pub fn unit(lang: Lang, t: &Target) -> String {
    match (lang, en_unit(&t.unit_base)) {
        (Lang::Zh, _) => t.unit.clone(),
        (Lang::En, "") => "number".to_owned(),
        (Lang::En, u) => u.to_owned(),
    }
}

/// The English of a base unit (`元` → `yuan`); empty for a measure word
/// (`家`, `个`, `件`, `项` …), which English drops.
pub fn en_unit(base: &str) -> &'static str {
    match base {
        "%" => "%",
        "‰" => "‰",
        "元" => "yuan",
        "人" | "名" => "people",
        "人次" => "person-times",
        "平方米" => "square metres",
        "平方公里" => "square kilometres",
        "公里" => "kilometres",
        "吨" => "tonnes",
        "亩" => "mu",
        "个百分点" | "百分点" => "percentage points",
        "倍" => "times",
        _ => "",
    }
}

fn en_quantity(t: &Target) -> String {
    let amount = amount(Lang::En, t);
    match en_unit(&t.unit_base) {
        "" => amount,
        u @ ("%" | "‰") => format!("{amount}{u}"),
        u => format!("{amount} {u}"),
    }
}

/// 1.5e12 → "1.5 trillion", 8e11 → "800 billion", 30000 → "30,000".
fn scaled(v: f64) -> String {
    let words = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")];
    for (size, word) in words {
        if v >= size {
            return format!("{} {word}", trim(v / size));
        }
    }
    if v.fract() == 0.0 {
        group_thousands(v as u64)
    } else {
        trim(v)
    }
}

fn trim(v: f64) -> String {
    let s = format!("{:.3}", v);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemId, TargetValue};

    fn target(written: &str, value: f64, max: Option<f64>, unit: &str, c: Comparator) -> Target {
        Target {
            id: ItemId::from("target-1"),
            metric: String::new(),
            value: TargetValue {
                written: written.into(),
                value,
                max,
            },
            unit: unit.into(),
            unit_base: crate::text::units::split_unit(unit).1.into(),
            value_scaled: value * 10f64.powi(crate::text::units::split_unit(unit).0 as i32),
            max_scaled: max.map(|m| m * 10f64.powi(crate::text::units::split_unit(unit).0 as i32)),
            comparator: c,
            kind: crate::model::Kind::Level,
            deadline: Some(2020),
            deadline_source: Some(crate::model::DeadlineSource::Stated),
            per_year: false,
            mentions: Vec::new(),
        }
    }

    #[test]
    fn english_commitments_read_as_a_person_would_say_them() {
        let cases = [
            (
                target("2.8", 2.8, None, "%", Comparator::AtLeast),
                "at least 2.8%",
            ),
            (
                target("550", 550.0, None, "家", Comparator::MoreThan),
                "more than 550",
            ),
            (
                target("10", 10.0, None, "个", Comparator::About),
                "about 10",
            ),
            (
                target("1.5", 1.5, None, "万亿元", Comparator::MoreThan),
                "more than 1.5 trillion yuan",
            ),
            (
                target("8000", 8000.0, None, "亿元", Comparator::MoreThan),
                "more than 800 billion yuan",
            ),
            (
                target("3", 3.0, None, "万人", Comparator::Exactly),
                "30,000 people",
            ),
            (
                target("10", 10.0, None, "万平方米", Comparator::AtLeast),
                "at least 100,000 square metres",
            ),
            (
                target("1~2", 1.0, Some(2.0), "个", Comparator::Range),
                "1–2",
            ),
        ];
        for (t, want) in cases {
            assert_eq!(commitment(Lang::En, &t), want);
        }
    }

    #[test]
    fn chinese_commitments_keep_the_figure_as_written() {
        let t = target("2.8", 2.8, None, "%", Comparator::AtLeast);
        assert_eq!(commitment(Lang::Zh, &t), "2.8%以上");
        let mut t = target("3", 3.0, None, "万件", Comparator::Reach);
        t.kind = Kind::AveragePerYear;
        assert_eq!(commitment(Lang::Zh, &t), "年均达到3万件");
        assert_eq!(commitment(Lang::En, &t), "reach 30,000 a year on average");
        assert_eq!(unit(Lang::En, &t), "number");
    }
}
