//! Quantitative targets: every measurable commitment in the paragraphs and
//! table rows (`研发投入占生产总值的比重达到2.8%以上`, `超千家`, `1~2个`).
//!
//! Takes the assembled policy, gives [`Target`]s in order of first mention,
//! each named by [`name_targets`] after where and what it is, never by its
//! place in that order.
//! Each text is cut into clauses (at `,` `；` `。` `:` outside `“…”`), figures
//! are found in each clause by [`figure`]; figures that grant support
//! ([`incentive`]) or count the names listed before them ([`enumeration`])
//! are not commitments. Mentions of the same commitment (same unit and
//! per-year flag, similar metric, not stated for another year, the same
//! figure unless in the same words) are merged into one target. Mention offsets are character offsets into the item's
//! text.
//!
//! A target's deadline is `stated` when a year governs its sentence: the
//! last year stated before the figure (`到2025年`, `至2025年底`, `2026年底前`,
//! `2024年推进`, `“十四五”期间`, a year opening a clause), the year of a
//! lead-in paragraph ending in `:` under the same heading (`主要目标:到2020年,
//! ……:` over the list that follows), in a series saying `分别` the year of
//! the same rank, its table row's time column, or the year cell opening its
//! row in a table flattened into the text, or the year its table's title
//! states (`2019年…目标任务分解表`); else it is the plan's last year
//! (`plan_end`): its period's last year, the one year a one-year plan's
//! title names (`数字山东2021行动方案`), or, for a plan that states neither,
//! the one year its opening sets its goals for (`主要目标:到2020年,…`; see
//! [`horizon`]).
//! A year that starts something (`2020年起`) is no deadline.
//!
//! Figures whose sentence shows they are not a goal ([`context`]: a
//! baseline or the level raised from, a basis of calculation or planning
//! norm, equipment per item, a size class of what is counted, a size or
//! breakdown in brackets, a condition for support) are left out, and so is
//! a paragraph that is only a bare figure outside a table flattened into
//! the text (a sentence broken over lines: what it measures is elsewhere).

mod allocation;
mod context;
mod enumeration;
mod figure;
mod frame;
mod incentive;

use crate::model::{
    fingerprint, BreakdownRow, DeadlineSource, ItemId, Kind, Mention, Policy, Target,
};
use crate::text::units::{scale, split_unit};
use crate::text::{chinese_number, without_punct};
use figure::{clauses, figures, Found};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A year stated as a deadline: `到2025年`, `至2025年底`, `2026年底前`,
/// `2013年3月前`, a
/// year that opens what is to be done (`2024年推进`, `2020年初步建成`), or a
/// five-year plan period (`“十四五”期间` → its last year, 2025).
static YEAR_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})\s*年$").expect("valid regex"));
static ROW_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年").expect("valid regex"));
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:到|至|截至|截止)(\d{4})年|(\d{4})年(?:\d{1,2}月)?(?:底|末)?前|(\d{4})年(?:底|末)?[,，]?(?:再|要|将|力争|计划)?(?:初步|基本|全面)?(?:推进|完成|实现|建成|达到|创建|新增|新建|累计)|十([一二三四五])五”?(?:期间|时期|末)",
    )
    .expect("valid regex")
});
/// A year opening a clause (`,2020年集聚效应初步显现`) or following another
/// in a list (`到2018年、2019年`); a year followed by `月` or a digit is a
/// date, `~` a period and `起` a start (`2020年起不再招聘`), so none counts.
static CLAUSE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:到|^|[,，;；。:：、])(\d{4})年").expect("valid regex"));

/// A mention with what merging needs.
struct Draft {
    mention: Mention,
    /// Stated in a table row that names its implementing units (an area
    /// of a breakdown by 街镇): that unit's share, never merged with
    /// another item's figure.
    own: bool,
    unit: String,
    deadline: Option<u16>,
    deadline_source: Option<DeadlineSource>,
    per_year: bool,
    kind: Kind,
}

