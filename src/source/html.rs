//! A saved web page (`.html`/`.htm`) → text lines.
//!
//! Decodes by the BOM or `<meta charset>` (UTF-8, GB2312/GBK/GB18030 …,
//! with `encoding_rs`), parses with `scraper` (html5ever), then finds the
//! document without site-specific rules: from `<body>` down, the child
//! holding most of the text that is not link text (menus and share bars
//! are links), while one holds at least [`MAIN_SHARE`] of it; then back to
//! the nearest heading before it (the title, with the `发布时间` line
//! between). Site chrome — `nav`/`header`/`footer`, elements named like
//! menus, breadcrumbs or share bars, `javascript:` links, lines such as
//! `打印本页` — is left out.
//! A `<table>` goes through [`super::grid`] with `rowspan`/`colspan`;
//! `<br>` inside a cell separates its lines. Linked attachments are
//! listed in the notes.

use super::grid::Grid;
use super::{join, Source, SourceError};
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};
use std::collections::HashMap;

/// The share of its parent's text a child must hold to be descended into.
const MAIN_SHARE: f64 = 0.6;
/// Fewer characters than this in the main block: not a document.
const MIN_CHARS: usize = 200;

/// Elements never read.
const SKIPPED_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "select",
    "button", "iframe", "object", "template", "input", "textarea", "svg", "map",
];
/// Words in a `class` or `id` that mark page chrome.
const CHROME_NAMES: &[&str] = &[
    "nav", "menu", "crumb", "share", "footer", "sidebar", "toolbar", "position", "location",
];
/// Lines of page chrome, by their start (short lines only).
const CHROME_LINES: &[&str] = &[
    "您当前所在的位置",
    "您现在的位置",
    "当前位置",
    "分享到",
    "扫一扫",
    "【字号",
    "字号",
    "打印本页",
    "【打印",
    "关闭窗口",
    "【关闭",
];
/// Block elements: each starts a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "section",
    "article",
    "main",
    "center",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "caption",
    "figure",
];
/// Extensions of linked attachments.
const ATTACHMENTS: &[&str] = &[
    ".docx", ".doc", ".wps", ".pdf", ".xlsx", ".xls", ".et", ".csv", ".zip", ".rar", ".txt",
];

pub fn read(file: &str, bytes: &[u8]) -> Result<Source, SourceError> {
    let text = decode(bytes);
    let doc = Html::parse_document(&text);
    let order: HashMap<NodeId, usize> = doc
        .tree
        .root()
        .descendants()
        .enumerate()
        .map(|(i, n)| (n.id(), i))
        .collect();
    let body = doc
        .root_element()
        .child_elements()
        .find(|e| e.value().name() == "body")
        .unwrap_or_else(|| doc.root_element());
    let mut scores = HashMap::new();
    score(*body, &mut scores);
    let main = main_block(body, &scores);
    let main_chars = scores.get(&main.id()).copied().unwrap_or(0);
    if main_chars < MIN_CHARS {
        return Err(SourceError::NoText {
            file: file.to_owned(),
            reason: format!(
                "the largest block of text on the page has {main_chars} characters; this looks like an index, search or error page"
            ),
            help: "save the page that shows the document itself (its own URL), or copy the text into a .txt file",
        });
    }
    let start = title_before(body, main, &order).unwrap_or(main);
    let region = lowest_common_ancestor(start, main);
    let mut walk = Walk {
        start: start.id(),
        end: main.id(),
        on: false,
        done: false,
        lines: Vec::new(),
        line: String::new(),
    };
    walk.node(*region);
    walk.flush();
    let lines: Vec<String> = walk
        .lines
        .into_iter()
        .filter(|l| !is_chrome_line(l))
        .collect();
    Ok(Source {
        bytes: join(lines),
        notes: attachments(file, &doc),
    })
}

