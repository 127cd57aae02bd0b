//! `content/data/observations.csv` (optional): measured values of targets
//! over the years, with their source, and an optional manual status that
//! overrides the computed one. Columns: `target` (the target's slug),
//! `year`, `value`, `source`, `note`, `status`.

use super::ContentError;
use serde::{Deserialize, Serialize};
use std::path::Path;

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

/// Reads the file; a missing file means no observations.
pub fn load(path: &Path) -> Result<Vec<Observation>, ContentError> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let invalid = |line: usize, message: String| ContentError::Invalid {
        path: path.to_owned(),
        message: format!("line {line}: {message}"),
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| invalid(1, e.to_string()))?;
    let mut out = Vec::new();
    for record in reader.deserialize::<Observation>() {
        let mut obs = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            invalid(
                line,
                format!("{e}; each row is target,year,value,source,note,status with a numeric year and value"),
            )
        })?;
        obs.line = out.len() + 2;
        out.push(obs);
    }
    Ok(out)
}
