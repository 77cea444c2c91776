"""`napkin serve`: the dashboard on the book plus the workspace, reloaded on every save (loopback by default)."""

from __future__ import annotations

import contextlib

from napkin.cli import CliError


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the dashboard (http://127.0.0.1:5006 by default)")
    p.add_argument("--port", type=int, default=5006, help="TCP port (default 5006; 0 picks a free one)")
    p.add_argument("--address", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--allow-origin", dest="allow_origin", action="append", default=[], metavar="HOST[:PORT]",
                   help="a name people use to reach the dashboard (repeatable); required beyond loopback")
    p.add_argument("--show", action="store_true", help="open a browser tab")
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args) -> int:
    if not 0 <= args.port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, not {args.port}.")
    import gc

    gc.disable()  # Panel, Bokeh and SymPy allocate ~10^6 objects on import; collecting them is wasted work
    try:
        from dashboards.reload import Reloader
        from dashboards.server import ServeError, check_exposure, serve
    finally:
        gc.freeze()  # the server keeps what it imported for its lifetime: out of later collections too
        gc.enable()
    from napkin import cli
    from napkin.workspace import build_for_serve, watch_paths

    root = cli.WORKSPACE
    reloader = Reloader(lambda: build_for_serve(root), lambda: watch_paths(root), fallback=_book_graph)

    def ready(port: int) -> None:  # called once the address is bound: never "dashboard at" a server that failed
        host = f"[{args.address}]" if ":" in args.address else args.address
        print(f"napkin: dashboard at http://{host}:{port}/ (Ctrl-C stops it)", flush=True)

    try:
        check_exposure(args.address, args.allow_origin)
        if reloader.problems:
            print("napkin: the workspace has definition errors (run `napkin check`); serving the book's sheets.",
                  flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            serve(args.port, args.address, show=args.show, allow_origin=args.allow_origin, ready=ready,
                  reloader=reloader)
    except ServeError as exc:
        raise CliError(str(exc)) from None
    return 0


def _book_graph():
    from sheets import default_graph

    return default_graph()
