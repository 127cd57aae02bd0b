//! `gazette init DIR`: a new portal that builds as it is — a small sample
//! document of the genre in `seeds/`, commented `content/` files (site
//! settings, department registry, policy and target slugs, English style)
//! and a README for its owner. The default theme is compiled into the binary, so it is
//! copied only with `--with-theme`, to be edited.
//!
//! Takes a folder that is empty or does not exist; gives the list of files
//! written. Invariant: never overwrites anything.

use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0}: the folder is not empty\n  help: choose a new folder name; gazette init never overwrites files")]
    NotEmpty(PathBuf),
    #[error("{path}: {source}\n  help: check that the folder is writable")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The sample seed: notice, plan with sections, tasks and responsibility
/// clauses, quantitative targets and an annex breakdown table.
pub const SAMPLE_SEED: &str = "关于印发《示例市科技创新行动方案(2024—2026年)》的通知
发布时间:2024-03-01
各区人民政府,市各委办局:
《示例市科技创新行动方案(2024—2026年)》已经市政府同意,现印发给你们,请认真贯彻执行。
示例市人民政府办公室
2024年2月26日
示例市科技创新行动方案
(2024—2026年)
为加快创新发展,制定本方案。
一、总体要求
到2026年,全市高新技术企业达到500家以上,全社会研发投入占地区生产总值比重达到2.5%。
二、重点任务
(一)企业培育行动。培育创新型企业,新增科技型中小企业300家。(市科技局牵头,市发改委、市财政局等参与)
1.实施培育计划。建立科技企业培育库。
2.强化政策落实。落实研发费用加计扣除政策。
(二)平台建设行动。建设新型研发机构10家。(市科技局牵头,市教育局参与)
3.建设创新平台。支持企业建设研发中心。
三、保障措施
加强组织领导,强化督查考核。
附件
重点任务分解表
序号\t任务内容\t牵头单位\t协同单位
1\t培育创新型企业,新增科技型中小企业300家\t市科技局\t市发改委、市财政局
2\t建设新型研发机构10家\t市科技局\t市教育局
";

const SITE_YAML: &str = "# Settings of this portal. Every key is optional; these are examples.
title:
  zh: 示例市政策门户
  en: Example City Policy Portal
description:
  zh: 政策文件、量化目标与责任部门
  en: Policy documents, their targets and the departments responsible
# Where the site will be published; its path prefixes every link.
base_url: https://example.gov.cn/policies/
# The language of the root page: zh or en.
default_lang: zh
# A folder under themes/ that overrides the built-in theme file by file.
theme: default
# Rows per page of the target index; longer lists continue on page/2/ ….
targets_per_page: 200
# Duties per page of a department's page (whole policies at a time).
duties_per_page: 100
# Policies per page of the list of policies (the home page shows 20).
policies_per_page: 50
# The share of a document's Chinese characters that must be translated
# before its English pages are published (0.8 or \"80%\"); below it the
# English reader is sent to the Chinese pages. Unset: always published.
# min_english_coverage: 0.8
# How readers reach you, shown in every page's footer: email and/or url.
# contact:
#   email: webmaster@example.gov.cn
#   url: https://example.gov.cn/feedback/
";

const DEPARTMENTS_YAML: &str = "# Every department or unit the documents name.
# `name` as the documents write it; `aliases` for other spellings;
# `en` and `short_en` as the department calls itself in English;
# `slug` for its page's URL (lowercase letters, digits and hyphens).
- name: 市科技局
  aliases: [示例市科学技术局]
  en: Example Municipal Bureau of Science and Technology
  short_en: Science and Technology Bureau
  slug: science-technology
- name: 市发改委
  en: Example Municipal Development and Reform Commission
  short_en: Development and Reform Commission
  slug: development-reform
- name: 市财政局
  en: Example Municipal Finance Bureau
  short_en: Finance Bureau
  slug: finance
- name: 市教育局
  en: Example Municipal Education Bureau
  short_en: Education Bureau
  slug: education
- name: 示例市人民政府办公室
  aliases: [市政府办公室]
  en: General Office of the Example Municipal People's Government
  short_en: Government General Office
  slug: government-office
";

const POLICIES_YAML: &str = "# Per seed (file name without .txt): the permanent slug of its URL.
sample:
  slug: innovation-2024-2026
  issuer_zh: 示例市人民政府办公室
  issuer_en: General Office of the Example Municipal People's Government
";

const TARGETS_YAML: &str =
    "# Per seed, per target the parser found (see `gazette inspect seeds/NAME.txt`):
