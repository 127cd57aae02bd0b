//! The policy page (notice + full plan, anchored throughout) and its
//! breakdown-table page.

use super::text::{Block, DeptLink, Label};
use super::trail::Place;
use super::withdrawn::Subject;
use super::{OutputFile, PageKind, RenderError, Renderer};
use crate::link::corrections::Note;
use crate::link::PolicyIx;
use crate::model::{BreakdownRow, Clause, ItemId, Lang, Paragraph, Policy, Task};
use serde::Serialize;

mod indicators;

#[derive(Serialize)]
struct PolicyView {
    issuer: Label,
    period: Option<String>,
    /// None when the policy has no annex table.
    breakdown_url: Option<String>,
    /// Issuing office, document number, dates, validity, source.
    meta: super::doc_meta::DocMeta,
    notice: Option<NoticeView>,
    plan: PlanView,
    /// The page's one notice about text not (or no longer) translated.
    translation_notice: Vec<Label>,
    /// What each paragraph's citation is made of.
    cite: CiteView,
}

/// A paragraph's citation is `{prefix} {url}#{paragraph's anchor}`; the
/// page shows it under the paragraph its § link targets.
#[derive(Serialize)]
struct CiteView {
    /// Issuer, title and year, in the language's citation style; runs so
    /// the English citation marks the Chinese title.
    prefix: Label,
    /// The page's absolute URL.
    url: String,
}

impl PolicyView {
    /// Every text block of the page, in no particular order.
    fn blocks(&self) -> Vec<&Block> {
        let mut out: Vec<&Block> = Vec::new();
        if let Some(n) = &self.notice {
            out.push(&n.title);
            out.extend(&n.recipients);
            out.extend(n.body.iter().chain(&n.signers));
        }
        out.push(&self.plan.title);
        out.extend(&self.plan.preamble);
        fn section<'a>(s: &'a SectionView, out: &mut Vec<&'a Block>) {
            out.push(&s.title);
            out.extend(&s.body);
            out.extend(&s.paragraphs);
            for t in &s.tasks {
                section(t, out);
            }
        }
        for c in &self.plan.chapters {
            out.push(&c.title);
            out.extend(&c.paragraphs);
            for s in &c.sections {
                section(s, &mut out);
            }
        }
        out
    }
}

#[derive(Serialize)]
struct NoticeView {
    title: Block,
    published: Option<String>,
    recipients: Option<Block>,
    body: Vec<Block>,
    signers: Vec<Block>,
    signed: Option<String>,
}

#[derive(Serialize)]
struct PlanView {
    title: Block,
    preamble: Vec<Block>,
    chapters: Vec<ChapterView>,
}

#[derive(Serialize)]
struct ChapterView {
    id: String,
    /// Old anchors of this chapter's heading ([`crate::link::identity`]).
    aliases: Vec<String>,
    label: String,
    title: Block,
    paragraphs: Vec<Block>,
    sections: Vec<SectionView>,
}

/// A section, a task or a subtask: each is a numbered heading with an
/// optional clause, a body and paragraphs.
#[derive(Serialize)]
struct SectionView {
    id: String,
    aliases: Vec<String>,
    label: String,
    title: Block,
    clause: Option<ClauseView>,
    body: Option<Block>,
    paragraphs: Vec<Block>,
    /// A section's tasks, a task's subtasks.
    tasks: Vec<SectionView>,
    /// The breakdown table's rows that restate this action or task.
    rows: Vec<RowRef>,
}

/// A link to a breakdown table row.
#[derive(Serialize)]
struct RowRef {
    label: Label,
    url: String,
}

#[derive(Serialize)]
pub(super) struct ClauseView {
    lead: Vec<DeptLink>,
    participants: Vec<DeptLink>,
    /// Units carrying the work out (`Y具体实施`, a `实施主体` cell).
    implementing: Vec<DeptLink>,
    /// Every unit, when the clause states no roles (`（责任单位：X、Y）`);
    /// `lead`, `participants` and `implementing` are then empty.
    named: Vec<DeptLink>,
}

