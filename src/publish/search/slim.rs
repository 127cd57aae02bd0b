//! A page as Pagefind is given it: only what Pagefind reads of it, so it
//! parses a fraction of the page and writes the same index.
//!
//! Pagefind reads a page with lol_html from its root element (`<main>`,
//! [`super::ROOT`]) and the `lang` of `<html>`; everything else — the
//! `<head>`, the header, navigation and footer — it parses and throws
//! away. Inside `<main>` it also parses and throws away what an exclusion
//! selector matches ([`EXCLUDED`]: the quotes a target page repeats, the
//! duties a department page lists, fact boxes, table headers), which at
//! 100 synthetic policies is two thirds of the text inside `<main>`.
//! Parsing is most of the search index's time, so [`for_pagefind`] gives
//! it the `<html>` start tag and `<main>`, with each excluded element
//! left out when leaving it out cannot change what Pagefind records.
//!
//! When it cannot (Pagefind 1.6, `fossick/parser.rs`, reads some things
//! even inside an ignored element), the element is kept whole:
//! - it has an `id` (still an anchor of the page, with its children's
//!   text);
//! - it or anything inside it has a `data-pagefind-*` attribute;
//! - it is or holds an `<h1>`, `<title>` or `<img>` (Pagefind takes the
//!   page's title and image from them even there);
//! - it is an inline element holding other elements (their text counts
//!   towards the anchor of a paragraph around it);
//! - its inside is not plain, well-nested HTML (comments, scripts,
//!   styles, SVG, tags left open).
//!
//! A `<main>` holding a script, a style or SVG is given whole. Keeping
//! an element is always safe: it is what Pagefind read before.
//!
//! Checked: `tests/suite/search_slim.rs` indexes the search fixture's,
//! the seed portal's and a synthetic portal's pages whole and as given
//! here, and gets the same index, byte for byte.

use std::borrow::Cow;

/// The selectors of what Pagefind leaves out of the index inside the
/// root element: the theme's and the labels ([`super::LABELS`]) given
/// to it as exclusions, and those Pagefind 1.6 always removes
/// (`REMOVE_SELECTORS` in its `fossick/parser.rs`). Each is a tag name, a
/// class (`.skip`) or an attribute (`[data-search-ignore]`).
pub(super) const EXCLUDED: [&str; 3] = ["noscript", ".skip", "[data-search-ignore]"];

/// Elements Pagefind always removes inside the root (its
/// `REMOVE_SELECTORS`): left out here too.
const REMOVED: [&str; 11] = [
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
    "template",
];

/// Pagefind's inline elements (its `INLINE_SELECTORS`): the text inside
/// them counts towards the anchor of the element around them.
const INLINE: [&str; 33] = [
    "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "dfn", "em", "i",
    "img", "input", "kbd", "label", "map", "object", "output", "q", "samp", "script", "select",
    "small", "span", "strong", "sub", "sup", "textarea", "time", "tt", "var",
];

/// Void elements: no content, no end tag (lol_html's list).
const VOID: [&str; 17] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose text is read to their end tag, not parsed as HTML.
const RCDATA: [&str; 2] = ["textarea", "title"];

/// Elements this reader does not follow (raw text, foreign content):
/// a `<main>` holding one is given whole.
const OPAQUE: [&str; 11] = [
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "svg",
    "math",
    "template",
];

/// Elements Pagefind reads even inside an ignored one (the title, the
/// first image, the language), or that stand for the document.
const READ_INSIDE: [&str; 6] = ["h1", "title", "img", "html", "head", "body"];

/// `html` as Pagefind is given it: the `<html>` start tag (its `lang`)
/// and the `<main>` element, cut after `limit` characters of text
/// ([`super::capped`]), without the excluded elements it can leave out
/// (see the module doc). The page unchanged, but cut, when it has no
/// `<html>` before a `<body>` before one `<main>`.
pub fn for_pagefind(html: &str, limit: usize) -> String {
    let page = html_and_main(html);
    let page = super::capped(&page, limit);
    without_excluded(&page, &all_excluded()).into_owned()
}

