//! Seeds as webmasters receive them: the seed as a Word document, as a
//! saved government page, and as its text with the task table apart in a
//! workbook or a CSV file (fixtures made by
//! `tests/fixtures/import/formats/make_fixtures.py`) parse to the same model
//! as the `.txt` and build the same site; `import` keeps the original file,
//! is idempotent, and refuses bad input with one clear error, writing
//! nothing.

use crate::common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SEED: &str = "000_8f98049102453562";

fn fixture(name: &str) -> PathBuf {
    common::fixture("import/formats").join(name)
}

/// The model as JSON without what legitimately differs between formats:
/// line numbers (`line`, and `(line N)` in warnings), the source path and
/// the policy ID (the file stem).
fn model(file: &Path) -> Value {
    let registry = gazette::content::DepartmentRegistry::load(
        &common::seed_root().join("content/departments.yaml"),
    )
    .expect("registry");
    let policy = gazette::inspect::parse_file(file, &registry.names())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut v = serde_json::to_value(&policy).expect("json");
    strip(&mut v);
    // The policy ID is the file stem; the fixture's differs.
    if let Value::Object(map) = &mut v {
        map.remove("id");
    }
    v
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("line");
            map.remove("source");
            map.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        Value::String(s) => {
            if let Some(i) = s.find("(line ") {
                if let Some(j) = s.get(i..).and_then(|t| t.find(')')) {
                    s.replace_range(i..i + j + 1, "(line _)");
                }
            }
        }
        _ => {}
    }
}

/// The first differing leaf, for a readable failure.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.keys()
                .chain(y.keys())
                .find_map(|k| match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => first_difference(p, q, &format!("{path}.{k}")),
                    _ => Some(format!("{path}.{k}: present in one only")),
                })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: {a} ≠ {b}")),
    }
}

fn assert_same_model(file: &str) {
    let other = model(&fixture(file));
    assert_same_as_txt(file, other);
}

fn assert_same_as_txt(what: &str, other: Value) {
    let text = model(&common::seed_root().join(format!("seeds/{SEED}.txt")));
    if let Some(d) = first_difference(&text, &other, "") {
        panic!("{what} parses differently from the .txt: {d}");
    }
}

/// The model of the seed's text without its annex plus `table` as the
/// annex kept apart, as a build reads them.
fn model_with_table(table: &str) -> Value {
    let registry = gazette::content::DepartmentRegistry::load(
        &common::seed_root().join("content/departments.yaml"),
    )
    .expect("registry");
    let read = |name: &str| std::fs::read(fixture(name)).expect("fixture");
    let format = |name: &str| {
        gazette::source::Format::of(Path::new(name))
            .ok()
            .flatten()
            .expect("a seed format")
    };
    let seed = gazette::seeds::Seed {
        id: SEED.to_owned(),
        display: "seed-body.txt".to_owned(),
        format: format("seed-body.txt"),
        bytes: read("seed-body.txt"),
        annex: Some(gazette::seeds::Annex {
            display: table.to_owned(),
            format: format(table),
            bytes: read(table),
            sheet: None,
        }),
    };
    let text = gazette::seed_text(&seed).expect("converts");
    let policy = gazette::parse::parse_policy(
        gazette::model::PolicyId(SEED.to_owned()),
        "seed",
        &text.bytes,
        &gazette::parse::ParseOptions {
            known_units: &registry.names(),
        },
    )
    .expect("parses");
    let mut v = serde_json::to_value(&policy).expect("json");
    strip(&mut v);
    if let Value::Object(map) = &mut v {
        map.remove("id");
    }
    v
}

#[test]
fn the_seed_with_its_table_apart_as_a_workbook_parses_to_the_same_model_as_the_txt() {
    assert_same_as_txt("seed-body.txt + tasks.xlsx", model_with_table("tasks.xlsx"));
}

#[test]
fn the_seed_with_its_table_apart_as_a_workbook_saved_by_libreoffice_parses_to_the_same_model_as_the_txt(
) {
    assert_same_as_txt(
        "seed-body.txt + tasks-lo.xlsx",
        model_with_table("tasks-lo.xlsx"),
    );
}