/// The units by role, or, when the document states no roles, all of them
/// as units named.
fn clause_view(
    roles_stated: bool,
    lead: Vec<DeptLink>,
    participants: Vec<DeptLink>,
    implementing: Vec<DeptLink>,
) -> ClauseView {
    if roles_stated {
        ClauseView {
            lead,
            participants,
            implementing,
            named: Vec::new(),
        }
    } else {
        ClauseView {
            lead: Vec::new(),
            participants: Vec::new(),
            implementing: Vec::new(),
            named: lead
                .into_iter()
                .chain(participants)
                .chain(implementing)
                .collect(),
        }
    }
}

pub(super) fn policies(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    // An English edition below `min_english_coverage` is not published:
    // its pages are not built and links to them go to the Chinese pages.
    let published = |&pi: &PolicyIx| r.portal.edition(lang, pi) == lang;
    let pis: Vec<PolicyIx> = (0..r.portal.policies.len())
        .map(PolicyIx)
        .filter(published)
        .collect();
    super::for_each_parallel(r, pis, out, |pi, files| {
        policy_page(r, lang, pi, files)?;
        if r.portal.policies[pi].policy.breakdown.is_some() {
            breakdown_page(r, lang, pi, files)?;
        }
        Ok(())
    })
}

impl Renderer<'_> {
    /// The policy's title in `lang` (plain text, for titles and lists).
    pub(super) fn policy_title(&self, lang: Lang, pi: PolicyIx) -> Block {
        let p = &self.portal.policies[pi].policy;
        self.block(lang, pi, "plan.title", (&p.plan.title, p.plan.line), None)
    }

    pub(super) fn policy_title_text(&self, lang: Lang, pi: PolicyIx) -> String {
        self.policy_title(lang, pi).plain_text()
    }

    /// Issuer, title and year of policy `pi` in the language's citation
    /// style (`work_citation`): how a citation of a paragraph or a target
    /// begins.
    pub(super) fn work_citation(&self, lang: Lang, pi: PolicyIx) -> String {
        let issuer = self.issuer(lang, pi).plain();
        let title = self.policy_title_text(lang, pi);
        // The English title is the site's translation: the format marks it
        // unofficial and gives the official Chinese title beside it.
        let title_zh = self.policy_title_text(Lang::Zh, pi);
        let year = self
            .policy_year(pi)
            .map(|y| y.to_string())
            .unwrap_or_default();
        let values = [
            ("issuer", issuer.as_str()),
            ("title", &title),
            ("title_zh", &title_zh),
            ("year", &year),
        ];
        self.t_with(lang, "work_citation", &values)
    }

    /// Who issued policy `pi`: the curated name, else its signers, each
    /// a fallback on an English page until registered in English.
    pub(super) fn issuer(&self, lang: Lang, pi: PolicyIx) -> Label {
        let entry = &self.portal.policies[pi];
        let curated = match lang {
            Lang::Zh => entry.meta.issuer_zh.clone(),
            Lang::En => entry.meta.issuer_en.clone(),
        };
        if let Some(name) = curated {
            return Label::text(name);
        }
        let signers = entry.policy.notice.iter().flat_map(|n| &n.signers);
        let names = signers.map(|s| match self.portal_dept_en(lang, s) {
            Some(en) => Label::text(en),
            None => Label::chinese(lang, s.clone()),
        });
        // English names may hold commas: the list separator is `; `.
        Label::join(names, &self.t(lang, "list_separator"))
    }

    fn portal_dept_en(&self, lang: Lang, name: &str) -> Option<String> {
        (lang == Lang::En).then_some(())?;
        self.portal.registry_en(name)
    }

    pub(super) fn breakdown_url(&self, lang: Lang, pi: PolicyIx) -> Option<String> {
        let entry = &self.portal.policies[pi];
        entry
            .policy
            .breakdown
            .as_ref()
            .map(|_| self.portal.breakdown_url(lang, pi))
    }

    pub(super) fn period(&self, pi: PolicyIx) -> Option<String> {
        let p = self.portal.policies[pi].policy.plan.period?;
        Some(format!("{}–{}", p.start, p.end))
    }

    pub(super) fn para(&self, lang: Lang, pi: PolicyIx, p: &Paragraph) -> Block {
        self.block(lang, pi, p.id.as_str(), (&p.text, p.line), Some(&p.id))
    }

    fn paras(&self, lang: Lang, pi: PolicyIx, ps: &[Paragraph]) -> Vec<Block> {
        ps.iter().map(|p| self.para(lang, pi, p)).collect()
    }

    pub(super) fn clause(&self, lang: Lang, c: &Clause) -> ClauseView {
        clause_view(
            c.roles_stated,
            self.dept_links(lang, &c.lead),
            self.dept_links(lang, &c.participants),
            self.dept_links(lang, &c.implementing),
        )
    }

    /// A clause with the units under their short names, for lists that
    /// quote it away from the plan (a department's duties).
    pub(super) fn clause_short(&self, lang: Lang, c: &Clause) -> ClauseView {
        clause_view(
            c.roles_stated,
            self.dept_short_links(lang, &c.lead),
            self.dept_short_links(lang, &c.participants),
            self.dept_short_links(lang, &c.implementing),
        )
    }

    /// The units of a table row as a clause shows them: the lead, the
    /// co-operating units as participants, the implementing ones (`实施主体`)
    /// as such (all of them named, with no role, when the table states
    /// none).
    pub(super) fn row_units(&self, lang: Lang, row: &BreakdownRow) -> ClauseView {
        clause_view(
            row.roles_stated,
            self.dept_short_links(lang, &row.lead),
            self.dept_short_links(lang, &row.cooperating),
            self.dept_short_links(lang, &row.implementers),
        )
    }

    /// Lead and co-operating links as given, or, when the document states
    /// no roles, none of either and all of them as units named.
    fn units_by_role(
        &self,
        roles_stated: bool,
        lead: Vec<DeptLink>,
        cooperating: Vec<DeptLink>,
    ) -> (Vec<DeptLink>, Vec<DeptLink>, Vec<DeptLink>) {
        if roles_stated {
            (lead, cooperating, Vec::new())
        } else {
            (
                Vec::new(),
                Vec::new(),
                lead.into_iter().chain(cooperating).collect(),
            )
        }
    }

    /// The chrome of policy `pi`'s page of `kind` (its page or its
    /// breakdown; `url_in` gives its URL in each language): with the withdrawal banner when it is no longer in force,
    /// and without a counterpart when the other edition is not published.
    fn policy_chrome(
        &self,
        lang: Lang,
        pi: PolicyIx,
        kind: PageKind,
        url_in: impl Fn(Lang) -> String,
        title: impl Into<Label>,
    ) -> super::chrome::Chrome {
        let place = Place::of_policy(kind, pi);
        let mut chrome = self.chrome(lang, place, url_in, title, None);
        chrome.withdrawn = self.withdrawn_notice(lang, pi, Subject::Policy);
        match self.portal.edition(lang.other(), pi) == lang.other() {
            true => chrome,
            false => chrome.without_counterpart(),
        }
    }
}