# the permanent slug of the target's page.
sample:
  chapter-1-target-0e9721:
    slug: high-tech-enterprises
  chapter-1-target-30c466:
    slug: rd-intensity
  section-2-1-target-498c69:
    slug: tech-smes
  section-2-2-target-4911d7:
    slug: new-research-institutes
";

const STYLE_YAML: &str = "# The English house style `gazette check` holds the translations to.
# Every key is optional; see docs/style.md in gazette's repository. A justified
# exception is acknowledged in content/checks.yaml with its reason.

# Words or phrases to avoid (whole words, any case) and what to write instead.
avoid:
  - word: talents
    use: talent
    reason: 人才 is uncountable in English
# The case of plan headings per level: title (Title Case) or sentence (Sentence case).
headings:
  chapter: title
  section: title
  task: sentence
# Sums of money: yuan (\"1.5 trillion yuan\", as the site's fact boxes write them) or RMB.
currency: yuan
";

const README: &str = "# Your policy portal

This folder is a portal made by `gazette init`. gazette turns the official
text of policy documents (notice + action plan + task-breakdown table) into
a bilingual (Chinese/English) website.

## Everyday commands

    gazette serve            # preview at http://127.0.0.1:1111, reloads as you edit
    gazette check            # links, translations, slugs, departments: what to fix
    gazette build            # writes the site to public/, ready to upload
    gazette import FILE      # adds a new document (.txt in UTF-8 or GBK, .docx, .html)

Every command explains itself with `--help`.

## What is where

| folder | what you keep there |
|---|---|
| `seeds/` | the official texts, verbatim, one `.txt` file per document. `sample.txt` is an example: replace it with your own. |
| `content/site.yaml` | the portal's title, description and published address (`base_url`) |
| `content/departments.yaml` | every department the documents name, with its English name and URL slug |
| `content/policies.yaml`, `content/targets.yaml` | permanent URL slugs for documents and targets |
| `content/translations/en/` | the English translation, one file per document (`gazette translate NAME --merge` writes what is left to translate into it) |
| `content/style.yaml` | the English house style `gazette check` enforces: words to avoid, heading case, how sums are written |
| `content/pages/` | extra pages in Markdown; `accessibility.zh.md` / `.en.md` is the accessibility statement every page's footer links to: review it for your site |
| `themes/` | only if you want to change the look: `gazette init --with-theme` copies the built-in theme here |
| `public/` | what `gazette build` writes; upload it to any web server |

## When something is wrong

`gazette check` lists every problem with the file, line and column, the
line itself and what to do. It exits with status 2 on errors, and with
`--strict` with status 1 on warnings, so it can guard publishing.
";

/// The accessibility statement every page's footer links to: the one the
/// project's own portal publishes, which speaks of the default theme and
/// of no particular document, for the owner to review.
const ACCESSIBILITY_ZH: &str = include_str!("../content/pages/accessibility.zh.md");
const ACCESSIBILITY_EN: &str = include_str!("../content/pages/accessibility.en.md");

/// The output, and what a build keeps beside it (the previous site, the
/// lock while it runs).
const GITIGNORE: &str = "/public/\n/.public.*\n/.gazette-cache/\n";

/// Creates the portal; returns the files written, relative to `dir`.
pub fn init(dir: &Path, with_theme: bool) -> Result<Vec<String>, InitError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| InitError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(dir.to_owned()));
        }
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("README.md".into(), README.into()),
        (".gitignore".into(), GITIGNORE.into()),
        ("seeds/sample.txt".into(), SAMPLE_SEED.into()),
        ("content/site.yaml".into(), SITE_YAML.into()),
        ("content/departments.yaml".into(), DEPARTMENTS_YAML.into()),
        ("content/policies.yaml".into(), POLICIES_YAML.into()),
        ("content/targets.yaml".into(), TARGETS_YAML.into()),
        ("content/style.yaml".into(), STYLE_YAML.into()),
        (
            "content/pages/accessibility.zh.md".into(),
            ACCESSIBILITY_ZH.into(),
        ),
        (
            "content/pages/accessibility.en.md".into(),
            ACCESSIBILITY_EN.into(),
        ),
        ("content/translations/en/.gitkeep".into(), Vec::new()),
    ];
    if with_theme {
        let mut stack = vec![&DEFAULT_THEME];
        while let Some(d) = stack.pop() {
            for f in d.files() {
                let rel = f.path().to_string_lossy().replace('\\', "/");
                files.push((format!("themes/default/{rel}"), f.contents().to_vec()));
            }
            stack.extend(d.dirs());
        }
    }
    files.sort();
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, bytes).map_err(io(&path))?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}
