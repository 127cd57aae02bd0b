//! The annex breakdown table (重点工作任务分解表) → [`Breakdown`].
//!
//! Three layouts are read: flattened, one cell per line or per blank-separated
//! paragraph (what scraping a web page leaves, see [`cells`]), Markdown pipe tables and tab-separated lines. Header
//! cells give each column a role ([`Role`]); rows are rebuilt cell by cell,
//! unit cells are split into department names by [`super::units`], a row
//! without unit cells inherits the units of the row above (a merged cell),
//! and group header lines (`行动一……`) between rows set the rows' group.
//! An indicator table (指标体系, 考核指标: `一级指标` / `二级指标` /
//! `评价标准` …, no `序号`) is read by [`indicators`]; the first task
//! table stays the first table wherever the indicator table stands.
//! Links to the plan are added later by [`super::link_rows`].

mod align;
mod cells;
mod header;
mod indicators;
pub(super) mod inline;
mod levels;
mod totals;

use super::lines::Line;
use super::units::{looks_like_units, split_units};
use crate::model::{
    AnnexTable, Breakdown, BreakdownRow, DeptName, ItemId, ParseWarning, TableKind, WarningKind,
};
use align::RowLine;
pub(super) use header::{column_unit, column_year, indicator_column, IndicatorColumn};
pub(crate) use header::{is_header_row, is_number_column};
use header::{is_header_start, Columns, Role};
pub(crate) use indicators::group_columns;
pub(super) use indicators::indicator_name;
use regex::Regex;
use std::sync::LazyLock;

static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(行动[一二三四五六七八九十]+|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+[部类项篇章])")
        .expect("valid regex")
});
static ROW_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,4})[.、]?$").expect("valid regex"));
/// A cell holding only a figure (`19.23`, `40%`): in a table of figures, a
/// number followed by one of these or by an empty-cell mark (`/`, `—`) is
/// a figure of the row, not the next row's number.
static FIGURE_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+(?:\.\d+)?[%％]?$").expect("valid regex"));

/// Whether `text` opens like a heading of a group of rows (`行动二……`,
/// `二、…`, `(三)…`, `第一部分…`).
pub fn is_group_heading(text: &str) -> bool {
    GROUP.is_match(text)
}

/// Index of the first annex line (`附件…`) or table header after the plan's
/// first chapter; `lines.len()` when there is none.
pub fn annex_start(lines: &[Line], first_chapter: usize) -> usize {
    (first_chapter + 1..lines.len())
        .find(|&i| lines[i].text.starts_with("附件") || is_header_start(lines[i].text))
        .unwrap_or(lines.len())
}

/// Parses the annex lines: every task table, each annex (`附件2`,
/// `附件3`) read on its own, and warnings for what was recognised but could
/// not be read (a task-table title with no header row, an annex after a
/// table that holds none, a row with no units to hold or share, a row
/// number out of order). The first table gives the [`Breakdown`]'s title
/// and header; the others are its [`Breakdown::further`] tables.
pub fn parse_table(lines: &[Line], known: &[String]) -> (Option<Breakdown>, Vec<ParseWarning>) {
    let mut lost = Vec::new();
    let warn = |line: usize, message: String| ParseWarning {
        line,
        kind: WarningKind::Structure,
        message,
    };
    let mut tables: Vec<(Option<u32>, Breakdown)> = Vec::new();
    // Annexes before the first table read that hold none it can read.
    let mut unread_before: Vec<&Line> = Vec::new();
    for segment in annex_segments(lines) {
        match read_table(segment, known) {
            Some((t, unread, warnings)) => {
                match unread_header_warning(&t, &unread) {
                    // Rows under a header that was not read hold figures
                    // where row numbers are looked for: one warning says
                    // why, not one per row.
                    Some(w) => lost.push(w),
                    None => lost.extend(row_warnings(&t)),
                }
                lost.extend(warnings);
                let number = segment.first().and_then(|l| annex_number(l.text));
                tables.push((number, t));
            }
            // An annex after a table that holds none it can read.
            None => match segment.first() {
                Some(l) if !tables.is_empty() && cells::next_annex(l.text) => lost.push(warn(
                    l.no,
                    format!(
                        "annex `{}` follows the task table but no table was read in it (no \
                         header row: `序号` followed by column names, or column names over \
                         rows of as many cells): its rows, units and figures are not on the site",
                        l.text
                    ),
                )),
                Some(l) if cells::next_annex(l.text) => unread_before.push(l),
                _ => {}
            },
        }
    }
    // An annex before the task table that holds none it can read (a
    // table of no shape read here): not a clean document.
    if !tables.is_empty() {
        lost.extend(unread_before.into_iter().map(|l| {
            warn(
                l.no,
                format!(
                    "annex `{}` comes before the task table but no table was read in it \
                     (no header row: `序号` followed by column names, or column names over \
                     rows of as many cells): its rows and figures are not on the site",
                    l.text
                ),
            )
        }));
    }
    if tables.is_empty() {
        let titled = lines.iter().find(|l| {
            l.text.starts_with("附件")
                && ["分解", "任务清单", "责任分工", "任务表", "责任清单"]
                    .iter()
                    .any(|k| l.text.contains(k))
        });
        if let Some(l) = titled {
            lost.push(warn(
                l.no,
                format!(
                    "annex `{}` names a task table but no header row (`序号` followed by \
                     column names) was found; its rows and units are not read",
                    l.text
                ),
            ));
        }
    }
    (join_tables(tables), lost)
}

