"""Serve the dashboard with Panel's Tornado server: one `create_app` call (one Model) per session.

Panel serves Bokeh, KaTeX and template resources itself (resource mode 'server'), so a page
needs no internet. Loopback by default.
"""

from __future__ import annotations

import panel as pn

from model import Graph

DEFAULT_PORT = 5006
DEFAULT_ADDRESS = "127.0.0.1"


def _origins(address: str, port: int) -> list[str]:
    hosts = {address, "localhost", "127.0.0.1"} if address in ("127.0.0.1", "localhost", "::1") else {address}
    if address in ("0.0.0.0", "::"):
        hosts = {"*"}
    return [f"{h}:{port}" if h != "*" else "*" for h in sorted(hosts)]


def serve(port: int = DEFAULT_PORT, address: str = DEFAULT_ADDRESS, *, graph: Graph | None = None,
          show: bool = False, threaded: bool = False, start: bool = True):
    """Start the dashboard server; block unless `threaded` (then return a thread with `.stop()`)."""
    from dashboards.app import create_app

    if graph is None:
        from sheets import default_graph

        graph = default_graph()  # build once, before the first session

    def session():
        return create_app(graph).template

    from dashboards.static import font_routes

    return pn.serve(
        {"/": session}, port=port, address=address, websocket_origin=_origins(address, port), show=show,
        start=start, threaded=threaded, title="Napkin", verbose=False, extra_patterns=font_routes(),
    )
