//! The built search index answers Chinese queries written without spaces
//! and English ones, in the right language, with pages that hold the
//! anchors results link to. Reads Pagefind's files the way its browser
//! code does: metadata → word chunks → page fragments.

use crate::common;

use flate2::read::GzDecoder;
use minicbor::Decode;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

#[derive(Decode)]
struct Meta {
    #[n(0)]
    _version: String,
    #[n(1)]
    pages: Vec<MetaPage>,
    #[n(2)]
    chunks: Vec<MetaChunk>,
}

#[derive(Decode)]
struct MetaPage {
    #[n(0)]
    hash: String,
}

#[derive(Decode)]
struct MetaChunk {
    #[n(2)]
    hash: String,
}

#[derive(Decode)]
struct WordIndex {
    #[n(0)]
    words: Vec<PackedWord>,
}

#[derive(Decode)]
struct PackedWord {
    #[n(0)]
    word: String,
    #[n(1)]
    pages: Vec<PackedPage>,
    #[n(2)]
    variants: Vec<PackedVariant>,
}

#[derive(Decode)]
struct PackedVariant {
    #[n(0)]
    form: String,
}

#[derive(Decode)]
struct PackedPage {
    #[n(0)]
    page_number: usize,
}

#[derive(serde::Deserialize)]
struct Fragment {
    url: String,
    content: String,
    anchors: Vec<Anchor>,
    #[serde(default)]
    meta: BTreeMap<String, String>,
    #[serde(default)]
    filters: BTreeMap<String, Vec<String>>,
}

#[derive(serde::Deserialize)]
struct Anchor {
    id: String,
}

/// One language's index: word → page URLs, and each page's fragment.
struct Index {
    words: BTreeMap<String, BTreeSet<String>>,
    pages: BTreeMap<String, Fragment>,
}

fn gunzip(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    GzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .expect("gzip");
    out.strip_prefix(b"pagefind_dcd")
        .expect("pagefind signature")
        .to_vec()
}

fn load(out: &Path, lang: &str) -> Index {
    let dir = out.join("pagefind");
    let meta_file = std::fs::read_dir(&dir)
        .expect("pagefind/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(&format!("pagefind.{lang}_")) && name.ends_with(".pf_meta")
        })
        .unwrap_or_else(|| panic!("no index for language {lang}"));
    let meta: Meta = minicbor::decode(&gunzip(&meta_file)).expect("meta");
    let mut pages = BTreeMap::new();
    let mut urls = Vec::new();
    for p in &meta.pages {
        let json = gunzip(&dir.join(format!("fragment/{}.pf_fragment", p.hash)));
        let f: Fragment = serde_json::from_slice(&json).expect("fragment");
        urls.push(f.url.clone());
        pages.insert(f.url.clone(), f);
    }
    let mut words: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in &meta.chunks {
        let chunk: WordIndex =
            minicbor::decode(&gunzip(&dir.join(format!("index/{}.pf_index", c.hash))))
                .expect("chunk");
        for w in chunk.words {
            // Page numbers are stored as differences from the previous one.
            let set = words.entry(w.word).or_default();
            let mut page = 0;
            for p in &w.pages {
                page += p.page_number;
                set.insert(urls[page].clone());
            }
        }
    }
    Index { words, pages }
}

impl Index {
    /// Pages holding every term; Chinese terms are looked up by their
    /// character pairs (Pagefind indexes the segments and the pairs within
    /// and across them), English ones stemmed as Pagefind stems them.
    fn search(&self, query: &str) -> BTreeSet<String> {
        let stemmer = pagefind_stem::Stemmer::create(pagefind_stem::Algorithm::English);
        let mut terms: Vec<String> = Vec::new();
        for word in query.split_whitespace() {
            let chars: Vec<char> = word.chars().collect();
            if chars.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c)) {
                terms.extend(chars.windows(2).map(|w| w.iter().collect::<String>()));
            } else {
                let norm: String = word
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                terms.push(stemmer.stem(&norm).into_owned());
            }
        }
        let mut found: Option<BTreeSet<String>> = None;
        for t in terms {
            let pages = self.words.get(&t).cloned().unwrap_or_default();
            found = Some(match found {
                None => pages,
                Some(f) => f.intersection(&pages).cloned().collect(),
            });
        }
        found.unwrap_or_default()
    }
}

