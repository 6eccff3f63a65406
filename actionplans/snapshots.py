"""The plan as data: a language-neutral, JSON-ready snapshot of the live plan, and its hash.

A version freezes this snapshot; reviews, decisions, differences between versions, PDF
reports and spreadsheet exports all read it, never the live rows, so what an official
approved stays what was shown to them.

The snapshot keeps codes of choices, never translated labels, so the same plan gives the
same bytes (and the same SHA-256) whatever language the person submitting it reads. Dates
are ISO strings, times "HH:MM", money strings with two decimals computed with ``Decimal``.
Every list has a fixed order, so the hash depends on the content only.

The snapshot is one typed schema, ``Snapshot``: frozen dataclasses for the plan tree (plan →
objectives → action plans → actions, with their slots, sites, partners, budget lines and
funding), the totals, and, from schema 2, what a version's PDF shows besides the plan, frozen
at submission (``VersionContent``: the SWOT items and TOWS strategies, the intake figures, the
need-against-offer matrix and the staffing per site and slot, counts and FTE, never names).
``Snapshot.from_data`` reads what a version stores, ``Snapshot.to_data`` writes the same dict
back (so a stored version keeps its hash), and ``Snapshot.parts`` walks the tree: the other
modules read the typed objects, never the dict. Field names are the stored keys. A schema 1
snapshot has the same plan tree and no frozen sections (``content`` is None).

The BBC rule "a prioritair action makes its action plan and its objective prioritair" is
computed here: each part keeps its own flag (``own_prioritair``, what the coordinator
ticked) next to the effective one (``is_prioritair``), built with ``effective_prioritair``.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import types
import typing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Prefetch, Q
from django.utils.formats import date_format

from actionplans.coverage import CoverageMatrix, coverage_matrix, needs_for, sites_for
from actionplans.models import Action, ActionPlan, Objective, Plan
from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.intake import intake_figures, places_per_100_children
from municipalities.models import LeisureActor, Need, Site, Trajectory
from swot.models import Quadrant, Strategy

SCHEMA_VERSION = 2
#: Schemas this portal still reads (1: the plan tree only, without frozen sections).
READABLE_SCHEMAS = frozenset({1, 2})

CENT = Decimal("0.01")

_AGE_ORDER = {code: index for index, code in enumerate(AgeGroup.values)}
_SLOT_ORDER = {code: index for index, code in enumerate(Slot.values)}
_HOLIDAY_ORDER = {code: index for index, code in enumerate(HolidayPeriod.values)}
_QUADRANT_ORDER = {code: index for index, code in enumerate(Quadrant.values)}


def effective_prioritair(own: bool, children: list[bool]) -> bool:
    """A part is prioritair when it is marked so itself or when any part below it is."""
    return bool(own) or any(children)


def money(amount: Decimal) -> str:
    """An amount as the snapshot stores it: two decimals, a point, no grouping ("1234.50")."""
    return format(Decimal(amount).quantize(CENT), "f")


def snapshot_hash(snapshot: dict) -> str:
    """The SHA-256 (hex) of the snapshot's canonical JSON."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_ACTION_RELATIONS = [
    "slots",
    "budget_lines",
    "funding",
    "partner_actors",
    "partner_providers",
    "partner_schools",
    "strategies",
    "swot_items",
]


def plan_snapshot(plan: Plan) -> dict:
    """The live plan (removed parts left out) as a JSON-ready dict; a fixed number of queries."""
    return build_snapshot(plan).to_data()