/// A warning for a flattened table whose header lines were not all read as
/// column names (`unread`: the lines between the last header cell read
/// and the first row, neither a group heading nor a cell of a leading
/// column). This is a header over two or more levels (group names over
/// column names, a line of units), whose cells cannot be placed under
/// their columns from the text alone.
fn unread_header_warning(b: &Breakdown, unread: &[(usize, String)]) -> Option<ParseWarning> {
    let (first, _) = unread.first()?;
    let texts: Vec<&str> = unread.iter().map(|(_, t)| t.as_str()).collect();
    let shown = match texts.as_slice() {
        [one] => format!("`{one}`"),
        [a, .., z] => format!("`{a}` … `{z}`"),
        [] => String::new(),
    };
    Some(ParseWarning {
        line: *first,
        kind: WarningKind::Structure,
        message: format!(
            "table header at line {}: {} line(s) before its first row were not read as \
             column names ({shown}); a header over two or more levels cannot be aligned \
             from the text: the cells of its {} row(s) may stand under the wrong columns \
             and its bare figures are not read as targets with the header's units; \
             expected one header cell per column before row 1 (read: {}){}",
            b.line,
            unread.len(),
            b.rows.len(),
            b.columns.join(" / "),
            merged_rows(b)
        ),
    })
}

/// Rows of figures holding lines that are none (`合计`, `市级指标`): rows
/// printed without a number after them, merged into them. Said as a
/// clause of a warning; empty when there are none.
fn merged_rows(b: &Breakdown) -> String {
    let merged: Vec<String> = b
        .rows
        .iter()
        .filter_map(|r| {
            let lines: Vec<&str> = std::iter::once(r.content.as_str())
                .chain(r.extra.iter().map(|(_, v)| v.as_str()))
                .flat_map(str::lines)
                .map(str::trim)
                .collect();
            let text: Vec<&str> = lines.iter().copied().filter(|t| is_text_line(t)).collect();
            // Mostly figures: a row of figures with a few names among them.
            (!text.is_empty() && text.len() * 4 <= lines.len()).then(|| {
                let names: Vec<String> = text.iter().map(|t| format!("`{t}`")).collect();
                format!(
                    "row {} holds {} among its figures",
                    r.number,
                    names.join(", ")
                )
            })
        })
        .collect();
    if merged.is_empty() {
        return String::new();
    }
    format!(
        "; {}: rows printed without a number (totals) were merged into the row above",
        merged.join("; ")
    )
}

/// A cell line holding no digit and no empty-cell mark (`/`): text, not a
/// figure.
fn is_text_line(t: &str) -> bool {
    !t.is_empty() && !t.chars().any(|c| c.is_ascii_digit()) && !align::is_empty_mark(t)
}

/// `附件2` → 2: the number of an annex opening its own page.
fn annex_number(text: &str) -> Option<u32> {
    let rest = text.strip_prefix("附件")?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Warnings for rows of table `b` read only in part: a row with no unit
/// cell and none above to share, a line that looks like a row number out of
/// order.
fn row_warnings(b: &Breakdown) -> Vec<ParseWarning> {
    let warn = |line: usize, message: String| ParseWarning {
        line,
        kind: WarningKind::Structure,
        message,
    };
    let mut lost = Vec::new();
    let has_unit_columns = b
        .rows
        .iter()
        .any(|r| !(r.lead.is_empty() && r.cooperating.is_empty() && r.implementers.is_empty()));
    let figures = b.columns.iter().any(|c| column_unit(c).is_some());
    for r in &b.rows {
        let none = r.lead.is_empty() && r.cooperating.is_empty() && r.implementers.is_empty();
        if has_unit_columns && none {
            lost.push(warn(
                r.line,
                format!(
                    "table row {} has no unit cell and no row above to share one with; \
                     expected units under {}",
                    r.number,
                    b.columns.join(" / ")
                ),
            ));
        }
        // In a table of figures a bare figure looks like a row number.
        if figures {
            continue;
        }
        let cells =
            std::iter::once(r.content.as_str()).chain(r.extra.iter().map(|(_, v)| v.as_str()));
        if let Some(n) = cells
            .flat_map(str::lines)
            .find_map(|t| row_number(t.trim()))
        {
            lost.push(warn(
                r.line,
                format!(
                    "table row {} holds a line `{n}` that looks like a row number out \
                     of order (expected {}); rows may have been merged",
                    r.number,
                    r.number.saturating_add(1)
                ),
            ));
        }
    }
    lost
}

/// The annex lines cut where each further annex begins (`附件2`, `附件 3`).
fn annex_segments<'a, 'l>(lines: &'a [Line<'l>]) -> Vec<&'a [Line<'l>]> {
    let mut starts: Vec<usize> = (1..lines.len())
        .filter(|&i| cells::next_annex(lines[i].text))
        .collect();
    starts.insert(0, 0);
    starts
        .iter()
        .enumerate()
        .filter_map(|(k, &s)| lines.get(s..starts.get(k + 1).copied().unwrap_or(lines.len())))
        .filter(|seg| !seg.is_empty())
        .collect()
}