pub fn find_targets(policy: &Policy) -> Vec<Target> {
    let plan_end = policy
        .plan
        .period
        .map(|p| p.end)
        .or_else(|| super::plan::plan_year_in(&policy.plan.title))
        .or_else(|| horizon(policy));
    let mut year_row = None;
    let texts = policy
        .paragraphs()
        .map(|p| {
            let year = cell_year(&p.text, &mut year_row);
            (&p.id, p.text.as_str(), p.line, year, year.is_none())
        })
        .chain(
            policy
                .rows()
                .iter()
                .filter(|r| !is_indicator(policy, r))
                .map(|r| {
                    let year = row_year(r).or_else(|| title_year(policy, r.table));
                    (&r.id, r.content.as_str(), r.line, year, false)
                }),
        );
    let own: HashSet<&ItemId> = policy
        .rows()
        .iter()
        .filter(|r| !r.implementers.is_empty())
        .map(|r| &r.id)
        .collect();
    let mut drafts = Vec::new();
    // A lead-in such as `主要目标:到2020年,……:` states the year of the list
    // that follows it under the same heading.
    let mut lead_in: Option<(&str, u16)> = None;
    for (id, text, line, year, prose) in texts {
        let carried = lead_in
            .filter(|(parent, _)| *parent == id.parent())
            .map(|(_, y)| y);
        let mut found = mentions_with(id, text, line, year.or(carried), plan_end);
        if prose && found.len() == 1 && is_bare(text, &found[0]) {
            found.clear();
        }
        drafts.extend(found.into_iter().map(|d| Draft {
            own: own.contains(id),
            ..d
        }));
        if text.trim_end().ends_with([':', '：']) {
            lead_in = stated_years(text).last().map(|(_, y)| (id.parent(), *y));
        } else if carried.is_none() {
            lead_in = None;
        }
    }
    year_table_figures(policy, plan_end, &mut drafts);
    cell_figures(policy, plan_end, &mut drafts);
    let mut targets = merge(drafts);
    name_targets(&mut targets);
    targets
}

/// The figures of a year table flattened into the text, as
/// [`super::table::inline`] reads it: a row already achieved states no
/// target; a bare figure that is a year's own (`40.39` under
/// `达标区域面积（平方公里）`) is a target of that year in the header's unit.
fn year_table_figures(policy: &Policy, plan_end: Option<u16>, drafts: &mut Vec<Draft>) {
    use super::table::inline::{year_cells, YearCell};
    let paragraphs: Vec<_> = policy.paragraphs().collect();
    let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
    let cells = year_cells(&texts);
    let achieved: HashSet<&ItemId> = paragraphs
        .iter()
        .zip(&cells)
        .filter(|(_, c)| **c == Some(YearCell::Achieved))
        .map(|(p, _)| &p.id)
        .collect();
    drafts.retain(|d| !achieved.contains(&d.mention.item));
    for (p, cell) in paragraphs.iter().zip(cells) {
        let Some(YearCell::Total { year, unit, metric }) = cell else {
            continue;
        };
        // The figure with its unit, as the header states it; the mention
        // marks the figure as written in the cell.
        let len = p.text.chars().count();
        let with_unit = format!("{}{unit}", p.text);
        for mut d in mentions_with(&p.id, &with_unit, p.line, Some(year), plan_end) {
            d.mention.start = d.mention.start.min(len);
            d.mention.end = d.mention.end.min(len);
            d.mention.text = p.text.clone();
            d.mention.metric = metric.clone();
            drafts.push(d);
        }
    }
}

