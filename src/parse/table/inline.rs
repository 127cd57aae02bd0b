//! A year table flattened into the plan's text (`表1 …推进计划表`, then one
//! cell per paragraph): which of its cells are a year's figures.
//!
//! Takes the paragraphs' texts in document order, gives each paragraph
//! that is a cell of such a table what it is ([`YearCell`]). A table opens
//! with a `表N` title, its header cells follow (short lines, a unit in
//! brackets: `达标区域面积` / `（平方公里）`), and each row opens with its
//! year cell (`2024年`); a span of years (`2020年-2023年`) is a row already
//! achieved. A sentence ends the table. In a row, a bare figure right
//! after a name cell measures that name (`远香湖南` / `4.73`: the size of
//! an area); a bare figure after the year or after another figure is the
//! year's own (`40.39`: the total planned by 2024), with the unit of the
//! header when the header states exactly one.

use regex::Regex;
use std::sync::LazyLock;

static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^表\s*\d+\s*\S").expect("valid regex"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})\s*年$").expect("valid regex"));
static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}\s*年?\s*[-—–~～至到]\s*\d{4}\s*年$").expect("valid regex")
});
static BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+(?:\.\d+)?$").expect("valid regex"));
static UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(]([^（）()\d]{1,6})[）)]").expect("valid regex"));

/// What a paragraph of a flattened year table is.
#[derive(Debug, Clone, PartialEq)]
pub enum YearCell {
    /// A cell of a row already achieved (`2020年-2023年`): its figures are
    /// not targets.
    Achieved,
    /// A bare figure that is the row's year's own, with the header's unit
    /// and the header's name for what it measures.
    Total {
        year: u16,
        unit: String,
        metric: String,
    },
}

fn is_cell(text: &str) -> bool {
    text.chars().count() <= 24 && !text.contains(['。', ',', '，', '；', ';', ':', '：'])
}

/// Each paragraph's place in a flattened year table, `None` outside one
/// and for cells that are neither achieved nor a year's bare figure.
pub fn year_cells(texts: &[&str]) -> Vec<Option<YearCell>> {
    let mut out = vec![None; texts.len()];
    let mut i = 0;
    while i < texts.len() {
        if !TITLE.is_match(texts[i].trim()) {
            i += 1;
            continue;
        }
        i = read_table(texts, i + 1, &mut out);
    }
    out
}

/// Reads the table whose header starts at `start`; returns the index after it.
fn read_table(texts: &[&str], start: usize, out: &mut [Option<YearCell>]) -> usize {
    let t = |k: usize| texts.get(k).map_or("", |s| s.trim());
    let mut i = start;
    let mut header: Vec<&str> = Vec::new();
    while i < texts.len() && is_cell(t(i)) && !YEAR.is_match(t(i)) && !SPAN.is_match(t(i)) {
        header.push(t(i));
        i += 1;
    }
    if header.is_empty() || !(YEAR.is_match(t(i)) || SPAN.is_match(t(i))) {
        return i.max(start);
    }
    // The header's one unit, and the name of the cell stating it (a cell
    // split over two lines, `达标区域面积` / `（平方公里）`, names the line
    // before).
    let mut units: Vec<(String, String)> = Vec::new();
    for (k, h) in header.iter().enumerate() {
        if let Some(c) = UNIT.captures(h) {
            let unit = c.get(1).map_or("", |m| m.as_str()).to_owned();
            let own = UNIT.replace(h, "").trim().to_owned();
            let name = if own.is_empty() && k > 0 {
                header[k - 1].to_owned()
            } else {
                own
            };
            if !units.iter().any(|(u, _)| *u == unit) {
                units.push((unit, name));
            }
        }
    }
    let unit = match units.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };
    // Rows: from a year cell to the next, until a sentence.
    let mut year: Option<u16> = None;
    let mut achieved = false;
    let mut after_name = false;
    while i < texts.len() && is_cell(t(i)) {
        let cell = t(i);
        if let Some(c) = YEAR.captures(cell) {
            year = c.get(1).and_then(|y| y.as_str().parse().ok());
            achieved = false;
            after_name = false;
        } else if SPAN.is_match(cell) {
            year = None;
            achieved = true;
        } else if achieved {
            out[i] = Some(YearCell::Achieved);
        } else if BARE.is_match(cell) {
            if let (false, Some(y), Some((u, name))) = (after_name, year, &unit) {
                out[i] = Some(YearCell::Total {
                    year: y,
                    unit: u.clone(),
                    metric: name.clone(),
                });
            }
            after_name = false;
        } else {
            after_name = !cell.ends_with(['%', '％']) && cell != "/";
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan's 表1 in its genre's shape: two cells per area under one
    /// year, the year's total and share after the first.
    #[test]
    fn year_totals_take_the_header_unit_and_named_sizes_do_not() {
        let texts = [
            "表1 某区达标推进计划表",
            "年份",
            "达标区域",
            "达标区域面积",
            "（平方公里）",
            "占比",
            "片区",
            "总计",
            "2020年-2023年",
            "老城区",
            "25.20",
            "25.20",
            "25%",
            "2024年",
            "甲片区",
            "4.73",
            "40.39",
            "40%",
            "乙片区",
            "10.46",
            "注：面积按100平方公里计。",
            "30.5",
        ];
        let cells = year_cells(&texts);
        let total = |k: usize| match &cells[k] {
            Some(YearCell::Total { year, unit, metric }) => {
                Some((*year, unit.as_str(), metric.as_str()))
            }
            _ => None,
        };
        assert_eq!(cells[10], Some(YearCell::Achieved));
        assert_eq!(cells[12], Some(YearCell::Achieved));
        assert_eq!(total(15), None, "the size of 甲片区");
        assert_eq!(total(16), Some((2024, "平方公里", "达标区域面积")));
        assert_eq!(total(19), None, "the size of 乙片区");
        assert_eq!(cells[21], None, "after the table");
    }

    /// Without a `表N` title, or with two units in the header, no bare
    /// figure is given a unit: when unsure, say less.
    #[test]
    fn no_title_or_two_units_reads_nothing() {
        let untitled = ["年份", "面积（平方公里）", "2024年", "40.39"];
        assert!(year_cells(&untitled).iter().all(Option::is_none));
        let two = [
            "表2 计划",
            "年份",
            "面积（平方公里）",
            "数量（个）",
            "2024年",
            "40.39",
            "12",
        ];
        assert!(year_cells(&two).iter().all(Option::is_none));
    }
}