/// The page as text: by BOM, else by `<meta charset>` / `content="…;
/// charset=…"` in its first bytes, else UTF-8 when valid, else GB18030.
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes)).to_ascii_lowercase();
    let declared = head.find("charset").and_then(|i| {
        let rest = head.get(i + "charset".len()..)?;
        let rest = rest.trim_start_matches([' ', '=', '"', '\'']);
        let label: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    let enc = match declared {
        Some(enc) => enc,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::GB18030,
    };
    enc.decode(bytes).0.into_owned()
}

fn is_skipped(e: &ElementRef) -> bool {
    let v = e.value();
    if SKIPPED_TAGS.contains(&v.name()) {
        return true;
    }
    let names = v
        .attr("class")
        .unwrap_or("")
        .split_whitespace()
        .chain(v.id())
        .map(str::to_ascii_lowercase);
    let mut names = names;
    names.any(|n| CHROME_NAMES.iter().any(|w| n.contains(w)))
}

/// Characters of text outside links under each element, by node.
fn score(node: NodeRef<Node>, scores: &mut HashMap<NodeId, usize>) -> usize {
    let n = match node.value() {
        Node::Text(t) => t.chars().filter(|c| !c.is_whitespace()).count(),
        Node::Element(e) => {
            let Some(el) = ElementRef::wrap(node) else {
                return 0;
            };
            if is_skipped(&el) || e.name() == "a" {
                0
            } else {
                let n = node.children().map(|c| score(c, scores)).sum();
                scores.insert(node.id(), n);
                n
            }
        }
        _ => 0,
    };
    n
}

/// From `body` down into the child holding most of the text.
fn main_block<'a>(body: ElementRef<'a>, scores: &HashMap<NodeId, usize>) -> ElementRef<'a> {
    let of = |e: &ElementRef| scores.get(&e.id()).copied().unwrap_or(0);
    let mut cur = body;
    while let Some(best) = cur.child_elements().max_by_key(|c| of(c)) {
        if (of(&best) as f64) < of(&cur) as f64 * MAIN_SHARE || best.value().name() == "table" {
            break;
        }
        cur = best;
    }
    cur
}

fn is_title(e: &ElementRef) -> bool {
    let v = e.value();
    matches!(v.name(), "h1" | "h2" | "h3")
        || v.attr("class")
            .unwrap_or("")
            .split_whitespace()
            .chain(v.id())
            .any(|n| n.to_ascii_lowercase().contains("title"))
}

/// The nearest heading before `main` in the page, when `main` holds none.
fn title_before<'a>(
    body: ElementRef<'a>,
    main: ElementRef<'a>,
    order: &HashMap<NodeId, usize>,
) -> Option<ElementRef<'a>> {
    if main.descendent_elements().any(|e| is_title(&e)) {
        return None;
    }
    let at = order.get(&main.id()).copied()?;
    body.descendent_elements()
        .filter(|e| order.get(&e.id()).is_some_and(|&i| i < at))
        .filter(|e| is_title(e) && !e.text().all(|t| t.trim().is_empty()))
        .filter(|e| {
            !e.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| is_skipped(&a))
        })
        .filter(|e| !is_skipped(e))
        .last()
}

fn lowest_common_ancestor<'a>(a: ElementRef<'a>, b: ElementRef<'a>) -> ElementRef<'a> {
    let chain: Vec<NodeId> = std::iter::once(*b)
        .chain(b.ancestors())
        .map(|n| n.id())
        .collect();
    std::iter::once(*a)
        .chain(a.ancestors())
        .find(|n| chain.contains(&n.id()))
        .and_then(ElementRef::wrap)
        .unwrap_or(b)
}

/// Writes the text from the start of `start` to the end of `end` as lines.
struct Walk {
    start: NodeId,
    end: NodeId,
    on: bool,
    done: bool,
    lines: Vec<String>,
    line: String,
}

impl Walk {
    fn flush(&mut self) {
        let line = self.line.trim();
        if !line.is_empty() {
            self.lines.push(line.to_owned());
        }
        self.line.clear();
    }

