//! `content/changelog.yaml` (optional): what changed in a policy and when —
//! a corrected text, a new translation, new progress data — in both
//! languages. Each change becomes an entry of the Atom feeds, so readers
//! who follow a policy hear about it.

use super::{read_optional, yaml, ContentError};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The policy's ID (its seed's file name without extension).
    pub policy: String,
    pub zh: String,
    pub en: String,
}

pub fn load(path: &Path) -> Result<Vec<Change>, ContentError> {
    let Some(text) = read_optional(path)? else {
        return Ok(Vec::new());
    };
    let changes: Vec<Change> = yaml::parse(path, &text)?;
    let bad: Vec<usize> = (0..changes.len())
        .filter(|&i| !is_iso_date(&changes[i].date))
        .collect();
    if bad.is_empty() {
        return Ok(changes);
    }
    let dates: Vec<DateAt> = yaml::parse(path, &text)?;
    let errors = bad
        .into_iter()
        .filter_map(|i| dates.get(i))
        .map(|at| {
            let (line, column) = yaml::place(&at.date.referenced);
            ContentError::invalid(
                path,
                line,
                format!("date `{}` is not a date like 2026-11-30", at.date.value),
                "write the date as YYYY-MM-DD",
            )
            .column(column)
        })
        .collect();
    ContentError::collect(errors)?;
    Ok(changes)
}

/// Where an entry's date is written, read only to place a refusal.
#[derive(Deserialize)]
struct DateAt {
    date: yaml::Spanned<String>,
}

/// `2026-11-30`: four, two and two digits, a month 1–12 and a day 1–31.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
            && (1..=12).contains(&m.parse::<u8>().unwrap_or(0))
            && (1..=31).contains(&d.parse::<u8>().unwrap_or(0)))
}
