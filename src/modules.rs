//! The WebAssembly modules build.rs compiles from `core/` and embeds, and
//! the name of the engine they are: what a built search records, so that
//! `tanni search` reads only a search this very engine wrote.

/// The whole core: the browser's search and calculator engine, for the
/// calculator's page.
pub const WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tanni.wasm"));

/// The search alone: what every other page loads.
pub const WASM_SEARCH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tanni-search.wasm"));

/// This tanni's version and a hash (FNV-1a) of its search module: a built
/// search with another engine's name was cut or ranked another way.
pub fn engine() -> String {
    let hash = tanni_core::search::shards::fnv1a(WASM_SEARCH);
    format!("tanni {} {hash:016x}", env!("CARGO_PKG_VERSION"))
}