/// The figures in a row's cells of a year column (`2022年计划`: `完成5家`,
/// that year's target, deadline stated by the header), of a column whose
/// header states a unit (`服务点累计（个）`: a bare `51` is 51 个, deadline
/// as for the row's content), or of an indicator table's criterion column
/// (`评价标准`: `2023年达到80%`, what the row's indicator must reach, the
/// indicator's name its metric). Other text columns (`任务名称`,
/// `时间节点`, an indicator's definition or data source) are not searched.
/// Each figure is the row's own commitment (never merged with another
/// row's), its mention naming the cell's column.
fn cell_figures(policy: &Policy, plan_end: Option<u16>, drafts: &mut Vec<Draft>) {
    use super::table::IndicatorColumn;
    use super::table::{column_unit, column_year, indicator_column, indicator_name};
    for r in policy.rows() {
        let row_deadline = row_year(r).or_else(|| title_year(policy, r.table));
        let indicator = is_indicator(policy, r);
        for (column, cell) in &r.extra {
            let criterion =
                indicator && indicator_column(column) == Some(IndicatorColumn::Criterion);
            let year = column_year(column);
            let measure = column_unit(column).filter(|_| !indicator);
            if indicator != criterion || (year.is_none() && measure.is_none() && !criterion) {
                continue;
            }
            let deadline = year.or(row_deadline);
            let len = cell.chars().count();
            // A bare figure takes the header's unit; a cell writing its own
            // (`100%全覆盖`) keeps it.
            let bare = cell.trim().parse::<f64>().is_ok();
            let text = match (&measure, bare) {
                (Some((unit, _)), true) => format!("{}{unit}", cell.trim()),
                _ => cell.clone(),
            };
            for mut d in mentions_with(&r.id, &text, r.line, deadline, plan_end) {
                d.mention.start = d.mention.start.min(len);
                d.mention.end = d.mention.end.min(len);
                if bare {
                    d.mention.text = cell.trim().to_owned();
                }
                if criterion {
                    d.mention.metric = indicator_name(&r.content).to_owned();
                } else if d.mention.metric.trim().is_empty() {
                    d.mention.metric = match &measure {
                        Some((_, metric)) => metric.clone(),
                        None => r.content.lines().next().unwrap_or_default().to_owned(),
                    };
                }
                d.mention.cell = Some(column.clone());
                d.own = true;
                drafts.push(d);
            }
        }
    }
}

/// `{anchor}-target-{hash}`: the anchor is the item that states the target
/// first (the paragraph's parent — `task-12`, `chapter-2`, `preamble` — or
/// the table row), the hash the first 6 hex digits of the fingerprint of
/// what it measures (metric without punctuation, unit, per-year flag).
/// Targets stated elsewhere, or measuring something else, never change it;
/// the rare second target of the same anchor and measure takes `-2`.
fn name_targets(targets: &mut [Target]) {
    let mut used = HashSet::new();
    for t in targets.iter_mut() {
        let anchor = t.mentions.first().map_or("plan", |m| m.item.parent());
        let measure = format!(
            "{}|{}|{}",
            without_punct(&t.metric),
            t.unit,
            if t.per_year { "per-year" } else { "level" }
        );
        let hash = fingerprint(&measure);
        let base = format!("{anchor}-target-{}", hash.get(..6).unwrap_or(&hash));
        let mut id = base.clone();
        let mut n = 1;
        while !used.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        t.id = ItemId(id);
    }
}

/// The year a plan with no period sets its goals for: the one year its
/// opening (preamble and first chapter, where 总体目标 / 具体指标 stand)
/// states as `到2020年`; none when it states several (`到2025年…到2030年`)
/// or none.
fn horizon(policy: &Policy) -> Option<u16> {
    let first = policy.plan.chapters.first();
    let sections = first.into_iter().flat_map(|c| c.sections.iter());
    let opening = policy
        .plan
        .preamble
        .iter()
        .chain(first.into_iter().flat_map(|c| c.paragraphs.iter()))
        .chain(sections.flat_map(crate::model::Section::paragraphs_in_order));
    let mut years = opening.flat_map(|p| {
        DEADLINE
            .captures_iter(&p.text)
            .filter_map(|c| c.get(1)?.as_str().parse::<u16>().ok())
            .collect::<Vec<_>>()
    });
    let year = years.next()?;
    years.all(|y| y == year).then_some(year)
}

/// A paragraph that is only its one figure (`80%`): outside a table
/// flattened into the text it is a sentence broken over lines, and what
/// the figure measures is not in it.
fn is_bare(text: &str, d: &Draft) -> bool {
    d.mention.metric.trim().is_empty() && without_punct(text) == without_punct(&d.mention.text)
}

