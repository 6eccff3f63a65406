"""The "POP review due" alert is one the coordinator can act on: reviewing the POP in the portal
before the planned evaluation clears it. The demo shows it only where it really is due."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from staffing import rules
from staffing.models import DevelopmentPlan, ImprovementAction, Milestone, Worker
from tests.staffing.factories import WorkerFactory

D = datetime.date
NOW = datetime.datetime(2026, 11, 27, 9, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_reviewing_the_pop_before_the_evaluation_clears_the_alert(administrator_client):
    worker = WorkerFactory(trajectory_starts_on=D(2024, 1, 1))
    pop = DevelopmentPlan.objects.create(
        worker=worker, current_competences="a", target_competences="b", reviewed_on=D(2025, 9, 1)
    )
    actions = [
        ImprovementAction.objects.create(pop=pop, description=d, owner="X", due_on=D(2027, 1, 1))
        for d in ("A", "B")
    ]
    Milestone.objects.create(worker=worker, kind="evaluation", done_on=D(2026, 1, 15))
    Milestone.objects.create(worker=worker, kind="evaluation", planned_on=D(2026, 12, 15))
    alerts = administrator_client.get(reverse("staffing:alerts"))
    assert worker in alerts.context["alerts"].pop_due

    data = {
        "current_competences": "a",
        "target_competences": "b, en oudergesprekken",
        "reviewed_on": "2026-11-27",
        "actions-TOTAL_FORMS": "3",
        "actions-INITIAL_FORMS": "2",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "50",
    }
    for index, action in enumerate(actions):
        data |= {
            f"actions-{index}-id": str(action.pk),
            f"actions-{index}-pop": str(pop.pk),
            f"actions-{index}-description": action.description,
            f"actions-{index}-owner": action.owner,
            f"actions-{index}-due_on": "2027-01-01",
        }
    url = reverse("staffing:worker_pop", kwargs={"pk": worker.pk})
    assert administrator_client.post(url, data).status_code == 302
    alerts = administrator_client.get(reverse("staffing:alerts"))
    assert worker not in alerts.context["alerts"].pop_due
    assert pop.history.count() == 2  # made, then reviewed


def test_demo_workers_have_valid_pops_and_alerts_only_where_due(db):
    call_command("load_municipalities")
    call_command("seed_demo")
    today = D(2026, 11, 27)
    workers = list(
        Worker.objects.select_related("pop").prefetch_related("milestones", "pop__actions")
    )
    assert len(workers) == 16  # 15 in the staffing demo, one more whose contract ends soon
    for worker in workers:
        worker.full_clean()
        assert worker.pop.actions.count() >= DevelopmentPlan.MIN_ACTIONS, worker
    due = {w.last_name for w in workers if rules.pop_review_due(w, today=today)}
    assert due == {"Janssens"}
    assert {w.last_name for w in workers if rules.attest_renewal_due(w, today=today)} == {"Claes"}
    assert {w.last_name for w in workers if rules.package_reevaluation_due(w, today=today)} == {
        "Demir"
    }
    assert {w.last_name for w in workers if rules.trajectory_ends_soon(w, today=today)} == {
        "Benali"
    }
