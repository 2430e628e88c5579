// tanni search: the box in the header of every page (suggestions while
// typing) and the results page (/<lang>/search/?q=…, a link that can be
// shared). The core and the index load on first use, not with the page; the
// core ranks with tanni's own tokenizer and scorer, so a query is cut as the
// documents were, and it says what to show, in the page's words.

import { Combobox, loadingWithStatus, noneOption, option } from "./combobox.js";
import { byId, detailLine, el, marked } from "./dom.js";
import { loadIndex } from "./loader.js";
import { t } from "./page.js";

const form = document.querySelector("form.search");
const input = form && form.querySelector("#search-input");
const status = form && form.querySelector(".search-status");
let combo = null;
let latest = "";
// The core with the index, loaded on first use.
const load = form && loadingWithStatus(status, () => loadIndex().then((core) => {
  // The tests rank queries with the page's own engine.
  window.tanniSearch = core;
  return core;
}), { loading: t("search_loading"), error: t("search_error") });

/** A result's title and detail into `container` (an option, or a link). */
function resultContent(result, container) {
  container.append(
    marked(result.title, "result-title"),
    detailLine("result-detail", result.detail, result.required, t("required_badge"))
  );
  return container;
}

// Goes where an option leads (its href is relative to this page).
function openOption(chosen, newTab) {
  if (newTab) {
    window.open(chosen.dataset.href, "_blank", "noopener");
  } else {
    window.location.href = chosen.dataset.href;
  }
}

function suggest(query) {
  load().then((core) => core.askSearching("search_ask", { op: "suggestions", query })).then((reply) => {
    if (query !== latest) {
      return;
    }
    let items;
    if (reply.none) {
      items = [noneOption("search-option-none", "search-none", reply.none)];
    } else {
      // Found only with a slip corrected: said first, not picked.
      items = reply.approximate
        ? [noneOption("search-option-approximate", "search-approximate", reply.approximate)]
        : [];
      items.push(...reply.options.map((result, i) => {
        const item = option("search-option-" + i);
        item.dataset.href = result.href;
        return resultContent(result, item);
      }));
      const more = option("search-option-more", "search-more");
      more.dataset.href = reply.more;
      more.textContent = t("search_more");
      items.push(more);
    }
    combo.show(items);
    status.textContent = reply.status;
  }, () => {
    // The core failed to load (the status says so already), or a file of
    // the search could not be fetched: say that.
    status.textContent = t("search_error");
  });
}

function setUpBox() {
  const list = form.querySelector("#search-suggestions");
  // A pointer on an option opens it as a link would: in a new tab with Ctrl,
  // ⌘, Shift or the middle button.
  combo = new Combobox(input, list, {
    pick: (chosen, event) => openOption(chosen, event.ctrlKey || event.metaKey || event.shiftKey)
  });
  input.addEventListener("focus", () => load().catch(() => { /* the status says it */ }));
  input.addEventListener("input", () => {
    latest = input.value.trim();
    if (latest) {
      suggest(latest);
    } else {
      combo.close();
    }
  });
  list.addEventListener("auxclick", (event) => {
    const chosen = event.target.closest("[role=option][data-href]");
    if (chosen && event.button === 1) {
      openOption(chosen, true);
    }
  });
  document.addEventListener("pointerdown", (event) => {
    if (!form.contains(event.target)) {
      combo.close();
    }
  });
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement || (target && target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
}

/** The results of a reply from the `from`th on, appended to the list. */
function appendResults(list, results, from) {
  let first = null;
  results.slice(from).forEach((result) => {
    const link = el("a");
    link.href = result.href;
    const item = el("li");
    item.append(resultContent(result, link));
    list.append(item);
    first = first || link;
  });
  return first;
}

/** The results page, for the query in its address. */
function showResults() {
  const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  if (!query) {
    return;
  }
  input.value = query;
  const summary = byId("search-page-summary");
  load().then(async (core) => {
    let reply = await core.askSearching("search_ask", { op: "results", query });
    document.title = reply.heading + " | " + document.title;
    byId("search-heading").textContent = reply.heading;
    summary.textContent = reply.summary;
    if (!reply.results.length) {
      byId("search-page-none").hidden = false;
      return;
    }
    if (reply.approximate) {
      const approximate = byId("search-page-approximate");
      approximate.textContent = reply.approximate;
      approximate.hidden = false;
    }
    const list = byId("search-page-results");
    const more = byId("search-page-more");
    const offerMore = () => {
      more.hidden = !reply.more;
      more.textContent = reply.more || "";
    };
    appendResults(list, reply.results, 0);
    offerMore();
    // More of the same results, the focus on the first new one.
    more.addEventListener("click", async () => {
      const before = reply.results.length;
      reply = await core.askSearching("search_ask", { op: "results", query, shown: before });
      const first = appendResults(list, reply.results, before);
      offerMore();
      if (first) {
        first.focus();
      }
    });
  }, () => {
    summary.textContent = t("search_error");
  });
}

if (form) {
  setUpBox();
  if (byId("search-page")) {
    showResults();
  }
}
