//! Parsed policies + curated content → [`Portal`]: first the curated
//! corrections of the parser's readings are applied ([`corrections`]), then
//! every item gets its URL, every department and target one entry across
//! the whole portal, and every cross-reference (who answers for what, where
//! each target is stated) is resolved once into index maps. Consistency
//! problems become diagnostics.
//! No HTML here; `render` turns the portal into pages.

pub mod corrections;
mod departments;
pub mod glossary;
pub mod identity;
mod ids;
mod lifecycle;
mod places;
pub mod progress;
mod targets;
pub mod urls;

pub use departments::{unit_roles, DeptEntry, Duty, DutyKind, Role};
pub use ids::{
    DeptIx, PlanAt, PlanItems, PolicyIx, PolicyTargetIx, RowIx, TargetIx, TargetMark, TermIx,
    TermMark,
};
pub use places::{Place, Span, SpanKind};
pub use targets::{Responsibility, TargetEntry, Via};
pub use urls::Urls;

use crate::content::glossary::GlossaryEntry;
use crate::content::pages::MarkdownPage;
use crate::content::policies::PolicyMeta;
use crate::content::translations::Translation;
use crate::content::{Curated, DepartmentRegistry, SiteConfig};
use crate::diag::Diagnostic;
use crate::model::{ItemId, Lang, Localized, Policy};
use std::collections::HashMap;

/// The whole site's data, ready to render.
#[derive(Debug)]
pub struct Portal {
    pub site: SiteConfig,
    pub urls: Urls,
    pub policies: Vec<PolicyEntry>,
    pub departments: Vec<DeptEntry>,
    pub targets: Vec<TargetEntry>,
    pub pages: Vec<MarkdownPage>,
    pub glossary: Vec<GlossaryEntry>,
    /// `content/style.yaml`: the English house style `check` enforces.
    pub style: crate::content::style::Style,
    pub diagnostics: Vec<Diagnostic>,
    pub registry: DepartmentRegistry,
    /// Changes to policies, newest last as curated.
    pub changelog: Vec<crate::content::changelog::Change>,
    /// Warnings reviewed and accepted in `content/checks.yaml`.
    pub acknowledged: Vec<crate::content::checks::Acknowledgement>,
    /// `content/urls.lock` as read: every address published and what it
    /// showed.
    pub lock: crate::content::lock::UrlLock,
    /// `content/redirects.yaml` as read: old address → new address.
    pub redirects: std::collections::BTreeMap<String, String>,
    dept_index: HashMap<String, DeptIx>,
    matcher: places::NameMatcher,
}

/// One policy with what the portal adds to it.
#[derive(Debug)]
pub struct PolicyEntry {
    pub policy: Policy,
    pub slug: String,
    pub meta: PolicyMeta,
    pub translation: Translation,
    /// Whether its English pages (the policy page and the breakdown
    /// table) are published: its translation reaches `site.yaml`'s
    /// `min_english_coverage`. When not, [`Portal::policy_url`] and
    /// [`Portal::breakdown_url`] give the Chinese pages in English too.
    pub english_published: bool,
    /// Where each paragraph, section and task sits in the plan.
    pub places: HashMap<ItemId, Place>,
    /// Target mentions per paragraph or row.
    pub mentions: HashMap<ItemId, Vec<TargetMark>>,
    /// First uses of glossary terms in the Chinese text and in the English
    /// translation.
    pub terms: Localized<glossary::TermMarks>,
    /// The IDs its items are shown under, and the old anchors they keep
    /// (see [`identity`]): render every `id` and `#anchor` through it.
    pub anchors: identity::Anchors,
    /// What `content/corrections/` set right in `policy` (already applied).
    pub corrected: corrections::Corrected,
    /// Table rows whose lead contradicts the plan's clause, shown on the
    /// target, breakdown and department pages.
    pub conflicts: Vec<crate::parse::LeadConflict>,
}

