//! tanni (単位, "credit") turns a medical society's renewal regulation and its
//! catalog of credit-bearing meetings into a searchable, bilingual static site.
//!
//! The data flows one way: [`load`] reads and checks the inputs into the
//! immutable [`model::Site`], [`render`] turns the model into pages,
//! [`output`] writes them. [`build`] runs the three in order.

pub mod catalog;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod export;
pub mod i18n;
pub mod kana;
pub mod limits;
pub mod load;
pub mod model;
pub mod modules;
pub mod offline;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod slug;
pub mod theme;
mod toml_input;
pub mod view;
