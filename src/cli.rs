//! Command-line definitions (clap derive): one [`Command`] variant per
//! subcommand, each holding its validated arguments.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "gazette",
    version,
    about = "Policy documents to a cross-linked bilingual static site"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse one seed file and print what the parser found.
    Inspect {
        /// The seed file (UTF-8 or GBK/GB18030 text).
        file: PathBuf,
        /// Print the whole model as JSON (schema: docs/model-schema.md).
        #[arg(long)]
        json: bool,
    },
}