/// Links parsed policies with curated content.
pub fn link(policies: Vec<Policy>, curated: Curated) -> Portal {
    let Curated {
        site,
        departments: registry,
        policies: metas,
        targets: target_metas,
        glossary,
        style,
        pages,
        observations,
        checks,
        changelog,
        mut translations,
        lock,
        mut redirects,
        corrections: fixes,
    } = curated;
    let urls = Urls::new(&site.origin(), &site.base_path());
    let mut diagnostics = Vec::new();
    if site.given_base_url.is_none() {
        diagnostics.push(
            Diagnostic::warning("missing-base-url", "content/site.yaml", 0)
                .message(format!(
                    "no `base_url`: canonical links, feeds and the sitemap point at {}",
                    crate::content::LOCALHOST
                ))
                .help("add `base_url: https://…/` with the address the site is published at"),
        );
    }

    let policies: Vec<PolicyEntry> = policies
        .into_iter()
        .map(|mut policy| {
            let fix = fixes.get(policy.id.as_str());
            let corrected = corrections::apply(&mut policy, fix, &mut diagnostics);
            let meta = metas.get(policy.id.as_str()).cloned().unwrap_or_default();
            let slug = policy_slug(&policy, &meta, &mut diagnostics);
            let translation = translations
                .remove(policy.id.as_str())
                .unwrap_or_default()
                .for_units(policy.text_units().iter().map(|u| u.zh));
            let english_published =
                site.publishes_english(translation.tally(&policy.text_units()).char_share());
            let places = places::index(&policy);
            let conflicts = crate::parse::lead_conflicts(&policy);
            PolicyEntry {
                conflicts,
                policy,
                slug,
                meta,
                translation,
                english_published,
                places,
                mentions: HashMap::new(),
                terms: Localized::default(),
                anchors: identity::Anchors::default(),
                corrected,
            }
        })
        .collect();

    let mut policies = policies;
    for p in &mut policies {
        let (zh, en) = glossary::first_uses(p, &glossary);
        p.terms = Localized { zh, en };
    }
    let (departments, dept_index) = departments::resolve(&policies, &registry, &mut diagnostics);
    let mut portal = Portal {
        site,
        urls,
        policies,
        departments,
        targets: Vec::new(),
        pages,
        glossary,
        style,
        diagnostics,
        registry,
        acknowledged: checks.acknowledged,
        changelog,
        // Filled once `identity::settle` has read them against the portal.
        lock: Default::default(),
        redirects: Default::default(),
        matcher: places::NameMatcher::new(&dept_index),
        dept_index,
    };
    unknown_keys(&mut portal, &metas, &target_metas);
    targets::link(&mut portal, &target_metas);
    redirects.extend(corrections::merge_redirects(&portal, &target_metas, &lock));
    identity::settle(&mut portal, &lock, &redirects);
    portal.lock = lock;
    portal.redirects = redirects;
    targets::assess_progress(&mut portal, observations);
    departments::assign_duties(&mut portal);
    check_unique_slugs(&mut portal);
    lifecycle::check(&mut portal);
    portal
}

impl Portal {
    /// Target `t` of the portal and the English unit its translation sets
    /// (`unit_en`), if any.
    pub fn target_and_unit_en(&self, t: TargetIx) -> (&crate::model::Target, Option<&str>) {
        let e = &self.targets[t];
        let p = &self.policies[e.policy];
        let target = &p.policy.targets[e.index];
        (
            target,
            p.translation.unit_en(target.id.as_str(), &target.metric),
        )
    }

    /// The department entry for a name as written in a policy.
    pub fn dept(&self, name: &str) -> Option<DeptIx> {
        self.dept_index.get(name).copied()
    }

    /// The registry's full English name for any unit name, registered or
    /// not named in a clause (signing offices).
    pub fn registry_en(&self, name: &str) -> Option<String> {
        self.registry.get(name).and_then(|d| d.en.clone())
    }

    /// The language policy `pi`'s pages are published in for a reader of
    /// `lang`: `lang`, or Chinese when its English pages are not published.
    pub fn edition(&self, lang: Lang, pi: PolicyIx) -> Lang {
        match (lang, self.policies[pi].english_published) {
            (Lang::En, false) => Lang::Zh,
            _ => lang,
        }
    }

    /// Root-relative URL of policy `pi`'s page for a reader of `lang`
    /// (the Chinese page when the English one is not published).
    pub fn policy_url(&self, lang: Lang, pi: PolicyIx) -> String {
        let edition = self.edition(lang, pi);
        self.urls.policy(edition, &self.policies[pi].slug)
    }

    /// Root-relative URL of policy `pi`'s breakdown table for a reader of
    /// `lang`, as [`Portal::policy_url`].
    pub fn breakdown_url(&self, lang: Lang, pi: PolicyIx) -> String {
        let edition = self.edition(lang, pi);
        self.urls.breakdown(edition, &self.policies[pi].slug)
    }

    /// Root-relative URL of an item's anchor: a paragraph, section or task
    /// on the policy page, a row on the breakdown page, under the ID it is
    /// shown with ([`identity::Anchors::id_of`]), in the edition a reader
    /// of `lang` is sent to ([`Portal::edition`]).
    pub fn item_url(&self, lang: Lang, policy: PolicyIx, item: &ItemId) -> String {
        let entry = &self.policies[policy];
        let anchor = entry.anchors.id_of(item);
        let page = match entry.places.get(item) {
            Some(Place::Row(_)) => self.breakdown_url(lang, policy),
            _ => self.policy_url(lang, policy),
        };
        urls::anchored(&page, anchor)
    }

    /// The date (`YYYY-MM-DD`) of the latest change `content/changelog.yaml`
    /// records for policy `pi`, or with `None` for any policy.
    pub fn last_change(&self, pi: Option<PolicyIx>) -> Option<&str> {
        let id = pi.map(|pi| self.policies[pi].policy.id.as_str());
        self.changelog
            .iter()
            .filter(|c| id.is_none_or(|id| c.policy == id))
            .map(|c| c.date.as_str())
            .max()
    }