#[test]
fn the_seed_with_its_table_apart_as_gbk_csv_parses_to_the_same_model_as_the_txt() {
    let mut csv = model_with_table("tasks.csv");
    // Task 3's unit cells are empty in the CSV (shared with task 2, printed
    // once): the row takes them from the row above and says so.
    let shared = &mut csv["breakdown"]["rows"][2]["shared_units"];
    assert_eq!(*shared, Value::Bool(true));
    *shared = Value::Bool(false);
    assert_same_as_txt("seed-body.txt + tasks.csv", csv);
}

#[test]
fn the_seed_as_docx_parses_to_the_same_model_as_the_txt() {
    assert_same_model("seed.docx");
}

/// The text a build reads from a fixture.
fn converted(file: &str) -> String {
    let path = fixture(file);
    let format = gazette::source::Format::of(&path)
        .ok()
        .flatten()
        .expect("a seed format");
    let bytes = std::fs::read(&path).expect("fixture");
    let source = gazette::source::read(file, format, &bytes, None).expect("converts");
    String::from_utf8(source.bytes).expect("utf-8")
}

#[test]
fn the_seed_as_docx_saved_again_by_libreoffice_reads_as_word_would_display_it() {
    // LibreOffice writes its own numbering definitions and table markup,
    // and drops the task level's `w:lvlRestart w:val="0"`: in Word its
    // task numbers restart under each section (`1.` … again), and that is
    // what must be read. Everything else is the same text, merged cells
    // included.
    let ours = converted("seed.docx");
    let saved = converted("seed-lo.docx");
    let number = regex::Regex::new(r"^\d+\.").expect("regex");
    let unnumbered = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| number.replace(l, "").into_owned())
            .collect()
    };
    assert_eq!(unnumbered(&ours), unnumbered(&saved));
    assert!(ours.contains("\n4.实施高新技术企业培育工程。"), "{ours}");
    assert!(saved.contains("\n1.实施高新技术企业培育工程。"), "{saved}");
    assert!(saved.contains("\n2\t实施高新技术企业培育工程,重点打造10家具有国际竞争力的创新型龙头企业、100家国内行业骨干创新型企业和1000家以上高新技术企业\t市科技局\t市发改委\n\t\t\t市经信委\n3\t"), "{saved}");
}

#[test]
fn the_seed_as_a_saved_gbk_page_parses_to_the_same_model_as_the_txt() {
    assert_same_model("seed.html");
}

/// Every file of a site built from the seed portal with the seed replaced
/// by `files` (each fixture with the seed file name it takes), with its bytes.
fn site_with_seed(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    let dir = common::seed_copy();
    if !files.is_empty() {
        std::fs::remove_file(dir.path().join(format!("seeds/{SEED}.txt"))).expect("rm");
    }
    for (file, name) in files {
        std::fs::copy(fixture(file), dir.path().join("seeds").join(name)).expect("cp");
    }
    let built = common::build_with(dir.path(), |o| o.search = false);
    walkdir::WalkDir::new(&built.out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&built.out).expect("inside");
            (
                rel.display().to_string(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

#[test]
fn sites_built_from_the_docx_the_page_and_the_table_apart_are_the_txt_sites_but_for_punctuation_width(
) {
    let txt = site_with_seed(&[]);
    let docx = format!("{SEED}.docx");
    let html = format!("{SEED}.html");
    let body = format!("{SEED}.txt");
    let xlsx = format!("{SEED}.annex.xlsx");
    for files in [
        vec![("seed.docx", docx.as_str())],
        vec![("seed.html", html.as_str())],
        vec![
            ("seed-body.txt", body.as_str()),
            ("tasks.xlsx", xlsx.as_str()),
        ],
    ] {
        let file = files.last().map_or("", |f| f.0);
        let other = site_with_seed(&files);
        assert_eq!(
            txt.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>(),
            "{file}: the site has other pages"
        );
        // Pages show each file as published: Word's automatic numbering
        // displays `（一）` where the text file types `(一)`, so pages may
        // differ in punctuation width only.
        let differing: Vec<&String> = txt
            .iter()
            .filter(|(k, v)| match other.get(*k) {
                Some(o) if o == *v => false,
                Some(o) => {
                    gazette::text::normalize(&String::from_utf8_lossy(o))
                        != gazette::text::normalize(&String::from_utf8_lossy(v))
                }
                None => true,
            })
            .map(|(k, _)| k)
            .collect();
        assert!(differing.is_empty(), "{file}: pages differ: {differing:?}");
    }
}

fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_owned(), std::fs::read(e.path()).expect("read")))
        .collect()
}

