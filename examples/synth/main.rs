//! Writes a synthetic portal of N policy documents of the genre, with a
//! matching `content/`, for benchmarks and scale tests:
//!
//! ```sh
//! cargo run --release --example synth -- --policies 1000 --out /tmp/portal [--seed 1]
//! cargo run --release -- build --root /tmp/portal
//! ```
//!
//! The same `--seed` gives byte-identical files. The generator itself is
//! the workspace's dev-only crate `crates/synth`, shared with `benches/` and
//! `tests/suite/synth_corpus.rs`.

use synth as corpus;

use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
#[command(about = "Write a synthetic gazette portal of N policies")]
struct Args {
    /// Number of policy documents.
    #[arg(long, default_value_t = 100)]
    policies: usize,
    /// Portal folder to write (`seeds/` and `content/` inside).
    #[arg(long)]
    out: PathBuf,
    /// Seed number of the random generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Share of documents given an English translation, 0–1.
    #[arg(long, default_value_t = 0.2)]
    translated: f64,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let cfg = corpus::Config {
        policies: args.policies,
        seed: args.seed,
        translated: args.translated,
    };
    match corpus::generate(&args.out, &cfg) {
        Ok(s) => {
            println!(
                "wrote {} policies ({} KiB of seed text, {} targets, {} translated, {} departments) to {}",
                s.policies,
                s.seed_bytes / 1024,
                s.targets,
                s.translated,
                s.departments,
                args.out.display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
