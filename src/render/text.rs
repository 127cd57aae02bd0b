//! Text blocks as templates receive them: the Chinese source split into
//! linked spans (department names, target figures), or the English
//! translation with its state (translated, stale, missing) so the template
//! can show the right notice; and names, labels and any text mixing
//! languages as [`Label`]s, the one way Chinese is marked: each Chinese
//! run `lang="zh-Hans"`, and the Chinese shown where English is still
//! missing also as a fallback.

use super::Renderer;
use crate::content::translations::Rendition;
use crate::link::{DeptIx, PolicyIx, SpanKind, TargetIx};
use crate::model::{ItemId, Lang};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// The anchor, for paragraphs and rows.
    pub id: Option<String>,
    /// Old anchors kept on this paragraph or row ([`crate::link::identity`]).
    pub aliases: Vec<String>,
    /// `source` (Chinese page), `translated`, `stale` or `missing` (the
    /// last two show the Chinese, marked; [`Renderer::translation_notice`]
    /// counts them for the page).
    pub state: &'static str,
    pub spans: Vec<SpanView>,
    /// The outdated English of a stale unit.
    pub previous: Option<String>,
    /// Links to the targets a translated paragraph states; in Chinese the
    /// figures themselves are links.
    pub chips: Vec<Link>,
}

impl Block {
    /// The text without links, for titles, metadata and labels.
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// The text without links as a [`Label`]: a fallback when the block
    /// shows Chinese in place of missing or stale English.
    pub fn label(&self) -> Label {
        let text = self.plain_text();
        match self.state {
            "missing" | "stale" => Label::fallback(text),
            _ => Label::text(text),
        }
    }
}

/// A name, label or text in the page's language (a target's name, "Task
/// 3: …", a department, a citation, a breadcrumb) made of [`Part`]s, some
/// of which may be Chinese: quoted (an English page naming a Chinese
/// title or term) or shown because the translation lacks the English. The
/// `label` macro marks every Chinese part `lang="zh-Hans"`, a fallback
/// also with the class `zh-fallback` (the reader's sign that the text is
/// untranslated); [`Label::plain`] is the text for `<title>`, metadata and
/// attributes, which cannot hold markup.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Label(pub Vec<Part>);

/// A run of a [`Label`]; `zh` when it is Chinese, `fallback` when it is
/// Chinese standing in for English not yet translated.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    pub zh: bool,
    pub fallback: bool,
}

impl Label {
    /// Text in the page's language.
    pub fn text(text: impl Into<String>) -> Label {
        Label(vec![Part {
            text: text.into(),
            zh: false,
            fallback: false,
        }])
    }

    /// Chinese shown where the English is missing.
    pub fn fallback(text: impl Into<String>) -> Label {
        Label(vec![Part {
            text: text.into(),
            zh: true,
            fallback: true,
        }])
    }

    /// Chinese quoted as it is (a title, a value from the official text).
    pub fn zh(text: impl Into<String>) -> Label {
        Label(vec![Part {
            text: text.into(),
            zh: true,
            fallback: false,
        }])
    }

    /// Text that may mix languages, its Chinese runs marked
    /// ([`crate::text::han_runs`]).
    pub fn runs(text: &str) -> Label {
        Label(
            crate::text::han_runs(text)
                .into_iter()
                .map(|(zh, t)| Part {
                    text: t.to_owned(),
                    zh,
                    fallback: false,
                })
                .collect(),
        )
    }

    /// On an English page, the label with the Chinese runs of its text in
    /// the page's language marked too (its fallbacks kept); on a Chinese
    /// page, as it is.
    pub fn marked(self, lang: Lang) -> Label {
        if lang == Lang::Zh {
            return self;
        }
        Label(
            self.0
                .into_iter()
                .flat_map(|p| match p.zh {
                    true => vec![p],
                    false => Label::runs(&p.text).0,
                })
                .collect(),
        )
    }

    /// Chinese `text` on a page in `lang`: a fallback on an English page.
    pub fn chinese(lang: Lang, text: impl Into<String>) -> Label {
        match lang {
            Lang::Zh => Label::text(text),
            Lang::En => Label::fallback(text),
        }
    }

    /// The text, unmarked.
    pub fn plain(&self) -> String {
        self.0.iter().map(|p| p.text.as_str()).collect()
    }

    /// Some of the text stands in for a missing translation.
    pub fn has_fallback(&self) -> bool {
        self.0.iter().any(|p| p.fallback)
    }

    /// The plain text when none of it is a fallback: for a `title`
    /// attribute, which cannot mark a language of its own.
    pub fn translated(&self) -> Option<String> {
        (!self.has_fallback()).then(|| self.plain())
    }

    /// An interface string with `{name}` placeholders replaced by labels.
    pub fn fill(template: &str, values: &[(&str, Label)]) -> Label {
        let values: Vec<(&str, Vec<Part>)> =
            values.iter().map(|(k, l)| (*k, l.0.clone())).collect();
        Label(super::responsibility::fill(template, &values, |s| Part {
            text: s.to_owned(),
            zh: false,
            fallback: false,
        }))
    }

