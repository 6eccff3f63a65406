"""What changed between two plan snapshots (``actionplans.snapshots.Snapshot``); no queries.

Parts are matched by id, so a renumbered or moved part is "changed" (its code changes), not
removed and added. Values come back in a comparable form: scalars as the snapshot holds them,
money as ``Decimal``, and lists (sites, slots, partners, budget lines, funding, …) as sorted
lists of small typed values that keep the codes (``SlotValue``, ``BudgetLineValue``, …).
Turning codes into words and money into euros in the reader's language is the presenter's
job (``actionplans.presenters``), so nothing here is translated or formatted.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from actionplans.snapshots import (
    ACTION,
    ACTION_PLAN,
    OBJECTIVE,
    FrozenBudgetLine,
    FrozenCycle,
    FrozenFunding,
    FrozenSlot,
    FrozenStrategyLink,
    FrozenSwotItem,
    Part,
    Snapshot,
    as_snapshot,
)

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class PartChange:
    kind: Literal["added", "removed", "changed"]
    code_old: str | None
    code_new: str | None
    title: str
    changes: list[FieldChange] = field(default_factory=list)
    id: int | None = None

    @property
    def code(self) -> str:
        return self.code_new or self.code_old or ""

    @property
    def is_renumbered(self) -> bool:
        return self.kind == CHANGED and self.code_old != self.code_new


class TotalChange(NamedTuple):
    """A plan total that moved. ``key`` is "budget", "funding", "budget.2026",
    "funding.2026" or "funding.<source>.2026" (the view turns it into a label)."""

    key: str
    old: Decimal
    new: Decimal
    delta: Decimal

    @property
    def year(self) -> int | None:
        last = self.key.rsplit(".", 1)[-1]
        return int(last) if last.isdigit() else None

    @property
    def source(self) -> str | None:
        parts = self.key.split(".")
        return parts[1] if len(parts) == 3 else None


@dataclass
class PlanDiff:
    plan_changes: list[FieldChange] = field(default_factory=list)
    objectives: list[PartChange] = field(default_factory=list)
    action_plans: list[PartChange] = field(default_factory=list)
    actions: list[PartChange] = field(default_factory=list)
    totals: list[TotalChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.plan_changes or self.objectives or self.action_plans or self.actions or self.totals
        )


# --- How each field is compared ---------------------------------------------------------------


def _money(value) -> Decimal:
    return Decimal(value) if value not in (None, "") else ZERO


def _range(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start}-{end}"
    return start or end or ""


class SlotValue(NamedTuple):
    slot: str
    holiday_period: str
    starts_at: str
    ends_at: str
    expected_children: int


class BudgetLineValue(NamedTuple):
    year: int
    category: str
    amount: Decimal
    description: str


class FundingValue(NamedTuple):
    year: int
    kind: str
    amount: Decimal
    call_name: str
    call_deadline: str


class StrategyValue(NamedTuple):
    kind: str
    title: str


class SwotItemValue(NamedTuple):
    quadrant: str
    priority: int
    statement: str


def _slot(slot: FrozenSlot) -> SlotValue:
    return SlotValue(
        slot.slot,
        slot.holiday_period or "",
        slot.starts_at or "",
        slot.ends_at or "",
        slot.expected_children,
    )


def _budget_line(line: FrozenBudgetLine) -> BudgetLineValue:
    return BudgetLineValue(line.year, line.category, _money(line.amount), line.description or "")


def _funding(source: FrozenFunding) -> FundingValue:
    return FundingValue(
        source.year,
        source.kind,
        _money(source.amount),
        source.call_name or "",
        source.call_deadline or "",
    )


def _list(value: Callable[[Any], Any]) -> Callable[[list | None], list]:
    return lambda values: sorted(value(item) for item in values or [])


def _in_order(value: Callable[[Any], Any]) -> Callable[[list | None], list]:
    # The snapshot already orders these by their vocabulary (5–10 before 11–15, after school
    # before the holidays); sorting codes alphabetically would undo that for the reader.
    return lambda values: [value(item) for item in values or []]


def _strategy(strategy: FrozenStrategyLink) -> StrategyValue:
    return StrategyValue(strategy.kind, strategy.title)


def _swot_item(item: FrozenSwotItem) -> SwotItemValue:
    return SwotItemValue(item.quadrant, item.priority, item.statement)


def _same(value):
    return value


def _partners(kind: str) -> Callable[[Any], list[str]]:
    return lambda part: sorted(partner.name for partner in getattr(part.partners, kind))


# (field name in the diff, how to read it from a part). Reading from the part, not a field,
# lets nested values (the partners) and derived ones (the code) be compared alike.
Reader = tuple[str, Callable[[Any], Any]]


def _key(name: str, convert: Callable[[Any], Any] = _same) -> Reader:
    return name, lambda part: convert(getattr(part, name))


_COMMON: list[Reader] = [_key("code"), _key("title"), _key("description")]
_LINKS: list[Reader] = [
    _key("strategies", _list(_strategy)),
    _key("swot_items", _list(_swot_item)),
]
_TOTALS: list[Reader] = [_key("budget_total", _money), _key("funding_total", _money)]

OBJECTIVE_FIELDS: list[Reader] = [
    *_COMMON,
    _key("own_prioritair"),
    _key("is_prioritair"),
    *_LINKS,
    *_TOTALS,
]
ACTION_PLAN_FIELDS: list[Reader] = [
    *_COMMON,
    _key("own_prioritair"),
    _key("is_prioritair"),
    *_TOTALS,
]
ACTION_FIELDS: list[Reader] = [
    *_COMMON,
    _key("is_prioritair"),
    *_LINKS,
    _key("age_groups", _in_order(str)),
    _key("at_central_site"),
    _key("central_site_name"),
    _key("sites", _list(lambda site: site.label)),
    _key("slots", _in_order(_slot)),
    ("leisure_actors", _partners("leisure_actors")),
    ("care_providers", _partners("care_providers")),
    ("partner_schools", _partners("schools")),
    _key("owner"),
    _key("starts_on"),
    _key("ends_on"),
    _key("status"),
    _key("progress"),
    _key("budget_lines", _list(_budget_line)),
    _key("funding", _list(_funding)),
    *_TOTALS,
]
# The plan's workflow status is left out: it records where the review stood when the version
# was frozen, which differs between any two versions without the content changing.
PLAN_FIELDS: list[Reader] = [
    _key("title"),
    _key("summary"),
    ("municipality", lambda plan: plan.municipality.name),
    ("cycle", lambda plan: _cycle(plan.cycle)),
]


def _cycle(cycle: FrozenCycle) -> str:
    return _range(str(cycle.start or ""), str(cycle.end or ""))


def _field_changes(old, new, readers: list[Reader]) -> list[FieldChange]:
    changes = []
    for name, read in readers:
        before, after = read(old), read(new)
        if before != after:
            changes.append(FieldChange(name, before, after))
    return changes


# --- Parts --------------------------------------------------------------------------------------


_FIELDS = {OBJECTIVE: OBJECTIVE_FIELDS, ACTION_PLAN: ACTION_PLAN_FIELDS, ACTION: ACTION_FIELDS}


def _code_key(code: str | None) -> tuple[int, ...]:
    return tuple(int(number) for number in re.findall(r"\d+", code or ""))


def _part_changes(old: Snapshot, new: Snapshot, level: str) -> list[PartChange]:
    readers = _FIELDS[level]
    before: dict[int, Part] = {placed.part.id: placed.part for placed in old.parts(level)}
    after: dict[int, Part] = {placed.part.id: placed.part for placed in new.parts(level)}
    result = []
    for pk, part in after.items():
        if pk not in before:
            result.append(PartChange(ADDED, None, part.code, part.title, id=pk))
            continue
        changes = _field_changes(before[pk], part, readers)
        if changes:
            result.append(PartChange(CHANGED, before[pk].code, part.code, part.title, changes, pk))
    result += [
        PartChange(REMOVED, part.code, None, part.title, id=pk)
        for pk, part in before.items()
        if pk not in after
    ]
    # In plan order; a removed part takes the place its old code had.
    return sorted(result, key=lambda change: (_code_key(change.code), change.kind, change.id))


# --- Totals -------------------------------------------------------------------------------------


def _flat_totals(snapshot: Snapshot) -> dict[str, Decimal]:
    totals = snapshot.totals
    flat = {
        "budget": _money(totals.budget),
        "funding": _money(totals.funding),
    }
    for year, amount in totals.budget_by_year.items():
        flat[f"budget.{year}"] = _money(amount)
    for year, amount in totals.funding_by_year.items():
        flat[f"funding.{year}"] = _money(amount)
    for source, by_year in totals.funding_by_source_and_year.items():
        for year, amount in by_year.items():
            flat[f"funding.{source}.{year}"] = _money(amount)
    return flat


def _total_key(key: str) -> tuple:
    kind, *rest = key.split(".")
    # budget, then funding; within each: the overall total, per year, per source and year.
    return (kind != "budget", len(rest), *rest)


def _total_changes(old: Snapshot, new: Snapshot) -> list[TotalChange]:
    before, after = _flat_totals(old), _flat_totals(new)
    changes = []
    for key in sorted(before.keys() | after.keys(), key=_total_key):
        old_amount, new_amount = before.get(key, ZERO), after.get(key, ZERO)
        if old_amount != new_amount:
            changes.append(TotalChange(key, old_amount, new_amount, new_amount - old_amount))
    return changes


def diff_snapshots(old: Snapshot | dict, new: Snapshot | dict) -> PlanDiff:
    """What changed from snapshot ``old`` to snapshot ``new``, part by part and in money."""
    old, new = as_snapshot(old), as_snapshot(new)
    return PlanDiff(
        plan_changes=_field_changes(old.plan, new.plan, PLAN_FIELDS),
        objectives=_part_changes(old, new, OBJECTIVE),
        action_plans=_part_changes(old, new, ACTION_PLAN),
        actions=_part_changes(old, new, ACTION),
        totals=_total_changes(old, new),
    )
