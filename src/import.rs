//! `gazette import FILE`: adds a new document of the genre to a portal.
//!
//! Takes a text file in UTF-8 or GBK/GB18030, a Word document (`.docx`) or
//! a saved web page (`.html`/`.htm`), and the portal root. Refuses a file
//! [`crate::source`] cannot convert or the parser does not accept (with
//! their own errors), before writing anything. Writes `seeds/NAME.txt` in
//! UTF-8 for text, or the `.docx`/`.html` file unchanged as
//! `seeds/NAME.docx`/`.html` (converted again on every build), appends stubs to `content/departments.yaml`
//! (units the registry lacks), `content/policies.yaml` and
//! `content/targets.yaml` (slugs), writes an empty translation skeleton to
//! `content/translations/en/NAME.yaml`, and reports what to fill in.
//! Invariant: idempotent — importing the same file again writes nothing,
//! because every stub is added only when its key is absent.

use crate::content::{self, ContentError, Curated, DepartmentRegistry};
use crate::model::{Lang, Policy, PolicyId};
use crate::parse::{parse_policy, ParseError, ParseOptions};
use crate::source::{Format, SourceError};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

mod annex;

pub use annex::import_table;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}\n  help: check that the portal folder is writable")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: {source}\n  help: {}", crate::text::DECODE_HELP)]
    Decode {
        file: String,
        #[source]
        source: crate::text::DecodeError,
    },
    #[error("`{0}` cannot be a seed name\n  help: pass --name with letters, digits, `_` or `-` (e.g. --name digital-economy-2022)")]
    BadName(String),
    #[error("{path} already exists with different text\n  help: to replace a seed, edit or delete {path} yourself; to add this one beside it, pass --name with a new name")]
    Conflict { path: PathBuf, name: String },
    #[error("{file}: a task table is the annex of a policy already in the portal\n  help: pass the policy it belongs to: gazette import {file} --policy ID")]
    TableNeedsPolicy { file: String },
    #[error("{file}: --policy takes a task table (.xlsx, .xls, .ods or .csv)\n  help: to add a document, run gazette import {file} without --policy")]
    NotTable { file: String },
    #[error("no policy `{policy}` in seeds/ (it has {})\n  help: pass --policy with the seed's name (its file name without extension)", known.join(", "))]
    UnknownPolicy { policy: String, known: Vec<String> },
    #[error("{seed}:{line}: the text of `{policy}` already has a task table ({rows} rows)\n  help: a policy has one task table; correct rows in content/ rather than importing the table again")]
    HasTable {
        policy: String,
        seed: String,
        line: usize,
        rows: usize,
    },
    #[error("{file}: no table rows were read (a header was found, but no numbered row under it)\n  help: check that each row has its number under 序号 and its text under the task column")]
    NoRows { file: String },
    #[error("content/policies.yaml: no entry `{policy}:` to record the sheet under\n  help: add `{policy}:` with its slug to content/policies.yaml, then import again")]
    NoPolicyEntry { policy: String },
    #[error("content/policies.yaml: {reason}\n  help: write the policy's entry as a block mapping, one key a line")]
    PolicyEntry { reason: String },
    #[error(transparent)]
    Seeds(Box<crate::seeds::SeedError>),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Content(#[from] ContentError),
}

/// What an import did and what is left for the webmaster.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The policy ID (seed name).
    pub name: String,
    /// `utf-8` or `gb18030` for text; `Word document` or `web page`.
    pub encoding: &'static str,
    /// What the conversion left out or found (an image, an attachment to
    /// import), one line each.
    pub notes: Vec<String>,
    /// Files created or appended to, relative to the root.
    pub changed: Vec<String>,
    /// What to fill in, one line each.
    pub todo: Vec<String>,
    /// The review's counts and doubtful items ([`crate::review::Review::summary`]),
    /// against the registry as the import leaves it.
    pub review: String,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.changed.is_empty() {
            writeln!(f, "{}: already imported; nothing changed", self.name)?;
        } else {
            writeln!(f, "imported {} ({}):", self.name, self.encoding)?;
            for c in &self.changed {
                writeln!(f, "  wrote {c}")?;
            }
        }
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        if !self.todo.is_empty() {
            writeln!(f, "to fill in:")?;
            for t in &self.todo {
                writeln!(f, "  - {t}")?;
            }
        }
        write!(f, "{}", self.review)
    }
}

