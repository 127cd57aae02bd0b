//! A flattened row's lines cut into the parts its columns hold.
//!
//! A row of a flattened table is its lines after the row number: text
//! cells, then a run of unit cells, then text cells after the units. Two
//! shapes of the genre break a simple left-to-right reading:
//!
//! - an empty cell printed as a mark (`/`, `—`, `-`, `无`) among the unit
//!   cells: it holds its column's place and names no unit, so the cells
//!   after it stay under their own columns;
//! - sub-rows under one shared `序号` (and its merged `工作事项`): after the
//!   first sub-row's unit cells comes the next sub-row's text, then its own
//!   unit cells, and so on. Each sub-row is a [`Segment`]; its text cells
//!   stand under the text columns nearest the units, the left ones being
//!   the merged cells printed once with the first sub-row.
//!
//! Lines that cannot be placed (text after the last unit cells of a table
//! with no text column after its units: a note, a group heading not
//! recognised) are returned as `leftover`, for a warning: the caller never
//! drops them silently.

use crate::parse::units::looks_like_units;

/// A line of a row: its line number and text.
pub type RowLine = (usize, String);

/// One sub-row: its text cells before the units, its unit cells (an empty
/// mark is `None` and keeps its column's place) and its text cells after
/// the units.
#[derive(Debug, Default, PartialEq)]
pub struct Segment {
    pub text: Vec<RowLine>,
    pub units: Vec<(usize, Option<String>)>,
    pub trail: Vec<RowLine>,
}

/// A row cut into sub-rows, with the lines after the last one that hold
/// no unit cells of their own.
#[derive(Debug, Default, PartialEq)]
pub struct Aligned {
    pub segments: Vec<Segment>,
    pub leftover: Vec<RowLine>,
}

/// A cell printed for an empty cell: `/`, `／`, `—`, `——`, `-`, `－`, `–`,
/// `无`.
pub fn is_empty_mark(text: &str) -> bool {
    let t = text.trim();
    t == "无"
        || (!t.is_empty()
            && t.chars()
                .all(|c| matches!(c, '/' | '／' | '—' | '–' | '-' | '－')))
}

/// Cuts a row's `lines` into sub-rows. `before`, `units` and `after` are
/// the numbers of text columns before the unit columns, of unit columns,
/// and of text columns after them; `forced`
/// lines open the row as text whatever they look like. `None` when the row
/// names no unit at all (its units are a merged cell shared from above).
pub fn segments(
    lines: &[RowLine],
    before: usize,
    units: usize,
    after: usize,
    forced: usize,
    known: &[String],
) -> Option<Aligned> {
    let unit = |j: usize| lines.get(j).is_some_and(|l| looks_like_units(&l.1, known));
    let mark = |j: usize| lines.get(j).is_some_and(|l| is_empty_mark(&l.1));
    let n = lines.len();
    let mut aligned = Aligned::default();
    let mut i = 0;
    while i < n {
        // A sub-row opens with at least one text line, the first row with
        // its forced ones. Marks just before the first unit line are empty
        // unit cells, except where the text columns still need a cell.
        let first = aligned.segments.is_empty();
        let from = if first { forced } else { i + 1 };
        let Some(first_unit) = (from..n).find(|&j| unit(j)) else {
            break;
        };
        let text_floor = if first {
            forced.max(before).min(first_unit)
        } else {
            from
        };
        let mut start = first_unit;
        while start > text_floor && mark(start - 1) {
            start -= 1;
        }
        // The run of unit cells; a mark past the unit columns' count is
        // an empty text cell after them.
        let mut end = first_unit;
        while end < n && (unit(end) || (mark(end) && end - start < units)) {
            end += 1;
        }
        // Text after the units: up to `after` cells that name no unit;
        // then the next sub-row, when unit cells follow.
        let mut trail_end = end;
        while trail_end < n && trail_end - end < after && !unit(trail_end) {
            trail_end += 1;
        }
        let more = (trail_end + 1..n).any(&unit);
        if !more && after > 0 {
            trail_end = n;
        }
        aligned.segments.push(Segment {
            text: lines.get(i..start).unwrap_or(&[]).to_vec(),
            units: lines
                .get(start..end)
                .unwrap_or(&[])
                .iter()
                .map(|(no, t)| (*no, (!is_empty_mark(t)).then(|| t.clone())))
                .collect(),
            trail: lines.get(end..trail_end).unwrap_or(&[]).to_vec(),
        });
        i = trail_end;
    }
    if aligned.segments.is_empty() {
        return None;
    }
    aligned.leftover = lines.get(i..).unwrap_or(&[]).to_vec();
    Some(aligned)
}

