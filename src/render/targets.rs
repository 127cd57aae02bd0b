//! One indicator page per target: the commitment in
//! words, who answers for it (each source labelled), every mention quoted
//! with a link to its anchor, progress, and a citation.

use super::evidence::{self, Quote};
use super::text::{Block, DeptLink, Label};
use super::{OutputFile, PageKind, RenderError, Renderer};
use crate::content::translations::Rendition;
use crate::link::corrections::Note;
use crate::link::{DeptIx, Place, PlanItems, PolicyIx, Role, TargetIx};
use crate::model::{DeadlineSource, ItemId, Kind, Lang, Policy};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Serialize)]
struct TargetView {
    policy_url: String,
    policy_title: Block,
    name: Block,
    commitment: String,
    /// As written in Chinese; scaled to the base unit in English.
    value: String,
    unit: String,
    /// The kind of quantity in words (`Share of a total`).
    kind: String,
    /// `2020`, or `by the end of the plan (2020)` when the sentence
    /// states no year.
    deadline: String,
    responsible: Vec<ResponsibleView>,
    /// Some unit is named with no role stated: the page says the document
    /// does not say who leads.
    has_named: bool,
    /// Table rows stating or restating the target whose lead contradicts
    /// the plan's clause, each a linked sentence.
    conflicts: Vec<Vec<super::text::SpanView>>,
    mentions: Vec<MentionView>,
    items: Vec<NamedLink>,
    /// When no department answers for the target: the plan's organisation
    /// section (组织领导, else 保障措施), where overall responsibility is set.
    organisation: Option<NamedLink>,
    progress: super::progress::ProgressView,
    /// Why the portal corrected the parser's reading of the target, one
    /// reason a correction ([`crate::link::corrections`]).
    corrections: Vec<String>,
    /// Where the plan's period stands: `The plan period (2017–2020) ended
    /// in 2020.` ([`period_status`]).
    period_status: Option<String>,
    /// The embed card's URL, for a preview link.
    embed_url: String,
    /// The `<iframe>` a newsroom pastes, as text.
    embed_code: String,
    /// The target's own data files: `data.csv`, `data.json`.
    csv_url: String,
    json_url: String,
    permalink: String,
    /// The English citation quotes the official Chinese title: runs so
    /// the template marks it.
    citation: Label,
    prev: Option<NamedLink>,
    next: Option<NamedLink>,
    /// The page's one notice about text not (or no longer) translated.
    translation_notice: Vec<Label>,
}

/// A link with a label and, for targets, a name.
#[derive(Serialize)]
struct NamedLink {
    label: Label,
    url: String,
    name: Label,
}

#[derive(Serialize)]
struct ResponsibleView {
    dept: DeptLink,
    role: String,
    /// Where the role is stated: the plan's clause, the table row, or both.
    sources: Vec<SourceLink>,
}

#[derive(Serialize)]
struct SourceLink {
    label: Label,
    url: String,
}

#[derive(Serialize)]
struct MentionView {
    /// The Chinese as published, the figure marked.
    quote: Quote,
    /// On English pages, the English of the same unit when it is
    /// translated and current (an unofficial translation).
    english: Option<Quote>,
    url: String,
    label: Label,
    /// The column of the row's cell stating it (`2022年计划`), as the
    /// table's header names it.
    cell: Option<String>,
}

pub(super) fn pages(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    // A policy's texts are prepared when its first page is built (after
    // an edit most policies' pages are taken from the last build and need
    // none) and dropped after its last: its targets are rendered together,
    // so at 10,000 policies the texts of all are never held at once.
    let targets = &r.portal.targets;
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for t in 0..targets.len() {
        match runs.last_mut() {
            Some(run) if targets[run.start].policy == targets[t].policy => run.end = t + 1,
            _ => runs.push(t..t + 1),
        }
    }
    super::for_each_parallel(r, runs, out, |run, files| {
        let texts = OnceLock::new();
        run.into_iter()
            .try_for_each(|t| page(r, lang, TargetIx(t), &texts, files))
    })
}

