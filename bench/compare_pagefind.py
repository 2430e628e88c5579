#!/usr/bin/env python3
"""Compares tanni's search with Pagefind's on the same built site, in a browser.

Builds the site with tanni into a temporary folder, indexes that same site with
Pagefind twice (one index per language, from each page's <html lang>), serves it
on 127.0.0.1 and drives headless Chromium through chromedriver (plain WebDriver
over HTTP). Pagefind runs in two configurations (--quiet only quiets its log):

- pagefind (defaults): `python3 -m pagefind --site <site> --quiet`, bundle in
  /pagefind/: what a site gets with no markup. Pagefind indexes each page's
  <body>; it leaves out the <nav>, <form> and <footer> elements on its own, but
  the rest of the site's header (the skip link, the site's name and the language
  switch) lands in every page's record;
- pagefind (main only): the same with `--root-selector main --output-subdir
  pagefind-main`, bundle in /pagefind-main/: only each page's <main>, the content
  region a site author would mark (every page has one, and the header, the
  breadcrumbs and the footer are outside it). This is Pagefind at its fairest
  short of tuning it to the queries.

Each engine answers the queries of bench/search_queries.toml in a page of their
language (/ja/ or /en/):

- tanni: a click on the header box #search-input loads the core, then
  `window.tanniSearch.search(query, 10)` gives the ranked references;
- Pagefind: `import('/<bundle>/pagefind.js')`, `init()`, `search(query)`, and
  `data()` of the first 10 results: each one's url, then its sub-results' urls.
  The server's log must show that each configuration fetched from its own
  bundle and from nothing else.

Scoring, the same for every engine, at page level: the #fragment is cut from
answers and results, and the results keep the first occurrence of each page
(three sections of the rules page are one result), at most 10 pages. For a query
with answers, its rank is the position of the first page that is one of them:
hit@1, hit@3 and the reciprocal rank (0 beyond the 10th or if absent), averaged
over these queries (MRR). A query with no answer is right (1 for each measure)
only if the engine returns nothing at all; it is counted apart.

The first query's cost is measured in a fresh browser (new profile, nothing
cached), three times per engine and language, and the medians are reported: the
time in the page from the first query (tanni: from the pointer on the box, as
the core and index load, to the first search's return; Pagefind, in each of its
configurations: from import() to the data of the first results) and the bytes
the server sent (headers and bodies) for the requests made after the page's
load, until the network falls quiet after that query. The bytes are counted at
the server because Pagefind fetches its index from a web worker, whose requests
the page's own resource timing does not list (that count is printed beside it
for comparison). The server here does not compress; the (gzip) column is the
same transfer with the bodies of HTML, CSS, JS, JSON, WASM, SVG, XML and text as
gzip -6 sends them, as static hosts do (Pagefind's index and fragment files are
gzip already).

Needs: Chromium and chromedriver (Debian: apt-get install chromium
chromium-driver), Pagefind (pip install 'pagefind[extended]'), and a release
build of tanni (cargo build --release). Run from the repository root:

    python3 bench/compare_pagefind.py
"""

import functools
import gzip
import http.server
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from webdriver import CHROMEDRIVER, CHROMIUM, Browser, free_port  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
TANNI = ROOT / "target" / "release" / "tanni"
QUERIES = ROOT / "bench" / "search_queries.toml"
LIMIT = 10
COST_QUERY = {"ja": "核医学", "en": "nuclear medicine"}
COST_RUNS = 3
# Pagefind's configurations: each one's bundle folder in the site, and its options
# beyond `--site <site> --quiet`.
PAGEFIND = {
    "pagefind (defaults)": ("pagefind", []),
    "pagefind (main only)": ("pagefind-main",
                             ["--root-selector", "main", "--output-subdir", "pagefind-main"]),
}
ENGINES = ("tanni", *PAGEFIND)
# What static hosts compress on the way; Pagefind's own files are compressed already.
COMPRESSED = {".html", ".css", ".js", ".json", ".wasm", ".svg", ".xml", ".txt"}


