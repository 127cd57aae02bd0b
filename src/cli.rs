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
    /// Build the site from seeds/, content/ and themes/ into public/.
    ///
    /// Example: gazette build --root my-portal --base-url https://example.gov.cn/innovation/
    Build {
        /// The portal folder (holding seeds/ and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Publish under this URL instead of content/site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Parse one seed file and print what the parser found.
    Inspect {
        /// The seed file (UTF-8 or GBK/GB18030 text).
        file: PathBuf,
        /// Print the whole model as JSON (schema: docs/model-schema.md).
        #[arg(long)]
        json: bool,
    },
}
