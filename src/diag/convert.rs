//! The pipeline's typed errors → [`Diagnostic`]s, so that a YAML syntax
//! error, a seed the parser refuses, a template error and a broken link are
//! all reported the same way: `file:line:column`, the source line, a caret
//! and what to do. Takes a [`BuildError`] and the portal root; gives
//! diagnostics, always at least one.

use super::Diagnostic;
use crate::content::ContentError;
use crate::parse::ParseError;
use crate::publish::PublishError;
use crate::render::RenderError;
use crate::seeds::SeedError;
use crate::source::SourceError;
use crate::BuildError;
use std::path::Path;

/// Every problem a failed build reports.
pub fn from_build_error(e: &BuildError, root: &Path) -> Vec<Diagnostic> {
    match e {
        BuildError::Seeds(e) => from_seed_error(e),
        BuildError::Source(e) => vec![from_source_error(e)],
        BuildError::Parse(e) => vec![from_parse_error(e)],
        BuildError::Content(e) => from_content_error(e),
        BuildError::Render(e) => from_render_error(e),
        BuildError::Publish(PublishError::Render(e)) => from_render_error(e),
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
            .help(crate::seeds::EMPTY_HELP),
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
        ParseError::Decode { file, source } => Diagnostic::error("encoding", file, 0)
            .message(source.to_string())
            .help(crate::text::DECODE_HELP),
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

pub fn from_render_error(e: &RenderError) -> Vec<Diagnostic> {
    let theme = |file: String, message: String| {
        Diagnostic::error("theme", file, 0)
            .message(message)
            .help("check the theme folder and content/site.yaml's `theme:`")
    };
    let one = match e {
        RenderError::Template(t) => {
            let (line, column) = t.at.as_ref().map_or((0, 0), |a| (a.line, a.column));
            let syntax = t.at.as_ref().is_some_and(|a| a.expected.is_some());
            Diagnostic::error("template", t.file.clone(), line)
                .column(column)
                .message(t.sentence())
                .label(if syntax { "syntax error here" } else { "" })
                .help("fix the template; a portal's themes/ folder overrides the built-in one file by file")
        }
        RenderError::Strings(e) => return from_content_error(e),
        RenderError::Io { path, .. } => theme(path.display().to_string(), e.to_string()),
        RenderError::NotUtf8 { file } => theme(file.clone(), e.to_string()),
        RenderError::NoTheme { .. } => theme("content/site.yaml".to_owned(), e.to_string()),
        RenderError::NoStrings { .. } => theme("themes/".to_owned(), e.to_string()),
    };
    vec![one]
}
