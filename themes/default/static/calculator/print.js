// The print view, drawn from the core's view: one page to keep beside the
// application forms, with the period, every entry and what it counted for,
// and the totals. The print style sheet shows it instead of the screen.

import { byId, el, runs } from "../dom.js";
import { t } from "../page.js";

/** A table of entries: `headings` [words, class], rows from the core. */
function table(caption, headings, rows) {
  const node = el("table", "print-table");
  node.append(el("caption", null, caption));
  const headRow = el("tr");
  headings.forEach(([words, className]) => {
    const cell = el("th", className, words);
    cell.scope = "col";
    headRow.append(cell);
  });
  const head = el("thead");
  head.append(headRow);
  const body = el("tbody");
  if (!rows.length) {
    const cell = el("td", null, t("calc_print_none"));
    cell.colSpan = headings.length;
    const row = el("tr");
    row.append(cell);
    body.append(row);
  }
  rows.forEach((cells) => {
    const row = el("tr");
    cells.cells.forEach((content, i) => {
      const cell = el("td", headings[i][1]);
      cell.append(runs(content));
      // Under what the entry is: why it did not count, all or in part.
      if (i === 1) {
        cells.reasons.forEach((reason) => {
          const line = el("span", "print-reason");
          line.append(runs(reason));
          cell.append(line);
        });
      }
      row.append(cell);
    });
    body.append(row);
  });
  node.append(head, body);
  return node;
}

export function renderPrint(print) {
  const view = byId("calc-print-view");
  view.replaceChildren(el("h2", null, t("calc_print_heading")));
  if (print.period !== null) {
    view.append(el("p", "print-period", print.period));
  }
  if (print.timing !== null) {
    view.append(el("p", "print-timing", print.timing));
  }
  // The note names the application forms in Japanese: the page holds it
  // with that marked.
  const note = byId("calc-print-note").cloneNode(true);
  note.removeAttribute("id");
  note.hidden = false;
  view.append(note);
  const no = [t("calc_print_col_no"), "num"];
  const date = [t("calc_print_col_date"), "nowrap"];
  const credits = [t("calc_print_col_credits"), "num"];
  const counted = [t("calc_print_col_counted"), "num"];
  view.append(
    table(t("calc_print_meetings"), [no, [t("calc_print_col_meeting")], date, credits, [t("calc_print_col_required"), "nowrap"], counted], print.meetings),
    table(t("calc_print_papers"), [no, [t("calc_print_col_title")], date, [t("calc_print_col_kind"), "nowrap"], credits, counted], print.papers)
  );
  if (print.verdict !== null) {
    const totals = el("dl", "print-totals");
    print.totals.forEach(([label, value]) => {
      const group = el("div");
      group.append(el("dt", null, label), el("dd", null, value));
      totals.append(group);
    });
    view.append(el("h3", null, t("calc_print_totals")), totals, el("p", "print-verdict", print.verdict));
    print.readings.forEach((line) => view.append(el("p", "print-reading", line)));
  }
  view.append(el("p", "print-made", print.made));
}