/// A table flattened into the text, one cell per paragraph (`表1`): a cell
/// that is only a year (`2024年`) opens a row, and the short cells after it
/// (`40%`) are that year's; a sentence ends the table. `row` carries the
/// open row's year from paragraph to paragraph.
fn cell_year(text: &str, row: &mut Option<u16>) -> Option<u16> {
    let t = text.trim();
    let cell = t.chars().count() <= 24 && !t.contains(['。', ',', '，', '；', ';']);
    if !cell {
        *row = None;
        return None;
    }
    if let Some(c) = YEAR_CELL.captures(t) {
        *row = c.get(1).and_then(|y| y.as_str().parse().ok());
        return None;
    }
    if t.contains('年') && t.starts_with(|c: char| c.is_ascii_digit()) {
        *row = None; // a span of years (`2020年-2023年`): already achieved
        return None;
    }
    *row
}

/// The year of a row's time column (`时间节点`, `完成时限`: `2019年6月`),
/// the deadline of the row's figures unless its text states another.
fn row_year(row: &BreakdownRow) -> Option<u16> {
    row.extra
        .iter()
        .filter(|(column, _)| {
            ["时间", "时限", "节点", "期限"]
                .iter()
                .any(|k| column.contains(k))
        })
        .find_map(|(_, cell)| {
            let c = ROW_YEAR.captures(cell)?;
            c.get(1)?.as_str().parse().ok()
        })
}

/// The year a table's title states (`2019年街镇…目标任务分解表`; the
/// last of a span, `2021-2025年`): the deadline of its rows' figures when
/// neither the row nor its text states one. An edition's year
/// (`指标体系（2023年版）`) says when the table was issued, not when its
/// figures are due: no deadline.
fn title_year(policy: &Policy, table: usize) -> Option<u16> {
    let title = policy.breakdown.as_ref()?.table_title(table)?;
    let c = ROW_YEAR
        .captures_iter(title)
        .filter(|c| {
            c.get(0)
                .and_then(|m| title.get(m.end()..))
                .is_some_and(|rest| !rest.starts_with('版'))
        })
        .last()?;
    c.get(1)?.as_str().parse().ok()
}

/// Whether row `r` stands in an indicator table, whose figures are read
/// only from its criterion cells ([`cell_figures`]).
fn is_indicator(policy: &Policy, r: &BreakdownRow) -> bool {
    policy
        .breakdown
        .as_ref()
        .is_some_and(|b| b.is_indicator_row(r))
}

#[cfg(test)]
fn mentions_in(id: &ItemId, text: &str, line: usize, plan_end: Option<u16>) -> Vec<Draft> {
    mentions_with(id, text, line, None, plan_end)
}

/// The years stated in `text` with the character offsets of their digits:
/// [`DEADLINE`]'s forms and [`CLAUSE_YEAR`]'s, each once, in order.
fn stated_years(text: &str) -> Vec<(usize, u16)> {
    let deadline = DEADLINE.captures_iter(text).filter_map(|c| {
        let (at, year) = match c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)) {
            Some(y) => (y.start(), y.as_str().parse().ok()?),
            // The n-th five-year plan since 2006 ends in 2005 + 5n.
            None => (
                c.get(0)?.start(),
                2005 + 5 * u16::try_from(chinese_number(c.get(4)?.as_str())?).ok()?,
            ),
        };
        Some((crate::text::char_offset(text, at), year))
    });
    let clause = CLAUSE_YEAR.captures_iter(text).filter_map(|c| {
        let m = c.get(1)?;
        let after = text.get(c.get(0)?.end()..)?.chars().next();
        if after.is_some_and(|a| {
            a == '月' || a == '起' || a.is_ascii_digit() || "~～-—至到".contains(a)
        }) {
            return None;
        }
        Some((
            crate::text::char_offset(text, m.start()),
            m.as_str().parse().ok()?,
        ))
    });
    let mut years: Vec<(usize, u16)> = deadline.chain(clause).collect();
    years.sort_unstable();
    years.dedup_by_key(|(at, _)| *at);
    years
}