def fail(message: str) -> None:
    sys.exit(f"error: {message}")


def check_tools() -> tuple:
    """Fails with what to install if a tool is missing; tanni's and Pagefind's versions."""
    if not TANNI.exists():
        fail(f"{TANNI} is missing: run cargo build --release")
    tanni = subprocess.run([str(TANNI), "--version"], capture_output=True, text=True)
    for tool, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not pathlib.Path(tool).exists():
            fail(f"{tool} is missing: apt-get install {package}")
    found = subprocess.run([sys.executable, "-m", "pagefind", "--version"],
                           capture_output=True, text=True)
    if found.returncode != 0:
        fail("Pagefind is missing: pip install 'pagefind[extended]'")
    return tanni.stdout.strip(), found.stdout.strip()


def build_site(work: pathlib.Path) -> pathlib.Path:
    site = work / "site"
    subprocess.run([str(TANNI), "build", "--root", str(ROOT), "--output-dir", str(site)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    for _, options in PAGEFIND.values():
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet",
                        *options], cwd=work, check=True)
    return site


# The server: the built site on loopback, and a log of what it sent.


class Counted:
    """The connection's writer, counting the bytes written through it."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def write(self, data) -> int:
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".pagefind": "application/octet-stream",
        ".pf_meta": "application/octet-stream",
        ".pf_index": "application/octet-stream",
        ".pf_fragment": "application/octet-stream",
    }

    def __init__(self, *args, log, **kwargs):
        self.log = log
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        self.wfile = Counted(self.wfile)

    def do_GET(self) -> None:
        before = self.wfile.count
        super().do_GET()
        served = pathlib.Path(self.translate_path(self.path))
        if served.is_dir():
            served = served / "index.html"
        with self.log["lock"]:
            self.log["sent"].append((self.path, self.wfile.count - before, served))

    def log_message(self, format, *args) -> None:
        pass


def serve(site: pathlib.Path):
    """The site served on 127.0.0.1 in a thread: the server, its URL and its log."""
    log = {"lock": threading.Lock(), "sent": []}
    handler = functools.partial(Handler, directory=str(site), log=log)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", log


def quiet(log: dict, calm: float = 0.5, longest: float = 10.0) -> int:
    """Waits until the server has had no request for `calm` seconds; the log's length."""
    started = time.monotonic()
    seen, since = len(log["sent"]), time.monotonic()
    while time.monotonic() - started < longest:
        time.sleep(0.05)
        if len(log["sent"]) != seen:
            seen, since = len(log["sent"]), time.monotonic()
        elif time.monotonic() - since >= calm:
            break
    return seen


# The browser: Chromium through chromedriver, in plain WebDriver.


# The engines in the page.

WAIT_FOR_TANNI = """
const done = arguments[arguments.length - 1];
const started = performance.now();
(function poll() {
  if (window.tanniSearch) return done(true);
  if (performance.now() - started > 30000) return done(false);
  setTimeout(poll, 10);
})();
"""

TANNI_SEARCH = "return window.tanniSearch.search(arguments[0], arguments[1]);"

PAGEFIND_SEARCH = """
const [bundle, query, limit, done] = arguments;
const loaded = window.pagefindLoaded = window.pagefindLoaded || {};
loaded[bundle] = loaded[bundle] || import(`/${bundle}/pagefind.js`)
  .then(async (pagefind) => { await pagefind.init?.(); return pagefind; });
(async () => {
  const pagefind = await loaded[bundle];
  const search = await pagefind.search(query);
  const top = await Promise.all(search.results.slice(0, limit).map((r) => r.data()));
  return {
    count: search.results.length,
    refs: top.flatMap((d) => [d.url, ...(d.sub_results || []).map((s) => s.url)]),
  };
})().then(done, (e) => done({error: String((e && e.stack) || e)}));
"""


