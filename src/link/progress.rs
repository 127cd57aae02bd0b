//! Progress towards each target, from `content/data/observations.csv`.
//!
//! The status follows Open SDG and Statistics Canada: compare the observed
//! compound annual growth rate (baseline → latest) with the rate needed to
//! reach the target by its deadline. At least 95% of the needed rate is on
//! track, 60–95% needs acceleration, 0–60% limited progress, below 0
//! deteriorating; a target already met is achieved. A manual status in the
//! CSV wins. Every status says how it was decided.

use crate::content::observations::Observation;
use crate::model::{Comparator, Target};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Achieved,
    OnTrack,
    NeedsAcceleration,
    LimitedProgress,
    Deteriorating,
    NoData,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NeedsAcceleration,
        Status::LimitedProgress,
        Status::Deteriorating,
        Status::NoData,
    ];

    /// The snake_case name, used in URLs, data and string keys.
    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::NeedsAcceleration => "needs_acceleration",
            Status::LimitedProgress => "limited_progress",
            Status::Deteriorating => "deteriorating",
            Status::NoData => "no_data",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// How a status was decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    /// No observations, or too few to see a trend.
    None,
    Manual,
    /// The latest observation meets the target.
    Met,
    /// Observed against required compound annual growth rate.
    Growth {
        observed: f64,
        required: f64,
        ratio: f64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub observations: Vec<Observation>,
    pub status: Status,
    pub method: Method,
    /// Year of the latest observation.
    pub as_of: Option<u16>,
}

/// Progress of `target` from its observations (any order).
pub fn assess(target: &Target, mut observations: Vec<Observation>) -> Progress {
    observations.sort_by_key(|o| o.year);
    let as_of = observations.last().map(|o| o.year);
    let manual = observations
        .iter()
        .rev()
        .find_map(|o| Status::from_key(o.status.trim()));
    let (status, method) = match (manual, observations.first(), observations.last()) {
        (Some(s), _, _) => (s, Method::Manual),
        (None, Some(first), Some(last)) => computed(target, first, last),
        _ => (Status::NoData, Method::None),
    };
    Progress {
        observations,
        status,
        method,
        as_of,
    }
}

fn computed(target: &Target, first: &Observation, last: &Observation) -> (Status, Method) {
    let goal = target.value.max.unwrap_or(target.value.value);
    let met = match target.comparator {
        Comparator::MoreThan => last.value > goal,
        _ => last.value >= goal,
    };
    if met {
        return (Status::Achieved, Method::Met);
    }
    let deadline = target.deadline.unwrap_or(last.year);
    let span_seen = f64::from(last.year.saturating_sub(first.year));
    let span_needed = f64::from(deadline.saturating_sub(first.year));
    if span_seen == 0.0 || span_needed == 0.0 || first.value <= 0.0 || last.value <= 0.0 {
        return (Status::NoData, Method::None);
    }
    let observed = (last.value / first.value).powf(1.0 / span_seen) - 1.0;
    let required = (goal / first.value).powf(1.0 / span_needed) - 1.0;
    let ratio = if required > 0.0 {
        observed / required
    } else {
        1.0
    };
    let status = match ratio {
        r if r >= 0.95 => Status::OnTrack,
        r if r >= 0.60 => Status::NeedsAcceleration,
        r if r >= 0.0 => Status::LimitedProgress,
        _ => Status::Deteriorating,
    };
    (
        status,
        Method::Growth {
            observed,
            required,
            ratio,
        },
    )
}

#[cfg(test)]
mod tests;
