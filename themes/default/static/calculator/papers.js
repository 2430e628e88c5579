// The papers: the form that adds a paper or changes one, and each entry's
// buttons (edit, remove). The core checks the date and words the messages.

import { byId } from "../dom.js";
import { t } from "../page.js";
import { focusAfterRemoval, focusEntry } from "./entries.js";

export class PaperForm {
  constructor(app) {
    this.app = app;
    this.form = byId("calc-paper-form");
    this.date = byId("calc-paper-date");
    this.title = byId("calc-paper-title");
    this.date.addEventListener("input", () => app.fieldError("calc-paper-date", "calc-paper-date-error", ""));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
    byId("calc-paper-cancel").addEventListener("click", () => {
      const index = app.editing.paper;
      this.reset();
      app.renderLists();
      focusEntry("calc-papers", index, "edit-paper");
    });
    byId("calc-papers").addEventListener("click", (event) => {
      const target = event.target.closest("button[data-action]");
      if (target && target.dataset.action === "edit-paper") {
        this.edit(Number(target.dataset.index));
      } else if (target && target.dataset.action === "remove-paper") {
        this.remove(Number(target.dataset.index));
      }
    });
  }

  /** An empty form, for a new paper. */
  reset() {
    this.app.editing.paper = null;
    this.date.value = "";
    this.title.value = "";
    this.form.elements.peer_reviewed.value = "yes";
    this.form.elements.first_author.value = "yes";
    byId("calc-paper-submit").textContent = t("calc_add_paper");
    byId("calc-paper-cancel").hidden = true;
    this.app.fieldError("calc-paper-date", "calc-paper-date-error", "");
  }

  /** The form holds a paper of the record, to change. */
  edit(index) {
    const paper = this.app.record.papers[index];
    this.reset();
    this.app.editing.paper = index;
    this.date.value = paper.date;
    this.form.elements.peer_reviewed.value = paper.peer_reviewed ? "yes" : "no";
    this.form.elements.first_author.value = paper.first_author ? "yes" : "no";
    this.title.value = paper.title || "";
    byId("calc-paper-submit").textContent = t("calc_save_paper");
    byId("calc-paper-cancel").hidden = false;
    this.app.renderLists();
    this.date.focus();
  }

  save() {
    const app = this.app;
    const editing = app.editing.paper !== null;
    const reply = app.ask("save-paper", {
      index: app.editing.paper,
      date: this.date.value,
      peer_reviewed: this.form.elements.peer_reviewed.value === "yes",
      first_author: this.form.elements.first_author.value === "yes",
      title: this.title.value
    });
    if (reply.errors) {
      app.fieldError("calc-paper-date", "calc-paper-date-error", reply.errors.date);
      this.date.focus();
      return;
    }
    this.reset();
    app.adopt(reply);
    app.commit();
    app.announce(reply.announce);
    if (editing) {
      focusEntry("calc-papers", reply.index, "edit-paper");
    } else {
      this.date.focus();
    }
  }

  remove(index) {
    const app = this.app;
    const reply = app.ask("remove-paper", { index });
    if (app.editing.paper === index) {
      this.reset();
    }
    app.adopt(reply);
    app.commit();
    app.announce(reply.announce);
    focusAfterRemoval("calc-papers", index, "calc-papers-heading");
  }
}
