//! The corpus figures as the committed floor (`tests/corpus/baseline.tsv`)
//! and as the printed table of `corpus-report`.
//!
//! Takes the [`super::measure::Report`]s of [`super::measure`]; gives the
//! baseline read and written, the figures below their floor, and the text
//! a person reads. The invariant: the file never claims more than was
//! measured (figures are rounded down).

use super::measure::{total, Figures, MeasureError, Report, GOALS};
use std::collections::BTreeMap;
use std::path::Path;

/// The committed floor, one line per document.
pub const BASELINE: &str = "tests/corpus/baseline.tsv";

/// The committed floor per document.
pub fn read_baseline(root: &Path) -> Result<BTreeMap<String, Figures>, MeasureError> {
    let path = root.join(BASELINE);
    let text = std::fs::read_to_string(&path).map_err(|source| MeasureError::Read {
        path: path.clone(),
        source,
    })?;
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = || MeasureError::Baseline {
            path: path.clone(),
            line: i + 1,
            found: line.to_owned(),
        };
        let cells: Vec<&str> = line.split('\t').collect();
        let [doc, a, b, c, d, e] = cells.as_slice() else {
            return Err(bad());
        };
        let pct = |s: &str| {
            s.trim()
                .parse::<f64>()
                .map(|v| v / 100.0)
                .map_err(|_| bad())
        };
        out.insert(
            (*doc).to_owned(),
            Figures {
                task_recall: pct(a)?,
                unit_recall: pct(b)?,
                unit_precision: pct(c)?,
                target_recall: pct(d)?,
                target_precision: pct(e)?,
            },
        );
    }
    Ok(out)
}

/// The baseline file's text for these reports (percent, one decimal,
/// rounded down so that the file never claims more than was measured).
pub fn baseline_text(reports: &[Report]) -> String {
    let mut out = String::from(
        "# Floor per document, in percent: the corpus test fails when a figure falls below it.\n\
         # Regenerate with `cargo run --release --example corpus-report -- --write-baseline`\n\
         # after an improvement; never lower a figure by hand.\n\
         # document\ttask_recall\tunit_recall\tunit_precision\ttarget_recall\ttarget_precision\n",
    );
    for r in reports {
        out.push_str(&r.document);
        for (_, v) in r.figures().named() {
            out.push_str(&format!("\t{:.1}", (v * 1000.0).floor() / 10.0));
        }
        out.push('\n');
    }
    out
}

/// A figure below its floor: `(name, measured, floor)`.
pub fn regressions(now: &Figures, floor: &Figures) -> Vec<(&'static str, f64, f64)> {
    now.named()
        .iter()
        .zip(floor.named())
        .filter(|((_, v), (_, f))| *v + 1e-9 < *f)
        .map(|((name, v), (_, f))| (*name, *v, f))
        .collect()
}

// ---------------------------------------------------------------- printing

/// The per-document table, and with `verbose` every miss and false hit.
pub fn render(reports: &[Report], verbose: bool) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{:<48} {:>17} {:>24} {:>24}\n",
        "document", "tasks f/l recall", "units f/l/wrong  R    P", "targets f/l/wrong R    P"
    ));
    let mut rows: Vec<&Report> = reports.iter().collect();
    let t = total(reports);
    rows.push(&t);
    for r in rows {
        out.push_str(&format!(
            "{:<48} {:>4}/{:<4} {:>6} {:>4}/{:<4}/{:<4} {:>5} {:>5} {:>4}/{:<4}/{:<4} {:>5} {:>5}\n",
            r.document,
            r.tasks.found,
            r.tasks.labelled,
            pct(r.tasks.recall()),
            r.units.found,
            r.units.labelled,
            r.units.wrong(),
            pct(r.units.recall()),
            pct(r.units.precision()),
            r.targets.found,
            r.targets.labelled,
            r.targets.wrong(),
            pct(r.targets.recall()),
            pct(r.targets.precision()),
        ));
    }
    out.push_str(&format!(
        "goals: tasks R {}; units R {} P {}; targets R {} P {}\n",
        pct(GOALS.task_recall),
        pct(GOALS.unit_recall),
        pct(GOALS.unit_precision),
        pct(GOALS.target_recall),
        pct(GOALS.target_precision)
    ));
    if verbose {
        for r in reports {
            out.push_str(&format!("\n== {}\n", r.document));
            if let Some(e) = &r.error {
                out.push_str(&format!("  parse error: {e}\n"));
            }
            for w in &r.warnings {
                out.push_str(&format!("  warning {w}\n"));
            }
            for (kind, c) in [
                ("task", &r.tasks),
                ("unit", &r.units),
                ("target", &r.targets),
            ] {
                for m in &c.misses {
                    out.push_str(&format!("  missed {kind}: {m}\n"));
                }
                for m in &c.false_hits {
                    out.push_str(&format!("  false {kind}: {m}\n"));
                }
            }
        }
    }
    out
}

pub fn pct(v: f64) -> String {
    format!("{:.1}", v * 100.0)
}

/// The figures still short of the goals, as `name measured<goal`.
pub fn gaps(f: &Figures) -> Vec<String> {
    regressions(f, &GOALS)
        .into_iter()
        .map(|(name, v, g)| format!("{name} {}<{}", pct(v), pct(g)))
        .collect()
}