def normalise(url: str, lang: str) -> str:
    """A result's URL as a reference under /<lang>/ (meetings/rsna/, rules/#credits)."""
    if "://" in url:
        url = "/" + url.split("://", 1)[1].partition("/")[2]
    path, hash_, fragment = url.partition("#")
    path = path.removesuffix("index.html")
    prefix = f"/{lang}/"
    if path.startswith(prefix):
        path = path[len(prefix):]
    return path + hash_ + fragment


def search_tanni(browser: Browser, base: str, lang: str, queries: list) -> list:
    browser.goto(f"{base}/{lang}/")
    browser.click("#search-input")
    if not browser.run_async(WAIT_FOR_TANNI):
        fail(f"tanni's search did not load on /{lang}/")
    return [[hit["ref"] for hit in browser.run(TANNI_SEARCH, q["text"], LIMIT)]
            for q in queries]


def search_pagefind(browser: Browser, base: str, lang: str, queries: list,
                    engine: str, log: dict) -> list:
    browser.goto(f"{base}/{lang}/")
    mark = quiet(log)
    found = []
    for query in queries:
        reply = browser.run_async(PAGEFIND_SEARCH, PAGEFIND[engine][0], query["text"], LIMIT)
        if "error" in reply:
            fail(f"{engine} on /{lang}/, {query['text']!r}: {reply['error']}")
        found.append([normalise(url, lang) for url in reply["refs"]])
    check_bundle(engine, lang, [path for path, _, _ in log["sent"][mark:quiet(log)]])
    return found


def check_bundle(engine: str, lang: str, requests: list) -> None:
    """Fails unless a Pagefind configuration fetched from its own bundle, and only from it."""
    bundle = f"/{PAGEFIND[engine][0]}/"
    if not requests or not all(path.startswith(bundle) for path in requests):
        fail(f"{engine} on /{lang}/ did not fetch only from {bundle}: {files(requests)}")


# Scoring.


def pages(refs: list) -> list:
    """The pages of the references, each once, in the order first seen, at most LIMIT."""
    seen = []
    for ref in refs:
        page = ref.partition("#")[0]
        if page not in seen:
            seen.append(page)
    return seen[:LIMIT]


def score(answers: list, refs: list) -> dict:
    """hit@1, hit@3 and the reciprocal rank of one query's results."""
    if not answers:
        right = 0.0 if refs else 1.0
        return {"hit1": right, "hit3": right, "rr": right, "rank": None}
    wanted = {answer.partition("#")[0] for answer in answers}
    ranked = pages(refs)
    rank = next((i for i, page in enumerate(ranked, 1) if page in wanted), None)
    return {
        "hit1": float(rank == 1),
        "hit3": float(rank is not None and rank <= 3),
        "rr": 1 / rank if rank else 0.0,
        "rank": rank,
    }


def summarise(queries: list, results: list) -> dict:
    scored = [score(q["answers"], refs) for q, refs in zip(queries, results)]
    answerable = [s for q, s in zip(queries, scored) if q["answers"]]
    empty = [s for q, s in zip(queries, scored) if not q["answers"]]

    def mean(key: str) -> float:
        return sum(s[key] for s in answerable) / len(answerable) if answerable else 0.0

    return {
        "hit1": mean("hit1"), "hit3": mean("hit3"), "mrr": mean("rr"),
        "answerable": len(answerable),
        "empty_right": sum(int(s["hit1"]) for s in empty), "empty": len(empty),
        "scored": scored,
    }


# The first query's cost.

TANNI_COST_SETUP = """
const query = arguments[0];
if ('tanniSearch' in window) return false;
performance.setResourceTimingBufferSize(1000);
const bench = window.tanniBench = {n0: performance.getEntriesByType('resource').length};
const start = () => { if (bench.t0 === undefined) bench.t0 = performance.now(); };
document.addEventListener('pointerdown', start, true);
document.addEventListener('focusin', start, true);
let core;
Object.defineProperty(window, 'tanniSearch', {
  configurable: true,
  get() { return core; },
  set(value) {
    core = value;
    bench.hits = value.search(query, 10);
    bench.t1 = performance.now();
  },
});
return true;
"""