#[cfg(test)]
mod tests {
    use crate::model::DeptName;

    fn parse(text: &str) -> crate::model::Policy {
        crate::parse::tests::parse(text).expect("a plan")
    }

    fn names(v: &[DeptName]) -> Vec<&str> {
        v.iter().map(DeptName::as_str).collect()
    }

    /// An annex table whose row 1 holds two sub-rows under one 序号 and
    /// one 工作事项, each with its own 主要内容 and unit cells, and a `/`
    /// for an empty 配合单位 cell.
    const SUB_ROWS: &str = "方案\n一、任务\n(一)行动。推进。\n附件\n任务分工表\n序号\n工作事项\n主要内容\n牵头单位\n配合单位\n局内牵头处室\n局内配合处室\n\
        1\n扩大来源。\n推动人才向基层倾斜。\n各区政府\n市卫生健康委\n基层处\n医政处\n\
        加大招聘力度，保障用人需求。\n各区政府、市卫生健康委\n/\n人事处\n基层处\n\
        2\n优化团队。\n组建团队提供服务。\n各区政府\n市人社局\n基层处\n/\n";

    #[test]
    fn sub_rows_under_one_number_keep_every_unit_cell() {
        let p = parse(SUB_ROWS);
        let rows = p.rows();
        assert_eq!(rows.len(), 2, "{rows:#?}");
        let r1 = &rows[0];
        assert_eq!(
            r1.content,
            "推动人才向基层倾斜。\n加大招聘力度,保障用人需求。"
        );
        assert_eq!(
            names(&r1.lead),
            ["各区政府", "市卫生健康委", "基层处", "人事处"]
        );
        assert_eq!(names(&r1.cooperating), ["市卫生健康委", "医政处", "基层处"]);
        assert_eq!(r1.extra, [("工作事项".to_owned(), "扩大来源。".to_owned())]);
        let r2 = &rows[1];
        assert_eq!(names(&r2.lead), ["各区政府", "基层处"]);
        assert_eq!(names(&r2.cooperating), ["市人社局"]);
    }

    fn structure(p: &crate::model::Policy) -> Vec<String> {
        p.warnings
            .iter()
            .filter(|w| w.kind == crate::model::WarningKind::Structure)
            .map(|w| format!("{}: {}", w.line, w.message))
            .collect()
    }

    #[test]
    fn sub_rows_are_read_without_a_warning() {
        assert_eq!(structure(&parse(SUB_ROWS)), Vec::<String>::new());
    }

    /// `/`, `—`, `无` for an empty lead or co-operating cell hold their
    /// column's place; a `/` under a text column stays text.
    #[test]
    fn an_empty_cell_mark_keeps_the_next_cells_in_their_columns() {
        let p = parse(
            "方案\n一、任务\n(一)行动。推进。\n附件\n任务分工表\n序号\n工作任务\n牵头单位\n配合单位\n实施主体\n\
             1\n推进甲。\n/\n市财政局\n各区政府\n\
             2\n推进乙。\n市科技局\n—\n各街道\n\
             3\n推进丙。\n市发改委\n无\n/\n",
        );
        let rows = p.rows();
        assert_eq!(rows.len(), 3, "{rows:#?}");
        assert!(rows[0].lead.is_empty());
        assert_eq!(names(&rows[0].cooperating), ["市财政局"]);
        assert_eq!(names(&rows[0].implementers), ["各区政府"]);
        assert_eq!(names(&rows[1].lead), ["市科技局"]);
        assert!(rows[1].cooperating.is_empty());
        assert_eq!(names(&rows[1].implementers), ["各街道"]);
        assert_eq!(names(&rows[2].lead), ["市发改委"]);
        assert!(rows[2].cooperating.is_empty() && rows[2].implementers.is_empty());
        assert!(!rows[2].shared_units);

        let p = parse(
            "方案\n一、任务\n(一)行动。推进。\n附件\n任务分工表\n序号\n工作任务\n备注\n牵头单位\n配合单位\n\
             1\n推进甲。\n/\n市科技局\n市财政局\n",
        );
        let r = &p.rows()[0];
        assert_eq!(r.extra, [("备注".to_owned(), "/".to_owned())]);
        assert_eq!(names(&r.lead), ["市科技局"]);
        assert_eq!(names(&r.cooperating), ["市财政局"]);
    }

