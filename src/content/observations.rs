//! `content/data/observations.csv` (optional): measured values of targets
//! over the years, with their source, and an optional manual status that
//! overrides the computed one. Columns: `target` (the target's slug),
//! `year`, `value`, `source`, `note`, `status`.
//!
//! Invariant: every observation kept has a finite value, a year in
//! [`YEARS`], and is the only one for its target and year; each carries its
//! real line in the file (blank lines counted). Whether `status` is one of
//! the statuses is the link stage's to say, where the statuses live.

use super::{read_optional, suggest, ContentError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::Path;

/// Plausible years of a measurement.
pub const YEARS: RangeInclusive<u16> = 1949..=2100;

/// The columns, in order.
const COLUMNS: [&str; 6] = ["target", "year", "value", "source", "note", "status"];

const ROW_HELP: &str =
    "each row is target,year,value,source,note,status with a numeric year and value";

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Observation {
    /// The target's slug, as in its URL.
    pub target: String,
    pub year: u16,
    pub value: f64,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
    /// A manual status (`achieved`, `on_track`, `needs_acceleration`,
    /// `limited_progress`, `deteriorating`); wins over the computed one.
    #[serde(default)]
    pub status: String,
    /// 1-based line in the CSV, for diagnostics.
    #[serde(skip)]
    pub line: usize,
}

/// Reads the file; a missing file means no observations. Every bad row is
/// reported, not only the first.
pub fn load(path: &Path) -> Result<Vec<Observation>, ContentError> {
    let Some(text) = read_optional(path)? else {
        return Ok(Vec::new());
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ContentError::invalid(path, 1, e.to_string(), ROW_HELP))?
        .clone();
    let unknown: Vec<ContentError> = headers
        .iter()
        .filter(|h| !COLUMNS.contains(h))
        .map(|h| {
            ContentError::invalid(
                path,
                1,
                format!("unknown column `{h}`"),
                suggest::help(h, &COLUMNS),
            )
        })
        .collect();
    ContentError::collect(unknown)?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<(String, u16), usize> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(&text, p));
                problems.push(ContentError::invalid(path, line, e.to_string(), ROW_HELP));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(&text, p));
        let mut obs: Observation = match record.deserialize(Some(&headers)) {
            Ok(o) => o,
            Err(e) => {
                problems.push(ContentError::invalid(
                    path,
                    line,
                    field_error(&e, &headers),
                    ROW_HELP,
                ));
                continue;
            }
        };
        obs.line = line;
        if let Some(problem) = implausible(&obs) {
            problems.push(ContentError::invalid(path, line, problem, ROW_HELP));
            continue;
        }
        match seen.get(&(obs.target.clone(), obs.year)) {
            Some(first) => problems.push(ContentError::invalid(
                path,
                line,
                format!(
                    "a second value for `{}` in {} (the first is at line {first})",
                    obs.target, obs.year
                ),
                "keep one value per target and year; remove or correct the other row",
            )),
            None => {
                seen.insert((obs.target.clone(), obs.year), line);
                out.push(obs);
            }
        }
    }
    ContentError::collect(problems)?;
    Ok(out)
}

/// The 1-based line a record at `pos` starts on. The csv crate's own line
/// counts a record from the blank lines before it, so the line is counted
/// here from the first byte of the record's text.
fn line_at(text: &str, pos: &csv::Position) -> usize {
    let from = (pos.byte() as usize).min(text.len());
    let start = text[from..]
        .find(|c| c != '\n' && c != '\r')
        .map_or(text.len(), |i| from + i);
    text[..start].matches('\n').count() + 1
}

/// "column `year`: invalid digit found in string" for a cell that does not
/// hold its column's type.
fn field_error(e: &csv::Error, headers: &csv::StringRecord) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => {
            let column = err
                .field()
                .and_then(|i| headers.get(i as usize))
                .unwrap_or("?");
            format!("column `{column}`: {}", err.kind())
        }
        _ => e.to_string(),
    }
}

/// What makes a row's value or year unbelievable, if anything.
fn implausible(o: &Observation) -> Option<String> {
    if !o.value.is_finite() {
        return Some(format!("value `{}` is not a finite number", o.value));
    }
    if !YEARS.contains(&o.year) {
        return Some(format!(
            "year {} is outside {}–{}",
            o.year,
            YEARS.start(),
            YEARS.end()
        ));
    }
    None
}
