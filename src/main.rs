//! The `gazette` binary: parse the command line, call the library, print
//! any error and exit with status 2 on failure.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Inspect { file, json } => {
            gazette::inspect::inspect(&file, json).map_err(|e| e.to_string())
        }
        Command::Build {
            root,
            out,
            base_url,
        } => build(root, out, base_url).map_err(|e| e.to_string()),
    };
    match result {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn build(
    root: std::path::PathBuf,
    out: Option<std::path::PathBuf>,
    base_url: Option<String>,
) -> Result<String, gazette::BuildError> {
    let mut opts = gazette::BuildOptions::new(root);
    if let Some(out) = out {
        opts.out = out;
    }
    opts.base_url = base_url;
    let started = std::time::Instant::now();
    let report = gazette::build(&opts)?;
    for w in &report.warnings {
        eprintln!("{w}");
    }
    Ok(format!(
        "built {} policies: {} pages, {} files, {} KiB in {:.2} s → {}\n",
        report.policies,
        report.pages,
        report.files,
        report.bytes / 1024,
        started.elapsed().as_secs_f64(),
        opts.out.display()
    ))
}
