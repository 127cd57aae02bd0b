//! The banner a withdrawn policy's pages carry (its own pages and its
//! targets', whose embeddable cards show the status in short): status, date, the policy that replaces it and the reason, in
//! the page's language, from the theme's `withdrawn_*` strings. Whether a
//! policy is withdrawn is the link stage's ([`crate::link::Portal::withdrawal`]).

use super::Renderer;
use crate::content::policies::WithdrawalStatus;
use crate::link::PolicyIx;
use crate::model::Lang;
use serde::Serialize;

/// What the banner says; `page.withdrawn` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct WithdrawnNotice {
    /// `repealed`, `expired`, `replaced`: the banner's class.
    pub status: &'static str,
    /// 废止 / Repealed.
    pub label: String,
    /// The day it stopped being in force, `YYYY-MM-DD`.
    pub date: String,
    /// The sentence: whose status, since when.
    pub text: String,
    /// The policy that replaces it.
    pub by: Option<PolicyLink>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PolicyLink {
    pub title: super::text::Label,
    pub url: String,
}

/// Whose status the banner states.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    /// The policy's own pages.
    Policy,
    /// A page of one of its targets.
    Target,
}

impl Renderer<'_> {
    /// The banner of policy `pi`'s pages (and its targets'), if it is
    /// withdrawn.
    pub(super) fn withdrawn_notice(
        &self,
        lang: Lang,
        pi: PolicyIx,
        subject: Subject,
    ) -> Option<WithdrawnNotice> {
        let w = self.portal.withdrawal(pi)?;
        let status = w.status.as_str();
        let subject = self.t(
            lang,
            match subject {
                Subject::Policy => "withdrawn_this_policy",
                Subject::Target => "withdrawn_target_policy",
            },
        );
        let by =
            w.by.as_deref()
                .and_then(|id| self.portal.policy_index(id))
                .map(|b| PolicyLink {
                    title: self.policy_title(lang, b).label(),
                    url: self.portal.urls.policy(lang, &self.portal.policies[b].slug),
                });
        let sentence = match (w.status, &by) {
            (WithdrawalStatus::Replaced, Some(_)) => "withdrawn_replaced_by".to_owned(),
            _ => format!("withdrawn_{status}"),
        };
        Some(WithdrawnNotice {
            status,
            label: self.t(lang, &format!("withdrawn_label_{status}")),
            date: w.date.as_str().to_owned(),
            text: self.t_with(
                lang,
                &sentence,
                &[("subject", &subject), ("date", w.date.as_str())],
            ),
            by,
            reason: w.reason.clone(),
        })
    }
}
