//! A policy's life: when it was issued and published, and whether it is
//! still in force. Takes the dates and withdrawals
//! curated in `content/policies.yaml` ([`crate::content::policies::Withdrawal`])
//! and checks them against the portal (the replacing policy is a seed, not
//! the policy itself; a replaced policy says by which). Pages, lists and
//! feeds ask [`Portal::withdrawal`] and [`Portal::in_force`]; the dates are
//! `content/policies.yaml`'s where it gives them, else the notice's.

use super::{PolicyIx, Portal};
use crate::content::policies::{Withdrawal, WithdrawalStatus};
use crate::diag::Diagnostic;

const POLICIES_FILE: &str = "content/policies.yaml";

impl Portal {
    /// Policy `pi`'s withdrawal, when it is no longer in force.
    pub fn withdrawal(&self, pi: PolicyIx) -> Option<&Withdrawal> {
        self.policies[pi].meta.withdrawn.as_ref()
    }

    /// Whether policy `pi` is still in force: current lists and feeds hold
    /// only these.
    pub fn in_force(&self, pi: PolicyIx) -> bool {
        self.withdrawal(pi).is_none()
    }

    /// The date (`YYYY-MM-DD`) policy `pi` was signed (成文日期): curated in
    /// `content/policies.yaml`, else the notice's.
    pub fn issued(&self, pi: PolicyIx) -> Option<&str> {
        let entry = &self.policies[pi];
        let notice = entry.policy.notice.as_ref();
        (entry.meta.issued.as_ref().map(|d| d.as_str()))
            .or_else(|| notice.and_then(|n| n.signed.as_deref()))
    }

    /// The date (`YYYY-MM-DD`) policy `pi` was published (发布日期):
    /// curated, else the notice's.
    pub fn published(&self, pi: PolicyIx) -> Option<&str> {
        let entry = &self.policies[pi];
        let notice = entry.policy.notice.as_ref();
        (entry.meta.published.as_ref().map(|d| d.as_str()))
            .or_else(|| notice.and_then(|n| n.published.as_deref()))
    }

    /// The policies in force, newest first, as a policy library lists
    /// them: by the date published, else signed; those with neither date
    /// last; the portal's order among equals.
    pub fn in_force_newest_first(&self) -> Vec<PolicyIx> {
        let mut listed: Vec<PolicyIx> = (0..self.policies.len())
            .map(PolicyIx)
            .filter(|&pi| self.in_force(pi))
            .collect();
        let date = |pi: PolicyIx| self.published(pi).or_else(|| self.issued(pi));
        // Stable: equal dates keep the portal's order; `None` sorts last.
        listed.sort_by(|&a, &b| date(b).cmp(&date(a)));
        listed
    }

    /// The index of the policy with seed name `id`.
    pub fn policy_index(&self, id: &str) -> Option<PolicyIx> {
        self.policies
            .iter()
            .position(|p| p.policy.id.as_str() == id)
            .map(PolicyIx)
    }

    /// What to say when no policy is called `name`: the policies there are.
    pub fn no_policy_named(&self, name: &str) -> String {
        let ids: Vec<&str> = self.policies.iter().map(|p| p.policy.id.as_str()).collect();
        format!(
            "no policy `{name}` in seeds/; the policies are: {}",
            ids.join(", ")
        )
    }
}

/// Errors for withdrawals that name no policy, or the policy itself, as the
/// one replacing it, and for a replaced policy that does not say by which.
pub(super) fn check(portal: &mut Portal) {
    let mut found = Vec::new();
    for (pi, entry) in PolicyIx::enumerate(&portal.policies) {
        let Some(w) = portal.withdrawal(pi) else {
            continue;
        };
        let id = entry.policy.id.as_str();
        let problem = match &w.by {
            Some(by) if by == id => Some(format!("`{id}` is withdrawn as replaced by itself")),
            Some(by) if portal.policy_index(by).is_none() => Some(format!(
                "`{id}` is withdrawn as replaced by `{by}`, which is not a policy in seeds/"
            )),
            None if w.status == WithdrawalStatus::Replaced => Some(format!(
                "`{id}` is withdrawn as replaced but does not say by which policy"
            )),
            _ => None,
        };
        if let Some(message) = problem {
            let ids: Vec<&str> = portal
                .policies
                .iter()
                .map(|p| p.policy.id.as_str())
                .filter(|p| *p != id)
                .collect();
            found.push(
                Diagnostic::error("withdrawal", POLICIES_FILE, w.line)
                    .message(message)
                    .help(format!(
                        "set `withdrawn.by` to the ID of the policy that replaces it (one of: {})",
                        ids.join(", ")
                    )),
            );
        }
    }
    portal.diagnostics.extend(found);
}
