//! Units as Chinese writes them: a magnitude (`万`, `亿`, `万亿`) before a
//! base unit (`元`, `人`, `平方米`, a measure word like `家`), and numbers
//! scaled to that base unit exactly, digit by digit (`1.5` × `万亿` is
//! 1 500 000 000 000, with no floating-point residue).

/// Magnitudes written before a unit, longest first: `1.5万亿元`, `10亿千瓦`,
/// `320万名`.
pub const MAGNITUDES: &[&str] = &["万亿", "亿", "万"];

/// Units and measure words a figure is counted in, longest first where one
/// ends another's start (`个百分点` before `个`, `平方公里` before `公里`,
/// `千瓦时` before `千瓦`). `千瓦`, `千米` are units of their own, not
/// 千 × 瓦.
pub const MEASURES: &[&str] = &[
    "个百分点",
    "平方公里",
    "平方米",
    "百分点",
    "千瓦时",
    "千瓦",
    "人次",
    "公里",
    "公顷",
    "平米",
    "%",
    "‰",
    "家",
    "个",
    "件",
    "项",
    "人",
    "名",
    "所",
    "座",
    "条",
    "台",
    "辆",
    "艘",
    "套",
    "批",
    "篇",
    "部",
    "款",
    "亩",
    "户",
    "元",
    "吨",
    "倍",
    "场次",
    "场",
    "期",
    "处",
    "支",
    "张",
    "间",
];

/// What may follow a `个` to make a span of time (`6个月`, `3个工作日`), not
/// a count of things.
pub const DURATIONS: &[&str] = &["月", "工作日", "小时", "季度", "学期", "自然日"];

/// Whether `unit` followed by `after` is a span of time: `个` + `月`.
pub fn is_duration(unit: &str, after: &str) -> bool {
    unit.ends_with('个') && DURATIONS.iter().any(|d| after.starts_with(d))
}

/// `万人` → (4, `人`); `万亿元` → (12, `元`); `%` → (0, `%`): the power of
/// ten the magnitude stands for and the base unit.
pub fn split_unit(unit: &str) -> (u32, &str) {
    let mut exp = 0;
    let mut rest = unit;
    loop {
        if let Some(r) = rest.strip_prefix('万') {
            exp += 4;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('亿') {
            exp += 8;
            rest = r;
        } else {
            return (exp, rest);
        }
    }
}

/// `value` (as written, `1.5`, `8000`, `12.5`) times ten to `exp`, shifted
/// in decimal so `1.5` and 12 give exactly 1.5e12. `None` for a value that
/// is not a plain decimal number.
pub fn scale(value: &str, exp: u32) -> Option<f64> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    let digits_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if int.is_empty() || !digits_ok(int) || !digits_ok(frac) {
        return None;
    }
    let exp = exp as usize;
    let (moved, rest) = if frac.len() > exp {
        frac.split_at(exp)
    } else {
        (frac, "")
    };
    let zeros = "0".repeat(exp - moved.len());
    let text = match rest {
        "" => format!("{int}{moved}{zeros}"),
        rest => format!("{int}{moved}{zeros}.{rest}"),
    };
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_a_span_of_time_not_a_count() {
        assert!(is_duration("个", "月内完成"));
        assert!(is_duration("个", "工作日"));
        assert!(!is_duration("个", "小区"));
        assert!(!is_duration("辆", "月"));
    }

    #[test]
    fn magnitudes_split_from_the_base_unit() {
        assert_eq!(split_unit("万亿元"), (12, "元"));
        assert_eq!(split_unit("亿元"), (8, "元"));
        assert_eq!(split_unit("万平方米"), (4, "平方米"));
        assert_eq!(split_unit("家"), (0, "家"));
        assert_eq!(split_unit("%"), (0, "%"));
        assert_eq!(split_unit("亿千瓦"), (8, "千瓦"));
        assert_eq!(split_unit("万名"), (4, "名"));
    }

    #[test]
    fn scaling_is_exact_in_decimal() {
        assert_eq!(scale("8000", 8), Some(800_000_000_000.0));
        assert_eq!(scale("1.5", 12), Some(1_500_000_000_000.0));
        assert_eq!(scale("12.5", 4), Some(125_000.0));
        assert_eq!(scale("2.8", 0), Some(2.8));
        assert_eq!(scale("0.35", 1), Some(3.5));
        assert_eq!(scale("千", 0), None);
    }
}
