//! Figures inside one clause: the number (arabic, a range, or a Chinese
//! numeral after a comparator as in `超千家`), its unit, its comparator and
//! the metric it measures. Numbers inside `“…”`, years, ordinals (`第…`)
//! and programme names are not figures. All offsets are in characters.

use crate::model::{Comparator, Kind, TargetValue};
use crate::text::chinese_number;
use crate::text::units::{
    is_cadence, is_cut, is_duration, needs_bound, spaced_symbols, split_unit, MAGNITUDES, MEASURES,
    SYMBOLS,
};
use regex::Regex;
use std::sync::LazyLock;

/// Verbs after which the metric follows the figure (`建成10家…平台`).
pub(super) const LEADING_VERBS: &[&str] = &[
    "实施", "建成", "建立", "建设", "培育", "打造", "促成", "引进", "形成", "开发", "设立", "新建",
    "组建", "创建", "推出", "举办", "开展", "认定", "扶持", "支持", "布局", "突破", "培养", "集聚",
    "落户", "争创", "完成", "增加", "吸引",
];

/// `有` ending the words before a figure (`各区有1所…医院`, `每个街道建有
/// 1个…`, `设有`): a place has what the figure counts, named after it.
/// Not `拥有` (`每万人拥有…`: a ratio whose metric is before the figure) or
/// `具有`.
fn having(lead: &str) -> bool {
    lead.ends_with('有') && !lead.ends_with("拥有") && !lead.ends_with("具有")
}

/// Words stripped from the start of a metric.
const LEADING_NOISE: &[&str] = &[
    "、",
    "和",
    "及",
    "与",
    "以及",
    "并",
    "全市",
    "全省",
    "力争",
    "争取",
    "每年",
    "年均",
    "重点",
    "在",
    "确保",
    "努力",
    "共",
    "累计新增",
    // The kind of quantity (`累计建设5G基站4万个`: cumulative, see
    // [`kind`]), no part of what is measured, like `每年`.
    "累计",
    // A list's markers in running text (`一是…,二是…`).
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "七是",
    "八是",
    "九是",
    "十是",
];

/// A unit as a regex: an optional magnitude (`万`, `亿`, `万亿`) before a
/// measure word, each alternation longest first, and an optional rate
/// (`吨/日`); or a unit symbol in Latin letters with its own rate
/// (`EFLOPS`, `cm3/h`, `TFLOPS/w`; one printed with a space after its
/// prefix, `T OPS/w`, tried first); or a magnitude alone (`24万以上`), or
/// with `级` a scale (`7000亿级`; see [`is_cut`]).
fn unit_pattern() -> String {
    let alt = |words: &[&str]| {
        words
            .iter()
            .map(|u| regex::escape(u))
            .collect::<Vec<_>>()
            .join("|")
    };
    let spaced: Vec<&str> = spaced_symbols().iter().map(String::as_str).collect();
    format!(
        "(?:(?:{mag})?(?:{})(?:/[日天月年])?|(?:{mag})?(?:{}|{})(?:/[A-Za-z]+)?|(?:{mag})级?)",
        alt(MEASURES),
        alt(&spaced),
        alt(SYMBOLS),
        mag = alt(MAGNITUDES),
    )
}

static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    let units = unit_pattern();
    Regex::new(&format!(
        r"(\d+(?:\.\d+)?)(?:\s*[~～\-—–至到]\s*(\d+(?:\.\d+)?))?\s*余?({units})(以上|左右|以内|以下)?"
    ))
    .expect("valid regex")
});
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    let units = unit_pattern();
    Regex::new(&format!(
        r"(?:超过|突破|超|逾|达到|达|近)([一二两三四五六七八九十百千万]*[十百千万][一二两三四五六七八九十百千]*)({units})(以上|左右|以内|以下)?|(?:不少于|不低于|至少)([一二两三四五六七八九])({units})"
    ))
    .expect("valid regex")
});

/// Characters after which a number is a house number (`安远路899号`).
const HOUSE: &str = "路街弄巷";

/// One figure found in a clause.
#[derive(Debug, Clone)]
pub struct Found {
    /// Number through unit (and `以上`/`左右`).
    pub start: usize,
    pub end: usize,
    /// The whole phrase, metric through unit.
    pub phrase: (usize, usize),
    pub metric: String,
    pub value: TargetValue,
    pub unit: String,
    pub comparator: Comparator,
    pub per_year: bool,
    pub kind: Kind,
}

