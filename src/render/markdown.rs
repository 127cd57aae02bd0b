//! Markdown pages → HTML with pulldown-cmark; fenced code highlighted by
//! syntect into CSS classes (never inline styles), styled by
//! `assets/syntax.css`, which [`syntax_css`] generates.
//!
//! Invariant: no link or image in the output has a destination a browser
//! would run or open as a document of its own. Only `http`, `https`,
//! `mailto`, `tel` and relative URLs stay links ([`safe_url`], which reads
//! the destination as a browser's URL parser does); any other
//! (`javascript:`, `data:`, `vbscript:` …) is rendered as its text, and
//! [`page_warnings`] reports it at its page's file and line.

use crate::content::pages::{MarkdownPage, PageSource};
use crate::diag::Diagnostic;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The URL schemes a link or image may have; relative URLs have none.
const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn parser(markdown: &str) -> Parser<'_> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(markdown, options)
}

/// Renders Markdown to HTML. Raw HTML in the source is escaped, not passed
/// through: pages are content, the theme owns markup. A link or image
/// whose URL is not [`safe_url`] loses its tag and keeps its text (an
/// image, its alt text).
///
/// With `mark_chinese` (a page in another language), Chinese in the text
/// and in inline code is wrapped in `<span lang="zh-Hans">`; not in an
/// image's alt text, an attribute that cannot hold markup (`check` asks
/// for it in the page's language).
pub fn to_html(markdown: &str, mark_chinese: bool) -> String {
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    // One entry per open link or image: whether its tag was dropped.
    let mut dropped: Vec<bool> = Vec::new();
    // Open images kept as images: their text is alt text.
    let mut alt = 0usize;
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, buf)) = code.as_mut() {
                    buf.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, buf)) = code.take() {
                    events.push(Event::Html(highlight(&lang, &buf).into()));
                }
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let drop = rejected(&tag).is_some();
                dropped.push(drop);
                if !drop {
                    alt += usize::from(matches!(tag, Tag::Image { .. }));
                    events.push(Event::Start(tag));
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if !dropped.pop().unwrap_or(false) {
                    alt -= usize::from(end == TagEnd::Image && alt > 0);
                    events.push(Event::End(end));
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Text(text) if mark_chinese && alt == 0 => {
                for (zh, run) in crate::text::han_runs(&text) {
                    let run = Event::Text(run.to_owned().into());
                    events.extend(in_chinese(zh, run));
                }
            }
            Event::Code(code) if mark_chinese && alt == 0 => {
                let zh = code.chars().any(crate::text::is_han);
                events.extend(in_chinese(zh, Event::Code(code)));
            }
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// `event`, inside `<span lang="zh-Hans">` when `zh`.
fn in_chinese(zh: bool, event: Event<'_>) -> Vec<Event<'_>> {
    if zh {
        vec![
            Event::InlineHtml(r#"<span lang="zh-Hans">"#.into()),
            event,
            Event::InlineHtml("</span>".into()),
        ]
    } else {
        vec![event]
    }
}

/// A link or image [`to_html`] renders as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedLink {
    /// 1-based, counted in the Markdown (not in the page file).
    pub line: usize,
    /// 1-based, in characters: where the link or image starts.
    pub column: usize,
    /// The destination as the Markdown gives it (entities decoded).
    pub url: String,
    pub image: bool,
}

/// The links and images of `markdown` that [`to_html`] renders as text.
pub fn rejected_links(markdown: &str) -> Vec<RejectedLink> {
    parser(markdown)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(tag) => rejected(&tag).map(|(url, image)| {
                let before = &markdown[..range.start];
                let line_start = before.rfind('\n').map_or(0, |at| at + 1);
                RejectedLink {
                    line: 1 + before.matches('\n').count(),
                    column: 1 + before[line_start..].chars().count(),
                    url: url.to_owned(),
                    image,
                }
            }),
            _ => None,
        })
        .collect()
}

/// A link's or image's destination (and whether it is an image) when it
/// is not [`safe_url`].
fn rejected<'t>(tag: &'t Tag<'_>) -> Option<(&'t str, bool)> {
    let (url, image) = match tag {
        Tag::Link { dest_url, .. } => (dest_url, false),
        Tag::Image { dest_url, .. } => (dest_url, true),
        _ => return None,
    };
    (!safe_url(url)).then_some((url.as_ref(), image))
}

