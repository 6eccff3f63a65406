"""Charts of a plan as SVG strings, drawn on the server: the same markup on a page and in the PDF.

No JavaScript and no fonts of their own: text inherits the page's font, so the PDF embeds the
report font and the web page uses the portal's. Every piece of text (user titles, labels,
numbers) goes through ``plus_portal.svg.esc``; each chart carries ``role="img"``, an
``aria-label``, a ``<title>`` and a ``<desc>`` that says in words what the picture shows, so
it is never the only place a figure can be read.

Coordinates are in a fixed ``viewBox``; the SVG has no width of its own and scales to its box.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from actionplans.coverage import CoverageMatrix, column_label
from actionplans.snapshots import FrozenAction, Snapshot, as_snapshot
from actionplans.templatetags.plans import choice_label
from plus_portal.svg import (
    FONT,
    WIDTH,
    esc,
    legend_item,
    nice_ceiling,
    num,
    svg_chart,
    svg_text,
)
from plus_portal.templatetags.portal import euro

# Funding sources in a fixed order, each with a colour that stays apart in greyscale too.
SOURCE_COLOURS = {
    "municipal": "#1f4e79",
    "boa": "#2e8b57",
    "project_subsidy": "#d08c1a",
    "partner": "#8e44ad",
    "social_employment": "#c0392b",
}
OTHER_COLOUR = "#7f8c8d"
BUDGET_COLOUR = "#111111"

# Same colours as the coverage heatmap table (static/css/actionplans.css).
STATUS_FILL = {
    "covered": ("#d1e7dd", "#0a3622"),
    "partial": ("#fff3cd", "#664d03"),
    "uncovered": ("#f8d7da", "#58151c"),
    "offer_only": ("#cfe2ff", "#052c65"),
    "none": ("#f8f9fa", "#495057"),
}
BAR_COLOURS = {"planned": "#1f4e79", "in_progress": "#2e8b57", "done": "#6c757d"}
DROPPED_COLOUR = "#c8c8c8"


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# --- Timeline -------------------------------------------------------------------------------


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def timeline_svg(
    snapshot: Snapshot, *, font_family: str | None = None, action_titles: bool = True
) -> str:
    """Actions as bars over the planning cycle, grouped by objective (a Gantt chart).

    Without ``action_titles`` a bar is labelled with its action's code only (the PDF: its
    tables beside the chart give the titles, and WeasyPrint draws SVG text letter by letter,
    so 300 titles cost seconds); the description names every action in full either way.
    """
    first, last = snapshot.plan.cycle.start, snapshot.plan.cycle.end
    start, end = datetime.date(first, 1, 1), datetime.date(last + 1, 1, 1)
    span = (end - start).days

    label_width = 250.0 if action_titles else 90.0
    right_pad, top, row = 8.0, 26.0, 15.0
    plot_width = WIDTH - label_width - right_pad

    def x_of(day: datetime.date) -> float:
        day = min(max(day, start), end)
        return label_width + plot_width * (day - start).days / span

    rows: list[str] = []
    described: list[str] = []
    y = top
    for objective in snapshot.objectives:
        rows.append(
            svg_text(
                4,
                y + 10.5,
                _short(f"{objective.code} {objective.title}", 48),
                font_weight="bold",
            )
        )
        y += row
        for action_plan in objective.action_plans:
            for action in action_plan.actions:
                rows.append(_timeline_row(action, y, row, x_of, start, end, action_titles))
                described.append(_timeline_words(action))
                y += row
    height = y + 22
    body = [f'<rect x="0" y="0" width="{WIDTH}" height="{num(height)}" fill="#ffffff"/>']
    for year in range(first, last + 2):
        x = x_of(datetime.date(year, 1, 1))
        body.append(
            f'<line x1="{num(x)}" y1="{num(top - 4)}" x2="{num(x)}" y2="{num(y)}" '
            'stroke="#c8c8c8" stroke-width="0.6"/>'
        )
        if year <= last:
            middle = x_of(datetime.date(year, 7, 1))
            body.append(svg_text(middle, top - 8, str(year), anchor="middle", font_weight="bold"))
    body += rows
    legend_y = y + 14
    body.append(legend_item(4, legend_y, BAR_COLOURS["planned"], _("Planned")))
    body.append(legend_item(110, legend_y, BAR_COLOURS["in_progress"], _("In progress")))
    body.append(legend_item(220, legend_y, BAR_COLOURS["done"], _("Done")))
    body.append(legend_item(310, legend_y, DROPPED_COLOUR, _("Dropped")))
    body.append(svg_text(410, legend_y, _("★ prioritair"), fill="#333333"))

    title = _("Timeline of the actions, %(start)s–%(end)s") % {"start": first, "end": last}
    desc = "; ".join(described) if described else _("The plan has no actions yet.")
    return svg_chart("timeline", height, title, desc, body, font_family)


def _timeline_row(
    action: FrozenAction, y: float, row: float, x_of, start, end, titled: bool
) -> str:
    label = _short(f"{action.code} {action.title}", 46) if titled else action.code
    if action.is_prioritair:
        label = f"★ {label}"
    parts = [svg_text(14, y + 10.5, label)]
    begins, ends = _date(action.starts_on), _date(action.ends_on)
    status = action.status
    colour = DROPPED_COLOUR if status == "dropped" else BAR_COLOURS.get(status, "#1f4e79")
    if begins or ends:
        x1 = x_of(begins or start)
        x2 = x_of(ends + datetime.timedelta(days=1) if ends else end)
        width = max(x2 - x1, 2.0)
        parts.append(
            f'<rect x="{num(x1)}" y="{num(y + 3)}" width="{num(width)}" height="{num(row - 6)}" '
            f'rx="1.5" fill="{colour}"/>'
        )
        if not ends:
            parts.append(svg_text(x2 - 2, y + 10.5, "→", anchor="end", fill="#ffffff"))
    else:
        parts.append(
            svg_text(x_of(start) + 4, y + 10.5, _("no dates"), fill="#6c757d", font_style="italic")
        )
    return "<g>" + "".join(parts) + "</g>"


def _timeline_words(action: FrozenAction) -> str:
    begins, ends = action.starts_on, action.ends_on
    if begins and ends:
        period = _("from %(start)s to %(end)s") % {"start": begins, "end": ends}
    elif begins:
        period = _("from %(start)s") % {"start": begins}
    elif ends:
        period = _("until %(end)s") % {"end": ends}
    else:
        period = _("no dates")
    return f"{action.code} {action.title}: {period}"


# --- Budget ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BudgetAmounts:
    """What the budget chart draws: per year the planned cost and the funding by source."""

    years: list[str]
    sources: list[str]
    budget: dict[str, Decimal]
    funding: dict[str, list[tuple[str, Decimal]]]

    @classmethod
    def of(cls, totals) -> _BudgetAmounts:
        budget = {year: Decimal(amount) for year, amount in totals.budget_by_year.items()}
        by_source = totals.funding_by_source_and_year
        years = sorted(set(budget) | {y for per in by_source.values() for y in per})
        sources = [kind for kind in SOURCE_COLOURS if kind in by_source] + sorted(
            kind for kind in by_source if kind not in SOURCE_COLOURS
        )
        funding = {
            year: [(kind, Decimal(by_source[kind].get(year, "0"))) for kind in sources]
            for year in years
        }
        return cls(years, sources, budget, funding)

    def cost(self, year: str) -> Decimal:
        return self.budget.get(year, Decimal(0))

    def funded(self, year: str) -> Decimal:
        return sum((amount for _kind, amount in self.funding[year]), Decimal(0))

    def ceiling(self) -> Decimal:
        top = max(
            [self.cost(year) for year in self.years]
            + [self.funded(year) for year in self.years]
            + [Decimal(0)]
        )
        return nice_ceiling(top)


_BUDGET_LEFT, _BUDGET_TOP, _BUDGET_PLOT_HEIGHT, _BUDGET_BOTTOM = 92.0, 12.0, 180.0, 24.0
_BUDGET_BASE = _BUDGET_TOP + _BUDGET_PLOT_HEIGHT


def budget_svg(snapshot: Snapshot, *, font_family: str | None = None) -> str:
    """Per year: funding stacked by source beside the planned cost (the black mark)."""
    amounts = _BudgetAmounts.of(snapshot.totals)
    ceiling = amounts.ceiling()
    body = _budget_grid(ceiling)
    described = _budget_bars(body, amounts, ceiling)
    body.append(
        f'<line x1="{num(_BUDGET_LEFT)}" y1="{num(_BUDGET_BASE)}" x2="{num(WIDTH - 10)}" '
        f'y2="{num(_BUDGET_BASE)}" stroke="#333333" stroke-width="0.8"/>'
    )
    height = _budget_legend(body, amounts.sources)
    body.insert(0, f'<rect x="0" y="0" width="{WIDTH}" height="{num(height)}" fill="#ffffff"/>')
    title = _("Budget and funding per year, by funding source")
    desc = "; ".join(described) if described else _("No budget in this plan yet.")
    return svg_chart("budget", height, title, desc, body, font_family)


def _budget_grid(ceiling: Decimal) -> list[str]:
    """Five gridlines with their amounts, from zero to the ceiling."""
    body = []
    for step in range(5):
        value = ceiling * step / 4
        y = _BUDGET_BASE - _BUDGET_PLOT_HEIGHT * step / 4
        body.append(
            f'<line x1="{num(_BUDGET_LEFT)}" y1="{num(y)}" x2="{num(WIDTH - 10)}" y2="{num(y)}" '
            'stroke="#d0d0d0" stroke-width="0.6"/>'
        )
        body.append(
            svg_text(_BUDGET_LEFT - 4, y + 3, euro(value.quantize(Decimal(1))), anchor="end")
        )
    return body


def _budget_bars(body: list[str], amounts: _BudgetAmounts, ceiling: Decimal) -> list[str]:
    """Each year's stacked funding and cost mark; returns each year told in words."""
    described = []
    slot = (WIDTH - _BUDGET_LEFT - 10) / max(len(amounts.years), 1)
    bar = min(slot * 0.55, 60)
    for index, year in enumerate(amounts.years):
        x = _BUDGET_LEFT + slot * index + (slot - bar) / 2
        y = _BUDGET_BASE
        for kind, amount in amounts.funding[year]:
            if amount <= 0:
                continue
            height = _BUDGET_PLOT_HEIGHT * float(amount / ceiling)
            y -= height
            colour = SOURCE_COLOURS.get(kind, OTHER_COLOUR)
            body.append(
                f'<rect x="{num(x)}" y="{num(y)}" width="{num(bar)}" height="{num(height)}" '
                f'fill="{colour}"><title>{esc(choice_label(kind, "funding_kind"))} {esc(year)}: '
                f"{esc(euro(amount))}</title></rect>"
            )
        cost = amounts.cost(year)
        if cost > 0:
            cost_y = _BUDGET_BASE - _BUDGET_PLOT_HEIGHT * float(cost / ceiling)
            body.append(
                f'<line x1="{num(x - 6)}" y1="{num(cost_y)}" x2="{num(x + bar + 6)}" '
                f'y2="{num(cost_y)}" stroke="{BUDGET_COLOUR}" stroke-width="2.2"/>'
            )
        body.append(
            svg_text(x + bar / 2, _BUDGET_BASE + 12, year, anchor="middle", font_weight="bold")
        )
        described.append(
            _("%(year)s: budget %(budget)s, funding %(funding)s")
            % {"year": year, "budget": euro(cost), "funding": euro(amounts.funded(year))}
        )
    return described


