//! `gazette check`: everything a build would complain about, and what it
//! only tolerates, collected into one report without writing anything.
//!
//! Takes [`BuildOptions`]; gives a [`CheckReport`]: diagnostics (parser
//! consistency warnings, departments missing from the registry, fallback
//! and duplicate slugs, translation staleness and unknown IDs, broken
//! internal links and anchors in the site rendered in memory, the URL lock
//! via [`publish::publish`], what the rendered pages say ([`pages`]: Chinese
//! outside `lang="zh…"`, fact boxes against headlines), targets whose
//! English unit is only a measure word's neutral noun)
//! and translation coverage per policy. The invariant: `check` never stops
//! at the first problem it can get past, and never touches `public/`.

mod pages;
pub(crate) mod terms;

use crate::diag::{convert, Diagnostic, Severity};
use crate::translate::{self, Coverage};
use crate::{link, publish, render, BuildError, BuildOptions};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

/// What `check` found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// Errors first, then warnings, each in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// English coverage of each policy; empty when the portal didn't load.
    pub coverage: Vec<Coverage>,
    /// HTML pages whose links were checked (0 when rendering failed).
    pub pages_checked: usize,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }

    /// 2 with errors; 1 with warnings when `strict`; else 0.
    pub fn exit_code(&self, strict: bool) -> u8 {
        if self.errors() > 0 {
            2
        } else if strict && self.warnings() > 0 {
            1
        } else {
            0
        }
    }

    /// The machine-readable form (`--format json`).
    pub fn to_json(&self, strict: bool) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            exit_code: u8,
            errors: usize,
            warnings: usize,
            #[serde(flatten)]
            report: &'a CheckReport,
        }
        let json = Json {
            exit_code: self.exit_code(strict),
            errors: self.errors(),
            warnings: self.warnings(),
            report: self,
        };
        let mut out = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".into());
        out.push('\n');
        out
    }

    /// Coverage lines and the closing count, for people.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for c in &self.coverage {
            let _ = writeln!(out, "{c}");
        }
        if self.pages_checked > 0 {
            let _ = writeln!(out, "links: {} pages checked", self.pages_checked);
        }
        let _ = writeln!(
            out,
            "check: {} error{}, {} warning{}",
            self.errors(),
            plural(self.errors()),
            self.warnings(),
            plural(self.warnings())
        );
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Checks the portal at `opts.root`.
pub fn check(opts: &BuildOptions) -> CheckReport {
    let mut report = CheckReport {
        diagnostics: Vec::new(),
        coverage: Vec::new(),
        pages_checked: 0,
    };
    let portal = match crate::load(opts) {
        Ok(p) => p,
        Err(e) => {
            report.diagnostics = convert::from_build_error(&e, &opts.root);
            return finish(report, &opts.root);
        }
    };
    let mut diags = crate::portal_warnings(&portal);
    for p in &portal.policies {
        let c = translate::coverage(p);
        diags.extend(translate::diagnostics(p, &c));
        report.coverage.push(c);
    }
    diags.extend(translate::neutral_units(&portal));
    diags.extend(orphan_translations(&opts.root, &portal));
    match render_in_memory(&opts.root, &portal) {
        Ok((built, store)) => {
            report.pages_checked = built.iter().filter(|f| f.path.ends_with(".html")).count();
            diags.extend(broken_links(&built, portal.urls.base_path()));
            let files = store.into_files(built);
            diags.extend(pages::check(&files));
        }
        Err(e) => diags.extend(convert::from_build_error(&e, &opts.root)),
    }
    report.diagnostics = diags;
    finish(report, &opts.root)
}

fn finish(mut report: CheckReport, root: &Path) -> CheckReport {
    for d in &mut report.diagnostics {
        d.file = crate::diag::snippet::display_path(root, &d.file);
    }
    // Stable: errors first, each group in the order found.
    report
        .diagnostics
        .sort_by_key(|d| std::cmp::Reverse(d.severity));
    report
}

/// The files `build` would write: pages, then what `publish` adds (open
/// data, feeds, sitemaps; not the search index, which no link points
/// into). `publish` also holds the site to the URL lock
/// (`content/urls.lock`, issue 5), so a locked URL the site would stop
/// publishing comes back from here as an error.
fn render_in_memory(
    root: &Path,
    portal: &link::Portal,
) -> Result<(Vec<render::Built>, crate::InMemory), BuildError> {
    use crate::Store;
    let theme = render::Theme::load(root, &portal.site.theme)?;
    let store = crate::InMemory::default();
    let cache = crate::incremental::PageCache::off();
    render::render_into(portal, &theme, &cache, &store)?;
    let mut built = store.built()?;
    publish::publish(portal, &theme, root, &built, &store, &cache)?;
    crate::add_built(&mut built, store.built()?);
    Ok((built, store))
}

/// Translation files that belong to no seed.
fn orphan_translations(root: &Path, portal: &link::Portal) -> Vec<Diagnostic> {
    let ids: HashSet<&str> = portal
        .policies
        .iter()
        .map(|p| p.policy.id.as_str())
        .collect();
    let dir = root.join("content").join("translations").join("en");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter(|n| !ids.contains(n.trim_end_matches(".yaml")))
        .map(|n| {
            Diagnostic::warning(
                "orphan-translation",
                format!("content/translations/en/{n}"),
                0,
            )
            .message("no seed in seeds/ has this name, so this translation is never used")
            .help("rename it after its seed (seeds/NAME.txt → NAME.yaml) or remove it")
        })
        .collect()
}

fn broken_links(files: &[render::Built], base_path: &str) -> Vec<Diagnostic> {
    publish::links::check(files, base_path)
        .iter()
        .map(Diagnostic::from)
        .collect()
}