fn policy_page(
    r: &Renderer,
    lang: Lang,
    pi: PolicyIx,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let entry = &r.portal.policies[pi];
    let unit = r.unit_key(pi, "policy.html", lang, &());
    if r.reuse_unit(&r.portal.urls.policy(lang, &entry.slug), unit) {
        return Ok(());
    }
    let p = &entry.policy;
    let mut view = PolicyView {
        issuer: r.issuer(lang, pi),
        period: r.period(pi),
        breakdown_url: r.breakdown_url(lang, pi),
        meta: r.doc_meta(lang, pi),
        notice: p.notice.as_ref().map(|n| NoticeView {
            title: r.block(lang, pi, "notice.title", (&n.title, n.line), None),
            published: n.published.clone(),
            recipients: n.recipients.as_ref().map(|x| r.para(lang, pi, x)),
            body: r.paras(lang, pi, &n.body),
            signers: n
                .signers
                .iter()
                .enumerate()
                .map(|(i, s)| r.block(lang, pi, &format!("notice.signer-{}", i + 1), (s, 0), None))
                .collect(),
            signed: n.signed.clone(),
        }),
        plan: plan_view(r, lang, pi, p),
        translation_notice: Vec::new(),
        cite: CiteView {
            prefix: Label::runs(&r.work_citation(lang, pi)),
            url: r.portal.urls.absolute(&r.portal.policy_url(lang, pi)),
        },
    };
    view.translation_notice = r.translation_notice(lang, view.blocks().iter().map(|b| b.state));
    let title = r.policy_title(lang, pi).label();
    let slug = &entry.slug;
    let mut chrome = r.policy_chrome(
        lang,
        pi,
        PageKind::Policy,
        |l| r.portal.urls.policy(l, slug),
        title,
    );
    chrome.og_type = "article";
    chrome.json_ld = Some(super::chrome::json_ld(&legislation_ld(&view, &chrome)));
    r.unit_page("policy.html", &chrome, &view, unit, out)
}

