"""The Results card: the open sheet's verdicts (badges coloured by the label's declared tone) and
calcs (value, unit, doc); a click opens a cell's derivation. When inputs have ranges, each
result shows its P5–P95 band and each verdict the probability of its answers."""

from __future__ import annotations

from dashboards.cards.base import Card, action, unit_text
from dashboards.components import OutputTable
from dashboards.logic import css_class
from model import Kind, format_number


def percent(p: float) -> str:
    """A probability for people: '54%', '<1%', '>99%', '0%', '100%'."""
    if p <= 0 or p >= 1:
        return f"{p:.0%}"
    return "<1%" if p < 0.005 else ">99%" if p > 0.995 else f"{p:.0%}"


def band(stats, n: int) -> tuple[str, str]:
    """A cell's Monte Carlo summary as (text, tooltip): 'P5–P95 a – b' or the verdict's label odds."""
    if stats is None:
        return "", ""
    bad = "" if stats.valid >= 1 else f" · #ERROR in {percent(1 - stats.valid)}"
    if stats.probabilities is not None:
        odds = sorted(stats.probabilities.items(), key=lambda kv: -kv[1])
        text = " · ".join(f"{lab} {percent(p)}" for lab, p in odds if p > 0) + bad
        return text, f"Share of {n:,} samples of the input ranges that give each answer"
    if stats.p5 is None:
        return ("#ERROR in every sample" if stats.valid == 0 else ""), ""
    if stats.p5 == stats.p95:
        return "", ""
    text = f"P5–P95 {format_number(stats.p5)} – {format_number(stats.p95)}" + bad
    return text, f"{n:,} samples of the input ranges: P5 {format_number(stats.p5)}, P50 {format_number(stats.p50)}, " \
                 f"P95 {format_number(stats.p95)}"


def output_row(model, c, mc=None) -> dict:
    """One calc or verdict as the table shows it (text formatted by the model's formatter); with
    `mc` (a Monte Carlo result), its band or label probabilities."""
    err = model.error(c.name)
    v = model.value(c.name)
    if c.kind is Kind.VERDICT:
        text = "#ERROR" if err else v
        tone = "error" if err else c.tones.get(v, "neutral")
        value = None
    else:
        text = "#ERROR" if err else format_number(v)
        tone = ""
        value = v
    btext, btitle = band(mc.stats.get(c.name), mc.n) if mc is not None else ("", "")
    return {"name": c.name, "short": c.short, "kind": c.kind.value, "doc": c.doc or c.short, "text": text,
            "unit": unit_text(c.unit.text), "value": value, "tone": tone, "error": str(err) if err else None,
            "cls": css_class(c.name), "band": btext, "band_title": btitle}


class ResultsCard(Card):
    """Verdicts and calcs of the open sheet, the last edit's changes highlighted."""

    title = "Results"
    css = "napkin-outputs-card"

    def body(self):
        self.table = OutputTable(sizing_mode="stretch_width", css_classes=["napkin-outputs"])
        self.table.on_msg(self._on_click)
        return [self.table]

    def __init__(self, **params):
        super().__init__(**params)
        s = self.session
        s.param.watch(lambda *_e: self.guard(self.build), ["sheet", "graph_version"])
        s.param.watch(self._on_changed, "changed")
        s.param.watch(lambda e: self.guard(self._select), "trace")
        self.guard(self.build)

    def rows(self) -> list[dict]:
        """The rows of the open sheet, from the model."""
        mc = self.session.mc
        return [output_row(self.model, c, mc) for c in self.model.graph.sheet_cells(self.session.sheet)
                if c.kind is not Kind.INPUT]

    def build(self) -> None:
        """Show the open sheet's results."""
        rows = self.rows()
        self.table.param.update(rows=rows, changed=[], selected=self._selected())
        self.card.visible = bool(rows)

    def _selected(self) -> str:
        t = self.session.trace
        return t if t and t in self.model.graph.index and self.model.graph.cell(t).sheet == self.session.sheet else ""

    def _select(self) -> None:
        sel = self._selected()
        if self.table.selected != sel:
            self.table.selected = sel

    def _on_changed(self, event) -> None:
        g = self.model.graph
        here = sorted(n for n in event.new if n in g.index and g.cell(n).sheet == self.session.sheet)
        if here or self.table.changed:
            self.guard(self._update, here)

    def _update(self, here: list[str]) -> None:
        upd: dict = {"changed": here}
        if here:
            upd["rows"] = self.rows()
        self.table.param.update(**upd)

    @action
    def _on_click(self, msg) -> None:
        data = getattr(msg, "data", msg)
        name = data.get("trace") if isinstance(data, dict) else None
        if name in self.model.graph.index:
            self.session.trace = name
