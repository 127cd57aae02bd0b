//! Seed text → [`crate::model::Policy`].
