//! `cargo run --release --example corpus-report [-- --verbose] [--write-baseline]`
//!
//! Parses every labelled document of `tests/corpus/` and prints, per
//! document and in total, tasks found / labelled / recall, units with the
//! right role and targets found / labelled / wrong with recall and
//! precision. `--verbose` lists every miss and false hit and the parser's
//! warnings; `--write-baseline` rewrites `tests/corpus/baseline.tsv` with
//! the figures measured now (the floor `cargo test --test suite corpus::` holds).

use corpus::{measure, report};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let write = args.iter().any(|a| a == "--write-baseline");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match run(root, verbose, write) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus-report: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, verbose: bool, write: bool) -> Result<(), measure::MeasureError> {
    let started = Instant::now();
    let reports = measure::documents(root)?
        .iter()
        .map(|d| measure::measure(root, d))
        .collect::<Result<Vec<_>, _>>()?;
    let elapsed = started.elapsed();
    print!("{}", report::render(&reports, verbose));
    println!(
        "{} documents parsed and measured in {} ms",
        reports.len(),
        elapsed.as_millis()
    );
    if write {
        let path = root.join(report::BASELINE);
        std::fs::write(&path, report::baseline_text(&reports))
            .map_err(|source| measure::MeasureError::Read { path, source })?;
        println!("wrote {}", report::BASELINE);
    }
    Ok(())
}
