//! What contributors to `content/` and the seeds cannot make the site do:
//! Markdown links and images that would run code are shown as text, with a
//! warning at the page's line; CSV cells never start a spreadsheet formula;
//! a giant page's search entry is capped.

use crate::common;

use std::path::Path;

/// A fresh `gazette init` portal in a temporary folder.
fn portal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    gazette::init::init(&dir.path().join("p"), false).expect("init");
    dir
}

fn root(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("p")
}

fn write_page(root: &Path, name: &str, body: &str) {
    let text = format!("---\ntitle: Links\n---\n\n{body}");
    std::fs::write(root.join("content/pages").join(name), text).expect("write page");
}

fn quick(root: &Path) -> common::Built {
    common::build_with(root, |o| o.search = false)
}

/// The `<main>` of a built page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>");
    &html[start..end]
}

/// Each way of writing a scheme that runs code, as a link and as an image:
/// the page shows the text, links nowhere, and the build warns at the line.
#[test]
fn unsafe_link_schemes_are_rendered_as_text_with_a_warning_at_their_line() {
    let variants = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
    ];
    for (i, url) in variants.iter().enumerate() {
        let dir = portal();
        let root = root(&dir);
        // Angle brackets let a destination hold spaces and control chars.
        let body = format!(
            "First line.\n\n[click me](<{url}>)\n\n![a picture](<{url}>)\n\n[ref link][r]\n\n[r]: <{url}>\n"
        );
        write_page(&root, "links.en.md", &body);
        let built = quick(&root);
        let html = built.page("en/links/index.html");
        let main = main_of(&html);
        assert!(main.contains("click me"), "variant {i}: {main}");
        assert!(main.contains("a picture"), "variant {i}: {main}");
        assert!(main.contains("ref link"), "variant {i}: {main}");
        assert!(
            !main.contains("<a "),
            "variant {i} `{url}` is a link: {main}"
        );
        assert!(
            !main.contains("<img"),
            "variant {i} `{url}` is an image: {main}"
        );
        let lower = main.to_lowercase();
        assert!(!lower.contains("script:"), "variant {i}: {main}");
        let warnings: Vec<_> = built
            .report
            .warnings
            .iter()
            .filter(|d| d.code == "unsafe-link")
            .collect();
        let lines: Vec<usize> = warnings.iter().map(|d| d.line).collect();
        // Front matter (3 lines) and a blank line come before the body.
        assert_eq!(lines, [7, 9, 11], "variant {i} `{url}`: {warnings:?}");
        assert!(
            warnings.iter().all(|d| d.file.ends_with("links.en.md")),
            "{warnings:?}"
        );
    }
}

#[test]
fn http_https_mailto_tel_and_relative_links_still_work() {
    let dir = portal();
    let root = root(&dir);
    let body = "[a](http://example.com/) [b](HTTPS://example.com/x) [c](mailto:a@example.com) \
                [d](tel:+86-10-1234) [e](../) [f](/zh/) [h](notes:here) \
                <https://example.com/auto> <someone@example.com> <javascript:alert(2)>\n\n\
                ![pic](https://example.com/p.png)\n";
    write_page(&root, "links.en.md", body);
    let built = quick(&root);
    let html = built.page("en/links/index.html");
    let main = main_of(&html);
    for href in [
        "http://example.com/",
        "HTTPS://example.com/x",
        "mailto:a@example.com",
        "tel:+86-10-1234",
        "../",
        "/zh/",
        "https://example.com/auto",
        "mailto:someone@example.com",
    ] {
        assert!(main.contains(&format!("href=\"{href}\"")), "{href}: {main}");
    }
    assert!(main.contains("src=\"https://example.com/p.png\""), "{main}");
    // `notes:` is a scheme too, and not an allowed one; an autolink with a
    // scheme that runs code shows its URL as text.
    assert!(!main.contains("notes:here"), "{main}");
    assert!(!main.contains("href=\"javascript"), "{main}");
    assert!(main.contains("javascript:alert(2)"), "{main}");
    let unsafe_links: Vec<_> = built
        .report
        .warnings
        .iter()
        .filter(|d| d.code == "unsafe-link")
        .collect();
    assert_eq!(unsafe_links.len(), 2, "{unsafe_links:?}");
    assert!(unsafe_links[0].message.contains("notes:here"));
    assert!(unsafe_links[1].message.contains("javascript:alert(2)"));
}

/// `gazette check` reports the same warning as the build, at the same line.
#[test]
fn check_reports_unsafe_links() {
    let dir = portal();
    let root = root(&dir);
    write_page(&root, "links.en.md", "[x](javascript:alert(1))\n");
    let report = gazette::check::check(&gazette::BuildOptions::new(&root));
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "unsafe-link")
        .collect();
    assert_eq!(found.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(found[0].line, 5);
    assert!(found[0].file.ends_with("content/pages/links.en.md"));
}

