//! The WebAssembly interface of the core, for the browser: plain exported
//! functions over linear memory, with no generated glue. Strings go in as
//! (pointer, length) of UTF-8 the page wrote into memory it got from
//! `alloc`; results come back in an output buffer that the page reads
//! through `output_ptr` and `output_len`. A function returns 1 with its
//! result as the output, or 0 with the reason.
//!
//! The page loads its UI strings (`ui_load`) when it instantiates the
//! module, then the search's manifest (`search_load`) and, on the calculator,
//! the rules and the catalog (`calc_load`: only in the whole module, with
//! the `calculator` feature; the search's own module leaves it out); `search_ask` and `calc_ask`
//! answer its requests in words (see `display` and `calculator`). A search
//! that lacks a shard or a record answers 2 with the paths to fetch: the
//! page gives each (`search_add`) and asks again.

use std::cell::RefCell;

use crate::display::suggest::Index;
#[cfg(feature = "calculator")]
use crate::display::Context;
use crate::display::Ui;

thread_local! {
    static UI: RefCell<Option<Ui>> = const { RefCell::new(None) };
    static INDEX: RefCell<Option<Index>> = const { RefCell::new(None) };
    #[cfg(feature = "calculator")]
    static CALCULATOR: RefCell<Option<Context>> = const { RefCell::new(None) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Memory for the page to write an input into.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len.max(1));
    let pointer = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    pointer
}

/// Gives back memory from `alloc`.
///
/// # Safety
/// `pointer` and `len` must come from one call of `alloc`.
#[no_mangle]
pub unsafe extern "C" fn dealloc(pointer: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(pointer, 0, len.max(1)));
}

#[no_mangle]
pub extern "C" fn output_ptr() -> *const u8 {
    OUTPUT.with(|output| output.borrow().as_ptr())
}

#[no_mangle]
pub extern "C" fn output_len() -> usize {
    OUTPUT.with(|output| output.borrow().len())
}

/// Sets the output: 1 with a result, 0 with the reason there is none.
fn answer(result: Result<String, String>) -> u32 {
    let ok = result.is_ok();
    let text = result.unwrap_or_else(|reason| reason);
    OUTPUT.with(|output| *output.borrow_mut() = text.into_bytes());
    u32::from(ok)
}

/// # Safety
/// The range must be initialised memory the page wrote (from `alloc`).
unsafe fn input(pointer: *const u8, len: usize) -> String {
    String::from_utf8_lossy(std::slice::from_raw_parts(pointer, len)).into_owned()
}

/// Loads the page's UI strings (its `#ui-strings` block).
///
/// # Safety
/// The range must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn ui_load(strings: *const u8, strings_len: usize) -> u32 {
    answer(Ui::from_json(&input(strings, strings_len)).map(|ui| {
        UI.with(|slot| *slot.borrow_mut() = Some(ui));
        String::new()
    }))
}

/// Loads the search's manifest (`/<lang>/search/manifest.json`): the
/// shards and records it lists are given later, as queries ask for them.
///
/// # Safety
/// The range must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn search_load(manifest: *const u8, manifest_len: usize) -> u32 {
    answer(match Index::from_manifest(&input(manifest, manifest_len)) {
        Ok(index) => {
            INDEX.with(|slot| *slot.borrow_mut() = Some(index));
            Ok(String::new())
        }
        Err(error) => Err(error.to_string()),
    })
}

/// Gives the search a file it asked for: its path under `/<lang>/` and its
/// text.
///
/// # Safety
/// Both ranges must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn search_add(
    path: *const u8,
    path_len: usize,
    text: *const u8,
    text_len: usize,
) -> u32 {
    let path = input(path, path_len);
    let text = input(text, text_len);
    INDEX.with(|slot| {
        answer(match slot.borrow_mut().as_mut() {
            Some(index) => index
                .searcher
                .add(&path, &text)
                .map(|()| String::new())
                .map_err(|error| error.to_string()),
            None => Err("no search index is loaded".into()),
        })
    })
}

/// What an answer is when the search lacked files: 2, with the paths to
/// fetch and give (`search_add`) as a JSON list, before asking again.
fn answer_or_fetch(index: Option<&Index>, result: Result<String, String>) -> u32 {
    let missing = index
        .map(|index| index.searcher.take_missing())
        .unwrap_or_default();
    if missing.is_empty() {
        return answer(result);
    }
    answer(Ok(serde_json::to_string(&missing).unwrap_or_default()));
    2
}

/// The documents of the loaded shards ranked for a query:
/// `[{"ref", "score", "approximate"}]`, `ref` the page under `/<lang>/`; 2 with the files
/// it needs when it lacks some.
///
/// # Safety
/// The range must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn search_query(query: *const u8, query_len: usize, limit: usize) -> u32 {
    let query = input(query, query_len);
    INDEX.with(|slot| {
        let index = slot.borrow();
        let Some(index) = index.as_ref() else {
            return answer(Err("no search index is loaded".into()));
        };
        let hits: Vec<serde_json::Value> = index
            .searcher
            .search(&query, limit)
            .iter()
            .map(|hit| {
                serde_json::json!({
                    "ref": index.searcher.reference(hit.doc),
                    "score": hit.score,
                    "approximate": hit.approximate,
                })
            })
            .collect();
        answer_or_fetch(
            Some(index),
            Ok(serde_json::to_string(&hits).unwrap_or_default()),
        )
    })
}

/// What a query shows, in words: `{"op": "suggestions", "query"}` for the
/// search box, `{"op": "results", "query"}` for the results page; 2 with
/// the files it needs when it lacks some.
///
/// # Safety
/// The range must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn search_ask(request: *const u8, request_len: usize) -> u32 {
    let request = input(request, request_len);
    UI.with(|ui| {
        INDEX.with(|index| {
            let index = index.borrow();
            let result = match (ui.borrow().as_ref(), index.as_ref()) {
                (Some(ui), Some(index)) => crate::display::suggest::respond(ui, index, &request),
                _ => Err("the UI strings or the search index are not loaded".into()),
            };
            answer_or_fetch(index.as_ref(), result)
        })
    })
}

/// Loads the rules (`/data/rules.json`) and the catalog
/// (`/data/catalog.json`) for the calculator.
///
/// # Safety
/// Both ranges must be memory the page wrote.
#[cfg(feature = "calculator")]
#[no_mangle]
pub unsafe extern "C" fn calc_load(
    rules: *const u8,
    rules_len: usize,
    catalog: *const u8,
    catalog_len: usize,
) -> u32 {
    let Some(ui) = UI.with(|slot| slot.borrow().clone()) else {
        return answer(Err("the UI strings are not loaded".into()));
    };
    let loaded =
        crate::calculator::load(ui, &input(rules, rules_len), &input(catalog, catalog_len));
    answer(loaded.map(|context| {
        CALCULATOR.with(|slot| *slot.borrow_mut() = Some(context));
        String::new()
    }))
}

/// Answers a request of the calculator page (see `calculator::respond`).
///
/// # Safety
/// The range must be memory the page wrote.
#[cfg(feature = "calculator")]
#[no_mangle]
pub unsafe extern "C" fn calc_ask(request: *const u8, request_len: usize) -> u32 {
    let request = input(request, request_len);
    CALCULATOR.with(|calculator| {
        INDEX.with(|index| {
            let index = index.borrow();
            let result = match calculator.borrow().as_ref() {
                Some(context) => crate::calculator::respond(context, index.as_ref(), &request),
                None => Err("the rules are not loaded".into()),
            };
            answer_or_fetch(index.as_ref(), result)
        })
    })
}
