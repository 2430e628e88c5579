// The meetings attended: the picker (a combobox over the search index; the
// core finds the meetings and words the options), the form that adds an
// attendance, and each entry's buttons (change the date, remove).

import { Combobox, loadingWithStatus, noneOption, option } from "../combobox.js";
import { byId, detailLine, marked } from "../dom.js";
import { loadIndex } from "../loader.js";
import { t } from "../page.js";
import { focusAfterRemoval, focusEntry } from "./entries.js";

export class MeetingForm {
  constructor(app) {
    this.app = app;
    this.input = byId("calc-meeting");
    this.status = byId("calc-meeting-status");
    this.date = byId("calc-meeting-date");
    this.chosen = null;
    this.latest = "";
    // The words the suggestions showing were found for.
    this.shownFor = null;
    // The search index, on first use.
    this.load = loadingWithStatus(this.status, loadIndex, {
      loading: t("calc_meeting_searching"),
      error: t("calc_load_error")
    });
    this.combo = new Combobox(this.input, byId("calc-meeting-options"), {
      pick: (chosen) => this.choose(chosen.dataset.id),
      reopen: () => {
        this.latest = this.input.value.trim();
        if (this.latest && !this.chosen) {
          this.suggest(this.latest);
        }
      },
      closeOnBlur: true,
      // Enter takes the first suggestion, if they are for what the box holds.
      firstOnEnter: () => this.shownFor === this.input.value.trim()
    });
    this.input.addEventListener("focus", () => this.load().catch(() => { /* the status says it */ }));
    this.input.addEventListener("input", () => {
      this.chosen = null;
      app.fieldError("calc-meeting", "calc-meeting-error", "");
      this.latest = this.input.value.trim();
      if (this.latest) {
        this.suggest(this.latest);
      } else {
        this.combo.close();
      }
    });
    this.date.addEventListener("input", () => app.fieldError("calc-meeting-date", "calc-meeting-date-error", ""));
    byId("calc-meeting-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.add();
    });
    const list = byId("calc-attendances");
    list.addEventListener("click", (event) => {
      const target = event.target.closest("button[data-action]");
      if (target) {
        this.act(target.dataset.action, Number(target.dataset.index));
      }
    });
    list.addEventListener("keydown", (event) => {
      const editing = app.editing.attendance;
      if (event.target.id === "calc-edit-date" && (event.key === "Enter" || event.key === "Escape")) {
        event.preventDefault();
        this.act(event.key === "Enter" ? "save-date" : "cancel-date", editing);
      }
    });
  }

  suggest(query) {
    this.load().then(() => this.app.askSearching("suggest-meetings", { query })).then((reply) => {
      if (query !== this.latest || document.activeElement !== this.input) {
        return;
      }
      const items = reply.none
        ? [noneOption("calc-option-none", "combo-none", reply.none)]
        : reply.options.map((meeting, i) => {
          const item = option("calc-option-" + i, "combo-option");
          item.dataset.id = meeting.id;
          item.append(marked(meeting.name, "option-name"));
          if (meeting.alias) {
            item.append(marked(meeting.alias, "option-alias"));
          }
          item.append(detailLine("option-detail", meeting.detail, meeting.required, t("required_badge")));
          return item;
        });
      this.combo.show(items);
      this.shownFor = query;
      this.status.textContent = reply.status;
    }, () => {
      // The core failed to load (the status says so already), or a file of
      // the search could not be fetched: say that.
      this.status.textContent = t("calc_load_error");
    });
  }

  /** A meeting picked from the list, or by a meeting page's link. */
  choose(id) {
    const reply = this.app.ask("meeting", { id });
    if (reply.errors) {
      this.app.fieldError("calc-meeting", "calc-meeting-error", reply.errors.meeting);
      this.input.focus();
      return;
    }
    this.chosen = id;
    this.input.value = reply.name;
    this.combo.close();
    this.app.fieldError("calc-meeting", "calc-meeting-error", "");
    this.status.textContent = reply.status;
    this.date.focus();
  }

  add() {
    const app = this.app;
    const reply = app.ask("add-attendance", { chosen: this.chosen, typed: this.input.value, date: this.date.value });
    if (reply.errors) {
      app.fieldError("calc-meeting", "calc-meeting-error", reply.errors.meeting);
      app.fieldError("calc-meeting-date", "calc-meeting-date-error", reply.errors.date);
      (reply.errors.meeting ? this.input : this.date).focus();
      return;
    }
    app.adopt(reply);
    app.commit();
    app.announce(reply.announce);
    this.input.value = "";
    this.chosen = null;
    this.date.value = "";
    this.status.textContent = "";
    this.input.focus();
  }

  /** An entry's button: edit its date, save or cancel that, remove it. */
  act(action, index) {
    const app = this.app;
    if (action === "edit-date") {
      app.editing.attendance = index;
      app.renderLists();
      byId("calc-edit-date").focus();
    } else if (action === "cancel-date") {
      app.editing.attendance = null;
      app.renderLists();
      focusEntry("calc-attendances", index, "edit-date");
    } else if (action === "save-date") {
      const field = byId("calc-edit-date");
      const reply = app.ask("set-attendance-date", { index, date: field.value });
      if (reply.errors) {
        app.fieldError("calc-edit-date", "calc-edit-date-error", reply.errors.date);
        field.focus();
        return;
      }
      app.editing.attendance = null;
      app.adopt(reply);
      app.commit();
      app.announce(reply.announce);
      focusEntry("calc-attendances", reply.index, "edit-date");
    } else if (action === "remove-attendance") {
      const reply = app.ask("remove-attendance", { index });
      app.adopt(reply);
      app.commit();
      app.announce(reply.announce);
      focusAfterRemoval("calc-attendances", index, "calc-meetings-heading");
    }
  }
}