/// Text of every paragraph, row and row cell, by ID and cell column
/// ([`crate::model::Mention::cell`]): normalised (the translation's key)
/// and as the seed publishes it (the same number of characters, so
/// mention offsets hold in both).
fn item_texts(p: &Policy) -> Texts<'_> {
    let shown = |text: &str, line| crate::text::published_at(&p.published_lines, text, line);
    let cells = p.rows().iter().flat_map(|x| {
        x.extra
            .iter()
            .map(move |(column, cell)| ((&x.id, Some(column.as_str())), (cell.as_str(), x.line)))
    });
    p.paragraphs()
        .map(|x| ((&x.id, None), (x.text.as_str(), x.line)))
        .chain(
            p.rows()
                .iter()
                .map(|x| ((&x.id, None), (x.content.as_str(), x.line))),
        )
        .chain(cells)
        .map(|(key, (text, line))| (key, (text, shown(text, line))))
        .collect()
}

/// [`item_texts`]: (item, cell column) → (normalised, as published).
type Texts<'a> = HashMap<(&'a ItemId, Option<&'a str>), (&'a str, String)>;

fn page<'a>(
    r: &Renderer<'a>,
    lang: Lang,
    t: TargetIx,
    texts: &OnceLock<Texts<'a>>,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let e = &r.portal.targets[t];
    let entry = &r.portal.policies[e.policy];
    let target = &entry.policy.targets[e.index];
    let translation = &entry.translation;
    let name_text = r.target_name(lang, t).plain();
    let commitment = r.commitment(lang, t);
    // The year alone, for formats that word it (`by 2020`, `到2020年`).
    let year = target.deadline.map(|y| y.to_string()).unwrap_or_default();
    let deadline = match (target.deadline, target.deadline_source) {
        (Some(y), Some(DeadlineSource::PlanEnd)) => r
            .t(lang, "deadline_plan_end")
            .replace("{year}", &y.to_string()),
        (Some(y), _) => y.to_string(),
        (None, _) => String::new(),
    };
    let neighbour = |i: TargetIx| {
        r.portal.targets.get(i.0).map(|n| NamedLink {
            label: Label::text(r.commitment(lang, i)),
            url: urls.target(lang, &n.slug),
            name: r.target_name(lang, i),
        })
    };
    // The neighbours are the one thing the page takes from outside its
    // policy (the first or last target of the next or last policy): keyed
    // by their policy's digest and place, made only if the page is.
    let (before, after) = (t.0.checked_sub(1).map(TargetIx), TargetIx(t.0 + 1));
    let place = |i: TargetIx| {
        let n = r.portal.targets.get(i.0)?;
        let policy = r.units.policies.get(n.policy.0).copied().flatten();
        Some((n.index.0, policy.map(|d| d.hex())))
    };
    let places = (before.and_then(place), place(after));
    let unit = r.unit_key(e.policy, "target.html", lang, &places);
    let embed_unit = r.unit_key(e.policy, "embed.html", lang, &());
    let page_taken = r.reuse_unit(&urls.target(lang, &e.slug), unit);
    let embed_taken = r.reuse_unit(&urls.target_embed(lang, &e.slug), embed_unit);
    if page_taken && embed_taken {
        return Ok(());
    }
    let prev = before.and_then(neighbour);
    let next = neighbour(after);
    let permalink = urls.absolute(&urls.target(lang, &e.slug));
    let policy_title = r.policy_title(lang, e.policy);
    let name = r.block(
        lang,
        e.policy,
        target.id.as_str(),
        (&target.metric, 0),
        None,
    );
    let texts = texts.get_or_init(|| item_texts(&entry.policy));
    let view = TargetView {
        policy_url: r.portal.policy_url(lang, e.policy),
        translation_notice: r.translation_notice(lang, [policy_title.state, name.state]),
        policy_title,
        name,
        value: super::words::amount(lang, target),
        unit: super::words::unit(lang, target, r.portal.target_and_unit_en(t).1),
        kind: r.t(lang, kind_key(target.kind)),
        deadline: deadline.clone(),
        responsible: responsible_views(r, lang, e),
        has_named: e.responsible.iter().any(|x| x.role == Role::Named),
        conflicts: r.conflicts(lang, e.policy, |c| {
            e.rows.contains(&c.row) || e.items.contains(&c.item)
        }),
        mentions: target
            .mentions
            .iter()
            .map(|m| {
                let (zh, shown) = texts
                    .get(&(&m.item, m.cell.as_deref()))
                    .map_or(("", ""), |(zh, shown)| (*zh, shown.as_str()));
                // A row's translation is of its content, not its cells.
                let rendition = match &m.cell {
                    None => translation.render(m.item.as_str(), zh),
                    Some(_) => Rendition::Missing,
                };
                let english = match (lang, rendition) {
                    (Lang::En, Rendition::Translated { text }) => {
                        Some(evidence::english(&text, zh, m, target))
                    }
                    _ => None,
                };
                MentionView {
                    quote: evidence::excerpt(shown, m.start, m.end),
                    english,
                    url: r.portal.item_url(lang, e.policy, &m.item),
                    label: r.place_label(lang, e.policy, &m.item),
                    cell: m.cell.clone(),
                }
            })
            .collect(),
        items: e
            .items
            .iter()
            .chain(&e.rows)
            .map(|i| NamedLink {
                label: r.item_label(lang, e.policy, i.as_str()),
                url: r.portal.item_url(lang, e.policy, i),
                name: Label::default(),
            })
            .collect(),
        organisation: organisation_section(&entry.policy).map(|id| NamedLink {
            label: r.item_label(lang, e.policy, id.as_str()),
            url: r.portal.item_url(lang, e.policy, id),
            name: Label::default(),
        }),
        progress: r.progress(lang, target, &commitment, &e.progress),
        corrections: Note::reasons(entry.corrected.target_notes(&target.id), lang),
        period_status: period_status(r, lang, e.policy),
        embed_url: urls.target_embed(lang, &e.slug),
        // A name not yet translated is left out of the code's English
        // title rather than pasted, unmarked, into someone else's page.
        embed_code: embed_code(
            &urls.absolute(&urls.target_embed(lang, &e.slug)),
            &match r.target_name(lang, t).translated() {
                Some(name) => format!("{name}: {commitment}"),
                None => commitment.clone(),
            },
        ),
        csv_url: urls.target_data(lang, &e.slug, "csv"),
        json_url: urls.target_data(lang, &e.slug, "json"),
        citation: Label::runs(&citation(
            r,
            lang,
            e.policy,
            &name_text,
            &commitment,
            &year,
            &permalink,
        )),
        permalink,
        prev,
        next,
        commitment: commitment.clone(),
    };
    let values = [
        ("name", name_text.as_str()),
        ("commitment", &commitment),
        ("deadline", &year),
    ];
    let description = r.t_with(lang, "target_description", &values);
    let mut chrome = r.chrome(
        lang,
        PageKind::Target,
        |l| urls.target(l, &e.slug),
        Label::join(
            [r.target_name(lang, t), Label::text(commitment.clone())],
            ": ",
        ),
        Some(description.clone()),
    );
    chrome.og_type = "article";
    chrome.withdrawn = r.withdrawn_notice(lang, e.policy, super::withdrawn::Subject::Target);
    chrome.json_ld = Some(super::chrome::json_ld(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": format!("{name_text}: {commitment}"),
        "description": description,
        "url": chrome.canonical,
        "inLanguage": chrome.lang_tag,
        "creator": {"@type": "GovernmentOrganization", "name": r.issuer(lang, e.policy).plain()},
        "isBasedOn": urls.absolute(&view.policy_url),
        "temporalCoverage": view.deadline,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/json",
             "contentUrl": urls.absolute(&view.json_url)},
            {"@type": "DataDownload", "encodingFormat": "text/csv",
             "contentUrl": urls.absolute(&view.csv_url)},
        ],
    })));
    if !page_taken {
        r.unit_page("target.html", &chrome, &view, unit, out)?;
    }
    match embed_taken {
        true => Ok(()),
        false => embed(r, lang, t, &view, embed_unit, out),
    }
}

