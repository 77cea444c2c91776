"""The page's first paint: the open sheet as plain HTML in the page the server sends.

A Panel page shows nothing until the browser has run Bokeh's and Panel's ~3 MB of JavaScript and
the live document has rendered (about a second here). So the server writes the sheet it is about
to serve — its header, its inputs and results as the cards will show them — into the page itself,
and has the browser load those scripts deferred (in order, after the page is parsed): the sheet
reads as soon as the HTML and the stylesheets have arrived. The copy is read-only and says it is
loading; once the live document has drawn the main column, CSS hides the copy, and when the live
document is idle a script removes it.

The copy carries no cell classes (`cell-…`, the contract of `value_of`): everything that finds a
cell on the page finds the live one; its value elements carry `data-first-cell`. The page notes
when the copy was parsed and the frame after it (`<html data-first-parsed-ms data-first-paint-ms>`,
ms since the navigation started) for the bench's "values on screen" row. With JavaScript off, or if the live
connection fails, the copy stays and says so.
"""

from __future__ import annotations

import logging
import re
from html import escape

import jinja2

from dashboards import style
from dashboards.components import InputTable, OutputTable

log = logging.getLogger(__name__)

#: Seconds without a live document after which the copy says the live page did not load.
NO_LIVE_S = 20

def scoped(css: str, scope: str) -> str:
    """A component's shadow-root stylesheet for the page: every selector under `scope`, `:host` as
    `scope` itself (the copy is plain HTML, not a shadow root, and reads as the live page does)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)

    def one(sel: str) -> str:
        sel = sel.strip()
        if sel.startswith(":host"):
            return re.sub(r"^:host(?:\(([^)]*)\))?", lambda m: scope + (m.group(1) or ""), sel)
        return f"{scope} {sel}"

    return "\n".join(f"{', '.join(one(x) for x in sel.split(','))} {{{body}}}"
                     for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css))


# The look of the live page's header, cards, inputs and results (their own stylesheets, scoped),
# and the copy's own frame.
CSS = "\n".join([
    scoped(style.HEADER_CSS, "#napkin-first .header"),
    scoped(style.CARD_CSS, "#napkin-first .card"),
    scoped(InputTable._stylesheets[0], "#napkin-first .inputs-copy"),
    scoped(OutputTable._stylesheets[0], "#napkin-first .outputs-copy"),
    scoped(style.ROW_CSS, "#napkin-first .alert"),
    """
#napkin-first { padding: 0 12px 12px; font-family: var(--napkin-font, system-ui, sans-serif); color: #1e293b; }
fast-tooltip:not(:defined) { display: none; }
#main:has(.pn-wrapper > [data-root-id] > *) > #napkin-first { display: none; }
#napkin-first .loading { font-size: 12.5px; color: #64748b; margin: 10px 0 8px; }
#napkin-first .loading.failed { color: #b91c1c; }
#napkin-first .cols { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 10px; }
#napkin-first .card { min-width: 0; }
#napkin-first .card.in { flex: 1 1 320px; max-width: 520px; }
#napkin-first .card.out { flex: 2 1 320px; }
#napkin-first .card-title { margin: 0; padding: 10px 14px; }
#napkin-first .card-body { padding: 8px 14px 12px; }
#napkin-first .inputs-copy .box .text { flex: 1 1 auto; min-width: 0; padding: 6px 8px; text-align: right; font-size: 14px;
  font-family: ui-monospace, SFMono-Regular, Menlo, monospace; color: #0f172a; overflow-wrap: anywhere; }
