//! Consistency warnings.
use crate::model::{ParseWarning, Policy};

pub fn check(_policy: &Policy, _known: &[String]) -> Vec<ParseWarning> {
    Vec::new()
}
