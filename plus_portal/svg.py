"""Charts as SVG strings drawn on the server, shared by every app that draws them: the same
markup on a page and in a PDF, with ``role="img"``, a ``<title>`` and a ``<desc>``.

Coordinates are in a fixed ``viewBox`` ``WIDTH`` wide; the SVG has no width of its own and
scales to its box. Every piece of text goes through ``esc``.
"""

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from django.utils.html import escape

WIDTH = 680
FONT = 9


def esc(value) -> str:
    return str(escape(str(value)))


def num(value: float) -> str:
    """A coordinate: short, locale-independent (never "1,5")."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg_chart(
    kind: str,
    height: float,
    title: str,
    desc: str,
    body: Iterable[str],
    font_family: str | None = None,
) -> str:
    body = "".join(body)
    # Ids follow the content, so several charts on one page or in one PDF never share one.
    digest = hashlib.sha1(f"{title}|{desc}|{body}".encode(), usedforsecurity=False).hexdigest()
    chart_id = f"{kind}-{digest[:10]}"
    # Without a font family the text takes the page's (in a browser); the PDF names its own
    # embedded face, since WeasyPrint's SVG text does not inherit from the HTML.
    font = f' font-family="{esc(font_family)}"' if font_family else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {num(height)}"'
        f' role="img" aria-label="{esc(title)}" aria-labelledby="{chart_id}-title"'
        f' aria-describedby="{chart_id}-desc" font-size="{FONT}"{font}>'
        f'<title id="{chart_id}-title">{esc(title)}</title>'
        f'<desc id="{chart_id}-desc">{esc(desc)}</desc>{body}</svg>'
    )


def svg_text(x: float, y: float, text: str, *, anchor: str = "start", **attrs) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{esc(val)}"' for key, val in attrs.items())
    return f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}"{extra}>{esc(text)}</text>'


def legend_item(x: float, y: float, colour: str, label: str) -> str:
    return (
        f'<rect x="{num(x)}" y="{num(y - 8)}" width="10" height="8" fill="{colour}"/>'
        + svg_text(x + 14, y, label)
    )


def nice_ceiling(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal(1000)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        ceiling = magnitude * Decimal(str(step))
        if ceiling >= value:
            return ceiling
    return magnitude * 10