/// Simple selectors (a tag name, `.class`, `[attribute]`) by kind.
#[derive(Debug, Default)]
struct Selectors {
    tags: Vec<&'static str>,
    classes: Vec<&'static str>,
    attributes: Vec<&'static str>,
}

/// [`EXCLUDED`], [`super::LABELS`] and [`REMOVED`], by kind.
fn all_excluded() -> Selectors {
    let mut selectors = Selectors::default();
    for s in EXCLUDED
        .iter()
        .chain(super::LABELS.iter())
        .chain(REMOVED.iter())
    {
        if let Some(class) = s.strip_prefix('.') {
            selectors.classes.push(class);
        } else if let Some(attr) = s.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            selectors.attributes.push(attr);
        } else {
            selectors.tags.push(s);
        }
    }
    selectors
}

/// The `<html>` start tag and the `<main>` element of `html`, or `html`
/// unchanged when it has no `<html>`, `<body>` and `<main>` in that order.
fn html_and_main(html: &str) -> Cow<'_, str> {
    let (Some(root), Some(body), Some(main), Some(end)) = (
        find_tag(html, "html", 0),
        html.find("<body"),
        html.find("<main"),
        html.rfind("</main>"),
    ) else {
        return html.into();
    };
    let (Some(root), Some(body)) = (start_tag(html, root), start_tag(html, body)) else {
        return html.into();
    };
    if !(root.end <= body.start && body.end <= main && main < end) {
        return html.into();
    }
    let main = &html[main..end + "</main>".len()];
    format!("{}{main}</html>", &html[root.start..root.end]).into()
}

/// The first `<name` start tag at or after `from`.
fn find_tag(html: &str, name: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(found) = html[at..].find('<').map(|i| at + i) {
        if let Some(tag) = start_tag(html, found) {
            if tag.name.eq_ignore_ascii_case(name) {
                return Some(found);
            }
        }
        at = found + 1;
    }
    None
}

/// A start tag: where it starts and ends (after `>`), its name and the
/// text of its attributes.
#[derive(Debug, Clone, Copy)]
struct StartTag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    attrs: &'a str,
}

impl StartTag<'_> {
    /// Its attributes' names and values (entities left as written).
    fn attributes(&self) -> Attributes<'_> {
        Attributes { rest: self.attrs }
    }

    fn is(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.name.eq_ignore_ascii_case(n))
    }

    /// Whether one of `selectors` matches it.
    fn matches(&self, selectors: &Selectors) -> bool {
        selectors
            .tags
            .iter()
            .any(|t| self.name.eq_ignore_ascii_case(t))
            || self.attributes().any(|(name, value)| {
                selectors
                    .attributes
                    .iter()
                    .any(|a| name.eq_ignore_ascii_case(a))
                    || (name.eq_ignore_ascii_case("class")
                        && value
                            .split_ascii_whitespace()
                            .any(|c| selectors.classes.contains(&c)))
            })
    }

    /// Whether it has an `id`: an ignored element's own `id` is still an
    /// anchor of the page (its text in the index is that of its children).
    fn has_id(&self) -> bool {
        self.attributes()
            .any(|(name, _)| name.eq_ignore_ascii_case("id"))
    }

    /// Whether it has a `data-pagefind-*` attribute, which Pagefind reads
    /// even on an ignored element (filters, metadata, sort keys).
    fn has_pagefind_attributes(&self) -> bool {
        self.attributes().any(|(name, _)| {
            name.get(.."data-pagefind".len())
                .is_some_and(|p| p.eq_ignore_ascii_case("data-pagefind"))
        })
    }
}

/// A start tag's attributes, as the HTML tokenizer splits them.
struct Attributes<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let rest = self
            .rest
            .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        // A name's first character may be `=`; then it runs to a space,
        // `/` or `=`.
        let first = rest.chars().next()?.len_utf8();
        let name_end = first
            + rest[first..]
                .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '=')
                .unwrap_or(rest.len() - first);
        let name = &rest[..name_end];
        let after = rest[name_end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(value) = after.strip_prefix('=') else {
            self.rest = after;
            return Some((name, ""));
        };
        let value = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let (value, rest) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => match value[1..].find(q) {
                Some(end) => (&value[1..1 + end], &value[2 + end..]),
                None => (&value[1..], ""),
            },
            _ => {
                let end = value
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(value.len());
                (&value[..end], &value[end..])
            }
        };
        self.rest = rest;
        Some((name, value))
    }
}

