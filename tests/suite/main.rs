//! tanni's integration tests, one module a subject, compiled into one test
//! binary: each binary links the whole site generator with the dictionary
//! of the readings (some 140 MB a binary in a debug build), so one binary
//! for all keeps a checkout's `target/` a few GB smaller and links once.
//!
//! Run one subject by its module's name, e.g.
//! `cargo test --test suite search_quality::`.

mod common;

mod browser_calculator;
mod browser_calculator_counting;
mod browser_calculator_figures;
mod browser_language_switch;
mod browser_meeting_page;
mod browser_meetings;
mod browser_offline;
mod browser_scale;
mod browser_search;
mod browser_serve;
mod catalog_source;
mod check_fixtures;
mod cli;
mod contracts;
mod fuzz_inputs;
mod hostile_inputs;
mod hostile_site;
mod new_meeting;
mod output_folder;
mod search_quality;
mod serve_live;
mod site_build;
mod sub_path;
mod validity;
