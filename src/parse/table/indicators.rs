//! An indicator table (指标体系, 监测指标, 考核指标) flattened one cell per
//! line → a [`Breakdown`] of kind [`TableKind::Indicators`].
//!
//! The genre prints such a table with no `序号` column: a header of
//! indicator levels and what each is measured by (`一级指标` / `二级指标` /
//! `评价标准` / `指标含义` / `数据来源`, see [`IndicatorColumn`]), then the
//! rows. The last indicator column is the row's own and carries its number
//! (`1.重点人群签约服务覆盖率`); the columns before it group the rows, each
//! group cell printed once, before the first row it spans, with no number
//! (`签约数量指标`). A row opens at its numbered cell (1, or the number
//! after the last) and its cells after it fill the columns after the
//! indicator column in order. Cells printed between a full row and the
//! next numbered cell are the next rows' group cells (the innermost levels
//! when fewer than the group columns); any that cannot be a group cell (a
//! sentence) continues the row's last cell, and is said in a warning, as
//! is a row printing fewer cells than its columns.

use super::cells;
use super::header::{
    indicator_column, is_header_cell, is_indicator_header, is_number_column, role_of,
    IndicatorColumn,
};
use crate::model::{Breakdown, BreakdownRow, ItemId, ParseWarning, TableKind, WarningKind};
use crate::parse::lines::Line;
use regex::Regex;
use std::sync::LazyLock;

/// A cell opening an indicator's row: its number, then its name.
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\s*[.．、]\s*\S").expect("valid regex"));

/// `1.重点人群签约服务覆盖率` → 1.
fn numbered(text: &str) -> Option<u32> {
    NUMBERED.captures(text)?.get(1)?.as_str().parse().ok()
}

/// An indicator cell's name without its number: `1.重点人群签约服务覆盖率`
/// → `重点人群签约服务覆盖率`. The metric of the targets its row states.
pub fn indicator_name(cell: &str) -> &str {
    let t = cell.trim();
    match NUMBERED.find(t) {
        Some(_) => t
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start()
            .trim_start_matches(['.', '．', '、'])
            .trim_start(),
        None => t,
    }
}

/// How many columns before the indicator's own group its rows (`一级指标`
/// over `二级指标`: 1), for a table with header `columns`.
pub fn group_columns(columns: &[String]) -> usize {
    columns
        .iter()
        .rposition(|c| indicator_column(c) == Some(IndicatorColumn::Indicator))
        .unwrap_or(0)
}

/// A group cell: short, no sentence, no figure (`签约数量指标`).
fn is_group_cell(text: &str) -> bool {
    text.chars().count() <= 20
        && !text.contains(['。', '；', ';', '，', ',', '：', ':'])
        && !text.chars().any(|c| c.is_ascii_digit())
}

/// A row as read: its number, the line and text of its indicator cell,
/// its group cells (outermost first) and the cells after the indicator.
struct Draft {
    number: u32,
    line: usize,
    name: String,
    group: Vec<String>,
    cells: Vec<String>,
}

