"""The plan as data: a language-neutral, JSON-ready snapshot of the live plan, and its hash.

A version freezes this snapshot; reviews, decisions, differences between versions, PDF
reports and spreadsheet exports all read it, never the live rows, so what an official
approved stays what was shown to them.

The snapshot keeps codes of choices, never translated labels, so the same plan gives the
same bytes (and the same SHA-256) whatever language the person submitting it reads. Dates
are ISO strings, times "HH:MM", money strings with two decimals computed with ``Decimal``.
Every list has a fixed order, so the hash depends on the content only.

The BBC rule "a prioritair action makes its action plan and its objective prioritair" is
computed here: each part keeps its own flag (``own_prioritair``, what the coordinator
ticked) next to the effective one (``is_prioritair``), built with ``effective_prioritair``.
"""

import hashlib
import json
from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch

from actionplans.models import Action, ActionPlan, Objective, Plan
from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.models import Site
from swot.models import Quadrant

SCHEMA_VERSION = 1

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
    snapshot_objectives = [_objective(objective, totals) for objective in objectives]
    return {
        "schema": SCHEMA_VERSION,
        "plan": {
            "id": plan.pk,
            "title": plan.title,
            "summary": plan.summary,
            "trajectory_id": trajectory.pk,
            "municipality": {"nis_code": municipality.nis_code, "name": municipality.name_nl},
            "cycle": {"start": trajectory.cycle_start_year, "end": trajectory.cycle_end_year},
        },
        "objectives": snapshot_objectives,
        "totals": totals.as_dict(cycle_years),
    }


class _Totals:
    """Sums over the whole plan, kept as ``Decimal`` until the snapshot is written."""

    def __init__(self):
        self.budget_by_year: dict[int, Decimal] = defaultdict(Decimal)
        self.funding_by_source_and_year: dict[str, dict[int, Decimal]] = defaultdict(
            lambda: defaultdict(Decimal)
        )

    def as_dict(self, cycle_years: range) -> dict:
        funding_by_year: dict[int, Decimal] = defaultdict(Decimal)
        for by_year in self.funding_by_source_and_year.values():
            for year, amount in by_year.items():
                funding_by_year[year] += amount
        # Every year of the cycle is present, with 0.00 when nothing is planned; a year
        # outside the cycle appears too when something is planned in it, so nothing is lost.
        years = set(cycle_years) | set(self.budget_by_year) | set(funding_by_year)
        return {
            "budget": money(sum(self.budget_by_year.values(), Decimal(0))),
            "funding": money(sum(funding_by_year.values(), Decimal(0))),
            "budget_by_year": {
                str(year): money(self.budget_by_year.get(year, Decimal(0)))
                for year in sorted(years)
            },
            "funding_by_year": {
                str(year): money(funding_by_year.get(year, Decimal(0))) for year in sorted(years)
            },
            "funding_by_source_and_year": {
                kind: {
                    str(year): money(by_year.get(year, Decimal(0)))
                    for year in sorted(set(cycle_years) | set(by_year))
                }
                for kind, by_year in sorted(self.funding_by_source_and_year.items())
            },
        }


def _strategies(strategies) -> list[dict]:
    return [
        {"id": strategy.pk, "kind": strategy.kind, "title": strategy.title}
        for strategy in sorted(strategies, key=lambda s: (s.kind, s.pk))
    ]


def _swot_items(items) -> list[dict]:
    return [
        {
            "id": item.pk,
            "quadrant": item.quadrant,
            "priority": item.priority,
            "statement": item.statement,
        }
        for item in sorted(
            items, key=lambda i: (_QUADRANT_ORDER.get(i.quadrant, 99), i.priority, i.pk)
        )
    ]


def _named(records) -> list[dict]:
    return [
        {"id": record.pk, "name": record.name}
        for record in sorted(records, key=lambda r: (r.name, r.pk))
    ]


def site_label(site: Site) -> str:
    """How a school site reads in a plan: its name, then street and postal code."""
    return f"{site} ({site.street}, {site.postal_code})"


def _time(value) -> str | None:
    return value.strftime("%H:%M") if value else None


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _objective(objective: Objective, totals: _Totals) -> dict:
    action_plans = [
        _action_plan(objective, action_plan, totals) for action_plan in objective.action_plans.all()
    ]
    return {
        "id": objective.pk,
        "code": f"BD{objective.number}",
        "number": objective.number,
        "title": objective.title,
        "description": objective.description,
        "own_prioritair": objective.is_prioritair,
        "is_prioritair": effective_prioritair(
            objective.is_prioritair, [part["is_prioritair"] for part in action_plans]
        ),
        "strategies": _strategies(objective.strategies.all()),
        "swot_items": _swot_items(objective.swot_items.all()),
        "budget_total": money(_sum(part["budget_total"] for part in action_plans)),
        "funding_total": money(_sum(part["funding_total"] for part in action_plans)),
        "action_plans": action_plans,
    }


def _action_plan(objective: Objective, action_plan: ActionPlan, totals: _Totals) -> dict:
    prefix = f"{objective.number}.{action_plan.number}"
    actions = [_action(prefix, action, totals) for action in action_plan.actions.all()]
    return {
        "id": action_plan.pk,
        "code": f"AP{prefix}",
        "number": action_plan.number,
        "title": action_plan.title,
        "description": action_plan.description,
        "own_prioritair": action_plan.is_prioritair,
        "is_prioritair": effective_prioritair(
            action_plan.is_prioritair, [action["is_prioritair"] for action in actions]
        ),
        "budget_total": money(_sum(action["budget_total"] for action in actions)),
        "funding_total": money(_sum(action["funding_total"] for action in actions)),
        "actions": actions,
    }


def _action(prefix: str, action: Action, totals: _Totals) -> dict:
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
    return {
        "id": action.pk,
        "code": f"A{prefix}.{action.number}",
        "number": action.number,
        "title": action.title,
        "description": action.description,
        "is_prioritair": action.is_prioritair,
        "strategies": _strategies(action.snapshot_strategies),
        "swot_items": _swot_items(action.snapshot_swot_items),
        "age_groups": sorted(
            set(action.age_groups or []), key=lambda code: (_AGE_ORDER.get(code, 99), code)
        ),
        "at_central_site": action.at_central_site,
        "central_site_name": action.central_site_name,
        "sites": [{"id": pk, "label": label} for label, pk in sites],
        "slots": [
            {
                "slot": slot.slot,
                "holiday_period": slot.holiday_period,
                "starts_at": _time(slot.starts_at),
                "ends_at": _time(slot.ends_at),
                "expected_children": slot.expected_children,
            }
            for slot in slots
        ],
        "partners": {
            "leisure_actors": _named(action.snapshot_partner_actors),
            "care_providers": _named(action.snapshot_partner_providers),
            "schools": _named(action.snapshot_partner_schools),
        },
        "owner": action.owner,
        "starts_on": _date(action.starts_on),
        "ends_on": _date(action.ends_on),
        "status": action.status,
        "progress": action.progress,
        "budget_lines": [
            {
                "category": line.category,
                "year": line.year,
                "amount": money(line.amount),
                "description": line.description,
            }
            for line in budget_lines
        ],
        "funding": [
            {
                "kind": source.kind,
                "year": source.year,
                "amount": money(source.amount),
                "call_name": source.call_name,
                "call_deadline": _date(source.call_deadline),
            }
            for source in funding
        ],
        "budget_total": money(_sum(line.amount for line in budget_lines)),
        "funding_total": money(_sum(source.amount for source in funding)),
    }


def _sum(amounts) -> Decimal:
    return sum((Decimal(amount) for amount in amounts), Decimal(0))