def build_snapshot(plan: Plan) -> Snapshot:
    """The live plan (removed parts left out) as a typed snapshot; a fixed number of queries."""
    trajectory = plan.trajectory
    municipality = trajectory.municipality
    cycle_years = range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1)

    # The default managers leave out removed parts at every level, also inside prefetches.
    # Related rows land in plain lists (to_attr): a 160-action plan would otherwise build a
    # queryset per action per relation just to read what was already fetched.
    actions = Action.objects.order_by("number", "pk").prefetch_related(
        *(Prefetch(name, to_attr=f"snapshot_{name}") for name in _ACTION_RELATIONS),
        Prefetch("sites", queryset=Site.objects.select_related("school"), to_attr="snapshot_sites"),
    )
    objectives = (
        Objective.objects.filter(plan=plan)
        .order_by("number", "pk")
        .prefetch_related(
            "strategies",
            "swot_items",
            Prefetch("action_plans", queryset=ActionPlan.objects.order_by("number", "pk")),
            Prefetch("action_plans__actions", queryset=actions),
        )
    )

    totals = _Totals()
    frozen_objectives = [_objective(objective, totals) for objective in objectives]
    return Snapshot(
        schema=SCHEMA_VERSION,
        plan=FrozenPlan(
            id=plan.pk,
            title=plan.title,
            summary=plan.summary,
            trajectory_id=trajectory.pk,
            municipality=FrozenMunicipality(
                nis_code=municipality.nis_code, name=municipality.name_nl
            ),
            cycle=FrozenCycle(start=trajectory.cycle_start_year, end=trajectory.cycle_end_year),
        ),
        objectives=frozen_objectives,
        totals=totals.frozen(cycle_years),
    )


class _Totals:
    """Sums over the whole plan, kept as ``Decimal`` until the snapshot is written."""

    def __init__(self):
        self.budget_by_year: dict[int, Decimal] = defaultdict(Decimal)
        self.funding_by_source_and_year: dict[str, dict[int, Decimal]] = defaultdict(
            lambda: defaultdict(Decimal)
        )

    def frozen(self, cycle_years: range) -> FrozenTotals:
        funding_by_year: dict[int, Decimal] = defaultdict(Decimal)
        for by_year in self.funding_by_source_and_year.values():
            for year, amount in by_year.items():
                funding_by_year[year] += amount
        # Every year of the cycle is present, with 0.00 when nothing is planned; a year
        # outside the cycle appears too when something is planned in it, so nothing is lost.
        years = set(cycle_years) | set(self.budget_by_year) | set(funding_by_year)
        return FrozenTotals(
            budget=money(sum(self.budget_by_year.values(), Decimal(0))),
            funding=money(sum(funding_by_year.values(), Decimal(0))),
            budget_by_year={
                str(year): money(self.budget_by_year.get(year, Decimal(0)))
                for year in sorted(years)
            },
            funding_by_year={
                str(year): money(funding_by_year.get(year, Decimal(0))) for year in sorted(years)
            },
            funding_by_source_and_year={
                kind: {
                    str(year): money(by_year.get(year, Decimal(0)))
                    for year in sorted(set(cycle_years) | set(by_year))
                }
                for kind, by_year in sorted(self.funding_by_source_and_year.items())
            },
        )


def _strategies(strategies) -> list[FrozenStrategyLink]:
    return [
        FrozenStrategyLink(id=strategy.pk, kind=strategy.kind, title=strategy.title)
        for strategy in sorted(strategies, key=lambda s: (s.kind, s.pk))
    ]


def _swot_items(items) -> list[FrozenSwotItem]:
    return [_frozen_item(item) for item in sorted(items, key=_item_order)]


def _named(records) -> list[FrozenPartner]:
    return [
        FrozenPartner(id=record.pk, name=record.name)
        for record in sorted(records, key=lambda r: (r.name, r.pk))
    ]


def site_label(site: Site) -> str:
    """How a school site reads in a plan: its name, then street and postal code."""
    return f"{site} ({site.street}, {site.postal_code})"


def _time(value) -> str | None:
    return value.strftime("%H:%M") if value else None


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _objective(objective: Objective, totals: _Totals) -> FrozenObjective:
    action_plans = [
        _action_plan(objective, action_plan, totals) for action_plan in objective.action_plans.all()
    ]
    return FrozenObjective(
        id=objective.pk,
        code=f"BD{objective.number}",
        number=objective.number,
        title=objective.title,
        description=objective.description,
        own_prioritair=objective.is_prioritair,
        is_prioritair=effective_prioritair(
            objective.is_prioritair, [part.is_prioritair for part in action_plans]
        ),
        strategies=_strategies(objective.strategies.all()),
        swot_items=_swot_items(objective.swot_items.all()),
        budget_total=money(_sum(part.budget_total for part in action_plans)),
        funding_total=money(_sum(part.funding_total for part in action_plans)),
        action_plans=action_plans,
    )


