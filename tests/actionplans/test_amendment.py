"""An amendment of an approved plan: opened by a coordinator, edited, submitted and approved
like any version, while the approved version stays in force until then."""

import datetime

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionSlot, Plan, PlanVersion
from municipalities.models import PhaseChange, Trajectory
from municipalities.services import trajectory_follow_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(plan_a, coordinator, official_a):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return version


def _url(name, trajectory, **kwargs) -> str:
    return reverse(f"actionplans:{name}", kwargs={"trajectory_pk": trajectory.pk, **kwargs})


def _english_client(client):
    client.cookies["django_language"] = "en"
    return client


def _in_force(trajectory) -> PlanVersion | None:
    return PlanVersion.objects.filter(plan__trajectory=trajectory).in_force()


def test_the_old_version_stays_in_force_until_the_amendment_is_approved(
    approved, plan_a, trajectory_a, coordinator, official_a
):
    plan = plan_a["plan"]
    assert services.plan_amend(plan=plan, reason="Woensdag verschuift", by=coordinator) == approved
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    assert _in_force(trajectory_a) == approved

    slot = ActionSlot.objects.get(action=plan_a["action"])
    slot.starts_at = datetime.time(16, 0)
    slot.save()
    second = services.plan_submit(plan=plan, by=coordinator)
    assert second.number == 2
    assert _in_force(trajectory_a) == approved  # in review: still version 1

    services.plan_decide(plan=plan, outcome="approved", reason="", by=official_a)
    assert _in_force(trajectory_a) == second
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED


def test_requested_changes_on_an_amendment_keep_the_old_version_in_force(
    approved, plan_a, trajectory_a, coordinator, official_a
):
    plan = plan_a["plan"]
    services.plan_amend(plan=plan, reason="Nieuwe campus", by=coordinator)
    services.plan_submit(plan=plan, by=coordinator)
    services.plan_decide(plan=plan, outcome="changes_requested", reason="Te duur", by=official_a)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CHANGES_REQUESTED
    assert plan.editable_by(coordinator)
    assert _in_force(trajectory_a) == approved


@pytest.mark.parametrize("status", ["draft", "in_review", "changes_requested"])
def test_only_an_approved_plan_is_amended(plan_a, coordinator, status):
    plan = plan_a["plan"]
    Plan.objects.filter(pk=plan.pk).update(status=status)
    with pytest.raises(services.PlanError):
        services.plan_amend(plan=plan, reason="Waarom niet", by=coordinator)


def test_an_amendment_needs_a_reason_and_a_coordinator(approved, plan_a, official_a, coordinator):
    with pytest.raises(services.PlanError):
        services.plan_amend(plan=plan_a["plan"], reason="  ", by=coordinator)
    with pytest.raises(services.PlanError):
        services.plan_amend(plan=plan_a["plan"], reason="Ik wil het", by=official_a)
    plan_a["plan"].refresh_from_db()
    assert plan_a["plan"].status == Plan.Status.APPROVED


def test_the_history_says_who_opened_the_amendment_and_why(approved, plan_a, coordinator):
    services.plan_amend(plan=plan_a["plan"], reason="Woensdag verschuift", by=coordinator)
    newest = plan_a["plan"].history.first()
    assert (newest.status, newest.history_user, newest.history_change_reason) == (
        "draft",
        coordinator,
        "Woensdag verschuift",
    )


def test_an_approved_trajectory_returns_to_review_when_the_amendment_is_submitted(
    approved, plan_a, trajectory_a, coordinator, official_a
):
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == Trajectory.Phase.APPROVED
    services.plan_amend(plan=plan_a["plan"], reason="Nieuwe campus", by=coordinator)
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == Trajectory.Phase.APPROVED  # opening moves nothing
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == Trajectory.Phase.REVIEW
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == Trajectory.Phase.APPROVED


def test_a_trajectory_in_execution_stays_there_through_an_amendment(
    approved, plan_a, trajectory_a, coordinator, official_a
):
    trajectory_follow_work(
        trajectory=trajectory_a, trigger=PhaseChange.Trigger.EXECUTION_STARTED, by=coordinator
    )
    changes = PhaseChange.objects.filter(trajectory=trajectory_a).count()
    services.plan_amend(plan=plan_a["plan"], reason="Nieuwe campus", by=coordinator)
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(
        plan=plan_a["plan"], outcome="changes_requested", reason="Nee", by=official_a
    )
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == Trajectory.Phase.EXECUTION
    assert PhaseChange.objects.filter(trajectory=trajectory_a).count() == changes


def test_the_coordinator_opens_an_amendment_from_the_plan_page(
    approved, plan_a, trajectory_a, coordinator_client
):
    client = _english_client(coordinator_client)
    page = client.get(_url("plan", trajectory_a)).text
    assert "Open an amendment" in page
    response = client.post(_url("plan_amend", trajectory_a), {"reason": "Woensdag verschuift"})
    assert response.status_code == 302
    page = client.get(response.url).text
    assert "Amendment of version 1 in preparation; version 1 stays in force." in page
    assert "Woensdag verschuift" in page
    assert "Open an amendment" not in page
    plan_a["plan"].refresh_from_db()
    assert plan_a["plan"].status == Plan.Status.DRAFT


def test_opened_from_an_action_the_coordinator_goes_on_to_edit_it(
    approved, plan_a, trajectory_a, coordinator_client
):
    client = _english_client(coordinator_client)
    action = plan_a["action"]
    assert "Open an amendment" in client.get(_url("action_detail", trajectory_a, pk=action.pk)).text
    response = client.post(
        _url("plan_amend", trajectory_a), {"reason": "Later beginnen", "action": action.pk}
    )
    assert response.url == _url("part_update", trajectory_a, kind="action", pk=action.pk)
    assert client.get(response.url).status_code == 200


def test_an_empty_reason_opens_nothing(approved, plan_a, trajectory_a, coordinator_client):
    response = coordinator_client.post(_url("plan_amend", trajectory_a), {"reason": ""})
    assert response.status_code == 302
    plan_a["plan"].refresh_from_db()
    assert plan_a["plan"].status == Plan.Status.APPROVED


def test_editing_an_approved_plan_says_to_open_an_amendment_first(
    approved, plan_a, trajectory_a, coordinator_client
):
    client = _english_client(coordinator_client)
    action = plan_a["action"]
    response = client.get(_url("part_update", trajectory_a, kind="action", pk=action.pk))
    assert response.status_code == 403
    assert "Open an amendment first" in response.text
    assert 'action="' + _url("plan_amend", trajectory_a) in response.text
    assert f'name="action" value="{action.pk}"' in response.text  # then on to its form


def test_an_official_may_not_open_an_amendment(
    approved, plan_a, trajectory_a, official_a_client, official_b_client
):
    page = _english_client(official_a_client).get(_url("plan", trajectory_a)).text
    assert "Open an amendment" not in page
    url = _url("plan_amend", trajectory_a)
    assert official_a_client.post(url, {"reason": "Ik wil het"}).status_code == 403
    assert official_b_client.post(url, {"reason": "Ik wil het"}).status_code == 404
    plan_a["plan"].refresh_from_db()
    assert plan_a["plan"].status == Plan.Status.APPROVED


def test_an_amended_plan_stays_in_the_library(approved, plan_a, coordinator):
    from actionplans.models import Action

    services.plan_amend(plan=plan_a["plan"], reason="Nieuwe campus", by=coordinator)
    other = Plan(pk=0)
    assert plan_a["action"] in Action.objects.library(excluding=other)