#[derive(Serialize)]
struct EmbedView<'a> {
    lang_tag: &'static str,
    /// `name: commitment`, for `<title>`.
    title: String,
    name: Label,
    commitment: &'a str,
    deadline: &'a str,
    status_label: &'a str,
    /// Set when the target's policy is no longer in force: the card shows
    /// that instead of its progress.
    withdrawn: Option<super::withdrawn::WithdrawnNotice>,
    url: String,
    assets: String,
}

/// `/{lang}/targets/{slug}/embed/`: the figure, deadline, status and a link
/// back, no site chrome, for a newsroom's iframe.
fn embed(
    r: &Renderer,
    lang: Lang,
    t: TargetIx,
    page: &TargetView,
    unit: Option<crate::incremental::Key>,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let slug = &r.portal.targets[t].slug;
    let url = urls.target_embed(lang, slug);
    let name = r.target_name(lang, t);
    let view = EmbedView {
        lang_tag: lang.tag(),
        title: format!("{}: {}", name.plain(), page.commitment),
        name,
        commitment: &page.commitment,
        deadline: &page.deadline,
        status_label: &page.progress.status_label,
        withdrawn: r.withdrawn_notice(
            lang,
            r.portal.targets[t].policy,
            super::withdrawn::Subject::Target,
        ),
        url: urls.absolute(&urls.target(lang, slug)),
        assets: urls.asset(""),
    };
    let path = crate::link::urls::file_for(&url, urls.base_path());
    let alternates = Lang::ALL.map(|l| (l, urls.target_embed(l, slug)));
    r.render_cached(
        super::Template {
            name: "embed.html",
            path,
            url: &url,
            lang,
            unit,
        },
        &(lang, &view),
        |ctx| ctx.insert("view", &view),
        |html| super::Page::new(PageKind::Embed, lang, &url, alternates, true, html),
        out,
    )
}