def _action_plan(
    objective: Objective, action_plan: ActionPlan, totals: _Totals
) -> FrozenActionPlan:
    prefix = f"{objective.number}.{action_plan.number}"
    actions = [_action(prefix, action, totals) for action in action_plan.actions.all()]
    return FrozenActionPlan(
        id=action_plan.pk,
        code=f"AP{prefix}",
        number=action_plan.number,
        title=action_plan.title,
        description=action_plan.description,
        own_prioritair=action_plan.is_prioritair,
        is_prioritair=effective_prioritair(
            action_plan.is_prioritair, [action.is_prioritair for action in actions]
        ),
        budget_total=money(_sum(action.budget_total for action in actions)),
        funding_total=money(_sum(action.funding_total for action in actions)),
        actions=actions,
    )


def _action(prefix: str, action: Action, totals: _Totals) -> FrozenAction:
    budget_lines = sorted(
        action.snapshot_budget_lines,
        key=lambda line: (line.year, line.category, line.description, line.amount, line.pk),
    )
    funding = sorted(
        action.snapshot_funding,
        key=lambda f: (f.year, f.kind, f.call_name, f.amount, _date(f.call_deadline) or "", f.pk),
    )
    slots = sorted(
        action.snapshot_slots,
        key=lambda s: (
            _SLOT_ORDER.get(s.slot, 99),
            _HOLIDAY_ORDER.get(s.holiday_period, -1),
            _time(s.starts_at) or "",
            _time(s.ends_at) or "",
            s.expected_children,
            s.pk,
        ),
    )
    for line in budget_lines:
        totals.budget_by_year[line.year] += line.amount
    for source in funding:
        totals.funding_by_source_and_year[source.kind][source.year] += source.amount
    sites = sorted((site_label(site), site.pk) for site in action.snapshot_sites)
    return FrozenAction(
        id=action.pk,
        code=f"A{prefix}.{action.number}",
        number=action.number,
        title=action.title,
        description=action.description,
        is_prioritair=action.is_prioritair,
        strategies=_strategies(action.snapshot_strategies),
        swot_items=_swot_items(action.snapshot_swot_items),
        age_groups=sorted(
            set(action.age_groups or []), key=lambda code: (_AGE_ORDER.get(code, 99), code)
        ),
        at_central_site=action.at_central_site,
        central_site_name=action.central_site_name,
        sites=[FrozenSite(id=pk, label=label) for label, pk in sites],
        slots=[
            FrozenSlot(
                slot=slot.slot,
                holiday_period=slot.holiday_period,
                starts_at=_time(slot.starts_at),
                ends_at=_time(slot.ends_at),
                expected_children=slot.expected_children,
            )
            for slot in slots
        ],
        partners=FrozenPartners(
            leisure_actors=_named(action.snapshot_partner_actors),
            care_providers=_named(action.snapshot_partner_providers),
            schools=_named(action.snapshot_partner_schools),
        ),
        owner=action.owner,
        starts_on=_date(action.starts_on),
        ends_on=_date(action.ends_on),
        status=action.status,
        progress=action.progress,
        budget_lines=[
            FrozenBudgetLine(
                category=line.category,
                year=line.year,
                amount=money(line.amount),
                description=line.description,
            )
            for line in budget_lines
        ],
        funding=[
            FrozenFunding(
                kind=source.kind,
                year=source.year,
                amount=money(source.amount),
                call_name=source.call_name,
                call_deadline=_date(source.call_deadline),
            )
            for source in funding
        ],
        budget_total=money(_sum(line.amount for line in budget_lines)),
        funding_total=money(_sum(source.amount for source in funding)),
    )


def _sum(amounts) -> Decimal:
    return sum((Decimal(amount) for amount in amounts), Decimal(0))


# --- What a version shows besides the plan tree (schema 2) ----------------------------------
#
# Codes, numbers and ISO dates only: labels are looked up when the version is shown, in the
# reader's language. Every list is sorted, so the hash depends on the content only.


@dataclass(frozen=True)
class FrozenSwotItem:
    id: int
    quadrant: str
    priority: int
    statement: str

    @property
    def code(self) -> str:
        return f"{self.quadrant}{self.priority}"


class UnreadableSnapshot(ValueError):
    """A stored snapshot in a schema this portal does not read."""

    def __init__(self, schema):
        super().__init__(f"Unknown plan snapshot schema: {schema!r}")
        self.schema = schema


@dataclass(frozen=True)
class FrozenMunicipality:
    nis_code: str
    name: str


@dataclass(frozen=True)
class FrozenCycle:
    start: int
    end: int

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


