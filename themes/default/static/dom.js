// Nodes from what the core returns. Text comes in runs: a plain run is a
// string, a run in an element an object {text, href?, lang?, class?, mark?}
// (a link, a name in the other language, a matched part, a date kept on one
// line). Everything is set as text: nothing is parsed as HTML.

const SVG = "http://www.w3.org/2000/svg";

export function byId(id) {
  return document.getElementById(id);
}

export function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (content !== undefined && content !== null) {
    node.textContent = content;
  }
  return node;
}

export function svg(tag, attributes, content) {
  const node = document.createElementNS(SVG, tag);
  Object.keys(attributes).forEach((name) => node.setAttribute(name, attributes[name]));
  if (content !== undefined) {
    node.textContent = content;
  }
  return node;
}

function runNode(run) {
  if (typeof run === "string") {
    return document.createTextNode(run);
  }
  const node = el(run.href ? "a" : run.mark ? "mark" : "span", run.class, run.text);
  if (run.href) {
    node.href = run.href;
  }
  if (run.lang) {
    node.lang = run.lang;
  }
  return node;
}

/** Text in runs, as nodes. */
export function runs(rich) {
  const fragment = document.createDocumentFragment();
  rich.forEach((run) => fragment.append(runNode(run)));
  return fragment;
}

/**
 * Text in runs into an element. A name that is the whole text (a run with
 * only its language) gives its language to the element itself.
 */
export function fill(node, rich) {
  const only = rich.length === 1 ? rich[0] : null;
  if (only && typeof only === "object" && only.lang && !only.href && !only.mark && !only.class) {
    node.lang = only.lang;
    node.textContent = only.text;
  } else {
    node.replaceChildren(runs(rich));
  }
  return node;
}

/** A text with the part a query matched marked: {runs, lang}. */
export function marked(text, className) {
  const node = el("span", className);
  if (text.lang) {
    node.lang = text.lang;
  }
  node.append(runs(text.runs));
  return node;
}

export function badge(words) {
  return el("span", "badge required", words);
}

/** A result's line under its name, with the required badge when it is. */
export function detailLine(className, words, required, badgeWords) {
  const line = el("span", className, words);
  if (required) {
    line.append(" ", badge(badgeWords));
  }
  return line;
}
