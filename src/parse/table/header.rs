//! Header cells of the breakdown table and the role of each column.
//! Cells split over two lines (`牵头` / `部门`) are joined again. Also what
//! a column's cells are when they hold figures: a year's (`2022年计划`) or
//! a measure's in the header's unit (`服务点累计（个）`, `可回收物量` over
//! `吨/日`). And the columns of an indicator table (指标体系, 考核指标):
//! [`IndicatorColumn`].

use crate::text::units::is_unit;
use regex::Regex;
use std::sync::LazyLock;

/// A year column: `2021年`, `2022年计划`, `2023年目标`.
static YEAR_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})\s*年度?(?:计划|目标|任务|目标任务)?$").expect("valid regex")
});
/// A unit in brackets ending a header cell: `服务点累计（个）`.
static UNIT_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(]([^（）()\d]{1,6})[）)]\s*$").expect("valid regex"));

/// The year a year column's cells are for (`2022年计划` → 2022).
pub fn column_year(name: &str) -> Option<u16> {
    YEAR_COLUMN
        .captures(name.trim())?
        .get(1)?
        .as_str()
        .parse()
        .ok()
}

/// The unit a column's bare figures are in and what they measure: a unit
/// in brackets ending its name (`服务点累计（个）` → `个`, `服务点累计`), or
/// its last line when that is only a unit (`可回收物量` / `吨/日`, the
/// header's line of units under the column's name).
pub fn column_unit(name: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = name.lines().map(str::trim).collect();
    let (last, above) = lines.split_last()?;
    if is_unit(last) && !above.is_empty() {
        return Some(((*last).to_owned(), above.join("")));
    }
    let c = UNIT_AT_END.captures(last)?;
    let unit = c.get(1)?.as_str().trim();
    let metric = format!("{}{}", above.join(""), last.get(..c.get(0)?.start())?);
    is_unit(unit).then(|| (unit.to_owned(), metric))
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Number,
    Content,
    Lead,
    Cooperating,
    Implementer,
    /// `责任单位`, `推进单位`: when it is the only unit column its first unit
    /// leads and the rest co-operate; next to a co-operating column it leads.
    Responsible,
    Extra,
}

impl Role {
    pub fn is_unit(self) -> bool {
        matches!(
            self,
            Role::Lead | Role::Cooperating | Role::Implementer | Role::Responsible
        )
    }
}

const NUMBER: &[&str] = &["序号", "编号"];
const CONTENT: &[&str] = &[
    "任务内容",
    "工作任务",
    "重点任务",
    "主要任务",
    "具体任务",
    "工作内容",
    "任务",
    "内容",
    "主要内容",
    "工作措施",
    "重点工作",
    "工作事项",
    "具体措施",
    "目标任务",
    "任务措施",
    "重点工作任务",
    "主要工作",
    "工作目标",
    "重点内容",
    "具体内容",
    "任务要求",
    "工作要求",
    "主要措施",
];
/// Words of other header cells (`任务名称`, `时间节点`, `完成时间`,
/// `参考文件`).
const OTHER: &[&str] = &[
    "计划", "时限", "时间", "类型", "备注", "目标", "进度", "名称", "节点", "文件", "依据", "期限",
    "成果", "要求", "指标",
];
/// Fragments a header cell may be split into.
const HEADS: &[&str] = &[
    "牵头", "配合", "协同", "协办", "参与", "责任", "推进", "实施", "任务", "工作", "完成", "序",
];
const TAILS: &[&str] = &[
    "单位", "部门", "主体", "内容", "类型", "时限", "时间", "号", "任务", "措施",
];

/// Kinds of area a table breaks its work down to (`街镇`, `园区`): a column
/// headed by them (`街镇、园区`) names each row's implementing unit.
const AREAS: &[&str] = &[
    "街镇",
    "镇街",
    "街道",
    "乡镇",
    "镇",
    "园区",
    "区县",
    "县区",
    "县市区",
    "各区",
    "地区",
];

