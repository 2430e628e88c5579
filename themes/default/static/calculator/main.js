// tanni credit calculator: the member's record (period, meetings attended,
// papers), kept in localStorage and evaluated on every change by the rules
// engine compiled to WebAssembly, the same code as `tanni credits`. The
// core decides everything shown (figures, sentences, what a form accepts);
// these modules draw its view and pass the member's edits to it. Nothing
// leaves the site: the core, the rules, the catalog and the search index
// are fetched from it, and the record stays in the browser.

import { byId, el, runs } from "../dom.js";
import { loadCalculator } from "../loader.js";
import { t } from "../page.js";
import { renderDetails } from "./details.js";
import { renderAttendances, renderPapers } from "./entries.js";
import { MeetingForm } from "./meetings.js";
import { PaperForm } from "./papers.js";
import { renderPrint } from "./print.js";
import { restore, save, setUpRecordTools } from "./record.js";
import { renderResults } from "./results.js";

/** The browser's local time in milliseconds since 1970: its day is today. */
function clock() {
  return Date.now() - new Date().getTimezoneOffset() * 60000;
}

/** Where an entry went: `moved` gives, for each new place, the old one. */
function follow(index, moved) {
  if (index === null) {
    return null;
  }
  const at = moved.indexOf(index);
  return at < 0 ? null : at;
}

/** The calculator's state: the record as the core last gave it, the day it is evaluated for, the entries being edited. */
class App {
  constructor(core) {
    this.core = core;
    this.record = null;
    this.asOf = "";
    this.view = null;
    this.editing = { attendance: null, paper: null };
  }

  /** A request to the core, with the record. */
  ask(op, fields) {
    return this.core.ask("calc_ask", Object.assign({ op, record: this.record, clock: clock() }, fields));
  }

  /** A request to the core that may search: its reply, once the search has what it needs. */
  askSearching(op, fields) {
    return this.core.askSearching("calc_ask", Object.assign({ op, record: this.record, clock: clock() }, fields));
  }

  /** Takes the record of a reply, following the entries being edited. */
  adopt(reply) {
    if (reply.moved) {
      this.editing.attendance = follow(this.editing.attendance, reply.moved.attendances);
      this.editing.paper = follow(this.editing.paper, reply.moved.papers);
    }
    this.record = reply.record;
  }

  /** Every change ends here: save, evaluate, show. */
  commit() {
    save(this.record);
    this.render();
  }

  render() {
    // The day goes to the core with the record, and nowhere else.
    this.view = this.ask("view", { as_of: this.asOf });
    byId("calc-period-line").textContent = this.view.period_line;
    this.renderLists();
    renderResults(this.view);
    renderDetails(this.view.details, this.view.attendances.length + this.view.papers.length > 0);
    renderPrint(this.view.print);
  }

  /** The lists again, as an entry is opened or closed for editing. */
  renderLists() {
    renderAttendances(this.view.attendances, this.editing.attendance);
    renderPapers(this.view.papers, this.editing.paper);
  }

  syncPeriod() {
    byId("calc-start").value = this.record.period_start;
    byId("calc-postponed").checked = this.record.postponed;
  }

  announce(words) {
    byId("calc-announce").replaceChildren(runs(words));
  }

  status(words) {
    byId("calc-status").textContent = words;
  }

  /** A message in the alert region (a new node is announced even if the words repeat); none clears it. */
  alert(words) {
    byId("calc-alert").replaceChildren(...(words ? [el("p", null, words)] : []));
  }

  /** What is wrong with a field, or nothing. */
  fieldError(inputId, errorId, message) {
    byId(errorId).textContent = message || "";
    if (message) {
      byId(inputId).setAttribute("aria-invalid", "true");
    } else {
      byId(inputId).removeAttribute("aria-invalid");
    }
  }
}

function setUpPeriod(app) {
  const start = byId("calc-start");
  const postponed = byId("calc-postponed");
  const change = () => {
    app.adopt(app.ask("set-period", { start: start.value, postponed: postponed.checked }));
    app.commit();
  };
  start.addEventListener("change", change);
  postponed.addEventListener("change", change);
}

async function start(root) {
  const loading = byId("calc-loading");
  loading.hidden = false;
  try {
    const app = new App(await loadCalculator());
    const params = new URLSearchParams(window.location.search);
    // The day to evaluate for: today, or `?as_of=YYYY-MM-DD` (to see the
    // page as on another day; the tests use it). Never saved or exported.
    app.asOf = app.ask("as-of", { asked: params.get("as_of") }).as_of;
    root.dataset.asOf = app.asOf;
    setUpPeriod(app);
    const meetings = new MeetingForm(app);
    setUpRecordTools(app, new PaperForm(app));
    app.record = restore(app);
    app.syncPeriod();
    app.render();
    loading.hidden = true;
    byId("calc-app").hidden = false;
    root.dataset.state = "ready";
    // A meeting page's "add to the calculator" link.
    if (params.get("add")) {
      meetings.choose(params.get("add"));
    }
  } catch (error) {
    loading.textContent = t("calc_load_error");
    root.dataset.state = "error";
    window.console.warn(error);
  }
}

const root = byId("calculator");
if (root) {
  start(root);
}
