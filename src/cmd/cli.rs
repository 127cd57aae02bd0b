//! Command-line definitions (clap derive): one [`Command`] variant per
//! subcommand, each holding its validated arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
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
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: every warning in full, timings, each file written.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build, serve on 127.0.0.1 and rebuild and reload open pages on every change.
    ///
    /// Watches seeds/, content/ and themes/. A bad edit is printed here and
    /// shown over the page in the browser while the last good site keeps
    /// being served. Nothing is written to public/.
    ///
    /// Example: gazette serve --root my-portal --port 8080
    Serve(ServeArgs),
    /// Check links, anchors, translations, slugs and the department registry.
    ///
    /// Exit status: 0 clean, 1 warnings (only with --strict), 2 errors.
    ///
    /// Example: gazette check --strict --format json > check.json
    Check {
        /// The portal folder (holding seeds/ and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Exit with status 1 when there are warnings.
        #[arg(long)]
        strict: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Add a new policy document (text, .docx or a saved .html page) to the portal.
    ///
    /// Writes seeds/NAME.txt in UTF-8 (text) or keeps the .docx/.html file
    /// unchanged as seeds/NAME.docx/.html, and the stubs it needs in content/
    /// (registry entries for unknown departments, target slugs, an empty
    /// translation), then lists what to fill in. Importing the same file
    /// again changes nothing.
    ///
    /// A task table received on its own (.xlsx, .xls, .ods, .csv) is
    /// imported as the annex of a policy already in the portal, with
    /// --policy: kept unchanged as seeds/ID.annex.xlsx and read on every
    /// build as the document's task table.
    ///
    /// Example: gazette import ~/Downloads/行动方案.txt --name digital-economy-2022
    ///
    /// Example: gazette import ~/Downloads/任务分解表.xlsx --policy digital-economy-2022
    Import {
        /// The document: plain text (UTF-8 or GBK/GB18030), .docx, or
        /// .html/.htm; with --policy, a task table (.xlsx, .xls, .ods, .csv).
        file: PathBuf,
        /// The portal folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The seed's name (policy ID) [default: the file's name].
        #[arg(long, conflicts_with = "policy")]
        name: Option<String>,
        /// Import FILE as the task table of this policy (its seed's name).
        #[arg(long)]
        policy: Option<String>,
        /// The workbook sheet holding the table [default: the first sheet
        /// with a header row].
        #[arg(long, requires = "policy")]
        sheet: Option<String>,
    },
    /// Show what the parser made of one policy beside its text, with everything doubtful marked.
    ///
    /// Lists each section and task with its units, each annex row with its
    /// cells, units and roles, each target with value, unit, comparator, kind
    /// and deadline (lines marked `!` are doubtful), then every doubt with
    /// its line: unit names not in content/departments.yaml, rows with no
    /// units or with text that reads like units, all rows in one group, lines
    /// dropped, targets in odd contexts (addresses, years, document numbers),
    /// bound words read as exact, duplicates. `gazette serve` shows the same
    /// at /_review/POLICY/.
    ///
    /// Example: gazette review 000_8f98049102453562 --root my-portal --format json > review.json
    Review {
        /// The policy ID (the seed's file name without extension).
        policy: String,
        /// The portal folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Create a new portal with a sample document, settings and a README.
    ///
    /// Example: gazette init my-portal && cd my-portal && gazette serve
    Init {
        /// The folder to create (must be empty or not exist).
        dir: PathBuf,
        /// Copy the default theme into themes/default/ to edit it.
        #[arg(long)]
        with_theme: bool,
    },
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
        /// Skip the search index (pagefind/), the slowest step: for a quick
        /// look or a link check. The site's search then finds nothing.
        #[arg(long)]
        no_search: bool,
        /// Render every page, not reusing the pages whose inputs did not
        /// change since the last build (recorded in .gazette-cache/): the
        /// same output, slower.
        #[arg(long)]
        full: bool,
    },
    /// Print a YAML skeleton of a policy's untranslated and stale units, or
    /// edit its translation file in place: --merge adds the skeleton,
    /// --accept keeps English whose Chinese changed, --rekey moves entries
    /// whose IDs moved.
    ///
    /// --merge writes the entry (Chinese as a comment, fingerprint, empty
    /// text) of every missing unit the file has no key for; it never
    /// repeats a key, so running it twice changes nothing.
    ///
    /// --accept ID… says the English of those units still stands after a
    /// change to their Chinese (a typo fixed): it records the current
    /// Chinese's fingerprint, so they are no longer stale; for a draft the
    /// translation memory offered, it says the draft is right, so it is
    /// published. Only stale units and drafts are accepted; an unknown ID
    /// refuses the whole run.
    ///
    /// The skeleton, --merge and the exchange formats offer drafts from the
    /// translation memory: English of another policy of the portal whose
    /// Chinese is the same, the same but for figures, or closely similar.
    ///
    /// --rekey moves an English unit to the unit whose Chinese has the
    /// fingerprint it records, and a target's slug entry in
    /// content/targets.yaml to the target content/urls.lock says its URL
    /// showed; it moves nothing it cannot prove and lists what it left.
    ///
    /// --format xliff (XLIFF 1.2) or --format po prints every unit for a
    /// CAT tool instead: the Chinese as source, the English as target with
    /// its state, notes for context and glossary terms, drafts from the
    /// translation memory. --import FILE writes a tool's English back into
    /// the translation file, refusing a file that does not match the policy.
    ///
    /// Example: gazette translate 000_8f98049102453562 --merge
    ///
    /// Example: gazette translate 000_8f98049102453562 --accept task-15-p1 row-4
    ///
    /// Example: gazette translate 000_8f98049102453562 --format xliff > policy.xlf
    ///
    /// Example: gazette translate 000_8f98049102453562 --import policy.xlf
    Translate {
        /// The policy ID (the seed's file name without extension).
        policy: String,
        /// What to print: the YAML skeleton of missing and stale units, or
        /// every unit as XLIFF 1.2 or PO for a CAT tool; with --import, the
        /// file's format [default: from its extension].
        #[arg(long, value_enum, conflicts_with_all = ["merge", "accept", "rekey"])]
        format: Option<ExchangeFormat>,
        /// Write the English of a CAT tool's XLIFF or PO file into the
        /// translation file.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["merge", "accept", "rekey"])]
        import: Option<PathBuf>,
        /// Write the skeleton of the missing units into the translation
        /// file, without repeating a key.
        #[arg(long, conflicts_with_all = ["rekey", "accept"])]
        merge: bool,
        /// Keep the English of these stale units (record the fingerprint
        /// of their current Chinese) or accept these drafts.
        #[arg(long, num_args = 1.., value_name = "ID", conflicts_with = "rekey")]
        accept: Vec<String>,
        /// Move translation and target entries keyed by old IDs to their
        /// new IDs where a fingerprint proves it, in place.
        #[arg(long)]
        rekey: bool,
        #[arg(long, default_value = ".")]
        root: std::path::PathBuf,
    },
    /// Record that a policy is no longer in force (content/policies.yaml).
    ///
    /// Its pages stay at their addresses with a banner (status, date, the
    /// policy that replaces it), and it leaves the home page, the target
    /// index and the feeds (which announce the withdrawal once).
    ///
    /// Example: gazette withdraw innovation-2017-2020 --status replaced --date 2021-03-01 --by innovation-2021-2025
    Withdraw {
        /// The policy ID (seed name) or slug.
        policy: String,
        /// repealed (废止), expired (失效) or replaced (被替代).
        #[arg(long, value_enum)]
        status: WithdrawStatus,
        /// The day it stopped being in force, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The policy (ID or slug) that replaces it; needed with --status replaced.
        #[arg(long)]
        by: Option<String>,
        /// A note shown on its pages (e.g. the repealing document).
        #[arg(long)]
        reason: Option<String>,
        /// The portal folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Change a policy's, target's or department's slug and redirect its old URLs.
    ///
    /// Sets the slug where content/ sets it (policies.yaml, targets.yaml,
    /// departments.yaml) and maps the old URLs in both languages to the new
    /// ones in content/redirects.yaml, so the next build serves redirects
    /// and passes the URL lock.
    ///
    /// Example: gazette rename target incubators business-incubators
    Rename {
        #[arg(value_enum)]
        kind: RenameKind,
        /// The slug now.
        old: String,
        /// The new slug: lowercase letters, digits and single hyphens.
        new: String,
        /// The portal folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Parse one seed file and print what the parser found.
    ///
    /// Example: gazette inspect seeds/000_8f98049102453562.txt --json > model.json
    Inspect {
        /// The seed file (UTF-8 or GBK/GB18030 text).
        file: PathBuf,
        /// Print the whole model as JSON (schema: docs/model-schema.md).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `gazette translate --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExchangeFormat {
    Yaml,
    Xliff,
    Po,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WithdrawStatus {
    Repealed,
    Expired,
    Replaced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenameKind {
    Policy,
    Target,
    Department,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The portal folder (holding seeds/ and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0 to let
    /// other machines see the site: only on a network you trust).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}
