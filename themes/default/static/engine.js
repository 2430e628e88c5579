// The WebAssembly core of tanni, shared by the search box and the calculator:
// one instance per page, fetched on first use. Strings cross into the module
// as UTF-8 written into memory it hands out (`alloc`), and results come back
// as JSON in its output buffer.
(function () {
  "use strict";

  if (!window.WebAssembly || !window.fetch || !window.TextEncoder) {
    return;
  }
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  var engines = {};
  var indexes = {};

  function Engine(exports) {
    this.x = exports;
    // The display records of the loaded search index, by reference.
    this.docs = null;
  }
  Engine.prototype.call = function (name, strings, extra) {
    var x = this.x;
    var args = [];
    var buffers = [];
    strings.forEach(function (value) {
      var bytes = encoder.encode(value);
      var pointer = x.alloc(bytes.length);
      new Uint8Array(x.memory.buffer, pointer, bytes.length).set(bytes);
      args.push(pointer, bytes.length);
      buffers.push([pointer, bytes.length]);
    });
    var result = x[name].apply(null, args.concat(extra || []));
    buffers.forEach(function (buffer) { x.dealloc(buffer[0], buffer[1]); });
    return result;
  };
  Engine.prototype.output = function () {
    var x = this.x;
    return decoder.decode(new Uint8Array(x.memory.buffer, x.output_ptr(), x.output_len()));
  };
  Engine.prototype.search = function (query, limit) {
    this.call("search_query", [query], [limit]);
    return JSON.parse(this.output());
  };
  Engine.prototype.highlight = function (value, query) {
    this.call("search_highlight", [value, query]);
    return JSON.parse(this.output());
  };
  // {ok: true, value: evaluation} or {ok: false, value: {field, message}}.
  Engine.prototype.evaluate = function (recordJson) {
    var ok = this.call("credits_evaluate", [recordJson]) === 1;
    return { ok: ok, value: JSON.parse(this.output()) };
  };

  function fetchOk(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response;
    });
  }

  // The module of the site at `root`, instantiated once.
  function engine(root) {
    if (!engines[root]) {
      engines[root] = fetchOk(root + "static/tanni.wasm")
        .then(function (response) { return response.arrayBuffer(); })
        .then(function (bytes) { return WebAssembly.instantiate(bytes, {}); })
        .then(function (module) { return new Engine(module.instance.exports); });
      engines[root].catch(function () { delete engines[root]; });
    }
    return engines[root];
  }

  // The module with the search index of a language loaded, once.
  function searchIndex(root, lang) {
    var key = root + lang;
    if (!indexes[key]) {
      var base = root + lang + "/";
      indexes[key] = Promise.all([
        engine(root),
        fetchOk(base + "search-index.json").then(function (response) { return response.text(); }),
        fetchOk(base + "search-docs.json").then(function (response) { return response.text(); })
      ]).then(function (parts) {
        var loaded = parts[0];
        if (loaded.call("search_load", [parts[1], parts[2]]) !== 1) {
          throw new Error(loaded.output());
        }
        loaded.docs = JSON.parse(parts[2]);
        return loaded;
      });
      indexes[key].catch(function () { delete indexes[key]; });
    }
    return indexes[key];
  }

  // A text with the character ranges a query matched (from `highlight`)
  // wrapped in <mark>, as DOM nodes: the text is never parsed as HTML.
  function marked(value, ranges) {
    var fragment = document.createDocumentFragment();
    var chars = Array.from(value);
    var at = 0;
    ranges.forEach(function (range) {
      if (range[0] > at) {
        fragment.append(chars.slice(at, range[0]).join(""));
      }
      var mark = document.createElement("mark");
      mark.textContent = chars.slice(range[0], range[1]).join("");
      fragment.append(mark);
      at = range[1];
    });
    if (at < chars.length) {
      fragment.append(chars.slice(at).join(""));
    }
    return fragment;
  }

  // The language a name is written in, decided as src/render/lang.rs does:
  // Japanese text has kana or kanji, text without them is English (the
  // Japanese name of an international meeting is often its English one).
  var KANA_OR_KANJI = /[\u3005\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/;

  // Gives the element that shows a name (of a meeting, an alias, a paper's
  // title) the name's language, when that is not the page's.
  function nameLang(node, name) {
    var lang = KANA_OR_KANJI.test(name) ? "ja" : "en";
    if (lang !== document.documentElement.lang) {
      node.lang = lang;
    }
    return node;
  }

  window.tanni = { engine: engine, searchIndex: searchIndex, fetchOk: fetchOk, marked: marked, nameLang: nameLang };
}());