/// Clause ranges of `chars`: cut at `,` `；` `;` `。` `:` outside quoted
/// names (see [`names`]) and at line breaks.
pub fn clauses(chars: &[char]) -> Vec<(usize, usize)> {
    let named = names(chars);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        let cut = match c {
            // A line break in a table cell always ends a clause.
            '\n' => true,
            ',' | '，' | '；' | ';' | '。' | ':' | '：' | '!' | '?' => {
                !named.get(i).copied().unwrap_or(false)
            }
            _ => false,
        };
        if cut {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if chars.len() > start {
        out.push((start, chars.len()));
    }
    out
}

/// Per character: inside a quoted name (`“十百千”工程`, `《…》`), the
/// marks included. A quotation that holds a clause break (`实现“引进人才
/// 达到2000名,人才贡献率达到40%”的目标`) states goals, not a name: its
/// figures are read and its clauses cut. A quote left open (a statement's,
/// cut into clauses) names nothing.
pub fn names(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    let mark = |out: &mut Vec<bool>, from: usize, to: usize| {
        let inside = chars.get(from + 1..to).unwrap_or(&[]);
        let statement = chars.get(from) != Some(&'《')
            && inside
                .iter()
                .any(|c| matches!(c, ',' | '，' | '；' | ';' | '。'));
        if !statement {
            for f in out.iter_mut().take(to + 1).skip(from) {
                *f = true;
            }
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' | '「' | '《' => open.push(i),
            '"' if open.last().is_some_and(|&s| chars.get(s) == Some(&'"')) => {
                if let Some(s) = open.pop() {
                    mark(&mut out, s, i);
                }
            }
            '"' => open.push(i),
            '”' | '」' | '》' => {
                if let Some(s) = open.pop() {
                    mark(&mut out, s, i);
                }
            }
            '\n' => open.clear(),
            _ => {}
        }
    }
    out
}

/// A raw match before metrics are worked out.
struct Hit {
    /// Where the comparator verb (if any) or the number starts.
    verb_start: usize,
    start: usize,
    end: usize,
    value: TargetValue,
    unit: String,
    comparator: Comparator,
}

/// Every figure in the clause, in order.
pub fn figures(clause: &[char]) -> Vec<Found> {
    let text: String = clause.iter().collect();
    let q = names(clause);
    let mut hits = arabic_hits(&text, clause, &q);
    hits.extend(chinese_hits(&text, &q));
    hits.sort_by_key(|h| h.start);
    let per_year_at = ["每年", "年均"]
        .iter()
        .filter_map(|w| text.find(w).map(|b| crate::text::char_offset(&text, b)))
        .min();
    let mut out: Vec<Found> = Vec::new();
    let mut consumed = 0;
    for (k, h) in hits.iter().enumerate() {
        if h.start < consumed {
            continue;
        }
        let next_start = hits.get(k + 1).map_or(clause.len(), |n| n.verb_start);
        let before: String = clause
            .get(consumed..h.verb_start)
            .unwrap_or(&[])
            .iter()
            .collect();
        let (metric, phrase, new_consumed) =
            metric_for(clause, &q, &before, consumed, h, next_start);
        consumed = new_consumed;
        let lead: String = clause.get(..h.start).unwrap_or(&[]).iter().collect();
        // A series (`30%、35%、40%`) or a count in two units (`11大类37
        // 项`): a figure with no words of its own right after the previous
        // one measures the same, bound the same way.
        let previous = out
            .last()
            .filter(|_| metric.is_empty() && matches!(before.trim(), "、" | ""));
        let (metric, comparator, phrase) = match previous {
            Some(p) if h.comparator == Comparator::Exactly => {
                (p.metric.clone(), p.comparator, (h.start, h.end))
            }
            Some(p) => (p.metric.clone(), h.comparator, (h.start, h.end)),
            None => (metric, h.comparator, phrase),
        };
        let kind = kind(&lead, &metric, &h.unit);
        out.push(Found {
            start: h.start,
            end: h.end,
            phrase,
            kind,
            metric,
            value: h.value.clone(),
            unit: h.unit.clone(),
            comparator,
            per_year: per_year_at.is_some_and(|p| p < h.start),
        });
    }
    out
}

fn arabic_hits(text: &str, clause: &[char], q: &[bool]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for c in ARABIC.captures_iter(text) {
        let (Some(all), Some(num)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let start = crate::text::char_offset(text, all.start());
        let end = crate::text::char_offset(text, all.end());
        let prev = start.checked_sub(1).and_then(|p| clause.get(p)).copied();
        let unit = c.get(3).map_or("", |m| m.as_str());
        let skip = q.get(start).copied().unwrap_or(false)
            || prev.is_some_and(|p| {
                p.is_ascii_alphanumeric() || matches!(p, '.' | '+' | '第') || HOUSE.contains(p)
            })
            || is_duration(unit, text.get(all.end()..).unwrap_or(""))
            || c.get(3)
                .is_some_and(|u| is_cut(unit, text.get(u.end()..).unwrap_or("")));
        if skip {
            continue;
        }
        let Ok(value) = num.as_str().parse::<f64>() else {
            continue;
        };
        let max = c.get(2).and_then(|m| m.as_str().parse::<f64>().ok());
        let written = match c.get(2) {
            Some(_) => text.get(num.start()..c.get(2).map_or(num.end(), |m| m.end())),
            None => Some(num.as_str()),
        }
        .unwrap_or("")
        .to_owned();
        let before = text.get(..all.start()).unwrap_or("");
        let (verb_len, before_cmp) = verb_before(before);
        if needs_bound(
            unit,
            value,
            verb_len > 0,
            text.get(all.end()..).unwrap_or(""),
        ) || is_cadence(unit, before)
        {
            continue;
        }
        let comparator = if max.is_some() {
            Comparator::Range
        } else {
            after_comparator(c.get(4).map(|m| m.as_str())).unwrap_or(before_cmp)
        };
        hits.push(Hit {
            verb_start: start - verb_len,
            start,
            end,
            value: TargetValue {
                written,
                value,
                max,
            },
            unit: unit.to_owned(),
            comparator,
        });
    }
    hits
}

fn chinese_hits(text: &str, q: &[bool]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for c in CHINESE.captures_iter(text) {
        // `超千家` (groups 1-3) or `不少于一场` (groups 4-5).
        let (Some(all), Some(num)) = (c.get(0), c.get(1).or_else(|| c.get(4))) else {
            continue;
        };
        let verb_start = crate::text::char_offset(text, all.start());
        let start = crate::text::char_offset(text, num.start());
        let end = crate::text::char_offset(text, all.end());
        let Some(value) = chinese_number(num.as_str()) else {
            continue;
        };
        if q.get(start).copied().unwrap_or(false) {
            continue;
        }
        let verb = text.get(all.start()..num.start()).unwrap_or("");
        let (verb_len, before_cmp) = verb_before(verb);
        let unit_match = c.get(2).or_else(|| c.get(5));
        let unit = unit_match.map_or("", |m| m.as_str());
        let after = text.get(all.end()..).unwrap_or("");
        let after_unit = unit_match.map_or("", |m| text.get(m.end()..).unwrap_or(""));
        // `万亿级`, `千亿级`: an order of magnitude named in words, no figure.
        let scale = split_unit(unit).1 == "级";
        let before = text.get(..all.start()).unwrap_or("");
        if scale
            || needs_bound(unit, value as f64, verb_len > 0, after)
            || is_cut(unit, after_unit)
            || is_cadence(unit, before)
        {
            continue;
        }
        hits.push(Hit {
            verb_start,
            start,
            end,
            value: TargetValue {
                written: num.as_str().to_owned(),
                value: value as f64,
                max: None,
            },
            unit: unit.to_owned(),
            comparator: after_comparator(c.get(3).map(|m| m.as_str())).unwrap_or(before_cmp),
        });
    }
    hits
}

fn after_comparator(suffix: Option<&str>) -> Option<Comparator> {
    match suffix? {
        "以上" => Some(Comparator::AtLeast),
        "左右" => Some(Comparator::About),
        "以内" | "以下" => Some(Comparator::AtMost),
        _ => None,
    }
}

/// The kind of quantity, from the clause before the figure (`lead`), the
/// metric and the unit: a yearly word first (`年均`, `每年`), then `累计`,
/// `新增`, then a ratio (`每万人`, `人均`, a metric opening `万人…`: per
/// 10,000 people) or a share (`%`, `比重`, `…率`),
/// else a level.
fn kind(lead: &str, metric: &str, unit: &str) -> Kind {
    let share_words = ["比重", "占比", "比例"];
    let ratio_words = ["每万人", "每千人", "每百人", "每十万人", "人均", "万人拥有"];
    if lead.contains("年均") {
        Kind::AveragePerYear
    } else if lead.contains("每年") {
        Kind::PerYear
    } else if lead.contains("累计") {
        Kind::Cumulative
    } else if lead.contains("新增") {
        Kind::Added
    } else if ratio_words.iter().any(|w| metric.contains(w))
        || ["万人", "千人", "百人"]
            .iter()
            .any(|w| metric.starts_with(w))
    {
        Kind::Ratio
    } else if unit == "%"
        || unit.ends_with("百分点")
        || share_words.iter().any(|w| metric.contains(w))
        || metric.ends_with('率')
    {
        Kind::Share
    } else {
        Kind::Level
    }
}

/// The comparator verb ending `before` (its length in characters and its
/// meaning); `不超过` and the like are not `more_than`.
fn verb_before(before: &str) -> (usize, Comparator) {
    const VERBS: &[(&str, Comparator)] = &[
        ("不少于", Comparator::AtLeast),
        ("不低于", Comparator::AtLeast),
        ("不超过", Comparator::AtMost),
        ("不高于", Comparator::AtMost),
        ("不大于", Comparator::AtMost),
        ("控制在", Comparator::AtMost),
        ("达到", Comparator::Reach),
        ("超过", Comparator::MoreThan),
        ("突破", Comparator::MoreThan),
        ("大于", Comparator::MoreThan),
        ("达", Comparator::Reach),
        ("超", Comparator::MoreThan),
        ("逾", Comparator::MoreThan),
        ("约", Comparator::About),
    ];
    let before = before.trim_end();
    for (v, cmp) in VERBS {
        if before.ends_with(v) {
            if before.ends_with(&format!("不{v}")) {
                return (v.chars().count() + 1, Comparator::Exactly);
            }
            return (v.chars().count(), *cmp);
        }
    }
    (0, Comparator::Exactly)
}

fn strip_leading<'a>(mut s: &'a str, words: &[&str]) -> &'a str {
    loop {
        let t = s.trim_start();
        match words.iter().find(|w| t.starts_with(**w)) {
            Some(w) => s = t.get(w.len()..).unwrap_or(""),
            None => return t,
        }
    }
}

