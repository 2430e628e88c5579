#!/usr/bin/env python3
"""The cost of a member's first search on a page: tanni against Pagefind, on the
same built site, at several catalog sizes, on a throttled network and CPU.

For each size (the real catalog, and synthetic catalogs of N meetings written by
examples/synth.rs) the site is built with tanni and the same built site is
indexed with Pagefind (`python3 -m pagefind --site SITE --quiet`, bundle in
/pagefind/). It is served on 127.0.0.1 by a Python server of this script and
driven in headless Chromium through chromedriver (plain WebDriver over HTTP),
one fresh browser (new profile, nothing cached) per measured search, in
Japanese on /ja/ by default (--query, --lang).

Each run loads the page unthrottled, waits until the network is quiet, then
turns the throttling on and makes the first search:

- tanni, as a member does: a WebDriver click on #search-input (its focus
  loads the search core and the index manifest), then the query typed
  (WebDriver "element send keys", one input event per character). The clock
  starts when the click's press reaches the page (the first pointerdown,
  mousedown or focusin event, by its timeStamp, in performance.now() time)
  and stops when #search-suggestions is visible and holds at least one result
  option ([role=option][data-href], "more results" aside) rendered after the
  last input event (a MutationObserver and a timer poll, in one async script
  installed just before the click). Left out: chromedriver's own work before
  it dispatches the click (it scrolls to the element and checks it in the
  page: about 100 ms unthrottled, 450 ms at CPU 4x), which is no cost of the
  search and which Pagefind's clock does not pay either; the per-run lines
  and the JSON give it (`press`) and the time from just before the click
  command (`fromScript`). The typing's round trips (focus to first input
  event) overlap with the loading.
- pagefind: from `import('/pagefind/pagefind.js')` through `init()`,
  `search(query)` and `data()` of the first 10 results, as a search UI shows
  them. Pagefind runs its search in a web worker.
- pagefind-noworker: the same with `options({noWorker: true})` first, so that
  Pagefind runs on the page's main thread (see the CPU throttling below).

Throttling, per profile:

- desktop: 10 Mbit/s down and up, 50 ms latency, no CPU slowdown;
- phone: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, CPU 4x slower.

The network is throttled in this script's server, not in Chromium: Chromium's
Network.emulateNetworkConditions does not apply to the fetches of a dedicated
web worker (checked on Chromium 148: a 1 MB fetch took 5.2 s from the page and
20 ms from a worker under the phone profile), and Pagefind fetches its index
from a worker. The server adds, per request, the time to upload the request
at the profile's upload rate and the latency, then sends the response in
chunks paced at the download rate, one link shared by all the connections of
the browser (as Chromium's own emulation models it). The server sends bodies
as a static host would: HTML, CSS, JS, JSON, WASM, SVG, XML and text gzip -6
compressed (Content-Encoding: gzip, compressed once in Python and cached),
everything else as it is (Pagefind's .pf_* and .pagefind files are gzip
already), so the throttled bytes are the bytes counted. Connections are
HTTP/1.1 with keep-alive, at most 6 per host in Chromium; a host serving
HTTP/2 would let many small requests go at once; no TCP or TLS handshake is
simulated.

The CPU is throttled with Chromium's Emulation.setCPUThrottlingRate (through
chromedriver's CDP passthrough), which slows the page's main thread only: a
worker target refuses it ("Operation is only supported for pages, not
workers"), and a worker's busy loop ran only 1.1x to 2.3x slower, not 4x (the
script measures and prints this factor at the start). tanni's search runs on
the main thread, so it gets the full slowdown; Pagefind's worker does not,
which favours Pagefind on the phone profile. pagefind-noworker is Pagefind with
the full slowdown, for a fair comparison; both are reported.

Reported per size, engine and profile, the median of --rounds runs (rounds
interleave engines and profiles): the time of the first search in ms, the
bytes the server sent for it (bodies as sent, i.e. gzip where a host would
compress; headers not counted) and its number of requests, counting every
request made after the page's load until the network is quiet after the
search (at least 1 s with nothing in flight). Counting at the server sees the
worker's requests too. After each run the requests are checked: tanni may
fetch only static/tanni-search.wasm, <lang>/search/manifest.json and
<lang>/search/{i,n,r,w}N.json (nothing outside /static/ and /<lang>/search/),
Pagefind only under /pagefind/. The browser's console messages of warning
level and above are reported. Then: whether tanni's first-search bytes are at
most 300 KB (300,000 B), its desktop time at most 1 s, and whether it is
faster than Pagefind (both modes) on the phone profile.

Needs: Chromium and chromedriver (Debian: apt-get install chromium
chromium-driver), Pagefind (pip install 'pagefind[extended]'), a release build
of tanni (target/release/tanni, copied into the work folder at the start so
that one binary is measured throughout) and of the synth example
(target/release/examples/synth, else `cargo run --release --example synth`).
Python standard library only. Run from the repository root:

    python3 bench/first_query.py [--sizes real,10000,100000] [--rounds 3]
        [--query 核医学] [--lang ja] [--work DIR] [--keep] [--json FILE]

The work folder (default /tmp/tanni-first-query) must be new, empty or made
by this script (marker file); a synthetic size's built and indexed site is
reused when it was built by the same tanni binary and Pagefind version (the
real site is always rebuilt). Its contents are deleted at the end unless
--keep. 100,000 meetings take a few minutes to build and index and some GB of
memory and disk. Timings on a busy or small machine (2 CPUs here) are slower
and noisier: the browser, its worker and this server share the CPUs.
"""