/// The first task table with the others as its further tables: their rows
/// follow its own, each row naming its table and its ID prefixed with its
/// table's (`annex-2-row-4`), so the first task table's row IDs stay
/// `row-N` even when an indicator table comes before it (`附件1 …指标体系`,
/// `附件2 …任务分工表`); the further tables stay in document order.
fn join_tables(mut tables: Vec<(Option<u32>, Breakdown)>) -> Option<Breakdown> {
    let lead = tables
        .iter()
        .position(|(_, t)| t.kind == TableKind::Tasks)
        .unwrap_or(0);
    if lead >= tables.len() {
        return None;
    }
    let (_, mut first) = tables.remove(lead);
    let it = tables.into_iter();
    for (k, (number, t)) in it.enumerate() {
        let table = k + 1;
        let id = number.map_or_else(|| format!("table-{}", table + 1), |n| format!("annex-{n}"));
        for mut row in t.rows {
            row.table = table;
            row.id = ItemId(format!("{id}-{}", row.id));
            first.rows.push(row);
        }
        first.further.push(AnnexTable {
            id: ItemId(id),
            title: t.title,
            columns: t.columns,
            line: t.line,
            kind: t.kind,
        });
    }
    Some(first)
}

/// A table as read: the header lines it could not read (see
/// [`unread_header_warning`]) and warnings for rows whose cells could not
/// be placed under its columns or aligned with its unit columns.
type ReadTable = (Breakdown, Vec<(usize, String)>, Vec<ParseWarning>);

/// The table in an annex's lines.
fn read_table(lines: &[Line], known: &[String]) -> Option<ReadTable> {
    let Some(mut h) = lines.iter().position(|l| is_header_start(l.text)) else {
        if let Some((b, warnings)) = indicators::read(lines) {
            return Some((b, Vec::new(), warnings));
        }
        return read_unnumbered(lines, known).map(|b| (b, Vec::new(), Vec::new()));
    };
    let head = lines.get(h)?;
    let delimiter = ['|', '\t'].into_iter().find(|&d| head.text.contains(d));
    // A flattened indicator table with a `序号` column: the lines before
    // `序号` are its title.
    if let Some((columns, rows)) = lines
        .get(h..)
        .filter(|_| delimiter.is_none())
        .and_then(indicators::from_flattened)
    {
        let title = table_title(lines.get(..h).unwrap_or(&[]));
        return Some((
            indicator_table(title, columns, rows, head.no),
            Vec::new(),
            Vec::new(),
        ));
    }
    if delimiter.is_none() {
        // Flattened header cells before `序号` (`任务类型`) belong to it.
        while h > 0
            && lines
                .get(h - 1)
                .is_some_and(|l| !l.text.starts_with("附件") && header::is_header_cell(l.text))
        {
            h -= 1;
        }
    }
    let title = table_title(lines.get(..h).unwrap_or(&[]));
    let raw_rows = match delimiter {
        Some(d) => delimited_rows(lines.get(h..)?, d),
        None => {
            let cells = cells::flattened(lines.get(h..)?);
            let view: Vec<Line> = cells
                .iter()
                .map(|c| Line {
                    no: c.no,
                    text: &c.text,
                })
                .collect();
            flattened_rows(&view, known)
        }
    }?;
    let Read {
        columns,
        rows: raw_rows,
        unread,
        warnings,
    } = raw_rows;
    // A delimited table whose header is an indicator table's (a
    // spreadsheet's, given a `序号` column by `crate::source`).
    let number = columns
        .index_of(Role::Number)
        .filter(|_| delimiter.is_some());
    let cells = raw_rows.iter().filter_map(|r| match &r.cells {
        Cells::Columns(c) => Some((r.number, r.line, c.clone())),
        Cells::Lines(_) => None,
    });
    if let Some((names, rows)) =
        number.and_then(|n| indicators::from_delimited(&columns.names, n, cells))
    {
        return Some((
            indicator_table(title, names, rows, head.no),
            unread,
            warnings,
        ));
    }
    let (rows, unaligned) = build_rows(&columns, raw_rows, known);
    let table = Breakdown {
        title,
        columns: columns.names.clone(),
        rows,
        line: head.no,
        further: Vec::new(),
        kind: TableKind::Tasks,
    };
    let mut warnings = warnings;
    warnings.extend(unaligned);
    Some((table, unread, warnings))
}

/// An indicator table's [`Breakdown`] (see [`indicators`]).
fn indicator_table(
    title: String,
    columns: Vec<String>,
    rows: Vec<BreakdownRow>,
    line: usize,
) -> Breakdown {
    Breakdown {
        title,
        columns,
        rows,
        line,
        further: Vec::new(),
        kind: TableKind::Indicators,
    }
}

/// A flattened table with no number column (`街镇、园区` / `目标任务`):
/// a run of header cells holding a content column, then rows of as many
/// cells, one a line, each opening with a short cell that names what the
/// row is for. `None` unless every row has that shape: a table read out of
/// line would put text in the wrong columns.
fn read_unnumbered(lines: &[Line], known: &[String]) -> Option<Breakdown> {
    let content = lines
        .iter()
        .position(|l| header::role_of(l.text) == Role::Content)?;
    let mut h = content;
    while h > 0
        && lines
            .get(h - 1)
            .is_some_and(|l| header::is_header_cell(l.text))
    {
        h -= 1;
    }
    let mut end = content + 1;
    while lines
        .get(end)
        .is_some_and(|l| header::is_header_cell(l.text))
    {
        end += 1;
    }
    let names: Vec<&str> = lines.get(h..end)?.iter().map(|l| l.text).collect();
    let columns = Columns::from_cells(&names);
    let width = columns.names.len();
    let body = lines.get(end..)?;
    let short = |t: &str| t.chars().count() <= 20 && !t.contains(['。', ',', '，', ';', '；']);
    let fits = width >= 2
        && columns.role(0) != Role::Content
        && body.len() >= 2 * width
        && body.len() % width == 0
        && body.chunks(width).all(|row| short(row[0].text));
    if !fits {
        return None;
    }
    let raw: Vec<RawRow> = body
        .chunks(width)
        .zip(1u32..)
        .map(|(row, number)| RawRow {
            number,
            group: None,
            lead_cell: None,
            line: row[0].no,
            cells: Cells::Columns(row.iter().map(|l| l.text.to_owned()).collect()),
            misplaced: false,
            placed: None,
            merged: Vec::new(),
        })
        .collect();
    Some(Breakdown {
        title: table_title(lines.get(..h).unwrap_or(&[])),
        columns: columns.names.clone(),
        rows: build_rows(&columns, raw, known).0,
        line: lines.get(h)?.no,
        further: Vec::new(),
        kind: TableKind::Tasks,
    })
}