def _budget_legend(body: list[str], sources: list[str]) -> float:
    """The sources' colours and the cost mark, wrapping onto as many lines as they need;
    returns the chart's height."""
    x, y = _BUDGET_LEFT, _BUDGET_BASE + _BUDGET_BOTTOM + 8
    items = [
        (SOURCE_COLOURS.get(kind, OTHER_COLOUR), choice_label(kind, "funding_kind"))
        for kind in sources
    ]
    for colour, label in items:
        width = 24 + len(label) * FONT * 0.58
        if x + width > WIDTH - 10:
            x, y = _BUDGET_LEFT, y + 14
        body.append(legend_item(x, y, colour, label))
        x += width
    label = _("Budget (planned cost)")
    if x + 24 + len(label) * FONT * 0.58 > WIDTH - 10:
        x, y = _BUDGET_LEFT, y + 14
    body.append(
        f'<line x1="{num(x)}" y1="{num(y - 4)}" x2="{num(x + 10)}" y2="{num(y - 4)}" '
        f'stroke="{BUDGET_COLOUR}" stroke-width="2.2"/>' + svg_text(x + 14, y, label)
    )
    return y + 8


# --- Coverage -------------------------------------------------------------------------------


def coverage_svg(matrix: CoverageMatrix, *, font_family: str | None = None) -> str:
    """Need against offer per age group and area (rows) and time slot (columns)."""
    columns = [key for key, _label in matrix.columns]
    label_width, header, row = 140.0, 92.0, 22.0
    cell = (WIDTH - label_width) / max(len(columns), 1)
    body: list[str] = []
    for index, key in enumerate(columns):
        # Slanted up to the left, so long Dutch labels ("Woensdagnamiddag") never collide.
        x, y = label_width + cell * index + cell / 2, header - 5
        body.append(
            svg_text(
                x,
                y,
                _short(str(column_label(key)), 28),
                anchor="end",
                font_size="7.5",
                transform=f"rotate(40 {num(x)} {num(y)})",
            )
        )
    described: list[str] = []
    y = header
    for matrix_row in matrix.rows:
        label = f"{matrix_row.age_group_label} · {matrix_row.area_label}"
        body.append(svg_text(4, y + 14, _short(label, 30)))
        for index, matrix_cell in enumerate(matrix_row.cells):
            fill, ink = STATUS_FILL[matrix_cell.status]
            x = label_width + cell * index
            body.append(
                f'<rect x="{num(x + 0.5)}" y="{num(y + 0.5)}" width="{num(cell - 1)}" '
                f'height="{num(row - 1)}" fill="{fill}"/>'
            )
            text = (
                matrix_cell.symbol
                if matrix_cell.status == "none"
                # The places that may meet the need, spare ones elsewhere included.
                else f"{matrix_cell.available}/{matrix_cell.need_display} {matrix_cell.symbol}"
            )
            body.append(svg_text(x + cell / 2, y + 14, text, anchor="middle", fill=ink))
            if matrix_cell.status != "none":
                described.append(
                    f"{label}, {column_label(matrix_cell.column)}: "
                    + _("offer %(offer)s, need %(need)s (%(status)s)")
                    % {
                        "offer": matrix_cell.offer_text,
                        "need": matrix_cell.need_display,
                        "status": matrix_cell.status_label,
                    }
                )
        y += row
    # Legend: symbol and words, so status never rests on colour alone.
    x, y = 4.0, y + 16
    for css_class, symbol, label in matrix.legend:
        status = css_class.removeprefix("coverage-").replace("-", "_")
        fill, ink = STATUS_FILL[status]
        width = 30 + len(str(label)) * FONT * 0.56
        if x + width > WIDTH:
            x, y = 4.0, y + 15
        body.append(
            f'<rect x="{num(x)}" y="{num(y - 9)}" width="18" height="12" fill="{fill}"/>'
            + svg_text(x + 9, y, symbol, anchor="middle", fill=ink)
            + svg_text(x + 22, y, str(label))
        )
        x += width
    height = y + 8
    body.insert(0, f'<rect x="0" y="0" width="{WIDTH}" height="{num(height)}" fill="#ffffff"/>')
    title = _("Need against offer per age group, area and time slot")
    desc = "; ".join(described) if described else _("No needs and no offer to compare.")
    return svg_chart("coverage", height, title, desc, body, font_family)


# --- Template tags ------------------------------------------------------------------------------
# Registered as the "plan_charts" library (TEMPLATES OPTIONS "libraries"), used by
# templates/actionplans/reports/charts.html. The SVG is safe to mark so: every text in it
# went through ``escape`` above.

register = template.Library()


@register.simple_tag
def timeline_chart(snapshot: Snapshot | dict) -> str:
    return mark_safe(timeline_svg(as_snapshot(snapshot)))


@register.simple_tag
def budget_chart(snapshot: Snapshot | dict) -> str:
    return mark_safe(budget_svg(as_snapshot(snapshot)))


@register.simple_tag
def coverage_chart(matrix: CoverageMatrix) -> str:
    return mark_safe(coverage_svg(matrix))
