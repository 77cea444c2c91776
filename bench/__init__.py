"""Napkin's benchmarks: `napkin bench` runs the `rows()` of each module in MODULES.

Needs the `bench` extra (`python3 -m pip install -e '.[bench]'`): the Excel rows recalculate with
the `formulas` package and LibreOffice, the dashboard rows drive Chromium with Playwright and talk
to the server over a websocket.
"""

MODULES = ("lean", "engine", "values", "excel", "analysis", "dashboard", "workspace")