/// Whether a browser would take `url` as relative or as one of
/// [`ALLOWED_SCHEMES`]. Read as the WHATWG URL parser reads it: leading
/// and trailing control characters and spaces are ignored, tabs and line
/// breaks anywhere are removed, and the scheme (a letter, then letters,
/// digits, `+`, `-` or `.`, up to a `:`) is case-insensitive. Entities
/// and backslash escapes were already decoded by the Markdown parser, and
/// the HTML writer escapes `&`, so what is checked is what the browser
/// sees.
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme_len = cleaned
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_alphabetic()
                || (i > 0 && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))))
        })
        .filter(|&(i, c)| i > 0 && c == ':')
        .map(|(i, _)| i);
    match scheme_len {
        None => true,
        Some(len) => ALLOWED_SCHEMES
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&cleaned[..len])),
    }
}

/// A warning for every link and image of the portal's Markdown pages that
/// is rendered as text, at its line in the page file.
pub fn page_warnings(pages: &[MarkdownPage]) -> Vec<Diagnostic> {
    pages
        .iter()
        .flat_map(|page| page.versions.values())
        .flat_map(|source| {
            let offset = body_offset(source);
            rejected_links(&source.markdown).into_iter().map(move |r| {
                let what = if r.image { "image" } else { "link" };
                Diagnostic::warning("unsafe-link", &source.path, offset + r.line)
                    .column(r.column)
                    .label(format!("shown as text, not as a {what}"))
                    .message(format!(
                        "the {what} to `{}` is shown as text: its scheme is not allowed",
                        r.url
                    ))
                    .help(
                        "links and images may be http:, https:, mailto:, tel: or relative; \
                         link to a page that holds the content instead",
                    )
            })
        })
        .collect()
}

/// How many lines of the page file come before its Markdown body (the
/// front matter and its `---` lines). [`PageSource`] keeps the body
/// without its place, so the file is read again to find it; 0 when it
/// cannot be read or no longer ends with that body (lines are then counted
/// from the body's start).
fn body_offset(source: &PageSource) -> usize {
    std::fs::read_to_string(&source.path)
        .ok()
        .and_then(|text| {
            let head = text.strip_suffix(source.markdown.as_str())?;
            Some(head.matches('\n').count())
        })
        .unwrap_or(0)
}

fn highlight(lang: &str, code: &str) -> String {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!("<pre><code>{}</code></pre>\n", super::escape_html(code));
        }
    }
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", super::escape_html(lang))
    };
    format!("<pre><code{class}>{}</code></pre>\n", gen.finalize())
}

/// The stylesheet for highlighted code, from syntect's InspiredGitHub theme.
pub fn syntax_css() -> String {
    let themes = ThemeSet::load_defaults();
    themes
        .themes
        .get("InspiredGitHub")
        .and_then(|t| syntect::html::css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_are_highlighted_with_classes_not_inline_styles() {
        let html = to_html("```python\nimport json\n```\n", false);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn raw_html_in_markdown_is_escaped() {
        let html = to_html("Hello <script>alert(1)</script>\n", false);
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn chinese_in_an_english_page_is_marked_as_chinese() {
        let html = to_html("The unit `万人` as in 20万人, not \"number\".\n", true);
        assert_eq!(
            html,
            "<p>The unit <span lang=\"zh-Hans\"><code>万人</code></span> as in 20<span lang=\"zh-Hans\">万人</span>, not \"number\".</p>\n"
        );
        assert!(!to_html("20万人\n", false).contains("lang"));
    }
}
