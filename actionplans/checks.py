"""Checks on a plan's money, owners and subsidy deadlines, read from a version snapshot.

They work on the typed snapshot (``actionplans.snapshots.Snapshot``), not on the ORM, so the
same checks run on the live draft and on any frozen version, and never query the database.
Dropped actions are left out: they neither cost nor need funding, an owner or a deadline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from actionplans.snapshots import FrozenBudgetLine, FrozenFunding, Snapshot, as_snapshot

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


def plan_checks(snapshot: Snapshot | dict, *, today: date) -> PlanChecks:
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

    for action in as_snapshot(snapshot).actions:
        if action.status == DROPPED:
            continue
        code, title = action.code, action.title
        cost_by_year = _by_year(action.budget_lines)
        funding_by_year = _by_year(action.funding)
        cost, funding = sum(cost_by_year.values(), ZERO), sum(funding_by_year.values(), ZERO)

        if cost != funding:
            gaps.append(FundingGap(code, title, None, cost, funding))
        for year in sorted(cost_by_year.keys() | funding_by_year.keys()):
            year_cost, year_funding = cost_by_year.get(year, ZERO), funding_by_year.get(year, ZERO)
            if year_cost != year_funding:
                gaps.append(FundingGap(code, title, year, year_cost, year_funding))
        if cost > 0 and funding == 0:
            unfunded.append(UnfundedAction(code, title, cost))
        if not action.owner.strip():
            ownerless.append(OwnerlessAction(code, title))

        for source in action.funding:
            deadline = _date(source.call_deadline)
            if source.kind != PROJECT_SUBSIDY or deadline is None:
                continue
            if today <= deadline <= last_day:
                deadlines.append(
                    DeadlineSoon(
                        action_code=code,
                        action_title=title,
                        call_name=source.call_name,
                        deadline=deadline,
                        days_left=(deadline - today).days,
                        amount=_money(source.amount),
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


def _by_year(rows: list[FrozenBudgetLine] | list[FrozenFunding]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[int(row.year)] += _money(row.amount)
    return dict(totals)


def _money(value: str) -> Decimal:
    # Snapshots keep money as strings ("1234.50") so that no float ever touches it.
    return Decimal(value) if value else ZERO


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
