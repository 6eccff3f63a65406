"""Differences between two versions: parts matched by id, fields compared, money deltas."""

import copy
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from actionplans.diff import (
    BudgetLineValue,
    FieldChange,
    FundingValue,
    SlotValue,
    TotalChange,
    diff_snapshots,
)
from actionplans.snapshots import plan_snapshot
from tests.actionplans.factories import (
    ActionFactory,
    ActionSlotFactory,
    BudgetLineFactory,
    sample_plan,
)


@pytest.fixture
def parts(trajectory_a, intake_a):
    return sample_plan(trajectory_a, site=intake_a["site"], actor=intake_a["leisure-actors"])


@pytest.fixture
def before(parts):
    return plan_snapshot(parts["plan"])


def _by_code(changes):
    return {change.code: change for change in changes}


def test_the_same_snapshot_has_no_differences(before):
    diff = diff_snapshots(before, copy.deepcopy(before))

    assert diff.is_empty
    assert diff.plan_changes == diff.objectives == diff.actions == diff.totals == []


def test_a_changed_title_is_one_field_change(before):
    after = copy.deepcopy(before)
    after["objectives"][1]["action_plans"][0]["actions"][0]["title"] = "Tienerclub op zaterdag"

    diff = diff_snapshots(before, after)

    [change] = diff.actions
    assert (change.kind, change.code_old, change.code_new) == ("changed", "A2.1.1", "A2.1.1")
    assert change.title == "Tienerclub op zaterdag"
    assert change.changes == [
        FieldChange("title", "Tienerclub op woensdag", "Tienerclub op zaterdag")
    ]
    assert not diff.is_empty
    assert diff.objectives == diff.action_plans == diff.totals == []


def test_the_workflow_status_is_not_a_difference(before):
    after = copy.deepcopy(before)
    after["plan"]["status"] = "changes_requested"
    after["plan"]["summary"] = "Nieuwe visie"

    diff = diff_snapshots(before, after)

    assert diff.plan_changes == [FieldChange("summary", "Visie", "Nieuwe visie")]


def test_added_removed_changed_and_renumbered_parts(parts, before):
    now = timezone.now()
    # Removed: A1.1.2 (99.99 in 2026).
    parts["A1.1.2"].removed_at = now
    parts["A1.1.2"].save(update_fields=["removed_at"])
    # Added: A1.2.2 (A1.5.2 once its action plan is renumbered), with 250.00 in 2028.
    added = ActionFactory(action_plan=parts["AP1.2"], number=2, title="Middagspel")
    BudgetLineFactory(action=added, year=2028, category="activities", amount=Decimal("250.00"))
    # Renumbered: AP1.2 becomes AP1.5, so its action A1.2.1 becomes A1.5.1.
    parts["AP1.2"].number = 5
    parts["AP1.2"].save(update_fields=["number"])
    # Changed: A1.1.1 gets a later end, a new slot and more personnel money in 2026.
    action = parts["A1.1.1"]
    action.ends_on = datetime.date(2027, 8, 31)
    action.save(update_fields=["ends_on"])
    ActionSlotFactory(
        action=action,
        slot="wednesday",
        starts_at=datetime.time(12, 0),
        ends_at=datetime.time(17, 0),
        expected_children=12,
    )
    line = action.budget_lines.get(year=2026, category="personnel")
    line.amount = Decimal("1400.50")
    line.save(update_fields=["amount"])

    diff = diff_snapshots(before, plan_snapshot(parts["plan"]))

    actions = _by_code(diff.actions)
    assert list(actions) == ["A1.1.1", "A1.1.2", "A1.5.1", "A1.5.2"]
    assert (actions["A1.1.2"].kind, actions["A1.1.2"].code_new) == ("removed", None)
    assert actions["A1.1.2"].title == "Spelmateriaal"
    assert (actions["A1.5.2"].kind, actions["A1.5.2"].code_old) == ("added", None)
    assert actions["A1.5.2"].id == added.pk

    renumbered = actions["A1.5.1"]
    assert (renumbered.kind, renumbered.code_old) == ("changed", "A1.2.1")
    assert renumbered.is_renumbered
    assert renumbered.changes == [FieldChange("code", "A1.2.1", "A1.5.1")]

    changed = {change.field: change for change in actions["A1.1.1"].changes}
    assert list(changed) == ["slots", "ends_on", "budget_lines", "budget_total"]
    assert changed["ends_on"] == FieldChange("ends_on", "2027-06-30", "2027-08-31")
    assert changed["slots"].old == [
        SlotValue("after_school", "", "15:30", "18:00", 20),
        SlotValue("holidays", "summer", "09:00", "16:00", 30),
    ]
    # In the order of the day and the year, as the snapshot keeps them.
    assert changed["slots"].new == [
        SlotValue("after_school", "", "15:30", "18:00", 20),
        SlotValue("wednesday", "", "12:00", "17:00", 12),
        SlotValue("holidays", "summer", "09:00", "16:00", 30),
    ]
    old_line = BudgetLineValue(2026, "personnel", Decimal("1200.50"), "")
    assert old_line in changed["budget_lines"].old
    assert old_line._replace(amount=Decimal("1400.50")) in changed["budget_lines"].new
    # 2750.75 + 200.00
    assert changed["budget_total"] == FieldChange(
        "budget_total", Decimal("2750.75"), Decimal("2950.75")
    )

    action_plans = _by_code(diff.action_plans)
    assert action_plans["AP1.5"].code_old == "AP1.2"
    assert action_plans["AP1.5"].changes[0] == FieldChange("code", "AP1.2", "AP1.5")
    assert [change.field for change in action_plans["AP1.1"].changes] == ["budget_total"]