/// `街镇`, `街镇、园区`: a header naming only kinds of area.
fn is_area_column(name: &str) -> bool {
    name.split(['、', '/'])
        .all(|part| AREAS.contains(&part.trim()))
}

pub fn role_of(name: &str) -> Role {
    if NUMBER.contains(&name) {
        Role::Number
    } else if name.contains("牵头") || name == "主办单位" {
        Role::Lead
    } else if ["协同", "配合", "参与", "协办", "协助"]
        .iter()
        .any(|k| name.contains(k))
    {
        Role::Cooperating
    } else if name.contains("实施主体")
        || name.contains("实施单位")
        || name.contains("责任主体")
        || is_area_column(name)
    {
        Role::Implementer
    } else if name.ends_with("单位") || name.ends_with("部门") {
        Role::Responsible
    } else if CONTENT.contains(&name) {
        Role::Content
    } else {
        Role::Extra
    }
}

/// True for the line that opens a table header: `序号` alone on its line
/// (a flattened table), or among the first three cells of a delimited
/// line (a `任务类型` or `行动` column may come before it).
pub fn is_header_start(text: &str) -> bool {
    if !text.contains(['|', '\t']) {
        return is_number_column(text);
    }
    text.trim_start_matches('|')
        .split(['|', '\t'])
        .take(3)
        .any(is_number_column)
}

/// What a column of an indicator table (指标体系, 监测指标, 考核指标)
/// holds. Only [`IndicatorColumn::Criterion`] states targets: definitions
/// hold formulas and figures that are no goal (`…/辖区内常住人口数*100%`),
/// scoring rules award points (`每降低1个百分点扣1分`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorColumn {
    /// The indicator's name (`二级指标`, `指标名称`); in a header of
    /// levels (`一级指标` / `二级指标`) the last is the row's own and the
    /// ones before it group the rows.
    Indicator,
    /// What the indicator must reach (`评价标准`, `目标值`, `2025年目标`).
    Criterion,
    /// What it means, how it is computed or scored (`指标含义`,
    /// `计算方法`, `评分标准`).
    Definition,
    /// Where its figures come from (`数据来源`).
    Source,
}

const INDICATOR: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标",
    "四级指标",
    "指标",
    "指标名称",
    "具体指标",
    "考核指标",
    "监测指标",
    "评价指标",
    "指标项",
];
const CRITERION: &[&str] = &[
    "评价标准",
    "考核标准",
    "目标值",
    "指标值",
    "预期目标",
    "目标要求",
    "考核要求",
    "评价要求",
];
const DEFINITION: &[&str] = &[
    "指标含义",
    "指标说明",
    "指标解释",
    "指标定义",
    "计算方法",
    "计算公式",
    "评分标准",
    "评分方法",
    "考核方法",
    "评价方法",
];
const SOURCE: &[&str] = &["数据来源", "数据提供", "来源"];

/// The role of column `name` in an indicator table; `None` for a column
/// no indicator table is known by. A year's column (`2025年目标`) is a
/// criterion.
pub fn indicator_column(name: &str) -> Option<IndicatorColumn> {
    let name = name.trim();
    if INDICATOR.contains(&name) {
        Some(IndicatorColumn::Indicator)
    } else if CRITERION.contains(&name) || column_year(name).is_some() {
        Some(IndicatorColumn::Criterion)
    } else if DEFINITION.contains(&name) {
        Some(IndicatorColumn::Definition)
    } else if SOURCE.contains(&name) {
        Some(IndicatorColumn::Source)
    } else {
        None
    }
}

/// Whether header cells `names` are an indicator table's: a column naming
/// indicators and one stating their criterion (`二级指标` … `评价标准`).
pub fn is_indicator_header(names: &[&str]) -> bool {
    let has = |role| names.iter().any(|n| indicator_column(n) == Some(role));
    has(IndicatorColumn::Indicator) && has(IndicatorColumn::Criterion)
}