@dataclass(frozen=True)
class FrozenPlan:
    id: int
    title: str
    summary: str
    trajectory_id: int
    municipality: FrozenMunicipality
    cycle: FrozenCycle


@dataclass(frozen=True)
class FrozenStrategyLink:
    """A TOWS strategy a part answers (its kind, SO/WO/ST/WT, and title)."""

    id: int
    kind: str
    title: str


@dataclass(frozen=True)
class FrozenPartner:
    id: int
    name: str


@dataclass(frozen=True)
class FrozenPartners:
    leisure_actors: list[FrozenPartner]
    care_providers: list[FrozenPartner]
    schools: list[FrozenPartner]


@dataclass(frozen=True)
class FrozenSite:
    id: int
    #: "School – site (street, postal code)", see ``site_label``.
    label: str


@dataclass(frozen=True)
class FrozenSlot:
    slot: str
    holiday_period: str
    starts_at: str | None
    ends_at: str | None
    expected_children: int


@dataclass(frozen=True)
class FrozenBudgetLine:
    category: str
    year: int
    amount: str
    description: str


@dataclass(frozen=True)
class FrozenFunding:
    kind: str
    year: int
    amount: str
    call_name: str
    call_deadline: str | None


@dataclass(frozen=True)
class FrozenAction:
    id: int
    code: str
    number: int
    title: str
    description: str
    is_prioritair: bool
    strategies: list[FrozenStrategyLink]
    swot_items: list[FrozenSwotItem]
    age_groups: list[str]
    at_central_site: bool
    central_site_name: str
    sites: list[FrozenSite]
    slots: list[FrozenSlot]
    partners: FrozenPartners
    owner: str
    starts_on: str | None
    ends_on: str | None
    status: str
    progress: int
    budget_lines: list[FrozenBudgetLine]
    funding: list[FrozenFunding]
    budget_total: str
    funding_total: str


@dataclass(frozen=True)
class FrozenActionPlan:
    id: int
    code: str
    number: int
    title: str
    description: str
    own_prioritair: bool
    is_prioritair: bool
    budget_total: str
    funding_total: str
    actions: list[FrozenAction]


@dataclass(frozen=True)
class FrozenObjective:
    id: int
    code: str
    number: int
    title: str
    description: str
    own_prioritair: bool
    is_prioritair: bool
    strategies: list[FrozenStrategyLink]
    swot_items: list[FrozenSwotItem]
    budget_total: str
    funding_total: str
    action_plans: list[FrozenActionPlan]


@dataclass(frozen=True)
class FrozenTotals:
    """Money strings ("1234.50"); the years are strings too, as JSON keys are."""

    budget: str
    funding: str
    budget_by_year: dict[str, str]
    funding_by_year: dict[str, str]
    funding_by_source_and_year: dict[str, dict[str, str]]


OBJECTIVE, ACTION_PLAN, ACTION = "objective", "action_plan", "action"

Part = FrozenObjective | FrozenActionPlan | FrozenAction


class PlacedPart(NamedTuple):
    """A part of the plan tree, its level, and the parts above it (objective first)."""

    level: str
    part: Part
    parents: tuple[Part, ...]


