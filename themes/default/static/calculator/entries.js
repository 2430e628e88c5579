// The calculator's lists of entries, drawn from the core's view: each
// meeting attended and each paper, with its credits, what of it did not
// count and why, and its buttons. The entry being edited (its place in the
// list, or null) shows its form.

import { badge, byId, el, fill, runs } from "../dom.js";
import { t } from "../page.js";

function button(label, action, index, ariaLabel, className) {
  const node = el("button", "button small " + (className || "secondary"), label);
  node.type = "button";
  node.dataset.action = action;
  node.dataset.index = String(index);
  if (ariaLabel) {
    node.setAttribute("aria-label", ariaLabel);
  }
  return node;
}

function note(words, className) {
  const node = el("p", className || "entry-note");
  node.append(runs(words));
  return node;
}

/** The date field of an attendance being edited, with its label. */
function dateField(entry, index) {
  const label = el("label", "visually-hidden");
  label.append(runs(entry.date_label));
  label.htmlFor = "calc-edit-date";
  const input = el("input");
  input.type = "date";
  input.id = "calc-edit-date";
  input.min = "1950-01-01";
  input.max = "2100-12-31";
  input.value = entry.date;
  input.dataset.index = String(index);
  input.setAttribute("aria-describedby", "calc-edit-date-error");
  return [label, input];
}

/** An entry: its name, a line about it, notes below, its buttons. */
function entryItem(index, editing, entry, parts) {
  const item = el("li", "entry" + (editing ? " editing" : ""));
  item.dataset.index = String(index);
  const main = el("div", "entry-main");
  const meta = el("p", "entry-meta");
  meta.append(...parts.meta);
  main.append(fill(el("p", "entry-name"), entry.name), meta, ...parts.below);
  entry.notes.forEach((words) => main.append(note(words)));
  const actions = el("div", "entry-actions");
  actions.append(...parts.actions);
  item.append(main, actions);
  return item;
}

export function renderAttendances(entries, editing) {
  byId("calc-attendances").replaceChildren(...entries.map((entry, index) => {
    const isEditing = editing === index;
    const meta = isEditing ? dateField(entry, index) : [el("span", "entry-date", entry.date)];
    meta.push(el("span", "entry-credits", entry.credits));
    if (entry.required) {
      meta.push(badge(t("required_badge")));
    }
    const below = [];
    if (isEditing) {
      const error = el("p", "field-error");
      error.id = "calc-edit-date-error";
      below.push(error);
    }
    if (entry.lower_value) {
      below.push(note(entry.lower_value, "entry-note info"));
    }
    const actions = isEditing
      ? [button(t("calc_save"), "save-date", index, null, "primary"), button(t("calc_cancel"), "cancel-date", index)]
      : [button(t("calc_edit"), "edit-date", index, entry.edit_label), button(t("calc_remove"), "remove-attendance", index, entry.remove_label)];
    return entryItem(index, isEditing, entry, { meta, below, actions });
  }));
  byId("calc-attendances-empty").hidden = entries.length > 0;
}

export function renderPapers(entries, editing) {
  byId("calc-papers").replaceChildren(...entries.map((entry, index) => entryItem(index, editing === index, entry, {
    meta: [el("span", "entry-date", entry.date), el("span", "entry-kind", entry.kind), el("span", "entry-credits", entry.credits)],
    below: [],
    actions: [button(t("calc_edit"), "edit-paper", index, entry.edit_label), button(t("calc_remove"), "remove-paper", index, entry.remove_label)]
  })));
  byId("calc-papers-empty").hidden = entries.length > 0;
}

/** Focuses a button of an entry, after its list was drawn again. */
export function focusEntry(listId, index, action) {
  const found = byId(listId).querySelector("li[data-index=\"" + index + "\"] button[data-action=\"" + action + "\"]");
  if (found) {
    found.focus();
  }
}

/** After a removal: the next entry's Remove, or the list's heading. */
export function focusAfterRemoval(listId, index, headingId) {
  const items = byId(listId).querySelectorAll("li[data-index]");
  const next = items[Math.min(index, items.length - 1)];
  const target = next ? next.querySelector("button[data-action^=\"remove\"]") : null;
  (target || byId(headingId)).focus();
}
