//! The `gazette` binary: parse the command line, call the library, print
//! any error and exit with status 2 on failure.

mod cli;
mod commands;
mod progress;

use clap::Parser;
use cli::{Cli, Command};
use gazette::content::policies::WithdrawalStatus;
use gazette::lifecycle;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: rendering allocates many small
/// strings on every core, where glibc's malloc spent a quarter of the
/// build's CPU time (profiled at 1,000 policies).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = commands::Output::new(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Serve(args) => return commands::serve(args, &out),
        Command::Check {
            root,
            strict,
            format,
        } => return commands::check(root, strict, format, &out),
        Command::Import {
            file,
            root,
            name,
            policy,
            sheet,
        } => {
            let target = match policy {
                Some(policy) => commands::ImportAs::Table { policy, sheet },
                None => commands::ImportAs::Document { name },
            };
            return commands::import(&file, root, target, &out);
        }
        Command::Review {
            policy,
            root,
            format,
        } => return commands::review(root, &policy, format, &out),
        Command::Init { dir, with_theme } => return commands::init(&dir, with_theme, &out),
        Command::Inspect { file, json } => {
            gazette::inspect::inspect(&file, json).map_err(|e| e.to_string())
        }
        Command::Translate {
            policy,
            root,
            rekey,
            merge,
            accept,
            format,
            import,
            ..
        } => {
            use gazette::translate::exchange::Format as Exchange;
            let exchange = match format {
                Some(cli::ExchangeFormat::Xliff) => Some(Exchange::Xliff),
                Some(cli::ExchangeFormat::Po) => Some(Exchange::Po),
                Some(cli::ExchangeFormat::Yaml) | None => None,
            };
            let edit = match (rekey, merge) {
                (true, _) => Edit::Rekey,
                (_, true) => Edit::Merge,
                _ if !accept.is_empty() => Edit::Accept(accept),
                _ => match import {
                    Some(file) => Edit::Import(file, exchange),
                    None => Edit::None(exchange),
                },
            };
            translate(root, &policy, edit)
        }
        Command::Withdraw {
            policy,
            status,
            date,
            by,
            reason,
            root,
        } => {
            let status = match status {
                cli::WithdrawStatus::Repealed => WithdrawalStatus::Repealed,
                cli::WithdrawStatus::Expired => WithdrawalStatus::Expired,
                cli::WithdrawStatus::Replaced => WithdrawalStatus::Replaced,
            };
            let w = lifecycle::Withdraw {
                policy: &policy,
                status,
                date: &date,
                by: by.as_deref(),
                reason: reason.as_deref(),
            };
            load(&root).and_then(|p| lifecycle::withdraw(&root, &p, &w).map_err(|e| e.to_string()))
        }
        Command::Rename {
            kind,
            old,
            new,
            root,
        } => {
            let kind = match kind {
                cli::RenameKind::Policy => lifecycle::Kind::Policy,
                cli::RenameKind::Target => lifecycle::Kind::Target,
                cli::RenameKind::Department => lifecycle::Kind::Department,
            };
            load(&root).and_then(|p| {
                lifecycle::rename(&root, &p, kind, &old, &new).map_err(|e| e.to_string())
            })
        }
        Command::Build {
            root,
            out: out_dir,
            base_url,
            no_search,
        } => return commands::build(root, out_dir, base_url, !no_search, &out),
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

fn load(root: &std::path::Path) -> Result<gazette::link::Portal, String> {
    gazette::load(&gazette::BuildOptions::new(root)).map_err(|e| e.to_string())
}

/// What `gazette translate` does to the translation file.
enum Edit {
    /// Nothing: print the YAML skeleton, or every unit in an exchange
    /// format.
    None(Option<gazette::translate::exchange::Format>),
    Merge,
    Accept(Vec<String>),
    Rekey,
    /// A CAT tool's file, in the format named or its extension's.
    Import(
        std::path::PathBuf,
        Option<gazette::translate::exchange::Format>,
    ),
}

fn translate(root: std::path::PathBuf, policy: &str, edit: Edit) -> Result<String, String> {
    let portal = load(&root)?;
    let pi = portal
        .policy_index(policy)
        .ok_or_else(|| portal.no_policy_named(policy))?;
    let entry = &portal.policies[pi];
    let memory = || gazette::translate::memory::Memory::of(&portal, entry.policy.id.as_str());
    let (verb, done) = match edit {
        Edit::None(None) => return Ok(gazette::translate::skeleton(entry, &memory())),
        Edit::None(Some(format)) => {
            return format.export(&portal, pi).map_err(|e| e.to_string());
        }
        Edit::Import(file, format) => (
            "imported",
            gazette::translate::exchange::import_file(&portal, pi, &file, format),
        ),
        Edit::Rekey => {
            let done = gazette::rekey::apply(&root, &portal, pi).map_err(|e| e.to_string())?;
            return Ok(done.to_string());
        }
        Edit::Merge => ("added", gazette::translate::edit::merge(entry, &memory())),
        Edit::Accept(ids) => ("accepted", gazette::translate::edit::accept(entry, &ids)),
    };
    let done = done.map_err(|e| e.to_string())?;
    let mut out = format!(
        "{verb} {} English units in {}\n",
        done.changed.len(),
        entry.translation.path.display()
    );
    for k in &done.changed {
        out.push_str(&format!("  {k}\n"));
    }
    for l in &done.left {
        out.push_str(&format!("  left: {l}\n"));
    }
    // Coverage as it now stands, read back from the file.
    let portal = gazette::load(&gazette::BuildOptions::new(&root)).map_err(|e| e.to_string())?;
    out.push_str(&format!(
        "{}\n",
        gazette::translate::coverage(&portal.policies[pi])
    ));
    Ok(out)
}