@dataclass(frozen=True)
class Snapshot:
    """A plan version's snapshot, typed: the plan tree, its totals and the frozen sections.

    ``from_data`` reads what a version stores (any schema in ``READABLE_SCHEMAS``) and
    ``to_data`` writes the same JSON-ready dict back, so its hash does not change.
    """

    #: The schema it was frozen in: 1 has the plan tree only.
    schema: int
    plan: FrozenPlan
    objectives: list[FrozenObjective]
    totals: FrozenTotals
    #: The SWOT, intake, coverage and staffing a submitted version froze (schema 2); None
    #: for the live plan and for a schema 1 version.
    content: VersionContent | None = None

    @classmethod
    def from_data(cls, data: dict) -> Snapshot:
        schema = snapshot_schema(data)
        if schema not in READABLE_SCHEMAS:
            raise UnreadableSnapshot(schema)
        # Schema 1 had the same plan tree; it only lacks the frozen sections.
        return cls(
            schema=schema,
            plan=from_data(FrozenPlan, data["plan"]),
            objectives=from_data(list[FrozenObjective], data["objectives"]),
            totals=from_data(FrozenTotals, data["totals"]),
            content=version_content(data),
        )

    def to_data(self) -> dict:
        data = {
            "schema": self.schema,
            "plan": to_data(self.plan),
            "objectives": to_data(self.objectives),
            "totals": to_data(self.totals),
        }
        if self.content is not None:
            data.update(to_data(self.content))
        return data

    def parts(self, level: str | None = None) -> Iterator[PlacedPart]:
        """The plan tree in plan order, each part before the parts below it; only the parts
        of ``level`` (``OBJECTIVE``, ``ACTION_PLAN``, ``ACTION``) when it is given."""
        for objective in self.objectives:
            if level in (None, OBJECTIVE):
                yield PlacedPart(OBJECTIVE, objective, ())
            for action_plan in objective.action_plans:
                if level in (None, ACTION_PLAN):
                    yield PlacedPart(ACTION_PLAN, action_plan, (objective,))
                for action in action_plan.actions:
                    if level in (None, ACTION):
                        yield PlacedPart(ACTION, action, (objective, action_plan))

    @property
    def action_plans(self) -> list[FrozenActionPlan]:
        return [placed.part for placed in self.parts(ACTION_PLAN)]

    @property
    def actions(self) -> list[FrozenAction]:
        return [placed.part for placed in self.parts(ACTION)]


def snapshot_schema(data: dict) -> int:
    """The schema a stored snapshot was written in (1 before the number was stored)."""
    return data.get("schema", 1)


def as_snapshot(value: Snapshot | dict) -> Snapshot:
    """A typed snapshot from stored data, or the typed snapshot itself (for callers that
    still hold ``plan_snapshot``'s dict)."""
    return value if isinstance(value, Snapshot) else Snapshot.from_data(value)


@dataclass(frozen=True)
class FrozenStrategy:
    id: int
    kind: str
    title: str
    description: str
    items: list[FrozenSwotItem]

    @property
    def kind_label(self) -> str:
        return (
            str(Strategy.Kind(self.kind).label) if self.kind in Strategy.Kind.values else self.kind
        )


@dataclass(frozen=True)
class FrozenSwot:
    round: int
    items: list[FrozenSwotItem]
    strategies: list[FrozenStrategy]

    @property
    def quadrants(self) -> dict[str, list[FrozenSwotItem]]:
        grouped: dict[str, list[FrozenSwotItem]] = {code: [] for code in Quadrant.values}
        for item in self.items:
            grouped.setdefault(item.quadrant, []).append(item)
        return grouped


@dataclass(frozen=True)
class FrozenCount:
    """How many of something of one kind (a code of a choice)."""

    code: str
    count: int


@dataclass(frozen=True)
class FrozenAgeGroup:
    age_group: str
    pupils: int
    children: int | None
    care_places: int

    @property
    def label(self) -> str:
        return _label(AgeGroup, self.age_group)

    @property
    def places_per_100_children(self) -> float | None:
        return places_per_100_children(self.care_places, self.children)


@dataclass(frozen=True)
class FrozenIntake:
    schools: int
    sites: int
    school_year: str | None
    age_groups: list[FrozenAgeGroup]
    care_providers: int
    leisure_by_kind: list[FrozenCount]
    leisure_in_partnership: int
    needs_by_age_group: list[FrozenCount]

    @property
    def leisure_actors(self) -> int:
        return sum(kind.count for kind in self.leisure_by_kind)

    @property
    def leisure_labelled(self) -> list[tuple[str, int]]:
        return [(_label(LeisureActor.Kind, kind.code), kind.count) for kind in self.leisure_by_kind]

    @property
    def needs_labelled(self) -> list[tuple[str, int]]:
        return [(_label(AgeGroup, need.code), need.count) for need in self.needs_by_age_group]


@dataclass(frozen=True)
class FrozenStaffingRow:
    """Staff at one place, at one moment of one action slot: counts, never names."""

    place: str
    action_code: str
    slot: str
    #: 0–6 (Monday–Sunday) for a weekly slot; None for a holiday period.
    weekday: int | None
    holiday_period: str
    starts_at: str | None
    ends_at: str | None
    children: int
    required: int
    placed: int

    @property
    def is_short(self) -> bool:
        return self.placed < self.required

    @property
    def slot_label(self) -> str:
        from staffing.models import Weekday

        if self.holiday_period:
            label = _label(HolidayPeriod, self.holiday_period)
        else:
            label = _label(Slot, self.slot)
            if self.weekday is not None:
                label = f"{Weekday(self.weekday).label} · {label}"
        if self.starts_at and self.ends_at:
            label = f"{label} {self.starts_at}–{self.ends_at}"
        return label


