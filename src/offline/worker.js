// The site's service worker: after a first visit the site keeps working
// without a network (a conference hall without signal). Above this code the
// build writes VERSION, a hash of every file of the build, and the files:
// SHELL, cached when the worker installs (the pages but the meetings', the
// scripts, the WebAssembly modules, the search's files), and PAGES, the
// meetings' pages, fetched a few at a time once it runs. A new build has
// another VERSION, so a browser installs its worker, which fills a new cache
// and deletes the old one.
//
// Pages come from the network first (the newest catalog when there is one),
// from the cache when the network fails or is slow; everything else comes
// from the cache of this build first. Whatever is fetched is kept.

const PREFIX = "tanni " + self.registration.scope + " ";
const CACHE = PREFIX + VERSION;
const SLOW_MS = 4000;

const address = (path) => new URL(path, self.registration.scope).href;

/** Fetched anew, not from the browser's HTTP cache, so the bytes are this build's. */
const fresh = (path) => new Request(address(path), { cache: "reload" });

/** A page's key in the cache: its address without query or anchor. */
function pageKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  return key.href;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL.map(fresh)))
      .then(() => self.skipWaiting())
  );
});

/** The meetings' pages not cached yet, four at a time; one that fails is
 * cached when it is visited. */
async function cachePages(cache) {
  const cached = new Set((await cache.keys()).map((request) => request.url));
  const queue = PAGES.filter((path) => !cached.has(address(path)));
  const worker = async () => {
    while (queue.length) {
      const path = queue.shift();
      try {
        const response = await fetch(fresh(path));
        if (response.ok) {
          await cache.put(address(path), response);
        }
      } catch (error) {
        // Offline again: the rest waits for the next visit.
        return;
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
    await cachePages(await caches.open(CACHE));
  })());
});

/** The network's answer, or an error when it takes longer than SLOW_MS. */
function network(request) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("slow network")), SLOW_MS);
    fetch(request).then((response) => {
      clearTimeout(timer);
      resolve(response);
    }, (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function page(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await network(request);
    if (response.ok) {
      await cache.put(pageKey(request.url), response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(pageKey(request.url));
    if (cached) {
      return cached;
    }
    throw error;
  }
}

async function file(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  // Not cached when the worker started (a large site's search): kept now.
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Not another site's, and never this worker's own script from the cache.
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope) || request.url === self.location.href) {
    return;
  }
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});
