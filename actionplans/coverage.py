"""Need against offer: the intake's needs beside the children a plan expects to reach.

Rows are age group by area, columns are the weekly slots and each school holiday period.

How the numbers are counted (so a coordinator can explain a cell):

- **Need** is the sum of ``Need.children_concerned`` for the cell. A need without a number
  still counts as *expressed*: a cell with only such needs shows "?" and is never covered.
  A holiday need counts its children in every period it names (all periods if it names
  none): parents who need the Easter and the summer holidays need both.
- **Offer** is the sum of ``expected_children`` over the slots of the plan's actions that are
  not dropped. An action for two age groups counts its expected children for *each* group,
  and an action at sites in two areas counts them for *each* area: the plan does not say how
  they split, so the matrix shows what each group or area could get, not a total to add up.
  Within one action, several slots in the same column (e.g. after school 15:30-17:00 and
  17:00-18:30) are the same children, so the largest counts, not the sum.
- **Area**: a need counts in its area; an action at a central site in the "central site" row;
  any other action in the areas of its sites. Needs, actions and sites without an area (or
  whose site is unknown) count for the whole municipality.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.models import Need, Site

SCHEMA = 1

COVERED = "covered"
PARTIAL = "partial"
UNCOVERED = "uncovered"
OFFER_ONLY = "offer_only"
NONE = "none"

STATUS_LABELS = {
    COVERED: _("Covered"),
    PARTIAL: _("Partly covered"),
    UNCOVERED: _("Not covered"),
    OFFER_ONLY: _("Offer without recorded need"),
    NONE: _("No need, no offer"),
}
# Shown beside the numbers so status never rests on colour alone (WCAG 1.4.1).
STATUS_SYMBOLS = {COVERED: "✓", PARTIAL: "◐", UNCOVERED: "✗", OFFER_ONLY: "+", NONE: "–"}

# Area kinds: where a row's children are.
WHOLE_MUNICIPALITY = "municipality"
CENTRAL_SITE = "central_site"
AREA = "area"
_AREA_KIND_ORDER = {WHOLE_MUNICIPALITY: 0, CENTRAL_SITE: 1, AREA: 2}

HOLIDAYS_PREFIX = "holidays:"
COLUMN_KEYS: list[str] = [slot.value for slot in Slot if slot != Slot.HOLIDAYS] + [
    f"{HOLIDAYS_PREFIX}{period.value}" for period in HolidayPeriod
]
_ALL_PERIOD_KEYS = [key for key in COLUMN_KEYS if key.startswith(HOLIDAYS_PREFIX)]


def status_css_class(status: str) -> str:
    """The class in static/css/actionplans.css that colours a cell of this status."""
    return "coverage-" + status.replace("_", "-")


def column_label(key: str) -> str | Promise:
    if key.startswith(HOLIDAYS_PREFIX):
        return HolidayPeriod(key.removeprefix(HOLIDAYS_PREFIX)).label
    return Slot(key).label


def _age_group_label(value: str) -> str | Promise:
    return AgeGroup(value).label if value in AgeGroup.values else value


def _area_label(kind: str, name: str | None) -> str | Promise:
    if kind == CENTRAL_SITE:
        return _("Central site")
    if kind == WHOLE_MUNICIPALITY:
        return _("Whole municipality")
    return name or ""


@dataclass(frozen=True)
class Cell:
    column: str
    need: int = 0
    offer: int = 0
    #: At least one need was recorded for this cell.
    need_expressed: bool = False
    #: At least one of those needs has no number, so ``need`` may be too low.
    need_unknown: bool = False

    @property
    def status(self) -> str:
        if self.need > 0:
            if self.offer >= self.need:
                return COVERED
            return PARTIAL if self.offer > 0 else UNCOVERED
        if self.need_expressed:
            # A need without a number: some offer may or may not be enough, so it is
            # flagged as partial for someone to look at, never shown as covered.
            return PARTIAL if self.offer > 0 else UNCOVERED
        return OFFER_ONLY if self.offer > 0 else NONE

    @property
    def ratio(self) -> float | None:
        """Offer divided by need, for shading; None when the need has no number."""
        return self.offer / self.need if self.need > 0 else None

    @property
    def css_class(self) -> str:
        return status_css_class(self.status)

    @property
    def status_label(self) -> str | Promise:
        return STATUS_LABELS[self.status]

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self.status]

    @property
    def need_display(self) -> str:
        """The need as shown: "20", "20+" when some need has no number, "?" when none has."""
        if self.need_unknown:
            return f"{self.need}+" if self.need else "?"
        return str(self.need)


@dataclass(frozen=True)
class Row:
    age_group: str
    area_kind: str
    area: str | None
    cells: list[Cell]

    @property
    def age_group_label(self) -> str | Promise:
        return _age_group_label(self.age_group)

    @property
    def area_label(self) -> str | Promise:
        return _area_label(self.area_kind, self.area)


class Gap(NamedTuple):
    """A cell where the offer falls short; ``need`` is None when no number is known."""

    age_group_label: str | Promise
    area_label: str | Promise
    column_label: str | Promise
    need: int | None


@dataclass(frozen=True)
class CoverageMatrix:
    rows: list[Row]

    @property
    def columns(self) -> list[tuple[str, str | Promise]]:
        # Labels stay lazy, so they come out in whatever language is active when shown.
        return [(key, column_label(key)) for key in COLUMN_KEYS]

    @property
    def uncovered(self) -> list[Gap]:
        return [
            Gap(
                row.age_group_label,
                row.area_label,
                column_label(cell.column),
                cell.need if cell.need > 0 else None,
            )
            for row in self.rows
            for cell in row.cells
            if cell.status in (UNCOVERED, PARTIAL)
        ]

    @property
    def legend(self) -> list[tuple[str, str, str | Promise]]:
        """(css class, symbol, label) per status, for the key under the heatmap."""
        return [
            (status_css_class(status), STATUS_SYMBOLS[status], label)
            for status, label in STATUS_LABELS.items()
        ]

    def to_dict(self) -> dict[str, Any]:
        """Codes and numbers only (no labels, no floats), for a version snapshot."""
        return {
            "schema": SCHEMA,
            "columns": list(COLUMN_KEYS),
            "rows": [
                {
                    "age_group": row.age_group,
                    "area_kind": row.area_kind,
                    "area": row.area,
                    "cells": [
                        {
                            "column": cell.column,
                            "need": cell.need,
                            "need_expressed": cell.need_expressed,
                            "need_unknown": cell.need_unknown,
                            "offer": cell.offer,
                            "status": cell.status,
                        }
                        for cell in row.cells
                    ],
                }
                for row in self.rows
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CoverageMatrix:
        """Rebuild a matrix stored by ``to_dict`` (e.g. to show a frozen version)."""
        return cls(
            rows=[
                Row(
                    age_group=row["age_group"],
                    area_kind=row["area_kind"],
                    area=row["area"],
                    cells=[
                        Cell(
                            column=cell["column"],
                            need=cell["need"],
                            offer=cell["offer"],
                            need_expressed=cell["need_expressed"],
                            need_unknown=cell["need_unknown"],
                        )
                        for cell in row["cells"]
                    ],
                )
                for row in data["rows"]
            ]
        )


def needs_for(trajectory) -> list[Need]:
    """A trajectory's needs with their areas, in one query."""
    return list(Need.objects.filter(trajectory=trajectory).select_related("area"))