/// The table's title: the lines after a bare `附件` line, else the text of
/// `附件:…`.
fn table_title(lines: &[Line]) -> String {
    let bare = lines.iter().rposition(|l| {
        l.text
            .trim_start_matches("附件")
            .trim_matches(|c: char| c.is_ascii_digit() || c == ':' || c.is_whitespace())
            .is_empty()
    });
    let parts: Vec<&str> = match bare {
        Some(b) => lines
            .get(b + 1..)
            .unwrap_or(&[])
            .iter()
            .map(|l| l.text)
            .collect(),
        None => lines
            .iter()
            .map(|l| {
                l.text
                    .trim_start_matches("附件")
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':')
            })
            .collect(),
    };
    parts.concat().trim().to_owned()
}

/// A row as read, before its cells are interpreted.
struct RawRow {
    number: u32,
    group: Option<String>,
    /// Flattened: the value of a text column printed before the number
    /// column (`任务类型`), written once before the first row it covers.
    lead_cell: Option<(usize, String)>,
    line: usize,
    cells: Cells,
    /// Under a two-level header, a row printing fewer or more figure cells
    /// than there are columns: its figures cannot be placed, so they are
    /// kept as its text, in order ([`levels`]).
    misplaced: bool,
    /// Under a two-level header, the figure column of each of the row's
    /// cells after its name, as the totals rows' sums place them
    /// ([`totals`]); `None` for an empty mark they leave free.
    placed: Option<totals::CellColumns>,
    /// Lines after the row's figures that open a row printed without a
    /// number (`合计` and its figures): kept as the row's text, said.
    merged: Vec<RowLine>,
}

enum Cells {
    /// Flattened: the row's lines after its number, in order, with their
    /// line numbers.
    Lines(Vec<RowLine>),
    /// Delimited: one text per column (the number column included).
    Columns(Vec<String>),
}

/// A table's columns and rows as read, and the lines between its header
/// cells and its first row that were neither (a header's further levels).
struct Read {
    columns: Columns,
    rows: Vec<RawRow>,
    unread: Vec<(usize, String)>,
    /// Rows under a two-level header whose figures could not be placed.
    warnings: Vec<ParseWarning>,
}

fn flattened_rows(lines: &[Line], known: &[String]) -> Option<Read> {
    // Header cells run until the first row number.
    let first_row = lines
        .iter()
        .position(|l| ROW_NUMBER.is_match(l.text))
        .unwrap_or(lines.len());
    let header_end = lines
        .iter()
        .take(first_row)
        .position(|l| !header::is_header_cell(l.text))
        .unwrap_or(first_row);
    let cells: Vec<&str> = lines.get(..header_end)?.iter().map(|l| l.text).collect();
    let columns = Columns::from_cells(&cells);
    let lead_col = columns.leading_text_column();
    let mut rows: Vec<RawRow> = Vec::new();
    let mut group: Option<String> = None;
    let mut lead_cell: Option<(usize, String)> = None;
    let mut unread = Vec::new();
    let body = lines.get(header_end..)?;
    // A number followed by a figure cell is a figure, not a row number.
    let numbers = |j: usize| {
        let next_is_value = body
            .get(j + 1)
            .is_some_and(|n| FIGURE_CELL.is_match(n.text) || align::is_empty_mark(n.text));
        body.get(j)
            .and_then(|l| row_number(l.text))
            .filter(|_| !next_is_value)
    };
    for (i, l) in body.iter().enumerate() {
        let row_at = |j: usize| numbers(j).is_some_and(|k| k == 1 || expected(&rows) == k);
        let next_is_row = row_at(i + 1);
        if let Some(n) = numbers(i) {
            let restart = n == 1 && rows.last().is_some_and(|r| r.group != group);
            if rows.is_empty() || n == expected(&rows) || restart {
                rows.push(RawRow {
                    number: n,
                    group: group.clone(),
                    lead_cell: lead_cell.clone(),
                    line: l.no,
                    cells: Cells::Lines(Vec::new()),
                    misplaced: false,
                    placed: None,
                    merged: Vec::new(),
                });
                continue;
            }
        }
        let short = l.text.chars().count() <= 20 && !l.text.contains(['。', ',', ':']);
        let lead_value_next = lead_col.is_some()
            && body
                .get(i + 1)
                .is_some_and(|n| n.text.chars().count() <= 20 && !n.text.contains('。'))
            && row_at(i + 2);
        if is_group_heading(l.text)
            && (next_is_row || lead_value_next || rows.is_empty())
            && !looks_like_units(l.text, known)
        {
            group = Some(l.text.to_owned());
            lead_cell = None;
            continue;
        }
        // The first line after a row number is always its own cell.
        let row_has_cells = rows
            .last()
            .is_some_and(|r| matches!(&r.cells, Cells::Lines(v) if !v.is_empty()));
        if let Some(col) = lead_col {
            if next_is_row && short && row_has_cells && !looks_like_units(l.text, known) {
                lead_cell = Some((col, l.text.to_owned()));
                continue;
            }
        }
        match rows.last_mut() {
            Some(RawRow {
                cells: Cells::Lines(v),
                ..
            }) => v.push((l.no, l.text.to_owned())),
            _ => unread.push((l.no, l.text.to_owned())),
        }
    }
    if !unread.is_empty() {
        if let Some(read) = two_levels(&columns, &unread, &mut rows) {
            return Some(read.with_rows(rows));
        }
    }
    Some(Read {
        columns,
        rows,
        unread,
        warnings: Vec::new(),
    })
}

