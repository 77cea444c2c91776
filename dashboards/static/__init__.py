"""Files the dashboard serves itself: KaTeX's fonts (Panel ships KaTeX's CSS without them)."""

from __future__ import annotations

from pathlib import Path

from panel.models.katex import KaTeX
from tornado.web import StaticFileHandler

KATEX_FONTS = Path(__file__).parent / "katex" / "fonts"


def katex_fonts_url() -> str:
    """The URL path (no leading slash) under which Panel's bundled KaTeX CSS looks for its fonts."""
    css = KaTeX.__css__[0]  # 'static/extensions/panel/bundled/katex/katex@X/dist/katex.min.css'
    return css.rsplit("/", 1)[0] + "/fonts/"


def font_routes() -> list[tuple]:
    """Tornado routes serving KaTeX's fonts where the bundled CSS asks for them (woff2 only: every
    browser that runs the dashboard reads it, and the CSS lists it first)."""
    pattern = "/" + katex_fonts_url().replace(".", r"\.") + r"(.*\.woff2)"
    return [(pattern, StaticFileHandler, {"path": str(KATEX_FONTS)})]