TANNI_COST_RESULT = """
const done = arguments[arguments.length - 1];
const bench = window.tanniBench;
const started = performance.now();
(function poll() {
  if (bench.t1 !== undefined) {
    const after = performance.getEntriesByType('resource').slice(bench.n0);
    return done({ms: bench.t1 - bench.t0, hits: bench.hits.length,
                 pageBytes: after.reduce((n, e) => n + (e.transferSize || e.encodedBodySize), 0),
                 pageEntries: after.length});
  }
  if (performance.now() - started > 30000) return done({error: 'the core did not load'});
  setTimeout(poll, 10);
})();
"""

PAGEFIND_COST = """
const [bundle, query, done] = arguments;
performance.setResourceTimingBufferSize(1000);
const n0 = performance.getEntriesByType('resource').length;
(async () => {
  const t0 = performance.now();
  const pagefind = await import(`/${bundle}/pagefind.js`);
  await pagefind.init?.();
  const search = await pagefind.search(query);
  const top = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  const t1 = performance.now();
  const after = performance.getEntriesByType('resource').slice(n0);
  return {ms: t1 - t0, hits: top.length,
          pageBytes: after.reduce((n, e) => n + (e.transferSize || e.encodedBodySize), 0),
          pageEntries: after.length};
})().then(done, (e) => done({error: String((e && e.stack) || e)}));
"""


@functools.cache
def size(served: pathlib.Path, gzipped: bool = False) -> int:
    """A file's size, or as gzip -6 would send it if a host compresses its type."""
    if not served.is_file():
        return 0
    body = served.read_bytes()
    if gzipped and served.suffix in COMPRESSED:
        return len(gzip.compress(body, 6))
    return len(body)


def first_query(engine: str, base: str, lang: str, log: dict) -> dict:
    """One fresh browser's first query: its time, and what the server sent for it."""
    browser = Browser()
    try:
        browser.goto(f"{base}/{lang}/")
        mark = quiet(log)
        if engine == "tanni":
            if not browser.run(TANNI_COST_SETUP, COST_QUERY[lang]):
                fail(f"tanni's search was loaded on /{lang}/ before any use")
            browser.click("#search-input")
            reply = browser.run_async(TANNI_COST_RESULT)
        else:
            reply = browser.run_async(PAGEFIND_COST, PAGEFIND[engine][0], COST_QUERY[lang])
        if "error" in reply:
            fail(f"{engine} on /{lang}/, first query: {reply['error']}")
        end = quiet(log)
        sent = log["sent"][mark:end]
        if engine in PAGEFIND:
            check_bundle(engine, lang, [path for path, _, _ in sent])
        return {**reply, "bytes": sum(n for _, n, _ in sent),
                "gzip": sum(n - size(served) + size(served, gzipped=True) for _, n, served in sent),
                "requests": [p for p, _, _ in sent]}
    finally:
        browser.quit()


def files(paths: list) -> str:
    """The requested paths, Pagefind's chunks counted by folder."""
    counts = {}
    for path in paths:
        path = path.split("?")[0]
        folder, _, name = path.rpartition("/")
        key = f"{folder}/* " if folder.endswith(("/fragment", "/index")) else path
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(key if n == 1 else f"{key}×{n}" for key, n in counts.items())


# The report.


def kib(count: float) -> str:
    return f"{count / 1024:,.1f} KiB"


