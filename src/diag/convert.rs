//! The pipeline's typed errors → [`Diagnostic`]s, so that a YAML syntax
//! error, a seed the parser refuses, a template error and a broken link are
//! all reported the same way: `file:line:column`, the source line, a caret
//! and what to do. Takes a [`BuildError`] and the portal root; gives
//! diagnostics, always at least one.

use super::Diagnostic;
use crate::content::ContentError;
use crate::parse::ParseError;
use crate::render::RenderError;
use crate::seeds::SeedError;
use crate::source::SourceError;
use crate::BuildError;
use regex::Regex;
use std::path::Path;
use std::sync::OnceLock;

/// Every problem a failed build reports.
pub fn from_build_error(e: &BuildError, root: &Path) -> Vec<Diagnostic> {
    match e {
        BuildError::Seeds(e) => from_seed_error(e),
        BuildError::Source(e) => vec![from_source_error(e)],
        BuildError::Parse(e) => vec![from_parse_error(e)],
        BuildError::Content(e) => from_content_error(e),
        BuildError::Render(e) => vec![from_render_error(e, root)],
        BuildError::Write(e) => vec![Diagnostic::from(e)],
        BuildError::Diagnostics(d) => d.clone(),
        BuildError::Publish(e) => e.diagnostics(root),
        BuildError::BrokenLinks(links) => links
            .iter()
            .map(|l| {
                Diagnostic::error("broken-link", format!("public/{}", l.page), 0)
                    .message(format!("link to `{}`: {}", l.href, l.reason))
                    .help("a template or Markdown page links to a page or anchor the site does not have; fix the link")
            })
            .collect(),
    }
}

/// One diagnostic per problem: a refused name each.
pub fn from_seed_error(e: &SeedError) -> Vec<Diagnostic> {
    let one = match e {
        SeedError::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
            Diagnostic::error("no-seeds", path.display().to_string(), 0)
                .message("there is no seeds/ folder here")
                .help("run the command in a portal folder (or pass --root), or create one with `gazette init DIR`")
        }
        SeedError::Io { path, source } => {
            Diagnostic::error("io", path.display().to_string(), 0).message(format!("cannot read: {source}"))
        }
        SeedError::Empty(dir) => Diagnostic::error("no-seeds", dir.display().to_string(), 0)
            .message("no seed files (*.txt, *.docx, *.html) found")
            .help("put the official text of each policy in seeds/ (a .txt file in UTF-8 or GBK, a .docx or a saved .html page), or run `gazette import FILE`"),
        SeedError::Names(bad) => {
            return bad
                .iter()
                .map(|b| {
                    Diagnostic::error("seed-name", b.path.display().to_string(), 0)
                        .message(format!("the seed name {}", b.reason))
                        .help(crate::seeds::NAME_HELP)
                })
                .collect()
        }
    };
    vec![one]
}

/// A seed that could not be converted to text.
pub fn from_source_error(e: &SourceError) -> Diagnostic {
    Diagnostic::error("seed-format", e.file(), 0)
        .message(e.reason())
        .help(e.help())
}

pub fn from_parse_error(e: &ParseError) -> Diagnostic {
    match e {
        ParseError::Decode { file, offset } => Diagnostic::error("encoding", file, 0)
            .message(format!("byte {offset}: not UTF-8 or GBK/GB18030 text"))
            .help("save the file as UTF-8 (or GBK) text; a Word or PDF file must be exported as plain text first"),
        ParseError::NotAPlan {
            file,
            expected,
            found,
        } => Diagnostic::error("not-a-plan", file, 0)
            .message(format!(
                "not a policy document of the notice + plan genre: expected {expected}, found {found}"
            ))
            .help("check that this is the full text of the plan, with its chapter headings `一、…`, `二、…`"),
        ParseError::Structure {
            file,
            line,
            message,
        } => Diagnostic::error("structure", file, *line)
            .message(message.clone())
            .help("fix the document's numbering or layout at that line"),
    }
}

/// One diagnostic per problem found in `content/`.
pub fn from_content_error(e: &ContentError) -> Vec<Diagnostic> {
    e.each().into_iter().filter_map(one_content_error).collect()
}