/// schema.org `Legislation` for the notice, with the plan and its chapters
/// as `hasPart`.
fn legislation_ld(view: &PolicyView, chrome: &super::chrome::Chrome) -> serde_json::Value {
    let url = &chrome.canonical;
    let chapters: Vec<serde_json::Value> = view
        .plan
        .chapters
        .iter()
        .map(|c| {
            serde_json::json!({
                "@type": "Legislation",
                "name": c.title.plain_text(),
                "url": crate::link::urls::anchored(url, &c.id),
            })
        })
        .collect();
    let plan = serde_json::json!({
        "@type": "Legislation",
        "name": view.plan.title.plain_text(),
        "url": crate::link::urls::anchored(url, "plan-title"),
        "temporalCoverage": view.period.as_deref().map(|p| p.replace('–', "/")),
        "hasPart": chapters,
    });
    let notice = view.notice.as_ref();
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": notice.map_or_else(|| view.plan.title.plain_text(), |n| n.title.plain_text()),
        "url": url,
        "inLanguage": chrome.lang_tag,
        "legislationDate": view.meta.facts.issued,
        "datePublished": view.meta.facts.published,
        "legislationPassedBy": notice.map(|n| n.signers.iter().map(|s| serde_json::json!({
            "@type": "GovernmentOrganization",
            "name": s.plain_text(),
        })).collect::<Vec<_>>()),
        "hasPart": [plan],
    });
    // What the metadata block states besides: document number, the last
    // day in force, the official source; nothing where it says "not stated".
    let facts = &view.meta.facts;
    for (key, value) in [
        ("legislationIdentifier", &facts.number),
        ("expires", &facts.valid_until),
        ("isBasedOn", &facts.source_url),
    ] {
        if let Some(value) = value {
            ld[key] = value.as_str().into();
        }
    }
    // A withdrawn policy says so; one in force says nothing new.
    if chrome.withdrawn.is_some() {
        ld["legislationLegalForce"] = "https://schema.org/NotInForce".into();
    }
    ld
}

fn plan_view(r: &Renderer, lang: Lang, pi: PolicyIx, p: &Policy) -> PlanView {
    let chapters = p
        .plan
        .chapters
        .iter()
        .map(|c| ChapterView {
            id: r.anchor(pi, &c.id),
            aliases: r.aliases(pi, &c.id),
            label: number_label(
                lang,
                c.number,
                &r.published(pi, &format!("{}、", c.label), c.line),
                ".",
            ),
            title: r.block(lang, pi, c.id.as_str(), (&c.title, c.line), None),
            paragraphs: r.paras(lang, pi, &c.paragraphs),
            sections: c
                .sections
                .iter()
                .map(|s| SectionView {
                    id: r.anchor(pi, &s.id),
                    aliases: r.aliases(pi, &s.id),
                    label: number_label(
                        lang,
                        s.number,
                        &r.published(pi, &format!("({})", s.label), s.line),
                        ")",
                    ),
                    title: r.block(lang, pi, s.id.as_str(), (&s.title, s.line), None),
                    clause: s.clause.as_ref().map(|c| r.clause(lang, c)),
                    body: s.body.as_ref().map(|b| r.para(lang, pi, b)),
                    paragraphs: r.paras(lang, pi, &s.paragraphs),
                    rows: rows_restating(r, lang, pi, &s.id),
                    tasks: s.tasks.iter().map(|t| task_view(r, lang, pi, t)).collect(),
                })
                .collect(),
        })
        .collect();
    PlanView {
        title: r.policy_title(lang, pi),
        preamble: r.paras(lang, pi, &p.plan.preamble),
        chapters,
    }
}