def test_money_deltas_overall_and_per_year(parts, before):
    parts["A1.1.2"].removed_at = timezone.now()
    parts["A1.1.2"].save(update_fields=["removed_at"])
    added = ActionFactory(action_plan=parts["AP1.2"], number=2)
    BudgetLineFactory(action=added, year=2028, amount=Decimal("250.00"))

    diff = diff_snapshots(before, plan_snapshot(parts["plan"]))

    # Budget: 2860.74 - 99.99 + 250.00 = 3010.75; 2026: 1600.74 - 99.99 = 1500.75.
    assert diff.totals == [
        TotalChange("budget", Decimal("2860.74"), Decimal("3010.75"), Decimal("150.01")),
        TotalChange("budget.2026", Decimal("1600.74"), Decimal("1500.75"), Decimal("-99.99")),
        TotalChange("budget.2028", Decimal("0.00"), Decimal("250.00"), Decimal("250.00")),
    ]
    assert diff.totals[1].year == 2026
    assert diff.totals[0].year is None


def test_funding_deltas_per_source(before):
    after = copy.deepcopy(before)
    action = after["objectives"][0]["action_plans"][0]["actions"][0]
    action["funding"].append(
        {"kind": "partner", "year": 2027, "amount": "75.50", "call_name": "", "call_deadline": None}
    )
    after["totals"]["funding"] = "1480.50"
    after["totals"]["funding_by_year"]["2027"] = "475.50"
    after["totals"]["funding_by_source_and_year"]["partner"] = {"2027": "75.50"}

    diff = diff_snapshots(before, after)

    assert [(total.key, total.delta) for total in diff.totals] == [
        ("funding", Decimal("75.50")),
        ("funding.2027", Decimal("75.50")),
        ("funding.partner.2027", Decimal("75.50")),
    ]
    assert diff.totals[2].source == "partner"
    [change] = diff.actions
    [funding] = [c for c in change.changes if c.field == "funding"]
    assert sorted(set(funding.new) - set(funding.old)) == [
        FundingValue(2027, "partner", Decimal("75.50"), "", "")
    ]


def test_partners_and_sites_are_compared_by_name(before):
    after = copy.deepcopy(before)
    action = after["objectives"][0]["action_plans"][0]["actions"][0]
    action["partners"]["leisure_actors"] = []
    action["sites"].append({"id": 999, "label": "Basisschool Velm – 2 (Dorp 1, 3806)"})

    [change] = diff_snapshots(before, after).actions

    changes = {c.field: c for c in change.changes}
    assert changes["leisure_actors"] == FieldChange("leisure_actors", ["Chiro Velm"], [])
    assert changes["sites"].new == [
        "Basisschool Velm – 2 (Dorp 1, 3806)",
        "Vrije Basisschool Sint-Jozef – 1 (Kerkstraat 20, 3806)",
    ]


def test_a_removed_objective_takes_its_parts_along(parts, before):
    parts["BD2"].removed_at = timezone.now()
    parts["BD2"].save(update_fields=["removed_at"])

    diff = diff_snapshots(before, plan_snapshot(parts["plan"]))

    assert [(c.kind, c.code) for c in diff.objectives] == [("removed", "BD2")]
    assert [(c.kind, c.code) for c in diff.action_plans] == [("removed", "AP2.1")]
    assert [(c.kind, c.code) for c in diff.actions] == [("removed", "A2.1.1")]
