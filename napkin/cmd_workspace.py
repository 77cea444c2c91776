"""Workspace subcommands: `new` (write an example sheet file) and `check` (lint the workspace)."""

from __future__ import annotations

from napkin import cli
from napkin.cli import CliError, print_json

TOML_TEMPLATE = '''\
# {name}.toml — a Napkin sheet. It is data, never executed: `napkin show {name}` prints it,
# `napkin check` lints it, `napkin serve` shows it and reloads it each time you save.

[sheet]
title = "70B decode on one H200: memory- or compute-bound?"
question = """
One decode step reads every weight once and does 2 FLOP per parameter for each sequence in the
batch. At this batch size, which one sets the step time on an H200, and how many tokens per
second does that give?"""

# Linked inputs follow a built-in cell (`napkin show gpu_h200` lists them); a --set replaces the link.
[cells.mem_bw]
link = "gpu_h200.mem_bw"
unit = "GB/s"
doc = "HBM bandwidth of one H200"

[cells.peak]
link = "gpu_h200.peak_fp16_tensor"
unit = "TFLOP/s"
doc = "Dense FP16 Tensor Core peak of one H200"

# Plain inputs: a default in `unit`; optional lo / hi bounds (same unit), integer, doc, source.
[cells.weights]
input = 140
unit = "GB"
lo = 1
doc = "Weight bytes read once per decode step (70B parameters in FP16)"

[cells.flop_per_token]
input = 140
unit = "GFLOP/token"
doc = "Compute per generated token (2 FLOP per parameter)"

[cells.batch]
input = 8
unit = "token"
lo = 1
integer = true
doc = "Sequences decoded together, one token each per step"

# Calcs: a formula over cells (this sheet's by short name, others' as sheet.cell), checked against `unit`.
[cells.t_memory]
calc = "weights / mem_bw"
unit = "ms"
doc = "Time to stream the weights once"

[cells.t_compute]
calc = "batch * flop_per_token / peak"
unit = "ms"
doc = "Time for the batch's arithmetic at peak"

[cells.tokens_per_s]
calc = "batch / Max(t_memory, t_compute)"
unit = "token/s"
doc = "Tokens generated per second: the slower term sets the step"

# A verdict: the first label whose condition holds, else `otherwise`.
[cells.bound]
verdict = {{ "memory-bound" = "t_memory > t_compute" }}
otherwise = "compute-bound"
doc = "What limits the decode step"
'''

PY_TEMPLATE = '''\
"""70B decode on one H200: memory- or compute-bound?

One decode step reads every weight once and does 2 FLOP per parameter for each sequence in the
batch. At this batch size, which one sets the step time on an H200, and how many tokens per
second does that give?
"""

# A Napkin sheet in Python: each Input / Calc / Verdict attribute is a cell named after it.
# Napkin imports (executes) this file like any Python module. `napkin show {name}` prints it,
# `napkin check` lints it, `napkin serve` shows it and reloads it each time you save.
from napkin import Calc, Input, Verdict

# Linked inputs follow a built-in cell (`napkin show gpu_h200` lists them).
mem_bw = Input(link="gpu_h200.mem_bw", unit="GB/s", doc="HBM bandwidth of one H200")
peak = Input(link="gpu_h200.peak_fp16_tensor", unit="TFLOP/s", doc="Dense FP16 Tensor Core peak of one H200")

# Plain inputs: a default in `unit`; optional lo / hi bounds (same unit), integer, doc, source.
weights = Input(140, "GB", lo=1, doc="Weight bytes read once per decode step (70B parameters in FP16)")
flop_per_token = Input(140, "GFLOP/token", doc="Compute per generated token (2 FLOP per parameter)")
batch = Input(8, "token", lo=1, integer=True, doc="Sequences decoded together, one token each per step")

# Calcs: a formula (text, parsed by Napkin, never eval'd) checked against `unit`.
t_memory = Calc("weights / mem_bw", "ms", doc="Time to stream the weights once")
t_compute = Calc("batch * flop_per_token / peak", "ms", doc="Time for the batch's arithmetic at peak")
tokens_per_s = Calc("batch / Max(t_memory, t_compute)", "token/s",
                    doc="Tokens generated per second: the slower term sets the step")

# A verdict: the first label whose condition holds, else `otherwise`.
bound = Verdict({{"memory-bound": "t_memory > t_compute"}}, otherwise="compute-bound",
                doc="What limits the decode step")
'''


def register(sub) -> None:
    p = sub.add_parser("new", help="write an example sheet file NAME.toml (or NAME.py) in the workspace")
    p.add_argument("name", help="sheet id: lower snake_case, e.g. llm_serving")
    p.add_argument("--py", action="store_true", help="write a Python module instead of TOML")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("check", help="lint the workspace's sheet files: every mistake with file:line")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check)


def cmd_new(args) -> int:
    from model import is_valid_sheet_id
    from napkin.workspace import builtin_sheets, workspace_dir

    name = args.name
    if name in {sd.id for sd in builtin_sheets()}:
        raise CliError(f"Sheet name {name!r} is a built-in sheet's id; pick another name.")
    if not is_valid_sheet_id(name):
        raise CliError(f"Sheet name {name!r} must be lower snake_case words (e.g. llm_serving) and not look like "
                       f"a spreadsheet cell address such as 'a100'.")
    folder = workspace_dir(cli.WORKSPACE)
    if not folder.is_dir():
        raise CliError(f"Workspace folder '{folder}' does not exist.")
    path = folder / f"{name}.{'py' if args.py else 'toml'}"
    if path.exists() and not args.force:
        raise CliError(f"'{path}' already exists; pass --force to overwrite it or pick another name.")
    other = folder / f"{name}.{'toml' if args.py else 'py'}"
    if other.exists():
        raise CliError(f"'{other}' already declares sheet '{name}'; pick another name.")
    path.write_text((PY_TEMPLATE if args.py else TOML_TEMPLATE).format(name=name), encoding="utf-8")
    print(f"Wrote {path}. Try: napkin show {name}   ·   napkin check   ·   napkin serve")
    return 0


def cmd_check(args) -> int:
    from napkin.workspace import check, find

    ws = find(cli.WORKSPACE)
    graph, problems = check(ws)
    if args.json:
        print_json({"workspace": str(ws.root), "files": [str(f.path) for f in ws.files],
                    "errors": [vars(p) for p in problems]})
        return 1 if problems else 0
    for p in problems:
        print(p)
    n_files = len(ws.files)
    if problems:
        files = len({p.where.rsplit(":", 1)[0] for p in problems})
        print(f"\n{len(problems)} error(s) in {files} file(s); the workspace '{ws.root}' has {n_files} sheet file(s).")
        return 1
    n_cells = sum(len(sd.cells) for sd in ws.sheets)
    print(f"ok: {n_files} sheet file(s), {n_cells} cell(s) in '{ws.root}' check out against the book's "
          f"{len(graph.sheets) - n_files} sheet(s).")
    return 0