/// The embed card's size in the code a newsroom pastes: the card's figure,
/// deadline and status fit in this height at any width.
const EMBED_HEIGHT: u32 = 220;

/// The `<iframe>` of an embed card at `src` (absolute), titled for screen
/// readers with `title`, as text to copy.
fn embed_code(src: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{EMBED_HEIGHT}\" style=\"border:0;max-width:32rem\" loading=\"lazy\"></iframe>",
        super::escape_html(src),
        super::escape_html(title),
    )
}

/// Where policy `pi`'s plan period stands, judged on the policy's last
/// recorded change (else the portal's), a date in `content/changelog.yaml`
/// rather than the clock, so the same content always builds the same page.
/// `None` when the plan states no period or no change is recorded.
fn period_status(r: &Renderer, lang: Lang, pi: PolicyIx) -> Option<String> {
    let period = r.portal.policies[pi].policy.plan.period?;
    let as_of = r
        .portal
        .last_change(Some(pi))
        .or_else(|| r.portal.last_change(None))?;
    let year: u16 = as_of.get(..4)?.parse().ok()?;
    let key = if year > period.end {
        "period_ended"
    } else if year < period.start {
        "period_upcoming"
    } else {
        "period_ongoing"
    };
    let (start, end) = (period.start.to_string(), period.end.to_string());
    let values = [("start", start.as_str()), ("end", &end), ("as_of", as_of)];
    Some(r.t_with(lang, key, &values))
}

