// The WASM loader: tanni's Rust core, fetched on first use and shared by the
// search box and the calculator, one instance per page: the search alone
// (static/tanni-search.wasm), or on the calculator's page the whole core
// (static/tanni.wasm). Strings cross into the module as UTF-8 written into
// memory it hands out (`alloc`); answers come back as JSON in its output
// buffer. The module reads the page's UI strings first, so that it answers
// in the page's words.
//
// Pointers and lengths are unsigned 32-bit numbers, but WebAssembly hands an
// `i32` result to JavaScript as a signed one: above 2 GiB of memory a pointer
// would arrive negative. Every one is read through `unsigned`.

import { json, lang, module, root } from "./page.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An `i32` result of the module read as the unsigned address or size it is. */
const unsigned = (value) => value >>> 0;

class Core {
  constructor(exports) {
    this.x = exports;
  }

  /** Calls an export with strings (and numbers after them); whether it answered. */
  call(name, strings, numbers) {
    const x = this.x;
    const buffers = strings.map((value) => {
      const bytes = encoder.encode(value);
      const pointer = unsigned(x.alloc(bytes.length));
      new Uint8Array(x.memory.buffer, pointer, bytes.length).set(bytes);
      return [pointer, bytes.length];
    });
    const answered = x[name](...buffers.flat(), ...(numbers || [])) === 1;
    buffers.forEach(([pointer, length]) => x.dealloc(pointer, length));
    return answered;
  }

  output() {
    const x = this.x;
    return decoder.decode(new Uint8Array(x.memory.buffer, unsigned(x.output_ptr()), unsigned(x.output_len())));
  }

  /** A request to `search_ask` or `calc_ask` ({op, …}); its reply. */
  ask(name, request) {
    if (!this.call(name, [JSON.stringify(request)])) {
      throw new Error(this.output());
    }
    return JSON.parse(this.output());
  }

  /** The loaded index ranked for a query: [{ref, score}], as `tanni search` ranks it. */
  search(query, limit) {
    if (!this.call("search_query", [query], [limit])) {
      throw new Error(this.output());
    }
    return JSON.parse(this.output());
  }
}

function fetchOk(path) {
  return fetch(root + path).then((response) => {
    if (!response.ok) {
      throw new Error(path + ": " + response.status);
    }
    return response;
  });
}

/** Runs `load` once; a failure lets the next call try again. */
function once(load) {
  let loading = null;
  return () => {
    if (!loading) {
      loading = load();
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  };
}

/** The core, with the page's UI strings. */
export const loadCore = once(async () => {
  if (!window.WebAssembly) {
    throw new Error("no WebAssembly in this browser");
  }
  const bytes = await (await fetchOk("static/" + module)).arrayBuffer();
  const core = new Core((await WebAssembly.instantiate(bytes, {})).instance.exports);
  if (!core.call("ui_load", [json])) {
    throw new Error(core.output());
  }
  return core;
});

/** The core with the search index of the page's language. */
export const loadIndex = once(async () => {
  const base = lang + "/";
  const [core, index, docs] = await Promise.all([
    loadCore(),
    fetchOk(base + "search-index.json").then((response) => response.text()),
    fetchOk(base + "search-docs.json").then((response) => response.text())
  ]);
  if (!core.call("search_load", [index, docs])) {
    throw new Error(core.output());
  }
  return core;
});

/** The core with the rules and the catalog, for the calculator. */
export const loadCalculator = once(async () => {
  const [core, rules, catalog] = await Promise.all([
    loadCore(),
    fetchOk("data/rules.json").then((response) => response.text()),
    fetchOk("data/catalog.json").then((response) => response.text())
  ]);
  if (!core.call("calc_load", [rules, catalog])) {
    throw new Error(core.output());
  }
  return core;
});
