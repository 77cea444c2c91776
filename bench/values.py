"""Value text: a normal parse, arithmetic in a box, and hostile inputs, each accepted or refused.

Target (issue #17): any input accepted or refused in < 10 ms. The baseline column is the normal
'1.5 TB/s' parse measured in the same run; ratio = baseline / value (below 1: slower than normal).
"""

from __future__ import annotations

import contextlib

from bench.common import median, row, timed
from model import InputError, Model

CASES = (
    ("normal: '1.5 TB/s'", "1.5 TB/s"),
    ("arithmetic: '1.5 TB/s - 200 GB/s'", "1.5 TB/s - 200 GB/s"),
    ("hostile: '5 ' + 'G' x 100,000", "5 " + "G" * 100_000),
    ("hostile: 120,000 inner spaces", "5" + " " * 120_000 + "GB/s"),
    ("hostile: 32,760 digits", "1" * 32_760),
    ("hostile: '5 GB^99999/s'", "5 GB^99999/s"),
    ("hostile: 246 characters, 120 operators", "1" + "*1" * 120 + " GB/s"),
)


def rows(quick: bool) -> list[dict]:
    from sheets import default_graph

    m = Model(default_graph())
    n = 50 if quick else 500

    def parse(text):
        def go():
            with contextlib.suppress(InputError):
                m.parse("gpu_a100.mem_bw", text)
        return go

    base = median(timed(parse("1.5 TB/s"), n)) * 1e6
    out = []
    for label, text in CASES:
        t = median(timed(parse(text), n)) * 1e6
        out.append(row(f"value text {label}: median", t, "us", base))
    return out
