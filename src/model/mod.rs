//! The document model: plain data, no I/O.
//!
//! A [`Policy`] is what the parser makes of one seed file: an optional
//! [`Notice`] that issues a [`Plan`], an optional annex [`Breakdown`] table,
//! and the quantitative [`Target`]s found in all of them. Every addressable
//! piece carries an ID derived from the document's structure (`chapter-3`,
//! `section-3-8`, `task-12`, `subtask-5`, `task-12-p2`, `row-4`,
//! `task-12-target-3fa9c1`), so the ID stays the same when the wording is
//! edited or other items are added or removed. Later stages (content, link,
//! render) build their own values around this model and never change it,
//! with one exception: the link stage first applies the curated corrections
//! of the parser's readings (`content/corrections/`, see
//! `crate::link::corrections`), never of the text.
//!
//! Serde's form of the model is `inspect --json`'s (it leaves fields out);
//! the Borsh form holds every field, for the parse cache
//! ([`crate::incremental::ParseCache`]).

mod ids;
mod lang;
mod target;
mod units;

pub use ids::{fingerprint, fingerprint_bytes, fingerprint_lines, DeptName, ItemId, PolicyId};
pub use lang::{Lang, Localized};
pub use target::{Comparator, DeadlineSource, Kind, Mention, Target, TargetValue};
pub use units::TextUnit;

use borsh::{BorshDeserialize, BorshSerialize};
use serde::Serialize;

/// One seed document: notice + plan + annex table + targets.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Policy {
    /// From the seed's file stem; the content slug may replace it in URLs.
    pub id: PolicyId,
    /// Path of the seed file, relative to the portal root, for diagnostics.
    pub source: String,
    pub notice: Option<Notice>,
    pub plan: Plan,
    pub breakdown: Option<Breakdown>,
    pub targets: Vec<Target>,
    /// Consistency warnings found while parsing (file and line inside).
    pub warnings: Vec<ParseWarning>,
    /// The seed's lines as decoded, before normalisation: line `n` is
    /// `published_lines[n - 1]`. Every other text field is normalised for
    /// matching; pages show the official text as published, so the
    /// renderer spells text back with [`crate::text::as_published`].
    #[serde(skip)]
    pub published_lines: Vec<String>,
}

/// A paragraph of running text: the unit of anchoring and translation.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Paragraph {
    /// `task-12-p2`: numbered within its parent item (`notice`, `preamble`,
    /// a chapter, section or task; a heading line's body is `p1`), so an
    /// insertion renumbers only its siblings. See [`ItemId::paragraph`].
    pub id: ItemId,
    /// Verbatim text after normalisation, with any responsibility clause
    /// removed (the clause lives in [`Clause`]).
    pub text: String,
    /// 1-based line in the seed file.
    pub line: usize,
}

/// The covering notice (通知) that issues the plan.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Notice {
    pub title: String,
    /// `发布时间:2018-08-28` as ISO date.
    pub published: Option<String>,
    /// The document number (发文字号), from a line of its own near the
    /// title or `发文字号:…`; `None` when the text states none (the page
    /// then says "not stated").
    pub number: Option<DocNumber>,
    /// `各县(市)区委……:`
    pub recipients: Option<Paragraph>,
    pub body: Vec<Paragraph>,
    /// `中共南通市委办公室`, `南通市人民政府办公室`.
    pub signers: Vec<String>,
    /// `2017年12月15日` as ISO date `2017-12-15`.
    pub signed: Option<String>,
    pub line: usize,
}

/// `通办发〔2017〕107号` (normalised, as every text field) and its line, so
/// pages can spell it as published.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct DocNumber {
    pub text: String,
    pub line: usize,
}

/// The plan (行动方案, 实施意见 …) itself.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Plan {
    pub title: String,
    /// First and last year, e.g. 2017–2020.
    pub period: Option<Period>,
    pub preamble: Vec<Paragraph>,
    pub chapters: Vec<Chapter>,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, Serialize, BorshSerialize, BorshDeserialize, PartialEq, Eq)]
pub struct Period {
    pub start: u16,
    pub end: u16,
}

