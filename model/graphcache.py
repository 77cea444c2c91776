"""An on-disk cache of a built Graph, so a cold process loads it instead of parsing and compiling.

The cache file holds a pickle of the graph without its functions plus the marshalled code object
of the compiled module; loading it execs that code object (no parsing, no unit checks). The key
is a hash of every source file the graph depends on (the caller passes the sheet files; the
engine's own modules are always added), the Napkin version and the interpreter's bytecode tag.
A cache file is used only if its magic, key and payload checksum all match and the graph it
holds is consistent; anything else (missing, stale, truncated, unreadable) is rebuilt silently
and rewritten atomically (temporary file + rename). `NAPKIN_NO_CACHE=1` turns the cache off;
`NAPKIN_CACHE_DIR` moves it (default `$XDG_CACHE_HOME/napkin`, else `~/.cache/napkin`).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from model.build import Graph
from model.cells import Kind
from model.compiler import _BUILTINS
from model.devices import pick

MAGIC = b"napkin-graph-cache-1\n"
_MODEL_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Return the cache folder, or None when caching is turned off."""
    if os.environ.get("NAPKIN_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("NAPKIN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "napkin"


def _version() -> str:
    """Return the project's version line from pyproject.toml ('' when not run from a source tree).

    importlib.metadata would cost ~40 ms per start; the engine's and sheets' own sources are
    hashed into the key anyway, so the version only separates releases with identical sources.
    """
    try:
        text = (_MODEL_DIR.parent / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return ""
    return next((line.strip() for line in text.splitlines() if line.startswith("version")), "")


def cache_key(files: Iterable[Path]) -> str:
    """Return the hex key of a graph built from `files` by this engine on this interpreter."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{_version()}|{sys.implementation.cache_tag}|{sys.version}".encode())
    engine = sorted(p for p in _MODEL_DIR.glob("*.py"))
    for p in [*engine, *sorted(Path(f).resolve() for f in files)]:
        h.update(str(p.name).encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _pack(g: Graph, key: str) -> bytes:
    import copy
    import marshal
    import pickle

    shell = copy.copy(g)
    object.__setattr__(shell, "funcs", [])
    for k in [k for k in vars(shell) if k.startswith("_")]:  # per-process caches the engine hangs on a graph
        del vars(shell)[k]
    body = pickle.dumps(shell, protocol=pickle.HIGHEST_PROTOCOL)
    code = marshal.dumps(compile(g.source, "<napkin-model>", "exec"))
    digest = hashlib.blake2b(body + code, digest_size=20).hexdigest()
    header = f"{key}\n{digest}\n{len(body)}\n".encode()
    return MAGIC + header + body + code


def _unpack(data: bytes, key: str) -> Graph | None:
    import marshal
    import pickle

    if not data.startswith(MAGIC):
        return None
    rest = data[len(MAGIC):]
    try:
        got_key, digest, n, payload = rest.split(b"\n", 3)
        n_body = int(n)
    except ValueError:
        return None
    if got_key.decode() != key or hashlib.blake2b(payload, digest_size=20).hexdigest() != digest.decode():
        return None
    g = pickle.loads(payload[:n_body])
    if not isinstance(g, Graph) or len(g.cells) != len(g.index) or len(g.order) != len(g.cells):
        return None
    code = marshal.loads(payload[n_body:])
    namespace: dict = {"math": math, "_pick": pick, "__builtins__": _BUILTINS}
    exec(code, namespace)  # our own compiled module, checked against the key and checksum above
    funcs = [namespace.get(f"_f{c.index}") for c in g.cells]
    expected = {c.index for c in g.cells if c.kind is not Kind.INPUT or c.link is not None}
    if {i for i, f in enumerate(funcs) if f is not None} != expected:
        return None
    object.__setattr__(g, "funcs", funcs)
    return g


def cached_graph(files: Iterable[Path], build: Callable[[], Graph], *, name: str) -> Graph:
    """Load the graph `build()` would make from `files` out of the cache, or build and store it."""
    folder = cache_dir()
    if folder is None:
        return build()
    files = list(files)
    try:
        key = cache_key(files)
    except OSError:
        return build()
    path = folder / f"graph-{name}.bin"
    try:
        g = _unpack(path.read_bytes(), key)
    except Exception:  # missing, unreadable or corrupt: rebuild below
        g = None
    if g is not None:
        return g
    g = build()
    with contextlib.suppress(Exception):  # a read-only home or a full disk must not stop the model from working
        _write_atomic(path, _pack(g, key))
    return g


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
