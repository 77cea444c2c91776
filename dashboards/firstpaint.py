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

log = logging.getLogger(__name__)

#: Seconds without a live document after which the copy says the live page did not load.
NO_LIVE_S = 20

CSS = """
#napkin-first { padding: 0 12px 12px; font-family: var(--napkin-font, system-ui, sans-serif); color: #1e293b; }
fast-tooltip:not(:defined) { display: none; }
#main:has(.pn-wrapper > [data-root-id] > *) > #napkin-first { display: none; }
#napkin-first .loading { font-size: 12.5px; color: #64748b; margin: 10px 0 4px; min-height: 30px; }
#napkin-first .loading.failed { color: #b91c1c; }
#napkin-first .kicker { font-size: 12.5px; color: #64748b; margin-top: 4px; }
#napkin-first .sid { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; background: #dbeafe; color: #1e3a8a;
  padding: 1px 7px; border-radius: 5px; font-weight: 600; margin-right: 4px; }
#napkin-first h1 { font-size: 24px; line-height: 1.25; margin: 6px 0 6px; color: #0f172a; font-weight: 700; }
#napkin-first .question { font-size: 14.5px; line-height: 1.55; color: #334155; max-width: 980px; }
#napkin-first .question p { margin: 0 0 6px; }
#napkin-first .cols { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 10px; }
#napkin-first .card { background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; min-width: 0; }
#napkin-first .card.in { flex: 1 1 320px; max-width: 520px; }
#napkin-first .card.out { flex: 2 1 320px; }
#napkin-first .card h2 { font-size: 13px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase;
  color: #475569; margin: 0; padding: 10px 14px; border-bottom: 1px solid #eef2f7; }
#napkin-first .body { padding: 8px 14px 12px; }
#napkin-first .irow { margin: 6px 0 8px; }
#napkin-first .label { font-size: 13.5px; font-weight: 600; line-height: 1.3; overflow-wrap: anywhere; margin-bottom: 4px; }
#napkin-first .box { display: flex; border: 1px solid #cbd5e1; border-radius: 6px; background: #f8fafc;
  overflow: hidden; }
#napkin-first .box .text { flex: 1 1 auto; min-width: 0; padding: 6px 8px; text-align: right; font-size: 14px;
  font-family: ui-monospace, SFMono-Regular, Menlo, monospace; color: #0f172a; overflow-wrap: anywhere; }
#napkin-first .box .suffix { display: flex; align-items: center; font-size: 12.5px; color: #475569; padding: 0 8px;
  border-left: 1px solid #e2e8f0; white-space: nowrap; }
#napkin-first .box.edited { background: #fef9c3; border-color: #eab308; }
#napkin-first .meta, #napkin-first .source, #napkin-first .note, #napkin-first .used { font-size: 11.5px;
  color: #64748b; line-height: 1.35; overflow-wrap: anywhere; }
#napkin-first .mono, #napkin-first .name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
  font-size: 11px; color: #64748b; }
#napkin-first .vrow, #napkin-first .crow { display: flex; justify-content: space-between; align-items: center;
  gap: 12px; }
#napkin-first .vrow { padding: 10px 12px; border: 1px solid #e2e8f0; border-radius: 10px; background: #f8fafc;
  margin-bottom: 8px; }
#napkin-first .crow { padding: 6px 8px; border-bottom: 1px solid #eef2f7; }
#napkin-first .left { min-width: 0; overflow-wrap: anywhere; }
#napkin-first .doc { font-size: 13px; color: #1e293b; }
#napkin-first .vrow .doc { font-weight: 600; color: #334155; }
#napkin-first .right { white-space: nowrap; text-align: right; }
#napkin-first .vright { text-align: right; flex: 0 0 auto; max-width: 60%; }
#napkin-first .value { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 14px; font-weight: 600;
  color: #0f172a; }
#napkin-first .unit { font-size: 12px; color: #64748b; margin-left: 4px; }
#napkin-first .badge { display: inline-block; padding: 4px 12px; border-radius: 999px; font-size: 13px;
  font-weight: 700; color: white; overflow-wrap: anywhere; }
#napkin-first .error { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca; border-radius: 6px;
  padding: 6px 8px; font-size: 12.5px; margin: 4px 0; line-height: 1.35; }
#napkin-first .tone-good { background: #047857; } #napkin-first .tone-bad { background: #b91c1c; }
#napkin-first .tone-neutral { background: #475569; } #napkin-first .tone-error { background: #7f1d1d; }
"""

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


def _input(row: dict) -> str:
    unit = f'<span class="suffix">{escape(row["unit"])}</span>' if row["unit"] else ""
    edited = " edited" if "edited" in row["classes"] else ""
    return (f'<div class="irow"><div class="label">{escape(row["label"])}</div>'
            f'<div class="box{edited}"><span class="text" data-first-cell="{escape(row["name"])}">'
            f'{escape(row["text"])}</span>{unit}</div>{row["foot"]}</div>')


def _device(row) -> str:
    w = row.widget
    label = next((k for k, v in w.options.items() if v == w.value), str(w.value))
    return (f'<div class="irow"><div class="label">{escape(w.name)}</div><div class="box">'
            f'<span class="text" data-first-cell="{escape(row.name)}">{escape(label)}</span></div>'
            f'{row.foot.object}</div>')


def _result(r: dict) -> str:
    attrs = f'data-first-cell="{escape(r["name"])}"'
    if r["kind"] == "verdict":
        return (f'<div class="vrow"><div class="left"><div class="doc">{escape(r["doc"])}</div>'
                f'<div class="name">{escape(r["short"])}</div></div><div class="vright">'
                f'<span class="badge tone-{escape(r["tone"] or "neutral")}" {attrs}>{escape(r["text"])}</span>'
                f'</div></div>')
    return (f'<div class="crow"><div class="left"><div class="doc">{escape(r["doc"])}</div>'
            f'<div class="name">{escape(r["short"])}</div></div><div class="right">'
            f'<span class="value" {attrs}>{escape(r["text"])}</span><span class="unit">{escape(r["unit"])}</span>'
            f'</div></div>')


def first_paint(app) -> str:
    """The open sheet of `app` (a NapkinApp) as static HTML: the page's alert (a link's refused
    values), header, device choices and inputs, verdicts and calcs, as its cards show them now."""
    inputs = [_device(r) for r in app.devices.rows.values()]
    inputs += [_input(r.data()) for r in app.inputs.rows.values()]
    results = app.results.rows()
    verdicts = [r for r in results if r["kind"] == "verdict"]
    calcs = [r for r in results if r["kind"] != "verdict"]
    shown = [_result(r) for r in verdicts + calcs]
    no_inputs = '<div class="meta">This sheet has no inputs of its own.</div>'
    return (f'<style>{CSS}</style><div id="napkin-first" aria-busy="true">'
            f'<div class="loading" role="status">{LOADING}</div>'
            f'{app.alert.object if app.alert.visible else ""}<div class="header">{app.header.object}</div>'
            f'<div class="cols"><section class="card in"><h2>Inputs</h2><div class="body">'
            f'{"".join(inputs) or no_inputs}</div></section>'
            f'<section class="card out"><h2>Results</h2><div class="body">{"".join(shown)}</div></section></div>'
            f'</div><script>{SCRIPT}</script>')


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
