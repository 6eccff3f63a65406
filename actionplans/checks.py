"""Checks on a plan's money, owners and subsidy deadlines, read from a version snapshot.

They work on the snapshot dict (see ``actionplans.snapshots``), not on the ORM, so the same
checks run on the live draft and on any frozen version, and they never query the database.
Dropped actions are left out: they neither cost nor need funding, an owner or a deadline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

#: Project-subsidy calls whose deadline falls within this many days (inclusive) are flagged.
DEADLINE_WINDOW_DAYS = 60

DROPPED = "dropped"
PROJECT_SUBSIDY = "project_subsidy"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FundingGap:
    """Cost and funding of an action differ, in one year or (``year`` None) in total."""

    action_code: str
    action_title: str
    year: int | None
    cost: Decimal
    funding: Decimal

    @property
    def difference(self) -> Decimal:
        """Cost minus funding: positive is a shortfall, negative is more funding than cost."""
        return self.cost - self.funding


@dataclass(frozen=True)
class DeadlineSoon:
    action_code: str
    action_title: str
    call_name: str
    deadline: date
    days_left: int
    amount: Decimal


class UnfundedAction(NamedTuple):
    code: str
    title: str
    cost: Decimal


class OwnerlessAction(NamedTuple):
    code: str
    title: str


@dataclass(frozen=True)
class PlanChecks:
    funding_gaps: list[FundingGap]
    unfunded_actions: list[UnfundedAction]
    actions_without_owner: list[OwnerlessAction]
    deadlines_soon: list[DeadlineSoon]

    @property
    def is_clean(self) -> bool:
        """Nothing to report: no gap, no unfunded or ownerless action, no deadline coming up."""
        return not (
            self.funding_gaps
            or self.unfunded_actions
            or self.actions_without_owner
            or self.deadlines_soon
        )


def plan_checks(snapshot: dict, *, today: date) -> PlanChecks:
    """Check every action of a snapshot that is not dropped.

    ``funding_gaps`` has, per action in plan order, first the whole action (``year`` None)
    when its total funding differs from its total cost, then each year where they differ;
    an action funded for the right total in the wrong years shows only year gaps. An action
    with cost and no funding at all is also listed in ``unfunded_actions``.
    ``deadlines_soon`` lists project-subsidy funding rows whose call deadline falls from
    ``today`` to ``today + DEADLINE_WINDOW_DAYS`` inclusive, by date, then action code.
    """
    gaps: list[FundingGap] = []
    unfunded: list[UnfundedAction] = []
    ownerless: list[OwnerlessAction] = []
    deadlines: list[DeadlineSoon] = []
    last_day = today + timedelta(days=DEADLINE_WINDOW_DAYS)

    for action in _actions(snapshot):
        if action.get("status") == DROPPED:
            continue
        code, title = action.get("code", ""), action.get("title", "")
        cost_by_year = _by_year(action.get("budget_lines", []))
        funding_by_year = _by_year(action.get("funding", []))
        cost, funding = sum(cost_by_year.values(), ZERO), sum(funding_by_year.values(), ZERO)

        if cost != funding:
            gaps.append(FundingGap(code, title, None, cost, funding))
        for year in sorted(cost_by_year.keys() | funding_by_year.keys()):
            year_cost, year_funding = cost_by_year.get(year, ZERO), funding_by_year.get(year, ZERO)
            if year_cost != year_funding:
                gaps.append(FundingGap(code, title, year, year_cost, year_funding))
        if cost > 0 and funding == 0:
            unfunded.append(UnfundedAction(code, title, cost))
        if not (action.get("owner") or "").strip():
            ownerless.append(OwnerlessAction(code, title))

        for source in action.get("funding", []):
            deadline = _date(source.get("call_deadline"))
            if source.get("kind") != PROJECT_SUBSIDY or deadline is None:
                continue
            if today <= deadline <= last_day:
                deadlines.append(
                    DeadlineSoon(
                        action_code=code,
                        action_title=title,
                        call_name=source.get("call_name") or "",
                        deadline=deadline,
                        days_left=(deadline - today).days,
                        amount=_money(source.get("amount")),
                    )
                )

    # Plan order (BD, AP, A numbers) breaks ties; the sort is stable.
    deadlines.sort(key=lambda d: d.deadline)
    return PlanChecks(
        funding_gaps=gaps,
        unfunded_actions=unfunded,
        actions_without_owner=ownerless,
        deadlines_soon=deadlines,
    )


def _actions(snapshot: dict) -> list[dict[str, Any]]:
    return [
        action
        for objective in snapshot.get("objectives", [])
        for action_plan in objective.get("action_plans", [])
        for action in action_plan.get("actions", [])
    ]


def _by_year(rows: list[dict[str, Any]]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[int(row["year"])] += _money(row.get("amount"))
    return dict(totals)


def _money(value: Any) -> Decimal:
    # Snapshots keep money as strings ("1234.50") so that no float ever touches it.
    return Decimal(str(value)) if value not in (None, "") else ZERO


def _date(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)