fn one_content_error(e: &ContentError) -> Option<Diagnostic> {
    Some(match e {
        ContentError::Io { path, source } => Diagnostic::error("io", path.display().to_string(), 0)
            .message(format!("cannot read: {source}"))
            .help("check that the file exists and is readable"),
        ContentError::Yaml {
            code,
            path,
            line,
            column,
            message,
            help,
        } => Diagnostic::error(code, path.display().to_string(), *line)
            .column(*column)
            .message(message.clone())
            .help(help.clone()),
        ContentError::Invalid {
            code,
            path,
            line,
            message,
            help,
        } => Diagnostic::error(code, path.display().to_string(), *line)
            .message(message.clone())
            .help(help.clone()),
        ContentError::Many(_) => return None,
    })
}

pub fn from_render_error(e: &RenderError, root: &Path) -> Diagnostic {
    match e {
        RenderError::Template {
            template,
            page,
            message,
        } => {
            static AT: OnceLock<Regex> = OnceLock::new();
            static NAME: OnceLock<Regex> = OnceLock::new();
            let at = AT.get_or_init(|| Regex::new(r"--> (\d+):(\d+)").expect("valid regex"));
            let name_re = NAME.get_or_init(|| Regex::new(r"parse '([^']+)'").expect("valid regex"));
            static IMPORT: OnceLock<Regex> = OnceLock::new();
            let import = IMPORT.get_or_init(|| {
                Regex::new(r"Template `([^`]+)` loads macros from `([^`]+)`").expect("valid regex")
            });
            // An error found while loading names its template in the
            // message: a syntax error, or an import of a missing file.
            let imported = import.captures(message);
            let template = name_re
                .captures(message)
                .and_then(|c| c.get(1))
                .or_else(|| imported.as_ref().and_then(|c| c.get(1)))
                .map_or(template.as_str(), |m| m.as_str());
            let file = theme_file(root, template)
                .unwrap_or_else(|| format!("(built-in theme)/templates/{template}"));
            let (line, column) = at
                .captures(message)
                .and_then(|c| Some((c[1].parse().ok()?, c[2].parse().ok()?)))
                .or_else(|| {
                    let missing = imported.as_ref()?.get(2)?.as_str();
                    let text = std::fs::read_to_string(root.join(&file)).ok()?;
                    let line = text.lines().position(|l| l.contains(missing))?;
                    Some((line + 1, 0))
                })
                .unwrap_or((0, 0));
            // A syntax error's explanation is pest's `= expected …` line.
            let expected = message
                .lines()
                .rev()
                .find(|l| l.trim_start().starts_with("= "))
                .map(|l| l.trim_start().trim_start_matches("= ").to_owned());
            let during = if page.is_empty() {
                "while loading the theme".to_owned()
            } else {
                format!("while rendering the page {page}")
            };
            let (text, label) = match expected {
                Some(e) => (
                    format!("template `{template}` has a syntax error ({during}): {e}"),
                    "syntax error here".to_owned(),
                ),
                None => (
                    format!(
                        "template `{template}` failed {during}: {}",
                        message.replace('\n', " ")
                    ),
                    String::new(),
                ),
            };
            Diagnostic::error("template", file, line)
                .column(column)
                .message(text)
                .label(label)
                .help("fix the template; a portal's themes/ folder overrides the built-in one file by file")
        }
        RenderError::Theme(message) => Diagnostic::error("theme", "themes/", 0)
            .message(message.clone())
            .help("check the theme folder and content/site.yaml's `theme:`"),
    }
}

/// `themes/{name}/templates/{template}` of the portal, when one theme
/// folder overrides that template.
fn theme_file(root: &Path, template: &str) -> Option<String> {
    let themes = std::fs::read_dir(root.join("themes")).ok()?;
    let mut found = themes.filter_map(Result::ok).filter_map(|e| {
        let rel = Path::new("themes")
            .join(e.file_name())
            .join("templates")
            .join(template);
        root.join(&rel).is_file().then(|| rel.display().to_string())
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}
