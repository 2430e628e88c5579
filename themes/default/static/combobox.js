// A text box with a list of suggestions under it (the ARIA combobox
// pattern), written once for the search box and the calculator's meeting
// picker: the arrow keys move through the options, Enter picks one, Escape
// closes the list, and a pointer picks one without taking the focus from
// the box.

import { el } from "./dom.js";

/**
 * What a box needs (the search index), loaded once and again after a
 * failure, with its status line saying it is coming or that it failed.
 */
export function loadingWithStatus(status, load, words) {
  let loading = null;
  return () => {
    if (!loading) {
      status.textContent = words.loading;
      loading = load().then((loaded) => {
        status.textContent = "";
        return loaded;
      });
      loading.catch(() => {
        status.textContent = words.error;
        loading = null;
      });
    }
    return loading;
  };
}

/** An option of the list, to fill. */
export function option(id, className) {
  const item = el("li", className);
  item.id = id;
  item.setAttribute("role", "option");
  item.setAttribute("aria-selected", "false");
  return item;
}

/** The one option of a list where nothing matches: shown, not picked. */
export function noneOption(id, className, words) {
  const item = el("li", className, words);
  item.id = id;
  item.setAttribute("role", "option");
  item.setAttribute("aria-disabled", "true");
  return item;
}

export class Combobox {
  /**
   * `pick(option, event)` when an option is chosen; `reopen()`, when given,
   * when an arrow key is pressed while the list is closed; `closeOnBlur`
   * closes the list when the box loses the focus; `firstOnEnter()`, when
   * given and true, lets Enter pick the first option when none is active
   * (without it, Enter with none active is the form's).
   */
  constructor(input, list, { pick, reopen, closeOnBlur, firstOnEnter }) {
    this.input = input;
    this.list = list;
    this.active = -1;
    this.firstOnEnter = firstOnEnter || (() => false);
    input.addEventListener("keydown", (event) => this.key(event, pick, reopen));
    if (closeOnBlur) {
      input.addEventListener("blur", () => this.close());
    }
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("click", (event) => {
      const chosen = event.target.closest("[role=option]:not([aria-disabled])");
      if (chosen) {
        pick(chosen, event);
      }
    });
  }

  get open() {
    return !this.list.hidden;
  }

  /** Shows these options, none of them active. */
  show(items) {
    this.list.replaceChildren(...items);
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.list.hidden = true;
    this.list.replaceChildren();
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  }

  options() {
    return this.list.querySelectorAll("[role=option]:not([aria-disabled])");
  }

  move(step) {
    const items = this.options();
    if (!items.length) {
      return;
    }
    this.active = (this.active + step + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute("aria-selected", i === this.active ? "true" : "false"));
    this.input.setAttribute("aria-activedescendant", items[this.active].id);
    items[this.active].scrollIntoView({ block: "nearest" });
  }

  key(event, pick, reopen) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!this.open && !reopen) {
        return;
      }
      event.preventDefault();
      if (this.open) {
        this.move(event.key === "ArrowDown" ? 1 : -1);
      } else {
        reopen();
      }
    } else if (event.key === "Enter" && this.open && (this.active >= 0 || this.firstOnEnter())) {
      const chosen = this.options()[Math.max(this.active, 0)];
      if (chosen) {
        event.preventDefault();
        pick(chosen, event);
      }
    } else if (event.key === "Escape" && this.open) {
      event.preventDefault();
      this.close();
    }
  }
}
