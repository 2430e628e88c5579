//! The WebAssembly interface of the core, for the browser: plain exported
//! functions over linear memory, with no generated glue. Strings go in as
//! (pointer, length) of UTF-8 the page wrote into memory it got from
//! `alloc`; results come back as JSON in an output buffer that the page reads
//! through `output_ptr` and `output_len`.

use std::cell::RefCell;

use crate::search::{highlight, Searcher};

thread_local! {
    static SEARCHER: RefCell<Option<Searcher>> = const { RefCell::new(None) };
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

fn set_output(text: String) {
    OUTPUT.with(|output| *output.borrow_mut() = text.into_bytes());
}

/// # Safety
/// The range must be initialised memory the page wrote (from `alloc`).
unsafe fn input(pointer: *const u8, len: usize) -> String {
    String::from_utf8_lossy(std::slice::from_raw_parts(pointer, len)).into_owned()
}

/// Loads the search index and its display records. Returns 1 on success; on
/// failure 0, with the reason as the output.
///
/// # Safety
/// Both ranges must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn search_load(
    index: *const u8,
    index_len: usize,
    docs: *const u8,
    docs_len: usize,
) -> u32 {
    match Searcher::from_json_with_docs(&input(index, index_len), &input(docs, docs_len)) {
        Ok(searcher) => {
            SEARCHER.with(|slot| *slot.borrow_mut() = Some(searcher));
            1
        }
        Err(error) => {
            set_output(error.to_string());
            0
        }
    }
}

/// Ranks the loaded index for a query: the output is `[{"ref", "score"}]`.
///
/// # Safety
/// The range must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn search_query(query: *const u8, query_len: usize, limit: usize) -> u32 {
    let query = input(query, query_len);
    SEARCHER.with(|slot| match slot.borrow().as_ref() {
        Some(searcher) => {
            set_output(serde_json::to_string(&searcher.search(&query, limit)).unwrap_or_default());
            1
        }
        None => {
            set_output("no search index is loaded".into());
            0
        }
    })
}

/// The character ranges of a text that a query matches: `[[start, end]]`.
///
/// # Safety
/// Both ranges must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn search_highlight(
    text: *const u8,
    text_len: usize,
    query: *const u8,
    query_len: usize,
) -> u32 {
    let ranges = highlight(&input(text, text_len), &input(query, query_len));
    set_output(serde_json::to_string(&ranges).unwrap_or_default());
    1
}

thread_local! {
    static CALCULATOR: RefCell<Option<(crate::rules::Rules, Vec<crate::engine::MeetingCredit>)>> = const { RefCell::new(None) };
}

/// Loads the rules (`/data/rules.json`) and the catalog (`/data/catalog.json`,
/// of which each meeting's `id`, `credits` and `required` are read). Returns 1
/// on success; on failure 0, with the reason as the output.
///
/// # Safety
/// Both ranges must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn credits_load(
    rules: *const u8,
    rules_len: usize,
    catalog: *const u8,
    catalog_len: usize,
) -> u32 {
    match crate::calculator::load(&input(rules, rules_len), &input(catalog, catalog_len)) {
        Ok(loaded) => {
            CALCULATOR.with(|slot| *slot.borrow_mut() = Some(loaded));
            1
        }
        Err(error) => {
            set_output(error);
            0
        }
    }
}

/// Evaluates a record (JSON). Returns 1 with the evaluation as the output, or
/// 0 with `{"field", "message"}` naming what is wrong with the record.
///
/// # Safety
/// The range must be memory the page wrote.
#[no_mangle]
pub unsafe extern "C" fn credits_evaluate(record: *const u8, record_len: usize) -> u32 {
    let record = input(record, record_len);
    CALCULATOR.with(|slot| match slot.borrow().as_ref() {
        None => {
            set_output(r#"{"field":"","message":"the rules are not loaded"}"#.into());
            0
        }
        Some((rules, meetings)) => match crate::calculator::evaluate_json(rules, meetings, &record)
        {
            Ok(evaluation) => {
                set_output(evaluation);
                1
            }
            Err(problem) => {
                set_output(problem);
                0
            }
        },
    })
}
