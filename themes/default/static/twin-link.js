// The language switch keeps the reader's place: the twin page opens with
// the same query (a search's ?q=, the calculator's ?add=, the table's
// filter) and the same #anchor, which both languages share. The link is
// brought up to date when the page loads and again just before it is
// followed, since the page's scripts change the address as the reader works.

const link = document.querySelector("a.lang-switch");

if (link) {
  const twin = new URL(link.getAttribute("href"), window.location.href);
  const update = () => {
    twin.search = window.location.search;
    twin.hash = window.location.hash;
    link.href = twin.href;
  };
  update();
  ["pointerenter", "focus", "click"].forEach((event) => link.addEventListener(event, update));
  window.addEventListener("hashchange", update);
}
