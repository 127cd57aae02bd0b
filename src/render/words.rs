//! A target's commitment in words, per language: "at least 2.8%",
//! "more than 550", "about 10", "30,000 people" / "2.8%以上", "超过550家".

use crate::model::{Comparator, Lang, Target};

pub fn commitment(lang: Lang, t: &Target) -> String {
    let quantity = match lang {
        Lang::Zh => format!("{}{}", t.value.written, t.unit),
        Lang::En => en_quantity(t),
    };
    let phrase = match (lang, t.comparator) {
        (Lang::Zh, Comparator::AtLeast) => format!("{quantity}以上"),
        (Lang::Zh, Comparator::MoreThan) => format!("超过{quantity}"),
        (Lang::Zh, Comparator::About) => format!("{quantity}左右"),
        (Lang::Zh, _) => quantity,
        (Lang::En, Comparator::AtLeast) => format!("at least {quantity}"),
        (Lang::En, Comparator::MoreThan) => format!("more than {quantity}"),
        (Lang::En, Comparator::About) => format!("about {quantity}"),
        (Lang::En, _) => quantity,
    };
    match (lang, t.per_year) {
        (Lang::Zh, true) => format!("每年{phrase}"),
        (Lang::En, true) => format!("{phrase} a year"),
        _ => phrase,
    }
}

/// The unit in English, for tables and data: `%`, `people`, `yuan` …
pub fn en_unit(unit: &str) -> &'static str {
    let (_, base) = split_unit(unit);
    match base {
        "%" => "%",
        "元" => "yuan",
        "人" | "名" => "people",
        "平方米" => "square metres",
        "公里" => "km",
        _ => "",
    }
}

fn en_quantity(t: &Target) -> String {
    let (scale, _) = split_unit(&t.unit);
    let unit = en_unit(&t.unit);
    let number = |v: f64| scaled(v * scale);
    let amount = match t.value.max {
        Some(max) => format!("{}–{}", number(t.value.value), number(max)),
        None => number(t.value.value),
    };
    match unit {
        "" => amount,
        "%" => format!("{amount}%"),
        u => format!("{amount} {u}"),
    }
}

/// `万人` → (10 000, `人`); `万亿元` → (10¹², `元`).
fn split_unit(unit: &str) -> (f64, &str) {
    let mut scale = 1.0;
    let mut rest = unit;
    loop {
        if let Some(r) = rest.strip_prefix('万') {
            scale *= 1e4;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('亿') {
            scale *= 1e8;
            rest = r;
        } else {
            return (scale, rest);
        }
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
            comparator: c,
            deadline: Some(2020),
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
        let mut t = target("3", 3.0, None, "万件", Comparator::AtLeast);
        t.per_year = true;
        assert_eq!(commitment(Lang::Zh, &t), "每年3万件以上");
        assert_eq!(commitment(Lang::En, &t), "at least 30,000 a year");
    }
}
