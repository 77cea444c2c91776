"""Hardware subcommands and options: `napkin specs FAMILY` (the catalog as a table) and the
`--compare CHOICE=A,B,...` view of `napkin show` (one column per device)."""

from __future__ import annotations

from napkin.cli import CliError, load_model, print_json


def register(sub) -> None:
    p = sub.add_parser("specs", help="list a device family (e.g. accelerator) as a table")
    p.add_argument("family", nargs="?", help="family name; omit to list the families")
    p.add_argument("--sort", metavar="COLUMN", help="sort rows by a column (member, title or a family cell)")
    p.add_argument("--desc", action="store_true", help="sort in descending order")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_specs)


_SHORT = {"peak_fp16_tensor": "fp16", "peak_bf16": "bf16", "peak_fp8_tensor": "fp8", "peak_int8_tensor": "int8",
          "peak_fp32": "fp32", "mem_bw": "mem_bw", "mem_capacity": "mem", "tdp": "tdp", "unit_price": "price",
          "rent_per_hour": "rent", "interconnect_bw": "link_bw", "ridge_fp16": "ridge16"}


def cmd_specs(args) -> int:
    from model import device_families as families
    from model import family_table, format_number

    m = load_model()
    if not args.family:
        fams = families(m)
        if args.json:
            print_json(fams)
            return 0
        for name, members in fams.items():
            print(f"{name:<16} {len(members)} members: {', '.join(members)}")
        return 0
    table = family_table(m, args.family, sort=args.sort, descending=args.desc)
    if args.json:
        print_json(table)
        return 0
    cols = [c["name"] for c in table["columns"]]
    heads = ["member"] + [f"{_SHORT.get(c, c)}" for c in cols]
    units = [""] + [c["unit"] for c in table["columns"]]
    body = [[r["member"]] + [("n/a" if r["cells"][c]["value"] is None else format_number(r["cells"][c]["value"]))
                             for c in cols] for r in table["rows"]]
    widths = [max(len(h), len(u), *(len(row[k]) for row in body)) for k, (h, u) in enumerate(zip(heads, units, strict=True))]
    print(f"{table['family']}: {table['doc']} (dense peaks; n/a = the part has no such figure)")
    print("  ".join(h.ljust(w) if k == 0 else h.rjust(w) for k, (h, w) in enumerate(zip(heads, widths, strict=True))))
    print("  ".join(u.ljust(w) if k == 0 else u.rjust(w) for k, (u, w) in enumerate(zip(units, widths, strict=True))))
    for row in body:
        print("  ".join(x.ljust(w) if k == 0 else x.rjust(w) for k, (x, w) in enumerate(zip(row, widths, strict=True))))
    print(f"\nSources: napkin specs {table['family']} --json (per value), or napkin show <member>.")
    return 0


def parse_compare(text: str) -> tuple[str, list[str]]:
    """Split 'gpu=gpu_a100,gpu_h100' into ('gpu', [...]); raise CliError if malformed."""
    name, sep, rest = text.partition("=")
    members = [x.strip() for x in rest.split(",") if x.strip()]
    if not sep or not name.strip() or not members:
        raise CliError(f"--compare needs CHOICE=MEMBER,MEMBER,... (e.g. --compare gpu=gpu_a100,gpu_h100), got {text!r}.")
    return name.strip(), members


def show_compare(args, m) -> int:
    """Print (or --json) one sheet with one column per device of a choice."""
    from model import choice_cell, format_number
    from model import compare_devices as compare

    name, members = parse_compare(args.compare)
    choice = choice_cell(m, args.sheet, name)
    if members == ["*"]:
        members = list(m.graph.cell(choice).labels)
    res = compare(m, choice, members)
    if args.json:
        print_json(res)
        return 0
    sd = m.graph.sheets[args.sheet]
    print(f"{sd.id} — {sd.title}: {choice} compared")
    rows = []
    for row in res["cells"]:
        vals = []
        for x in members:
            v = row["values"][x]
            err = row["errors"].get(x, "")
            vals.append("n/a" if v is None and " is n/a" in err else "#ERROR" if v is None
                        else v if isinstance(v, str) else format_number(v))
        unit = "" if row["unit"] == "1" else row["unit"]
        rows.append((row["name"].split(".", 1)[1], unit, vals))
    w = max(10, *(len(x) for x in members), *(len(v) for _, _, vals in rows for v in vals))
    print(f"\n{'cell':<26} {'unit':<12} " + " ".join(x.rjust(w) for x in members))
    for short, unit, vals in rows:
        print(f"{short:<26} {unit:<12} " + " ".join(v.rjust(w) for v in vals))
    roots = set()
    for row in res["cells"]:
        for e in row["errors"].values():
            if " is n/a" in e:
                roots.add(e.split(": ", 1)[1] if e.startswith("blocked by ") else e)
    for e in sorted(roots):
        print(f"  n/a: {e}")
    return 0


__all__ = ["register", "parse_compare", "show_compare"]