/// A task's view, its subtasks (`(1)` under `1.`) as its `tasks`.
fn task_view(r: &Renderer, lang: Lang, pi: PolicyIx, t: &Task) -> SectionView {
    let subtasks = t
        .subtasks
        .iter()
        .map(|st| {
            let zh = r.published(pi, &format!("({})", st.number), st.line);
            let heading = Heading {
                id: &st.id,
                label: number_label(lang, st.number, &zh, ")"),
                title: (&st.title, st.line),
                clause: st.clause.as_ref(),
                body: st.body.as_ref(),
                paragraphs: &st.paragraphs,
            };
            heading_view(r, lang, pi, heading, Vec::new())
        })
        .collect();
    let heading = Heading {
        id: &t.id,
        label: r.published(pi, &format!("{}.", t.number), t.line),
        title: (&t.title, t.line),
        clause: t.clause.as_ref(),
        body: t.body.as_ref(),
        paragraphs: &t.paragraphs,
    };
    heading_view(r, lang, pi, heading, subtasks)
}

/// What a task and a subtask show alike: a numbered heading, its clause,
/// body and paragraphs.
struct Heading<'a> {
    id: &'a ItemId,
    /// The number as the page shows it (`1.`, `（1）`).
    label: String,
    title: (&'a str, usize),
    clause: Option<&'a Clause>,
    body: Option<&'a Paragraph>,
    paragraphs: &'a [Paragraph],
}

fn heading_view(
    r: &Renderer,
    lang: Lang,
    pi: PolicyIx,
    h: Heading,
    tasks: Vec<SectionView>,
) -> SectionView {
    SectionView {
        id: r.anchor(pi, h.id),
        aliases: r.aliases(pi, h.id),
        label: h.label,
        title: r.block(lang, pi, h.id.as_str(), h.title, None),
        clause: h.clause.map(|c| r.clause(lang, c)),
        body: h.body.map(|b| r.para(lang, pi, b)),
        paragraphs: r.paras(lang, pi, h.paragraphs),
        tasks,
        rows: rows_restating(r, lang, pi, h.id),
    }
}

/// The rows of policy `pi`'s breakdown table that restate `item` (the
/// links the table's "Restates" column shows, followed back).
fn rows_restating(r: &Renderer, lang: Lang, pi: PolicyIx, item: &ItemId) -> Vec<RowRef> {
    let p = &r.portal.policies[pi].policy;
    p.rows()
        .iter()
        .filter(|row| row.links.iter().any(|l| &l.item == item))
        .map(|row| RowRef {
            label: r.item_label(lang, pi, row.id.as_str()),
            url: r.portal.item_url(lang, pi, &row.id),
        })
        .collect()
}

/// Chinese numbering as written (`一、`, `（一）`), arabic in English
/// (`1.`, `(1)`).
fn number_label(lang: Lang, n: u32, zh: &str, en_suffix: &str) -> String {
    match (lang, en_suffix) {
        (Lang::Zh, _) => zh.to_owned(),
        (Lang::En, ")") => format!("({n})"),
        (Lang::En, s) => format!("{n}{s}"),
    }
}

#[derive(Serialize)]
struct BreakdownView {
    policy_url: String,
    policy_title: Block,
    /// The first table's title, the page's heading.
    title: Block,
    /// Each task table of the annex, the first one first, with its own
    /// columns: a later table's rows never sit under the first's header.
    tables: Vec<TableView>,
    translation_notice: Vec<Label>,
}

#[derive(Serialize)]
struct TableView {
    /// `breakdown-caption` for the first table, `breakdown-caption-2`…
    caption_id: String,
    /// A later table's own title, as its section heading; none for the
    /// first, whose title heads the page.
    heading: Option<Block>,
    title: Block,
    extra_columns: Vec<String>,
    has_implementers: bool,
    /// False when no row states roles: one column of units named instead
    /// of lead and co-operating columns.
    roles_stated: bool,
    columns: usize,
    rows: Vec<RowView>,
    /// An indicator table's header and groups of rows, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    printed: Option<indicators::Printed>,
}