/// Imports `file` into the portal at `root`, as `name` or the file's stem.
pub fn import(root: &Path, file: &Path, name: Option<&str>) -> Result<ImportReport, ImportError> {
    let bytes = std::fs::read(file).map_err(|source| ImportError::Read {
        path: file.to_owned(),
        source,
    })?;
    let display = file.display().to_string();
    let format = Format::of(file)?.unwrap_or(Format::Text);
    let name = match name {
        Some(n) => n.to_owned(),
        None => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    if crate::seeds::check_name(&name).is_err() {
        return Err(ImportError::BadName(name));
    }
    // What the seed file will hold, its extension, and the text to parse.
    let (seed_bytes, ext, text, encoding, notes) = match format {
        Format::Text => {
            let (text, encoding) =
                crate::text::decode(&bytes).map_err(|source| ImportError::Decode {
                    file: display.clone(),
                    source,
                })?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
            let encoding = match encoding {
                crate::text::Encoding::Utf8 => "utf-8",
                crate::text::Encoding::Utf16 => "utf-16",
                crate::text::Encoding::Gb18030 => "gb18030",
            };
            (
                text.clone().into_bytes(),
                "txt",
                text.into_bytes(),
                encoding,
                Vec::new(),
            )
        }
        Format::Table(_) => return Err(ImportError::TableNeedsPolicy { file: display }),
        Format::Docx | Format::Html => {
            let source = crate::source::read(&display, format, &bytes, None)?;
            let (ext, kind) = if format == Format::Docx {
                ("docx", "Word document")
            } else {
                ("html", "web page")
            };
            (bytes.clone(), ext, source.bytes, kind, source.notes)
        }
    };
    let content_dir = root.join("content");
    let registry = DepartmentRegistry::load(&content_dir.join("departments.yaml"))?;
    let seed_rel = format!("seeds/{name}.{ext}");
    let parse = |registry: &DepartmentRegistry| {
        parse_policy(
            PolicyId(name.clone()),
            &display,
            &text,
            &ParseOptions {
                known_units: &registry.names(),
            },
        )
    };
    let policy = parse(&registry)?;

    let mut report = ImportReport {
        name: name.clone(),
        encoding,
        notes,
        ..Default::default()
    };

    // The seed itself; a seed of the same name in another format is a
    // conflict too (one file per policy).
    let seed_path = root.join(&seed_rel);
    if let Some(other) = other_format(root, &name, ext) {
        return Err(ImportError::Conflict { path: other, name });
    }
    match std::fs::read(&seed_path) {
        Ok(existing) if existing == seed_bytes => {}
        Ok(_) => {
            return Err(ImportError::Conflict {
                path: seed_path,
                name,
            })
        }
        Err(_) => {
            write_new(&seed_path, &seed_bytes)?;
            report.changed.push(seed_rel.clone());
        }
    }

    // Departments the registry lacks, found by the review before
    // run-together cells are split on known names; once they are stubs the
    // cells split on them, so the rest reads the document again.
    let unknown = unknown_departments(&policy, &registry);
    let (policy, registry) = match unknown.is_empty() {
        true => (policy, registry),
        false => {
            let registry = with_stubs(registry, &unknown);
            (parse(&registry)?, registry)
        }
    };
    report.review = crate::review::review(&policy, &registry).summary();
    add_department_stubs(&content_dir, &name, &unknown, &mut report)?;

    // Policy slug.
    let policies_path = content_dir.join("policies.yaml");
    if !content::policies::load(&policies_path)?.contains_key(&name) {
        let block = format!(
            "\n# Added by `gazette import`: the permanent URL slug of {name}.\n{}:\n  slug:\n  issuer_zh:\n  issuer_en:\n",
            yaml_key(&name)
        );
        append(&policies_path, &block)?;
        report.changed.push("content/policies.yaml".into());
        report.todo.push(format!(
            "content/policies.yaml: a slug for {name} (lowercase letters, digits and hyphens, e.g. innovation-2024-2026) and its issuer"
        ));
    }

    // Target slugs.
    let targets_path = content_dir.join("targets.yaml");
    if !policy.targets.is_empty() && !content::targets::load(&targets_path)?.contains_key(&name) {
        let mut block = format!(
            "\n# Added by `gazette import`: a permanent slug for each target of {name}.\n{}:\n",
            yaml_key(&name)
        );
        for t in &policy.targets {
            let phrase = t
                .mentions
                .first()
                .map_or(t.metric.as_str(), |m| m.text.as_str());
            let _ = write!(
                block,
                "  {}:\n    slug:  # {}\n",
                t.id,
                phrase.replace('\n', " ")
            );
        }
        append(&targets_path, &block)?;
        report.changed.push("content/targets.yaml".into());
        report.todo.push(format!(
            "content/targets.yaml: slugs for the {} targets of {name}",
            policy.targets.len()
        ));
    }

    // Translation skeleton.
    let translation = content::translation_path(root, Lang::En, &name);
    if !translation.exists() {
        let units = policy.text_units().len();
        // The memory of the portal's other policies, as it now stands.
        let memory = match crate::load(&crate::BuildOptions::new(root)) {
            Ok(existing) => crate::translate::memory::Memory::of(&existing, &name),
            Err(e) => {
                report.todo.push(format!(
                    "the translation memory was not consulted (the portal does not load: {e}); once it does, `gazette translate {name} --merge` offers its drafts"
                ));
                Default::default()
            }
        };
        let offered = policy
            .text_units()
            .iter()
            .filter(|u| memory.suggest(u.zh).is_some())
            .count();
        let portal = crate::link::link(
            vec![policy],
            Curated {
                departments: registry,
                ..Default::default()
            },
        );
        let skeleton = crate::translate::skeleton(&portal.policies[0], &memory);
        write_new(&translation, skeleton.as_bytes())?;
        let rel = format!("content/translations/en/{name}.yaml");
        let drafts = match offered {
            0 => String::new(),
            n => format!("; {n} offered as drafts from the translation memory, to check and `gazette translate {name} --accept`"),
        };
        report.todo.push(format!(
            "{rel}: the English of {units} units (each `text: \"\"`{drafts})"
        ));
        report.changed.push(rel);
    }
    Ok(report)
}

/// Names of units in clauses, table cells (every one, found before
/// run-together cells are split on known names: [`crate::review`]) and
/// signatures that the registry does not know, in line order.
fn unknown_departments(policy: &Policy, registry: &DepartmentRegistry) -> Vec<String> {
    let doubts = crate::review::find(policy, registry);
    let signers = policy.notice.iter().flat_map(|n| n.signers.iter());
    let mut out = crate::review::unregistered_names(&doubts);
    for name in signers {
        if registry.get(name).is_none() && !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

/// Appends a registry stub (`en`, `short_en`, `slug` to fill in) for each
/// of `names` to `content/departments.yaml`, and says so in `report`;
/// `what` names the import in the file's comment.
fn add_department_stubs(
    content_dir: &Path,
    what: &str,
    names: &[String],
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    if names.is_empty() {
        return Ok(());
    }
    let mut block =
        format!("\n# Added by `gazette import` for {what}: fill in `en`, `short_en` and `slug`.\n");
    for d in names {
        let _ = write!(block, "- name: {d}\n  en:\n  short_en:\n  slug:\n");
    }
    append(&content_dir.join("departments.yaml"), &block)?;
    report.changed.push("content/departments.yaml".into());
    report.todo.push(format!(
        "content/departments.yaml: English names and slugs of {} new department{}: {}",
        names.len(),
        if names.len() == 1 { "" } else { "s" },
        names.join("、")
    ));
    Ok(())
}

/// `registry` with an entry, as yet without English or slug, for each of
/// `names`: what the registry holds once the import's stubs are written.
fn with_stubs(registry: DepartmentRegistry, names: &[String]) -> DepartmentRegistry {
    let mut entries = registry.entries;
    entries.extend(names.iter().map(|n| content::Department {
        name: n.clone(),
        aliases: Vec::new(),
        full_zh: None,
        en: None,
        short_en: None,
        slug: None,
        line: 0,
    }));
    DepartmentRegistry::new(entries)
}

/// An existing seed named `name` with another extension than `ext`.
fn other_format(root: &Path, name: &str, ext: &str) -> Option<PathBuf> {
    ["txt", "md", "docx", "html", "htm"]
        .into_iter()
        .filter(|e| *e != ext)
        .map(|e| root.join("seeds").join(format!("{name}.{e}")))
        .find(|p| p.is_file())
}

/// A YAML mapping key, quoted when it could be read as something else.
fn yaml_key(key: &str) -> String {
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.chars().all(|c| c.is_ascii_digit())
    {
        key.to_owned()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let err = |source| ImportError::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    std::fs::write(path, bytes).map_err(err)
}

/// Appends `block` to a text file, starting on a new line.
fn append(path: &Path, block: &str) -> Result<(), ImportError> {
    let mut text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(ImportError::Read {
                path: path.to_owned(),
                source,
            })
        }
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let block = if text.is_empty() {
        block.trim_start_matches('\n')
    } else {
        block
    };
    text.push_str(block);
    write_new(path, text.as_bytes())
}
