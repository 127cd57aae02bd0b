//! A page's `<main>` as a snapshot can hold it: parsed with scraper and
//! printed one element or text a line, indented by depth, so a change to a
//! page shows as a readable diff of the lines that changed.
//!
//! Attributes come in name order (scraper keeps them so); text keeps its
//! characters (only the ASCII whitespace around each of its lines, and
//! lines of it only, are dropped; `<pre>` text is kept whole, quoted).
//! Pages hold no build date or other per-run value, so nothing else needs
//! masking.

use ego_tree::NodeRef;
use scraper::{Html, Node, Selector};

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The page's one `<main>`, pretty-printed; panics when it has none or more.
pub fn pretty_main(page: &str) -> String {
    let doc = Html::parse_document(page);
    let sel = Selector::parse("main").expect("selector");
    let mains: Vec<_> = doc.select(&sel).collect();
    assert_eq!(mains.len(), 1, "a page has one <main>");
    let mut out = String::new();
    print(*mains[0], 0, false, &mut out);
    out
}

fn print(node: NodeRef<Node>, depth: usize, pre: bool, out: &mut String) {
    let indent = "  ".repeat(depth);
    match node.value() {
        Node::Element(e) => {
            out.push_str(&indent);
            out.push('<');
            out.push_str(e.name());
            for (name, value) in e.attrs() {
                out.push_str(&format!(" {name}=\"{}\"", escape(value, true)));
            }
            out.push_str(">\n");
            if VOID.contains(&e.name()) {
                return;
            }
            let pre = pre || e.name() == "pre";
            for child in node.children() {
                print(child, depth + 1, pre, out);
            }
            out.push_str(&format!("{indent}</{}>\n", e.name()));
        }
        Node::Text(t) if pre => {
            out.push_str(&format!("{indent}{:?}\n", &**t));
        }
        Node::Text(t) => {
            // ASCII whitespace only: a full-width space (U+3000) is text.
            let lines = t
                .lines()
                .map(|l| l.trim_matches(|c: char| c.is_ascii_whitespace()));
            for line in lines.filter(|l| !l.is_empty()) {
                out.push_str(&format!("{indent}{}\n", escape(line, false)));
            }
        }
        Node::Comment(c) => out.push_str(&format!("{indent}<!--{}-->\n", &**c)),
        _ => {}
    }
}

fn escape(text: &str, attr: bool) -> String {
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    if attr {
        text.replace('"', "&quot;")
    } else {
        text
    }
}

/// The text of every element of `html` that `css` selects, as printed.
pub fn texts(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// The `attr` of every element of `html` that `css` selects and that has it.
pub fn attrs(html: &str, css: &str, attr: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}
