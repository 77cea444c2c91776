"""Deep links: `?sheet=p34&p34.batch_size=8&trace=p34.t_step` written and read back exactly.
An input with a range is written as the range (`p03.mem_bw_gpu=3000..5000`, see `range_spec`).

Values in a link are value text (model.quantity): a plain number in the input's display unit
when that reads back to the very same float, else 'number unit'. Reading never raises: unknown
sheets and keys become `problems`; values are validated later by the model, all together.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from model import MAX_TEXT, Graph, Model, format_number_text, number_text, quote_value
from model.analysis import Distribution, range_spec

MAX_KEYS = 2000  # more query keys than any sheet set has inputs is not a Napkin link
_LONG = "\u2026too-long:"


def too_long_marker(length: int) -> str:
    """The short stand-in the server puts in place of a link value too long to parse."""
    return f"{_LONG}{length}"


@dataclass(frozen=True)
class DeepLink:
    """What a URL query asks for: a sheet, input overrides, and the problems found in it."""

    sheet: str | None
    overrides: dict[str, str]
    problems: tuple[str, ...] = ()
    ranges: dict[str, object] = field(default_factory=dict)  # input -> range spec ('300..400'), validated later


def _text(v) -> str:
    if isinstance(v, (list, tuple)):
        v = v[-1] if v else ""
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


def parse_query(graph: Graph, args: Mapping[str, object]) -> DeepLink:
    """Read `?sheet=p34&p34.batch_size=8` (values as str, bytes or lists of them).

    Unknown sheets or keys are reported in `problems`, never raised; values are validated later
    by the model (all together), so a bad one changes nothing. A value longer than MAX_TEXT (or
    the server's stand-in for one, `too_long_marker`) is reported in `problems`, not applied.
    """
    problems = []
    sheet = None
    overrides: dict[str, str] = {}
    ranges: dict[str, object] = {}
    if len(args) > MAX_KEYS:
        return DeepLink(None, {}, (f"The link has {len(args):,} parameters; at most {MAX_KEYS} are read. Nothing was applied.",))
    for key, raw in args.items():
        value = _text(raw)
        value = value.strip() if len(value) <= MAX_TEXT else value
        key = str(key)
        if key == "sheet":
            if value in graph.sheets:
                sheet = value
            else:
                close = difflib.get_close_matches(value[:64], graph.sheets, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                problems.append(f"Unknown sheet {quote_value(value)} in the link{hint}; showing the first sheet.")
        elif value.startswith(_LONG) or len(value) > MAX_TEXT:
            n = len(value) if len(value) > MAX_TEXT else int(value[len(_LONG):] or 0)
            problems.append(f"The link's value for {quote_value(key)} is {n:,} characters long; at most {MAX_TEXT} are read, "
                            f"so it was not applied.")
        elif "." in key and range_spec(value) is not None:
            ranges[key] = range_spec(value)
        elif "." in key:
            overrides[key] = value
        elif key not in ("trace",):
            problems.append(f"Ignored link parameter {quote_value(key)} (use sheet=ID or SHEET.CELL=VALUE).")
    return DeepLink(sheet, overrides, tuple(problems), ranges)


def link_query(sheet: str, overrides: Mapping[str, float | str], *, trace: str | None = None) -> str:
    """Build the query string ('?sheet=p34&p34.batch_size=8') that reopens this view.

    A float is a display-unit number (written with every digit it needs); text is written as is.
    Use `model_link_query` to get values that read back to exactly the same base-unit floats.
    """
    items = [("sheet", sheet)]
    items += [(k, v if isinstance(v, str) else number_text(float(v))) for k, v in sorted(overrides.items())]
    if trace:
        items.append(("trace", trace))
    return "?" + urlencode(items, safe="./")


def override_link_texts(model: Model) -> dict[str, str]:
    """Return {input: value text for a link} that reads back to exactly the model's overrides."""
    g = model.graph
    return {n: (g.cell(n).labels[int(v)] if g.cell(n).choice is not None  # a device choice: its member id
                else format_number_text(v, g.cell(n).unit)) for n, v in model.overrides_si().items()}


def model_link_query(model: Model, sheet: str, *, trace: str | None = None,
                     ranges: Mapping[str, Distribution] | None = None) -> str:
    """The query string that reopens `sheet` with exactly this model's overrides (and trace); a
    ranged input is written as its range ('p03.mem_bw_gpu=3000..5000'), which sets its value too."""
    texts = override_link_texts(model)
    texts.update({n: d.box_text("..") for n, d in (ranges or {}).items()})
    return link_query(sheet, texts, trace=trace)


__all__ = ["DeepLink", "link_query", "model_link_query", "override_link_texts", "parse_query"]
