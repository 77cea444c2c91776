"""Small custom Panel components (JSComponent): the sheet navigator, the outputs table, chip links.

Each renders plain DOM from JSON-ready params and reports clicks back with `model.send_msg`;
Python receives them through `on_msg`. They hold no model logic: the app fills their params from
the model and decides what a click does. Values arrive as text already formatted by the model.
"""

from __future__ import annotations

import param
from panel.custom import JSComponent

from dashboards import style

_BASE_CSS = """
:host { display: block; font-family: var(--napkin-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); }
.link { border: none; background: none; margin: 0; font: inherit; text-align: left; cursor: pointer; color: inherit; }
"""


class Navigator(JSComponent):
    """Every sheet, grouped (chapters, then spec sheets); click one to open it.

    `groups`: [{"heading": str, "items": [{"id", "title", "kind"}]}]; `shown`: ids matching the
    search (None: all; not `visible`, which is Panel's own show/hide parameter); `selected`: the
    open sheet. A click sends {"open": id}.
    """

    groups = param.List(default=[])
    shown = param.List(default=None, allow_None=True)
    selected = param.String(default="")

    _esm = """
    export function render({ model, el }) {
      const root = document.createElement('nav');
      root.className = 'nav';
      function draw() {
        const vis = model.shown == null ? null : new Set(model.shown);
        root.innerHTML = '';
        let shown = 0;
        for (const g of model.groups) {
          const items = g.items.filter(it => vis === null || vis.has(it.id));
          if (!items.length) continue;
          const h = document.createElement('div');
          h.className = 'heading';
          h.textContent = g.heading;
          root.appendChild(h);
          for (const it of items) {
            const a = document.createElement('button');
            a.className = 'item link' + (it.id === model.selected ? ' selected' : '') + ' kind-' + it.kind;
            a.dataset.sheet = it.id;
            const id = document.createElement('span'); id.className = 'sid'; id.textContent = it.id;
            const t = document.createElement('span'); t.className = 'title'; t.textContent = it.title;
            a.append(id, t);
            a.title = it.title;
            a.addEventListener('click', () => model.send_msg({open: it.id}));
            root.appendChild(a);
            shown += 1;
          }
        }
        if (!shown) {
          const e = document.createElement('div'); e.className = 'empty';
          e.textContent = 'No sheet matches.'; root.appendChild(e);
        }
      }
      model.on(['groups', 'shown', 'selected'], draw);
      draw();
      return root;
    }
    """

    _stylesheets = [_BASE_CSS + """
    .nav { display: flex; flex-direction: column; gap: 1px; padding-bottom: 12px; }
    .heading { font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase;
               color: #64748b; margin: 12px 6px 4px; }
    .item { display: flex; gap: 8px; align-items: baseline; padding: 5px 8px; border-radius: 6px;
            font-size: 13px; color: #1e293b; line-height: 1.3; }
    .item:hover { background: #eef2f7; }
    .item.selected { background: #dbeafe; color: #1e3a8a; font-weight: 600; }
    .sid { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; color: #2563eb;
           min-width: 44px; flex: none; }
    .item.selected .sid { color: #1e3a8a; }
    .kind-spec .sid { color: #7c3aed; min-width: 0; }
    .kind-spec { flex-direction: column; gap: 0; }
    .title { overflow: hidden; text-overflow: ellipsis; }
    .empty { color: #64748b; font-size: 13px; padding: 8px; }
    """]