def print_table(stats: dict, costs: dict, counts: dict) -> None:
    print("| language | engine | hit@1 | hit@3 | MRR | no-answer empty "
          "| first query: bytes | (gzip) | first query: ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for lang in ("ja", "en"):
        for engine in ENGINES:
            s, c = stats[lang, engine], costs[lang, engine]
            print(f"| {lang} ({counts[lang]} queries) | {engine} | {s['hit1']:.0%} "
                  f"| {s['hit3']:.0%} | {s['mrr']:.3f} | {s['empty_right']}/{s['empty']} "
                  f"| {kib(c['bytes'])} | {kib(c['gzip'])} | {c['ms']:.0f} |")


def main() -> None:
    tanni_version, pagefind_version = check_tools()
    queries = tomllib.loads(QUERIES.read_text())["query"]
    by_lang = {lang: [q for q in queries if q["lang"] == lang] for lang in ("ja", "en")}
    with tempfile.TemporaryDirectory(prefix="tanni-bench-") as work:
        site = build_site(pathlib.Path(work))
        server, base, log = serve(site)
        try:
            results, stats, costs = {}, {}, {}
            browser = Browser()
            try:
                chromium_version = browser.version
                for lang, asked in by_lang.items():
                    results[lang, "tanni"] = search_tanni(browser, base, lang, asked)
                    for engine in PAGEFIND:
                        results[lang, engine] = search_pagefind(browser, base, lang, asked,
                                                                engine, log)
            finally:
                browser.quit()
            for (lang, engine), found in results.items():
                stats[lang, engine] = summarise(by_lang[lang], found)
                # Pages outside /<lang>/ stay as they are (the root page is
                # in Japanese); none may be of the other language.
                other = "/en/" if lang == "ja" else "/ja/"
                stray = [ref for refs in found for ref in refs if other in ref]
                if stray:
                    fail(f"{engine} on /{lang}/ returned pages of {other}: {stray[:3]}")
            runs = {}
            for lang in by_lang:
                for engine in ENGINES:
                    runs[lang, engine] = [first_query(engine, base, lang, log)
                                          for _ in range(COST_RUNS)]
                    costs[lang, engine] = {
                        key: statistics.median(run[key] for run in runs[lang, engine])
                        for key in ("bytes", "gzip", "ms")}
        finally:
            server.shutdown()
            server.server_close()

    print(f"{tanni_version} ({TANNI.relative_to(ROOT)}); {pagefind_version} "
          f"(python3 -m pagefind --site <site> --quiet, then with "
          f"{' '.join(PAGEFIND['pagefind (main only)'][1])}); "
          f"Chromium {chromium_version} (headless)")
    print(f"queries: {QUERIES.relative_to(ROOT)}: "
          + ", ".join(f"{len(asked)} {lang} ({sum(1 for q in asked if not q['answers'])} "
                      "with no answer)" for lang, asked in by_lang.items()))
    print("first query: " + ", ".join(f"{lang} {q!r}" for lang, q in COST_QUERY.items())
          + f", median of {COST_RUNS} fresh browsers\n")
    print_table(stats, costs, {lang: len(asked) for lang, asked in by_lang.items()})
    print("\nRun: python3 bench/compare_pagefind.py\n")

    print("First query, per run (bytes the server sent; the page's own resource timing):")
    for (lang, engine), done in runs.items():
        print(f"  {lang} {engine}: "
              + "; ".join(f"{run['ms']:.0f} ms, {run['bytes']:,} B, gzip {run['gzip']:,} B "
                          f"(page saw {run['pageBytes']:,} B in {run['pageEntries']})"
                          for run in done))
        print(f"    fetched: {files(done[0]['requests'])}")

    print("\nResults outside /<lang>/ (kept; never an answer):")
    for (lang, engine), found in results.items():
        outside = [page for refs in found for page in pages(refs) if page.startswith("/")]
        if outside:
            counts = {page: outside.count(page) for page in outside}
            print(f"  {lang} {engine}: "
                  + ", ".join(f"{page} in {n} queries" for page, n in counts.items()))

    print("\nMissed at 3 (for a query with no answer: returned something):")
    missed, width = 0, max(map(len, ENGINES))
    for (lang, engine), found in results.items():
        for query, refs, s in zip(by_lang[lang], found, stats[lang, engine]["scored"]):
            if s["hit3"]:
                continue
            missed += 1
            first = pages(refs)
            where = f"rank {s['rank']}" if s["rank"] else "not in top 10"
            if not query["answers"]:
                where = f"{len(first)} pages"
            shown = first[0] if first else "(nothing)"
            print(f"  {lang} {engine:{width}} {query['text']!r}: {where}; "
                  f"first: {shown or '(home)'}")
    if not missed:
        print("  (none)")


if __name__ == "__main__":
    main()
