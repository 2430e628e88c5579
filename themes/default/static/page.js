// The page's data for its scripts, read once: its language, the way to the
// site's root, the WebAssembly module its scripts load (the search alone, or
// on the calculator's page the whole core), and the UI strings its scripts use (the `#ui-strings` block
// the site renders from its i18n files). The WebAssembly core reads the
// same block and makes every sentence with a {placeholder} from it; the
// scripts show the plain ones as they are.

const block = document.getElementById("ui-strings");

/** The block's text, as the core is given it. */
export const json = block ? block.textContent : "";

const data = json
  ? JSON.parse(json)
  : { lang: document.documentElement.lang, module: "tanni-search.wasm", root: "", strings: {} };

export const lang = data.lang;

/** The site's root, relative to this page ("../../"), as its links are. */
export const root = data.root;

/** The WebAssembly module of the page, under static/. */
export const module = data.module;

/** A string of the page, for text without placeholders. */
export function t(key) {
  return data.strings[key] || "";
}