class OutputTable(JSComponent):
    """A sheet's verdicts (badges) and calcs (value, unit, doc); click a row to trace it.

    `rows`: [{"name", "short", "kind", "doc", "text", "unit", "value", "tone", "error", "cls", "band",
    "band_title"}] with `text` already formatted; `band` is the P5–P95 band or the verdict's label
    probabilities when inputs have ranges (element class `<cls>-band`); `changed`: names changed by the last edit (highlighted);
    `selected`: the traced cell. A click sends {"trace": name}. The element showing each value
    carries the cell's CSS class (`cls`, contract) and `data-value` with the full-precision number.
    """

    rows = param.List(default=[])
    changed = param.List(default=[])
    selected = param.String(default="")

    _esm = """
    export function render({ model, el }) {
      const root = document.createElement('div');
      root.className = 'outputs';
      let index = {};
      function valueEl(r) {
        const v = document.createElement('span');
        fill(v, r);
        return v;
      }
      function fill(v, r) {
        const base = r.kind === 'verdict' ? 'badge tone-' + (r.tone || 'neutral') : 'value';
        v.className = base + ' ' + r.cls + (r.error ? ' error' : '');
        v.textContent = r.text;
        v.title = r.error ? r.error : (r.kind === 'verdict' ? r.text + ' (' + r.doc + ')' : r.text + (r.unit ? ' ' + r.unit : ''));
        if (r.value === null || r.value === undefined) { delete v.dataset.value; } else { v.dataset.value = String(r.value); }
        v.dataset.cell = r.name;
      }
      function bandEl(r) {
        const b = document.createElement('div');
        setBand(b, r);
        return b;
      }
      function setBand(b, r) {
        b.className = 'band ' + r.cls + '-band';
        b.textContent = r.band || '';
        b.title = r.band_title || '';
        b.style.display = r.band ? '' : 'none';
      }
      function build() {
        root.innerHTML = '';
        index = {};
        const verdicts = model.rows.filter(r => r.kind === 'verdict');
        const calcs = model.rows.filter(r => r.kind !== 'verdict');
        if (verdicts.length) {
          const box = document.createElement('div'); box.className = 'verdicts';
          for (const r of verdicts) {
            const row = document.createElement('div'); row.className = 'vrow'; row.dataset.name = r.name;
            const d = document.createElement('div'); d.className = 'vdoc'; d.textContent = r.doc; d.title = r.doc;
            const n = document.createElement('div'); n.className = 'name'; n.textContent = r.short;
            const left = document.createElement('div'); left.append(d, n);
            const v = valueEl(r);
            const b = bandEl(r);
            const right = document.createElement('div'); right.className = 'vright'; right.append(v, b);
            row.append(left, right);
            row.addEventListener('click', () => model.send_msg({trace: r.name}));
            box.appendChild(row);
            index[r.name] = {row, v, b};
          }
          root.appendChild(box);
        }
        const table = document.createElement('div'); table.className = 'calcs';
        for (const r of calcs) {
          const row = document.createElement('div'); row.className = 'crow'; row.dataset.name = r.name;
          const left = document.createElement('div'); left.className = 'left';
          const d = document.createElement('div'); d.className = 'doc'; d.textContent = r.doc; d.title = r.doc;
          const n = document.createElement('div'); n.className = 'name'; n.textContent = r.short;
          left.append(d, n);
          const right = document.createElement('div'); right.className = 'right';
          const v = valueEl(r);
          const u = document.createElement('span'); u.className = 'unit'; u.textContent = r.unit;
          const b = bandEl(r);
          right.append(v, u, b);
          row.append(left, right);
          row.addEventListener('click', () => model.send_msg({trace: r.name}));
          table.appendChild(row);
          index[r.name] = {row, v, b};
        }
        root.appendChild(table);
        mark();
      }
      function update() {
        const same = model.rows.length === Object.keys(index).length && model.rows.every(r => index[r.name]);
        if (!same) { build(); return; }
        for (const r of model.rows) { fill(index[r.name].v, r); setBand(index[r.name].b, r); }
        mark();
      }
      function mark() {
        const ch = new Set(model.changed);
        for (const [name, e] of Object.entries(index)) {
          e.row.classList.toggle('changed', ch.has(name));
          e.row.classList.toggle('selected', name === model.selected);
        }
      }
      model.on('rows', update);
      model.on(['changed', 'selected'], mark);
      build();
      return root;
    }
    """

    _stylesheets = [_BASE_CSS + """
    .outputs { display: flex; flex-direction: column; gap: 14px; }
    .verdicts { display: flex; flex-direction: column; gap: 8px; }
    .vrow { display: flex; justify-content: space-between; align-items: center; gap: 12px; cursor: pointer;
            padding: 10px 12px; border: 1px solid #e2e8f0; border-radius: 10px; background: #f8fafc; }
    .vrow:hover { border-color: #94a3b8; }
    .vdoc { font-size: 13px; color: #334155; font-weight: 600; }
    .badge { display: inline-block; padding: 4px 12px; border-radius: 999px; font-size: 13px; font-weight: 700;
             white-space: nowrap; color: white; transition: background-color .3s; }
    .tone-good { background: #047857; } .tone-bad { background: #b91c1c; } .tone-neutral { background: #475569; }
    .tone-error, .badge.error { background: #7f1d1d; }
    .calcs { display: flex; flex-direction: column; }
    .crow { display: flex; justify-content: space-between; align-items: center; gap: 12px; cursor: pointer;
            padding: 6px 8px; border-bottom: 1px solid #eef2f7; border-radius: 4px; }
    .crow:hover { background: #f1f5f9; }
    .left { min-width: 0; overflow-wrap: anywhere; }
    .vrow > div:first-child { min-width: 0; overflow-wrap: anywhere; }
    .doc { font-size: 13px; color: #1e293b; }
    .name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 11px; color: #64748b; }
    .right { white-space: nowrap; text-align: right; }
    .value { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 14px; font-weight: 600; color: #0f172a; }
    .value.error { color: #b91c1c; }
    .unit { font-size: 12px; color: #64748b; margin-left: 4px; }
    .band { font-size: 11px; color: #6d28d9; white-space: normal; margin-top: 2px; }
    .vright { text-align: right; flex: 0 0 auto; max-width: 60%; }  /* the answer whole; a long one wraps */
    .vright .badge { white-space: normal; overflow-wrap: anywhere; }
    .changed { background: #fef9c3; box-shadow: inset 3px 0 0 #eab308; }
    .vrow.changed { background: #fef9c3; border-color: #eab308; }
    .selected { outline: 2px solid #2563eb; outline-offset: -2px; }
    """]


