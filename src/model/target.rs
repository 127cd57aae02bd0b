//! Quantitative targets: "到2020年……研发投入占生产总值的比重达到2.8%以上".

use super::ItemId;
use borsh::{BorshDeserialize, BorshSerialize};
use serde::{Deserialize, Serialize};

/// One measurable commitment, however many times the document states it.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Target {
    /// `task-12-target-3fa9c1`: the item stating it first and a hash of
    /// what it measures, so other targets coming and going never change it.
    /// Human slugs come from `content/targets.yaml`, keyed by this ID.
    pub id: ItemId,
    /// What is measured, as worded at the first mention
    /// (`全社会研发投入占全市生产总值的比重`).
    pub metric: String,
    pub value: TargetValue,
    /// The unit as written: `%`, `家`, `万人`, `亿元`, `万平方米` …
    pub unit: String,
    /// The unit without its magnitude: `元` for `亿元`, `人` for `万人`,
    /// `%`, or the measure word (`家`) of a count.
    pub unit_base: String,
    /// The value in `unit_base`: 800 000 000 000 for `8000亿元`, 1000 for
    /// `超千家`. With `value.max` scaled the same way in `max_scaled`.
    pub value_scaled: f64,
    pub max_scaled: Option<f64>,
    pub comparator: Comparator,
    /// What kind of quantity, read from the text (never defaulted to
    /// cumulative): see [`Kind`].
    pub kind: Kind,
    /// The governing `到2020年`, else the plan's last year; which of the
    /// two in `deadline_source`.
    pub deadline: Option<u16>,
    pub deadline_source: Option<DeadlineSource>,
    /// `每年`, `年均`: a yearly rate rather than a level. Part of the
    /// target's ID (see `parse::targets::name_targets`), so kept as read
    /// even now that [`Kind`] says more.
    pub per_year: bool,
    /// Every place the document states it, first first.
    pub mentions: Vec<Mention>,
}

/// A number as written, with its parsed value.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize, PartialEq)]
pub struct TargetValue {
    /// As written in the text: `2.8`, `1~2`, `千`, `1.5`.
    pub written: String,
    pub value: f64,
    /// Upper end of a range (`1~2个`).
    pub max: Option<f64>,
}

/// How the figure binds, from the words around it.
#[derive(
    Debug, Clone, Copy, Serialize, BorshSerialize, BorshDeserialize, Deserialize, PartialEq, Eq,
)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// `以上`, `不低于`, `不少于`.
    AtLeast,
    /// `超过`, `超`, `突破`, `逾`.
    MoreThan,
    /// `左右`, `约`.
    About,
    /// `以内`, `以下`, `不超过`, `控制在`.
    AtMost,
    /// `达到` / `达` with no bound word: the figure is the goal.
    Reach,
    /// A bare figure (a table cell, `建成10家`).
    Exactly,
    /// `1~2个`.
    Range,
}

impl Comparator {
    /// The English words put before the figure ("at least 2.8%"); `None`
    /// for a bare figure or a range, which need none. The one place these
    /// words are written, for the site, the review and the diagnostics.
    pub fn en_words(self) -> Option<&'static str> {
        match self {
            Comparator::AtLeast => Some("at least"),
            Comparator::MoreThan => Some("more than"),
            Comparator::About => Some("about"),
            Comparator::AtMost => Some("at most"),
            Comparator::Reach => Some("reach"),
            Comparator::Exactly | Comparator::Range => None,
        }
    }
}

/// What sort of quantity a target is, as the text says it.
#[derive(
    Debug, Clone, Copy, Serialize, BorshSerialize, BorshDeserialize, Deserialize, PartialEq, Eq,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A stock to reach by the deadline.
    Level,
    /// A percentage or a proportion (`%`, `比重`, `…率`).
    Share,
    /// A figure per head or per unit (`每万人`, `人均`).
    Ratio,
    /// `新增`: added over the period.
    Added,
    /// `累计`: a running total over the period.
    Cumulative,
    /// `每年`: each year.
    PerYear,
    /// `年均`: an average over the years.
    AveragePerYear,
}

/// Where a target's deadline comes from.
#[derive(Debug, Clone, Copy, Serialize, BorshSerialize, BorshDeserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineSource {
    /// `到2020年` governs the sentence.
    Stated,
    /// Nothing in the sentence: the end of the plan's period.
    PlanEnd,
    /// Set by a person in `content/corrections/` (the text's own reading
    /// was wrong).
    Corrected,
}

/// One statement of a target in the text.
#[derive(Debug, Clone, Serialize, BorshSerialize, BorshDeserialize)]
pub struct Mention {
    /// The paragraph (`task-12-p2`) or table row (`row-4`) holding it.
    pub item: ItemId,
    /// For a figure in a row's cell other than its content (a year column
    /// `2022年计划`, a column of figures `服务点累计（个）`): that column's
    /// name as the row's `extra` holds it. The offsets are then within the
    /// cell's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Character (not byte) offsets of the figure and its unit within the
    /// item's text (or the cell's), end exclusive.
    pub start: usize,
    pub end: usize,
    /// The phrase as written, metric through unit (`科技进步贡献率达到65%以上`).
    pub text: String,
    pub metric: String,
    pub value: TargetValue,
    pub comparator: Comparator,
    pub line: usize,
}

impl Target {
    /// What the target is, for `content/urls.lock`: the
    /// [`super::fingerprint`] of its metric without punctuation or spaces,
    /// its value as written and its unit (`全社会研发投入占全市生产总值的比重|2.8%`).
    /// A page showing another metric or another figure has another one.
    pub fn fingerprint(&self) -> String {
        let metric: String = self
            .metric
            .chars()
            .filter(|c| !crate::text::is_punct(*c) && !c.is_whitespace())
            .collect();
        super::fingerprint(&format!("{metric}|{}{}", self.value.written, self.unit))
    }
}