/// The figures of one text; `year` is a deadline that holds from its start
/// (a row's time column).
fn mentions_with(
    id: &ItemId,
    text: &str,
    line: usize,
    year: Option<u16>,
    plan_end: Option<u16>,
) -> Vec<Draft> {
    let mut stated = stated_years(text);
    frame::add_plan_years(text, &mut stated);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (start, end) in clauses(&chars) {
        let deadlines = frame::deadlines_for(&chars, start, year, &stated);
        let clause = chars.get(start..end).unwrap_or(&[]);
        let all = figures(clause);
        let ends: Vec<usize> = all.iter().map(|f| start + f.end).collect();
        let found: Vec<Found> = all
            .into_iter()
            .filter(|f| {
                let place = context::Place {
                    chars: &chars,
                    from: start,
                    to: end,
                    start: start + f.start,
                    end: start + f.end,
                };
                !(incentive::is_support(&chars, start + f.start, start + f.end, &f.unit)
                    || allocation::is_share(&chars, start + f.end, &f.unit)
                    || enumeration::counts_its_list(&chars, start, start + f.start, f.value.value)
                    || context::is_not_goal(&place, &ends))
            })
            .collect();
        let series = respective_years(&chars, start, clause, &found, &deadlines);
        for (k, f) in found.into_iter().enumerate() {
            let mut d = draft(id, line, &chars, start, f, &deadlines, plan_end);
            if let Some(y) = series.as_ref().and_then(|s| s.get(k)) {
                d.deadline = Some(*y);
                d.deadline_source = Some(DeadlineSource::Stated);
            }
            out.push(d);
        }
    }
    out
}

/// `到2018年、2019年、2020年,覆盖率分别达到30%、35%、40%`: a list of years
/// paired in order with the figures of a clause saying `分别`, when they
/// are as many; else `None` and each figure takes the year before it.
fn respective_years(
    chars: &[char],
    clause_start: usize,
    clause: &[char],
    found: &[Found],
    deadlines: &[(usize, u16)],
) -> Option<Vec<u16>> {
    if found.len() < 2 || !clause.windows(2).any(|w| w == ['分', '别']) {
        return None;
    }
    let first = clause_start + found.first()?.start;
    let before: Vec<(usize, u16)> = deadlines
        .iter()
        .copied()
        .filter(|(at, _)| *at < first)
        .collect();
    let mut run = vec![*before.last()?];
    for pair in before.windows(2).rev() {
        // `2018年` is five characters; the next year follows a `、`.
        let between = chars.get(pair[0].0 + 5..pair[1].0);
        if between != Some(&['、'][..]) {
            break;
        }
        run.push(pair[0]);
    }
    run.reverse();
    (run.len() == found.len()).then(|| run.iter().map(|(_, y)| *y).collect())
}

fn draft(
    id: &ItemId,
    line: usize,
    chars: &[char],
    clause_start: usize,
    f: Found,
    deadlines: &[(usize, u16)],
    plan_end: Option<u16>,
) -> Draft {
    let start = clause_start + f.start;
    let end = clause_start + f.end;
    let phrase_start = clause_start + f.phrase.0;
    let phrase_end = clause_start + f.phrase.1;
    let stated = deadlines
        .iter()
        .rev()
        .find(|(at, _)| *at <= start)
        .map(|(_, y)| *y);
    let (deadline, deadline_source) = match (stated, plan_end) {
        (Some(y), _) => (Some(y), Some(DeadlineSource::Stated)),
        (None, Some(y)) => (Some(y), Some(DeadlineSource::PlanEnd)),
        (None, None) => (None, None),
    };
    Draft {
        own: false,
        mention: Mention {
            item: id.clone(),
            cell: None,
            start,
            end,
            text: chars
                .get(phrase_start..phrase_end)
                .unwrap_or(&[])
                .iter()
                .collect(),
            metric: f.metric,
            value: f.value,
            comparator: f.comparator,
            line,
        },
        unit: f.unit,
        deadline,
        deadline_source,
        per_year: f.per_year,
        kind: f.kind,
    }
}

