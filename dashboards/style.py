"""The dashboard's look: colours, fonts (system fonts only: nothing is fetched from the internet)
and the stylesheets injected into Panel components' shadow roots."""

ACCENT = "#2563eb"
HEADER = "#0f172a"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

PAGE_CSS = """
:root { --napkin-font: @FONT@; }
body { background: #f1f5f9; }
#header { box-shadow: 0 1px 0 rgba(15, 23, 42, .08); }
.title { font-weight: 700 !important; letter-spacing: .01em; }
#sidebar { background: #ffffff; border-right: 1px solid #e2e8f0; }
#main { background: #f1f5f9; }
""".replace("@FONT@", FONT)

ROW_CSS = """
:host { font-family: var(--napkin-font, system-ui, sans-serif); color: #1e293b; }
.doc { font-size: 13.5px; font-weight: 600; color: #1e293b; line-height: 1.3; }
.name, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 11.5px; color: #64748b; }
.unit { font-size: 13px; color: #475569; white-space: nowrap; }
.meta, .source, .note, .used { font-size: 11.5px; color: #64748b; line-height: 1.35; }
.source { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 100%; }
.note { color: #92400e; }
.range-note { color: #6d28d9; }
.used { color: #7e22ce; }
.error { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca; border-radius: 6px; padding: 6px 8px;
         font-size: 12.5px; margin-top: 4px; line-height: 1.35; }
.ok { color: #166534; background: #f0fdf4; border: 1px solid #bbf7d0; border-radius: 6px; padding: 6px 8px;
      font-size: 12.5px; }
.status { font-size: 13px; color: #334155; padding: 2px 0; }
.hint { font-size: 13px; color: #64748b; }
.side-heading { font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: #64748b;
                border-top: 1px solid #e2e8f0; padding-top: 12px; }
.side-label { font-size: 12px; color: #475569; }
.trace-title { font-size: 15px; font-weight: 650; color: #0f172a; }
"""

HEADER_CSS = """
:host { font-family: var(--napkin-font, system-ui, sans-serif); }
.kicker { font-size: 12.5px; color: #64748b; text-transform: none; margin-top: 4px; }
.sid { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; background: #dbeafe; color: #1e3a8a;
       padding: 1px 7px; border-radius: 5px; font-weight: 600; margin-right: 4px; }
h1 { font-size: 24px; line-height: 1.25; margin: 6px 0 6px; color: #0f172a; font-weight: 700; }
.question { font-size: 14.5px; line-height: 1.55; color: #334155; max-width: 980px; }
.question p { margin: 0 0 6px; }
"""

INPUT_CSS = """
label { font-size: 13.5px; font-weight: 600; color: #1e293b; line-height: 1.3; white-space: normal;
        overflow-wrap: anywhere; }
.bk-input { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 14px; text-align: right; }
.bk-input-suffix { font-size: 12.5px; color: #475569; padding: 0 8px; background: #f8fafc; }
:host(.edited) .bk-input { background: #fef9c3; border-color: #eab308; box-shadow: inset 3px 0 0 #eab308; }
:host(.invalid) .bk-input { border-color: #dc2626; box-shadow: 0 0 0 2px #fecaca; }
:host(.ranged) .bk-input { background: #f5f3ff; border-color: #7c3aed; box-shadow: inset 3px 0 0 #7c3aed; }
"""

RESET_CSS = """
:host(.idle) { visibility: hidden; }
"""

LATEX_CSS = """
:host { overflow-x: auto; max-width: 100%; font-size: 15px; padding: 6px 2px; }
.katex-display { margin: 0.4em 0; text-align: left; }
.katex-display > .katex { text-align: left; }
"""

CARD_CSS = """
:host { border-radius: 12px !important; border: 1px solid #e2e8f0 !important; background: #ffffff !important;
        box-shadow: 0 1px 2px rgba(15, 23, 42, .04) !important; }
.card-header { background: #ffffff !important; border-bottom: 1px solid #eef2f7; border-radius: 12px 12px 0 0; }
.card-title { font-size: 13px !important; font-weight: 700 !important; letter-spacing: .05em; text-transform: uppercase;
              color: #475569 !important; }
"""