@dataclass(frozen=True)
class FrozenStaffingPlace:
    """Everyone placed at one place: how many people, and their weekly hours as FTE."""

    place: str
    staff: int
    fte: str


@dataclass(frozen=True)
class FrozenStaffing:
    #: The day the placements were counted (the day the version was submitted).
    on: str
    ratio: int
    rows: list[FrozenStaffingRow]
    places: list[FrozenStaffingPlace]

    @property
    def on_label(self) -> str:
        return date_format(datetime.date.fromisoformat(self.on), "DATE_FORMAT")

    @property
    def staff(self) -> int:
        return sum(place.staff for place in self.places)

    @property
    def fte(self) -> Decimal:
        return sum((Decimal(place.fte) for place in self.places), Decimal(0))


@dataclass(frozen=True)
class VersionContent:
    """The frozen sections of a version: top-level keys of its snapshot, beside the plan."""

    swot: FrozenSwot | None
    intake: FrozenIntake
    coverage: CoverageMatrix
    staffing: FrozenStaffing | None


SECTIONS = [field.name for field in dataclasses.fields(VersionContent)]


def _label(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


def to_data(value):
    """A schema object as JSON-ready data: dataclasses become dicts, lists stay lists."""
    if value is None or isinstance(value, str | int):  # most values: answered first
        return value
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {key: to_data(item) for key, item in value.items()}
    if hasattr(value, "to_dict"):
        return value.to_dict()  # a section that keeps its own versioned format (coverage)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_data(getattr(value, name)) for name in _field_names(type(value))}
    return value


def from_data(kind, data):
    """Read ``data`` written by ``to_data`` back as ``kind`` (a dataclass or a type hint)."""
    return _reader(kind)(data)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


@functools.cache
def _reader(kind) -> Callable[[typing.Any], typing.Any]:
    """How to read data of ``kind``, worked out once per type: resolving a dataclass's type
    hints takes longer than reading a part, and a large plan has thousands of parts."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        read = _reader(inner)
        return lambda data: None if data is None else read(data)
    if origin is list:
        (inner,) = typing.get_args(kind)
        read = _reader(inner)
        return lambda data: [read(item) for item in data]
    if origin is dict:
        _key, inner = typing.get_args(kind)
        read = _reader(inner)
        return lambda data: {key: read(item) for key, item in data.items()}
    if isinstance(kind, type) and hasattr(kind, "from_dict"):
        return kind.from_dict
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [
            (field.name, _reader(hints[field.name]))
            for field in dataclasses.fields(kind)
            if field.init
        ]
        # A field added to a section later has a default; snapshots frozen before it lack it.
        return lambda data: kind(
            **{name: read(data[name]) for name, read in fields if name in data}
        )
    return _as_stored


def _as_stored(data):
    return data


def version_content(snapshot: dict) -> VersionContent | None:
    """The frozen sections of a version's snapshot; None for a schema 1 snapshot, which has
    none (nor has ``plan_snapshot`` of the live plan: only ``version_snapshot`` adds them)."""
    if snapshot_schema(snapshot) < 2 or "intake" not in snapshot:
        return None
    return from_data(VersionContent, {name: snapshot.get(name) for name in SECTIONS})


def version_content_build(
    trajectory: Trajectory, snapshot: Snapshot, *, on: datetime.date
) -> VersionContent:
    """What the version of ``snapshot``'s plan shows of the trajectory, as it is on ``on``."""
    return VersionContent(
        swot=_frozen_swot(trajectory),
        intake=_frozen_intake(trajectory),
        coverage=coverage_matrix(snapshot, needs_for(trajectory), sites_for(trajectory)),
        staffing=_frozen_staffing(trajectory, on=on),
    )


def version_snapshot(plan: Plan, *, on: datetime.date) -> dict:
    """The snapshot a submitted version freezes: the plan tree and the frozen sections."""
    snapshot = build_snapshot(plan)
    content = version_content_build(plan.trajectory, snapshot, on=on)
    return dataclasses.replace(snapshot, content=content).to_data()


def _frozen_item(item) -> FrozenSwotItem:
    return FrozenSwotItem(
        id=item.pk, quadrant=item.quadrant, priority=item.priority, statement=item.statement
    )


def _item_order(item) -> tuple:
    return (_QUADRANT_ORDER.get(item.quadrant, 99), item.priority, item.pk)


def _frozen_swot(trajectory: Trajectory) -> FrozenSwot | None:
    analysis = trajectory.swot_analyses.filter(is_current=True).first()
    if analysis is None:
        return None
    items = sorted(analysis.items.filter(is_parked=False), key=_item_order)
    strategies = sorted(
        analysis.strategies.prefetch_related("items"), key=lambda s: (s.kind, s.priority, s.pk)
    )
    return FrozenSwot(
        round=analysis.round,
        items=[_frozen_item(item) for item in items],
        strategies=[
            FrozenStrategy(
                id=strategy.pk,
                kind=strategy.kind,
                title=strategy.title,
                description=strategy.description,
                items=[
                    _frozen_item(item) for item in sorted(strategy.items.all(), key=_item_order)
                ],
            )
            for strategy in strategies
        ],
    )


def _counts(values) -> list[FrozenCount]:
    # Most first, then by code: a tie never depends on the order the rows came in.
    counted = Counter(values)
    return [
        FrozenCount(code=code, count=count)
        for code, count in sorted(counted.items(), key=lambda pair: (-pair[1], pair[0]))
    ]


def _frozen_intake(trajectory: Trajectory) -> FrozenIntake:
    figures = intake_figures(trajectory)
    needs = Counter(Need.objects.filter(trajectory=trajectory).values_list("age_group", flat=True))
    return FrozenIntake(
        schools=figures.schools,
        sites=figures.sites,
        school_year=figures.school_year,
        age_groups=[
            FrozenAgeGroup(
                age_group=str(group.age_group),
                pupils=group.pupils,
                children=group.children,
                care_places=group.care_places,
            )
            for group in figures.age_groups
        ],
        care_providers=figures.care_providers,
        leisure_by_kind=_counts(
            LeisureActor.objects.filter(trajectory=trajectory).values_list("kind", flat=True)
        ),
        leisure_in_partnership=figures.leisure_in_partnership,
        needs_by_age_group=[
            FrozenCount(code=group, count=needs.get(group, 0)) for group in AgeGroup.values
        ],
    )


def _frozen_staffing(trajectory: Trajectory, *, on: datetime.date) -> FrozenStaffing | None:
    """Staff per place and moment on ``on``; None when nobody is placed for the plan.

    Counts and FTE only: the council PDF is public, and a worker's name, contract, regime or
    trajectory is personal data (DESIGN §3).
    """
    # staffing depends on actionplans, not the other way round: imported when needed.
    from staffing.models import FULL_TIME_HOURS, Placement
    from staffing.ratio import staff_ratio, staffing_rows
    from staffing.rules import placement_active_on

    rows = [row for row in staffing_rows(trajectory, on=on) if row.children]
    if not any(row.placed for row in rows):
        return None
    placements = [
        placement
        for placement in Placement.objects.filter(trajectory=trajectory, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("worker", "site__school")
        if placement_active_on(placement, on)
    ]
    workers: dict[str, set[int]] = defaultdict(set)
    hours: dict[str, Decimal] = defaultdict(Decimal)
    for placement in placements:
        workers[placement.place].add(placement.worker_id)
        hours[placement.place] += placement.hours_per_week
    return FrozenStaffing(
        on=on.isoformat(),
        ratio=staff_ratio(),
        rows=[
            FrozenStaffingRow(
                place=row.place_label,
                action_code=row.action_code,
                slot=row.slot_code,
                weekday=None if row.is_holiday else int(row.weekday),
                holiday_period=row.weekday if row.is_holiday else "",
                starts_at=_time(row.starts_at),
                ends_at=_time(row.ends_at),
                children=row.children,
                required=row.required,
                placed=row.placed,
            )
            for row in rows
        ],
        places=[
            FrozenStaffingPlace(
                place=place,
                staff=len(workers[place]),
                fte=money(hours[place] / FULL_TIME_HOURS),
            )
            for place in sorted(workers, key=lambda name: (name.casefold(), name))
        ],
    )
