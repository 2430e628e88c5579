// The record tools: the record saved in this browser after every change,
// and Export, Import, Print and Clear all. The core writes the export file
// and reads an imported one strictly: a record it refuses changes nothing
// here, and its message names the field.

import { byId } from "../dom.js";
import { t } from "../page.js";

const KEY = "tanni.record.v1";

export function save(record) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(record));
  } catch (error) {
    // Storage may be off (private mode, a full disk): the page still works.
  }
}

/** The record saved in this browser, as far as it can be read. */
export function restore(app) {
  let saved = null;
  try {
    saved = window.localStorage.getItem(KEY);
  } catch (error) {
    // No storage: start afresh.
  }
  return app.ask("restore", { saved }).record;
}

function exportRecord(app) {
  const reply = app.ask("export", {});
  if (!reply.file) {
    app.status(reply.status);
    byId("calc-start").focus();
    return;
  }
  const url = URL.createObjectURL(new Blob([reply.text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = reply.file;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  app.status(reply.status);
}

/** Puts a record in place of the one shown (an import, or an empty one). */
function replace(app, papers, reply) {
  app.alert("");
  app.editing.attendance = null;
  papers.reset();
  app.record = reply.record;
  app.syncPeriod();
  app.commit();
  app.status(reply.status);
}

function importText(app, papers, text) {
  const reply = app.ask("import", { text });
  if (reply.alert) {
    app.alert(reply.alert);
    app.status("");
  } else if (!reply.replaces || window.confirm(t("calc_import_confirm"))) {
    replace(app, papers, reply);
  }
}

export function setUpRecordTools(app, papers) {
  const file = byId("calc-import-file");
  byId("calc-export").addEventListener("click", () => exportRecord(app));
  byId("calc-import").addEventListener("click", () => file.click());
  file.addEventListener("change", () => {
    const chosen = file.files && file.files[0];
    if (!chosen) {
      return;
    }
    chosen.text().then((text) => {
      file.value = "";
      importText(app, papers, text);
    }, (error) => {
      file.value = "";
      app.alert(app.ask("import-failed", { message: String(error) }).alert);
    });
  });
  byId("calc-print").addEventListener("click", () => window.print());
  byId("calc-clear").addEventListener("click", () => {
    if (window.confirm(t("calc_clear_confirm"))) {
      replace(app, papers, app.ask("clear", {}));
      byId("calc-start").focus();
    }
  });
}
