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
    "次",
    "期",
    "处",
    "支",
    "张",
    "度",
    "大类",
    "类",
    "岁",
    "年",
    "间",
];

/// Units of age, of time, of times and of kinds (`岁`, `年`, `次`, `类`)
/// that make a figure a target only when a comparator verb binds it and it
/// ends its clause (`期望寿命超过80岁`, `轮候时间不超过5年`,
/// `下载量不少于2万次`, `签约模式的种类大于3类`); otherwise they say who or
/// what is meant (`0~3岁幼儿`, `具有3年以上工作经历`, `达到3—5年一遇排水能力`,
/// `6类困难群体`), write a year (`2020年`) or say how something is done
/// (`1次性`, `就诊≥1 次`).
pub const BOUND_ONLY: &[&str] = &["岁", "年", "次", "类"];

/// Whether a count of times (`次`) follows a period named with `每` in its
/// clause (`before`, the words before the figure): how often something is
/// done (`每5年修订1次`, `每年至少召开1次`, `每年不少于2次`), a rule of
/// conduct and not an amount to reach.
pub fn is_cadence(unit: &str, before: &str) -> bool {
    split_unit(unit).1 == "次" && before.contains('每')
}

/// Whether a figure of `value` in `unit`, with `after` it the rest of its
/// clause, is no target: a unit of [`BOUND_ONLY`] with no comparator verb
/// before it (`bound` false), words after it, or a year's value.
pub fn needs_bound(unit: &str, value: f64, bound: bool, after: &str) -> bool {
    let (_, base) = split_unit(unit);
    BOUND_ONLY.contains(&base)
        && (!bound || !ends_phrase(after) || (base == "年" && value >= 1000.0))
}

/// Unit symbols written in Latin letters after a number (`12EFLOPS`,
/// `10EB`, `70dB`, `450cm3/h`): a decimal prefix and a base unit of
/// computing, storage, bandwidth, power, energy, pressure, sound, length or
/// mass, longest first where one starts another (`kWh` before `kW`,
/// `MPa` and `Mbps` before `M`, `cm3` before `cm`). They are international
/// symbols, written the same in English. A letter alone after a number
/// names a generation, a resolution or a dimension (`5G`, `4K`, `3D`), never
/// a unit, so none is here but `h` (hours) and `M` (megabits of bandwidth,
/// `5000M`); a symbol counts only as a whole word (see [`is_cut`]).
pub const SYMBOLS: &[&str] = &[
    "EFLOPS", "PFLOPS", "TFLOPS", "GFLOPS", "FLOPS", "TOPS", "Tbps", "Gbps", "Mbps", "GHz", "MHz",
    "TWh", "GWh", "MWh", "kWh", "GW", "MW", "kW", "MPa", "kPa", "Pa", "ZB", "EB", "PB", "TB", "GB",
    "dB", "pT", "nm", "mm", "cm3", "cm", "km", "kg", "M", "h",
];

/// Decimal prefixes a symbol of [`SYMBOLS`] may open with (`T` of `TOPS`).
const PREFIXES: &str = "EPTGMk";

/// The symbols of [`SYMBOLS`] that a copy may print with a space after
/// their one-letter decimal prefix (`1T OPS/w`, `10G bps`), as written:
/// a prefix of [`PREFIXES`] followed by a base unit of two letters or more,
/// so that no letter alone (`5G`, a generation) and no pair of words is
/// read as one.
pub fn spaced_symbols() -> &'static [String] {
    &SPACED
}

static SPACED: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    SYMBOLS
        .iter()
        .filter_map(|s| {
            let prefix = s.chars().next().filter(|c| PREFIXES.contains(*c))?;
            let base = s.get(prefix.len_utf8()..)?;
            (base.chars().count() >= 2 && base.chars().all(|c| c.is_ascii_alphabetic()))
                .then(|| format!("{prefix} {base}"))
        })
        .collect()
});

