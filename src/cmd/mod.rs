//! The binary's own modules: the command line ([`cli`]), what each command
//! does with the library and prints ([`commands`]), the build's progress
//! line ([`progress`]), and the small commands main dispatches itself
//! (`translate`'s edits, loading a portal for `withdraw` and `rename`).

pub mod cli;
pub mod commands;
mod progress;

pub fn load(root: &std::path::Path) -> Result<gazette::link::Portal, String> {
    gazette::load(&gazette::BuildOptions::new(root)).map_err(|e| e.to_string())
}

/// What `gazette translate` does to the translation file.
pub enum Edit {
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

pub fn translate(root: std::path::PathBuf, policy: &str, edit: Edit) -> Result<String, String> {
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
