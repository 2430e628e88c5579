// tanni search: the header box (results while typing) and the results page.
// The index and the WebAssembly engine load on first use, not with the page.
// The engine (engine.js) is tanni's own Rust tokenizer and scorer, so the
// browser cuts a query exactly as the indexer cut the documents. Results are built with DOM
// methods and textContent only: nothing from the index is parsed as HTML.
(function () {
  "use strict";

  var form = document.querySelector("form.search");
  if (!form || !window.tanni) {
    return;
  }
  var input = form.querySelector("#search-input");
  var list = form.querySelector("#search-suggestions");
  var status = form.querySelector(".search-status");
  var text = form.dataset;
  var base = text.root + text.lang + "/";
  var SUGGESTIONS = 8;
  var PAGE_RESULTS = 200;
  var loading = null;
  var active = -1;
  var latest = "";

  function load() {
    if (!loading) {
      status.textContent = text.loading;
      loading = window.tanni.searchIndex(text.root, text.lang).then(function (engine) {
        status.textContent = "";
        window.tanniSearch = engine;
        return engine;
      });
      loading.catch(function () {
        status.textContent = text.error;
        loading = null;
      });
    }
    return loading;
  }

  var marked = window.tanni.marked;

  // A result's title and detail, into `container`: a link on the results
  // page, an option of the suggestions (which holds no link: script opens it).
  function resultContent(engine, hit, query, container) {
    var doc = engine.docs[hit.ref];
    var title = document.createElement("span");
    title.className = "result-title";
    title.append(marked(doc.title, engine.highlight(doc.title, query)));
    if (doc.kind === "meeting") {
      window.tanni.nameLang(title, doc.title);
    }
    container.append(title);
    var detail = document.createElement("span");
    detail.className = "result-detail";
    if (doc.kind !== "meeting") {
      detail.append(text["kind" + doc.kind.charAt(0).toUpperCase() + doc.kind.slice(1)] + " · ");
    }
    detail.append(doc.detail);
    if (doc.required) {
      var badge = document.createElement("span");
      badge.className = "badge required";
      badge.textContent = text.required;
      detail.append(" ", badge);
    }
    container.append(detail);
    return container;
  }

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function options() {
    return list.querySelectorAll("[role=option]:not([aria-disabled])");
  }

  // Goes where an option leads (its href is relative to this page).
  function openOption(option, newTab) {
    if (newTab) {
      window.open(option.dataset.href, "_blank", "noopener");
    } else {
      window.location.href = option.dataset.href;
    }
  }

  function setActive(index) {
    var items = options();
    if (!items.length) {
      return;
    }
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) {
      item.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function suggest(query) {
    load().then(function (engine) {
      if (query !== latest) {
        return;
      }
      var hits = engine.search(query, SUGGESTIONS + 1);
      list.replaceChildren();
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!hits.length) {
        var none = document.createElement("li");
        none.id = "search-option-none";
        none.className = "search-none";
        none.setAttribute("role", "option");
        none.setAttribute("aria-disabled", "true");
        none.textContent = text.none.replace("{q}", query);
        list.append(none);
        status.textContent = none.textContent;
      } else {
        hits.slice(0, SUGGESTIONS).forEach(function (hit, i) {
          var item = document.createElement("li");
          item.id = "search-option-" + i;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.dataset.href = base + hit.ref;
          list.append(resultContent(engine, hit, query, item));
        });
        var more = document.createElement("li");
        more.id = "search-option-more";
        more.setAttribute("role", "option");
        more.setAttribute("aria-selected", "false");
        more.className = "search-more";
        more.dataset.href = base + "search/?q=" + encodeURIComponent(query);
        more.textContent = text.more;
        list.append(more);
        status.textContent = text.count.replace("{n}", String(hits.length > SUGGESTIONS ? SUGGESTIONS + "+" : hits.length));
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }, function () { /* the status says it */ });
  }

  input.addEventListener("focus", function () { load(); });
  input.addEventListener("input", function () {
    latest = input.value.trim();
    if (!latest) {
      close();
      return;
    }
    suggest(latest);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden) {
        return;
      }
      event.preventDefault();
      setActive(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      openOption(options()[active], event.ctrlKey || event.metaKey || event.shiftKey);
    } else if (event.key === "Escape") {
      close();
    }
  });
  // A pointer on an option opens it, as a link would (in a new tab with
  // Ctrl, ⌘, Shift or the middle button), leaving the focus in the box.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  list.addEventListener("click", function (event) {
    var option = event.target.closest("[role=option][data-href]");
    if (option) {
      openOption(option, event.ctrlKey || event.metaKey || event.shiftKey);
    }
  });
  list.addEventListener("auxclick", function (event) {
    var option = event.target.closest("[role=option][data-href]");
    if (option && event.button === 1) {
      openOption(option, true);
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (!form.contains(event.target)) {
      close();
    }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target && target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  // The results page: /<lang>/search/?q=…, a link that can be shared.
  var page = document.getElementById("search-page");
  if (page) {
    var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    if (query) {
      input.value = query;
      var summary = document.getElementById("search-page-summary");
      var results = document.getElementById("search-page-results");
      var none = document.getElementById("search-page-none");
      document.title = page.dataset.resultsFor.replace("{q}", query) + " | " + document.title;
      load().then(function (engine) {
        var hits = engine.search(query, PAGE_RESULTS);
        document.getElementById("search-heading").textContent = page.dataset.resultsFor.replace("{q}", query);
        if (!hits.length) {
          summary.textContent = text.none.replace("{q}", query);
          none.hidden = false;
          return;
        }
        summary.textContent = text.count.replace("{n}", String(hits.length));
        hits.forEach(function (hit) {
          var link = document.createElement("a");
          link.href = base + hit.ref;
          var item = document.createElement("li");
          item.append(resultContent(engine, hit, query, link));
          results.append(item);
        });
      }, function () {
        summary.textContent = text.error;
      });
    }
  }
}());
