//! The pure core of tanni, with no I/O: the renewal rules and the engine that
//! applies them to a member's record, and the search tokenizer and scorer.
//! The same code runs natively (the `tanni` CLI, the indexer, the tests) and
//! in the browser as WebAssembly.

pub mod calculator;
pub mod case;
pub mod catalog;
pub mod counting;
pub mod date;
pub mod display;
pub mod engine;
pub mod events;
pub mod item;
pub mod normalize;
pub mod plan;
pub mod record;
pub mod rules;
pub mod search;
pub mod sort;
pub mod strict_json;
pub mod text;
pub mod tokenizer;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