fn built() -> common::Built {
    common::build(&common::fixture("search/sample"), None)
}

#[test]
fn chinese_queries_without_spaces_find_the_target_and_policy_pages() {
    let b = built();
    let zh = load(&b.out, "zh-hans");
    let incubators = zh.search("孵化器");
    assert!(
        incubators.contains("/portal/zh/targets/incubators/"),
        "{incubators:?}"
    );
    assert!(incubators.contains("/portal/zh/policies/innovation-2024-2026/"));
    let rd = zh.search("研发投入");
    assert!(rd.contains("/portal/zh/targets/rd-intensity/"), "{rd:?}");
    let ip = zh.search("知识产权");
    assert!(
        ip.contains("/portal/zh/policies/innovation-2024-2026/"),
        "{ip:?}"
    );
    // The policy page carries the paragraph anchors results link to.
    let page = &zh.pages["/portal/zh/policies/innovation-2024-2026/"];
    assert!(page.anchors.iter().any(|a| a.id == "task-2-p1"));
    // Pagefind marks segment boundaries with zero-width spaces.
    assert!(page.content.replace('\u{200B}', "").contains("知识产权"));
}

#[test]
fn quoted_passages_are_found_on_the_policy_page_not_on_target_pages() {
    let b = built();
    let zh = load(&b.out, "zh-hans");
    // "培育创新型企业" is only in the passage that states the SME target:
    // its home is the policy page; the target page quotes it.
    let found = zh.search("创新型企业");
    assert!(
        found.contains("/portal/zh/policies/innovation-2024-2026/"),
        "{found:?}"
    );
    assert!(!found.iter().any(|u| u.contains("/targets/")), "{found:?}");
    let quoting = b
        .files()
        .into_iter()
        .filter(|f| f.starts_with("zh/targets/") && f.ends_with("/index.html"))
        .filter(|f| b.page(f).contains("培育创新型企业"))
        .count();
    assert!(quoting > 0, "a target page quotes the passage");
    // Department pages are found by name, not by the tasks they list.
    assert!(
        !found.iter().any(|u| u.contains("/departments/")),
        "{found:?}"
    );
}

#[test]
fn english_queries_find_english_pages_only() {
    let b = built();
    let en = load(&b.out, "en");
    let rd = en.search("R&D");
    assert!(rd.contains("/portal/en/targets/rd-intensity/"), "{rd:?}");
    let inc = en.search("incubators");
    assert!(inc.contains("/portal/en/targets/incubators/"), "{inc:?}");
    assert!(inc.iter().all(|u| u.starts_with("/portal/en/")), "{inc:?}");
    // A department page is found by its English name.
    let dept = en.search("education bureau");
    assert!(
        dept.contains("/portal/en/departments/education/"),
        "{dept:?}"
    );
}

#[test]
fn search_pages_and_the_root_are_not_indexed_and_the_size_is_reported() {
    let b = built();
    let zh = load(&b.out, "zh-hans");
    assert!(!zh.pages.keys().any(|u| u.ends_with("/search/")));
    // Embed cards are marked noindex and stay out of results.
    assert!(b.exists("zh/targets/incubators/embed/index.html"));
    assert!(!zh.pages.keys().any(|u| u.ends_with("/embed/")));
    assert!(b.report.search_index_bytes > 0);
    let loader = b.page("pagefind/pagefind.js");
    assert!(!loader.is_empty());
    // The search page loads the index lazily through the theme's script.
    let search = b.page("zh/search/index.html");
    assert!(
        search.contains("/assets/search.") && search.contains(".js\"></script>"),
        "search page has no search script"
    );
    assert!(search.contains("<noscript>"));
}