/// True for a line that can be (part of) a header cell in a flattened table.
pub fn is_header_cell(text: &str) -> bool {
    let n = text.chars().count();
    n <= 12
        && (!text.contains(['。', ',', '、']) || is_area_column(text))
        && (role_of(text) != Role::Extra
            || indicator_column(text).is_some()
            || column_year(text).is_some()
            || HEADS.contains(&text)
            || TAILS.contains(&text)
            || OTHER.iter().any(|w| text.contains(w)))
}

/// Whether a row of cells (a spreadsheet's row, a delimited line) is a
/// table's header: two cells or more that are header cells
/// ([`is_header_cell`]), one of them naming the number column or a unit
/// column (`序号`, `牵头单位`, `实施主体`), or an indicator table's
/// ([`is_indicator_header`]: `二级指标` … `评价标准`). The one vocabulary of header
/// cells, for the flattened text and for `crate::source`'s spreadsheets.
pub fn is_header_row(cells: &[&str]) -> bool {
    let heads = cells.iter().filter(|c| is_header_cell(c.trim())).count();
    let trimmed: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
    heads >= 2
        && (cells.iter().any(|c| {
            let role = role_of(c.trim());
            is_header_cell(c.trim()) && (role == Role::Number || role.is_unit())
        }) || is_indicator_header(&trimmed))
}

/// `序号`, `编号`: the name of a table's number column.
pub fn is_number_column(name: &str) -> bool {
    NUMBER.contains(&name.trim())
}

/// The table's columns: names as written and their roles.
#[derive(Debug, Clone)]
pub struct Columns {
    pub names: Vec<String>,
    roles: Vec<Role>,
}

impl Columns {
    /// Reads header cells, joining halves split over two lines.
    pub fn from_cells(cells: &[&str]) -> Columns {
        let mut names: Vec<String> = Vec::new();
        let mut i = 0;
        while let Some(&c) = cells.get(i) {
            let next = cells.get(i + 1).copied().unwrap_or("");
            if HEADS.contains(&c) && TAILS.contains(&next) {
                names.push(format!("{c}{next}"));
                i += 2;
            } else {
                names.push(c.to_owned());
                i += 1;
            }
        }
        let mut roles: Vec<Role> = names.iter().map(|n| role_of(n)).collect();
        // No recognised content column: the first text column that does
        // not name a kind of task (`任务类型`) is the content; a column of
        // figures (a year's, or in a unit its header states) never is.
        if !roles.contains(&Role::Content) {
            let extra = |i: &usize| {
                roles[*i] == Role::Extra
                    && column_year(&names[*i]).is_none()
                    && column_unit(&names[*i]).is_none()
            };
            let content = (0..roles.len())
                .filter(extra)
                .find(|&i| !names[i].contains("类型"))
                .or_else(|| (0..roles.len()).find(extra));
            if let Some(i) = content {
                roles[i] = Role::Content;
            }
        }
        Columns { names, roles }
    }

    pub fn role(&self, i: usize) -> Role {
        self.roles.get(i).copied().unwrap_or(Role::Extra)
    }

