"""Financial execution of the plan in force: what each action really spent per year against
its budget, and what each funding source really brought in against what was planned.

The plan in force says which actions count (its frozen tree); their money comes from the live
rows (``BudgetLine``, ``FundingSource``), which keep their identity across versions, so an
amendment in preparation does not move what was spent. A gap is flagged where a reader of the
council's figures would ask a question: more spent than budgeted, a source that brought in
less than planned once its year is over, or a subsidy call whose deadline passed with nothing
received.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from actionplans.models import Action, BudgetLine, FundingSource, PlanVersion
from actionplans.snapshots import ACTION, Snapshot
from execution.progress import version_in_force
from monitoring.models import FundingReceipt, Spending
from municipalities.models import Trajectory
from plus_portal.models import User
from plus_portal.templatetags.portal import euro

ZERO = Decimal(0)


@dataclass(frozen=True)
class ActionInForce:
    """An action of the plan in force, as approved, with the ids of the parts above it."""

    id: int
    code: str
    title: str
    objective_id: int
    objective_code: str
    objective_title: str


def actions_in_force(version: PlanVersion | None) -> list[ActionInForce]:
    """The actions of a version in force, in plan order (no query: read from its snapshot)."""
    if version is None:
        return []
    snapshot = Snapshot.from_data(version.snapshot)
    return [
        ActionInForce(
            id=placed.part.id,
            code=placed.part.code,
            title=placed.part.title,
            objective_id=placed.parents[0].id,
            objective_code=placed.parents[0].code,
            objective_title=placed.parents[0].title,
        )
        for placed in snapshot.parts(ACTION)
    ]


def cycle_years(trajectory: Trajectory) -> list[int]:
    return list(range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1))


def budget_per_action_and_year(action_ids: list[int]) -> dict[tuple[int, int], Decimal]:
    rows = (
        BudgetLine.objects.filter(action_id__in=action_ids)
        .values("action_id", "year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {(row["action_id"], row["year"]): row["total"] for row in rows}


def spending_per_action_and_year(action_ids: list[int]) -> dict[tuple[int, int], Decimal]:
    rows = Spending.objects.filter(action_id__in=action_ids).values("action_id", "year", "amount")
    return {(row["action_id"], row["year"]): row["amount"] for row in rows}


@dataclass(frozen=True)
class Cell:
    year: int
    budget: Decimal
    spent: Decimal | None

    @property
    def is_over_budget(self) -> bool:
        return self.spent is not None and self.spent > self.budget


@dataclass(frozen=True)
class ActionFinance:
    action: ActionInForce
    cells: list[Cell]

    @property
    def budget(self) -> Decimal:
        return sum((cell.budget for cell in self.cells), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((cell.spent or ZERO for cell in self.cells), ZERO)


@dataclass(frozen=True)
class YearTotal:
    year: int
    budget: Decimal
    spent: Decimal


@dataclass(frozen=True)
class FundingRow:
    source: FundingSource
    action: ActionInForce
    received: Decimal
    receipts: int
    today: datetime.date

    @property
    def planned(self) -> Decimal:
        return self.source.amount

    @property
    def is_short_after_its_year(self) -> bool:
        return self.today.year > self.source.year and self.received < self.source.amount

    @property
    def is_deadline_missed(self) -> bool:
        deadline = self.source.call_deadline
        return deadline is not None and deadline < self.today and self.receipts == 0

    @property
    def gaps(self) -> list[str]:
        gaps = []
        if self.is_short_after_its_year:
            gaps.append(_("less received than planned after %(year)s") % {"year": self.source.year})
        if self.is_deadline_missed:
            gaps.append(
                _("call deadline %(day)s passed without receipt")
                % {"day": self.source.call_deadline.strftime("%d/%m/%Y")}
            )
        return gaps


@dataclass(frozen=True)
class Gap:
    """One flagged gap, told in a sentence, with the row it belongs to."""

    kind: str
    text: str


@dataclass
class FinanceOverview:
    version: PlanVersion | None
    years: list[int]
    actions: list[ActionFinance] = field(default_factory=list)
    funding: list[FundingRow] = field(default_factory=list)

    @property
    def per_year(self) -> list[YearTotal]:
        return [
            YearTotal(
                year=year,
                budget=sum((row.cells[index].budget for row in self.actions), ZERO),
                spent=sum((row.cells[index].spent or ZERO for row in self.actions), ZERO),
            )
            for index, year in enumerate(self.years)
        ]

    @property
    def planned_funding(self) -> Decimal:
        return sum((row.planned for row in self.funding), ZERO)

    @property
    def received_funding(self) -> Decimal:
        return sum((row.received for row in self.funding), ZERO)

    @property
    def gaps(self) -> list[Gap]:
        gaps = [
            Gap(
                "over_budget",
                _("%(action)s spent %(spent)s in %(year)s, over its budget of %(budget)s.")
                % {
                    "action": f"{row.action.code} {row.action.title}",
                    "spent": euro(cell.spent),
                    "year": cell.year,
                    "budget": euro(cell.budget),
                },
            )
            for row in self.actions
            for cell in row.cells
            if cell.is_over_budget
        ]
        for row in self.funding:
            label = f"{row.source.get_kind_display()} {row.source.year} ({row.action.code})"
            if row.is_short_after_its_year:
                gaps.append(
                    Gap(
                        "funding_short",
                        _("%(source)s: %(received)s received of %(planned)s planned.")
                        % {
                            "source": label,
                            "received": euro(row.received),
                            "planned": euro(row.planned),
                        },
                    )
                )
            if row.is_deadline_missed:
                gaps.append(
                    Gap(
                        "deadline_missed",
                        _("%(source)s: the call deadline of %(day)s has passed, nothing received.")
                        % {"source": label, "day": row.source.call_deadline.strftime("%d/%m/%Y")},
                    )
                )
        return gaps


def finance_overview(trajectory: Trajectory, *, today: datetime.date) -> FinanceOverview:
    """The plan in force's money: four queries, however many actions and years."""
    version = version_in_force(trajectory)
    years = cycle_years(trajectory)
    overview = FinanceOverview(version=version, years=years)
    actions = actions_in_force(version)
    if not actions:
        return overview
    ids = [action.id for action in actions]
    budget = budget_per_action_and_year(ids)
    spent = spending_per_action_and_year(ids)
    overview.actions = [
        ActionFinance(
            action=action,
            cells=[
                Cell(year, budget.get((action.id, year), ZERO), spent.get((action.id, year)))
                for year in years
            ],
        )
        for action in actions
    ]
    by_id = {action.id: action for action in actions}
    sources = (
        FundingSource.objects.filter(action_id__in=ids)
        .annotate(received=Sum("receipts__amount"), receipt_count=Count("receipts"))
        .order_by("year", "kind", "pk")
    )
    overview.funding = [
        FundingRow(
            source=source,
            action=by_id[source.action_id],
            received=source.received or ZERO,
            receipts=source.receipt_count,
            today=today,
        )
        for source in sources
    ]
    return overview


