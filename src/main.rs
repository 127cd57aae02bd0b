//! The `gazette` binary: parse the command line, call the library, print
//! any error and exit with status 2 on failure.

mod cli;
mod commands;
mod progress;

use clap::Parser;
use cli::{Cli, Command};
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
            ..
        } => {
            let edit = match (rekey, merge) {
                (true, _) => Edit::Rekey,
                (_, true) => Edit::Merge,
                _ if !accept.is_empty() => Edit::Accept(accept),
                _ => Edit::None,
            };
            translate(root, &policy, edit)
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

/// What `gazette translate` does to the translation file.
enum Edit {
    /// Nothing: print the skeleton.
    None,
    Merge,
    Accept(Vec<String>),
    Rekey,
}

fn translate(root: std::path::PathBuf, policy: &str, edit: Edit) -> Result<String, String> {
    let portal = gazette::load(&gazette::BuildOptions::new(&root)).map_err(|e| e.to_string())?;
    let pi = portal
        .policies
        .iter()
        .position(|p| p.policy.id.as_str() == policy)
        .ok_or_else(|| {
            let ids: Vec<&str> = portal
                .policies
                .iter()
                .map(|p| p.policy.id.as_str())
                .collect();
            format!(
                "no policy `{policy}` in seeds/; the policies are: {}",
                ids.join(", ")
            )
        })?;
    let entry = &portal.policies[pi];
    let (verb, done) = match edit {
        Edit::None => return Ok(gazette::translate::skeleton(entry)),
        Edit::Rekey => {
            let done = gazette::rekey::apply(&root, &portal, pi).map_err(|e| e.to_string())?;
            return Ok(done.to_string());
        }
        Edit::Merge => ("added", gazette::translate::edit::merge(entry)),
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