/// The columns of a header over two levels whose lines after the first
/// level were `unread`, when the rows make them certain ([`levels`]):
/// rows printing another count of figure cells are placed by the totals
/// row's sums when those make it certain ([`totals`]), else marked
/// misplaced, each with a warning. A row printed without a number after a
/// row's figures (`合计`) is cut off that row and said. `None` leaves the
/// header as read, with its warning.
fn two_levels(columns: &Columns, unread: &[(usize, String)], rows: &mut [RawRow]) -> Option<Read> {
    // The columns spanning every level: the number and the unit columns
    // opening the header (`序号`, `街镇`).
    let spanning = (0..columns.names.len())
        .take_while(|&i| columns.role(i) == Role::Number || columns.role(i).is_unit())
        .count();
    if spanning == 0 {
        return None;
    }
    // Cells of those columns a row prints after its number.
    let named = spanning - usize::from(columns.role(0) == Role::Number);
    let upper: Vec<&str> = columns
        .names
        .iter()
        .skip(spanning)
        .map(String::as_str)
        .chain(unread.iter().map(|(_, t)| t.as_str()))
        .collect();
    // Each row's own figures: up to a line among them that is none, which
    // opens a row printed without a number merged into this one.
    let own_end = |r: &RawRow| match &r.cells {
        Cells::Lines(v) => v
            .iter()
            .enumerate()
            .skip(named)
            .find(|(_, (_, t))| is_text_line(t))
            .map_or(v.len(), |(i, _)| i),
        Cells::Columns(_) => 0,
    };
    let figures = |r: &RawRow| match &r.cells {
        Cells::Lines(v) => v.get(named..own_end(r)).unwrap_or(&[]).to_vec(),
        Cells::Columns(_) => Vec::new(),
    };
    let own: Vec<Vec<RowLine>> = rows.iter().map(figures).collect();
    let counts: Vec<usize> = own.iter().map(Vec::len).collect();
    let leaves = levels::align(&upper, &counts)?;
    let width = leaves.len();
    let mut names: Vec<&str> = columns
        .names
        .iter()
        .take(spanning)
        .map(String::as_str)
        .collect();
    names.extend(leaves.iter().map(String::as_str));
    let aligned = Columns::from_cells(&names);
    // The totals row, when one is merged into a row, and the rows printed
    // after it under names of their own (`市级指标`): each one's figures.
    let totals: Option<(usize, Vec<Vec<String>>)> = rows.iter().find_map(|r| {
        let Cells::Lines(v) = &r.cells else {
            return None;
        };
        let (no, name) = v.get(own_end(r))?;
        is_totals_name(name).then(|| {
            let mut sums: Vec<Vec<String>> = Vec::new();
            for (_, t) in v.iter().skip(own_end(r)) {
                match sums.last_mut() {
                    Some(cells) if !is_text_line(t) => cells.push(t.clone()),
                    _ => sums.push(Vec::new()),
                }
            }
            (*no, sums)
        })
    });
    let placement = totals.as_ref().map(|(_, sums)| {
        let cells: Vec<Vec<&str>> = own
            .iter()
            .map(|r| r.iter().map(|(_, t)| t.as_str()).collect())
            .collect();
        let sums: Vec<Vec<&str>> = sums
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        totals::place(&cells, &sums, width)
    });
    let why = match &placement {
        Some(totals::Placement::Inconsistent) => "no placement meets them",
        Some(totals::Placement::Several) => "more than one placement meets them",
        Some(totals::Placement::Unknown) => "too many placements to try them all",
        _ => "",
    };
    let placed: Vec<Option<totals::CellColumns>> = match placement {
        Some(totals::Placement::Certain { rows: placed, .. }) => {
            placed.into_iter().map(Some).collect()
        }
        _ => vec![None; rows.len()],
    };
    let mut warnings = Vec::new();
    for ((r, count), at) in rows.iter_mut().zip(counts).zip(placed) {
        let end = own_end(r);
        if let Cells::Lines(v) = &mut r.cells {
            r.merged = v.split_off(end.min(v.len()));
        }
        if let Some((no, text)) = r.merged.first() {
            warnings.push(ParseWarning {
                line: *no,
                kind: WarningKind::Structure,
                message: format!(
                    "table row {}: its line `{text}` and the {} line(s) after it are no \
                     figures of the row but a row printed without a number (a total) \
                     merged into it; they are kept as the row's text, not read as \
                     targets; expected a number before each row",
                    r.number,
                    r.merged.len() - 1
                ),
            });
        }
        if count == width {
            continue;
        }
        if let Some(at) = at {
            r.placed = Some(at);
            continue;
        }
        r.misplaced = true;
        let sums = match &totals {
            Some((no, sums)) => format!(
                "; the totals row at line {no}{} does not single out one placement: {why} \
                 (tried: every placement of each row's cells in their order, cells left \
                 out anywhere, each column a totals row prints a figure for summing to it); \
                 expected the rows' cells to fit the column totals one way only",
                match sums.len() {
                    0 | 1 => String::new(),
                    n => format!(" and the {} row(s) printed after it", n - 1),
                }
            ),
            None => String::new(),
        };
        warnings.push(ParseWarning {
            line: r.line,
            kind: WarningKind::Structure,
            message: format!(
                "table row {} prints {count} figure cell(s) where its two-level header has \
                 {width} columns ({} … {}): cells left empty are not printed, so which \
                 column each figure stands under cannot be told; the row's figures are kept \
                 as its text, in order, and not read as targets{sums}",
                r.number,
                leaves.first().map_or("", String::as_str).replace('\n', " "),
                leaves.last().map_or("", String::as_str).replace('\n', " "),
            ),
        });
    }
    Some(Read {
        columns: aligned,
        rows: Vec::new(),
        unread: Vec::new(),
        warnings,
    })
}