/// The indicator table in an annex's `lines`, with warnings for cells it
/// could not place; `None` when the annex holds none (no header naming an
/// indicator column and a criterion column, or a `序号` column: a task
/// table's reading).
pub fn read(lines: &[Line]) -> Option<(Breakdown, Vec<ParseWarning>)> {
    let first = lines.iter().position(|l| {
        indicator_column(l.text) == Some(IndicatorColumn::Indicator) && is_header_cell(l.text)
    })?;
    // Header cells before it (`类别` / `指标名称`), but not the annex's
    // title (`某市评价指标`), the line after `附件`.
    let mut h = first;
    while h > 1
        && lines.get(h - 1).is_some_and(|l| is_header_cell(l.text))
        && lines
            .get(h - 2)
            .is_some_and(|l| !l.text.starts_with("附件"))
    {
        h -= 1;
    }
    let cells = cells::flattened(lines.get(h..)?);
    let first_row = cells.iter().position(|c| numbered(&c.text) == Some(1))?;
    // The header ends where the first row's group cells begin: as many as
    // the columns before the indicator's.
    let width = (0..=first_row.min(4)).find_map(|g| {
        let names: Vec<&str> = cells
            .get(..first_row - g)?
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        let fits = names.iter().all(|n| is_header_cell(n))
            && !names.iter().any(|n| is_number_column(n))
            && is_indicator_header(&names)
            && names
                .iter()
                .rposition(|n| indicator_column(n) == Some(IndicatorColumn::Indicator))
                == Some(g);
        fits.then_some(first_row - g)
    })?;
    let columns: Vec<String> = cells.get(..width)?.iter().map(|c| c.text.clone()).collect();
    let groups = group_columns(&columns);
    let after = width - groups - 1;
    let warn = |line: usize, message: String| ParseWarning {
        line,
        kind: WarningKind::Structure,
        message,
    };
    let mut warnings = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut levels: Vec<String> = vec![String::new(); groups];
    let mut pending: Vec<(usize, String)> = Vec::new();
    for c in cells.get(width..)? {
        let expected = drafts.last().map_or(1, |d| d.number.saturating_add(1));
        let opens = numbered(&c.text).filter(|&n| {
            n == expected || (n == 1 && !pending.is_empty() && drafts.last().is_some())
        });
        if let Some(number) = opens {
            let p = std::mem::take(&mut pending);
            let k = p
                .iter()
                .rev()
                .take_while(|(_, t)| is_group_cell(t))
                .count()
                .min(groups);
            let (rest, group) = p.split_at(p.len() - k);
            if let Some((d, (no, _))) = drafts.last_mut().zip(rest.first()) {
                continue_last_cell(d, rest);
                warnings.push(warn(*no, over_full(d, &columns, groups, rest.len())));
            }
            for (level, (_, text)) in levels.iter_mut().skip(groups - k).zip(group) {
                *level = text.clone();
            }
            drafts.push(Draft {
                number,
                line: c.no,
                name: c.text.clone(),
                group: levels.iter().filter(|l| !l.is_empty()).cloned().collect(),
                cells: Vec::new(),
            });
            continue;
        }
        match drafts.last_mut() {
            Some(d) if d.cells.len() < after => d.cells.push(c.text.clone()),
            _ => pending.push((c.no, c.text.clone())),
        }
    }
    if let (Some(d), Some((no, text))) = (drafts.last(), pending.first()) {
        warnings.push(warn(
            *no,
            format!(
                "indicator table at line {}: {} line(s) from `{text}` after its last row \
                 ({} `{}`) fill no column: they are not on the site",
                cells.first().map_or(0, |c| c.no),
                pending.len(),
                d.number,
                d.name
            ),
        ));
    }
    for d in &drafts {
        if d.cells.len() < after {
            warnings.push(warn(
                d.line,
                format!(
                    "indicator table row {} (`{}`) prints {} cell(s) after its indicator \
                     for {} columns ({}): cells left empty are not printed, so its \
                     cells stand under the first of them",
                    d.number,
                    d.name,
                    d.cells.len(),
                    after,
                    columns.get(groups + 1..).unwrap_or(&[]).join(" / ")
                ),
            ));
        }
    }
    let rows = build(&columns, groups, drafts);
    let table = Breakdown {
        title: super::table_title(lines.get(..h).unwrap_or(&[])),
        columns,
        rows,
        line: lines.get(h)?.no,
        further: Vec::new(),
        kind: TableKind::Indicators,
    };
    Some((table, warnings))
}

/// The rows of an indicator table with header `columns`, whose first
/// `groups` columns group the rows: each row's text cells under the
/// columns after its indicator's, in order.
fn build(columns: &[String], groups: usize, drafts: Vec<Draft>) -> Vec<BreakdownRow> {
    let unique = drafts
        .iter()
        .enumerate()
        .all(|(k, d)| drafts.iter().skip(k + 1).all(|e| e.number != d.number));
    drafts
        .into_iter()
        .enumerate()
        .map(|(k, d)| BreakdownRow {
            id: ItemId(format!(
                "row-{}",
                if unique { d.number as usize } else { k + 1 }
            )),
            number: d.number,
            table: 0,
            group: (!d.group.is_empty()).then(|| d.group.join(" / ")),
            content: d.name,
            lead: Vec::new(),
            cooperating: Vec::new(),
            implementers: Vec::new(),
            extra: columns
                .iter()
                .skip(groups + 1)
                .cloned()
                .zip(d.cells)
                .filter(|(_, text)| !text.is_empty())
                .collect(),
            shared_units: false,
            roles_stated: false,
            unit_cells: Vec::new(),
            links: Vec::new(),
            line: d.line,
        })
        .collect()
}

