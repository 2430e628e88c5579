// The calculator's result, drawn from the core's view: the verdict, the
// meters of the three requirements, where the period stands on the day, and
// the readings of the regulation side by side where the verdict differs.

import { byId, el, runs } from "../dom.js";
import { t } from "../page.js";

function renderVerdict(verdict) {
  const box = byId("calc-verdict");
  // Only a change of the words is announced.
  if (box.textContent !== verdict.text) {
    box.replaceChildren(el("p", null, verdict.text));
  }
  box.className = "verdict " + verdict.kind;
  box.dataset.eligible = verdict.eligible === null ? "" : String(verdict.eligible);
}

function renderMeters(meters) {
  meters.forEach((meter) => {
    byId("calc-progress-" + meter.key).value = meter.actual;
    const value = byId("calc-value-" + meter.key);
    value.textContent = meter.text;
    value.dataset.value = String(meter.actual);
    if (meter.met) {
      value.append(" ", el("span", "met", "✓ " + t("calc_met")));
    }
    byId("calc-meter-" + meter.key).classList.toggle("met", meter.met);
  });
}

function renderTiming(timing) {
  const box = byId("calc-timing");
  const message = timing ? timing.text : "";
  box.hidden = !message;
  // Only a change of the words is announced.
  if (box.textContent !== message) {
    box.replaceChildren(message ? el("p", null, message) : "");
  }
  box.className = "timing" + (timing ? " " + timing.state : "");
  box.dataset.state = timing ? timing.state : "";
  box.dataset.daysLeft = timing ? String(timing.days_left) : "";
  box.dataset.asOf = timing ? timing.as_of : "";
}

// How a row's cells look, by the row's kind.
const CELL_CLASS = { verdict: "reading-verdict", figure: "num", papers: "num" };

function readingsTable(readings) {
  const table = el("table", "figures readings-figures");
  table.append(el("caption", null, readings.caption));
  const headRow = el("tr");
  headRow.append(el("td"));
  readings.columns.forEach((column) => {
    const cell = el("th");
    cell.scope = "col";
    cell.dataset.reading = column.key;
    cell.append(el("span", "reading-title", column.title));
    column.words.forEach((words) => cell.append(el("span", "reading-words", words)));
    headRow.append(cell);
  });
  const head = el("thead");
  head.append(headRow);
  const body = el("tbody");
  readings.rows.forEach((row) => {
    const line = el("tr");
    const header = el("th", null, row.label);
    header.scope = "row";
    line.append(header);
    row.cells.forEach((content) => {
      const cell = el("td", CELL_CLASS[row.kind]);
      if (row.kind === "verdict") {
        cell.className += content.eligible ? " eligible" : " short";
        cell.dataset.eligible = String(content.eligible);
      } else if (row.kind === "figure") {
        cell.dataset.figure = row.figure;
        cell.dataset.value = String(content.value);
      }
      cell.append(runs(content.text));
      line.append(cell);
    });
    body.append(line);
  });
  table.append(head, body);
  return table;
}

// The main result and each reading that gives another verdict: one column
// each. More than two columns may not fit a phone: the table scrolls, and a
// keyboard can scroll it.
function renderReadings(readings) {
  const section = byId("calc-readings");
  const holder = byId("calc-readings-table");
  section.hidden = !readings;
  holder.replaceChildren();
  holder.removeAttribute("tabindex");
  holder.removeAttribute("role");
  holder.removeAttribute("aria-labelledby");
  if (!readings) {
    return;
  }
  holder.append(readingsTable(readings));
  const wide = readings.columns.length > 2;
  holder.classList.toggle("wide", wide);
  if (wide) {
    holder.tabIndex = 0;
    holder.setAttribute("role", "region");
    holder.setAttribute("aria-labelledby", "calc-readings-heading");
  }
}

export function renderResults(view) {
  renderVerdict(view.verdict);
  renderMeters(view.meters);
  renderTiming(view.timing);
  renderReadings(view.readings);
}
