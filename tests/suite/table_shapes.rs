//! Annex tables of shapes the seed does not have, one small fixture each
//! under `tests/fixtures/parse/`: what is read, and what the parser says
//! when it cannot align a table.

use gazette::model::{Policy, PolicyId, WarningKind};
use gazette::parse::{parse_policy, ParseOptions};

fn fixture(name: &str) -> Policy {
    let bytes = std::fs::read(format!("tests/fixtures/parse/{name}")).expect("fixture");
    parse_policy(PolicyId::from(name), name, &bytes, &ParseOptions::default())
        .expect("fixture parses")
}

/// A table of figures by 街镇 under a header over two levels (group names,
/// then column names with units, then a line of units), empty cells
/// printed as `/`: two rows print all five figures, so the columns are
/// the five names under the groups (the two naming no unit take the
/// units line); those rows' bare figures are targets in their column's
/// unit, dated by the title. Row 2 prints six figure cells: it keeps them
/// as its text, in order, with a warning at its line saying what was
/// expected, and its `3` / `2` are not rows 3 and 2.
#[test]
fn figures_under_a_two_level_header_are_aligned_where_rows_are_full() {
    let p = fixture("figures_two_level_header.txt");
    let b = p.breakdown.as_ref().expect("table");
    assert_eq!(
        b.columns,
        [
            "序号",
            "街镇",
            "达标小区累计(个)",
            "湿垃圾车累计数(辆)",
            "服务点累计(个)",
            "可回收物量\n吨/日",
            "干垃圾控制量\n吨/日"
        ]
    );
    let numbers: Vec<u32> = b.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let areas: Vec<Vec<&str>> = b
        .rows
        .iter()
        .map(|r| r.implementers.iter().map(|d| d.as_str()).collect())
        .collect();
    assert_eq!(areas, [["甲街道"], ["乙镇"], ["丙镇"]]);
    let lines: Vec<usize> = b.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [19, 26, 34]);
    let cell = |row: usize, column: &str| {
        b.rows[row]
            .extra
            .iter()
            .find(|(c, _)| c == column)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(cell(0, "服务点累计(个)"), Some("51"));
    assert_eq!(cell(2, "干垃圾控制量\n吨/日"), Some("14.77"));
    // Row 2 is not placed: its six figures stay its text.
    assert!(b.rows[1].extra.is_empty());
    assert_eq!(b.rows[1].content, "86\n/\n112\n3\n2\n4");
    let structure: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Structure)
        .collect();
    assert_eq!(structure.len(), 1, "{:?}", p.warnings);
    assert_eq!(structure[0].line, 26);
    let m = &structure[0].message;
    assert!(m.contains("table row 2 prints 6 figure cell(s)"), "{m}");
    assert!(
        m.contains("5 columns (达标小区累计(个) … 干垃圾控制量 吨/日)"),
        "{m}"
    );
    // Rows 1 and 3's figures, each in its column's unit, by 2019.
    let mut found: Vec<(String, f64, &str, Option<u16>)> = p
        .targets
        .iter()
        .flat_map(|t| {
            t.mentions.iter().map(move |m| {
                (
                    format!("{}/{}", m.item, m.cell.as_deref().unwrap_or("")),
                    t.value.value,
                    t.unit.as_str(),
                    t.deadline,
                )
            })
        })
        .filter(|(at, ..)| at.starts_with("row-"))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let rows: Vec<(&str, f64, &str)> = found
        .iter()
        .map(|(at, v, u, _)| (at.split('/').next().unwrap_or(""), *v, *u))
        .collect();
    assert_eq!(
        rows,
        [
            ("row-1", 19.23, "吨/日"),
            ("row-1", 9.61, "吨/日"),
            ("row-1", 51.0, "个"),
            ("row-1", 40.0, "个"),
            ("row-3", 29.53, "吨/日"),
            ("row-3", 14.77, "吨/日"),
            ("row-3", 79.0, "个"),
            ("row-3", 1.0, "辆"),
            ("row-3", 61.0, "个"),
        ]
    );
    assert!(found.iter().all(|(.., y)| *y == Some(2019)));
}

/// A header over three levels (`湿垃圾` over `居民区` / `餐厨垃圾`) cannot
/// be aligned from the text, whatever the rows print: no header line is
/// guessed into a column, the warning names the header's line, the first
/// line not read and what was expected, and no bare figure is read.
#[test]
fn figures_under_a_three_level_header_are_reported_not_guessed() {
    let p = fixture("figures_three_level_header.txt");
    let b = p.breakdown.as_ref().expect("table");
    let numbers: Vec<u32> = b.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert!(
        b.columns.iter().all(|c| !c.contains("(个)")),
        "{:?}",
        b.columns
    );
    let header: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Structure && w.message.contains("header"))
        .collect();
    assert_eq!(header.len(), 1, "{:?}", p.warnings);
    assert_eq!(header[0].line, 12);
    let m = &header[0].message;
    assert!(m.contains("line 8"), "{m}");
    assert!(m.contains("`达标小区累计(个)` … `吨/日`"), "{m}");
    assert!(m.contains("expected one header cell per column"), "{m}");
    assert!(
        !p.targets.iter().any(|t| t
            .mentions
            .iter()
            .any(|m| m.item.as_str().starts_with("row-"))),
        "{:?}",
        p.targets
    );
    assert!(
        !p.warnings
            .iter()
            .any(|w| w.message.contains("row number out of order")),
        "{:?}",
        p.warnings
    );
}

/// A task table with one header cell per column is read without a header
/// warning: the check above does not fire on the genre's common shape.
#[test]
fn a_one_level_header_gives_no_header_warning() {
    let p = fixture("three_columns.txt");
    assert!(p.breakdown.is_some());
    assert!(
        !p.warnings
            .iter()
            .any(|w| w.message.contains("not read as column names")),
        "{:?}",
        p.warnings
    );
}