/// The start tag at `at` (a `<` followed by a letter), read to its `>`
/// with quoted attribute values skipped; `None` when there is none.
fn start_tag(html: &str, at: usize) -> Option<StartTag<'_>> {
    let bytes = html.as_bytes();
    if !bytes.get(at + 1)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = at
        + 1
        + html[at + 1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(html.len() - at - 1);
    let mut i = name_end;
    let mut quote = None;
    while let Some(&b) = bytes.get(i) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if after_equals(bytes, i) => quote = Some(b),
            (None, b'>') => {
                return Some(StartTag {
                    start: at,
                    end: i + 1,
                    name: &html[at + 1..name_end],
                    attrs: &html[name_end..i],
                });
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether the quote at `i` opens a value: only spaces since an `=`.
fn after_equals(bytes: &[u8], i: usize) -> bool {
    bytes[..i]
        .iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'=')
}

/// What comes next in HTML text from some position.
enum Token<'a> {
    Start(StartTag<'a>),
    /// An end tag's name, and where the tag ends (after `>`).
    End(&'a str, usize),
    /// Something this reader does not follow: a comment, a doctype, a
    /// processing instruction, a malformed tag.
    Other,
    /// No more tags.
    Done,
}

/// The next tag at or after `from` in `html`, text skipped.
fn next_token(html: &str, from: usize) -> Token<'_> {
    let Some(at) = html[from..].find('<').map(|i| from + i) else {
        return Token::Done;
    };
    let bytes = html.as_bytes();
    match bytes.get(at + 1) {
        Some(b) if b.is_ascii_alphabetic() => match start_tag(html, at) {
            Some(tag) => Token::Start(tag),
            None => Token::Other,
        },
        Some(b'/') if bytes.get(at + 2).is_some_and(|b| b.is_ascii_alphabetic()) => {
            let name_end = at
                + 2
                + html[at + 2..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
                    .unwrap_or(html.len() - at - 2);
            match html[name_end..].find('>') {
                Some(end) => Token::End(&html[at + 2..name_end], name_end + end + 1),
                None => Token::Other,
            }
        }
        // `<` before a space or a digit is text.
        Some(b) if !matches!(b, b'!' | b'?' | b'/') => next_token(html, at + 1),
        _ => Token::Other,
    }
}

/// Where the text of the RCDATA element `name` that starts at `from`
/// ends: after its end tag.
fn rcdata_end(html: &str, name: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let close = html[at..].find("</").map(|i| at + i)?;
        let after = close + 2 + name.len();
        let is_end = html
            .get(close + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && html[after..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_whitespace() || c == '/' || c == '>');
        if is_end {
            return html[after..].find('>').map(|i| after + i + 1);
        }
        at = close + 2;
    }
}

/// `page` ([`html_and_main`]'s) without the elements inside `<main>`
/// that `excluded` matches and that can be left out (see the module
/// doc); unchanged when there are none, or when `<main>` holds what this
/// reader does not follow.
fn without_excluded<'a>(page: &'a str, excluded: &Selectors) -> Cow<'a, str> {
    let (Some(main), Some(end)) = (find_tag(page, "main", 0), page.rfind("</main>")) else {
        return page.into();
    };
    let Some(main) = start_tag(page, main) else {
        return page.into();
    };
    let inside = &page[..end];
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut at = main.end;
    loop {
        match next_token(inside, at) {
            Token::Done => break,
            Token::Other => return page.into(),
            Token::End(_, next) => at = next,
            Token::Start(tag) if tag.is(&OPAQUE) => return page.into(),
            Token::Start(tag) if tag.is(&RCDATA) => {
                let Some(next) = rcdata_end(inside, tag.name, tag.end) else {
                    return page.into();
                };
                at = next;
            }
            Token::Start(tag) => {
                at = tag.end;
                let kept = tag.is(&VOID)
                    || tag.is(&READ_INSIDE)
                    || tag.has_id()
                    || tag.has_pagefind_attributes();
                if tag.matches(excluded) && !kept {
                    if let Some(next) = droppable_end(inside, &tag) {
                        cut.push((tag.start, next));
                        at = next;
                    }
                }
            }
        }
    }
    if cut.is_empty() {
        return page.into();
    }
    let mut out = String::with_capacity(page.len());
    let mut from = 0;
    for (start, next) in cut {
        out.push_str(&page[from..start]);
        from = next;
    }
    out.push_str(&page[from..]);
    out.into()
}

