//! A synthetic portal of N policy documents, for benchmarks and scale tests.
//!
//! [`generate`] writes `seeds/*.txt` (documents of the genre from
//! [`seed`]) and a matching `content/`: `site.yaml`, the department
//! registry (one pool shared by every document), `policies.yaml` slugs,
//! `targets.yaml` slugs and English translations for a fraction of the
//! documents. Translation keys and target IDs come from parsing the
//! generated text with gazette's own parser, so they always match. The
//! invariant: the same `seed` number gives byte-identical output.
//!
//! A dev-only crate of gazette's workspace (`publish = false`), used by
//! `examples/synth` (the command), `benches/` and
//! `tests/suite/synth_corpus.rs`.

mod seed;
mod words;

use gazette::content::translations::{fingerprint, TranslatedUnit};
use gazette::model::PolicyId;
use gazette::parse::{parse_policy, ParseOptions};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io;
use std::path::Path;

type Rng = fastrand::Rng;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    pub policies: usize,
    pub seed: u64,
    /// Share of documents with an English translation, 0–1.
    pub translated: f64,
}

impl Config {
    pub fn new(policies: usize) -> Self {
        Config {
            policies,
            seed: 1,
            translated: 0.2,
        }
    }
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub policies: usize,
    pub translated: usize,
    pub targets: usize,
    pub departments: usize,
    pub seed_bytes: usize,
}

#[derive(Serialize)]
struct DeptYaml {
    name: String,
    aliases: Vec<String>,
    en: String,
    short_en: String,
    slug: String,
}

#[derive(Serialize)]
struct Localized {
    zh: String,
    en: String,
}

#[derive(Serialize)]
struct SiteYaml {
    title: Localized,
    description: Localized,
    base_url: String,
    default_lang: &'static str,
}

#[derive(Serialize)]
struct PolicyYaml {
    slug: String,
    issuer_zh: String,
    issuer_en: String,
}

#[derive(Serialize)]
struct TargetYaml {
    slug: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_zh: Option<String>,
}

fn yaml<T: Serialize>(v: &T) -> io::Result<String> {
    serde_norway::to_string(v).map_err(io::Error::other)
}

