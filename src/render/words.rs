//! A target's commitment in words, per language: "at least 2.8%",
//! "more than 550 institutions", "about 10", "30,000 people" / "2.8%以上",
//! "超过550家"; and its unit in English, never in Chinese: the translation
//! file's `unit_en`, else the base unit's English (`元` → `yuan`), else the
//! neutral noun of the measure word (`家` → `organisations`), which `check`
//! asks to replace.

use crate::model::{Comparator, Kind, Lang, Target};

/// `unit_en` is the translation file's English unit for `t`, if set.
pub fn commitment(lang: Lang, t: &Target, unit_en: Option<&str>) -> String {
    let quantity = match lang {
        Lang::Zh => format!("{}{}", t.value.written, t.unit),
        Lang::En => en_quantity(t, unit_en),
    };
    let phrase = match (lang, t.comparator) {
        (Lang::Zh, Comparator::AtLeast) => format!("{quantity}以上"),
        (Lang::Zh, Comparator::MoreThan) => format!("超过{quantity}"),
        (Lang::Zh, Comparator::About) => format!("{quantity}左右"),
        (Lang::Zh, Comparator::AtMost) => format!("{quantity}以内"),
        (Lang::Zh, Comparator::Reach) => format!("达到{quantity}"),
        (Lang::Zh, _) => quantity,
        (Lang::En, c) => match c.en_words() {
            Some(words) => format!("{words} {quantity}"),
            None => quantity,
        },
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

/// The unit for the value box: as written in Chinese; in English
/// [`en_unit_of`], never Chinese.
pub fn unit(lang: Lang, t: &Target, unit_en: Option<&str>) -> String {
    match lang {
        Lang::Zh => t.unit.clone(),
        Lang::En => en_unit_of(t, unit_en).text.to_owned(),
    }
}

/// A target's unit in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnUnit<'a> {
    pub text: &'a str,
    /// Only the measure word's neutral noun (`organisations` for `家`):
    /// the noun of the thing counted belongs in the translation's `unit_en`.
    pub neutral: bool,
}

/// The translation file's `unit_en` if set, else the base unit's English,
/// else the measure word's neutral noun ([`measure_noun`]).
pub fn en_unit_of<'a>(t: &'a Target, unit_en: Option<&'a str>) -> EnUnit<'a> {
    match (unit_en, en_unit(&t.unit_base)) {
        (Some(text), _) => EnUnit {
            text,
            neutral: false,
        },
        (None, "") => EnUnit {
            text: measure_noun(&t.unit_base),
            neutral: true,
        },
        (None, text) => EnUnit {
            text,
            neutral: false,
        },
    }
}

/// A neutral English noun for a measure word, which says what sort of thing
/// is counted but not what: `家` (firms, institutions) → `organisations`,
/// `个` / `件` / `项` → `items`, `座` → `facilities` … and `units` for a
/// measure word not listed.
pub fn measure_noun(word: &str) -> &'static str {
    match word {
        "家" => "organisations",
        "所" => "institutions",
        "个" | "件" | "项" | "条" | "部" => "items",
        "座" | "处" => "facilities",
        "套" => "sets",
        "批" => "batches",
        "篇" => "articles",
        "款" => "products",
        "场" => "events",
        "期" => "sessions",
        "支" => "teams",
        "大类" | "类" => "categories",
        _ => "units",
    }
}

/// The English of a base unit (`元` → `yuan`; a Latin unit symbol such as
/// `EFLOPS` or `cm3/h` as written); empty for a measure word (`家`, `个`,
/// `件`, `项` …), which English drops.
pub fn en_unit(base: &str) -> &str {
    match base {
        "%" => "%",
        "‰" => "‰",
        "元" => "yuan",
        "人" | "名" => "people",
        "户" => "households",
        "人次" => "person-times",
        "平方米" => "square metres",
        "平方公里" => "square kilometres",
        "公里" => "kilometres",
        "吨" => "tonnes",
        "亩" => "mu",
        "个百分点" | "百分点" => "percentage points",
        "倍" | "次" => "times",
        "年" => "years",
        "岁" => "years of age",
        latin if crate::text::units::is_symbol(latin) => latin,
        _ => "",
    }
}

/// The amount and its unit; a measure word's neutral noun is left out
/// (`about 10`), the noun set in `unit_en` kept (`about 10 communities`).
fn en_quantity(t: &Target, unit_en: Option<&str>) -> String {
    let amount = amount(Lang::En, t);
    let unit = en_unit_of(t, unit_en);
    match unit.text {
        _ if unit.neutral => amount,
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
            assert_eq!(commitment(Lang::En, &t, None), want);
        }
    }

    #[test]
    fn chinese_commitments_keep_the_figure_as_written() {
        let t = target("2.8", 2.8, None, "%", Comparator::AtLeast);
        assert_eq!(commitment(Lang::Zh, &t, None), "2.8%以上");
        let mut t = target("3", 3.0, None, "万件", Comparator::Reach);
        t.kind = Kind::AveragePerYear;
        assert_eq!(commitment(Lang::Zh, &t, None), "年均达到3万件");
        assert_eq!(
            commitment(Lang::En, &t, None),
            "reach 30,000 a year on average"
        );
        assert_eq!(unit(Lang::En, &t, None), "items");
    }

    #[test]
    fn a_measure_word_is_a_neutral_noun_until_unit_en_names_the_thing() {
        let t = target("50", 50.0, None, "家", Comparator::Reach);
        assert_eq!(
            en_unit_of(&t, None),
            EnUnit {
                text: "organisations",
                neutral: true
            }
        );
        assert_eq!(commitment(Lang::En, &t, None), "reach 50");
        assert_eq!(unit(Lang::En, &t, Some("incubators")), "incubators");
        assert_eq!(
            commitment(Lang::En, &t, Some("incubators")),
            "reach 50 incubators"
        );
        // Every measure word the parser reads has an English noun.
        for word in [
            "个", "家", "件", "项", "座", "台", "所", "名", "人次", "万件",
        ] {
            let t = target("3", 3.0, None, word, Comparator::Exactly);
            let u = en_unit_of(&t, None).text;
            assert!(u.is_ascii() && !u.is_empty(), "{word} → {u}");
        }
    }

    #[test]
    fn an_age_and_a_span_of_years_read_in_english() {
        let t = target("80", 80.0, None, "岁", Comparator::MoreThan);
        assert_eq!(commitment(Lang::En, &t, None), "more than 80 years of age");
        let t = target("5", 5.0, None, "年", Comparator::AtMost);
        assert_eq!(commitment(Lang::En, &t, None), "at most 5 years");
        assert_eq!(
            en_unit_of(&target("11", 11.0, None, "大类", Comparator::Reach), None).text,
            "categories"
        );
    }

    #[test]
    fn a_latin_unit_symbol_reads_the_same_in_english() {
        let t = target("12", 12.0, None, "EFLOPS", Comparator::Reach);
        assert_eq!(commitment(Lang::En, &t, None), "reach 12 EFLOPS");
        assert!(!en_unit_of(&t, None).neutral);
    }
}