/// Each department once per role, leads first, with every source that
/// states the role (a target inside an action or task answers to that
/// clause, and the source says which).
fn responsible_views(
    r: &Renderer,
    lang: Lang,
    e: &crate::link::TargetEntry,
) -> Vec<ResponsibleView> {
    let mut keys: Vec<(Role, DeptIx)> = Vec::new();
    for x in &e.responsible {
        if !keys.contains(&(x.role, x.dept)) {
            keys.push((x.role, x.dept));
        }
    }
    keys.sort_by_key(|&(role, _)| role);
    keys.into_iter()
        .map(|(role, dept)| ResponsibleView {
            dept: r.dept_entry_link(lang, dept),
            role: r.t(lang, super::responsibility::role_key(role)),
            sources: e
                .responsible
                .iter()
                .filter(|x| x.role == role && x.dept == dept)
                .map(|x| SourceLink {
                    label: r.source_label(lang, e.policy, x.via, &x.source),
                    url: r.portal.item_url(lang, e.policy, &x.source),
                })
                .collect(),
        })
        .collect()
}

fn citation(
    r: &Renderer,
    lang: Lang,
    pi: PolicyIx,
    name: &str,
    commitment: &str,
    deadline: &str,
    url: &str,
) -> String {
    let work = r.work_citation(lang, pi);
    let values = [
        ("work", work.as_str()),
        ("name", name),
        ("commitment", commitment),
        ("deadline", deadline),
        ("url", url),
    ];
    r.t_with(lang, "citation_format", &values)
}

impl Renderer<'_> {
    /// Where a paragraph or row sits, for a reader: "Task 12: …",
    /// "Item (5): …", "Row 4", or the chapter's title.
    pub(super) fn place_label(&self, lang: Lang, pi: PolicyIx, item: &ItemId) -> Label {
        let p = &self.portal.policies[pi].policy;
        match self.portal.policies[pi].places.get(item) {
            Some(Place::Plan(at)) => {
                let Some(PlanItems {
                    chapter: c,
                    section: s,
                    task: t,
                    subtask: st,
                }) = at.resolve(&p.plan)
                else {
                    return Label::text(item.as_str());
                };
                // The innermost of subtask, task and section.
                let id = st
                    .map(|st| &st.id)
                    .or(t.map(|t| &t.id))
                    .or(s.map(|s| &s.id));
                match id {
                    Some(id) => self.item_label(lang, pi, id.as_str()),
                    None => self
                        .block(lang, pi, c.id.as_str(), (&c.title, c.line), None)
                        .label(),
                }
            }
            Some(Place::Row(_)) => self.item_label(lang, pi, item.as_str()),
            _ => Label::text(item.as_str()),
        }
    }

    /// The year the policy was issued.
    pub(super) fn policy_year(&self, pi: PolicyIx) -> Option<u16> {
        let date = (self.portal.issued(pi)).or_else(|| self.portal.published(pi));
        date.and_then(|d| d.get(..4)?.parse().ok())
            .or(self.portal.policies[pi].policy.plan.period.map(|x| x.start))
    }
}

/// The interface string naming a kind of quantity.
fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Level => "kind_level",
        Kind::Share => "kind_share",
        Kind::Ratio => "kind_ratio",
        Kind::Added => "kind_added",
        Kind::Cumulative => "kind_cumulative",
        Kind::PerYear => "kind_per_year",
        Kind::AveragePerYear => "kind_average_per_year",
    }
}

/// The plan's organisation section: the first section titled `组织领导`,
/// else the first chapter or section titled `保障措施` (the genre's two
/// names for where overall responsibility is set).
fn organisation_section(p: &Policy) -> Option<&ItemId> {
    let sections = || p.plan.chapters.iter().flat_map(|c| &c.sections);
    sections()
        .find(|s| s.title.contains("组织领导"))
        .map(|s| &s.id)
        .or_else(|| {
            p.plan
                .chapters
                .iter()
                .find(|c| c.title.contains("保障措施"))
                .map(|c| &c.id)
        })
        .or_else(|| {
            sections()
                .find(|s| s.title.contains("保障措施"))
                .map(|s| &s.id)
        })
}