/// `一、总体思路和基本原则`
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Chapter {
    /// `chapter-1`
    pub id: ItemId,
    pub number: u32,
    /// The numeral as written (`一`).
    pub label: String,
    pub title: String,
    /// Paragraphs before the first section.
    pub paragraphs: Vec<Paragraph>,
    /// A clause in a chapter that has no sections (a measure or 保障措施
    /// chapter answered for as a whole).
    pub clause: Option<Clause>,
    pub sections: Vec<Section>,
    pub line: usize,
}

/// `(一)现代产业创新体系培育行动。…(市科技局牵头,…等参与)`
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Section {
    /// `section-3-1` (chapter number, section number).
    pub id: ItemId,
    pub number: u32,
    pub label: String,
    /// Up to the first `。`, without the clause.
    pub title: String,
    /// Text after the title on the heading line, clause removed.
    pub body: Option<Paragraph>,
    pub clause: Option<Clause>,
    /// Paragraphs after the heading and before the first task.
    pub paragraphs: Vec<Paragraph>,
    pub tasks: Vec<Task>,
    pub line: usize,
}

/// `12.推进产学研深度融合。…`
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Task {
    /// `task-12` when task numbers are unique in the document, else
    /// `task-3-1-2` (chapter, section, number).
    pub id: ItemId,
    pub number: u32,
    pub title: String,
    pub body: Option<Paragraph>,
    pub clause: Option<Clause>,
    /// Further paragraphs belonging to the task, before its first subtask.
    pub paragraphs: Vec<Paragraph>,
    /// The numbered items under a `1.` task (`(1)`, `(2)`): the plan's
    /// fourth level, often the one that carries the clauses. Empty in a
    /// plan of three levels (and then left out of the JSON).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subtasks: Vec<Subtask>,
    pub line: usize,
}

/// `(1)打造世界级信息技术装备产业高地。…(责任单位:…)`: a numbered item
/// under a `1.` task. A `(1)` straight under a section (`(一)`) is a task,
/// not a subtask.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Subtask {
    /// `subtask-5` when subtask numbers are unique in the document (they
    /// run on across tasks), else `subtask-2-1-1-5` (chapter, section,
    /// task, number).
    pub id: ItemId,
    pub number: u32,
    /// Up to the first `。`, without the clause.
    pub title: String,
    pub body: Option<Paragraph>,
    pub clause: Option<Clause>,
    /// Further paragraphs belonging to the subtask.
    pub paragraphs: Vec<Paragraph>,
    pub line: usize,
}

/// Who answers for an action: `(市科技局牵头,市发改委、市经信委等参与)`.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize, PartialEq, Eq)]
pub struct Clause {
    pub lead: Vec<DeptName>,
    pub participants: Vec<DeptName>,
    /// False when the source lists the units with no roles
    /// (`(责任单位:X、Y)`): the first unit is then put in `lead` and the
    /// rest in `participants` by position only, and none is known to lead.
    pub roles_stated: bool,
    /// Units that guide the work rather than do it (`(生态环境部指导)`).
    pub guiding: Vec<DeptName>,
    /// Units that carry the work out under a unit that leads or guides
    /// (`(X牵头,Y具体实施)`, `(X指导,Y负责落实)`), as an annex's
    /// `实施主体` column names them ([`BreakdownRow::implementers`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub implementing: Vec<DeptName>,
    /// The clause exactly as written, brackets included; when a paragraph
    /// holds several clauses for one item, they are merged and their texts
    /// joined in order.
    pub raw: String,
    pub line: usize,
}

impl Clause {
    /// The units that take part without leading: participants, then the
    /// implementing units, which the site (like an annex's `实施主体`
    /// column, [`BreakdownRow::implementers`]) counts as co-operating.
    pub fn others(&self) -> impl Iterator<Item = &DeptName> {
        self.participants.iter().chain(&self.implementing)
    }

    /// Every unit that does the work (not the guiding ones): leads, then
    /// [`Clause::others`].
    pub fn units(&self) -> impl Iterator<Item = &DeptName> {
        self.lead.iter().chain(self.others())
    }
}