fn import(root: &Path, file: &Path) -> (i32, String, String) {
    let out = common::gazette()
        .arg("import")
        .arg(file)
        .root(root)
        .args(["--name", "innovation"])
        .run();
    (out.code, out.stdout, out.stderr)
}

fn portal(dir: &Path) -> PathBuf {
    let root = dir.join("portal");
    gazette::init::init(&root, false).expect("init");
    root
}

#[test]
fn import_keeps_the_docx_unchanged_notes_the_seal_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = portal(dir.path());
    let (code, stdout, stderr) = import(&root, &fixture("seed.docx"));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("imported innovation (Word document)"),
        "{stdout}"
    );
    assert!(stdout.contains("1 image or drawing"), "{stdout}");
    assert_eq!(
        std::fs::read(root.join("seeds/innovation.docx")).expect("seed kept"),
        std::fs::read(fixture("seed.docx")).expect("fixture"),
    );
    let before = tree(&root);
    let (code, stdout, _) = import(&root, &fixture("seed.docx"));
    assert_eq!(code, 0);
    assert!(stdout.contains("nothing changed"), "{stdout}");
    assert_eq!(tree(&root), before, "the second import changed the portal");
    // The same policy as a web page is a conflict, not a second seed.
    let (code, _, stderr) = import(&root, &fixture("seed.html"));
    assert_eq!(code, 2);
    assert!(stderr.contains("innovation.docx"), "{stderr}");
    assert_eq!(tree(&root), before);
    let check = gazette::check::check(&gazette::BuildOptions::new(&root));
    assert_eq!(check.errors(), 0, "{:#?}", check.diagnostics);
}

#[test]
fn import_of_a_page_lists_its_attachment() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = portal(dir.path());
    let (code, stdout, stderr) = import(&root, &fixture("seed.html"));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("linked attachment `建设国家创新型城市打造创新之都重点工作任务分解表` (/uploadfiles/2018/08/fenjiebiao.xlsx)"),
        "{stdout}"
    );
    assert!(root.join("seeds/innovation.html").is_file());
}

/// One clear error naming the file and the reason; the portal unchanged.
fn refused(file: &str, reason: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let root = portal(dir.path());
    let before = tree(&root);
    let path = fixture(file);
    let (code, stdout, stderr) = import(&root, &path);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(stderr.contains(reason), "{stderr}");
    assert_eq!(tree(&root), before, "{file}: the portal changed");
}

#[test]
fn a_truncated_docx_is_refused() {
    refused("truncated.docx", "not a Word document");
}

#[test]
fn a_page_with_no_document_is_refused() {
    refused("nodoc.html", "no document text found");
}

#[test]
fn an_old_doc_is_refused_with_the_conversion_command() {
    refused("old.doc", "soffice --headless --convert-to docx");
}

fn import_table(root: &Path, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let out = common::gazette()
        .arg("import")
        .arg(file)
        .root(root)
        .args(["--policy", "innovation"])
        .args(extra)
        .run();
    (out.code, out.stdout, out.stderr)
}

/// A fresh portal holding the seed as `innovation`: its text without the
/// annex (`seed-body.txt`) or the whole text.
fn portal_with(dir: &Path, text: &Path) -> PathBuf {
    let root = portal(dir);
    let (code, stdout, stderr) = import(&root, text);
    assert_eq!(code, 0, "{stdout}{stderr}");
    root
}