def sites_for(trajectory) -> list[Site]:
    """A trajectory's school sites with their areas, in one query."""
    return list(Site.objects.filter(school__trajectory=trajectory).select_related("area"))


_RowKey = tuple[str, str, str | None]  # (age group, area kind, area name)


def coverage_matrix(snapshot: dict, needs: Iterable[Need], sites: Iterable[Site]) -> CoverageMatrix:
    """Set the plan's offer beside the intake's needs; see the module docstring for the rules.

    ``sites`` maps the snapshot's site ids to areas: pass all the trajectory's sites with
    ``select_related("area")`` (``sites_for``) and this makes no query. Only rows with a
    need or an offer appear: whole municipality, central site, then areas by name, per age
    group in the order of ``AgeGroup``.
    """
    need_total: dict[_RowKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    expressed: set[tuple[_RowKey, str]] = set()
    unknown: set[tuple[_RowKey, str]] = set()
    offer_total: dict[_RowKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    for need in needs:
        row = (need.age_group, *_need_area(need))
        for column in _columns(need.slot, need.holiday_periods or []):
            expressed.add((row, column))
            if need.children_concerned is None:
                unknown.add((row, column))
            else:
                need_total[row][column] += need.children_concerned

    area_of_site = {site.pk: (site.area.name if site.area_id else None) for site in sites}
    for action in _actions(snapshot):
        if action.get("status") == "dropped":
            continue
        largest: dict[str, int] = defaultdict(int)
        for slot in action.get("slots", []):
            period = slot.get("holiday_period")
            for column in _columns(slot.get("slot", ""), [period] if period else []):
                largest[column] = max(largest[column], int(slot.get("expected_children") or 0))
        for age_group in dict.fromkeys(action.get("age_groups", [])):
            for area in _action_areas(action, area_of_site):
                for column, children in largest.items():
                    if children:  # a slot without expected children offers nothing to count
                        offer_total[(age_group, *area)][column] += children

    row_keys = {key for key, _column in expressed} | offer_total.keys()
    age_order = {value: n for n, value in enumerate(AgeGroup.values)}
    rows = [
        Row(
            age_group=key[0],
            area_kind=key[1],
            area=key[2],
            cells=[
                Cell(
                    column=column,
                    need=need_total[key][column] if key in need_total else 0,
                    offer=offer_total[key][column] if key in offer_total else 0,
                    need_expressed=(key, column) in expressed,
                    need_unknown=(key, column) in unknown,
                )
                for column in COLUMN_KEYS
            ],
        )
        for key in sorted(
            row_keys,
            key=lambda k: (
                age_order.get(k[0], len(age_order)),
                k[0],
                _AREA_KIND_ORDER[k[1]],
                (k[2] or "").casefold(),
            ),
        )
    ]
    return CoverageMatrix(rows=rows)


def _need_area(need: Need) -> tuple[str, str | None]:
    return (AREA, need.area.name) if need.area_id else (WHOLE_MUNICIPALITY, None)


def _action_areas(
    action: dict[str, Any], area_of_site: dict[int, str | None]
) -> list[tuple[str, str | None]]:
    if action.get("at_central_site"):
        return [(CENTRAL_SITE, None)]
    names = [area_of_site.get(site["id"]) for site in action.get("sites", [])]
    areas = [(AREA, name) for name in dict.fromkeys(n for n in names if n)]
    if not names or None in names:
        areas.append((WHOLE_MUNICIPALITY, None))
    return areas


def _columns(slot: str, holiday_periods: list[str]) -> list[str]:
    if slot == Slot.HOLIDAYS:
        if not holiday_periods:
            return _ALL_PERIOD_KEYS
        keys = [f"{HOLIDAYS_PREFIX}{period}" for period in dict.fromkeys(holiday_periods)]
    else:
        keys = [slot]
    return [key for key in keys if key in COLUMN_KEYS]


def _actions(snapshot: dict) -> list[dict[str, Any]]:
    return [
        action
        for objective in snapshot.get("objectives", [])
        for action_plan in objective.get("action_plans", [])
        for action in action_plan.get("actions", [])
    ]