class ChipList(JSComponent):
    """A row of clickable chips (cell or sheet names); a click sends {"open": key}.

    `items`: [{"key", "label", "title", "kind"}]; `label_text`: an optional lead-in.
    """

    items = param.List(default=[])
    label_text = param.String(default="")

    _esm = """
    export function render({ model, el }) {
      const root = document.createElement('div');
      root.className = 'chips';
      function draw() {
        root.innerHTML = '';
        if (model.label_text) {
          const l = document.createElement('span'); l.className = 'lead'; l.textContent = model.label_text;
          root.appendChild(l);
        }
        for (const it of model.items) {
          const b = document.createElement('button');
          b.className = 'chip link ' + (it.kind || '');
          b.textContent = it.label;
          b.title = it.title || '';
          b.dataset.key = it.key;
          b.addEventListener('click', () => model.send_msg({open: it.key}));
          root.appendChild(b);
        }
      }
      model.on(['items', 'label_text'], draw);
      draw();
      return root;
    }
    """

    _stylesheets = [_BASE_CSS + """
    .chips { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .lead { font-size: 12px; color: #64748b; margin-right: 2px; }
    .chip { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; padding: 3px 9px;
            border-radius: 999px; background: #eff6ff; color: #1d4ed8; border: 1px solid #bfdbfe; }
    .chip:hover { background: #dbeafe; }
    .chip.input { background: #f0fdf4; color: #15803d; border-color: #bbf7d0; }
    .chip.sheet { background: #faf5ff; color: #7e22ce; border-color: #e9d5ff; }
    .chip.none { background: none; border-color: transparent; color: #64748b; cursor: default; font-style: italic; }
    """]


