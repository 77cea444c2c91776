"""`napkin` command line (ARCHITECTURE.md §4). Subcommands live in `napkin.cmd_*` modules.

Each module in COMMAND_MODULES has `register(subparsers)` adding its subcommands, whose
handlers take `(args) -> int`. Bad input prints one line on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model import Model

# The model is imported by the handlers, not here: `napkin --help` and argument errors stay quick.

COMMAND_MODULES = ("napkin.cmd_core", "napkin.cmd_excel", "napkin.cmd_analysis", "napkin.cmd_serve", "napkin.bench")

EXIT_BAD_INPUT = 2


class CliError(Exception):
    """A user mistake on the command line; printed as one line, exit status 2."""


def add_set_option(p: argparse.ArgumentParser) -> None:
    """Add `--set NAME=VALUE` (repeatable) and `--scenario FILE` (applied before any --set)."""
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                   help='override an input: a number in its display unit or "number unit" (repeatable)')
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


def load_model(sets: list[str] | None = None, *, scenario: str | None = None) -> Model:
    """Open the built-in model (graph cached per process and on disk), apply a scenario, then --set."""
    from model import Model
    from sheets import default_graph

    m = Model(default_graph())
    if scenario:
        from model.analysis import apply_scenario, load_scenario

        apply_scenario(m, load_scenario(m.graph, scenario))
    if sets:
        m.set_many(parse_sets(sets))
    return m


def model_from_args(args: argparse.Namespace) -> Model:
    """Open the model with the --scenario and --set options of a parsed command line."""
    return load_model(getattr(args, "sets", None), scenario=getattr(args, "scenario", None))


def print_json(obj) -> None:
    import json

    json.dump(obj, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False, default=str)
    sys.stdout.write("\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="napkin", description="Reactive napkin math for ML systems.")
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
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        return _bad_input(exc)
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from model import ModelError  # InputError is one too

        if isinstance(exc, ModelError):
            return _bad_input(exc)
        raise


def _bad_input(exc: Exception) -> int:
    msg = str(exc).strip().splitlines()
    print(f"napkin: error: {msg[0] if len(msg) == 1 else ' '.join(m.strip() for m in msg)}", file=sys.stderr)
    return EXIT_BAD_INPUT

if __name__ == "__main__":
    raise SystemExit(main())