#[derive(Serialize)]
struct RowView {
    id: String,
    aliases: Vec<String>,
    number: u32,
    group: Option<String>,
    content: Block,
    lead: Vec<DeptLink>,
    cooperating: Vec<DeptLink>,
    /// Every unit of a row whose table states no roles.
    named: Vec<DeptLink>,
    implementers: Vec<DeptLink>,
    /// Other text cells: (column heading, text).
    extra: Vec<(String, String)>,
    links: Vec<RowLinkView>,
    /// Why the portal corrected the parser's reading of the row.
    corrections: Vec<String>,
    /// Where this row's lead contradicts the plan's clause.
    conflicts: Vec<Vec<super::text::SpanView>>,
}

/// A plan item a row restates. How sure the parser is of the link is for
/// `gazette review`, not for readers.
#[derive(Serialize)]
struct RowLinkView {
    label: Label,
    url: String,
}

fn breakdown_page(
    r: &Renderer,
    lang: Lang,
    pi: PolicyIx,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let entry = &r.portal.policies[pi];
    let Some(b) = &entry.policy.breakdown else {
        return Ok(());
    };
    let unit = r.unit_key(pi, "breakdown.html", lang, &());
    if r.reuse_unit(&r.portal.urls.breakdown(lang, &entry.slug), unit) {
        return Ok(());
    }
    let policy_url = r.portal.policy_url(lang, pi);
    let title = r.block(lang, pi, "breakdown.title", (&b.title, b.line), None);
    let further = b.further.iter().enumerate().map(|(i, t)| {
        let key = format!("{}.title", t.id.as_str());
        (i + 1, r.block(lang, pi, &key, (&t.title, t.line), None))
    });
    let tables: Vec<TableView> = std::iter::once((0, title.clone()))
        .chain(further)
        .map(|(k, table_title)| {
            let rows: Vec<&BreakdownRow> = b.rows.iter().filter(|row| row.table == k).collect();
            let mut view = table_view(r, lang, pi, k, table_title, &rows);
            indicators::print(b, k, &rows, &mut view);
            view
        })
        .filter(|t| t.heading.is_none() || !t.rows.is_empty())
        .collect();
    let blocks = std::iter::once(&title).chain(tables.iter().flat_map(|t| {
        t.heading
            .iter()
            .chain(t.rows.iter().map(|row| &row.content))
    }));
    let translation_notice = r.translation_notice(lang, blocks.map(|b| b.state));
    let view = BreakdownView {
        policy_title: r.policy_title(lang, pi),
        title,
        translation_notice,
        tables,
        policy_url,
    };
    let title = format!(
        "{} · {}",
        r.t(lang, "breakdown"),
        r.policy_title_text(lang, pi)
    );
    let slug = &entry.slug;
    let chrome = r.policy_chrome(
        lang,
        pi,
        PageKind::Breakdown,
        |l| r.portal.urls.breakdown(l, slug),
        title,
    );
    r.unit_page("breakdown.html", &chrome, &view, unit, out)
}

