//! What contributors to `content/` and the seeds cannot make the site do:
//! Markdown links and images that would run code are shown as text, with a
//! warning at the page's line; CSV cells never start a spreadsheet formula;
//! a giant page's search entry is capped.

mod common;

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
                <https://example.com/auto> <someone@example.com>\n\n![pic](https://example.com/p.png)\n";
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
    // `notes:` is a scheme too, and not an allowed one.
    assert!(!main.contains("notes:here"), "{main}");
    let unsafe_links: Vec<_> = built
        .report
        .warnings
        .iter()
        .filter(|d| d.code == "unsafe-link")
        .collect();
    assert_eq!(unsafe_links.len(), 1, "{unsafe_links:?}");
    assert!(unsafe_links[0].message.contains("notes:here"));
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
