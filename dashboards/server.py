"""Serve the dashboard with Panel's Tornado server: one `create_app` call (one Model) per session.

Panel serves Bokeh, KaTeX and template resources itself (resource mode 'server'), so a page
needs no internet. Loopback by default.

Origins (issue #17): every HTTP and websocket request is checked before any handler runs. Its
`Host` header must name one of the allowed addresses (`127.0.0.1`, `localhost`, `[::1]` at the
server's port when bound to loopback, plus each `--allow-origin HOST[:PORT]`), and an `Origin`
header, when present, must name one of them too (`null` never does). A DNS-rebinding page
(`Host: evil.example:5088`) gets 403. Binding beyond loopback is refused unless at least one
`--allow-origin` says which name people will use. Session ids are signed with a key made fresh
for each server start, so an id that the server did not issue is refused.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import panel as pn

from dashboards.links import too_long_marker
from dashboards.static import font_routes
from model import MAX_TEXT, Graph

if TYPE_CHECKING:
    from dashboards.reload import Reloader

DEFAULT_PORT = 5006
DEFAULT_ADDRESS = "127.0.0.1"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
MAX_QUERY_VALUE = MAX_TEXT  # a longer link value is replaced by a short note before Panel parses it


class ServeError(Exception):
    """The server cannot start as asked (exposure without --allow-origin, bad address, port in use)."""


def is_loopback(address: str) -> bool:
    """Return True if `address` only accepts connections from this machine."""
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def _split(entry: str) -> tuple[str, int | None]:
    """Split 'HOST[:PORT]' (IPv6 in brackets) into a lower-case host and an optional port."""
    entry = entry.strip().lower()
    if "//" in entry:
        entry = urlsplit(entry).netloc
    if entry.startswith("["):
        host, _, rest = entry.partition("]")
        host += "]"
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port_text = entry.partition(":")
    if not host or any(ch in host for ch in "/ @?#"):
        raise ServeError(f"--allow-origin takes HOST[:PORT] such as napkin.example.com or 10.0.0.5:5006, not {entry[:60]!r}.")
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) <= 65535:
            raise ServeError(f"--allow-origin {entry[:60]!r} has a bad port; use HOST[:PORT] with PORT 1-65535.")
        return host, int(port_text)
    return host, None


def allowed_hosts(address: str, port: int, allow_origin: Iterable[str] = ()) -> frozenset[str]:
    """Return the 'host[:port]' values a request's Host/Origin may name (lower case)."""
    out: set[str] = set()
    if is_loopback(address):
        out |= {f"{h}:{port}" for h in LOOPBACK_NAMES}
    elif address not in ("0.0.0.0", "::", ""):
        host = f"[{address}]" if ":" in address and not address.startswith("[") else address
        out.add(f"{host.lower()}:{port}")
    for entry in allow_origin:
        host, p = _split(entry)
        if p is None:  # the name alone: as typed (default port, e.g. behind a proxy) or at our port
            out |= {host, f"{host}:{port}", f"{host}:80", f"{host}:443"}
        else:
            out.add(f"{host}:{p}")
    return frozenset(out)


def check_exposure(address: str, allow_origin: Iterable[str]) -> None:
    """Refuse to listen beyond loopback unless the names people will use are given."""
    if not is_loopback(address) and not list(allow_origin):
        raise ServeError(
            f"Listening on {address} exposes the dashboard to other machines; say which name they will use with "
            f"--allow-origin HOST[:PORT] (repeatable), and put it behind a reverse proxy with authentication "
            f"(README, Security).")


def request_problem(host: str | None, origin: str | None, allowed: frozenset[str]) -> str | None:
    """Return why a request with these Host/Origin headers is refused, or None if it is allowed."""
    h = (host or "").strip().lower()
    if h not in allowed:
        return f"Host {h[:80]!r} is not an address of this dashboard"
    if origin is not None:
        o = origin.strip().lower()
        netloc = urlsplit(o).netloc if "//" in o else ""
        if o == "null" or not netloc or (netloc not in allowed and netloc.rsplit(":", 1)[0] not in allowed):
            return f"Origin {o[:80]!r} is not allowed"
    return None


def _guard(server, allowed: frozenset[str]) -> None:
    """Put the Host/Origin check in front of every route of a Bokeh server's Tornado application."""
    from tornado.routing import Matcher, Rule
    from tornado.web import RequestHandler

    class Refuse(RequestHandler):
        def prepare(self):
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"403 Forbidden: {self.request._napkin_refusal}. Napkin answers only requests addressed to it "
                        f"(see README, Security).\n")

    class BadHost(Matcher):
        def match(self, request):
            why = request_problem(request.headers.get("Host"), request.headers.get("Origin"), allowed)
            if why is not None:
                request._napkin_refusal = why
                return {}
            _shorten_query(request)
            return None

    router = server._tornado.default_router
    router.rules.insert(0, Rule(BadHost(), Refuse))


