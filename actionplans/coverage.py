"""Need against offer: the intake's needs beside the places a plan offers.

Rows are age group by area ("Whole municipality" first, then the trajectory's areas by
name); columns are the weekly slots and each school holiday period. Every age group and
column is counted on its own, as follows, so a coordinator can explain any cell.

**Need** is the sum of ``Need.children_concerned`` for the cell. A need without a number
still counts as *expressed*: a cell with only such needs shows "?" and is never covered. A
holiday need counts in every period it names (all periods if it names none): parents who
need the Easter and the summer holidays need both. A need with an area is that area's; a
need without one is the whole municipality's.

**Places.** An action that is not dropped offers, per column, the expected children of its
slots there; several slots in one column (after school 15:30-17:00 and 17:00-18:30) are the
same children, so the largest counts, not the sum. Where those places are depends on the
school sites the action names: for an action on school campuses, where it runs; for an
action at a central site, the schools whose children it brings together.

- all named sites in one area: the places are **that area's**;
- sites in several areas: the places are **shared** by those areas;
- no site named (a central site serving everyone), or a site without an area (neither
  recorded nor derived from its postal code, see ``municipalities.areas``) or unknown: the
  places are **shared by the whole municipality**.

**Matching, each place counted once.** A need of an area is met first by the area's own
places, then by shared places that may serve it: those of several areas before those of the
whole municipality, in plan order, lent to the areas by name. A need of the whole
municipality may be met by places anywhere: shared places nobody's area needed, and an
area's own places its need leaves over. Where a place is shown:

- an area's own places, used or not, in that area's cell (``offer``);
- shared places lent to an area, in that area's cell too (``offer`` includes them,
  ``offer_shared`` says how many);
- shared places not lent, in the whole municipality's cell (``offer``);
- an area's places left over are *not* shown again in the whole municipality's cell, but
  counted there for its status (``offer_elsewhere``) when the whole municipality has a need.

So, per age group and column, the ``offer`` of the rows adds up to the places the plan
offers, with no place counted twice. Only age groups are not added up: an action for two
age groups offers its expected children to each, since the plan does not say how they split.
Places are lent only against a number: a need without one is not given shared places.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from municipalities.areas import site_area
from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.models import Area, Need, Site

if TYPE_CHECKING:
    from actionplans.snapshots import FrozenAction

SCHEMA = 2  # 2: offer_shared and offer_elsewhere; no "central site" row

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

# Area kinds: where a row's children are. CENTRAL_SITE rows were made before schema 2 and
# are only read back from frozen versions.
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
    #: Of ``offer``, shared places (of several areas or the whole municipality) lent here.
    offer_shared: int = 0
    #: Whole municipality only: places shown in areas' cells that their need leaves over.
    #: They serve this need too, so the status counts them; totals do not (see the module).
    offer_elsewhere: int = 0

    @property
    def available(self) -> int:
        """The places that may meet this cell's need."""
        return self.offer + self.offer_elsewhere

    @property
    def status(self) -> str:
        available = self.available
        if self.need > 0:
            if available >= self.need:
                return COVERED
            return PARTIAL if available > 0 else UNCOVERED
        if self.need_expressed:
            # A need without a number: some offer may or may not be enough, so it is
            # flagged as partial for someone to look at, never shown as covered.
            return PARTIAL if available > 0 else UNCOVERED
        return OFFER_ONLY if self.offer > 0 else NONE

    @property
    def ratio(self) -> float | None:
        """Places available divided by need, for shading; None when the need has no number."""
        return self.available / self.need if self.need > 0 else None

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
    def offer_note(self) -> str:
        """What of the offer is shared or spare elsewhere, e.g. "15 shared"; "" for neither."""
        if self.offer_shared:
            return _("%(count)s shared") % {"count": self.offer_shared}
        if self.offer_elsewhere:
            return _("+%(count)s elsewhere") % {"count": self.offer_elsewhere}
        return ""

    @property
    def offer_text(self) -> str:
        """The offer as read out: "40", or "40 (15 shared)"."""
        note = self.offer_note
        return f"{self.offer} ({note})" if note else str(self.offer)

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
                            "offer_shared": cell.offer_shared,
                            "offer_elsewhere": cell.offer_elsewhere,
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
                            # Absent in schema 1, where nothing was shared or lent.
                            offer_shared=cell.get("offer_shared", 0),
                            offer_elsewhere=cell.get("offer_elsewhere", 0),
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
    """A trajectory's school sites with the area each counts in, in two queries.

    A site without a recorded area gets the one its postal code names (``site_area``), as
    ``counted_area`` on the instance, so the matrix never writes to the site.
    """
    areas = list(Area.objects.filter(trajectory=trajectory))
    sites = list(Site.objects.filter(school__trajectory=trajectory).select_related("area"))
    for site in sites:
        site.counted_area = site_area(site, areas)
    return sites


_RowKey = tuple[str, str, str | None]  # (age group, area kind, area name)
# Where an offer's places are: one area name, several (a frozenset), or None for anywhere.
_Where = frozenset[str] | None


@dataclass
class _Tally:
    """One age group and column while the places are matched to the needs."""

    need: dict[str | None, int]  # area name, or None for the whole municipality
    own: dict[str, int]  # places of exactly one area
    shared: list[tuple[int, _Where]]  # places of several areas or anywhere, in plan order