class PageScript(JSComponent):
    """Page-level behaviour with no view of its own: on a narrow screen (a phone) the sheet
    sidebar starts closed, so the sheet reads without sideways scrolling; Ctrl+Z / Ctrl+Shift+Z
    (or Ctrl+Y; Cmd on a Mac) outside a text box send {"undo": true} / {"redo": true} (inside a
    box they keep undoing its text, as everywhere)."""

    narrow_px = param.Integer(default=760)

    _esm = """
    export function render({ model, el }) {
      const typing = (e) => {
        const t = e.composedPath ? e.composedPath()[0] : e.target;
        return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
      };
      const onKey = (e) => {
        if (!(e.ctrlKey || e.metaKey) || typing(e)) return;
        const k = e.key.toLowerCase();
        if (k === 'z' && !e.shiftKey) { model.send_msg({undo: true}); e.preventDefault(); }
        else if ((k === 'z' && e.shiftKey) || k === 'y') { model.send_msg({redo: true}); e.preventDefault(); }
      };
      if (!window.__napkinKeys) { window.__napkinKeys = true; document.addEventListener('keydown', onKey); }
      const close = () => {
        const side = document.getElementById('sidebar');
        if (window.innerWidth < model.narrow_px && side && !side.classList.contains('hidden')) {
          if (typeof window.closeNav === 'function') { window.closeNav(); } else { side.classList.add('hidden'); }
        }
      };
      close();
      const span = document.createElement('span');
      span.style.display = 'none';
      return span;
    }
    """


class Orientation(JSComponent):
    """A short orientation for a first visit: what this is, edit a box, click a result. Dismissed
    with its button and not shown again in that browser (localStorage)."""

    key = param.String(default="napkin.orientation.dismissed")

    _esm = """
    export function render({ model, el }) {
      const box = document.createElement('div');
      let seen = false;
      try { seen = window.localStorage.getItem(model.key) === '1'; } catch (e) { seen = false; }
      if (seen) { box.style.display = 'none'; return box; }
      box.className = 'first-visit';
      box.setAttribute('role', 'note');
      const text = document.createElement('div');
      text.innerHTML = '<b>Napkin</b> is back-of-the-envelope maths for ML systems that stays live. '
        + '<b>Edit a box</b> on the left (a number, or a number with a unit such as <code>1.5 TB/s</code>) '
        + 'and press Enter: every result that depends on it moves. '
        + '<b>Click a result</b> to see how it is derived, step by step. '
        + 'Ctrl+Z undoes; the address bar is a link to what you see.';
      const ok = document.createElement('button');
      ok.className = 'dismiss'; ok.textContent = 'Got it';
      ok.addEventListener('click', () => {
        try { window.localStorage.setItem(model.key, '1'); } catch (e) {}
        box.style.display = 'none';
      });
      box.append(text, ok);
      return box;
    }
    """

    _stylesheets = [_BASE_CSS + """
    .first-visit { display: flex; gap: 12px; align-items: flex-start; background: #eff6ff; border: 1px solid #bfdbfe;
                   border-radius: 10px; padding: 10px 12px; font-size: 13.5px; line-height: 1.45; color: #1e3a8a; }
    .first-visit code { font-size: 12.5px; }
    .dismiss { flex: none; border: 1px solid #93c5fd; background: white; color: #1d4ed8; border-radius: 6px;
               padding: 4px 10px; cursor: pointer; font: inherit; }
    """]