    fn node(&mut self, node: NodeRef<Node>) {
        if self.done {
            return;
        }
        if node.id() == self.start {
            self.on = true;
        }
        match node.value() {
            Node::Text(t) if self.on => push_text(&mut self.line, t),
            Node::Element(e) => {
                let Some(el) = ElementRef::wrap(node) else {
                    return;
                };
                let name = e.name();
                // Page controls: `javascript:` links (print, close, font size).
                let control = name == "a"
                    && e.attr("href")
                        .is_some_and(|h| h.trim_start().starts_with("javascript:"));
                if is_skipped(&el) || control {
                    return;
                }
                if name == "br" && self.on {
                    self.flush();
                } else if name == "table" && self.on {
                    self.flush();
                    self.lines.extend(table(el));
                } else {
                    let block = BLOCKS.contains(&name);
                    if block {
                        self.flush();
                    }
                    for c in node.children() {
                        self.node(c);
                    }
                    if block {
                        self.flush();
                    }
                }
            }
            _ => {}
        }
        if node.id() == self.end {
            self.flush();
            self.done = true;
        }
    }
}

/// Appends HTML text, runs of white space as one space.
fn push_text(line: &mut String, text: &str) {
    for (i, part) in text.split(char::is_whitespace).enumerate() {
        if i > 0 && !line.ends_with(' ') {
            line.push(' ');
        }
        line.push_str(part);
    }
}

/// A `<table>` as grid lines: rows in order (not those of nested tables),
/// each cell at the first free column, spanning its `rowspan`/`colspan`.
fn table(el: ElementRef) -> Vec<String> {
    let mut grid = Grid::default();
    let rows = el.descendent_elements().filter(|r| {
        r.value().name() == "tr"
            && r.ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "table")
                .is_some_and(|t| t.id() == el.id())
    });
    for (r, row) in rows.enumerate() {
        let mut col = 0;
        for cell in row
            .child_elements()
            .filter(|c| matches!(c.value().name(), "td" | "th"))
        {
            while grid.taken(r, col) {
                col += 1;
            }
            let span = |name| {
                cell.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000)
            };
            let (rows, cols) = (span("rowspan"), span("colspan"));
            let mut walk = Walk {
                start: cell.id(),
                end: cell.id(),
                on: false,
                done: false,
                lines: Vec::new(),
                line: String::new(),
            };
            walk.node(*cell);
            grid.place(r, col, rows, cols, walk.lines.join("\n"));
            col += cols;
        }
    }
    grid.lines()
}

fn is_chrome_line(line: &str) -> bool {
    line.chars().count() <= 60
        && (CHROME_LINES.iter().any(|c| line.starts_with(c))
            || line.contains("打印本页")
            || line.contains("关闭窗口"))
}

/// One note per linked attachment (`附件：….xlsx`), saying to import it.
fn attachments(file: &str, doc: &Html) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in doc.root_element().descendent_elements() {
        if a.value().name() != "a" {
            continue;
        }
        let Some(href) = a.value().attr("href") else {
            continue;
        };
        let path = href
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(ext) = ATTACHMENTS.iter().find(|e| path.ends_with(*e)) else {
            continue;
        };
        let text: String = a.text().collect::<String>().trim().to_owned();
        let what = match *ext {
            ".docx" | ".txt" => "download it and import it with `gazette import FILE`",
            ".doc" | ".wps" | ".pdf" => "download it, convert it with `soffice --headless --convert-to docx FILE` and import it",
            ".xlsx" | ".xls" | ".csv" => "download it and import it as this policy's task table with `gazette import FILE --policy ID`",
            ".et" => "download it, save it as .xlsx from the spreadsheet program and import it with `gazette import FILE --policy ID`",
            _ => "download it and unpack it; import the document and its task table from it",
        };
        let note = format!("{file}: linked attachment `{text}` ({href}): {what}");
        if !out.contains(&note) {
            out.push(note);
        }
    }
    out
}