/// The annex task tables: the first (重点工作任务分解表) and any further
/// annex tables after it (`附件2 …目标任务分解表`, `附件3 …工作指标`).
/// `title`, `columns` and `line` are the first table's; `rows` holds the
/// rows of every table in document order, each naming its table in
/// [`BreakdownRow::table`], so a document with one table reads as before.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Breakdown {
    pub title: String,
    /// Header cells as written (`序号`, `任务内容`, `牵头单位`, `协同单位`).
    pub columns: Vec<String>,
    pub rows: Vec<BreakdownRow>,
    pub line: usize,
    /// The tables after the first, each with its own title and header.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub further: Vec<AnnexTable>,
    /// What the first table is: a task table unless said.
    #[serde(skip_serializing_if = "TableKind::is_tasks")]
    pub kind: TableKind,
}

/// What an annex table is.
#[derive(
    Debug, Clone, Copy, Default, Serialize, BorshSerialize, BorshDeserialize, PartialEq, Eq,
)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Tasks and the units responsible (分解表, 任务清单).
    #[default]
    Tasks,
    /// Indicators and the criterion each is measured by (指标体系,
    /// 考核指标): rows named by their indicator, grouped under the
    /// categories printed once before them, with no units. Only the
    /// criterion columns (评价标准, 目标值) state targets.
    Indicators,
}

impl TableKind {
    fn is_tasks(&self) -> bool {
        *self == TableKind::Tasks
    }
}

/// A task table after the first one: its title, header and first line.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct AnnexTable {
    /// `annex-2` from the annex's own number (`附件2`), else `table-2`
    /// from its place among the tables; prefixes its rows' IDs.
    pub id: ItemId,
    pub title: String,
    pub columns: Vec<String>,
    pub line: usize,
    #[serde(skip_serializing_if = "TableKind::is_tasks")]
    pub kind: TableKind,
}

#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct BreakdownRow {
    /// `row-4` in the first table, `annex-2-row-4` in a further one.
    pub id: ItemId,
    /// The row's number (`序号`), or its place in a table without one.
    pub number: u32,
    /// 0 in the first table; `k` in [`Breakdown::further`]`[k - 1]`.
    #[serde(skip_serializing_if = "is_zero")]
    pub table: usize,
    /// Group header the row sits under (`行动一……`), if the table has groups.
    pub group: Option<String>,
    pub content: String,
    pub lead: Vec<DeptName>,
    pub cooperating: Vec<DeptName>,
    /// A third unit column (`实施主体`), when the table has one.
    pub implementers: Vec<DeptName>,
    /// Text columns other than the task content (task type, yearly plans).
    pub extra: Vec<(String, String)>,
    /// True when the unit cells were inherited from a merged cell above.
    pub shared_units: bool,
    /// False when the table's only unit column names no role (`推进单位`,
    /// `责任单位`): the first unit is then put in `lead` and the rest in
    /// `cooperating` by position only, and none is known to lead.
    pub roles_stated: bool,
    /// The row's unit cells as read, before they were split into names
    /// (`区建管委区新设局`), one a cell; empty when the units were shared
    /// from the row above. Kept so the review (`crate::review`) can find
    /// names the split on known names hid; not part of the model's JSON.
    #[serde(skip)]
    pub unit_cells: Vec<String>,
    /// The plan items this row restates, best first.
    pub links: Vec<RowLink>,
    pub line: usize,
}

/// Evidence that a table row restates a section or task.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct RowLink {
    /// `section-3-2` or `task-4`.
    pub item: ItemId,
    pub confidence: Confidence,
    /// Share of the row's wording found in the item, 0–1.
    pub score: f32,
}

#[derive(
    Debug, Clone, Copy, Serialize, BorshSerialize, BorshDeserialize, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// A consistency problem noticed while parsing; never fatal.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize, PartialEq, Eq)]