/// A delimited table (a spreadsheet's rows, a Markdown or tab-separated
/// table) whose header, its `序号` column aside, is an indicator table's:
/// its rows by their number, each cell under its column, a group cell
/// left empty (a merged cell printed once) taking the one above.
pub fn from_delimited(
    names: &[String],
    number: usize,
    rows: impl Iterator<Item = (u32, usize, Vec<String>)>,
) -> Option<(Vec<String>, Vec<BreakdownRow>)> {
    let columns: Vec<String> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != number)
        .map(|(_, n)| n.clone())
        .collect();
    let refs: Vec<&str> = columns.iter().map(String::as_str).collect();
    if !is_indicator_header(&refs) {
        return None;
    }
    let groups = group_columns(&columns);
    let mut levels: Vec<String> = vec![String::new(); groups];
    let drafts = rows
        .map(|(n, line, cells)| {
            let mut cells: Vec<String> = cells
                .into_iter()
                .enumerate()
                .filter(|(i, _)| *i != number)
                .map(|(_, c)| c)
                .collect();
            for (level, cell) in levels.iter_mut().zip(&cells) {
                if !cell.is_empty() {
                    level.clone_from(cell);
                }
            }
            let rest = cells.split_off((groups + 1).min(cells.len()));
            Draft {
                number: n,
                line,
                name: cells.get(groups).cloned().unwrap_or_default(),
                group: levels.iter().filter(|l| !l.is_empty()).cloned().collect(),
                cells: rest,
            }
        })
        .collect();
    Some((columns.clone(), build(&columns, groups, drafts)))
}

/// An indicator table flattened one cell per line with a `序号` column
/// (`lines` from its `序号` header cell on): its header, the `序号` aside,
/// is an indicator table's, and each row opens at its number (1, then the
/// number after the last) printed as a cell of its own. A row prints its
/// group cells only on the first row of its group: a row printing fewer
/// cells than the columns left out its leading group cells, which take
/// the ones above (see [`from_delimited`]). `None` when a column names
/// units (`责任单位`: a task table with figures), or a row prints more
/// cells than there are columns, or fewer than its indicator and the
/// cells after it: a table this reading does not fit is left to the task
/// table's.
pub fn from_flattened(lines: &[Line]) -> Option<(Vec<String>, Vec<BreakdownRow>)> {
    let cells = cells::flattened(lines);
    cells.first().filter(|c| is_number_column(&c.text))?;
    let body_at = cells
        .iter()
        .position(|c| super::row_number(&c.text) == Some(1))?;
    let names: Vec<String> = cells
        .get(..body_at)?
        .iter()
        .map(|c| c.text.clone())
        .collect();
    if !names
        .iter()
        .skip(1)
        .all(|n| is_header_cell(n) && !role_of(n).is_unit())
    {
        return None;
    }
    let width = names.len() - 1;
    let groups = group_columns(names.get(1..)?);
    let after = width - groups - 1;
    let mut rows: Vec<(u32, usize, Vec<String>)> = Vec::new();
    for c in cells.get(body_at..)? {
        let expected = rows.last().map_or(1, |r| r.0.saturating_add(1));
        match rows.last_mut() {
            _ if super::row_number(&c.text) == Some(expected) => {
                rows.push((expected, c.no, Vec::new()));
            }
            Some((_, _, row)) => row.push(c.text.clone()),
            None => return None,
        }
    }
    let mut table = Vec::new();
    for (n, line, printed) in rows {
        if printed.len() > width || printed.len() < after + 1 {
            return None;
        }
        let mut row = vec![n.to_string()];
        row.extend(std::iter::repeat_n(String::new(), width - printed.len()));
        row.extend(printed);
        table.push((n, line, row));
    }
    from_delimited(&names, 0, table.into_iter())
}

/// Lines printed after a full row that are no group cell: its last cell
/// printed over more lines.
fn continue_last_cell(d: &mut Draft, rest: &[(usize, String)]) {
    if let Some(last) = d.cells.last_mut() {
        for (_, t) in rest {
            last.push('\n');
            last.push_str(t);
        }
    }
}

fn over_full(d: &Draft, columns: &[String], groups: usize, extra: usize) -> String {
    format!(
        "indicator table row {} (`{}`) prints {extra} line(s) more than its columns \
         ({}) and no group cell: read as its last cell continued over lines; if a cell \
         left empty was not printed, its cells may stand under the wrong columns",
        d.number,
        d.name,
        columns.get(groups + 1..).unwrap_or(&[]).join(" / ")
    )
}

