//! The `gazette` binary: parse the command line, call the library, print
//! any error and exit with status 2 on failure.

mod cmd;

use clap::Parser;
use cmd::cli::{self, Cli, Command};
use cmd::commands;
use gazette::content::policies::WithdrawalStatus;
use gazette::lifecycle;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: rendering allocates many small
/// strings on every core, where glibc's malloc spent a quarter of the
/// build's CPU time (profiled at 1,000 policies).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: its place in the option enum of
/// mimalloc 3 (`mimalloc.h`), which `libmimalloc-sys` builds and does not
/// name. The test below checks it against the linked library.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells the allocator to keep the memory the program frees instead of
/// giving it back to the system a second later. `serve` rebuilds the site
/// after every edit, and memory given back in between had to be faulted
/// in again by the next rebuild: 17% of serve's samples over three edits
/// at 1,000 policies; kept, an edit's rebuild took about a quarter less
/// time, for a peak about 8% higher.
fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's options, which it stores atomically;
    // -1 is a valid value of this one ("never purge").
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = commands::Output::new(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Serve(args) => {
            keep_freed_memory();
            return commands::serve(args, &out);
        }
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
        } => {
            use gazette::translate::exchange::Format as Exchange;
            let exchange = match format {
                Some(cli::ExchangeFormat::Xliff) => Some(Exchange::Xliff),
                Some(cli::ExchangeFormat::Po) => Some(Exchange::Po),
                Some(cli::ExchangeFormat::Yaml) | None => None,
            };
            let edit = match (rekey, merge) {
                (true, _) => cmd::Edit::Rekey,
                (_, true) => cmd::Edit::Merge,
                _ if !accept.is_empty() => cmd::Edit::Accept(accept),
                _ => match import {
                    Some(file) => cmd::Edit::Import(file, exchange),
                    None => cmd::Edit::None(exchange),
                },
            };
            cmd::translate(root, &policy, edit)
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
            cmd::load(&root)
                .and_then(|p| lifecycle::withdraw(&root, &p, &w).map_err(|e| e.to_string()))
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
            cmd::load(&root).and_then(|p| {
                lifecycle::rename(&root, &p, kind, &old, &new).map_err(|e| e.to_string())
            })
        }
        Command::Build {
            root,
            out: out_dir,
            base_url,
            no_search,
            full,
        } => return commands::build(root, out_dir, base_url, !no_search, full, &out),
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

#[cfg(test)]
mod tests {
    /// The option set for `serve` is the purge delay: of mimalloc 3's
    /// options, the one that defaults to 1,000 ms.
    #[test]
    fn the_option_serve_sets_is_mimallocs_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads an option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