/// Task table `k` of policy `pi`'s annex (0: the first) with its `rows`.
fn table_view(
    r: &Renderer,
    lang: Lang,
    pi: PolicyIx,
    k: usize,
    title: Block,
    rows: &[&BreakdownRow],
) -> TableView {
    let entry = &r.portal.policies[pi];
    let has_implementers = rows.iter().any(|r| !r.implementers.is_empty());
    // Every text column any row fills, in order: a row leaves out the
    // cells it has empty, and each row's cells are laid under these.
    let mut extra_columns: Vec<String> = Vec::new();
    for (k, _) in rows.iter().flat_map(|row| &row.extra) {
        if !extra_columns.contains(k) {
            extra_columns.push(k.clone());
        }
    }
    let roles_stated = rows.iter().any(|row| row.roles_stated);
    let rows: Vec<RowView> = rows
        .iter()
        .map(|row| {
            let (lead, cooperating, named) = r.units_by_role(
                row.roles_stated,
                r.dept_short_links(lang, &row.lead),
                r.dept_short_links(lang, &row.cooperating),
            );
            RowView {
                id: r.anchor(pi, &row.id),
                aliases: r.aliases(pi, &row.id),
                number: row.number,
                group: row.group.clone(),
                content: r.block(
                    lang,
                    pi,
                    row.id.as_str(),
                    (&row.content, row.line),
                    Some(&row.id),
                ),
                lead,
                cooperating,
                named,
                conflicts: r.conflicts(lang, pi, |c| c.row == row.id),
                implementers: r.dept_short_links(lang, &row.implementers),
                extra: extra_columns
                    .iter()
                    .map(|c| {
                        let cell = row.extra.iter().find(|(k, _)| k == c);
                        (c.clone(), cell.map(|(_, v)| v.clone()).unwrap_or_default())
                    })
                    .collect(),
                links: row
                    .links
                    .iter()
                    .map(|l| RowLinkView {
                        label: r.item_label(lang, pi, l.item.as_str()),
                        url: r.portal.item_url(lang, pi, &l.item),
                    })
                    .collect(),
                corrections: Note::reasons(entry.corrected.row_notes(&row.id), lang),
            }
        })
        .collect();
    TableView {
        caption_id: match k {
            0 => "breakdown-caption".to_owned(),
            k => format!("breakdown-caption-{}", k + 1),
        },
        heading: (k > 0).then(|| title.clone()),
        title,
        columns: 4
            + usize::from(roles_stated)
            + usize::from(has_implementers)
            + extra_columns.len(),
        extra_columns,
        has_implementers,
        roles_stated,
        rows,
        printed: None,
    }
}

impl Renderer<'_> {
    /// The `id` an item of policy `pi` is shown with.
    pub(super) fn anchor(&self, pi: PolicyIx, item: &ItemId) -> String {
        self.portal.policies[pi].anchors.id_of(item).to_owned()
    }

    /// The old anchors an item of policy `pi` keeps.
    pub(super) fn aliases(&self, pi: PolicyIx, item: &ItemId) -> Vec<String> {
        self.portal.policies[pi].anchors.aliases_of(item).to_vec()
    }

    /// "Task 12: Upgrading …" / "任务12 转型提升优势主导产业" for a section,
    /// task, subtask or row of policy `pi`, its title a fallback where untranslated;
    /// the ID itself if it is none of them.
    pub(super) fn item_label(&self, lang: Lang, pi: PolicyIx, item: &str) -> Label {
        let p = &self.portal.policies[pi].policy;
        let title = |key: &str, zh: &str| self.block(lang, pi, key, (zh, 0), None).label();
        if let Some(s) = p.sections().find(|s| s.id.as_str() == item) {
            let values = [
                ("label", Label::text(s.label.as_str())),
                ("number", Label::text(s.number.to_string())),
                ("title", title(item, &s.title)),
            ];
            return Label::fill(&self.t(lang, "section_ref"), &values);
        }
        if let Some(t) = p.tasks().find(|t| t.id.as_str() == item) {
            let values = [
                ("number", Label::text(t.number.to_string())),
                ("title", title(item, &t.title)),
            ];
            return Label::fill(&self.t(lang, "task_ref"), &values);
        }
        if let Some(t) = p.subtasks().find(|t| t.id.as_str() == item) {
            let values = [
                ("number", Label::text(t.number.to_string())),
                ("title", title(item, &t.title)),
            ];
            return Label::fill(&self.t(lang, "subtask_ref"), &values);
        }
        if let Some(row) = p.rows().iter().find(|r| r.id.as_str() == item) {
            // An indicator table's row by its indicator, as printed.
            if p.breakdown
                .as_ref()
                .is_some_and(|b| b.is_indicator_row(row))
            {
                let values = [("title", title(item, &row.content))];
                return Label::fill(&self.t(lang, "indicator_ref"), &values);
            }
            return Label::text(
                self.t(lang, "row_label")
                    .replace("{n}", &row.number.to_string()),
            );
        }
        Label::text(item)
    }
}