""",
])

# After the copy: on a narrow screen the sidebar starts closed (as PageScript does once live); the
# copy goes when the live document is idle; if it never comes, the copy says so.
SCRIPT = """
(function () {
  // When the copy was parsed, and the frame after the next one (ms since navigation started): the
  // bench takes the browser's first contentful paint when the copy was parsed before it.
  var marks = document.documentElement.dataset;
  marks.firstParsedMs = String(performance.now());
  requestAnimationFrame(function () {
    requestAnimationFrame(function () { marks.firstPaintMs = String(performance.now()); });
  });
  var side = document.getElementById('sidebar'), button = document.getElementById('sidebar-button');
  // matchMedia, not innerWidth: reading innerWidth here makes the browser lay the page out mid-parse
  if (side && window.matchMedia('(max-width: 759.98px)').matches) {
    side.classList.add('hidden');
    if (button) button.onclick = function () { if (window.openNav) window.openNav(); };
  }
  var t0 = Date.now();
  function check() {
    var first = document.getElementById('napkin-first');
    if (!first) return;
    var doc = window.Bokeh && window.Bokeh.documents && window.Bokeh.documents[0];
    if (doc && doc.roots().length && doc.is_idle) { first.remove(); return; }
    if (Date.now() - t0 > @NO_LIVE_MS@) {
      var note = first.querySelector('.loading');
      if (note && !note.classList.contains('failed')) {
        note.classList.add('failed');
        note.textContent = 'The live sheet did not load (is the server still running?): these are the values '
          + 'when the page was sent; reload the page to edit them.';
      }
    }
    setTimeout(check, 50);
  }
  document.addEventListener('DOMContentLoaded', check);
})();
""".replace("@NO_LIVE_MS@", str(NO_LIVE_S * 1000))

LOADING = "Loading the live sheet… (inputs can be edited in a moment)"


def _row(name: str, label: str, text: str, unit: str, classes: str, foot: str) -> str:
    """One input as the InputTable draws it, with the value as text (nothing to type into)."""
    suffix = f'<span class="suffix">{escape(unit)}</span>' if unit else ""
    return (f'<div class="input-row"><label>{escape(label)}</label><div class="line"><div class="box{classes}">'
            f'<span class="text" data-first-cell="{escape(name)}">{escape(text)}</span>{suffix}</div></div>'
            f'<div class="foot">{foot}</div></div>')


def _input(row: dict) -> str:
    return _row(row["name"], row["label"], row["text"], row["unit"], " edited" if "edited" in row["classes"] else "",
                row["foot"])


def _device(row) -> str:
    w = row.widget
    label = next((k for k, v in w.options.items() if v == w.value), str(w.value))
    return _row(row.name, w.name, label, "", "", row.foot.object)


def _result(r: dict) -> str:
    """One verdict or calc as the OutputTable draws it."""
    attrs = f'data-first-cell="{escape(r["name"])}"'
    if r["kind"] == "verdict":
        return (f'<div class="vrow"><div><div class="vdoc">{escape(r["doc"])}</div>'
                f'<div class="name">{escape(r["short"])}</div></div><div class="vright">'
                f'<span class="badge tone-{escape(r["tone"] or "neutral")}" {attrs}>{escape(r["text"])}</span>'
                f'</div></div>')
    return (f'<div class="crow"><div class="left"><div class="doc">{escape(r["doc"])}</div>'
            f'<div class="name">{escape(r["short"])}</div></div><div class="right">'
            f'<span class="value" {attrs}>{escape(r["text"])}</span><span class="unit">{escape(r["unit"])}</span>'
            f'</div></div>')


def first_paint(app) -> str:
    """The open sheet of `app` (a NapkinApp) as static HTML: the page's alert (a link's refused
    values), header, device choices and inputs, verdicts and calcs, from the rows its cards hold for
    the live page (nothing is worked out twice)."""
    inputs = [_device(r) for r in app.devices.rows.values()]
    inputs += [_input(r) for r in app.inputs.table.rows]  # the rows the live page is sent
    results = app.results.table.rows
    verdicts = "".join(_result(r) for r in results if r["kind"] == "verdict")
    calcs = "".join(_result(r) for r in results if r["kind"] != "verdict")
    no_inputs = '<div class="hint">This sheet has no inputs of its own.</div>'
    alert = f'<div class="alert">{app.alert.object}</div>' if app.alert.visible else ""
    return (f'<style>{CSS}</style><div id="napkin-first" aria-busy="true">'
            f'<div class="loading" role="status">{LOADING}</div>{alert}<div class="header">{app.header.object}</div>'
            f'<div class="cols"><section class="card in"><div class="card-header"><h2 class="card-title">Inputs</h2>'
            f'</div><div class="card-body inputs-copy">{"".join(inputs) or no_inputs}</div></section>'
            f'<section class="card out"><div class="card-header"><h2 class="card-title">Results</h2></div>'
            f'<div class="card-body outputs-copy"><div class="outputs">'
            f'{f"<div class=verdicts>{verdicts}</div>" if verdicts else ""}<div class="calcs">{calcs}</div>'
            f'</div></div></section></div></div><script>{SCRIPT}</script>')


_SCRIPT_SRC = re.compile(r'<script (type="text/javascript" )?src=')
_LOG_LEVEL = re.compile(r'^\s*(Bokeh\.set_log_level\([^)]*\);)\s*$', re.M)


def with_first_paint(html: str, first: str) -> str:
    """A served Panel page (`html`) with its head's classic scripts deferred and `first` at the
    top of the main column. A page that does not have the expected shape is returned unchanged."""
    head, sep, body = html.partition("</head>")
    marker = '<div class="main" id="main">'
    if not sep or marker not in body:
        return html
    head = _SCRIPT_SRC.sub(lambda m: f'<script defer {m.group(1) or ""}src=', head)
    # The head's inline calls into Bokeh wait for it, as the page's own embed script does.
    head = _LOG_LEVEL.sub(lambda m: f"document.addEventListener('DOMContentLoaded', () => {{ {m.group(1)} }});", head)
    return head + sep + body.replace(marker, marker + first, 1)


class FirstPaintTemplate(jinja2.Template):
    """A page template that renders like the one it wraps, with a first paint (see module doc)."""

    def render(self, *args, **kwargs) -> str:
        html = self._napkin_inner.render(*args, **kwargs)
        try:
            first = self._napkin_first()
        except Exception:  # the page is still served: the live document shows the sheet and any problem
            log.exception("first paint of the page failed; serving the page without it")
            return html
        return with_first_paint(html, first)

    @classmethod
    def wrap(cls, inner: jinja2.Template, first) -> FirstPaintTemplate:
        """`inner` with a first paint made by calling `first()` at render time (Bokeh accepts
        only jinja2 Templates as a document's template: this copies the compiled one)."""
        t = object.__new__(cls)
        t.__dict__.update(inner.__dict__)
        t._napkin_inner = inner
        t._napkin_first = first
        return t