/// Whether `unit` is a symbol of [`SYMBOLS`], alone or with its rate
/// (`cm3/h`, `TFLOPS/w`), or one of them printed with a space after its
/// prefix ([`spaced_symbols`]: `T OPS/w`).
pub fn is_symbol(unit: &str) -> bool {
    let symbol = unit.split('/').next().unwrap_or(unit);
    SYMBOLS.contains(&symbol) || SPACED.iter().any(|s| s == symbol)
}

/// Whether a unit read as `unit` is only part of what is written, given
/// the text `after` it: a symbol cut out of a longer Latin word
/// (`10GBASE`), or a bare magnitude or scale that words go on from
/// (`3万多人`, `500亿级产业集群`: the size class of what follows). A
/// magnitude with no measure word after it counts plain numbers
/// (`新增就业人数24万以上`), with `级` a scale (`产业规模达到7000亿级`),
/// only before a bound or the end of the phrase.
pub fn is_cut(unit: &str, after: &str) -> bool {
    let (exp, base) = split_unit(unit);
    if base.is_empty() || base == "级" {
        let bound = ["以上", "左右", "以内", "以下"];
        return exp > 0 && !(ends_phrase(after) || bound.iter().any(|b| after.starts_with(b)));
    }
    is_symbol(base) && after.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// Whether `after` (the rest of a clause after a figure) is empty or opens
/// with punctuation: nothing more of the figure's phrase follows.
fn ends_phrase(after: &str) -> bool {
    after
        .trim_start()
        .chars()
        .next()
        .is_none_or(|c| c.is_ascii_punctuation() || "。，、；：！？）".contains(c))
}

/// What may follow a `个` to make a span of time (`6个月`, `3个工作日`), not
/// a count of things.
pub const DURATIONS: &[&str] = &["月", "工作日", "小时", "季度", "学期", "自然日"];

/// Whether `unit` followed by `after` is a span of time: `个` + `月`.
pub fn is_duration(unit: &str, after: &str) -> bool {
    unit.ends_with('个') && DURATIONS.iter().any(|d| after.starts_with(d))
}

/// Whether `text` is only a unit (`吨/日`, `万户`, `个`): a magnitude or
/// none, a measure word, and a rate (`/日`) or none — what a table's
/// header prints on a line of its own under a column of bare figures.
pub fn is_unit(text: &str) -> bool {
    let (_, base) = split_unit(text.trim());
    let base = match base.split_once('/') {
        Some((b, per)) if ["日", "天", "月", "年"].contains(&per) => b,
        Some(_) => return false,
        None => base,
    };
    MEASURES.contains(&base)
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
    fn an_age_or_a_span_of_years_needs_a_comparator() {
        assert!(needs_bound("岁", 3.0, false, "。"));
        assert!(!needs_bound("岁", 80.0, true, "。"));
        assert!(!needs_bound("年", 5.0, true, ""));
        assert!(needs_bound("年", 5.0, true, "一遇排水能力"));
        assert!(needs_bound("年", 2020.0, true, ""));
        assert!(!needs_bound("个", 3.0, false, "平台"));
    }

    #[test]
    fn a_symbol_is_a_unit_only_as_a_whole_word() {
        assert!(is_symbol("EFLOPS") && is_symbol("cm3/h"));
        assert!(!is_symbol("G"));
        assert!(is_cut("GB", "ASE-T"));
        assert!(!is_cut("EB", "。"));
        assert!(!is_cut("万kW", ""));
        assert!(!is_cut("个", "A"));
    }

    #[test]
    fn a_bare_magnitude_is_a_unit_only_before_a_bound_or_the_end() {
        assert!(!is_cut("万", "以上"));
        assert!(!is_cut("万", ""));
        assert!(!is_cut("亿", "。"));
        assert!(is_cut("万", "多人"));
        assert!(!is_cut("亿级", ","));
        assert!(is_cut("亿级", "产业集群"));
        assert!(!is_cut("万人", "次"));
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
