//! Every integration test, in one binary (one link of the crate, as
//! mdBook's tests/testsuite and ripgrep's tests/tests.rs): one module per
//! area, the shared helpers in `common`.

mod common;

mod check_acknowledged;
mod check_exit_codes;
mod check_messages;
mod check_terms;
mod content_strict;
mod corpus;
mod corrections;
mod data_files;
mod data_sitemap;
mod department_pages;
mod diag_root;
mod error_places;
mod feed_changes;
mod identity;
mod implementing_units;
mod import_formats;
mod import_gbk;
mod incremental_build;
mod indicator_tables;
mod init_build;
mod inspect_snapshots;
mod lock_urls;
mod official_text;
mod page_snapshots;
mod parse_cli;
mod parse_fixtures;
mod parse_robustness;
mod parse_seed;
mod plan_and_kit;
mod publish_templates;
mod render_safety;
mod review;
mod search_index;
mod serve_http;
mod serve_relative_root;
mod serve_safety;
mod site_guarantees;
mod site_metadata;
mod site_pages;
mod site_pagination;
mod site_progress;
mod site_trust;
mod subtask_pages;
mod synth_corpus;
mod table_shapes;
mod table_totals;
mod target_facts;
mod translate_exchange;
mod translation_units;
mod untranslated_marked;
mod write_safety;
mod year_columns;