class InputTable(JSComponent):
    """The open sheet's inputs: per input a label, a text box with its unit inside, a reset button
    and a foot (bounds, source, notes, the engine's message for a refused value).

    One component for the whole card (not a Bokeh widget per box): opening or switching a sheet
    sends one list of rows instead of a few dozen models.

    `rows`: [{"name", "cls", "label", "unit", "text", "write", "classes", "reset", "reset_title",
    "foot"}]: `cls` is the input's CSS class (contract: the element holding the box carries it),
    `classes` more classes for it (`edited`, `invalid`, `ranged`), `foot` HTML already escaped.
    A box is rewritten with `text` only when its `write` counter moves: the box the user typed in
    keeps their text. Enter, or leaving a changed box, sends {"edit": name, "text": text}; the
    reset button sends {"reset": name}. `empty`: the line shown when there are no inputs.
    """

    rows = param.List(default=[])
    empty = param.String(default="This sheet has no inputs of its own.")

    _esm = """
    export function render({ model, el }) {
      const root = document.createElement('div');
      root.className = 'inputs';
      let index = {};
      let seq = 0;
      function send(name, box) {
        box.dataset.sent = box.value;
        model.send_msg({edit: name, text: box.value});
      }
      function setRow(e, r) {
        e.holder.className = 'box ' + r.cls + ' napkin-input' + (r.classes.length ? ' ' + r.classes.join(' ') : '');
        if (e.write !== r.write) {
          e.write = r.write;
          e.box.value = r.text;
          e.box.dataset.sent = r.text;
        }
        e.label.textContent = r.label;
        e.suffix.textContent = r.unit;
        e.suffix.style.display = r.unit ? '' : 'none';
        e.reset.className = 'napkin-reset' + (r.reset ? '' : ' idle');
        e.reset.title = r.reset_title;
        e.reset.setAttribute('aria-label', r.reset_title);
        if (e.footHtml !== r.foot) { e.footHtml = r.foot; e.foot.innerHTML = r.foot; }
        e.box.setAttribute('aria-invalid', r.classes.includes('invalid') ? 'true' : 'false');
      }
      function rowEl(r) {
        const row = document.createElement('div'); row.className = 'input-row'; row.dataset.name = r.name;
        const id = 'napkin-in-' + (++seq);
        const label = document.createElement('label'); label.htmlFor = id;
        const line = document.createElement('div'); line.className = 'line';
        const holder = document.createElement('div');
        const box = document.createElement('input');
        box.type = 'text'; box.id = id; box.className = 'bk-input'; box.autocomplete = 'off'; box.spellcheck = false;
        box.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') send(r.name, box); });
        box.addEventListener('change', () => { if (box.value !== box.dataset.sent) send(r.name, box); });
        const suffix = document.createElement('span'); suffix.className = 'suffix';
        holder.append(box, suffix);
        const reset = document.createElement('button'); reset.type = 'button'; reset.textContent = '↺';
        reset.addEventListener('click', () => model.send_msg({reset: r.name}));
        line.append(holder, reset);
        const foot = document.createElement('div'); foot.className = 'foot';
        row.append(label, line, foot);
        const e = {row, label, holder, box, suffix, reset, foot, write: null, footHtml: null};
        setRow(e, r);
        return e;
      }
      function build() {
        root.innerHTML = '';
        index = {};
        if (!model.rows.length) {
          const h = document.createElement('div'); h.className = 'hint'; h.textContent = model.empty;
          root.appendChild(h);
          return;
        }
        for (const r of model.rows) {
          const e = rowEl(r);
          index[r.name] = e;
          root.appendChild(e.row);
        }
      }
      function update() {
        const names = Object.keys(index);
        const same = model.rows.length === names.length && model.rows.every((r, k) => names[k] === r.name);
        if (!same) { build(); return; }
        for (const r of model.rows) setRow(index[r.name], r);
      }
      model.on('rows', update);
      model.on('empty', build);
      build();
      return root;
    }
    """

    _stylesheets = [_BASE_CSS + """
    .inputs { display: flex; flex-direction: column; color: #1e293b; }
    .input-row { margin: 6px 0 8px; min-width: 0; }
    label { display: block; font-size: 13.5px; font-weight: 600; color: #1e293b; line-height: 1.3; white-space: normal;
            overflow-wrap: anywhere; margin-bottom: 4px; }
    .line { display: flex; align-items: stretch; gap: 2px; }
    .box { flex: 1 1 auto; min-width: 0; display: flex; border: 1px solid #cbd5e1; border-radius: 6px; overflow: hidden;
           background: #fff; }
    .box:focus-within { border-color: #2563eb; box-shadow: 0 0 0 2px #bfdbfe; }
    .box input { flex: 1 1 auto; min-width: 0; border: none; outline: none; background: transparent; padding: 6px 8px;
                 font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 14px; text-align: right;
                 color: #0f172a; }
    .suffix { display: flex; align-items: center; font-size: 12.5px; color: #475569; padding: 0 8px; background: #f8fafc;
              border-left: 1px solid #e2e8f0; white-space: nowrap; }
    .box.edited { background: #fef9c3; border-color: #eab308; box-shadow: inset 3px 0 0 #eab308; }
    .box.ranged { background: #f5f3ff; border-color: #7c3aed; box-shadow: inset 3px 0 0 #7c3aed; }
    .box.invalid { border-color: #dc2626; box-shadow: 0 0 0 2px #fecaca; }
    .napkin-reset { flex: none; width: 34px; border: 1px solid #e2e8f0; border-radius: 6px; background: #f8fafc;
                    color: #334155; cursor: pointer; font-size: 15px; }
    .napkin-reset:hover { background: #e2e8f0; }
    .napkin-reset.idle { visibility: hidden; }
    .foot { margin-top: 2px; }
    .edited-note { color: #a16207; }
    """ + style.ROW_CSS]  # the foot's .meta/.source/.note/.used/.error read as elsewhere on the page


