//! The policy page's metadata block, after the gov.cn policy library's
//! header: issuing office (发文机关), document number (发文字号), date
//! issued (成文日期), date published (发布日期), period of validity
//! (有效期), plan period, official source (来源) and the date this site
//! last changed the policy (from `content/changelog.yaml`).
//!
//! Each value comes from `content/policies.yaml` when a person supplies
//! it there, else from the notice as the parser read it; a value found in
//! neither is shown as "not stated", never guessed. On the English page a
//! value with no English (a Chinese document number, an issuer the
//! registry does not translate) keeps its Chinese, marked `lang`.

use super::text::Label;
use super::Renderer;
use crate::link::PolicyIx;
use crate::model::Lang;
use serde::Serialize;

/// `view.meta` on the policy page.
#[derive(Debug, Serialize)]
pub(super) struct DocMeta {
    pub rows: Vec<MetaRow>,
    /// The values the rows show, for the page's JSON-LD, so it states
    /// what the page states.
    #[serde(skip)]
    pub facts: MetaFacts,
}

/// The resolved values of [`DocMeta`]: policies.yaml's, else the notice's.
#[derive(Debug, Default)]
pub(super) struct MetaFacts {
    pub number: Option<String>,
    pub issued: Option<String>,
    pub published: Option<String>,
    pub valid_until: Option<String>,
    pub source_url: Option<String>,
}

/// One field: its label and its value, or "not stated".
#[derive(Debug, Serialize)]
pub(super) struct MetaRow {
    /// `issuer`, `number`, `issued`, `published`, `validity`, `period`,
    /// `source`, `updated`: the row's class, for styles and tests.
    pub key: &'static str,
    pub label: String,
    /// The value as shown; "not stated" when `stated` is false.
    pub value: Label,
    pub stated: bool,
    /// `YYYY-MM-DD` for a date (the `<time datetime>`).
    pub datetime: Option<String>,
    /// The official source's address.
    pub url: Option<String>,
}

impl Renderer<'_> {
    /// The metadata block of policy `pi` for a reader of `lang`.
    pub(super) fn doc_meta(&self, lang: Lang, pi: PolicyIx) -> DocMeta {
        let entry = &self.portal.policies[pi];
        let meta = &entry.meta;
        let notice = entry.policy.notice.as_ref();
        let number = meta.document_number.clone().or_else(|| {
            notice
                .and_then(|n| n.number.as_ref())
                .map(|n| self.published(pi, &n.text, n.line))
        });
        let issued = self.portal.issued(pi).map(str::to_owned);
        let published = self.portal.published(pi).map(str::to_owned);
        let updated = self.portal.last_change(Some(pi)).map(str::to_owned);
        let issuer = Some(self.issuer(lang, pi).plain()).filter(|s| !s.is_empty());
        let validity = meta
            .valid_until
            .as_ref()
            .map(|d| self.t_with(lang, "meta_valid_until", &[("date", d.as_str())]));
        let facts = MetaFacts {
            number: number.clone(),
            issued: issued.clone(),
            published: published.clone(),
            valid_until: meta.valid_until.as_ref().map(|d| d.as_str().to_owned()),
            source_url: meta.source_url.as_ref().map(|u| u.as_str().to_owned()),
        };
        let rows = vec![
            self.meta_text(lang, "issuer", issuer),
            self.meta_number(lang, number),
            self.meta_date(lang, "issued", issued),
            self.meta_date(lang, "published", published),
            MetaRow {
                datetime: facts.valid_until.clone(),
                ..self.meta_text(lang, "validity", validity)
            },
            self.meta_text(lang, "period", self.period(pi)),
            match &meta.source_url {
                Some(url) => MetaRow {
                    url: Some(url.as_str().to_owned()),
                    ..self.meta_text(lang, "source", Some(host(url.as_str()).to_owned()))
                },
                None => self.meta_text(lang, "source", None),
            },
            self.meta_date(lang, "updated", updated),
        ];
        DocMeta { rows, facts }
    }

    /// A row holding `value` as text, or "not stated".
    fn meta_text(&self, lang: Lang, key: &'static str, value: Option<String>) -> MetaRow {
        let label = self.t(lang, &format!("meta_{key}"));
        let stated = value.is_some();
        let text = value.unwrap_or_else(|| self.t(lang, "not_stated"));
        // Chinese inside an English value is marked; a Chinese page is
        // Chinese throughout.
        let value = Label::text(text).marked(lang);
        MetaRow {
            key,
            label,
            value,
            stated,
            datetime: None,
            url: None,
        }
    }

    /// The document number: one token, so on the English page a number
    /// with any Chinese in it (`通办发〔2017〕107号`) is marked Chinese
    /// whole, its digits included.
    fn meta_number(&self, lang: Lang, number: Option<String>) -> MetaRow {
        let chinese = number
            .as_deref()
            .is_some_and(|n| n.chars().any(crate::text::is_han));
        let mut row = self.meta_text(lang, "number", number);
        if lang == Lang::En && chinese {
            let text = row.value.plain();
            row.value = Label::zh(text);
        }
        row
    }

    /// A row holding an ISO date, or "not stated".
    fn meta_date(&self, lang: Lang, key: &'static str, date: Option<String>) -> MetaRow {
        MetaRow {
            datetime: date.clone(),
            ..self.meta_text(lang, key, date)
        }
    }
}

/// `zt.nantong.gov.cn` of `https://zt.nantong.gov.cn/zt2018/…`: the link
/// text of the official source, short enough for a phone.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}