/// Cells of `departments.csv` from the registry that a spreadsheet would
/// run as formulas start with `'`; the JSON keeps them as written.
#[test]
fn csv_cells_that_start_a_formula_are_prefixed() {
    let dir = portal();
    let root = root(&dir);
    let registry = root.join("content/departments.yaml");
    let text = std::fs::read_to_string(&registry).expect("registry");
    let text = text
        .replacen(
            "- name: 市科技局\n  aliases: [示例市科学技术局]",
            "- name: '=HYPERLINK(\"http://x\",\"y\")'\n  aliases: [市科技局, 示例市科学技术局]",
            1,
        )
        .replacen(
            "en: Example Municipal Development and Reform Commission",
            "en: '+1'",
            1,
        )
        .replacen("short_en: Finance Bureau", "short_en: '@x'", 1);
    std::fs::write(&registry, text).expect("write registry");
    let built = quick(&root);
    let csv = built.page("data/departments.csv");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{csv}"
    );
    assert!(csv.contains(",'+1,"), "{csv}");
    assert!(csv.contains(",'@x,"), "{csv}");
    assert!(!csv.contains(",=") && !csv.contains(",+1") && !csv.contains(",@x"));
    let json = built.page("data/departments.json");
    assert!(
        json.contains("\"=HYPERLINK("),
        "JSON keeps the text: {json}"
    );
    assert!(json.contains("\"+1\""), "{json}");
    // Numbers stay numbers: no target value is prefixed.
    let targets = built.page("data/targets.csv");
    assert!(
        !targets.contains(",'-") && !targets.contains(",'+"),
        "{targets}"
    );
}

/// The seed portal with one plan paragraph repeated until the seed is
/// `bytes` long.
fn giant_seed(bytes: usize) -> tempfile::TempDir {
    let dir = common::seed_copy();
    let seeds = dir.path().join("seeds");
    let seed = std::fs::read_dir(&seeds)
        .expect("seeds/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("a seed");
    let text = std::fs::read_to_string(&seed).expect("seed text");
    let paragraph = text
        .lines()
        .find(|l| l.starts_with("坚持创新驱动"))
        .expect("a principle paragraph");
    let copies = bytes / paragraph.len();
    let repeated = vec![paragraph; copies].join("\n\n");
    std::fs::write(&seed, text.replacen(paragraph, &repeated, 1)).expect("write seed");
    dir
}

/// The text Pagefind stored for each page (its fragment's `content`), by URL.
fn indexed_text(out: &Path) -> Vec<(String, String)> {
    use std::io::Read;
    let dir = out.join("pagefind/fragment");
    std::fs::read_dir(&dir)
        .expect("pagefind/fragment")
        .filter_map(Result::ok)
        .map(|entry| {
            let bytes = std::fs::read(entry.path()).expect("fragment");
            let mut json = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut json)
                .expect("gzip");
            let json = json.strip_prefix(b"pagefind_dcd").unwrap_or(&json);
            let fragment: serde_json::Value = serde_json::from_slice(json).expect("JSON");
            let field = |k: &str| fragment[k].as_str().unwrap_or_default().to_owned();
            (field("url"), field("content"))
        })
        .collect()
}

/// A seed of several MB: its policy pages are indexed only up to the cap,
/// so indexing time per page is bounded (timings: README, "Search on
/// giant pages"); the start of the page is still found.
#[test]
fn search_indexes_a_giant_page_only_up_to_the_cap() {
    let dir = giant_seed(3_000_000);
    let built = common::build(dir.path(), None);
    let pages = indexed_text(&built.out);
    let policy: Vec<_> = pages
        .iter()
        .filter(|(url, _)| url.ends_with("/policies/innovation-capital-2017-2020/"))
        .collect();
    assert!(!policy.is_empty(), "policy pages are indexed");
    for (url, content) in policy {
        // Pagefind puts zero-width spaces between the Chinese words it
        // segments, and spaces between blocks.
        let chars = content
            .chars()
            .filter(|&c| !c.is_whitespace() && c != '\u{200b}')
            .count();
        assert!(
            chars <= gazette::publish::search::MAX_PAGE_TEXT,
            "{url}: {chars} characters indexed"
        );
        assert!(chars > 10_000, "{url}: only {chars} characters indexed");
    }
}

/// The cap changes nothing on the seed portal: every page (so every page
/// it indexes) is below it, so its search index and results are what they
/// were.
#[test]
fn search_cap_leaves_every_seed_page_whole() {
    let built = quick(&common::seed_root());
    let mut pages = 0;
    for rel in built.files() {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = built.page(&rel);
        let capped =
            gazette::publish::search::capped(&html, gazette::publish::search::MAX_PAGE_TEXT);
        assert!(capped == html, "{rel} would be cut");
        pages += 1;
    }
    assert!(pages > 100, "only {pages} pages checked");
}

/// The warning as `gazette build` and `check` print it.
#[test]
fn unsafe_link_warning_reads_as_shown() {
    let dir = portal();
    let root = root(&dir);
    write_page(
        &root,
        "links.en.md",
        "See [the form](javascript:alert(1)).\n",
    );
    let built = quick(&root);
    let warnings: Vec<_> = built
        .report
        .warnings
        .into_iter()
        .filter(|d| d.code == "unsafe-link")
        .collect();
    let shown = gazette::diag::snippet::render_all(&warnings, &root, false);
    assert_eq!(
        shown,
        "warning[unsafe-link]: the link to `javascript:alert(1)` is shown as text: its scheme is not allowed
  ┌─ content/pages/links.en.md:5:5
  │
5 │ See [the form](javascript:alert(1)).
  │     ^ shown as text, not as a link
  │
  = help: links and images may be http:, https:, mailto:, tel: or relative; link to a page that holds the content instead

"
    );
}
