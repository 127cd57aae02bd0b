//! The webmaster's commands as the terminal sees them: call the library,
//! print diagnostics with source snippets (colour on a terminal), honour
//! `--quiet`/`--verbose`, and turn the result into an exit status
//! (0 success, 1 warnings under `check --strict`, 2 failure).

use super::cli::{Format, ServeArgs};
use super::progress::Progress;
use gazette::diag::{convert, snippet, Diagnostic};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How much to print, and whether stderr takes colour.
pub struct Output {
    pub quiet: bool,
    pub verbose: bool,
    color: bool,
}

impl Output {
    pub fn new(quiet: bool, verbose: bool) -> Self {
        Output {
            quiet,
            verbose,
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    /// Warnings in full, unless `--quiet`.
    pub fn warnings(&self, diags: &[Diagnostic], root: &Path) {
        if !self.quiet && !diags.is_empty() {
            eprint!("{}", snippet::render_all(diags, root, self.color));
        }
    }

    /// Errors, always.
    pub fn errors(&self, diags: &[Diagnostic], root: &Path) {
        eprint!("{}", snippet::render_all(diags, root, self.color));
    }

    /// A progress line on stdout, unless `--quiet`.
    pub fn info(&self, line: &str) {
        if !self.quiet {
            println!("{line}");
        }
    }

    /// Detail for `--verbose` only.
    pub fn detail(&self, line: &str) {
        if self.verbose {
            println!("{line}");
        }
    }
}

pub fn build(
    root: PathBuf,
    out_dir: Option<PathBuf>,
    base_url: Option<String>,
    search: bool,
    full: bool,
    out: &Output,
) -> ExitCode {
    let mut opts = gazette::BuildOptions::new(&root);
    opts.search = search;
    opts.incremental = !full;
    if let Some(dir) = out_dir {
        opts.out = dir;
    }
    opts.base_url = base_url;
    opts.update_lock = true;
    let started = std::time::Instant::now();
    let progress = Progress::start("building", out.quiet);
    let result = gazette::build(&opts);
    progress.finish();
    match result {
        Ok(report) => {
            out.warnings(&report.warnings, &root);
            // The whole wall time, the search index's share named: it is
            // much of it.
            let index = match report.search_time() {
                Some(t) => format!(
                    "search index {:.2} s of it, {} KiB",
                    t.as_secs_f64(),
                    report.search_index_bytes / 1024
                ),
                None => "no search index (--no-search)".to_owned(),
            };
            out.info(&format!(
                "built {} policies: {} pages, {} files, {} KiB in {:.2} s; {index} → {}",
                report.policies,
                report.pages,
                report.files,
                report.bytes / 1024,
                started.elapsed().as_secs_f64(),
                opts.out.display()
            ));
            out.detail(&format!("stages: {}", report.timings.summary()));
            let peaks = report.timings.peaks();
            if !peaks.is_empty() {
                out.detail(&format!("peak memory after each stage, GiB: {peaks}"));
            }
            out.detail(&format!(
                "{} of {} pages reused from the last build",
                report.pages_reused, report.pages
            ));
            if report.search_time().is_some() {
                let (reused, indexed) = report.search_runs;
                out.detail(&format!(
                    "{reused} of {} search index runs reused from the last build",
                    reused + indexed
                ));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            out.errors(&convert::from_build_error(&e, &root), &root);
            if e.output_unchanged() {
                eprintln!("build failed; {} was left as it was", opts.out.display());
            } else {
                eprintln!("build failed after {} was replaced", opts.out.display());
            }
            ExitCode::from(2)
        }
    }
}

pub fn check(root: PathBuf, strict: bool, format: Format, out: &Output) -> ExitCode {
    let progress = Progress::start("checking", out.quiet || format == Format::Json);
    let report = gazette::check::check(&gazette::BuildOptions::new(&root));
    progress.finish();
    match format {
        Format::Json => print!("{}", report.to_json(strict)),
        Format::Text => {
            let (errors, warnings): (Vec<_>, Vec<_>) = report
                .diagnostics
                .iter()
                .cloned()
                .partition(|d| d.severity == gazette::diag::Severity::Error);
            out.errors(&errors, &root);
            out.warnings(&warnings, &root);
            if !out.quiet || report.errors() > 0 {
                print!("{}", report.summary());
            }
            if out.verbose {
                for c in &report.coverage {
                    for k in &c.missing {
                        println!("  missing: {}: {k}", c.policy);
                    }
                }
            }
        }
    }
    ExitCode::from(report.exit_code(strict))
}

/// What `gazette import` adds: a new document, or a task table to a
/// policy already in the portal.
pub enum ImportAs {
    Document {
        name: Option<String>,
    },
    Table {
        policy: String,
        sheet: Option<String>,
    },
}

pub fn import(file: &Path, root: PathBuf, target: ImportAs, out: &Output) -> ExitCode {
    let result = match &target {
        ImportAs::Document { name } => gazette::import::import(&root, file, name.as_deref()),
        ImportAs::Table { policy, sheet } => {
            gazette::import::import_table(&root, file, policy, sheet.as_deref())
        }
    };
    match result {
        Ok(report) => {
            if !out.quiet {
                print!("{report}");
            }
            if !report.changed.is_empty() {
                out.info("then run `gazette check` to see what is left");
            }
            ExitCode::SUCCESS
        }
        Err(gazette::import::ImportError::Parse(e)) => {
            out.errors(&[gazette::diag::Diagnostic::from(&e)], &root);
            eprintln!("not imported: gazette reads documents of the notice + action plan + breakdown table genre");
            ExitCode::from(2)
        }
        Err(gazette::import::ImportError::Content(e)) => {
            out.errors(&e.diagnostics(), &root);
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

pub fn review(root: PathBuf, policy: &str, format: Format, out: &Output) -> ExitCode {
    match gazette::review::review_policy(&gazette::BuildOptions::new(&root), policy) {
        Ok(review) => {
            match format {
                Format::Text => print!("{}", review.to_text()),
                Format::Json => match serde_json::to_string_pretty(&review) {
                    Ok(json) => println!("{json}"),
                    Err(e) => {
                        eprintln!("error: cannot write the review as JSON: {e}");
                        return ExitCode::from(2);
                    }
                },
            }
            ExitCode::SUCCESS
        }
        Err(gazette::review::ReviewError::Build(e)) => {
            out.errors(&convert::from_build_error(&e, &root), &root);
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

pub fn init(dir: &Path, with_theme: bool, out: &Output) -> ExitCode {
    match gazette::init::init(dir, with_theme) {
        Ok(files) => {
            for f in &files {
                out.detail(&format!("  wrote {}", dir.join(f).display()));
            }
            out.info(&format!(
                "created a portal in {} ({} files). Next:\n  cd {}\n  gazette serve      # preview it at http://127.0.0.1:1111\n  then replace seeds/sample.txt with your document (or `gazette import FILE`); README.md explains the rest",
                dir.display(),
                files.len(),
                dir.display()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

pub fn serve(args: ServeArgs, out: &Output) -> ExitCode {
    let root = args.root.clone();
    let (quiet, verbose, color) = (out.quiet, out.verbose, out.color);
    let on_build: gazette::serve::OnBuild = Box::new(move |outcome| match outcome {
        gazette::serve::Outcome::Built {
            generation,
            pages,
            files,
            elapsed,
            warnings,
            timings,
        } => {
            if verbose || (!quiet && *generation == 1) {
                eprint!("{}", snippet::render_all(warnings, &root, color));
            }
            if !quiet {
                let what = if *generation == 1 { "built" } else { "rebuilt" };
                println!(
                    "{what}: {pages} pages, {files} files in {:.2} s ({} warnings)",
                    elapsed.as_secs_f64(),
                    warnings.len()
                );
            }
            if verbose {
                println!("stages: {}", timings.summary());
                let peaks = timings.peaks();
                if !peaks.is_empty() {
                    println!("peak memory after each stage, GiB: {peaks}");
                }
            }
        }
        gazette::serve::Outcome::Failed { diagnostics, .. } => {
            eprint!("{}", snippet::render_all(diagnostics, &root, color));
            eprintln!("the build failed; still serving the last good site");
        }
        gazette::serve::Outcome::Indexed {
            elapsed,
            index_bytes,
            runs: (reused, indexed),
            ..
        } => {
            if verbose {
                println!(
                    "search index: {} KiB in {:.2} s ({reused} of {} runs of pages kept from the last)",
                    index_bytes / 1024,
                    elapsed.as_secs_f64(),
                    reused + indexed
                );
            }
        }
        gazette::serve::Outcome::IndexFailed { message, .. } => {
            eprintln!("{message}\nthe site is served without a fresh search index");
        }
    });
    if let Some(warning) = gazette::serve::network_warning(args.bind) {
        eprintln!("{warning}");
    }
    let opts = gazette::serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
    };
    match gazette::serve::start(opts, on_build) {
        Ok(server) => {
            out.info(&format!(
                "serving {} — watching seeds/, content/ and themes/; Ctrl-C stops\nwhat the parser read, doubts marked: {}_review/",
                server.url(),
                server.url()
            ));
            server.wait();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
