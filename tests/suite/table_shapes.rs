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
/// printed as `/`: a row's figures `3` / `2` are not rows 3 and 2, each
/// 街镇 stays on its own row, and the header that cannot be aligned is
/// reported with its line instead of being dropped.
#[test]
fn figures_under_a_two_level_header_keep_their_rows_and_are_reported() {
    let p = fixture("figures_two_level_header.txt");
    let b = p.breakdown.as_ref().expect("table");
    let numbers: Vec<u32> = b.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let areas: Vec<Vec<&str>> = b
        .rows
        .iter()
        .map(|r| r.implementers.iter().map(|d| d.as_str()).collect())
        .collect();
    assert_eq!(areas, [["甲街道"], ["乙镇"], ["丙镇"]]);
    // Row 2 ends with its own figures, not with the next row's number.
    let lines: Vec<usize> = b.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [19, 26, 34]);
    let header: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Structure && w.message.contains("header"))
        .collect();
    assert_eq!(header.len(), 1, "{:?}", p.warnings);
    // The first column name that was not read, the header's line, and
    // what was expected.
    assert_eq!(header[0].line, 12);
    let m = &header[0].message;
    assert!(m.contains("line 8"), "{m}");
    assert!(m.contains("`达标小区累计(个)` … `吨/日`"), "{m}");
    assert!(header[0]
        .message
        .contains("expected one header cell per column"));
    // No row-number warnings for figures that look like numbers.
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