/// Writes a complete portal into `dir` (created if needed; existing
/// `seeds/` and `content/` files of the same names are overwritten).
pub fn generate(dir: &Path, cfg: &Config) -> io::Result<Summary> {
    let mut rng = Rng::with_seed(cfg.seed);
    let (city, city_en) = words::CITIES[rng.usize(..words::CITIES.len())];
    let seeds = dir.join("seeds");
    let content = dir.join("content");
    let tr_dir = content.join("translations").join("en");
    std::fs::create_dir_all(&seeds)?;
    std::fs::create_dir_all(&tr_dir)?;

    // The shared registry.
    let sub = |s: &str| s.replace("CITY", city);
    let mut registry: Vec<DeptYaml> = words::DEPTS
        .iter()
        .map(|d| DeptYaml {
            name: sub(d.name),
            aliases: vec![sub(d.full)],
            en: d.en.replace("CITY", city_en),
            short_en: d.short_en.to_owned(),
            slug: d.slug.to_owned(),
        })
        .collect();
    for (name, aliases, en, short_en, slug) in [
        (
            format!("中共{city}市委办公室"),
            vec!["市委办公室".to_owned(), "市委办".to_owned()],
            format!("General Office of the CPC {city_en} Municipal Committee"),
            "Party Committee General Office",
            "party-committee-office",
        ),
        (
            format!("{city}市人民政府办公室"),
            vec!["市政府办公室".to_owned(), "市政府办".to_owned()],
            format!("General Office of the {city_en} Municipal People's Government"),
            "Government General Office",
            "government-office",
        ),
        (
            format!("{city}市人民政府"),
            vec!["市政府".to_owned()],
            format!("{city_en} Municipal People's Government"),
            "Municipal Government",
            "municipal-government",
        ),
    ] {
        registry.push(DeptYaml {
            name,
            aliases,
            en,
            short_en: short_en.to_owned(),
            slug: slug.to_owned(),
        });
    }
    let known: Vec<String> = registry
        .iter()
        .flat_map(|d| std::iter::once(d.name.clone()).chain(d.aliases.iter().cloned()))
        .collect();
    // Documents name departments as the pool writes them (`市科技局`), with
    // `CITY海关` made concrete.
    let pool: Vec<words::Dept> = words::DEPTS
        .iter()
        .map(|d| words::Dept {
            name: leak(sub(d.name)),
            full: d.full,
            en: d.en,
            short_en: d.short_en,
            slug: d.slug,
        })
        .collect();
    let pool_size = pool.len();

    let site = SiteYaml {
        title: Localized {
            zh: format!("{city}市政策文件库"),
            en: format!("{city_en} Policy Library"),
        },
        description: Localized {
            zh: "政策文件、量化目标与责任部门(合成数据)".into(),
            en: "Policy documents, their targets and the departments responsible (synthetic data)"
                .into(),
        },
        base_url: format!("https://example.gov.cn/{}/", city_en.to_lowercase()),
        default_lang: "zh",
    };
    std::fs::write(content.join("site.yaml"), yaml(&site)?)?;
    std::fs::write(
        content.join("departments.yaml"),
        format!(
            "# Synthetic department registry (examples/synth).\n{}",
            yaml(&registry)?
        ),
    )?;

    let mut summary = Summary {
        departments: registry.len(),
        ..Summary::default()
    };
    let mut policies: BTreeMap<String, PolicyYaml> = BTreeMap::new();
    let mut targets: BTreeMap<String, BTreeMap<String, TargetYaml>> = BTreeMap::new();
    let opts = ParseOptions {
        known_units: &known,
    };
    for i in 0..cfg.policies {
        // How many departments this document draws from: most use a local
        // subset of the shared pool, a few the whole pool.
        let lo = rng.usize(..pool_size / 2);
        let n = if rng.f64() < 0.2 {
            pool_size
        } else {
            12 + rng.usize(..12)
        };
        let slice: Vec<words::Dept> = (0..n).map(|k| pool[(lo + k) % pool_size]).collect();
        let (text, meta) = seed::document(&mut rng, city, city_en, &slice, i);
        let id = format!("{i:04}_{:016x}", rng.u64(..));
        let display = format!("seeds/{id}.txt");
        std::fs::write(dir.join(&display), &text)?;
        summary.seed_bytes += text.len();
        let policy = parse_policy(PolicyId(id.clone()), &display, text.as_bytes(), &opts)
            .map_err(io::Error::other)?;
        summary.targets += policy.targets.len();

        let mut slugs = BTreeMap::new();
        for (k, t) in policy.targets.iter().enumerate() {
            let name_zh = (t.metric.chars().count() > 16)
                .then(|| t.metric.chars().take(12).collect::<String>());
            slugs.insert(
                t.id.as_str().to_owned(),
                TargetYaml {
                    slug: format!("{}-t{}", meta.slug, k + 1),
                    name_zh,
                },
            );
        }
        targets.insert(id.clone(), slugs);

        if rng.f64() < cfg.translated {
            summary.translated += 1;
            let mut units: BTreeMap<String, TranslatedUnit> = BTreeMap::new();
            for u in policy.text_units() {
                // Most units translated, a few missing, a few stale.
                let roll = rng.f64();
                if roll < 0.05 {
                    continue;
                }
                let source = if roll < 0.08 {
                    fingerprint("an older wording")
                } else {
                    fingerprint(u.zh)
                };
                units.insert(
                    u.key.clone(),
                    TranslatedUnit {
                        source,
                        text: english(&mut rng, u.zh.chars().count()),
                        unit_en: None,
                        state: None,
                        origin: None,
                    },
                );
            }
            std::fs::write(tr_dir.join(format!("{id}.yaml")), yaml(&units)?)?;
        }
        policies.insert(
            id,
            PolicyYaml {
                slug: meta.slug,
                issuer_zh: meta.issuer_zh,
                issuer_en: meta.issuer_en,
            },
        );
        summary.policies += 1;
    }
    std::fs::write(content.join("policies.yaml"), yaml(&policies)?)?;
    std::fs::write(content.join("targets.yaml"), yaml(&targets)?)?;
    Ok(summary)
}

/// English filler about as long as a translation of `zh_chars` characters.
fn english(rng: &mut Rng, zh_chars: usize) -> String {
    let words = (zh_chars / 2).max(2);
    let mut s = String::new();
    for i in 0..words {
        let w = words::EN_WORDS[rng.usize(..words::EN_WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// Department names live for the whole run; there are a few dozen.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}