class GraphView(JSComponent):
    """A cell's neighbourhood in the dependency graph as SVG: `nodes` [{x, y, label, colour, name,
    doc}] and `edges` [[x0, y0, x1, y1]] in data units within `x_range` and `y_range`, `height`
    pixels tall and as wide as its card. Hovering a node names it; a click sends {"open": name}.

    Plain SVG rather than a Bokeh figure: it sits in the derivation card, next to the results, and
    a Bokeh figure there would re-measure itself on every layout pass of the page (each sheet
    switch); this one only redraws when its data or its width changes.
    """

    nodes = param.List(default=[])
    edges = param.List(default=[])
    x_range = param.List(default=[-1.9, 1.9])
    y_range = param.List(default=[-1.0, 1.0])
    graph_height = param.Integer(default=240)

    _esm = """
    const NS = 'http://www.w3.org/2000/svg';
    export function render({ model, el }) {
      const svg = document.createElementNS(NS, 'svg');
      svg.setAttribute('class', 'graph');
      let width = 0;
      function draw() {
        width = el.clientWidth || width || 400;
        const h = model.graph_height, pad = 14;
        const [x0, x1] = model.x_range, [y0, y1] = model.y_range;
        const sx = x => pad + (x - x0) / ((x1 - x0) || 1) * (width - 2 * pad);
        const sy = y => pad + (y1 - y) / ((y1 - y0) || 1) * (h - 2 * pad);
        svg.setAttribute('width', width); svg.setAttribute('height', h);
        svg.setAttribute('viewBox', `0 0 ${width} ${h}`);
        svg.textContent = '';
        for (const [a, b, c, d] of model.edges) {
          const l = document.createElementNS(NS, 'line');
          l.setAttribute('x1', sx(a)); l.setAttribute('y1', sy(b)); l.setAttribute('x2', sx(c)); l.setAttribute('y2', sy(d));
          l.setAttribute('class', 'edge');
          svg.appendChild(l);
        }
        for (const n of model.nodes) {
          const g = document.createElementNS(NS, 'g');
          g.setAttribute('class', 'node'); g.dataset.cell = n.name;
          const t = document.createElementNS(NS, 'title'); t.textContent = n.name + (n.doc ? '\\n' + n.doc : '');
          const c = document.createElementNS(NS, 'circle');
          c.setAttribute('cx', sx(n.x)); c.setAttribute('cy', sy(n.y)); c.setAttribute('r', 6);
          c.setAttribute('fill', n.colour);
          const s = document.createElementNS(NS, 'text');
          s.setAttribute('x', sx(n.x)); s.setAttribute('y', sy(n.y) + 18);
          s.textContent = n.label;
          g.append(t, c, s);
          g.addEventListener('click', () => model.send_msg({open: n.name}));
          svg.appendChild(g);
        }
      }
      draw();
      for (const p of ['nodes', 'edges', 'x_range', 'y_range', 'graph_height']) model.on(p, draw);
      const ro = new ResizeObserver(() => { if (el.clientWidth && el.clientWidth !== width) draw(); });
      ro.observe(el);
      model.on('remove', () => ro.disconnect());
      return svg;
    }
    """

    _stylesheets = [_BASE_CSS + """
    .graph { display: block; overflow: visible; }
    .edge { stroke: #cbd5e1; stroke-width: 1.5; }
    .node { cursor: pointer; }
    .node circle { stroke: white; stroke-width: 1; }
    .node:hover circle { stroke: #0f172a; stroke-width: 2; }
    .node text { font-size: 11px; fill: #334155; text-anchor: middle; }
    """]
