// Registers the site's service worker (sw.js, at the site's root), which
// keeps the pages, the search and the calculator working without a network
// after this first visit. The browser asks for sw.js anew on each visit
// (not from its HTTP cache), so a new build is picked up at once. Nothing
// happens where there is no service worker: a page opened from the file
// system, an old browser.

import { root } from "./page.js";

if ("serviceWorker" in navigator && /^https?:$/.test(window.location.protocol)) {
  navigator.serviceWorker
    .register(new URL(root + "sw.js", window.location.href), { updateViaCache: "none" })
    .catch((error) => window.console.warn("offline use is not available:", error));
}