    /// Appends text in the page's language.
    pub fn push(&mut self, text: impl Into<String>) {
        self.0.push(Part {
            text: text.into(),
            zh: false,
            fallback: false,
        });
    }

    /// `labels` with `sep` between them.
    pub fn join(labels: impl IntoIterator<Item = Label>, sep: &str) -> Label {
        let mut out = Label::default();
        for l in labels {
            if !out.0.is_empty() {
                out.push(sep);
            }
            out.0.extend(l.0);
        }
        out
    }
}

impl From<String> for Label {
    fn from(text: String) -> Label {
        Label::text(text)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SpanView {
    pub text: String,
    /// `text`, `dept` or `target` (also the CSS class).
    pub kind: &'static str,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Set for a link whose text is a [`Label`] (a department or place in
    /// a sentence the site writes): the template shows it instead of
    /// `text`, marking its untranslated parts.
    pub label: Option<Label>,
}

/// A labelled link.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// A department link in a clause or a table cell.
#[derive(Debug, Clone, Serialize)]
pub struct DeptLink {
    pub name: Label,
    pub url: String,
}

impl Renderer<'_> {
    /// A unit of policy `pi` in `lang`. `item` is the paragraph or row whose
    /// target mentions the text carries; titles pass `None`. `zh` is the
    /// normalised text (matched on, and the translation's key); `line` its
    /// line in the seed (0: none), from which the Chinese is shown as
    /// published.
    pub(super) fn block(
        &self,
        lang: Lang,
        pi: PolicyIx,
        key: &str,
        (zh, line): (&str, usize),
        item: Option<&ItemId>,
    ) -> Block {
        let shown = self.published(pi, zh, line);
        let source = || match item {
            Some(id) => respell(self.linked_spans(lang, pi, id, zh), &shown),
            None => vec![plain(&shown)],
        };
        let anchors = &self.portal.policies[pi].anchors;
        let id = item.map(|i| anchors.id_of(i).to_owned());
        let aliases = item
            .map(|i| anchors.aliases_of(i).to_vec())
            .unwrap_or_default();
        let (state, spans, previous) = match lang {
            Lang::Zh => ("source", source(), None),
            Lang::En => match self.portal.policies[pi].translation.render(key, zh) {
                Rendition::Translated { text } => {
                    let spans = match item {
                        Some(id) => self.link_spans(lang, self.portal.english_spans(pi, id, &text)),
                        None => vec![plain(&text)],
                    };
                    ("translated", spans, None)
                }
                Rendition::Stale { previous } => ("stale", source(), Some(previous)),
                Rendition::Missing => ("missing", source(), None),
            },
        };
        let chips = if state == "translated" {
            item.map(|i| self.chips(lang, pi, i)).unwrap_or_default()
        } else {
            Vec::new()
        };
        Block {
            id,
            aliases,
            state,
            spans,
            previous,
            chips,
        }
    }

    /// What a page says once about its units with no current English
    /// (each is shown in Chinese and marked in place): a line for the
    /// missing ones and a line for the stale ones, out of the translation
    /// `states` of all the page's blocks ([`Block::state`]); nothing when
    /// every one is translated.
    pub(super) fn translation_notice(
        &self,
        lang: Lang,
        states: impl IntoIterator<Item = &'static str>,
    ) -> Vec<Label> {
        let (mut total, mut missing, mut stale) = (0usize, 0usize, 0usize);
        for state in states {
            total += 1;
            missing += usize::from(state == "missing");
            stale += usize::from(state == "stale");
        }
        let total = total.to_string();
        [
            ("untranslated_page", "missing", missing),
            ("stale_page", "stale", stale),
        ]
        .into_iter()
        .filter(|(_, _, n)| *n > 0)
        .map(|(key, name, n)| {
            let n = n.to_string();
            Label::runs(&self.t_with(lang, key, &[(name, &n), ("total", &total)]))
        })
        .collect()
    }

    /// `zh`, normalised text of line `line` of policy `pi`, with the
    /// characters the seed file has there (full-width stays full-width).
    pub(super) fn published(&self, pi: PolicyIx, zh: &str, line: usize) -> String {
        crate::text::published_at(&self.portal.policies[pi].policy.published_lines, zh, line)
    }

    fn linked_spans(&self, lang: Lang, pi: PolicyIx, item: &ItemId, zh: &str) -> Vec<SpanView> {
        self.link_spans(lang, self.portal.spans(pi, item, zh))
    }

    fn link_spans(&self, lang: Lang, spans: Vec<crate::link::Span>) -> Vec<SpanView> {
        let urls = &self.portal.urls;
        spans
            .into_iter()
            .map(|s| match s.kind {
                SpanKind::Text => plain(&s.text),
                SpanKind::Dept(d) => {
                    let dept = &self.portal.departments[d];
                    SpanView {
                        kind: "dept",
                        url: Some(urls.department(lang, &dept.slug)),
                        title: self.dept_name(lang, d).translated(),
                        text: s.text,
                        label: None,
                    }
                }
                SpanKind::Term(g) => {
                    let entry = &self.portal.glossary[g];
                    SpanView {
                        kind: "term",
                        url: Some(urls.glossary_term(lang, g)),
                        // The English page names the term in English
                        // already: its tooltip is what it means (the
                        // Chinese is one click away, on the glossary).
                        title: match lang {
                            Lang::Zh => Some(entry.en.clone()),
                            Lang::En => entry
                                .definition_en
                                .clone()
                                .filter(|d| !d.chars().any(crate::text::is_han)),
                        },
                        text: s.text,
                        label: None,
                    }
                }
                SpanKind::Target(t) => SpanView {
                    kind: "target",
                    url: Some(urls.target(lang, &self.portal.targets[t].slug)),
                    title: self.target_name(lang, t).translated(),
                    text: s.text,
                    label: None,
                },
            })
            .collect()
    }

    fn chips(&self, lang: Lang, pi: PolicyIx, item: &ItemId) -> Vec<Link> {
        let Some(mentions) = self.portal.policies[pi].mentions.get(item) else {
            return Vec::new();
        };
        let mut chips: Vec<Link> = mentions
            .iter()
            .map(|m| Link {
                text: self.commitment(lang, m.target),
                url: self
                    .portal
                    .urls
                    .target(lang, &self.portal.targets[m.target].slug),
            })
            .collect();
        chips.dedup();
        chips
    }

    /// A department's name in `lang`: the registry's full English name,
    /// else its short one, else the Chinese (a fallback).
    pub(super) fn dept_name(&self, lang: Lang, d: DeptIx) -> Label {
        let dept = &self.portal.departments[d];
        match (lang, dept.name_en.clone().or_else(|| dept.short_en.clone())) {
            (Lang::En, Some(en)) => Label::text(en),
            _ => Label::chinese(lang, dept.name_zh.clone()),
        }
    }

    /// A department's short name in `lang`, for tables: the registry's
    /// `short_en` in English, else the full name.
    pub(super) fn dept_short_name(&self, lang: Lang, d: DeptIx) -> Label {
        match (lang, &self.portal.departments[d].short_en) {
            (Lang::En, Some(short)) => Label::text(short.clone()),
            _ => self.dept_name(lang, d),
        }
    }

    /// A link to department `d`'s page under its short name, for tables.
    pub(super) fn dept_short_link(&self, lang: Lang, d: DeptIx) -> DeptLink {
        DeptLink {
            name: self.dept_short_name(lang, d),
            ..self.dept_entry_link(lang, d)
        }
    }

    /// Short-name links for the units of a table cell.
    pub(super) fn dept_short_links(
        &self,
        lang: Lang,
        names: &[crate::model::DeptName],
    ) -> Vec<DeptLink> {
        names
            .iter()
            .filter_map(|n| Some(self.dept_short_link(lang, self.portal.dept(n.as_str())?)))
            .collect()
    }

    /// A link to department `d`'s page, named in `lang`.
    pub(super) fn dept_entry_link(&self, lang: Lang, d: DeptIx) -> DeptLink {
        DeptLink {
            name: self.dept_name(lang, d),
            url: self
                .portal
                .urls
                .department(lang, &self.portal.departments[d].slug),
        }
    }

    pub(super) fn dept_link(&self, lang: Lang, name: &str) -> Option<DeptLink> {
        Some(self.dept_entry_link(lang, self.portal.dept(name)?))
    }

    pub(super) fn dept_links(&self, lang: Lang, names: &[crate::model::DeptName]) -> Vec<DeptLink> {
        names
            .iter()
            .filter_map(|n| self.dept_link(lang, n.as_str()))
            .collect()
    }

    /// A target's name in `lang`: the translation of its target-ID unit,
    /// else the Chinese (on an English page, a fallback).
    pub(super) fn target_name(&self, lang: Lang, t: TargetIx) -> Label {
        let entry = &self.portal.targets[t];
        let p = &self.portal.policies[entry.policy];
        let id = &p.policy.targets[entry.index].id;
        match (
            lang,
            p.translation
                .render(id.as_str(), &p.policy.targets[entry.index].metric),
        ) {
            (Lang::En, Rendition::Translated { text }) => Label::text(text),
            _ => Label::chinese(lang, entry.name_zh.clone()),
        }
    }

    /// "at least 2.8%" / "不低于2.8%".
    pub(super) fn commitment(&self, lang: Lang, t: TargetIx) -> String {
        let (target, unit_en) = self.portal.target_and_unit_en(t);
        super::words::commitment(lang, target, unit_en)
    }
}

pub fn plain(text: &str) -> SpanView {
    SpanView {
        text: text.to_owned(),
        kind: "text",
        url: None,
        title: None,
        label: None,
    }
}

/// Spans found on normalised text, their text taken from `shown`, the same
/// text as published: as many characters, so each span keeps its length.
fn respell(spans: Vec<SpanView>, shown: &str) -> Vec<SpanView> {
    let mut rest = shown.chars();
    spans
        .into_iter()
        .map(|s| SpanView {
            text: rest.by_ref().take(s.text.chars().count()).collect(),
            ..s
        })
        .collect()
}
