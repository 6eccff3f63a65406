"""The SWOT analysis as a spreadsheet: the items, the TOWS strategies and their coverage.

Labels are rendered with ``gettext`` in the active language: render inside
``translation.override(...)`` for the reader's language. The last columns keep the stored
codes of theme, quadrant and strategy kind, which stay the same in every language, for tools
that sort or match on them.
"""

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from municipalities.models import ChildrenCount
from plus_portal import spreadsheets
from swot.models import EXTERNAL, INTERNAL, Quadrant, SwotAnalysis, SwotItem, Theme

# Characters per column, in the order of the headers.
_SWOT_WIDTHS = [22, 14, 10, 50, 60, 18, 60, 30, 12, 30, 14, 14]
_TOWS_WIDTHS = [40, 10, 40, 60, 50, 50, 12]
_COVERAGE_WIDTHS = [14, 60, 40]


def _evidence_lines(item: SwotItem) -> str:
    lines = []
    for record in item.evidence():
        if isinstance(record, ChildrenCount):
            where = record.area.name if record.area else _("whole municipality")
            text = f"{where}: {record}"
        else:
            text = str(record)
        lines.append(f"{capfirst(record._meta.verbose_name)}: {text}")
    lines += [line for line in item.evidence_figures.splitlines() if line.strip()]
    return "\n".join(lines)


def _source(item: SwotItem) -> str:
    parts = [item.source_name, item.source_url]
    if item.source_date:
        parts.append(date_format(item.source_date, "SHORT_DATE_FORMAT"))
    return "\n".join(part for part in parts if part)


def _swot_rows(items: list[SwotItem]) -> list[list]:
    age_groups = SwotItem._meta.get_field("age_groups")
    themes, quadrants = list(Theme.values), list(Quadrant.values)
    ordered = sorted(
        items,
        key=lambda i: (themes.index(i.theme), quadrants.index(i.quadrant), i.priority, i.pk),
    )
    return [
        [
            item.get_theme_display(),
            item.get_quadrant_display(),
            item.priority,
            item.statement,
            item.explanation,
            ", ".join(age_groups.labels(item.age_groups)),
            _evidence_lines(item),
            _source(item),
            _("yes") if item.is_supported else _("no"),
            item.parked_reason if item.is_parked else "",
            item.theme,
            item.quadrant,
        ]
        for item in ordered
    ]


def _tows_rows(strategies) -> list[list]:
    rows = []
    for strategy in strategies:
        cited = sorted(strategy.items.all(), key=lambda i: (i.quadrant, i.priority, i.pk))
        rows.append(
            [
                strategy.get_kind_display(),
                strategy.priority,
                strategy.title,
                strategy.description,
                "\n".join(i.statement for i in cited if i.quadrant in INTERNAL),
                "\n".join(i.statement for i in cited if i.quadrant in EXTERNAL),
                strategy.kind,
            ]
        )
    return rows


def _coverage_rows(items: list[SwotItem], strategies) -> list[list]:
    cited = {item.pk for strategy in strategies for item in strategy.items.all()}
    concerned = [item for item in items if item.quadrant in {Quadrant.WEAKNESS, Quadrant.THREAT}]
    uncovered = [item for item in concerned if not item.is_parked and item.pk not in cited]
    parked = [item for item in concerned if item.is_parked]
    rows = [[item.get_quadrant_display(), item.statement, ""] for item in uncovered]
    if not uncovered:
        rows.append(["", _("Every weakness and threat is addressed by a strategy or parked."), ""])
    rows += [[item.get_quadrant_display(), item.statement, item.parked_reason] for item in parked]
    return rows


def swot_xlsx(analysis: SwotAnalysis) -> bytes:
    """The analysis as an XLSX workbook: sheets SWOT, TOWS and coverage."""
    items = list(SwotItem.objects.filter(analysis=analysis).with_evidence())
    strategies = list(analysis.strategies.prefetch_related("items"))

    swot = spreadsheets.Sheet(
        "SWOT",
        [
            _("Theme"),
            _("Quadrant"),
            _("Priority"),
            _("Statement"),
            _("Explanation"),
            _("Age groups"),
            _("Evidence (intake records and figures)"),
            _("Source"),
            _("Supported"),
            _("Parked (reason)"),
            _("Theme (code)"),
            _("Quadrant (code)"),
        ],
        _swot_rows(items),
        widths=_SWOT_WIDTHS,
        wrap=True,
    )
    tows = spreadsheets.Sheet(
        "TOWS",
        [
            _("Kind"),
            _("Priority"),
            _("Title"),
            _("Description"),
            _("Internal items"),
            _("External items"),
            _("Kind (code)"),
        ],
        _tows_rows(strategies),
        widths=_TOWS_WIDTHS,
        wrap=True,
    )
    coverage = spreadsheets.Sheet(
        _("Coverage"),
        [_("Quadrant"), _("Statement"), _("Parked (reason)")],
        _coverage_rows(items, strategies),
        widths=_COVERAGE_WIDTHS,
        wrap=True,
    )
    return spreadsheets.xlsx([swot, tows, coverage])