def _shorten_query(request) -> None:
    """Replace link values longer than MAX_QUERY_VALUE by a short note, so Panel never parses them."""
    args = request.query_arguments
    if not any(len(v) > MAX_QUERY_VALUE for vs in args.values() for v in vs):
        return
    from urllib.parse import urlencode

    for key, vs in args.items():
        args[key] = [v if len(v) <= MAX_QUERY_VALUE else too_long_marker(len(v)).encode() for v in vs]
    request.arguments = {k: list(v) for k, v in args.items()}
    request.query = urlencode([(k, v) for k, vs in args.items() for v in vs])
    request.uri = f"{request.path}?{request.query}"


def build_server(port: int = DEFAULT_PORT, address: str = DEFAULT_ADDRESS, *, graph: Graph | None = None,
                 allow_origin: Iterable[str] = (), show: bool = False, loop=None, server_id: str | None = None,
                 reloader: Reloader | None = None):
    """Create (bind, not start) the dashboard's Bokeh server with the Host/Origin guard; raise ServeError.

    With a `dashboards.reload.Reloader` (live reload of a workspace) sessions open on its latest
    good graph and follow its rebuilds; `graph` is then ignored.
    """
    from panel.io.server import get_server

    from dashboards.app import create_app

    allow_origin = list(allow_origin)
    check_exposure(address, allow_origin)
    if not 0 <= port <= 65535:
        raise ServeError(f"The port must be between 0 and 65535, not {port}.")
    if reloader is not None:
        reloader.start()
    elif graph is None:
        from sheets import default_graph

        graph = default_graph()  # build once, before the first session

    def session():
        if reloader is None:
            return create_app(graph).template
        app = create_app(reloader.graph)
        reloader.attach(app, pn.state.curdoc)
        return app.template

    origins = sorted(h for h in allowed_hosts(address, port or 1, allow_origin) if "[" not in h)  # Bokeh: no IPv6
    kwargs = {"server_id": server_id} if server_id else {}
    try:
        server = get_server({"/": session}, port=port, address=address, websocket_origin=origins, show=show, start=False,
                            title="Napkin", verbose=False, loop=loop, sign_sessions=True,
                            secret_key=secrets.token_urlsafe(32), extra_patterns=font_routes(), **kwargs)
    except (OSError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise ServeError(f"Cannot listen on {address}:{port}: {why}. Pick another --port (0 picks a free one) "
                         f"or an address of this machine.") from None
    real_port = server.port
    allowed = allowed_hosts(address, real_port, allow_origin)
    if real_port != port:  # port 0: Bokeh's own origin list must name the port it picked
        server._tornado._websocket_origins = {h for h in allowed if "[" not in h}
    _guard(server, allowed)
    return server


def serve(port: int = DEFAULT_PORT, address: str = DEFAULT_ADDRESS, *, graph: Graph | None = None,
          show: bool = False, threaded: bool = False, start: bool = True, allow_origin: Iterable[str] = (),
          ready: Callable[[int], None] | None = None, reloader: Reloader | None = None):
    """Start the dashboard server; block unless `threaded` (then return a thread with `.stop()`).

    `ready(port)` is called once the address is bound (so "dashboard at ..." is printed only for a
    server that really listens). Raises ServeError before listening if the address is refused.
    """
    allow_origin = list(allow_origin)
    check_exposure(address, allow_origin)
    if threaded:
        import threading
        import uuid

        from panel.io.server import StoppableThread
        from tornado.ioloop import IOLoop

        loop = IOLoop(make_current=False)
        sid = uuid.uuid4().hex
        bound = threading.Event()
        failure: list[BaseException] = []

        def target():
            try:
                server = build_server(port, address, graph=graph, allow_origin=allow_origin, show=show, loop=loop,
                                      server_id=sid, reloader=reloader)
            except BaseException as exc:  # reported to the caller below
                failure.append(exc)
                bound.set()
                return None
            if ready is not None:
                ready(server.port)
            bound.set()
            server.start()
            server.io_loop.start()
            return server

        thread = StoppableThread(target=target, io_loop=loop, owns_loop=True, kwargs={})
        thread.server_id = sid
        pn.state._threads[sid] = thread
        thread.start()
        bound.wait(120)
        if failure:
            raise failure[0]
        return thread
    server = build_server(port, address, graph=graph, allow_origin=allow_origin, show=show, reloader=reloader)
    if ready is not None:
        ready(server.port)
    if start:
        server.start()
        server.io_loop.start()
    return server