import argparse
import gzip
import hashlib
import http.server
import json
import os
import pathlib
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from webdriver import CHROMEDRIVER, CHROMIUM, Browser, free_port  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
TANNI = ROOT / "target" / "release" / "tanni"
SYNTH = ROOT / "target" / "release" / "examples" / "synth"
MARKER = ".tanni-first-query"
ENGINES = ("tanni", "pagefind", "pagefind-noworker")
# Bandwidths in bytes per second, latency in ms.
PROFILES = {
    "desktop": {"down": 1_250_000, "up": 1_250_000, "latency": 50, "cpu": 1, "window": (1280, 900)},
    "phone": {"down": 200_000, "up": 93_750, "latency": 150, "cpu": 4, "window": (390, 844)},
}
BUDGET_BYTES = 300_000
BUDGET_DESKTOP_MS = 1000
# What static hosts compress on the way; Pagefind's own files are compressed already.
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt"}
TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
    ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm",
    ".svg": "image/svg+xml", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
    ".ico": "image/x-icon", ".png": "image/png",
}
CHUNK = 8192
QUIET_SECONDS = 1.0
SEARCH_TIMEOUT_MS = 180_000


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def fail(message: str) -> None:
    sys.exit(f"error: {message}")


def sha256(path: pathlib.Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------
# The work folder and the sites.

def prepare_work(work: pathlib.Path) -> None:
    if work.exists() and not work.is_dir():
        fail(f"{work} is not a folder")
    work.mkdir(parents=True, exist_ok=True)
    entries = [e for e in work.iterdir() if e.name != MARKER]
    if entries and not (work / MARKER).is_file():
        fail(f"{work} is not empty and was not made by this script (no {MARKER}); "
             "name another folder with --work, or empty this one")
    (work / MARKER).write_text("Made by tanni's bench/first_query.py; its contents are deleted by it "
                               "unless --keep.\n")


def clean_work(work: pathlib.Path) -> None:
    for entry in work.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            subprocess.run(["rm", "-rf", "--one-file-system", str(entry)], check=True)
        else:
            entry.unlink()


def run_logged(argv: list, log: pathlib.Path, cwd=None) -> str:
    """Runs argv with its output in log; its stderr and stdout; fails with their end."""
    with open(log, "w") as out:
        code = subprocess.run([str(a) for a in argv], cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL).returncode
    text = log.read_text(errors="replace")
    if code != 0:
        fail(f"failed ({code}): {shlex.join(map(str, argv))}\n{text[-3000:]}")
    return text


def build_size(size: str, work: pathlib.Path, tanni: pathlib.Path, synth, pagefind_version: str,
               tanni_digest: str) -> dict:
    """The built and Pagefind-indexed site of a size: {site, meetings, ...}; reused if marked."""
    folder = work / f"size-{size}"
    site, project, marker = folder / "site", folder / "project", folder / "built.json"
    stamp = {"size": size, "tanni_sha256": tanni_digest, "pagefind": pagefind_version}
    folder.mkdir(parents=True, exist_ok=True)
    if size != "real" and marker.is_file():
        done = json.loads(marker.read_text())
        if all(done.get(key) == value for key, value in stamp.items()) and site.is_dir():
            say(f"[{size}] reusing the built site in {site} ({done['meetings']:,} meetings)")
            return {**done, "site": site, "reused": True}
    marker.unlink(missing_ok=True)
    if site.exists():
        shutil.rmtree(site)
    if size == "real":
        source = ROOT
    else:
        source = project
        synth_done = folder / "project.done"
        if not synth_done.is_file():
            if project.exists():
                shutil.rmtree(project)
            say(f"[{size}] writing a synthetic site project of {size} meetings")
            started = time.monotonic()
            if synth is not None:
                run_logged([synth, "--meetings", size, "--out", project], folder / "synth.log")
            else:
                run_logged(["cargo", "run", "--release", "--example", "synth", "--",
                            "--meetings", size, "--out", project], folder / "synth.log", cwd=ROOT)
            synth_done.write_text("done\n")
            say(f"[{size}]   written in {time.monotonic() - started:.0f} s")
    say(f"[{size}] tanni build --root {source} --output-dir {site}")
    started = time.monotonic()
    output = run_logged([tanni, "build", "--root", source, "--output-dir", site], folder / "build.log")
    built = re.findall(r"^built (\d+) meetings.*$", output, re.MULTILINE)
    if not built:
        fail(f"no 'built N meetings' line in tanni's output:\n{output[-2000:]}")
    say(f"[{size}]   {re.findall(r'^built .*$', output, re.MULTILINE)[-1]} "
        f"({time.monotonic() - started:.0f} s)")
    say(f"[{size}] python3 -m pagefind --site {site} --quiet (a few minutes at 100,000 meetings)")
    started = time.monotonic()
    run_logged([sys.executable, "-m", "pagefind", "--site", site, "--quiet"], folder / "pagefind.log",
               cwd=folder)
    if not (site / "pagefind" / "pagefind.js").is_file():
        fail(f"Pagefind wrote no {site}/pagefind/pagefind.js")
    say(f"[{size}]   indexed in {time.monotonic() - started:.0f} s")
    done = {**stamp, "meetings": int(built[-1])}
    marker.write_text(json.dumps(done) + "\n")
    return {**done, "site": site, "reused": False}


# ---------------------------------------------------------------------------
# The server: the built site on loopback, throttled, with a log of what it sent.

class Link:
    """The simulated network: per request the upload of the request and the latency, then the
    response paced at the download rate, one link shared by all connections (FIFO chunks)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.profile = None
        self.down_free = self.up_free = 0.0

    def set(self, profile) -> None:
        with self.lock:
            self.profile = profile
            self.down_free = self.up_free = time.monotonic()

    def _wait(self, count: int, direction: str) -> None:
        with self.lock:
            profile = self.profile
            if profile is None or count <= 0:
                return
            now = time.monotonic()
            attribute = f"{direction}_free"
            start = max(now, getattr(self, attribute))
            until = start + count / profile[direction]
            setattr(self, attribute, until)
        delay = until - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def request(self, count: int) -> None:
        """The request's upload, then the latency before the response's first byte."""
        self._wait(count, "up")
        profile = self.profile
        if profile is not None:
            time.sleep(profile["latency"] / 1000)

    def download(self, count: int) -> None:
        self._wait(count, "down")


class State:
    """What the server shares: the site, the link, the log, the bodies compressed once."""

    def __init__(self, site: pathlib.Path):
        self.site = site.resolve()
        self.link = Link()
        self.lock = threading.Lock()
        self.log = []
        self.active = 0
        self.changed = time.monotonic()
        self.gzipped = {}

    def body(self, path: pathlib.Path, compress: bool) -> tuple:
        """(bytes to send, raw size) of a file, gzip -6 when compress (cached)."""
        raw = path.read_bytes()
        if not compress:
            return raw, len(raw)
        key = str(path)
        with self.lock:
            cached = self.gzipped.get(key)
        if cached is None:
            cached = gzip.compress(raw, 6, mtime=0)
            with self.lock:
                self.gzipped[key] = cached
        return cached, len(raw)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "first-query"
    sys_version = ""

    def do_GET(self) -> None:
        state = self.server.state
        with state.lock:
            state.active += 1
            state.changed = time.monotonic()
        sent = raw = 0
        started = time.monotonic()
        try:
            sent, raw = self.respond(state)
        finally:
            with state.lock:
                state.active -= 1
                state.changed = time.monotonic()
                state.log.append({"path": self.path, "bytes": sent, "raw": raw, "start": started,
                                  "end": time.monotonic()})

    def respond(self, state: State) -> tuple:
        request_bytes = len(self.raw_requestline) + len(str(self.headers))
        state.link.request(request_bytes)
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path in CPU_PAGE:
            kind, body = CPU_PAGE[path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return len(body), len(body)
        target = (state.site / path.lstrip("/")).resolve()
        if state.site != target and state.site not in target.parents:
            return self.send_small(404, b"not found")
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return 0, 0
            target = target / "index.html"
        if not target.is_file():
            return self.send_small(404, b"not found")
        compress = target.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        body, raw = state.body(target, compress)
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(target.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-cache")
        state.link.download(sum(len(line) for line in self._headers_buffer) + 2)
        self.end_headers()
        for start in range(0, len(body), CHUNK):
            piece = body[start:start + CHUNK]
            state.link.download(len(piece))
            self.wfile.write(piece)
        return len(body), raw

    def send_small(self, code: int, body: bytes) -> tuple:
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return len(body), len(body)

    def log_message(self, format, *args) -> None:
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: pathlib.Path):
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = State(site)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def quiet(self, calm: float = QUIET_SECONDS, longest: float = 300.0) -> int:
        """Waits until nothing is in flight and nothing changed for `calm` seconds; the log's length."""
        state, started = self.state, time.monotonic()
        while time.monotonic() - started < longest:
            with state.lock:
                if state.active == 0 and time.monotonic() - state.changed >= calm:
                    return len(state.log)
            time.sleep(0.05)
        fail(f"the network did not fall quiet in {longest:.0f} s")

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


# ---------------------------------------------------------------------------
# The browser: Chromium through its own chromedriver, in plain WebDriver.

# ---------------------------------------------------------------------------
# The scripts in the page.

# Installed after the page's load and the throttling, right before the click;
# records t0 last.
TANNI_SETUP = """
const query = arguments[0];
if (window.tanniSearch) return {error: 'the search was loaded before any use'};
const input = document.querySelector('#search-input');
const list = document.querySelector('#search-suggestions');
if (!input || !list) return {error: 'no #search-input or #search-suggestions on the page'};
const bench = window.firstQuery = {press: -1, lastInput: -1, firstInput: -1, focus: -1, changed: -1,
                                   errors: [], check: null};
// The clock starts when the pointer's press reaches the page (the click's first event).
const press = (e) => {
  if (bench.press < 0) bench.press = Math.min(e.timeStamp > 0 ? e.timeStamp : Infinity, performance.now());
};
for (const type of ['pointerdown', 'mousedown', 'focusin']) document.addEventListener(type, press, true);
input.addEventListener('focus', () => { if (bench.focus < 0) bench.focus = performance.now(); });
input.addEventListener('input', () => {
  bench.lastInput = performance.now();
  if (bench.firstInput < 0) bench.firstInput = bench.lastInput;
});
new MutationObserver(() => {
  bench.changed = performance.now();
  if (bench.check) bench.check();
}).observe(list, {childList: true, subtree: true, attributes: true, characterData: true});
window.addEventListener('error', (e) => bench.errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => bench.errors.push(String(e.reason)));
bench.t0 = performance.now();
return {ok: true};
"""

TANNI_WAIT = """
const [query, timeout, done] = arguments;
const bench = window.firstQuery;
const input = document.querySelector('#search-input');
const list = document.querySelector('#search-suggestions');
const status = document.querySelector('.search-status');
const visible = (el) => !el.hidden && el.getClientRects().length > 0 &&
  getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none';
let finished = false;
const results = () => [...list.querySelectorAll('[role=option][data-href]')]
  .filter((o) => o.id !== 'search-option-more');
bench.check = () => {
  if (finished) return;
  const now = performance.now();
  const options = results();
  if (input.value === query && bench.lastInput >= 0 && bench.changed > bench.lastInput &&
      options.length && visible(list)) {
    finished = true;
    done({t1: now, ms: now - bench.press, fromScript: now - bench.t0, press: bench.press - bench.t0,
          focus: bench.focus - bench.press, typed: bench.firstInput - bench.press, count: options.length,
          first: options.slice(0, 3).map((o) => [o.querySelector('.result-title')?.textContent
                                                   || o.textContent, o.dataset.href]),
          status: status ? status.textContent : '', errors: bench.errors});
  } else if (now - bench.t0 > timeout) {
    finished = true;
    done({error: `no suggestions after ${timeout} ms; value ${JSON.stringify(input.value)}, ` +
                 `list hidden ${list.hidden}, status ${JSON.stringify(status && status.textContent)}, ` +
                 `options ${list.children.length}, errors ${JSON.stringify(bench.errors)}`});
  }
};
(function poll() {
  bench.check();
  if (!finished) setTimeout(poll, 4);
})();
"""

PAGEFIND_SEARCH = """
const [query, noWorker, done] = arguments;
(async () => {
  const t0 = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  if (noWorker) await pagefind.options({noWorker: true});
  await pagefind.init?.();
  const search = await pagefind.search(query);
  const top = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  const t1 = performance.now();
  return {t1, ms: t1 - t0, count: search.results.length, shown: top.length,
          first: top.slice(0, 3).map((d) => [d.meta && d.meta.title, d.url])};
})().then(done, (e) => done({error: String((e && e.stack) || e)}));
"""

# The CPU check's page (the site's pages forbid eval and blob: workers), served by the server itself.
CPU_PAGE = {
    "/__first-query/cpu.html": ("text/html; charset=utf-8", b"""<!doctype html><title>cpu</title>
<script src="spin.js"></script>"""),
    "/__first-query/spin.js": ("text/javascript", b"""
function spin(n) { const t = performance.now(); let x = 0;
  for (let i = 0; i < n; i++) { x = (x * 31 + i) % 1000003; } return performance.now() - t; }
if (typeof window === 'undefined') { onmessage = (e) => postMessage(spin(e.data)); }
else { window.spinBoth = (n) => new Promise((resolve) => {
  const main = spin(n);
  const worker = new Worker('spin.js');
  worker.onmessage = (e) => { worker.terminate(); resolve({main, worker: e.data}); };
  worker.postMessage(n);
}); }
"""),
}

CPU_CHECK = "window.spinBoth(arguments[0]).then(arguments[1]);"


# ---------------------------------------------------------------------------
# One run.

def allowed(engine: str, lang: str, path: str) -> bool:
    path = urllib.parse.urlsplit(path).path
    if engine == "tanni":
        return path == "/static/tanni-search.wasm" or bool(
            re.fullmatch(rf"/{re.escape(lang)}/search/(manifest|[inrw]\d+)\.json", path))
    return path.startswith("/pagefind/")


def outside(engine: str, lang: str, path: str) -> bool:
    """A request outside where the engine may fetch at all (/static/ and /<lang>/search/ for tanni)."""
    path = urllib.parse.urlsplit(path).path
    if engine == "tanni":
        return not (path.startswith("/static/") or path.startswith(f"/{lang}/search/"))
    return not path.startswith("/pagefind/")


def first_search(server: Server, engine: str, profile_name: str, query: str, lang: str) -> dict:
    """One fresh browser's first search: its time, what the server sent for it, what it showed."""
    profile = PROFILES[profile_name]
    browser = Browser(profile["window"], console=True, script_ms=SEARCH_TIMEOUT_MS + 30_000,
                      page_load_ms=120_000, request_seconds=SEARCH_TIMEOUT_MS / 1000 + 60)
    try:
        browser.goto(f"{server.base}/{lang}/")
        mark = server.quiet()
        browser.console()  # drop the page load's messages
        server.state.link.set(profile)
        if profile["cpu"] != 1:
            browser.cdp("Emulation.setCPUThrottlingRate", {"rate": profile["cpu"]})
        try:
            if engine == "tanni":
                box = browser.find("#search-input")
                reply = browser.run(TANNI_SETUP, query)
                if "error" not in reply:
                    browser.click_element(box)
                    browser.send_keys(box, query)
                    reply = browser.run_async(TANNI_WAIT, query, SEARCH_TIMEOUT_MS)
            else:
                reply = browser.run_async(PAGEFIND_SEARCH, query, engine == "pagefind-noworker")
        except RuntimeError as error:  # a WebDriver error: this run failed, the others go on
            reply = {"error": str(error)}
        end = server.quiet()
        server.state.link.set(None)
        console = [f"{m.get('level')}: {m.get('message', '')[:300]}" for m in browser.console()
                   if m.get("level") in ("WARNING", "SEVERE")]
    finally:
        server.state.link.set(None)
        browser.quit()
    sent = server.state.log[mark:end]
    paths = [entry["path"] for entry in sent]
    run = {
        "engine": engine, "profile": profile_name, **reply,
        "bytes": sum(entry["bytes"] for entry in sent),
        "raw": sum(entry["raw"] for entry in sent),
        "requests": len(sent), "paths": paths, "console": console,
        # Each request: path, start and end (ms after the first request's start), body bytes sent.
        "timeline": [[e["path"], round((e["start"] - sent[0]["start"]) * 1000),
                      round((e["end"] - sent[0]["start"]) * 1000), e["bytes"]] for e in sent],
        "unexpected": [p for p in paths if not allowed(engine, lang, p)],
        "outside": [p for p in paths if outside(engine, lang, p)],
        "fallback": any("falling back to main thread" in line for line in console),
    }
    if "error" in reply:
        say(f"    {engine} {profile_name}: ERROR {reply['error'][:500]}")
    return run


def cpu_check(server: Server) -> dict:
    """How much Emulation.setCPUThrottlingRate 4 slows a busy loop on the main thread and in a worker."""
    browser = Browser(PROFILES["phone"]["window"], console=True, script_ms=SEARCH_TIMEOUT_MS + 30_000,
                      page_load_ms=120_000, request_seconds=SEARCH_TIMEOUT_MS / 1000 + 60)
    try:
        browser.goto(f"{server.base}/__first-query/cpu.html")
        found = {}
        for rate in (1, 4):
            browser.cdp("Emulation.setCPUThrottlingRate", {"rate": rate})
            runs = [browser.run_async(CPU_CHECK, 20_000_000) for _ in range(3)]
            found[rate] = {key: statistics.median(r[key] for r in runs) for key in ("main", "worker")}
        return {"main": found[4]["main"] / found[1]["main"],
                "worker": found[4]["worker"] / found[1]["worker"], "ms": found,
                "chromium": browser.version}
    finally:
        browser.quit()


# ---------------------------------------------------------------------------
# The report.

def kib(count: float) -> str:
    return f"{count / 1024:,.1f} KiB"


def files(paths: list) -> str:
    """The requested paths, shards and chunks counted by kind."""
    counts = {}
    for path in paths:
        path = urllib.parse.urlsplit(path).path
        folder, _, name = path.rpartition("/")
        if folder.endswith(("/fragment", "/index")):
            key = f"{folder}/*"
        elif re.fullmatch(r"[inrw]\d+\.json", name):
            key = f"{folder}/{name[0]}*.json"
        else:
            key = path
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(key if n == 1 else f"{key} ×{n}" for key, n in counts.items())


def label(size: dict) -> str:
    return f"{size['meetings']:,} (real)" if size["size"] == "real" else f"{size['meetings']:,}"


def summarise(runs: list) -> dict:
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return {"ms": None, "bytes": None, "requests": None, "count": None, "errors": len(runs)}
    return {"ms": statistics.median(r["ms"] for r in ok),
            "bytes": statistics.median(r["bytes"] for r in ok),
            "raw": statistics.median(r["raw"] for r in ok),
            "requests": statistics.median(r["requests"] for r in ok),
            "count": statistics.median(r["count"] for r in ok),
            "errors": len(runs) - len(ok)}


def ms(value) -> str:
    return "failed" if value is None else f"{value:,.0f}"


def report(command: str, info: list, sizes: list, results: dict, cpu: dict, args) -> None:
    print(f"Command: `{command}`\n")
    print("\n".join(info))
    print(f"\nFirst search for {args.query!r} on /{args.lang}/, median of {args.rounds} fresh browsers. "
          "Bytes: bodies as sent (gzip -6 for HTML/CSS/JS/JSON/WASM/SVG/XML/text; Pagefind's .pf_* and "
          ".pagefind as they are), every request after the page's load until the network is quiet.")
    print(f"Network throttled in the server (Chromium's network emulation misses Pagefind's worker); "
          f"CPU by Chromium (main thread only: at rate 4 a busy loop ran {cpu['main']:.1f}x slower on the "
          f"main thread and {cpu['worker']:.1f}x in a worker here). pagefind-noworker runs Pagefind on the "
          "main thread, fully throttled.\n")
    print("| meetings | profile | engine | first search (ms) | bytes (gzip) | requests | results |")
    print("|---|---|---|---:|---:|---:|---:|")
    for size in sizes:
        for profile in args.profiles:
            for engine in args.engines:
                s = summarise(results[size["size"], profile, engine])
                failed = f" ({s['errors']} failed)" if s["errors"] else ""
                if s["ms"] is None:
                    print(f"| {label(size)} | {profile} | {engine} | failed | | | |")
                    continue
                print(f"| {label(size)} | {profile} | {engine} | {ms(s['ms'])}{failed} | {kib(s['bytes'])} "
                      f"| {s['requests']:.0f} | {s['count']:,.0f} |")
    print(f"\nresults: tanni, the result options shown in the suggestion list; Pagefind, all its "
          "results (the first 10 are loaded).\n")
    print(f"| meetings | tanni bytes ≤ 300 KB ({BUDGET_BYTES:,} B) | tanni desktop ≤ 1 s "
          "| tanni faster than pagefind on phone | … than pagefind-noworker on phone |")
    print("|---|---|---|---|---|")
    for size in sizes:
        row = [label(size)]
        tanni = {p: summarise(results[size["size"], p, "tanni"]) for p in args.profiles}
        worst = max((t["bytes"] for t in tanni.values() if t["bytes"] is not None), default=None)
        row.append("?" if worst is None else f"{'yes' if worst <= BUDGET_BYTES else 'NO'} ({kib(worst)})")
        desk = tanni.get("desktop")
        row.append("-" if not desk or desk["ms"] is None else
                   f"{'yes' if desk['ms'] <= BUDGET_DESKTOP_MS else 'NO'} ({ms(desk['ms'])} ms)")
        for other in ("pagefind", "pagefind-noworker"):
            phone = tanni.get("phone")
            if not phone or other not in args.engines or phone["ms"] is None:
                row.append("-")
                continue
            theirs = summarise(results[size["size"], "phone", other])["ms"]
            if theirs is None:
                row.append(f"yes ({ms(phone['ms'])} ms; {other} failed)")
            else:
                row.append(f"{'yes' if phone['ms'] < theirs else 'NO'} "
                           f"({ms(phone['ms'])} vs {ms(theirs)} ms)")
        print("| " + " | ".join(row) + " |")

    print("\nPer run (ms; bytes sent; requests) and what was fetched and shown:")
    for size in sizes:
        for profile in args.profiles:
            for engine in args.engines:
                runs = results[size["size"], profile, engine]
                line = "; ".join(
                    f"ERROR {r['error'][:200]}" if "error" in r else
                    f"{r['ms']:.0f} ms" + (f" (focus at {r['focus']:.0f}, typing at {r['typed']:.0f}; "
                                           f"the click's press came {r['press']:.0f} after the script)"
                                           if engine == "tanni" else "")
                    + f", {r['bytes']:,} B (raw {r['raw']:,}), {r['requests']}"
                    + (" [worker fell back to main thread]" if r.get("fallback") else "")
                    for r in runs)
                print(f"- {label(size)} {profile} {engine}: {line}")
                shown = next((r for r in runs if "error" not in r), None)
                if shown:
                    print(f"    fetched: {files(shown['paths'])}")
                    print(f"    first: " + "; ".join(f"{t!r} {u}" for t, u in shown["first"]))
                for r in runs:
                    if r["unexpected"]:
                        print(f"    UNEXPECTED requests: {r['unexpected'][:10]}")
                console = sorted({line for r in runs for line in r["console"]})
                for line in console[:5]:
                    print(f"    console {line}")


def machine_info(tanni: pathlib.Path, digest: str, pagefind: str, chromium: str, load: tuple) -> list:
    def output(argv):
        try:
            return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    cpu = next((line.split(":", 1)[1].strip() for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "?")
    return [
        f"- nproc: {output(['nproc'])} ({cpu}); load average at the start: "
        + " ".join(f"{x:.2f}" for x in load),
        f"- tanni: {output([str(tanni), '--version'])}, git {output(['git', 'describe', '--always', '--dirty', '--abbrev=12'])}, "
        f"binary sha256 {digest[:16]}…",
        f"- {pagefind}; Chromium {chromium} (headless), chromedriver",
    ]


# ---------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description="Times a member's first search, tanni against Pagefind.")
    parser.add_argument("--sizes", default="real,10000,100000",
                        help="comma-separated: 'real' (this repository's catalog) or a number of synthetic meetings")
    parser.add_argument("--rounds", type=int, default=3, help="fresh browsers per size, engine and profile (median)")
    parser.add_argument("--query", default="核医学", help="the query (default 核医学)")
    parser.add_argument("--lang", default="ja", help="the page's language: ja or en (default ja)")
    parser.add_argument("--profiles", default="desktop,phone", help="comma-separated: desktop, phone")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated: " + ", ".join(ENGINES))
    parser.add_argument("--tanni", type=pathlib.Path, default=TANNI,
                        help="the tanni binary (copied into the work folder at the start)")
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/tanni-first-query"),
                        help="work folder: new, empty, or made by this script before")
    parser.add_argument("--keep", action="store_true", help="keep the work folder's contents at the end")
    parser.add_argument("--json", type=pathlib.Path, help="also write the raw numbers to this JSON file")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        if size != "real" and not (size.isdigit() and int(size) > 0):
            fail(f"--sizes: {size!r} is neither 'real' nor a number of meetings")
    if len(set(sizes)) != len(sizes):
        fail("--sizes: each size once")
    if args.rounds < 1:
        fail("--rounds: at least 1")
    args.profiles = [p.strip() for p in args.profiles.split(",") if p.strip()]
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if not args.profiles or any(p not in PROFILES for p in args.profiles):
        fail(f"--profiles: some of {', '.join(PROFILES)}")
    if not args.engines or any(e not in ENGINES for e in args.engines):
        fail(f"--engines: some of {', '.join(ENGINES)}")
    if args.lang not in ("ja", "en"):
        fail("--lang: ja or en")
    if not args.tanni.is_file():
        fail(f"{args.tanni} is missing: cargo build --release")
    for tool, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not pathlib.Path(tool).exists():
            fail(f"{tool} is missing: apt-get install {package}")
    found = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True)
    if found.returncode != 0:
        fail("Pagefind is missing: pip install 'pagefind[extended]'")
    pagefind_version = found.stdout.strip()

    command = shlex.join(["python3", "bench/first_query.py", *sys.argv[1:]])
    load = os.getloadavg()
    work = args.work.resolve()
    prepare_work(work)
    tanni = work / "tanni"
    shutil.copy2(args.tanni, tanni)  # one binary throughout, even if target/ is rebuilt meanwhile
    digest = sha256(tanni)
    synth = None
    if any(s != "real" for s in sizes) and SYNTH.is_file():
        synth = work / "synth"
        shutil.copy2(SYNTH, synth)
    say(f"work folder {work}; tanni {digest[:16]}…; {pagefind_version}")

    built = [build_size(size, work, tanni, synth, pagefind_version, digest) for size in sizes]

    results, cpu = {}, None
    for size in built:
        server = Server(size["site"])
        try:
            if cpu is None:
                say("checking Chromium's CPU throttling on the main thread and in a worker")
                cpu = cpu_check(server)
                say(f"  rate 4: main thread {cpu['main']:.1f}x, worker {cpu['worker']:.1f}x slower")
            for number in range(1, args.rounds + 1):
                for profile in args.profiles:
                    for engine in args.engines:
                        run = first_search(server, engine, profile, args.query, args.lang)
                        results.setdefault((size["size"], profile, engine), []).append(run)
                        if "error" not in run:
                            say(f"[{size['size']}] round {number}/{args.rounds} {profile:<7} {engine:<17} "
                                f"{run['ms']:8.0f} ms {run['bytes']:>10,} B {run['requests']:>4} req"
                                + (" FALLBACK" if run["fallback"] else "")
                                + (f" UNEXPECTED {run['unexpected'][:3]}" if run["unexpected"] else ""))
        finally:
            server.stop()

    info = machine_info(tanni, digest, pagefind_version, cpu["chromium"], load)
    info.append("- load average at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg())
                + "; sizes: " + ", ".join(f"{s['size']} ({'reused' if s['reused'] else 'built'})" for s in built))
    print()
    report(command, info, built, results, cpu, args)
    if args.json:
        data = {
            "command": command, "nproc": os.cpu_count(), "machine": info, "query": args.query,
            "lang": args.lang, "rounds": args.rounds, "profiles": {p: PROFILES[p] for p in args.profiles},
            "cpu_throttling_check": cpu, "budget_bytes": BUDGET_BYTES, "budget_desktop_ms": BUDGET_DESKTOP_MS,
            "sizes": [{k: v for k, v in s.items() if k != "site"} for s in built],
            "results": [{"size": key[0], "profile": key[1], "engine": key[2], "median": summarise(runs),
                         "runs": runs} for key, runs in results.items()],
        }
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        say(f"wrote {args.json}")
    if args.keep:
        say(f"kept {work}")
    else:
        say(f"deleting {work}'s contents")
        clean_work(work)


if __name__ == "__main__":
    main()