fn strip_trailing<'a>(mut s: &'a str, words: &[&str]) -> &'a str {
    loop {
        let t = s.trim_end();
        match words.iter().find(|w| t.ends_with(**w)) {
            Some(w) => s = t.get(..t.len() - w.len()).unwrap_or(""),
            None => return t,
        }
    }
}

/// The metric of hit `h`, the phrase span and where the next figure's
/// `before` text starts.
fn metric_for(
    clause: &[char],
    q: &[bool],
    before: &str,
    consumed: usize,
    h: &Hit,
    next_start: usize,
) -> (String, (usize, usize), usize) {
    let lead = strip_leading(before, LEADING_NOISE);
    let lead = strip_trailing(lead, &["每年", "年均", "、", "分别"]);
    let verb_first =
        lead.is_empty() || LEADING_VERBS.iter().any(|v| lead.ends_with(v)) || having(lead);
    if verb_first {
        // The metric follows: up to the next figure or a top-level `、`.
        let mut stop = h.end;
        while stop < next_start {
            if clause.get(stop) == Some(&'、') && !q.get(stop).copied().unwrap_or(false) {
                break;
            }
            stop += 1;
        }
        let after: String = clause.get(h.end..stop).unwrap_or(&[]).iter().collect();
        let metric = strip_trailing(&after, &["、", "和", "及", "与", "以及", "等"]).to_owned();
        if !metric.is_empty() {
            let metric_end = h.end + metric.chars().count();
            return (metric, (h.start, metric_end), stop);
        }
    }
    let metric = strip_leading(lead, LEADING_VERBS).to_owned();
    let metric = strip_leading(&metric, LEADING_NOISE).to_owned();
    let metric_start = before
        .rfind(metric.as_str())
        .and_then(|b| before.get(..b))
        .map_or(h.start, |p| consumed + p.chars().count());
    let phrase_start = if metric.is_empty() {
        h.start
    } else {
        metric_start.max(consumed)
    };
    (metric, (phrase_start, h.end), h.end)
}
