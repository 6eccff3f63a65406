"""The dashboard's charts as SVG strings drawn on the server, for the page and the progress
report's PDF alike: bars, lines, a heatmap and progress bars.

Each chart is a ``Chart``: the SVG (``role="img"``, ``<title>``, ``<desc>``, labelled by its
title; no script, no style attribute, no font of its own unless the PDF names one) and the
same figures as a table, which the page shows in a ``<details>`` beside the picture, so no
figure can be read from the picture only. The document frame, text and number helpers are
the plan charts' (``actionplans.charts``), so both kinds of chart look and read alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# The plan charts' frame and helpers; general, not plan-specific (see the report: they
# deserve public names in actionplans.charts).
from plus_portal.svg import (
    WIDTH,
    esc,
    legend_item,
    nice_ceiling,
    num,
    svg_chart,
    svg_text,
)

PALETTE = ["#1f4e79", "#d08c1a", "#2e8b57", "#8e44ad", "#c0392b", "#7f8c8d", "#117a8b"]
GRID = "#d0d0d0"
AXIS = "#333333"
# Heatmap cells from none to many: light to dark, readable in greyscale; counts are printed.
HEAT = ["#f8f9fa", "#d6e4f0", "#a9c6e2", "#6f9fcb", "#3f73a8", "#1f4e79"]

_LEFT, _TOP, _PLOT, _BOTTOM = 78.0, 14.0, 170.0, 22.0
_BASE = _TOP + _PLOT


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Decimal | int | float | None]
    colour: str = ""
    dashed: bool = False


@dataclass(frozen=True)
class Chart:
    """An SVG picture and the table that says the same."""

    svg: str
    caption: str
    headers: list[str]
    rows: list[list[str]]

    @property
    def html(self) -> SafeString:
        # Every text in the SVG went through ``escape`` on the way in.
        return mark_safe(self.svg)


def _number(value) -> str:
    if value is None:
        return "—"
    value = Decimal(value)
    places = 0 if value == value.to_integral() else 1
    return number_format(value, decimal_pos=places, force_grouping=True)


def _colour(series: Series, index: int) -> str:
    return series.colour or PALETTE[index % len(PALETTE)]


def _ceiling(series: Sequence[Series]) -> Decimal:
    top = max(
        [Decimal(value) for one in series for value in one.values if value is not None]
        + [Decimal(0)]
    )
    return nice_ceiling(top) if top > 0 else Decimal(10)


def _grid(ceiling: Decimal, fmt: Callable) -> list[str]:
    body = []
    for step in range(5):
        value = ceiling * step / 4
        y = _BASE - _PLOT * step / 4
        body.append(
            f'<line x1="{num(_LEFT)}" y1="{num(y)}" x2="{num(WIDTH - 10)}" y2="{num(y)}" '
            f'stroke="{GRID}" stroke-width="0.6"/>'
        )
        body.append(svg_text(_LEFT - 4, y + 3, fmt(value), anchor="end"))
    body.append(
        f'<line x1="{num(_LEFT)}" y1="{num(_BASE)}" x2="{num(WIDTH - 10)}" y2="{num(_BASE)}" '
        f'stroke="{AXIS}" stroke-width="0.8"/>'
    )
    return body


def _legend(body: list[str], series: Sequence[Series]) -> float:
    x, y = _LEFT, _BASE + _BOTTOM + 10
    for index, one in enumerate(series):
        width = 24 + len(one.label) * 9 * 0.58
        if x + width > WIDTH - 10:
            x, y = _LEFT, y + 14
        body.append(legend_item(x, y, _colour(one, index), one.label))
        x += width
    return y + 8


def _described(categories, series, fmt) -> str:
    parts = []
    for index, category in enumerate(categories):
        values = ", ".join(f"{one.label} {fmt(one.values[index])}" for one in series)
        parts.append(f"{category}: {values}")
    return "; ".join(parts)


def _table(categories, series, fmt, first: str) -> tuple[list[str], list[list[str]]]:
    headers = [first] + [one.label for one in series]
    rows = [
        [str(category)] + [fmt(one.values[index]) for one in series]
        for index, category in enumerate(categories)
    ]
    return headers, rows


def _has_values(series: Sequence[Series]) -> bool:
    return any(value is not None for one in series for value in one.values)


def bar_chart(
    kind: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    fmt: Callable = _number,
    first_column: str = "",
    empty: str = "",
    font_family: str | None = None,
) -> Chart:
    """Bars side by side per category (a year), one per series (budget, spent)."""
    ceiling = _ceiling(series)
    body = _grid(ceiling, fmt)
    slot = (WIDTH - _LEFT - 10) / max(len(categories), 1)
    bar = min(slot * 0.8 / max(len(series), 1), 40)
    for index, category in enumerate(categories):
        left = _LEFT + slot * index + (slot - bar * len(series)) / 2
        for number, one in enumerate(series):
            value = one.values[index]
            if not value:
                continue
            height = _PLOT * float(Decimal(value) / ceiling)
            body.append(
                f'<rect x="{num(left + bar * number)}" y="{num(_BASE - height)}" '
                f'width="{num(bar - 1)}" height="{num(height)}" fill="{_colour(one, number)}">'
                f"<title>{esc(one.label)} {esc(category)}: {esc(fmt(value))}</title></rect>"
            )
        body.append(
            svg_text(_LEFT + slot * index + slot / 2, _BASE + 12, str(category), anchor="middle")
        )
    height = _legend(body, series)
    body.insert(0, f'<rect x="0" y="0" width="{WIDTH}" height="{num(height)}" fill="#ffffff"/>')
    desc = _described(categories, series, fmt) if _has_values(series) else empty
    headers, rows = _table(categories, series, fmt, first_column)
    return Chart(svg_chart(kind, height, title, desc, body, font_family), title, headers, rows)


def line_chart(
    kind: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    fmt: Callable = _number,
    first_column: str = "",
    empty: str = "",
    font_family: str | None = None,
) -> Chart:
    """A line per series over the categories (months, years); a missing value breaks the
    line, and a lone value is a dot."""
    ceiling = _ceiling(series)
    body = _grid(ceiling, fmt)
    count = max(len(categories), 1)
    # The last point stays 40 units in from the edge: room for half a month label ("Nov 2026").
    step = (WIDTH - _LEFT - 50) / max(count - 1, 1)

    def x_of(index: int) -> float:
        return _LEFT + 10 + step * index if count > 1 else _LEFT + (WIDTH - _LEFT) / 2

    # Label at most about twelve categories, so months never overlap on a phone.
    every = max(1, -(-count // 12))
    for index, category in enumerate(categories):
        if index % every == 0:
            body.append(svg_text(x_of(index), _BASE + 12, str(category), anchor="middle"))
    for number, one in enumerate(series):
        colour = _colour(one, number)
        dash = ' stroke-dasharray="5 3"' if one.dashed else ""
        points: list[str] = []
        runs: list[list[str]] = [points]
        for index, value in enumerate(one.values):
            if value is None:
                points = []
                runs.append(points)
                continue
            y = _BASE - _PLOT * float(Decimal(value) / ceiling)
            points.append(f"{num(x_of(index))},{num(y)}")
            body.append(
                f'<circle cx="{num(x_of(index))}" cy="{num(y)}" r="2.4" fill="{colour}">'
                f"<title>{esc(one.label)} {esc(categories[index])}: {esc(fmt(value))}</title>"
                "</circle>"
            )
        for run in runs:
            if len(run) > 1:
                body.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                    f'stroke-width="1.8"{dash}/>'
                )
    height = _legend(body, series)
    body.insert(0, f'<rect x="0" y="0" width="{WIDTH}" height="{num(height)}" fill="#ffffff"/>')
    desc = _described(categories, series, fmt) if _has_values(series) else empty
    headers, rows = _table(categories, series, fmt, first_column)
    return Chart(svg_chart(kind, height, title, desc, body, font_family), title, headers, rows)


def heatmap(
    kind: str,
    title: str,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    counts: Sequence[Sequence[int]],
    *,
    first_column: str = "",
    empty: str = "",
    font_family: str | None = None,
) -> Chart:
    """Counts in a grid (slots × weekdays), darker for more; every count is printed too."""
    label_width, header, row = 150.0, 20.0, 22.0
    cell = (WIDTH - label_width - 4) / max(len(column_labels), 1)
    top = max([value for line in counts for value in line] + [0])
    body = [
        svg_text(label_width + cell * index + cell / 2, header - 6, label, anchor="middle")
        for index, label in enumerate(column_labels)
    ]
    described = []
    for line_index, (label, line) in enumerate(zip(row_labels, counts, strict=True)):
        y = header + row * line_index
        body.append(svg_text(4, y + 14, label))
        for index, value in enumerate(line):
            shade = 0 if not value else 1 + round((len(HEAT) - 2) * value / top)
            ink = "#ffffff" if shade >= 3 else "#212529"
            x = label_width + cell * index
            body.append(
                f'<rect x="{num(x + 0.5)}" y="{num(y + 0.5)}" width="{num(cell - 1)}" '
                f'height="{num(row - 1)}" fill="{HEAT[shade]}"/>'
            )
            body.append(svg_text(x + cell / 2, y + 14, str(value), anchor="middle", fill=ink))
            if value:
                described.append(f"{label}, {column_labels[index]}: {value}")
    height = header + row * len(row_labels) + 8
    body.insert(0, f'<rect x="0" y="0" width="{WIDTH}" height="{num(height)}" fill="#ffffff"/>')
    desc = "; ".join(described) if described else empty
    headers = [first_column, *column_labels]
    rows = [
        [label, *(str(value) for value in line)]
        for label, line in zip(row_labels, counts, strict=True)
    ]
    return Chart(svg_chart(kind, height, title, desc, body, font_family), title, headers, rows)


def progress_bars(
    kind: str,
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    first_column: str = "",
    value_column: str = "",
    empty: str = "",
    font_family: str | None = None,
) -> Chart:
    """One horizontal bar per item, 0–100 %."""
    label_width, row = 250.0, 18.0
    plot = WIDTH - label_width - 50
    body = []
    for index, (label, percent) in enumerate(items):
        y = 6 + row * index
        short = label if len(label) <= 44 else label[:43].rstrip() + "…"
        body.append(svg_text(4, y + 11, short))
        body.append(
            f'<rect x="{num(label_width)}" y="{num(y + 2)}" width="{num(plot)}" '
            f'height="{num(row - 6)}" fill="#e9ecef"/>'
        )
        body.append(
            f'<rect x="{num(label_width)}" y="{num(y + 2)}" width="{num(plot * percent / 100)}" '
            f'height="{num(row - 6)}" fill="{PALETTE[0]}"/>'
        )
        body.append(
            svg_text(label_width + plot + 6, y + 11, _("%(pct)s %%") % {"pct": num(percent)})
        )
    height = 12 + row * len(items)
    body.insert(0, f'<rect x="0" y="0" width="{WIDTH}" height="{num(height)}" fill="#ffffff"/>')
    desc = "; ".join(f"{label}: {num(percent)} %" for label, percent in items) if items else empty
    rows = [[label, f"{num(percent)} %"] for label, percent in items]
    return Chart(
        svg_chart(kind, height, title, desc, body, font_family),
        title,
        [first_column, value_column],
        rows,
    )
