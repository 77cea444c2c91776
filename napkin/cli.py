"""`napkin` command line (ARCHITECTURE.md §4). Subcommands live in `napkin.cmd_*` modules.

Each module in COMMAND_MODULES has `register(subparsers)` adding its subcommands, whose
handlers take `(args) -> int`. Bad input prints one line on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import importlib
import math
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model import Model

# The model is imported by the handlers, not here: `napkin --help` and argument errors stay quick.

COMMAND_MODULES = ("napkin.cmd_core", "napkin.cmd_workspace", "napkin.cmd_excel", "napkin.cmd_analysis", "napkin.cmd_serve",
                   "napkin.bench", "napkin.cmd_devices")

EXIT_BAD_INPUT = 2


class CliError(Exception):
    """A user mistake on the command line; printed as one line, exit status 2."""


def add_set_option(p: argparse.ArgumentParser) -> None:
    """Add `--set NAME=VALUE` (repeatable) and `--scenario FILE` (applied before any --set)."""
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                   help='override an input: a number in its display unit or "number unit" (repeatable)')
    p.add_argument("--use", dest="sets", action="append", metavar="CHOICE=MEMBER",
                   help="pick a device for a choice, e.g. --use p03.gpu=gpu_h100 (repeatable; like --set)")
    p.add_argument("--scenario", metavar="FILE", help="apply a saved scenario (before any --set)")


def parse_sets(items: list[str]) -> dict[str, str]:
    """Turn ['a.b=1', 'c.d=2 GB/s'] into a dict; raise CliError on a malformed item."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise CliError(f"--set needs NAME=VALUE (e.g. --set p01.n_gpus=2048), got {item!r}.")
        out[name.strip()] = value.strip()
    return out


#: The workspace folder given by the global `--workspace` option (None: $NAPKIN_WORKSPACE or ".").
WORKSPACE: str | None = None


def load_graph():
    """The graph every command uses: the book (cached) plus the workspace's sheet files."""
    from napkin.workspace import workspace_graph

    return workspace_graph(WORKSPACE)


def load_model(sets: list[str] | None = None, *, scenario: str | None = None) -> Model:
    """Open the model (the book plus the workspace's sheets), apply a scenario, then --set."""
    from model import Model

    m = Model(load_graph())
    if scenario:
        from model.analysis import apply_scenario, load_scenario

        apply_scenario(m, load_scenario(m.graph, scenario))
    if sets:
        m.set_many(parse_sets(sets))
    return m


def model_from_args(args: argparse.Namespace) -> Model:
    """Open the model with the --scenario and --set options of a parsed command line."""
    return load_model(getattr(args, "sets", None), scenario=getattr(args, "scenario", None))


def _finite_or_null(obj):
    """Replace non-finite floats by None, recursively (JSON has no inf or NaN)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite_or_null(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite_or_null(v) for v in obj]
    return obj


def print_json(obj) -> None:
    """Print obj as JSON; infinities and NaN become null."""
    import json

    json.dump(_finite_or_null(obj), sys.stdout, indent=2, ensure_ascii=False, allow_nan=False, default=str)
    sys.stdout.write("\n")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Remove control characters (ANSI/OSC escapes' ESC, BEL, C1) except newline and tab."""
    return _CONTROL.sub("", text)


class _CleanStream:
    """A text stream wrapper that strips control characters from everything written."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(strip_controls(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake as one line, like every other error (exit 2)."""

    def error(self, message: str):
        self.exit(EXIT_BAD_INPUT, f"napkin: error: {strip_controls(message)} (see {self.prog} --help)\n")


def non_negative_int(text: str) -> int:
    """argparse type: a whole number >= 0."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text[:40]!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {n}")
    return n


def positive_int(text: str) -> int:
    """argparse type: a whole number >= 1."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text[:40]!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="napkin", description="Reactive napkin math for ML systems.")
    parser.add_argument("--workspace", metavar="DIR", default=None,
                        help="folder of your sheet files (*.toml, *.py); default $NAPKIN_WORKSPACE or the current folder")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for mod_name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError as exc:
            if exc.name == mod_name:
                continue
            raise
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _CleanStream(out), _CleanStream(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage mistakes (one line, status 2) and --help (status 0)
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    global WORKSPACE
    WORKSPACE = args.workspace
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        return _bad_input(exc)
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a path that cannot be written or read: missing folder, a directory, /proc, ...
        where = f" '{exc.filename}'" if exc.filename else ""
        return _bad_input(f"Cannot use{where}: {exc.strerror or exc}; nothing was written. Check the path and its folder.")
    except MemoryError:
        return _bad_input("Not enough memory for this request; ask for fewer points or samples.")
    except Exception as exc:
        from model import ModelError  # InputError is one too

        if isinstance(exc, ModelError):
            return _bad_input(exc)
        raise


def _bad_input(exc: Exception | str) -> int:
    msg = strip_controls(str(exc)).strip().splitlines() or ["unknown error"]
    print(f"napkin: error: {' '.join(m.strip() for m in msg)}", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    raise SystemExit(main())