    /// Splits an item's Chinese text into plain text, department names,
    /// target figures and first uses of glossary terms.
    pub fn spans(&self, policy: PolicyIx, item: &ItemId, text: &str) -> Vec<Span> {
        let entry = &self.policies[policy];
        let mentions = entry.mentions.get(item).map_or(&[][..], Vec::as_slice);
        let terms = entry.terms.zh.get(item).map_or(&[][..], Vec::as_slice);
        places::spans(text, mentions, terms, Some(&self.matcher))
    }

    /// Splits an item's English translation: plain text and first uses of
    /// glossary terms.
    pub fn english_spans(&self, policy: PolicyIx, item: &ItemId, text: &str) -> Vec<Span> {
        let terms = self.policies[policy].terms.get(Lang::En).get(item);
        places::spans(text, &[], terms.map_or(&[][..], Vec::as_slice), None)
    }
}

/// The curated slug (checked when `content/policies.yaml` was read), else
/// the seed's name made a slug, else (a name like `政策_2024`) `policy-` and
/// a fingerprint of the name: either way one that passes `slug::check`.
fn policy_slug(policy: &Policy, meta: &PolicyMeta, diags: &mut Vec<Diagnostic>) -> String {
    if let Some(slug) = &meta.slug {
        return slug.to_string();
    }
    let id = policy.id.as_str();
    let readable = id.to_lowercase().replace(['_', ' '], "-");
    let fallback = match crate::content::slug::check(&readable) {
        Ok(()) => readable,
        Err(_) => format!(
            "policy-{}",
            &crate::content::translations::fingerprint(id)[..8]
        ),
    };
    diags.push(
        Diagnostic::warning("fallback-slug", &policy.source, 0)
            .message(format!("policy has no slug; using `{fallback}`"))
            .help(format!(
                "add `{}: {{ slug: … }}` to content/policies.yaml to give it a permanent, readable URL",
                policy.id
            )),
    );
    fallback
}

/// Curated entries for policies or targets the seeds do not have: a typo,
/// or a target the parser now numbers differently. Either way its slug is
/// not used, so say so.
fn unknown_keys(
    portal: &mut Portal,
    policies: &crate::content::policies::PolicyMetas,
    targets: &crate::content::targets::TargetMetas,
) {
    let ids: HashMap<&str, &PolicyEntry> = portal
        .policies
        .iter()
        .map(|p| (p.policy.id.as_str(), p))
        .collect();
    let mut found = Vec::new();
    for id in policies.keys().filter(|k| !ids.contains_key(k.as_str())) {
        found.push((
            "content/policies.yaml",
            format!("`{id}` is not a seed in seeds/"),
        ));
    }
    for (id, entries) in targets {
        let Some(policy) = ids.get(id.as_str()) else {
            found.push((
                "content/targets.yaml",
                format!("`{id}` is not a seed in seeds/"),
            ));
            continue;
        };
        for key in entries.keys() {
            let corrected_away = policy.corrected.took_out(key);
            let policy = &policy.policy;
            if !corrected_away && !policy.targets.iter().any(|t| t.id.as_str() == key) {
                found.push((
                    "content/targets.yaml",
                    format!(
                        "`{id}` has no `{key}`: the parser found {} targets",
                        policy.targets.len()
                    ),
                ));
            }
        }
    }
    for c in portal
        .changelog
        .iter()
        .filter(|c| !ids.contains_key(c.policy.as_str()))
    {
        found.push((
            "content/changelog.yaml",
            format!("`{}` is not a seed in seeds/", c.policy),
        ));
    }
    for (file, message) in found {
        portal.diagnostics.push(
            Diagnostic::warning("unknown-key", file, 0)
                .message(message)
                .help("fix the name to match a seed's file name and a target ID from `gazette inspect`, or remove the entry"),
        );
    }
}

fn check_unique_slugs(portal: &mut Portal) {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let slugs = portal
        .policies
        .iter()
        .map(|p| ("policy", p.slug.as_str()))
        .chain(portal.targets.iter().map(|t| ("target", t.slug.as_str())))
        .chain(
            portal
                .departments
                .iter()
                .map(|d| ("department", d.slug.as_str())),
        );
    let mut dups = Vec::new();
    for key in slugs {
        let n = seen.entry(key).or_insert(0);
        *n += 1;
        if *n == 2 {
            dups.push(key);
        }
    }
    for (kind, slug) in dups {
        let file = match kind {
            "policy" => "content/policies.yaml",
            "target" => "content/targets.yaml",
            _ => "content/departments.yaml",
        };
        portal.diagnostics.push(
            Diagnostic::error("duplicate-slug", file, 0)
                .message(format!(
                    "two {kind} pages would both be published at slug `{slug}`"
                ))
                .help("give each one its own slug"),
        );
    }
}