pub struct ParseWarning {
    pub line: usize,
    pub kind: WarningKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, BorshSerialize, BorshDeserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    LeadMismatch,
    TargetMismatch,
    UnknownDepartment,
    Structure,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Policy {
    /// Every paragraph in document order: notice, preamble, chapters.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        let notice = self
            .notice
            .iter()
            .flat_map(|n| n.recipients.iter().chain(n.body.iter()));
        notice.chain(self.plan.preamble.iter()).chain(
            self.plan
                .chapters
                .iter()
                .flat_map(Chapter::paragraphs_in_order),
        )
    }

    /// Every section in document order.
    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.plan.chapters.iter().flat_map(|c| c.sections.iter())
    }

    /// Every task in document order.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.sections().flat_map(|s| s.tasks.iter())
    }

    /// Every subtask in document order.
    pub fn subtasks(&self) -> impl Iterator<Item = &Subtask> {
        self.tasks().flat_map(|t| t.subtasks.iter())
    }

    /// Every clause with the ID of the chapter, section, task or subtask
    /// that carries it.
    pub fn clauses(&self) -> impl Iterator<Item = (&ItemId, &Clause)> {
        let chapters = self
            .plan
            .chapters
            .iter()
            .filter_map(|c| c.clause.as_ref().map(|cl| (&c.id, cl)));
        let sections = self
            .sections()
            .filter_map(|s| s.clause.as_ref().map(|c| (&s.id, c)));
        let tasks = self
            .tasks()
            .filter_map(|t| t.clause.as_ref().map(|c| (&t.id, c)));
        let subtasks = self
            .subtasks()
            .filter_map(|t| t.clause.as_ref().map(|c| (&t.id, c)));
        chapters.chain(sections).chain(tasks).chain(subtasks)
    }

    pub fn rows(&self) -> &[BreakdownRow] {
        self.breakdown.as_ref().map_or(&[], |b| &b.rows)
    }

    /// The text a mention's offsets count in: its paragraph's, its row's
    /// content, or the row's cell the mention names ([`Mention::cell`]).
    pub fn mention_text(&self, m: &Mention) -> Option<&str> {
        if let Some(p) = self.paragraphs().find(|p| p.id == m.item) {
            return Some(&p.text);
        }
        let row = self.rows().iter().find(|r| r.id == m.item)?;
        match &m.cell {
            None => Some(&row.content),
            Some(column) => row
                .extra
                .iter()
                .find(|(c, _)| c == column)
                .map(|(_, text)| text.as_str()),
        }
    }
}

impl Breakdown {
    /// The title of table `k` (0: the first, `k`: `further[k - 1]`).
    pub fn table_title(&self, k: usize) -> Option<&str> {
        match k.checked_sub(1) {
            None => Some(&self.title),
            Some(i) => self.further.get(i).map(|t| t.title.as_str()),
        }
    }

    /// What table `k` is (0: the first, `k`: `further[k - 1]`).
    pub fn table_kind(&self, k: usize) -> TableKind {
        match k.checked_sub(1) {
            None => self.kind,
            Some(i) => self.further.get(i).map_or(TableKind::Tasks, |t| t.kind),
        }
    }

    /// Whether `row` stands in an indicator table.
    pub fn is_indicator_row(&self, row: &BreakdownRow) -> bool {
        self.table_kind(row.table) == TableKind::Indicators
    }
}

impl Chapter {
    fn paragraphs_in_order(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs
            .iter()
            .chain(self.sections.iter().flat_map(Section::paragraphs_in_order))
    }
}

impl Section {
    /// The section's body and paragraphs, then its tasks' in order.
    pub fn paragraphs_in_order(&self) -> impl Iterator<Item = &Paragraph> {
        self.body
            .iter()
            .chain(self.paragraphs.iter())
            .chain(self.tasks.iter().flat_map(Task::paragraphs_in_order))
    }
}

impl Task {
    /// The task's body and paragraphs, then its subtasks'.
    pub fn paragraphs_in_order(&self) -> impl Iterator<Item = &Paragraph> {
        self.body.iter().chain(self.paragraphs.iter()).chain(
            self.subtasks
                .iter()
                .flat_map(|t| t.body.iter().chain(t.paragraphs.iter())),
        )
    }
}
