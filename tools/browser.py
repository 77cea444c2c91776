"""Drive the dashboard in Debian's Chromium with Playwright: for browser tests, the latency bench,
the load check and the README screenshots.

Never runs `playwright install`: it launches the system `chromium` (skipped where it is missing).
The server runs in-process on a free loopback port and is stopped by the context manager.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import time
from collections.abc import Iterator

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:",
                  "about:")

# Set an input's text and commit it as a person would (Bokeh's TextInput commits on 'change'),
# then resolve with the milliseconds until the target element is next changed on screen.
EDIT_JS = """
([input, target, text, limitMs]) => new Promise((resolve, reject) => {
  const t0 = performance.now();
  const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now() - t0); });
  obs.observe(target, {childList: true, characterData: true, subtree: true, attributes: true});
  const limit = limitMs || 10000;
  setTimeout(() => { obs.disconnect(); reject(new Error(`no change on screen within ${limit / 1000} s`)); }, limit);
  input.value = text;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new Event('change', {bubbles: true}));
})
"""


def chromium_path() -> str | None:
    """The system Chromium, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(graph=None, port: int | None = None, *, reloader=None) -> Iterator[str]:
    """Serve the dashboard on a free loopback port in a thread; yield its base URL; stop it.

    With a `dashboards.reload.Reloader`, the server follows its workspace (live reload).
    """
    from dashboards.server import serve

    port = port or free_port()
    thread = serve(port, "127.0.0.1", graph=graph, threaded=True, reloader=reloader)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            break
        time.sleep(0.05)
    try:
        yield url
    finally:
        thread.stop()
        thread.join(timeout=10)
        if reloader is not None:
            reloader.stop()


def launch(playwright):
    """Launch headless system Chromium."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def watch_external(page, found: list[str]) -> None:
    """Record in `found` every request the page makes outside this machine."""
    page.on("request", lambda r: None if r.url.startswith(LOCAL_PREFIXES) else found.append(r.url))


def value_of(name: str) -> str:
    """CSS selector of the element showing a cell's value or holding its widget (contract)."""
    from dashboards.logic import css_class

    return "." + css_class(name)


def open_sheet(page, base_url: str, sheet: str, *, wait_for: str | None = None, query: str = "",
               timeout: float = 60_000) -> float:
    """Open `?sheet=ID` in a page; wait until `wait_for` (a cell name) is on screen. Return seconds."""
    t0 = time.perf_counter()
    page.goto(f"{base_url}?sheet={sheet}{query}")
    page.locator(".napkin-header h1").first.wait_for(timeout=timeout)
    if wait_for:
        page.locator(value_of(wait_for)).first.wait_for(timeout=timeout)
    return time.perf_counter() - t0


def commit(page, name: str, text: str) -> None:
    """Type `text` into input `name`'s widget and press Enter."""
    box = page.locator(f"{value_of(name)} input").first
    box.fill(text)
    box.press("Enter")


def edit_latency_ms(page, input_name: str, target_name: str, text: str) -> float:
    """Commit `text` into an input; return ms until `target_name`'s value element changes."""
    inp = page.locator(f"{value_of(input_name)} input").first.element_handle()
    tgt = page.locator(value_of(target_name)).first.element_handle()
    return float(page.evaluate(EDIT_JS, [inp, tgt, text]))


def text_of(page, name: str) -> str:
    return page.locator(value_of(name)).first.inner_text().strip()


def data_value(page, name: str) -> float | None:
    v = page.locator(value_of(name)).first.get_attribute("data-value")
    return None if v is None else float(v)


def wait_text(page, name: str, expected: str, timeout: float = 15_000) -> None:
    """Wait until the element of cell `name` shows exactly `expected`."""
    page.locator(value_of(name)).first.wait_for(timeout=timeout)
    page.wait_for_function(
        "([el, want]) => el.textContent.trim() === want",
        arg=[page.locator(value_of(name)).first.element_handle(), expected], timeout=timeout)