# --- Writes ---------------------------------------------------------------------------------


@transaction.atomic
def spending_save(
    *, trajectory: Trajectory, amounts: dict[tuple[int, int], Decimal | None], by: User
) -> int:
    """Save the spending grid: an amount per (action, year) of the plan in force; an empty
    cell removes what was recorded. All cells or none (ValidationError names the cell).

    Returns the number of rows written or removed.
    """
    allowed_actions = {action.id for action in actions_in_force(version_in_force(trajectory))}
    years = set(cycle_years(trajectory))
    existing = {
        (row.action_id, row.year): row
        for row in Spending.objects.select_for_update().filter(action_id__in=allowed_actions)
    }
    actions = Action.all_objects.in_bulk(allowed_actions)
    changed = 0
    for (action_id, year), amount in amounts.items():
        if action_id not in allowed_actions or year not in years:
            raise ValidationError(_("This action or year is not in the plan in force."))
        row = existing.get((action_id, year))
        if amount is None:
            if row is not None:
                row._history_user = by
                row.delete()
                changed += 1
            continue
        if row is not None and row.amount == amount:
            continue
        if row is None:
            row = Spending(action=actions[action_id], year=year)
        row.amount = amount
        row.recorded_by = by
        row._history_user = by
        try:
            row.full_clean()
        except ValidationError as error:
            raise ValidationError(
                _("%(action)s, %(year)s: %(error)s")
                % {
                    "action": actions[action_id].code,
                    "year": year,
                    "error": "; ".join(error.messages),
                }
            ) from error
        if row.pk:
            row.save(update_fields=["amount", "recorded_by", "recorded_at"])
        else:
            row.save()
        changed += 1
    return changed


@dataclass(frozen=True)
class ReceiptEntry:
    """One line of a funding source's receipts form: an existing receipt (``pk``) or a new
    one; ``delete`` removes an existing one."""

    received_on: datetime.date | None
    amount: Decimal | None
    note: str = ""
    pk: int | None = None
    delete: bool = False


@transaction.atomic
def funding_receipts_save(
    *, funding_source: FundingSource, entries: list[ReceiptEntry], by: User
) -> int:
    """Save what a funding source really brought in: changed, added and removed receipts,
    all of them or none. Returns the number of rows written or removed."""
    existing = {
        receipt.pk: receipt
        for receipt in FundingReceipt.objects.select_for_update().filter(
            funding_source=funding_source
        )
    }
    changed = 0
    for entry in entries:
        receipt = existing.get(entry.pk) if entry.pk else None
        if entry.pk and receipt is None:
            raise ValidationError(_("This receipt does not belong to this funding source."))
        if entry.delete:
            if receipt is not None:
                receipt._history_user = by
                receipt.delete()
                changed += 1
            continue
        if receipt is None and entry.received_on is None and entry.amount is None:
            continue  # an empty extra line
        if receipt is not None and (receipt.received_on, receipt.amount, receipt.note) == (
            entry.received_on,
            entry.amount,
            entry.note,
        ):
            continue
        receipt = receipt or FundingReceipt(funding_source=funding_source)
        receipt.received_on = entry.received_on
        receipt.amount = entry.amount
        receipt.note = entry.note.strip()
        receipt.recorded_by = by
        receipt._history_user = by
        receipt.full_clean()
        if receipt.pk:
            receipt.save(update_fields=["received_on", "amount", "note", "recorded_by"])
        else:
            receipt.save()
        changed += 1
    return changed