/// `BuildOptions::search` off (`gazette build --no-search`): the same site
/// without `pagefind/` — links still check, redirects for locked URLs are
/// still made, and the lock it writes is the same, since the index's files
/// are not locked.
#[test]
fn a_build_without_search_is_the_same_site_without_pagefind_and_the_same_lock() {
    let build = |fixture: &str, search: bool| {
        let tmp = tempfile::tempdir().unwrap();
        common::copy_tree(&common::fixture(fixture), tmp.path());
        let built = common::build_with(tmp.path(), |o| {
            o.update_lock = true;
            o.search = search;
        });
        let lock = std::fs::read_to_string(tmp.path().join("content/urls.lock")).unwrap();
        (built.files(), lock, built.report)
    };
    for fixture in ["search/sample", "lock/redirected"] {
        let (with_files, with_lock, with) = build(fixture, true);
        let (without_files, without_lock, without) = build(fixture, false);
        assert!(with.search_time().is_some() && with.search_index_bytes > 0);
        assert!(without.search_time().is_none() && without.search_index_bytes == 0);
        let expected: Vec<String> = with_files
            .iter()
            .filter(|f| !f.starts_with("pagefind/"))
            .cloned()
            .collect();
        assert!(expected.len() < with_files.len(), "{fixture}: had an index");
        assert_eq!(without_files, expected, "{fixture}");
        assert_eq!(without_lock, with_lock, "{fixture}");
        assert!(!without_lock.contains("pagefind"), "{fixture}");
    }
}

/// Every result says what kind of page it is (a field of its own, for the
/// result's label, and a filter), and its text holds no run-together
/// labels: Pagefind joins `dt`/`dd`, `th` and `caption` text without a
/// space, so "Commitmentmore than 550 Value550" came from the fact box.
#[test]
fn every_page_records_its_kind_and_its_text_holds_separated_fields() {
    let b = built();
    let expect = [
        (
            "zh-hans",
            "/portal/zh/targets/incubators/",
            "target",
            "目标",
        ),
        (
            "zh-hans",
            "/portal/zh/policies/innovation-2024-2026/",
            "policy",
            "政策原文",
        ),
        (
            "zh-hans",
            "/portal/zh/departments/education/",
            "department",
            "责任部门",
        ),
        ("en", "/portal/en/targets/incubators/", "target", "Target"),
        (
            "en",
            "/portal/en/policies/innovation-2024-2026/",
            "policy",
            "Policy text",
        ),
        (
            "en",
            "/portal/en/departments/education/",
            "department",
            "Department",
        ),
        ("en", "/portal/en/glossary/", "glossary", "Glossary"),
        ("en", "/portal/en/targets/", "targets", "Target list"),
    ];
    let zh = load(&b.out, "zh-hans");
    let en = load(&b.out, "en");
    for (lang, url, key, label) in expect {
        let index = if lang == "en" { &en } else { &zh };
        let page = index
            .pages
            .get(url)
            .unwrap_or_else(|| panic!("{url} is not indexed"));
        assert_eq!(
            page.meta.get("kind").map(String::as_str),
            Some(label),
            "{url}"
        );
        assert_eq!(
            page.filters.get("kind"),
            Some(&vec![key.to_owned()]),
            "{url}"
        );
    }
    // Every indexed page has a kind.
    for (url, page) in zh.pages.iter().chain(&en.pages) {
        assert!(page.meta.contains_key("kind"), "{url} has no kind");
    }
    // The target page's fact box labels (Commitment, Value, Unit …) are not
    // in its text; its figure still is, once, apart from its name.
    let target = &en.pages["/portal/en/targets/incubators/"];
    let text = target.content.replace('\u{200B}', "");
    for label in ["Commitment", "Value", "Unit", "Kind"] {
        assert!(!text.contains(label), "{label} in: {text}");
    }
    let page = b.page("en/targets/incubators/index.html");
    assert!(
        page.contains("<dt>Commitment</dt>"),
        "the page still shows its fact box"
    );
    // Table headers are not glued to each other or to the first cell.
    let index = en.pages["/portal/en/targets/"]
        .content
        .replace('\u{200B}', "");
    assert!(!index.contains("TargetCommitment"), "{index}");
    let dept = en.pages["/portal/en/departments/education/"]
        .content
        .replace('\u{200B}', "");
    assert!(!dept.contains("LeadsCo-operates"), "{dept}");
    // A glossary term and its English are two words, not one.
    let glossary = en.pages["/portal/en/glossary/"]
        .content
        .replace('\u{200B}', "");
    let term = regex::Regex::new(r"\p{Han}[A-Za-z]").unwrap();
    assert!(!term.is_match(&glossary), "{glossary}");
}

