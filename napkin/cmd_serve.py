"""`napkin serve`: open the dashboard on the built-in model (loopback unless told otherwise)."""

from __future__ import annotations

import contextlib

from napkin.cli import CliError


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the dashboard (http://127.0.0.1:5006 by default)")
    p.add_argument("--port", type=int, default=5006, help="TCP port (default 5006; 0 picks a free one)")
    p.add_argument("--address", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--show", action="store_true", help="open a browser tab")
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args) -> int:
    if not 0 <= args.port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, not {args.port}.")
    import gc

    gc.disable()  # Panel, Bokeh and SymPy allocate ~10^6 objects on import; collecting them is wasted work
    try:
        from dashboards.server import serve
    finally:
        gc.freeze()  # the server keeps what it imported for its lifetime: out of later collections too
        gc.enable()

    port = args.port
    if port == 0:
        import socket

        with socket.socket() as s:
            s.bind((args.address, 0))
            port = s.getsockname()[1]
    print(f"napkin: dashboard at http://{args.address}:{port}/ (Ctrl-C stops it)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        serve(port, args.address, show=args.show)
    return 0
