"""In collectief maatwerk the POP is made within a month of hiring: without one after that
month the worker's POP is overdue, on the alerts page, the staff list and the worker's page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from staffing.models import Milestone, Worker
from staffing.rules import pop_deadline, pop_overdue
from tests.staffing.factories import DevelopmentPlanFactory, WorkerFactory

D = datetime.date

pytestmark = pytest.mark.django_db


def _collective(**fields) -> Worker:
    values = {"regime": Worker.Regime.COLLECTIVE, "contract_starts_on": D(2026, 3, 1)}
    return WorkerFactory(**(values | {"trajectory_starts_on": D(2026, 3, 1)} | fields))


def test_the_deadline_is_one_month_after_the_contract_starts():
    assert pop_deadline(_collective(contract_starts_on=D(2026, 3, 1))) == D(2026, 4, 1)
    # A shorter next month: the deadline is its last day.
    assert pop_deadline(_collective(contract_starts_on=D(2026, 1, 31))) == D(2026, 2, 28)


def test_on_the_deadline_itself_the_pop_is_not_overdue_yet():
    worker = _collective()
    assert not pop_overdue(worker, today=D(2026, 3, 15))
    assert not pop_overdue(worker, today=D(2026, 4, 1))  # exactly one month


def test_the_day_after_the_deadline_the_missing_pop_is_overdue():
    worker = _collective()
    assert pop_overdue(worker, today=D(2026, 4, 2))
    assert pop_overdue(worker, today=D(2027, 1, 1))


def test_a_pop_made_clears_it():
    worker = _collective()
    DevelopmentPlanFactory(worker=worker, reviewed_on=D(2026, 5, 1))
    worker.refresh_from_db()
    assert not pop_overdue(worker, today=D(2026, 5, 2))


@pytest.mark.parametrize("regime", [Worker.Regime.LDE, Worker.Regime.IMW, Worker.Regime.OTHER])
def test_other_regimes_have_no_such_deadline(regime):
    worker = WorkerFactory(regime=regime, contract_starts_on=D(2023, 3, 1))
    assert pop_deadline(worker) is None
    assert not pop_overdue(worker, today=D(2026, 4, 2))


def test_an_outcome_ends_the_alert():
    worker = _collective(outcome=Worker.Outcome.STOPPED)
    assert not pop_overdue(worker, today=D(2026, 4, 2))


@pytest.fixture
def on_2_april_2026():
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.mark.usefixtures("on_2_april_2026")
def test_the_pages_show_the_overdue_pop(administrator_client):
    administrator_client.cookies["django_language"] = "en"
    late = _collective(first_name="Abdi", last_name="Warsame")
    in_time = _collective(first_name="Nadia", contract_starts_on=D(2026, 3, 5))
    Milestone.objects.create(
        worker=in_time, kind=Milestone.Kind.EVALUATION, planned_on=D(2026, 9, 1)
    )

    alerts = administrator_client.get(reverse("staffing:alerts"))
    assert alerts.context["alerts"].pop_overdue == [late]
    assert "POPs not made within a month of hiring" in alerts.text
    # Overdue, it is not listed a second time as a review due.
    assert late not in alerts.context["alerts"].pop_due

    listed = administrator_client.get(reverse("staffing:list"))
    badges = {row.worker: row.alerts.pop_overdue for row in listed.context["rows"]}
    assert badges == {late: True, in_time: False}
    assert listed.text.count("POP overdue") == 1

    page = administrator_client.get(reverse("staffing:worker", args=[late.pk]))
    assert "POP overdue" in page.text


def test_officials_never_see_it(official_a_client):
    assert official_a_client.get(reverse("staffing:alerts")).status_code == 404
