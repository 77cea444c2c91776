"""Regenerate the README's screenshots: `python -m tools.screenshots [OUTDIR]` (docs/img).

Starts the dashboard on a free loopback port, opens p03 (the ResNet-50 roofline) in headless
Chromium, and saves `roofline.png` (the sheet with its roofline) and `trace.png` (a derivation).
"""

from __future__ import annotations

import sys
from pathlib import Path

from tools.browser import launch, open_sheet, running_server, value_of

VIEWPORT = {"width": 1400, "height": 940}
TALL = {"width": 1400, "height": 2250}  # down to the roofline, below the results


def take(page, base_url: str, outdir: str | Path) -> list[Path]:
    """Save roofline.png and trace.png of sheet p03 into `outdir`; return their paths."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(TALL)
    open_sheet(page, base_url, "p03", wait_for="p03.verdict_gpu")
    dismiss = page.locator(".napkin-orientation button.dismiss")
    if dismiss.count():  # the first-visit note: shown once per browser
        dismiss.first.click()
    page.locator(".napkin-roofline canvas").first.wait_for()
    page.wait_for_timeout(800)
    roofline = out / "roofline.png"
    page.screenshot(path=str(roofline))
    page.set_viewport_size(VIEWPORT)
    page.locator(value_of("p03.t_memory_gpu")).first.click()
    page.locator(".napkin-trace .katex").first.wait_for()
    trace_card = page.locator(".napkin-trace-card").first
    trace_card.scroll_into_view_if_needed()
    page.wait_for_timeout(600)
    trace = out / "trace.png"
    trace_card.screenshot(path=str(trace))
    return [roofline, trace]


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    argv = sys.argv[1:] if argv is None else argv
    outdir = argv[0] if argv else "docs/img"
    with running_server() as url, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
        for path in take(page, url, outdir):
            print(path)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