    /// A sub-row with fewer unit cells than columns, and text after the
    /// last unit cells: the first kept, the second in no column,
    /// and each said with its line.
    #[test]
    fn cells_that_cannot_be_aligned_are_warned_with_their_line() {
        let p = parse(
            "方案\n一、任务\n(一)行动。推进。\n附件\n任务分工表\n序号\n工作事项\n主要内容\n牵头单位\n配合单位\n\
             1\n扩大来源。\n推动人才向基层倾斜。\n各区政府\n市人社局\n\
             加大招聘力度。\n市卫生健康委\n\
             另行部署，逐年推进。\n",
        );
        let r = &p.rows()[0];
        assert_eq!(names(&r.lead), ["各区政府", "市卫生健康委"]);
        assert_eq!(r.content, "推动人才向基层倾斜。\n加大招聘力度。");
        let w = structure(&p);
        assert_eq!(w.len(), 2, "{w:#?}");
        assert!(
            w[0].starts_with("17: table row 1 (line 11): sub-row 2 has 1 unit cell(s) for 2"),
            "{w:#?}"
        );
        assert!(w[0].contains("(牵头单位 / 配合单位)"), "{w:#?}");
        assert!(
            w[1].starts_with("18: table row 1 (line 11): 1 line(s) from `另行部署"),
            "{w:#?}"
        );
    }

    /// A `/` after the last unit column is the empty cell of the text
    /// column that follows, not a unit cell.
    #[test]
    fn a_mark_past_the_unit_columns_is_a_text_cell() {
        let p = parse(
            "方案\n一、任务\n(一)行动。推进。\n附件\n任务分工表\n序号\n工作任务\n牵头单位\n配合单位\n完成时限\n备注\n\
             1\n推进甲。\n市科技局\n市财政局\n/\n逐年推进\n",
        );
        let r = &p.rows()[0];
        assert_eq!(names(&r.lead), ["市科技局"]);
        assert_eq!(names(&r.cooperating), ["市财政局"]);
        assert_eq!(
            r.extra,
            [
                ("完成时限".to_owned(), "/".to_owned()),
                ("备注".to_owned(), "逐年推进".to_owned())
            ]
        );
    }

    /// A table naming its work twice (`工作事项` / `主要内容`): the later
    /// column is the row's content, so its figures are targets; the title
    /// stays an extra cell.
    #[test]
    fn the_later_of_two_work_columns_is_the_content() {
        let p = parse(
            "方案\n一、任务\n(一)行动。推进。\n附件\n任务分工表\n序号\n工作事项\n主要内容\n牵头单位\n配合单位\n\
             1\n建设工作室。\n到2025年,签约服务覆盖率达到80%。\n市卫生健康委\n各区政府\n",
        );
        let r = &p.rows()[0];
        assert_eq!(r.content, "到2025年,签约服务覆盖率达到80%。");
        assert_eq!(
            r.extra,
            [("工作事项".to_owned(), "建设工作室。".to_owned())]
        );
        let row_targets: Vec<_> = p
            .targets
            .iter()
            .filter(|t| t.mentions.iter().any(|m| m.item == r.id))
            .map(|t| (t.value.written.as_str(), t.unit.as_str(), t.deadline))
            .collect();
        assert_eq!(row_targets, [("80", "%", Some(2025))]);
    }

    /// An annex before the task table that no table could be read in (a
    /// table of indicators with no `序号` and no criterion column): warned
    /// at its line, so the document does not look clean.
    #[test]
    fn an_unread_annex_before_the_task_table_is_warned() {
        let p = parse(
            "方案\n一、任务\n(一)行动。推进。\n附件1\n某市监测指标体系\n一级指标\n二级指标\n2022年现状\n\
             签约数量指标\n1.重点人群签约服务覆盖率\n60%。\n\
             附件2\n任务分工表\n序号\n工作任务\n牵头单位\n1\n推进甲。\n市科技局\n",
        );
        assert_eq!(p.rows().len(), 1);
        let w = structure(&p);
        assert_eq!(w.len(), 1, "{w:#?}");
        assert!(
            w[0].starts_with("4: annex `附件1` comes before the task table"),
            "{w:#?}"
        );
    }
}
