// The filter and the sort of the table of every meeting (/<lang>/meetings/).
// Without this script the page is the whole catalog as a plain table. With
// it, the form above the table filters the rows as the reader types or
// chooses (words in any of a meeting's names, category, region, credits,
// 必須), the column headers sort, and the state lives in the address
// (?q=…&category=…&region=…&credits=…&required=1&sort=credits-desc), so a
// filtered list can be shared and comes back on reload.

import { byId, el } from "./dom.js";
import { lang } from "./page.js";

const table = byId("meetings-table");
const form = byId("meetings-filter");

/** Text as the filter compares it: NFKC (full-width letters and digits,
 * half-width katakana), lower case, one space between words. */
function fold(text) {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

const collator = new Intl.Collator(lang, { numeric: true });

/** The columns a header sorts by, each with its comparison (ascending). */
const KEYS = {
  name: (a, b) => collator.compare(a.name, b.name),
  credits: (a, b) => a.credits - b.credits,
  required: (a, b) => b.required - a.required,
  category: (a, b) => a.category - b.category,
  group: (a, b) => collator.compare(a.group, b.group),
};

const FIELDS = ["q", "category", "region", "credits"];

function setup() {
  const sections = Array.from(table.tBodies);
  const rows = [];
  sections.forEach((tbody) => {
    Array.from(tbody.rows)
      .filter((row) => row.dataset.order !== undefined)
      .forEach((row) => {
        const data = row.dataset;
        rows.push({
          row,
          home: tbody,
          order: Number(data.order),
          names: fold(data.names),
          name: row.cells[0].querySelector("a").textContent.trim(),
          credits: data.credits === "" ? Infinity : Number(data.credits),
          required: data.required === "1" ? 1 : 0,
          category: Number(data.category),
          group: row.cells[4].textContent.trim(),
        });
      });
  });
  const sorted = el("tbody", "sorted-rows");
  sorted.hidden = true;
  table.append(sorted);

  const control = (name) => form.elements.namedItem(name);
  const count = byId("filter-count");
  const none = byId("filter-none");
  let sort = { key: "", descending: false };
  // The sort the rows are in now: the catalog's order as the page comes.
  let arrangedAs = "";

  const headers = Array.from(table.tHead.rows[0].cells);
  headers.forEach((th) => {
    const button = el("button", "sort-button");
    button.type = "button";
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener("click", () => {
      const key = th.dataset.sort;
      // Ascending, then descending, then the catalog's order again.
      if (sort.key !== key) {
        sort = { key, descending: false };
      } else if (!sort.descending) {
        sort = { key, descending: true };
      } else {
        sort = { key: "", descending: false };
      }
      arrange();
      remember();
    });
  });

  /** The rows in the order of the sort, in one body; or each back in its
   * section, in the catalog's order. */
  function arrange() {
    headers.forEach((th) => {
      if (th.dataset.sort === sort.key) {
        th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
    // The rows move only when the sort changes, not on each keystroke.
    const order = sort.key + (sort.descending ? "-desc" : "");
    if (order !== arrangedAs) {
      if (sort.key) {
        const compare = KEYS[sort.key];
        const ordered = rows.slice().sort((a, b) => {
          const by = compare(a, b);
          return (sort.descending ? -by : by) || a.order - b.order;
        });
        if (sort.key === "credits") {
          // Meetings without a value stay last either way.
          ordered.sort((a, b) => (a.credits === Infinity) - (b.credits === Infinity));
        }
        sorted.append(...ordered.map((entry) => entry.row));
      } else {
        rows.forEach((entry) => entry.home.append(entry.row));
      }
      arrangedAs = order;
    }
    sorted.hidden = !sort.key;
    table.classList.toggle("sorted", Boolean(sort.key));
    sections.forEach((tbody) => {
      tbody.hidden = Boolean(sort.key) || !Array.from(tbody.rows).some((row) => row.dataset.order !== undefined && !row.hidden);
    });
  }

  function filter() {
    const words = fold(control("q").value).split(" ").filter(Boolean);
    const category = control("category").value;
    const region = control("region") ? control("region").value : "";
    const credits = control("credits").value;
    const required = control("required").checked;
    let shown = 0;
    rows.forEach((entry) => {
      const data = entry.row.dataset;
      const match =
        words.every((word) => entry.names.includes(word)) &&
        (!category || data.category === category) &&
        (!region || data.group === region) &&
        (!credits || (credits === "none" ? data.credits === "" : data.credits === credits)) &&
        (!required || entry.required === 1);
      entry.row.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    count.textContent = count.dataset.template
      .replace("{shown}", String(shown))
      .replace("{total}", String(rows.length));
    none.hidden = shown > 0;
    table.classList.toggle("filtered-out", shown === 0);
    arrange();
  }

  /** The filter and the sort into the address, without a new history entry. */
  function remember() {
    const params = new URLSearchParams();
    FIELDS.forEach((name) => {
      const field = control(name);
      if (field && field.value) {
        params.set(name, name === "q" ? field.value.trim() : field.value);
      }
    });
    if (control("required").checked) {
      params.set("required", "1");
    }
    if (sort.key) {
      params.set("sort", sort.key + (sort.descending ? "-desc" : ""));
    }
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  /** The filter and the sort from the address. A value the page does not
   * offer (an old link, a hand-edited one) is left out. */
  function restore() {
    const params = new URLSearchParams(location.search);
    FIELDS.forEach((name) => {
      const field = control(name);
      if (!field) {
        return;
      }
      // A field the address leaves out is cleared: going back to an
      // address without a filter shows the whole table again.
      const value = params.get(name) ?? "";
      if (field.tagName === "SELECT") {
        field.value = Array.from(field.options).some((option) => option.value === value) ? value : "";
      } else {
        field.value = value;
      }
    });
    control("required").checked = params.get("required") === "1";
    const match = /^(name|credits|required|category|group)(-desc)?$/.exec(params.get("sort") || "");
    sort = match ? { key: match[1], descending: Boolean(match[2]) } : { key: "", descending: false };
  }

  // Both: some browsers tell a select's change only as "change".
  ["input", "change"].forEach((type) => form.addEventListener(type, () => {
    filter();
    remember();
  }));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    // The form's own reset clears the fields after this event.
    setTimeout(() => {
      sort = { key: "", descending: false };
      filter();
      remember();
    });
  });
  // A jump link to a section the filter or the sort hides shows the whole
  // table again first.
  document.querySelectorAll(".jump-links a").forEach((link) => {
    link.addEventListener("click", () => {
      const target = byId(decodeURIComponent(link.hash.slice(1)));
      if (target && target.closest("tbody").hidden) {
        form.reset();
        sort = { key: "", descending: false };
        filter();
        remember();
      }
    });
  });
  window.addEventListener("popstate", () => {
    restore();
    filter();
  });

  restore();
  form.hidden = false;
  filter();
  // What the page did not take from the address leaves it.
  remember();
}

if (table && form) {
  setup();
}
