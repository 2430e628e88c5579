// The WASM loader: tanni's Rust core, fetched on first use and shared by the
// search box and the calculator, one instance per page: the search alone
// (static/tanni-search.wasm), or on the calculator's page the whole core
// (static/tanni.wasm). Strings cross into the module as UTF-8 written into
// memory it hands out (`alloc`); answers come back as JSON in its output
// buffer. The module reads the page's UI strings first, so that it answers
// in the page's words. The search is fetched in parts: its manifest first,
// then the shards and records each query asks for (the core answers 2 with
// their paths; they are fetched, given, and the question asked again).
//
// Pointers and lengths are unsigned 32-bit numbers, but WebAssembly hands an
// `i32` result to JavaScript as a signed one: above 2 GiB of memory a pointer
// would arrive negative. Every one is read through `unsigned`.

import { json, lang, module, root } from "./page.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An `i32` result of the module read as the unsigned address or size it is. */
const unsigned = (value) => value >>> 0;

/** How many rounds of fetching one answer takes at most (the core's `MAX_ROUNDS`). */
const MAX_ROUNDS = 8;

class Core {
  constructor(exports) {
    this.x = exports;
    // The search's files fetched or being fetched: path → promise.
    this.files = new Map();
  }

  /** Calls an export with strings (and numbers after them): 1 answered, 0 failed, 2 lacks files. */
  call(name, strings, numbers) {
    const x = this.x;
    const buffers = strings.map((value) => {
      const bytes = encoder.encode(value);
      const pointer = unsigned(x.alloc(bytes.length));
      new Uint8Array(x.memory.buffer, pointer, bytes.length).set(bytes);
      return [pointer, bytes.length];
    });
    const code = x[name](...buffers.flat(), ...(numbers || []));
    buffers.forEach(([pointer, length]) => x.dealloc(pointer, length));
    return code;
  }

  output() {
    const x = this.x;
    return decoder.decode(new Uint8Array(x.memory.buffer, unsigned(x.output_ptr()), unsigned(x.output_len())));
  }

  /** A request to `calc_ask` ({op, …}) that needs no search; its reply. */
  ask(name, request) {
    if (this.call(name, [JSON.stringify(request)]) !== 1) {
      throw new Error(this.output());
    }
    return JSON.parse(this.output());
  }

  /** Calls an export until the search has every file it needs; its reply. */
  async fetching(name, strings, numbers) {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const code = this.call(name, strings, numbers);
      if (code === 1) {
        return JSON.parse(this.output());
      }
      if (code !== 2) {
        throw new Error(this.output());
      }
      await this.give(JSON.parse(this.output()));
    }
    throw new Error("the search still lacked files after " + MAX_ROUNDS + " rounds");
  }

  /** A request to `search_ask` or `calc_ask` ({op, …}); its reply. */
  askSearching(name, request) {
    return this.fetching(name, [JSON.stringify(request)]);
  }

  /** The index ranked for a query: [{ref, score}], as `tanni search` ranks it. */
  search(query, limit) {
    return this.fetching("search_query", [query], [limit]);
  }

  /** Fetches the search's files (paths under /<lang>/), each once, and gives them to the core. */
  give(paths) {
    return Promise.all(paths.map((path) => {
      if (!this.files.has(path)) {
        const giving = fetchOk(lang + "/" + path)
          .then((response) => response.text())
          .then((text) => {
            if (this.call("search_add", [path, text]) !== 1) {
              throw new Error(this.output());
            }
          });
        giving.catch(() => this.files.delete(path));
        this.files.set(path, giving);
      }
      return this.files.get(path);
    }));
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
  if (core.call("ui_load", [json]) !== 1) {
    throw new Error(core.output());
  }
  return core;
});

/** The core with the search manifest of the page's language. */
export const loadIndex = once(async () => {
  const [core, manifest] = await Promise.all([
    loadCore(),
    fetchOk(lang + "/search/manifest.json").then((response) => response.text())
  ]);
  if (core.call("search_load", [manifest]) !== 1) {
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
  if (core.call("calc_load", [rules, catalog]) !== 1) {
    throw new Error(core.output());
  }
  return core;
});