def coverage_matrix(snapshot, needs: Iterable[Need], sites: Iterable[Site]) -> CoverageMatrix:
    """Set the plan's places beside the intake's needs; see the module docstring for the rules.

    ``sites`` maps the snapshot's site ids to areas: pass ``sites_for(trajectory)`` and this
    makes no query (plain sites with ``select_related("area")`` work too, without the area
    derived from the postal code). Only rows with a need or an offer appear: the whole
    municipality, then areas by name, per age group in the order of ``AgeGroup``.
    ``snapshot`` is a ``Snapshot`` (or the dict of one).
    """
    # snapshots imports this module for the matrix a version freezes: imported when needed.
    from actionplans.snapshots import as_snapshot

    expressed: set[tuple[_RowKey, str]] = set()
    unknown: set[tuple[_RowKey, str]] = set()
    tallies: dict[tuple[str, str], _Tally] = {}

    def tally(age_group: str, column: str) -> _Tally:
        key = (age_group, column)
        if key not in tallies:
            tallies[key] = _Tally(need=defaultdict(int), own=defaultdict(int), shared=[])
        return tallies[key]

    for need in needs:
        area = need.area.name if need.area_id else None
        row = _row_key(need.age_group, area)
        for column in _columns(need.slot, need.holiday_periods or []):
            expressed.add((row, column))
            if need.children_concerned is None:
                unknown.add((row, column))
            else:
                tally(need.age_group, column).need[area] += need.children_concerned

    area_of_site = {site.pk: _counted_area_name(site) for site in sites}
    for action in as_snapshot(snapshot).actions:
        if action.status == "dropped":
            continue
        largest: dict[str, int] = defaultdict(int)
        for slot in action.slots:
            period = slot.holiday_period
            for column in _columns(slot.slot, [period] if period else []):
                largest[column] = max(largest[column], int(slot.expected_children or 0))
        where = _action_where(action, area_of_site)
        for age_group in dict.fromkeys(action.age_groups):
            for column, children in largest.items():
                if not children:  # a slot without expected children offers nothing to count
                    continue
                counts = tally(age_group, column)
                if where is not None and len(where) == 1:
                    counts.own[next(iter(where))] += children
                else:
                    counts.shared.append((children, where))

    cells: dict[_RowKey, dict[str, Cell]] = defaultdict(dict)
    for (age_group, column), counts in tallies.items():
        for area, cell in _match(counts, column).items():
            cells[_row_key(age_group, area)][column] = cell
    for row, column in expressed:
        if column not in cells[row]:
            cells[row][column] = Cell(column=column)

    age_order = {value: n for n, value in enumerate(AgeGroup.values)}
    rows = []
    for key in sorted(
        cells,
        key=lambda k: (
            age_order.get(k[0], len(age_order)),
            k[0],
            _AREA_KIND_ORDER[k[1]],
            (k[2] or "").casefold(),
        ),
    ):
        row_cells = []
        for column in COLUMN_KEYS:
            cell = cells[key].get(column, Cell(column=column))
            is_expressed = (key, column) in expressed
            row_cells.append(
                dataclasses.replace(
                    cell,
                    need_expressed=is_expressed,
                    need_unknown=(key, column) in unknown,
                    # Spare places elsewhere matter only to a need of this cell.
                    offer_elsewhere=cell.offer_elsewhere if is_expressed else 0,
                )
            )
        if any(cell.need_expressed or cell.offer for cell in row_cells):
            rows.append(Row(age_group=key[0], area_kind=key[1], area=key[2], cells=row_cells))
    return CoverageMatrix(rows=rows)


def _match(counts: _Tally, column: str) -> dict[str | None, Cell]:
    """Match one age group and column's places to its needs; cells by area (None: whole)."""
    need = counts.need
    areas = sorted(set(need) - {None} | set(counts.own), key=str.casefold)
    short = {area: max(need.get(area, 0) - counts.own.get(area, 0), 0) for area in areas}
    lent: dict[str, int] = defaultdict(int)
    not_lent = 0
    # Places of a few areas first, then those of anywhere, so the constrained ones are used
    # where only they can go; the sort is stable, so plan order decides among equals.
    for children, where in sorted(
        counts.shared, key=lambda offer: len(offer[1]) if offer[1] is not None else 1 << 30
    ):
        for area in areas if where is None else sorted(where, key=str.casefold):
            if children == 0:
                break
            take = min(short.get(area, 0), children)
            if take:
                short[area] -= take
                lent[area] += take
                children -= take
        not_lent += children
    left_over = sum(max(counts.own.get(area, 0) - need.get(area, 0), 0) for area in areas)
    result: dict[str | None, Cell] = {
        area: Cell(
            column=column,
            need=need.get(area, 0),
            offer=counts.own.get(area, 0) + lent[area],
            offer_shared=lent[area],
        )
        for area in areas
    }
    result[None] = Cell(
        column=column, need=need.get(None, 0), offer=not_lent, offer_elsewhere=left_over
    )
    return result


def _row_key(age_group: str, area: str | None) -> _RowKey:
    return (age_group, AREA, area) if area else (age_group, WHOLE_MUNICIPALITY, None)


def _counted_area_name(site: Site) -> str | None:
    area = getattr(site, "counted_area", site.area if site.area_id else None)
    return area.name if area is not None else None


def _action_where(action: FrozenAction, area_of_site: dict[int, str | None]) -> _Where:
    """The areas whose places an action's are: its sites' areas, None for anywhere."""
    names = [area_of_site.get(site.id) for site in action.sites]
    if not names or None in names:
        return None
    return frozenset(names)


def _columns(slot: str, holiday_periods: list[str]) -> list[str]:
    if slot == Slot.HOLIDAYS:
        if not holiday_periods:
            return _ALL_PERIOD_KEYS
        keys = [f"{HOLIDAYS_PREFIX}{period}" for period in dict.fromkeys(holiday_periods)]
    else:
        keys = [slot]
    return [key for key in keys if key in COLUMN_KEYS]
