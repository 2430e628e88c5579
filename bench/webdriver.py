"""A headless Chromium for the benchmarks, driven through Debian's chromedriver
with plain WebDriver over HTTP (Python's standard library only): each Browser
is a fresh profile with nothing cached, and its own chromedriver.
"""

import json
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# The key of an element reference in WebDriver's replies.
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """A headless Chromium session with a fresh profile, through its own
    chromedriver. `window` (width, height) sets the window and, by emulation,
    the viewport (headless Chromium keeps a window at least 500 px wide);
    `console` keeps the browser's console messages for `console()`."""

    def __init__(self, window=None, console: bool = False, script_ms: int = 60_000,
                 page_load_ms: int = 60_000, request_seconds: float = 120):
        self.profile = tempfile.TemporaryDirectory(prefix="tanni-bench-chromium-")
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.request_seconds = request_seconds
        self.driver = subprocess.Popen([CHROMEDRIVER, f"--port={self.port}"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.session = None
        try:
            self.wait_for_driver()
            args = CHROMIUM_ARGS + [f"--user-data-dir={self.profile.name}"]
            if window:
                args.append(f"--window-size={window[0]},{window[1]}")
            capabilities = {"browserName": "chrome",
                            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}
            if console:
                capabilities["goog:loggingPrefs"] = {"browser": "ALL"}
            reply = self.request("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
            self.session = reply["sessionId"]
            self.version = reply["capabilities"].get("browserVersion", "?")
            self.command("POST", "/timeouts", {"script": script_ms, "pageLoad": page_load_ms})
            if window:
                self.cdp("Emulation.setDeviceMetricsOverride", {
                    "width": window[0], "height": window[1], "deviceScaleFactor": 1,
                    "mobile": window[0] < 500})
        except BaseException:
            self.quit()
            raise

    def wait_for_driver(self) -> None:
        started = time.monotonic()
        while True:
            try:
                if self.request("GET", "/status").get("ready"):
                    return
            except (OSError, urllib.error.URLError):
                pass
            if self.driver.poll() is not None or time.monotonic() - started > 20:
                raise RuntimeError("chromedriver did not start")
            time.sleep(0.1)

    def request(self, method: str, path: str, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.request_seconds) as response:
                return json.load(response)["value"]
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"WebDriver {method} {path}: {error.read().decode()[:2000]}") from None

    def command(self, method: str, path: str, body=None):
        return self.request(method, f"/session/{self.session}{path}", body)

    def goto(self, url: str) -> None:
        self.command("POST", "/url", {"url": url})

    def run(self, script: str, *args):
        return self.command("POST", "/execute/sync", {"script": script, "args": list(args)})

    def run_async(self, script: str, *args):
        """Runs a script that ends by calling its last argument with the result."""
        return self.command("POST", "/execute/async", {"script": script, "args": list(args)})

    def find(self, selector: str) -> str:
        return self.command("POST", "/element", {"using": "css selector", "value": selector})[ELEMENT]

    def click(self, selector: str) -> None:
        self.click_element(self.find(selector))

    def click_element(self, element: str) -> None:
        self.command("POST", f"/element/{element}/click", {})

    def send_keys(self, element: str, text: str) -> None:
        self.command("POST", f"/element/{element}/value", {"text": text})

    def cdp(self, cmd: str, params: dict):
        return self.command("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params})

    def console(self) -> list:
        """The browser's console messages since the last call (chromedriver's log)."""
        try:
            return self.command("POST", "/se/log", {"type": "browser"})
        except (RuntimeError, OSError):
            return []

    def quit(self) -> None:
        try:
            if self.session:
                self.request("DELETE", f"/session/{self.session}")
        except (OSError, RuntimeError, urllib.error.URLError):
            pass
        finally:
            self.driver.terminate()
            try:
                self.driver.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.driver.kill()
                self.driver.wait()
            self.profile.cleanup()
