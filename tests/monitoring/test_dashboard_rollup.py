"""The dashboard's progress rolled up per objective: weighted by budget, evenly without one.

Also home to the plan in force the dashboard and finance tests share (``two_actions``)."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from actionplans import services as plan_services
from actionplans.models import BudgetLine
from execution import progress
from monitoring import dashboard, finance
from tests.actionplans.factories import ActionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2027, 3, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def approve(plan, coordinator, official):
    plan_services.plan_submit(plan=plan, by=coordinator)
    plan_services.plan_decide(plan=plan, outcome="approved", reason="", by=official)


@pytest.fixture
def two_actions(plan_a, intake_a, coordinator, official_a):
    """Plan A in force with two actions: A1.1.1 (budget € 18.500 in 2026) and A1.1.2
    (€ 4.000 in 2026 and € 2.500 in 2027)."""
    second = ActionFactory(
        action_plan=plan_a["action_plan"], title="Zomerkamp", sites=[intake_a["site"]]
    )
    BudgetLine.objects.create(
        action=second, category="activities", year=2026, amount=Decimal("4000")
    )
    BudgetLine.objects.create(
        action=second, category="materials", year=2027, amount=Decimal("2500")
    )
    approve(plan_a["plan"], coordinator, official_a)
    return {**plan_a, "second": second}


def _rollup(actions):
    return dashboard.roll_up(
        [
            dashboard.ActionRollup(action=None, status="started", progress=p, budget=Decimal(b))
            for p, b in actions
        ]
    )


def test_budget_weights_each_action():
    # (40 × 18 500 + 100 × 6 500) / 25 000 = 55.6
    assert _rollup([(40, 18500), (100, 6500)]) == dashboard.Rollup(55.6, dashboard.BY_BUDGET)


def test_without_any_budget_each_action_weighs_the_same():
    assert _rollup([(40, 0), (100, 0), (10, 0)]) == dashboard.Rollup(50.0, dashboard.EVENLY)


def test_an_action_without_budget_among_budgeted_ones_weighs_nothing():
    assert _rollup([(40, 1000), (100, 0)]) == dashboard.Rollup(40.0, dashboard.BY_BUDGET)


def test_no_actions_is_zero_evenly():
    assert _rollup([]) == dashboard.Rollup(0.0, dashboard.EVENLY)


def test_the_objective_rolls_up_its_actions_of_the_plan_in_force(
    two_actions, trajectory_a, coordinator
):
    progress.action_progress_update(
        action=two_actions["action"], status="started", progress=40, by=coordinator
    )
    progress.action_progress_update(
        action=two_actions["second"], status="done", progress=0, by=coordinator
    )
    board = dashboard.build_dashboard(trajectory_a, today=TODAY.date())
    [objective] = board.objectives
    assert [(a.action.id, a.progress, a.budget) for a in objective.actions] == [
        (two_actions["action"].pk, 40, Decimal("18500")),
        (two_actions["second"].pk, 100, Decimal("6500")),
    ]
    assert objective.rollup == dashboard.Rollup(55.6, dashboard.BY_BUDGET)
    assert board.total == dashboard.Rollup(55.6, dashboard.BY_BUDGET)


def test_budgets_are_the_live_rows_of_the_actions_in_force(two_actions, trajectory_a):
    # A budget line added after approval (in an amendment in preparation) counts too: the
    # money is the live action's.
    BudgetLine.objects.create(
        action=two_actions["second"], category="other", year=2027, amount=Decimal("500")
    )
    overview = finance.finance_overview(trajectory_a, today=TODAY.date())
    assert [row.budget for row in overview.actions] == [Decimal("18500"), Decimal("7000")]


def test_the_page_says_how_progress_is_weighted(two_actions, trajectory_a, coordinator_client):
    coordinator_client.cookies["django_language"] = "en"
    from django.urls import reverse

    page = coordinator_client.get(
        reverse("dashboard:overview", kwargs={"trajectory_pk": trajectory_a.pk})
    ).text
    assert "Progress is weighted by budget" in page
    BudgetLine.objects.all().delete()
    page = coordinator_client.get(
        reverse("dashboard:overview", kwargs={"trajectory_pk": trajectory_a.pk})
    ).text
    assert "Progress is weighted evenly" in page
