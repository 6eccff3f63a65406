"""Draft → in review → changes requested → in review → approved, with frozen versions."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from actionplans import services
from actionplans.models import Decision, Plan, PlanVersion


def _plan_url(name, trajectory):
    return reverse(f"actionplans:{name}", kwargs={"trajectory_pk": trajectory.pk})


def test_submitting_freezes_a_version_that_later_edits_never_change(
    coordinator, trajectory_a, plan_a
):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    frozen_hash, frozen = version.content_hash, version.snapshot

    plan = Plan.objects.get()
    plan.status = Plan.Status.CHANGES_REQUESTED
    plan.save(update_fields=["status"])
    action = plan_a["action"]
    action.title = "Een andere titel"
    services.part_save(action, expected_version=action.version)

    version.refresh_from_db()
    assert version.content_hash == frozen_hash
    assert version.snapshot == frozen
    titles = [
        a["title"]
        for o in version.snapshot["objectives"]
        for ap in o["action_plans"]
        for a in ap["actions"]
    ]
    assert titles == ["Naschoolse opvang in Velm"]
    second = services.plan_submit(plan=plan, by=coordinator)
    assert second.number == 2
    assert second.content_hash != frozen_hash


def test_only_a_draft_or_a_plan_sent_back_can_be_submitted(coordinator, plan_a):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    with pytest.raises(services.PlanError):
        services.plan_submit(plan=plan_a["plan"], by=coordinator)
    assert PlanVersion.objects.count() == 1


def test_requesting_changes_needs_a_reason(coordinator, official_a, plan_a):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    with pytest.raises(services.PlanError):
        services.plan_decide(
            plan=plan_a["plan"], outcome="changes_requested", reason=" ", by=official_a
        )
    assert not Decision.objects.exists()


def test_a_decision_records_who_when_which_version_and_why(coordinator, official_a, plan_a):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    decision = services.plan_decide(
        plan=plan_a["plan"],
        outcome="changes_requested",
        reason="Meer voor tieners.",
        by=official_a,
    )
    assert (decision.version, decision.content_hash, decision.decided_by) == (
        version,
        version.content_hash,
        official_a,
    )
    assert Plan.objects.get().status == Plan.Status.CHANGES_REQUESTED


def test_an_official_of_another_municipality_cannot_decide(coordinator, official_b, plan_a):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    with pytest.raises(services.PlanError):
        services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_b)


def test_nothing_to_decide_on_a_draft(official_a, plan_a):
    with pytest.raises(services.PlanError):
        services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)


def test_a_plan_in_review_cannot_be_edited(coordinator, plan_a):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    action = plan_a["action"]
    action = type(action).objects.get(pk=action.pk)
    with pytest.raises(services.PlanError):
        services.part_save(action, expected_version=action.version)


def test_the_whole_flow_through_the_pages_with_e_mails(
    celery_worker,
    coordinator,
    coordinator_client,
    official_a,
    official_a_client,
    trajectory_a,
    plan_a,
):
    coordinator_client.post(_plan_url("plan_submit", trajectory_a))
    official_a_client.post(
        _plan_url("plan_decide", trajectory_a),
        {"outcome": "changes_requested", "reason": "Voeg de paasvakantie toe."},
    )
    assert Plan.objects.get().status == Plan.Status.CHANGES_REQUESTED
    coordinator_client.post(_plan_url("plan_submit", trajectory_a))
    official_a_client.post(_plan_url("plan_decide", trajectory_a), {"outcome": "approved"})
    assert Plan.objects.get().status == Plan.Status.APPROVED
    decision = Decision.objects.get(outcome="approved")
    assert decision.version.number == 2

    deadline = time.monotonic() + 20
    while len(mail.outbox) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    recipients = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert len(recipients) == 4
    assert sum(1 for to, _ in recipients if to == official_a.email) == 2
    assert sum(1 for to, _ in recipients if to == coordinator.email) == 2
    assert any("wacht op uw beoordeling" in subject for _, subject in recipients)


def test_an_officials_comment_asks_the_coordinator_for_a_reply(
    celery_worker, coordinator, official_a_client, trajectory_a, plan_a
):
    official_a_client.post(
        reverse("comment_add", kwargs={"label": "actionplans.action", "pk": plan_a["action"].pk}),
        {"body": "Wie haalt de kinderen op in Velm?"},
    )
    deadline = time.monotonic() + 20
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Wie haalt de kinderen op in Velm?" in mail.outbox[0].body