/// A language of more pages than one run holds is indexed in runs whose
/// indexes are joined: the same files as one Pagefind over each language
/// (page numbers, word chunks cut at the same words, filters, metadata,
/// file names), byte for byte once unpacked (the join compresses at a
/// lower level), so searches find and rank the same.
#[test]
fn an_index_joined_from_runs_is_the_index_of_one_pagefind() {
    let mut opts = gazette::BuildOptions::new(common::fixture("search/sample"));
    opts.search = false;
    let site = gazette::render_site(&opts).expect("rendered");
    let index = |run: usize| {
        let pages = gazette::publish::search::searchable(&site.files);
        let off = gazette::publish::search::RunCache::off();
        gazette::publish::search::index_parts(pages, run, &|_| None, &|| false, &off)
            .expect("indexed")
            .expect("not cancelled")
    };
    let whole = index(usize::MAX);
    let pages = gazette::publish::search::searchable(&site.files).count();
    assert!(pages > 3 * 7, "{pages} pages: too few to cut in runs");
    for run in [7, 50] {
        assert_same_once_unpacked(&index(run), &whole, run);
    }
    // The built site's index is that index.
    let b = built();
    for f in &whole {
        assert_eq!(
            std::fs::read(b.out.join(&f.path)).expect("built"),
            f.bytes,
            "{}",
            f.path
        );
    }
}

/// The index joined from runs of `run` pages has the same files as
/// `whole`, byte for byte once unpacked.
fn assert_same_once_unpacked(
    joined: &[gazette::render::OutputFile],
    whole: &[gazette::render::OutputFile],
    run: usize,
) {
    let paths = |files: &[gazette::render::OutputFile]| {
        files.iter().map(|f| f.path.clone()).collect::<Vec<_>>()
    };
    assert_eq!(paths(joined), paths(whole), "runs of {run}");
    for (a, b) in joined.iter().zip(whole) {
        assert!(
            common::unpacked(&a.bytes) == common::unpacked(&b.bytes),
            "runs of {run}: {} differs",
            a.path
        );
    }
}

/// Pages whose words have other forms (Pagefind keeps `café` as a form of
/// `cafe`) and runs whose pages carry different metadata fields (so a
/// run numbers its fields otherwise than the whole): the join still gives
/// one Pagefind's index, byte for byte, for runs of every size.
#[test]
fn runs_with_other_forms_of_words_and_other_fields_join_as_one_pagefind() {
    let pages: Vec<(String, String, String)> = (0..12)
        .map(|i| {
            // Every third page names an author: runs without one number
            // the `title` field 0, the whole 1.
            let author = match i % 3 {
                0 => format!(r#" data-pagefind-meta="author:Zoë Brûlé {i}""#),
                _ => String::new(),
            };
            let forms = ["café crème", "cafe creme", "naïve résumé", "naive resume"][i % 4];
            let html = format!(
                r#"<!DOCTYPE html><html lang="en"><head><title>Page {i}</title></head><body><main{author}><h1>Page {i}: {forms}</h1><p>Words of page {i}: {forms}, then plain words shared by every page.</p></main></body></html>"#
            );
            (format!("en/p{i:02}/index.html"), format!("/en/p{i:02}/"), html)
        })
        .collect();
    let index = |run: usize| {
        let given = pages
            .iter()
            .map(|(path, url, html)| gazette::publish::search::Indexable {
                path,
                url,
                lang: gazette::model::Lang::En,
                html: html.as_bytes(),
                digest: None,
            });
        let off = gazette::publish::search::RunCache::off();
        gazette::publish::search::index_parts(given, run, &|_| None, &|| false, &off)
            .expect("indexed")
            .expect("not cancelled")
    };
    let whole = index(usize::MAX);
    let forms: BTreeSet<String> = whole
        .iter()
        .filter(|f| f.path.ends_with(".pf_index"))
        .flat_map(|f| {
            let cbor = common::unpacked(&f.bytes);
            let chunk: WordIndex = minicbor::decode(&cbor["pagefind_dcd".len()..]).expect("chunk");
            chunk
                .words
                .into_iter()
                .flat_map(|w| w.variants.into_iter().map(|v| v.form))
        })
        .collect();
    for form in ["café", "crème", "naïve", "résumé", "zoë", "brûlé"] {
        assert!(
            forms.contains(form),
            "{form} is not kept as another form: {forms:?}"
        );
    }
    for run in [2, 3, 5] {
        assert_same_once_unpacked(&index(run), &whole, run);
    }
}
