// tanni serve's live reload. `tanni serve` adds this script to each page it
// sends (never `tanni build`: the site holds no trace of it); the address
// it is loaded from names the build the page is of (`?site=3`).
//
// A WebSocket tells the page of every build. After a good one the page
// reloads: past the site's service worker, which would answer its files
// from the cache of the build before (it registers again on the reloaded
// page). A failed one shows its error, as the terminal does (file, line,
// column, caret), over the page, which stays the last good build, until the
// next good build reloads it.
//
// A WebSocket rather than server-sent events: the service worker does not
// see it (it would keep an event stream for its cache, and never answer),
// and it does not take one of the browser's six connections to the server.
// When the server stops, the page stays as it is and tries nothing more
// (each try would be an error in the console): reload it by hand.

const site = new URL(import.meta.url).searchParams.get("site");
const address = new URL("/__tanni/socket", import.meta.url);
address.protocol = address.protocol === "https:" ? "wss:" : "ws:";
const socket = new WebSocket(address);
const OVERLAY = "tanni-serve-error";

// The state of the builds: the site the output holds, and why the latest
// build failed (null when it did not). A page of an older site reloads
// first, then shows the error, if any, over the last good site.
socket.addEventListener("message", (event) => {
  const status = JSON.parse(event.data);
  if (String(status.site) !== site) {
    reload();
  } else if (status.error !== null) {
    show(status.error);
  } else {
    hide();
  }
});

async function reload() {
  socket.close();
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    await registration?.unregister();
  } catch (error) {
    // No worker to go past: the reload is all there is.
  }
  window.location.reload();
}

function hide() {
  document.getElementById(OVERLAY)?.remove();
}

/** The error over the page, built with the DOM (the text as text): a bar
 * with the button that dismisses it, then the error, scrolled on its own. */
function show(error) {
  hide();
  const overlay = document.createElement("div");
  overlay.id = OVERLAY;
  overlay.lang = "en";
  overlay.setAttribute("role", "alertdialog");
  overlay.setAttribute("aria-labelledby", OVERLAY + "-title");
  const panel = document.createElement("div");
  panel.className = "tanni-serve-panel";
  const bar = document.createElement("div");
  bar.className = "tanni-serve-bar";
  const title = document.createElement("p");
  title.id = OVERLAY + "-title";
  title.className = "tanni-serve-title";
  title.textContent = "tanni serve: the build failed. This page is the last good build.";
  const text = document.createElement("pre");
  text.className = "tanni-serve-text";
  text.textContent = error;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "tanni-serve-close";
  close.textContent = "Dismiss";
  close.addEventListener("click", hide);
  bar.append(title, close);
  panel.append(bar, text);
  overlay.append(panel);
  overlay.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hide();
    }
  });
  document.body.append(overlay);
  close.focus();
}
