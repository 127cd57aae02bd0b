//! Which stated years can date a figure: the years of its own text, except
//! that a sentence stating its own time frame (`每年提升1~3个百分点`,
//! `利用3-5年时间,力争培训约1000名`) is not dated by a year of an earlier
//! sentence (`到2023年,…达80%以上。`); and the year of a plan named in the
//! text (`2023年培训计划,培养不少于3500名`), which dates what follows it.

use regex::Regex;
use std::sync::LazyLock;

/// A time frame a sentence states for itself: every year, a yearly
/// average, a span of years to work in.
static OWN_FRAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"每年|年均|\d+(?:\s*[-~～至]\s*\d+)?\s*年(?:时间|内|左右时间)")
        .expect("valid regex")
});

/// The year of a yearly plan named in the text: `2023年培训计划`,
/// `2024年度工作计划` (a few characters of what it plans between year and
/// `计划`; a span `2021-2023年` is a period, not one year's plan).
static PLAN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d\-~～—至])(\d{4})年度?\p{Han}{0,6}?计划").expect("valid regex")
});

/// Adds to `stated` (character offset, year; sorted) the years of yearly
/// plans named in `text` that it does not hold yet.
pub fn add_plan_years(text: &str, stated: &mut Vec<(usize, u16)>) {
    for c in PLAN_YEAR.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        let Ok(year) = m.as_str().parse::<u16>() else {
            continue;
        };
        let at = crate::text::char_offset(text, m.start());
        if !stated.iter().any(|(a, _)| *a == at) {
            stated.push((at, year));
        }
    }
    stated.sort_unstable();
}

/// The deadlines (character offset, year) that can date a figure of the
/// clause starting at `start` in `chars`: `year` (a row's time column, a
/// lead-in's year) from the start, then the `stated` years of the text —
/// only those of the clause's own sentence when it states its own frame.
pub fn deadlines_for(
    chars: &[char],
    start: usize,
    year: Option<u16>,
    stated: &[(usize, u16)],
) -> Vec<(usize, u16)> {
    let from = chars
        .get(..start)
        .and_then(|c| c.iter().rposition(|&c| c == '。'))
        .map_or(0, |p| p + 1);
    let to = chars
        .get(start..)
        .and_then(|c| c.iter().position(|&c| c == '。'))
        .map_or(chars.len(), |p| start + p);
    let sentence: String = chars.get(from..to).unwrap_or(&[]).iter().collect();
    let scope = if OWN_FRAME.is_match(&sentence) {
        from
    } else {
        0
    };
    year.map(|y| (0, y))
        .into_iter()
        .chain(stated.iter().copied().filter(|(at, _)| *at >= scope))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::Target;

    fn targets(text: &str) -> Vec<Target> {
        crate::parse::tests::parse(text).expect("a plan").targets
    }

    fn dated(ts: &[Target]) -> Vec<(String, Option<u16>)> {
        ts.iter()
            .map(|t| (format!("{}{}", t.value.written, t.unit), t.deadline))
            .collect()
    }

    /// A goals paragraph (two years: no horizon for the plan): the year
    /// opening it dates its later sentences,
    /// but not one that states its own frame (`每年`, `利用3-5年时间`).
    #[test]
    fn a_sentence_with_its_own_time_frame_keeps_no_earlier_year() {
        let ts = targets(
            "方案\n一、总体目标\n到2023年,重点人群签约服务覆盖率达80%以上。重点人群续约率达到85%。\
             全人群签约服务覆盖率每年提升2个百分点。利用3-5年时间,力争培训家庭医生1000名。到2035年,签约服务覆盖率达到95%。\n\
             二、任务\n(一)行动。推进。\n",
        );
        let d = dated(&ts);
        assert!(d.contains(&("80%".to_owned(), Some(2023))), "{d:?}");
        assert!(d.contains(&("85%".to_owned(), Some(2023))), "{d:?}");
        assert!(d.contains(&("2个百分点".to_owned(), None)), "{d:?}");
        assert!(d.contains(&("1000名".to_owned(), None)), "{d:?}");
    }

    /// `2023年培训计划,培养不少于3500名`: the plan's year dates the figure;
    /// a span of years before `行动计划` is a period and dates nothing.
    #[test]
    fn the_year_of_a_named_plan_dates_what_follows() {
        let ts = targets(
            "方案\n一、任务\n(一)加强培训。落实2021-2023年行动计划,培训不少于200名师资。\
             落实2023年培训计划,培养不少于3500名基层医生。到2035年,签约服务覆盖率达到95%。\n",
        );
        let d = dated(&ts);
        assert!(d.contains(&("3500名".to_owned(), Some(2023))), "{d:?}");
        assert!(!d.contains(&("200名".to_owned(), Some(2023))), "{d:?}");
    }
}