/// Same commitment: one metric contains the other (and is not a mere
/// fragment of it), or their bigram Dice coefficient is at least 0.6.
pub fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (without_punct(a), without_punct(b));
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la == 0 || lb == 0 {
        return false;
    }
    let (short, long, ls, ll) = if la <= lb {
        (&a, &b, la, lb)
    } else {
        (&b, &a, lb, la)
    };
    if long.contains(short.as_str()) && (ls >= 4 || ls * 2 >= ll) {
        return true;
    }
    let grams = |s: &str| -> HashSet<(char, char)> {
        let v: Vec<char> = s.chars().collect();
        v.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (ga, gb) = (grams(&a), grams(&b));
    let total = ga.len() + gb.len();
    total > 0 && 2.0 * ga.intersection(&gb).count() as f64 / total as f64 >= 0.6
}

/// A mention stated for another year than the target (or for a year where
/// the target has none) is another commitment: `到2020年…70%` and
/// `到2025年…75%`; a goal with no year and a table row's `2019年`. A
/// mention with no year at all restates the target (a table row repeating
/// a goal of the plan without its year).
fn other_year(t: &Target, d: &Draft) -> bool {
    let stated = |s: Option<DeadlineSource>| s == Some(DeadlineSource::Stated);
    match (t.deadline, d.deadline) {
        (Some(a), Some(b)) => a != b && stated(t.deadline_source) && stated(d.deadline_source),
        (None, Some(_)) => stated(d.deadline_source),
        (Some(_), None) | (None, None) => false,
    }
}

/// Whether mention `d` may restate target `t`, which measures alike: with
/// the same figure, or in the same words (where another figure is the text
/// contradicting itself, which `check` reports). Two figures in different
/// words are two commitments even when one wording holds the other
/// (`选拔100名` and `选拔资助不少于200名`, `失业保险参保人数达到424万人` and
/// `工伤保险参保人数达到480万人`).
fn restates(t: &Target, d: &Draft) -> bool {
    let m = &d.mention;
    (t.value.value == m.value.value && t.value.max == m.value.max)
        || without_punct(&t.metric) == without_punct(&m.metric)
}

fn merge(drafts: Vec<Draft>) -> Vec<Target> {
    let mut targets: Vec<Target> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    let mut own: Vec<bool> = Vec::new();
    for d in drafts {
        let candidates = targets.iter().enumerate().filter(|(i, t)| {
            !d.own
                && own.get(*i) == Some(&false)
                && units.get(*i) == Some(&d.unit)
                && t.per_year == d.per_year
                && !t.mentions.iter().any(|m| m.item == d.mention.item)
                && !other_year(t, &d)
                && similar(&t.metric, &d.mention.metric)
                && restates(t, &d)
        });
        // Prefer a target with the same value when several match.
        let mut best: Option<usize> = None;
        for (i, t) in candidates {
            if best.is_none() || t.value.value == d.mention.value.value {
                best = Some(i);
                if t.value.value == d.mention.value.value {
                    break;
                }
            }
        }
        match best.and_then(|i| targets.get_mut(i)) {
            Some(t) => t.mentions.push(d.mention),
            None => {
                let (exp, base) = split_unit(&d.unit);
                let value = &d.mention.value;
                let scaled = |v: f64, written: &str| {
                    scale(written, exp).unwrap_or(v * 10f64.powi(exp as i32))
                };
                let (low, high) = match value
                    .written
                    .split_once(['~', '～', '-', '—', '–', '至', '到'])
                {
                    Some((low, high)) => (low.trim(), high.trim()),
                    None => (value.written.as_str(), ""),
                };
                targets.push(Target {
                    id: ItemId(String::new()), // named by `name_targets`
                    metric: d.mention.metric.clone(),
                    value: value.clone(),
                    unit: d.unit.clone(),
                    unit_base: base.to_owned(),
                    value_scaled: scaled(value.value, low),
                    max_scaled: value.max.map(|m| scaled(m, high)),
                    comparator: d.mention.comparator,
                    kind: d.kind,
                    deadline: d.deadline,
                    deadline_source: d.deadline_source,
                    per_year: d.per_year,
                    mentions: vec![d.mention],
                });
                units.push(d.unit);
                own.push(d.own);
            }
        }
    }
    targets
}

#[cfg(test)]
mod tests;