/// `合计`, `总计`, `全区合计`: the name of a table's totals row.
fn is_totals_name(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.ends_with("合计") || t.ends_with("总计")
}

impl Read {
    fn with_rows(self, rows: Vec<RawRow>) -> Read {
        Read { rows, ..self }
    }
}

fn row_number(text: &str) -> Option<u32> {
    ROW_NUMBER.captures(text)?.get(1)?.as_str().parse().ok()
}

fn expected(rows: &[RawRow]) -> u32 {
    rows.last().map_or(1, |r| r.number.saturating_add(1))
}

/// A delimited line's cells. A tab-separated line keeps its leading empty
/// cells (a merged type column left blank), so cells stay in their columns.
fn split_delimited(text: &str, d: char) -> Vec<String> {
    let t = if d == '|' {
        let t = text.trim();
        let t = t.strip_prefix('|').unwrap_or(t);
        t.strip_suffix('|').unwrap_or(t)
    } else {
        text
    };
    t.split(d).map(|c| c.trim().to_owned()).collect()
}

fn is_rule(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

fn delimited_rows(lines: &[Line], d: char) -> Option<Read> {
    let head = lines.first()?;
    let names = split_delimited(head.text, d);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let columns = Columns::from_cells(&refs);
    let number_col = columns.index_of(Role::Number);
    let mut rows: Vec<RawRow> = Vec::new();
    let mut group = None;
    for l in lines.get(1..)? {
        if !l.text.contains(d) {
            continue;
        }
        let cells = split_delimited(l.text, d);
        if is_rule(&cells) {
            continue;
        }
        let number = number_col
            .and_then(|c| cells.get(c))
            .and_then(|c| row_number(c));
        let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
        match number {
            Some(n) => rows.push(RawRow {
                number: n,
                group: group.clone(),
                lead_cell: None,
                line: l.no,
                cells: Cells::Columns(cells),
                misplaced: false,
                placed: None,
                merged: Vec::new(),
            }),
            // One cell in the first column: a group heading. Any other line
            // without a number continues the row above (a cell's next line).
            None if filled.len() == 1 && cells.first().is_some_and(|c| !c.is_empty()) => {
                group = filled.first().map(|s| s.to_string())
            }
            None => {
                // A continuation line: append to the row above, cell by cell.
                if let Some(RawRow {
                    cells: Cells::Columns(prev),
                    ..
                }) = rows.last_mut()
                {
                    for (i, c) in cells.into_iter().enumerate() {
                        if c.is_empty() {
                            continue;
                        }
                        match prev.get_mut(i) {
                            Some(p) if !p.is_empty() => {
                                p.push('\n');
                                p.push_str(&c);
                            }
                            Some(p) => *p = c,
                            None => prev.push(c),
                        }
                    }
                }
            }
        }
    }
    Some(Read {
        columns,
        rows,
        unread: Vec::new(),
        warnings: Vec::new(),
    })
}

/// The column whose text is the row's content: the last of the columns
/// that name the work (`工作事项` / `主要内容`, `重点任务` / `具体措施`).
/// A table that names its work twice gives a short title first and states
/// the work, with its figures, in the later column; the title is kept as
/// an extra cell of the row.
fn content_column(columns: &Columns) -> Option<usize> {
    (0..columns.names.len())
        .rev()
        .find(|&i| columns.role(i) == Role::Content)
}

/// Unit and text cells of one row, by column.
#[derive(Default)]
struct Filled {
    text: Vec<(usize, String)>,
    units: Vec<(usize, Vec<String>)>,
    /// The unit cells as read, before splitting ([`BreakdownRow::unit_cells`]).
    unit_text: Vec<String>,
    /// Cells that could not be aligned with the columns: the line and what
    /// was found there, for a warning.
    unaligned: Vec<(usize, String)>,
}

impl Filled {
    /// Adds text cells; a column that already holds text (a sub-row's
    /// cell under the first one's) takes the new text on a line of its own.
    fn push_text(&mut self, cells: Vec<(usize, String)>) {
        for (col, text) in cells {
            match self.text.iter_mut().find(|(c, _)| *c == col) {
                Some((_, prev)) => {
                    prev.push('\n');
                    prev.push_str(&text);
                }
                None => self.text.push((col, text)),
            }
        }
    }
}

/// Fills a flattened row's columns: text cells before the unit cells, unit
/// cells in column order (an empty mark holds its column's place), text
/// after them; sub-rows under the same number add their cells to the same
/// columns (see [`align`]). The first sub-row's text after its units
/// stands under the columns `placed` gives, when the totals rows' sums
/// placed it (figure columns left out anywhere; a cell placed in none is
/// an empty mark, left out).
fn fill_flattened(
    columns: &Columns,
    lines: Vec<RowLine>,
    placed: Option<&[Option<usize>]>,
    known: &[String],
) -> Filled {
    let unit_cols = columns.unit_columns();
    let (before, after) = columns.text_columns_around_units();
    let content = content_column(columns);
    let mut filled = Filled::default();
    // The first line is text when a text column precedes the unit columns.
    let forced = usize::from(!before.is_empty());
    let aligned = if unit_cols.is_empty() {
        None
    } else {
        align::segments(
            &lines,
            before.len(),
            unit_cols.len(),
            after.len(),
            forced,
            known,
        )
    };
    let Some(aligned) = aligned else {
        // No unit cells (merged above): the last lines fill the text
        // columns after the units, when there are more lines than
        // columns before them.
        let mut lead: Vec<String> = lines.into_iter().map(|(_, t)| t).collect();
        let tail = lead.len().saturating_sub(before.len()).min(after.len());
        let trail = lead.split_off(lead.len() - tail);
        filled.push_text(spread(&before, content, lead));
        filled.push_text(spread(&after, None, trail));
        return filled;
    };
    let sub_rows = aligned.segments.len();
    for (k, seg) in aligned.segments.into_iter().enumerate() {
        let text: Vec<String> = seg.text.into_iter().map(|(_, t)| t).collect();
        if k == 0 {
            filled.push_text(spread(&before, content, text));
        } else {
            // A sub-row's text stands under the text columns nearest the
            // units; the ones left of it are merged with the first sub-row.
            let from = before.len().saturating_sub(text.len());
            filled.push_text(spread(before.get(from..).unwrap_or(&[]), None, text));
        }
        let trail: Vec<String> = seg.trail.into_iter().map(|(_, t)| t).collect();
        match placed.filter(|p| k == 0 && p.len() == trail.len()) {
            Some(at) => filled.push_text(
                trail
                    .into_iter()
                    .zip(at)
                    .filter_map(|(t, a)| Some((*after.get((*a)?)?, t)))
                    .collect(),
            ),
            None => filled.push_text(spread(&after, None, trail)),
        }
        // A unit list wrapped after its separator (`…、` / `区规划资源局…`)
        // continues on the next line: one cell.
        let mut unit_cells: Vec<(usize, Option<String>)> = Vec::new();
        for (no, cell) in seg.units {
            match (unit_cells.last_mut(), cell) {
                (Some((_, Some(prev))), Some(line)) if prev.ends_with(['、', ',', '，']) => {
                    prev.push('\n');
                    prev.push_str(&line);
                }
                (_, cell) => unit_cells.push((no, cell)),
            }
        }
        if sub_rows > 1 && unit_cells.len() != unit_cols.len() {
            if let Some((no, _)) = unit_cells.first() {
                filled.unaligned.push((
                    *no,
                    format!(
                        "sub-row {} has {} unit cell(s) for {} unit column(s); they are \
                         placed from the left and may stand under the wrong columns",
                        k + 1,
                        unit_cells.len(),
                        unit_cols.len()
                    ),
                ));
            }
        }
        // Unit cells: one per unit column, the last column takes the rest.
        for (k, (_, cell)) in unit_cells.into_iter().enumerate() {
            let Some(&col) = unit_cols.get(k.min(unit_cols.len().saturating_sub(1))) else {
                break;
            };
            let Some(line) = cell else { continue };
            let units = split_units(&line, known);
            filled.unit_text.push(line);
            match filled.units.iter_mut().find(|(c, _)| *c == col) {
                Some((_, v)) => v.extend(units),
                None => filled.units.push((col, units)),
            }
        }
    }
    // Text after the last unit cells with no unit cells of its own (an
    // unread group heading, a note): placed in no column, and said.
    if let Some((no, first)) = aligned.leftover.first() {
        filled.unaligned.push((
            *no,
            format!(
                "{} line(s) from `{}` follow the row's unit cells with no unit cells of \
                 their own; they are in no column and not on the site",
                aligned.leftover.len(),
                crate::text::char_slice(first, 0, 20)
            ),
        ));
    }
    filled
}

/// Spreads text lines over text columns in order; `grow` (the content
/// column) takes the surplus lines, else the last column does. With fewer
/// lines than columns, the missing cells are merged ones shared with the
/// rows above (a group's `任务名称`): the columns before `grow` are dropped
/// from the left, so the content column keeps its text.
fn spread(cols: &[usize], grow: Option<usize>, lines: Vec<String>) -> Vec<(usize, String)> {
    if cols.is_empty() || lines.is_empty() {
        return Vec::new();
    }
    let mut cols = cols.to_vec();
    if let Some(at) = grow.and_then(|g| cols.iter().position(|&c| c == g)) {
        let drop = cols.len().saturating_sub(lines.len()).min(at);
        cols.drain(..drop);
    }
    let surplus = lines.len().saturating_sub(cols.len());
    let grow_at = grow
        .and_then(|g| cols.iter().position(|&c| c == g))
        .unwrap_or(cols.len() - 1);
    let mut out = Vec::new();
    let mut it = lines.into_iter();
    for (k, &col) in cols.iter().enumerate() {
        let take = if k == grow_at { surplus + 1 } else { 1 };
        let cell: Vec<String> = it.by_ref().take(take).collect();
        if cell.is_empty() {
            break;
        }
        out.push((col, cell.join("\n")));
    }
    out
}

fn fill_delimited(columns: &Columns, cells: Vec<String>, known: &[String]) -> Filled {
    let mut filled = Filled::default();
    for (i, cell) in cells.into_iter().enumerate() {
        match columns.role(i) {
            Role::Number => {}
            r if r.is_unit() => {
                let units = split_units(&cell, known);
                if !cell.trim().is_empty() {
                    filled.unit_text.push(cell.clone());
                }
                if !units.is_empty() {
                    filled.units.push((i, units));
                }
            }
            _ => filled.text.push((i, cell)),
        }
    }
    filled
}

/// The rows, and a warning for every row whose cells could not all be
/// aligned with the columns.
fn build_rows(
    columns: &Columns,
    raw: Vec<RawRow>,
    known: &[String],
) -> (Vec<BreakdownRow>, Vec<ParseWarning>) {
    let mut unaligned = Vec::new();
    let unique = {
        let mut seen = std::collections::HashSet::new();
        raw.iter().all(|r| seen.insert(r.number))
    };
    let mut rows: Vec<BreakdownRow> = Vec::new();
    for (k, r) in raw.into_iter().enumerate() {
        let filled = match r.cells {
            Cells::Lines(lines) => fill_flattened(columns, lines, r.placed.as_deref(), known),
            Cells::Columns(cells) => fill_delimited(columns, cells, known),
        };
        let misplaced = r.misplaced;
        let unit_names: Vec<&str> = columns
            .unit_columns()
            .into_iter()
            .map(|c| columns.name(c))
            .collect();
        unaligned.extend(filled.unaligned.iter().map(|(line, what)| ParseWarning {
            line: *line,
            kind: WarningKind::Structure,
            message: format!(
                "table row {} (line {}): {what}; expected each sub-row's text followed by \
                 one cell per unit column ({}), an empty cell written `/`",
                r.number,
                r.line,
                unit_names.join(" / ")
            ),
        }));
        let mut row = BreakdownRow {
            id: ItemId(format!(
                "row-{}",
                if unique { r.number as usize } else { k + 1 }
            )),
            number: r.number,
            group: r.group,
            content: String::new(),
            lead: Vec::new(),
            cooperating: Vec::new(),
            implementers: Vec::new(),
            extra: Vec::new(),
            table: 0,
            shared_units: false,
            roles_stated: !columns.roles_unstated(),
            unit_cells: filled.unit_text,
            links: Vec::new(),
            line: r.line,
        };
        let content_col = content_column(columns);
        let lead_cell = r.lead_cell.into_iter();
        for (col, text) in lead_cell.chain(filled.text) {
            if Some(col) == content_col {
                row.content = text;
            } else if !text.is_empty() {
                row.extra.push((columns.name(col).to_owned(), text));
            }
        }
        // Figures that cannot be placed under their columns stay the
        // row's text, in the order printed.
        if misplaced {
            let texts: Vec<String> = std::mem::take(&mut row.extra)
                .into_iter()
                .map(|(_, text)| text)
                .collect();
            row.content = texts.join("\n");
        }
        // A row printed without a number merged into this one: its lines,
        // in order, after the row's own text.
        if !r.merged.is_empty() {
            let merged = r.merged.iter().map(|(_, t)| t.as_str());
            row.content = std::iter::once(row.content.as_str())
                .filter(|c| !c.is_empty())
                .chain(merged)
                .collect::<Vec<_>>()
                .join("\n");
        }
        for (col, units) in filled.units {
            assign_units(
                &mut row,
                columns.role(col),
                units,
                columns.unit_columns().len(),
            );
        }
        let no_units =
            row.lead.is_empty() && row.cooperating.is_empty() && row.implementers.is_empty();
        if no_units && !columns.unit_columns().is_empty() {
            if let Some(prev) = rows.last() {
                row.lead = prev.lead.clone();
                row.cooperating = prev.cooperating.clone();
                row.implementers = prev.implementers.clone();
                row.shared_units = !(row.lead.is_empty() && row.cooperating.is_empty());
            }
        }
        rows.push(row);
    }
    (rows, unaligned)
}

/// Puts a cell's units in the row by its column's role; a unit already
/// named in that role (by another sub-row) is not repeated.
fn assign_units(row: &mut BreakdownRow, role: Role, units: Vec<String>, unit_columns: usize) {
    fn add(list: &mut Vec<DeptName>, names: impl Iterator<Item = DeptName>) {
        for n in names {
            if !list.contains(&n) {
                list.push(n);
            }
        }
    }
    let mut names = units.into_iter().map(DeptName);
    match role {
        Role::Lead => add(&mut row.lead, names),
        Role::Cooperating => add(&mut row.cooperating, names),
        Role::Implementer => add(&mut row.implementers, names),
        // A lone responsibility column: the first unit leads.
        Role::Responsible if unit_columns == 1 => {
            if row.lead.is_empty() {
                row.lead.extend(names.next());
            }
            add(&mut row.cooperating, names);
        }
        Role::Responsible => add(&mut row.lead, names),
        Role::Number | Role::Content | Role::Extra => {}
    }
}