#[cfg(test)]
mod tests {
    use crate::model::{BreakdownRow, Policy, TableKind, WarningKind};

    fn parse(text: &str) -> Policy {
        crate::parse::tests::parse(text).expect("a plan")
    }

    fn structure(p: &Policy) -> Vec<String> {
        p.warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Structure)
            .map(|w| format!("{}: {}", w.line, w.message))
            .collect()
    }

    /// (row, metric, figure as written, unit, deadline, column) of every
    /// target stated in a row.
    /// Each row's number, group, first cell and count of further cells.
    fn row_summaries<'a>(
        rows: impl Iterator<Item = &'a BreakdownRow>,
    ) -> Vec<(u32, Option<&'a str>, &'a str, usize)> {
        rows.map(|r| {
            (
                r.number,
                r.group.as_deref(),
                r.content.as_str(),
                r.extra.len(),
            )
        })
        .collect()
    }

    fn row_targets(p: &Policy) -> Vec<(String, String, String, String, Option<u16>, String)> {
        p.targets
            .iter()
            .flat_map(|t| {
                t.mentions
                    .iter()
                    .filter(|m| m.item.as_str().contains("row"))
                    .map(|m| {
                        (
                            m.item.to_string(),
                            t.metric.clone(),
                            t.value.written.clone(),
                            t.unit.clone(),
                            t.deadline,
                            m.cell.clone().unwrap_or_default(),
                        )
                    })
            })
            .collect()
    }

    /// An indicator table before the task table, one cell a line: group
    /// cells printed once before their rows, numbered indicator cells,
    /// then criterion, definition and data source.
    const TABLES: &str = "某市服务实施方案\n一、任务\n(一)扩大服务。推进签约。\n\
        附件1\n某市服务质量监测指标体系\n一级指标\n二级指标\n评价标准\n指标含义\n数据来源\n\
        数量指标\n1.重点人群覆盖率\n较上一年增加。2023年达到80%,力争2035年达到95%。\n\
        覆盖率=签约人数/重点人群数*100%。预留30%号源。\n统计年报。\n\
        2.签约服务覆盖率\n每年增加1-3个百分点。\n覆盖率=签约人数/常住人口数*100%。\n统计年报。\n\
        服务效果\n3.续约率\n定性指标,查看落实情况。\n每个机构抽查10份。\n抽查。\n\
        附件2\n任务分工表\n序号\n工作任务\n牵头单位\n1\n推进签约。\n市卫生健康委\n";

    #[test]
    fn an_indicator_table_is_read_row_by_row_under_its_groups() {
        let p = parse(TABLES);
        assert_eq!(structure(&p), Vec::<String>::new());
        let b = p.breakdown.as_ref().expect("tables");
        // The task table stays the first: its rows keep `row-N`.
        assert_eq!(b.kind, TableKind::Tasks);
        assert_eq!(b.title, "任务分工表");
        assert_eq!(b.further.len(), 1);
        let t = &b.further[0];
        assert_eq!(t.kind, TableKind::Indicators);
        assert_eq!(t.id.as_str(), "annex-1");
        assert_eq!(t.title, "某市服务质量监测指标体系");
        assert_eq!(
            t.columns,
            ["一级指标", "二级指标", "评价标准", "指标含义", "数据来源"]
        );
        let ids: Vec<&str> = p.rows().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            ["row-1", "annex-1-row-1", "annex-1-row-2", "annex-1-row-3"]
        );
        let rows = row_summaries(p.rows().iter().filter(|r| r.table == 1));
        assert_eq!(
            rows,
            [
                (1, Some("数量指标"), "1.重点人群覆盖率", 3),
                (2, Some("数量指标"), "2.签约服务覆盖率", 3),
                (3, Some("服务效果"), "3.续约率", 3)
            ]
        );
        let r3 = &p.rows()[3];
        assert_eq!(
            r3.extra,
            [
                ("评价标准".to_owned(), "定性指标,查看落实情况。".to_owned()),
                ("指标含义".to_owned(), "每个机构抽查10份。".to_owned()),
                ("数据来源".to_owned(), "抽查。".to_owned())
            ]
        );
        // An indicator restates no task.
        assert!(p.rows()[1..].iter().all(|r| r.links.is_empty()));
    }

    /// An indicator table with a `序号` column, one cell a line: each row
    /// opens at its number printed alone, its group cell printed on the
    /// group's first row only. Read as an indicator table (not a task
    /// table), its targets from the criterion cells. The same header with
    /// a unit column (`责任单位`) stays a task table.
    #[test]
    fn an_indicator_table_with_a_number_column() {
        let text = "某市服务实施方案\n一、任务\n(一)扩大服务。推进签约。\n\
            附件1\n任务分工表\n序号\n工作任务\n牵头单位\n1\n推进签约。\n市卫生健康委\n\
            附件2\n某市服务质量监测指标\n序号\n一级指标\n二级指标\n评价标准\n数据来源\n\
            1\n数量指标\n重点人群覆盖率\n2023年达到80%。\n统计年报。\n\
            2\n签约服务覆盖率\n每年增加1-3个百分点。\n统计年报。\n\
            3\n服务效果\n续约率\n较上一年增加。\n抽查。\n";
        let p = parse(text);
        assert_eq!(structure(&p), Vec::<String>::new());
        let b = p.breakdown.as_ref().expect("tables");
        assert_eq!(b.kind, TableKind::Tasks);
        let t = &b.further[0];
        assert_eq!(t.kind, TableKind::Indicators);
        assert_eq!(t.columns, ["一级指标", "二级指标", "评价标准", "数据来源"]);
        assert_eq!(
            row_summaries(p.rows().iter().filter(|r| r.table == 1)),
            [
                (1, Some("数量指标"), "重点人群覆盖率", 2),
                (2, Some("数量指标"), "签约服务覆盖率", 2),
                (3, Some("服务效果"), "续约率", 2)
            ]
        );
        let targets: Vec<(String, String, Option<u16>)> = row_targets(&p)
            .into_iter()
            .map(|(row, _, written, _, deadline, _)| (row, written, deadline))
            .collect();
        assert_eq!(
            targets,
            [
                ("annex-2-row-1".to_owned(), "80".to_owned(), Some(2023)),
                ("annex-2-row-2".to_owned(), "1-3".to_owned(), None)
            ]
        );
        // A unit column: a task table with figures, read as before.
        let tasks = text.replace("数据来源\n", "责任单位\n");
        let p = parse(&tasks);
        let b = p.breakdown.as_ref().expect("tables");
        assert!(b.further.iter().all(|t| t.kind == TableKind::Tasks));
    }

    /// Targets come from the criterion cells only, each named by its
    /// indicator without its number, with the year its cell states: never
    /// from the definition's formula or its figures, nor from the name.
    #[test]
    fn only_criterion_cells_state_targets() {
        let p = parse(TABLES);
        let s = |x: &str| x.to_owned();
        assert_eq!(
            row_targets(&p),
            [
                (
                    s("annex-1-row-1"),
                    s("重点人群覆盖率"),
                    s("80"),
                    s("%"),
                    Some(2023),
                    s("评价标准")
                ),
                (
                    s("annex-1-row-1"),
                    s("重点人群覆盖率"),
                    s("95"),
                    s("%"),
                    Some(2035),
                    s("评价标准")
                ),
                (
                    s("annex-1-row-2"),
                    s("签约服务覆盖率"),
                    s("1-3"),
                    s("个百分点"),
                    None,
                    s("评价标准")
                ),
            ]
        );
        // The mention marks the figure within its cell.
        let m = &p
            .targets
            .iter()
            .find(|t| t.value.written == "95")
            .expect("95%")
            .mentions[0];
        let cell = &p.rows()[1].extra[0].1;
        let marked: String = cell.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(marked, "95%");
    }

    /// A criterion with no year of its own under a title naming the
    /// table's edition (`（2023年版）`): no deadline, the edition is when
    /// the table was issued.
    #[test]
    fn an_editions_year_is_no_deadline() {
        let p = parse(
            "某市服务实施方案\n一、任务\n(一)扩大服务。推进签约。\n附件\n某市考核指标体系(2023年版)\n\
             一级指标\n二级指标\n考核标准\n服务效果\n1.高血压患者血压控制率\n≥50%\n\
             2.签约机构数量\n到2025年达到50家以上。\n",
        );
        assert_eq!(structure(&p), Vec::<String>::new());
        let b = p.breakdown.as_ref().expect("a table");
        assert_eq!(b.kind, TableKind::Indicators);
        let found: Vec<_> = row_targets(&p)
            .into_iter()
            .map(|(row, metric, value, _, deadline, _)| (row, metric, value, deadline))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "row-1".to_owned(),
                    "高血压患者血压控制率".to_owned(),
                    "50".to_owned(),
                    None
                ),
                (
                    "row-2".to_owned(),
                    "签约机构数量".to_owned(),
                    "50".to_owned(),
                    Some(2025)
                )
            ]
        );
    }

    /// Three levels: the two group levels printed before the first row,
    /// then only the inner one when it changes; a row printing a cell
    /// fewer than its columns and lines after the last row are warned.
    #[test]
    fn nested_groups_and_rows_that_do_not_fit() {
        let p = parse(
            "某市实施方案\n一、任务\n(一)推进。推进。\n附件\n某市评价指标\n\
             一级指标\n二级指标\n三级指标\n目标值\n指标说明\n\
             发展\n规模\n1.企业数量\n超过100家。\n年末数。\n\
             质量\n2.利润率\n达到10%。\n\
             3.研发投入强度\n达到3%。\n研发经费/营业收入。\n\
             注:数据按年统计,逐年更新。\n",
        );
        let rows: Vec<_> = p
            .rows()
            .iter()
            .map(|r| (r.number, r.group.clone().unwrap_or_default(), r.extra.len()))
            .collect();
        assert_eq!(
            rows,
            [
                (1, "发展 / 规模".to_owned(), 2),
                (2, "发展 / 质量".to_owned(), 1),
                (3, "发展 / 质量".to_owned(), 2)
            ]
        );
        let w = structure(&p);
        assert_eq!(w.len(), 2, "{w:#?}");
        assert!(
            w[0].starts_with("17: indicator table row 2 (`2.利润率`) prints 1 cell(s)"),
            "{w:#?}"
        );
        assert!(
            w[1].starts_with("22: indicator table at line 6: 1 line(s) from `注:"),
            "{w:#?}"
        );
        let values: Vec<String> = row_targets(&p).into_iter().map(|t| t.2).collect();
        assert_eq!(values, ["100", "10", "3"]);
    }

    /// A spreadsheet's indicator table, as `crate::source` gives it: tab-
    /// separated, a `序号` column put first, a merged group cell left empty
    /// under its first row.
    #[test]
    fn a_delimited_indicator_table_is_read_by_its_columns() {
        let p = parse(
            "某市实施方案\n一、任务\n(一)推进。推进。\n附件\n某市考核指标\n\
             序号\t一级指标\t二级指标\t目标值\t指标说明\n\
             1\t规模\t企业数量\t到2025年超过100家\t年末数。\n\
             2\t\t营业收入\t到2025年达到50亿元\t营业收入/企业数*100%\n\
             3\t质量\t利润率\t达到10%\t\n",
        );
        assert_eq!(structure(&p), Vec::<String>::new());
        let b = p.breakdown.as_ref().expect("a table");
        assert_eq!(b.kind, TableKind::Indicators);
        assert_eq!(b.columns, ["一级指标", "二级指标", "目标值", "指标说明"]);
        let rows = row_summaries(p.rows().iter());
        assert_eq!(
            rows,
            [
                (1, Some("规模"), "企业数量", 2),
                (2, Some("规模"), "营业收入", 2),
                (3, Some("质量"), "利润率", 1)
            ]
        );
        let found: Vec<_> = row_targets(&p)
            .into_iter()
            .map(|(row, metric, value, unit, deadline, _)| (row, metric, value, unit, deadline))
            .collect();
        let s = |x: &str| x.to_owned();
        assert_eq!(
            found,
            [
                (s("row-1"), s("企业数量"), s("100"), s("家"), Some(2025)),
                (s("row-2"), s("营业收入"), s("50"), s("亿元"), Some(2025)),
                (s("row-3"), s("利润率"), s("10"), s("%"), None)
            ]
        );
    }

    /// A header with indicators but no criterion (`指标名称` / `2022年现状`)
    /// is no indicator table: left unread, and said.
    #[test]
    fn indicators_without_a_criterion_are_not_read() {
        let p = parse(
            "某市实施方案\n一、任务\n(一)推进。推进。\n附件1\n某市监测指标\n类别\n指标名称\n2022年现状\n\
             数量\n1.覆盖率\n60%\n附件2\n任务分工表\n序号\n工作任务\n牵头单位\n1\n推进甲。\n市科技局\n",
        );
        assert!(p.rows().iter().all(|r| r.table == 0));
        let w = structure(&p);
        assert!(
            w.iter()
                .any(|w| w.starts_with("4: annex `附件1` comes before the task table")),
            "{w:#?}"
        );
    }
}