    pub fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", String::as_str)
    }

    pub fn index_of(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|&r| r == role)
    }

    pub fn unit_columns(&self) -> Vec<usize> {
        (0..self.roles.len())
            .filter(|&i| self.roles[i].is_unit())
            .collect()
    }

    /// True when the only unit column names no role (`推进单位`).
    pub fn roles_unstated(&self) -> bool {
        let units = self.unit_columns();
        units.len() == 1 && units.iter().all(|&i| self.roles[i] == Role::Responsible)
    }

    /// A text column printed before the number column (`任务类型` /
    /// `序号` / …): in a flattened table its value comes before the row
    /// number, once for the rows it covers.
    pub fn leading_text_column(&self) -> Option<usize> {
        let number = self.index_of(Role::Number)?;
        (0..number).find(|&i| matches!(self.roles[i], Role::Content | Role::Extra))
    }

    /// Text columns between the number column (if any) and the first unit
    /// column, and after the last unit column.
    pub fn text_columns_around_units(&self) -> (Vec<usize>, Vec<usize>) {
        let units = self.unit_columns();
        let first = units.first().copied().unwrap_or(self.roles.len());
        let last = units.last().copied().unwrap_or(self.roles.len());
        let text = |i: &usize| matches!(self.roles[*i], Role::Content | Role::Extra);
        let from = self.index_of(Role::Number).map_or(0, |n| n + 1);
        let before = (from..first).filter(text).collect();
        let after = (last + 1..self.roles.len()).filter(text).collect();
        (before, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Headers of the genre's tables, as a spreadsheet row holds them: each
    /// is found as a header row, and read cell by cell, one a line, as the
    /// flattened text prints it, every cell is a header cell and a column
    /// of its own, with the unit columns' roles.
    #[test]
    fn a_header_row_found_in_a_sheet_is_read_as_flattened_header_cells() {
        let headers: &[&[&str]] = &[
            &["序号", "任务内容", "牵头单位", "配合单位", "完成时限"],
            &[
                "序号",
                "重点任务",
                "牵头部门",
                "配合部门",
                "实施主体",
                "时间节点",
            ],
            &["编号", "工作任务", "责任单位"],
            &[
                "任务类型",
                "序号",
                "任务名称",
                "牵头单位",
                "协同单位",
                "完成时间",
            ],
            &["序号", "工作措施", "推进单位", "备注"],
        ];
        for cells in headers {
            assert!(is_header_row(cells), "{cells:?}");
            assert!(cells.iter().all(|c| is_header_cell(c)), "{cells:?}");
            let columns = Columns::from_cells(cells);
            assert_eq!(columns.names, *cells);
            assert!(!columns.unit_columns().is_empty(), "{cells:?}");
        }
        let three = Columns::from_cells(headers[1]);
        let roles: Vec<Role> = (2..5).map(|i| three.role(i)).collect();
        assert_eq!(roles, [Role::Lead, Role::Cooperating, Role::Implementer]);
    }

    /// A title row, a row of prose and a header with no number or unit
    /// column are no header.
    #[test]
    fn rows_without_a_key_column_or_header_words_are_not_headers() {
        assert!(!is_header_row(&["2019年重点工作任务分解表"]));
        assert!(!is_header_row(&["推进城市更新，完成改造。", "区建管委"]));
        assert!(!is_header_row(&["任务名称", "完成时间"]));
    }

    /// Indicator tables' headers, and task tables' that are none.
    #[test]
    fn indicator_headers_name_an_indicator_and_its_criterion() {
        let yes: &[&[&str]] = &[
            &["一级指标", "二级指标", "评价标准", "指标含义", "数据来源"],
            &["指标名称", "目标值", "计算方法"],
            &["一级指标", "二级指标", "三级指标", "2025年目标"],
        ];
        for names in yes {
            assert!(is_indicator_header(names), "{names:?}");
            assert!(names.iter().all(|n| is_header_cell(n)), "{names:?}");
        }
        // A spreadsheet's header row with no number or unit column.
        assert!(is_header_row(yes[0]));
        // Scoring rules and definitions are no criterion.
        assert!(!is_indicator_header(&["指标名称", "评分标准", "数据来源"]));
        assert!(!is_indicator_header(&[
            "序号",
            "工作任务",
            "牵头单位",
            "完成时限"
        ]));
        assert_eq!(
            indicator_column("评分标准"),
            Some(IndicatorColumn::Definition)
        );
        assert_eq!(indicator_column("源头达标实效指标"), None);
    }

    /// Column cells stating a year or a unit, and what they read as.
    #[test]
    fn year_and_unit_columns() {
        assert_eq!(column_year("2022年计划"), Some(2022));
        assert_eq!(column_year("2021年"), Some(2021));
        assert_eq!(column_year("2021年工作总结"), None);
        assert_eq!(
            column_unit("服务点累计(个)"),
            Some(("个".to_owned(), "服务点累计".to_owned()))
        );
        assert_eq!(
            column_unit("可回收物量\n吨/日"),
            Some(("吨/日".to_owned(), "可回收物量".to_owned()))
        );
        // A bracket that names no unit (`(绿色账户)`) is part of the name.
        assert_eq!(column_unit("垃圾分类(绿色账户)累计数"), None);
    }
}