#[test]
fn import_of_a_table_keeps_it_as_the_annex_records_the_sheet_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = portal_with(dir.path(), &fixture("seed-body.txt"));
    let (code, stdout, stderr) =
        import_table(&root, &fixture("tasks.xlsx"), &["--sheet", "分解表"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("imported innovation (task table)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("12 table rows read, 12 linked to the plan"),
        "{stdout}"
    );
    // It ends with the review's counts, as a document's import does.
    assert!(
        stdout.contains("innovation: 4 chapters, 14 sections, 24 tasks, 12 annex rows"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read(root.join("seeds/innovation.annex.xlsx")).expect("kept"),
        std::fs::read(fixture("tasks.xlsx")).expect("fixture"),
    );
    let policies = std::fs::read_to_string(root.join("content/policies.yaml")).expect("read");
    assert!(
        policies.contains("  annex_sheet: \"分解表\"\n"),
        "{policies}"
    );
    let metas =
        gazette::content::policies::load(&root.join("content/policies.yaml")).expect("loads");
    assert_eq!(
        metas["innovation"].annex_sheet.as_deref(),
        Some("分解表"),
        "recorded under the policy's own entry: {policies}"
    );
    let before = tree(&root);
    let (code, stdout, _) = import_table(&root, &fixture("tasks.xlsx"), &["--sheet", "分解表"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("nothing changed"), "{stdout}");
    assert_eq!(tree(&root), before, "the second import changed the portal");
    // Every build reads the table as the document's annex.
    let portal = gazette::load(&gazette::BuildOptions::new(&root)).expect("loads");
    let policy = portal
        .policies
        .iter()
        .find(|p| p.policy.id.0 == "innovation")
        .expect("imported");
    let rows = policy.policy.rows();
    assert_eq!(rows.len(), 12);
    // Tasks 2 and 3 share one merged unit cell: both rows hold its units.
    assert_eq!(rows[1].lead, rows[2].lead);
    assert!(!rows[2].lead.is_empty() && !rows[2].cooperating.is_empty());
    let check = gazette::check::check(&gazette::BuildOptions::new(&root));
    assert_eq!(check.errors(), 0, "{:#?}", check.diagnostics);
}

/// `import TABLE --policy innovation EXTRA` onto a portal holding `text`
/// is refused with one error containing `reason`; the portal unchanged.
fn table_refused(text: &str, table: &str, extra: &[&str], reason: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let root = portal_with(dir.path(), &fixture(text));
    let before = tree(&root);
    let (code, stdout, stderr) = import_table(&root, &fixture(table), extra);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(stderr.contains(reason), "{stderr}");
    assert_eq!(tree(&root), before, "{table}: the portal changed");
}

#[test]
fn a_table_without_policy_is_refused_with_the_command_to_use() {
    refused("tasks.xlsx", "--policy ID");
}

#[test]
fn a_table_for_an_unknown_policy_or_a_policy_with_a_table_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = portal(dir.path());
    let (code, _, stderr) = import_table(&root, &fixture("tasks.csv"), &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no policy `innovation` in seeds/"),
        "{stderr}"
    );
    let seed = common::seed_root().join(format!("seeds/{SEED}.txt"));
    table_refused(
        seed.to_str().expect("utf-8"),
        "tasks.csv",
        &[],
        "already has a task table (12 rows)",
    );
}

#[test]
fn a_truncated_workbook_a_table_with_no_header_and_a_wrong_sheet_are_refused() {
    table_refused("seed-body.txt", "truncated.xlsx", &[], "not a spreadsheet");
    table_refused("seed-body.txt", "noheader.csv", &[], "no header row");
    table_refused(
        "seed-body.txt",
        "tasks.xlsx",
        &["--sheet", "说明"],
        "sheet `说明` has no header row",
    );
    table_refused(
        "seed-body.txt",
        "tasks.xlsx",
        &["--sheet", "Sheet9"],
        "no sheet named `Sheet9`; its sheets are `说明`, `分解表`",
    );
}

#[test]
fn a_spreadsheet_in_seeds_must_name_its_policy() {
    let dir = common::seed_copy();
    std::fs::copy(fixture("tasks.xlsx"), dir.path().join("seeds/tasks.xlsx")).expect("cp");
    let err = gazette::load(&gazette::BuildOptions::new(dir.path()))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("seeds/tasks.xlsx"), "{err}");
    assert!(err.contains("is a task table with no policy"), "{err}");
}