/// Where the excluded element `tag` ends (after its end tag), when it can
/// be left out: nothing inside it that Pagefind reads even there, and
/// well-nested plain HTML (see the module doc).
fn droppable_end(html: &str, tag: &StartTag) -> Option<usize> {
    let inline = tag.is(&INLINE);
    let mut open: Vec<&str> = vec![tag.name];
    let mut at = tag.end;
    loop {
        match next_token(html, at) {
            Token::Done | Token::Other => return None,
            Token::Start(inner) => {
                if inline
                    || inner.is(&OPAQUE)
                    || inner.is(&READ_INSIDE)
                    || inner.has_pagefind_attributes()
                {
                    return None;
                }
                at = inner.end;
                if inner.is(&RCDATA) {
                    at = rcdata_end(html, inner.name, inner.end)?;
                } else if !inner.is(&VOID) {
                    open.push(inner.name);
                }
            }
            Token::End(name, next) => {
                let last = open.pop()?;
                if !last.eq_ignore_ascii_case(name) {
                    return None;
                }
                if open.is_empty() {
                    return Some(next);
                }
                at = next;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{all_excluded, for_pagefind, html_and_main, without_excluded};

    const HEAD: &str =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><title>T</title><script>x</script></head>";

    fn slim(main: &str) -> String {
        without_excluded(main, &all_excluded()).into_owned()
    }

    #[test]
    fn only_the_html_start_tag_and_main_are_kept() {
        let html = format!("{HEAD}<body class=\"x\"><header><nav>a</nav></header><main id=\"main\" data-pagefind-filter=\"kind:policy\"><p>b</p></main><footer>f</footer></body></html>");
        assert_eq!(
            html_and_main(&html),
            "<html lang=\"en\"><main id=\"main\" data-pagefind-filter=\"kind:policy\"><p>b</p></main></html>"
        );
        assert_eq!(html_and_main("<p>no main</p>"), "<p>no main</p>");
        assert_eq!(
            for_pagefind(&html, 100),
            "<html lang=\"en\"><main id=\"main\" data-pagefind-filter=\"kind:policy\"><p>b</p></main></html>"
        );
    }

    #[test]
    fn excluded_elements_are_left_out() {
        let main = "<main><p>a</p><section class=\"x\" data-search-ignore><h2 id=\"q\">Q</h2><p>quote<br><textarea>&lt;/section&gt;</textarea></p></section><dl class=\"facts\"><dt>k</dt><dd>v</dd></dl><p>b</p><nav><a href=\"/\">next</a></nav></main>";
        assert_eq!(slim(main), "<main><p>a</p><p>b</p></main>");
    }

    #[test]
    fn an_element_pagefind_reads_inside_is_kept() {
        for kept in [
            "<section data-search-ignore id=\"s\"><p>x</p></section>",
            "<section data-search-ignore><h1>x</h1></section>",
            "<section data-search-ignore><img src=\"a.png\"></section>",
            "<section data-search-ignore><span data-pagefind-meta=\"a:b\">x</span></section>",
            "<small data-search-ignore><span>x</span></small>",
            "<section data-search-ignore><p>x</section>",
            "<section data-search-ignore><!-- c --></section>",
        ] {
            let main = format!("<main><p>a</p>{kept}<p>b</p></main>");
            assert_eq!(slim(&main), main, "{kept}");
        }
        let inline = "<main><p id=\"p\">a<small data-search-ignore>cite</small></p></main>";
        assert_eq!(slim(inline), "<main><p id=\"p\">a</p></main>");
    }

    #[test]
    fn a_main_with_a_script_is_given_whole() {
        let main =
            "<main><script>if (a<b) {}</script><section data-search-ignore>x</section></main>";
        assert_eq!(slim(main), main);
    }
}
