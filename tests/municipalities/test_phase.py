"""Changing a trajectory's phase by hand: only along the lifecycle's edges, with a reason."""

import datetime
import itertools

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from municipalities.models import PhaseChange, Trajectory
from municipalities.services import PhaseError, trajectory_change_phase

P = Trajectory.Phase
D = datetime.date
ALLOWED = [
    (source, target) for source, targets in Trajectory.TRANSITIONS.items() for target in targets
]
REFUSED = [pair for pair in itertools.permutations(P.values, 2) if pair not in set(ALLOWED)]


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def english_client(coordinator_client):
    coordinator_client.cookies["django_language"] = "en"
    return coordinator_client


def _in_phase(trajectory, phase, since=datetime.date(2026, 11, 1)):
    Trajectory.objects.filter(pk=trajectory.pk).update(phase=phase, phase_started_on=since)
    trajectory.refresh_from_db()
    return trajectory


def _url(trajectory):
    return reverse("municipalities:trajectory_phase", kwargs={"pk": trajectory.pk})


def test_coordinator_moves_the_trajectory_on_with_a_reason(
    coordinator, coordinator_client, trajectory_a
):
    _in_phase(trajectory_a, P.INTAKE)
    response = coordinator_client.post(
        _url(trajectory_a),
        {
            "phase": "swot",
            "started_on": "2026-11-20",
            "reason": "Intake besproken op de stuurgroep.",
        },
    )

    assert response.status_code == 302
    trajectory_a.refresh_from_db()
    assert (trajectory_a.phase, trajectory_a.phase_started_on) == ("swot", D(2026, 11, 20))
    change = PhaseChange.objects.get()
    assert (change.from_phase, change.phase, change.trigger, change.reason, change.changed_by) == (
        "intake",
        "swot",
        "",
        "Intake besproken op de stuurgroep.",
        coordinator,
    )
    page = coordinator_client.get(response.url)
    assert "Intake → <strong>SWOT-analyse</strong>" in page.text
    assert "Intake besproken op de stuurgroep." in page.text


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_edge_of_the_lifecycle_can_be_taken(coordinator, trajectory_a, source, target):
    _in_phase(trajectory_a, source)

    change = trajectory_change_phase(
        trajectory=trajectory_a,
        phase=target,
        started_on=D(2026, 11, 24),
        reason="Zo.",
        by=coordinator,
    )

    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == target
    assert (change.from_phase, change.phase) == (source, target)


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_other_move_is_refused(coordinator, trajectory_a, source, target):
    _in_phase(trajectory_a, source)

    with pytest.raises(PhaseError):
        trajectory_change_phase(
            trajectory=trajectory_a,
            phase=target,
            started_on=D(2026, 11, 24),
            reason="Zo.",
            by=coordinator,
        )

    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == source
    assert not PhaseChange.objects.exists()


def test_a_refused_move_says_which_moves_there_are(english_client, trajectory_a):
    _in_phase(trajectory_a, P.INTAKE)
    page = english_client.post(
        _url(trajectory_a),
        {"phase": "review", "started_on": "2026-11-24", "reason": "Snel."},
        follow=True,
    )

    assert (
        "A trajectory in phase “Intake” cannot move to “Review”; it can move to "
        "“SWOT analysis”." in page.text
    )
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == P.INTAKE
    assert not PhaseChange.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"reason": "   "}, "Say why the phase changes."),
        (
            {"started_on": "2026-10-31"},
            "The new phase cannot start before the current one did (01/11/2026).",
        ),
        ({"started_on": "2026-11-26"}, "The new phase cannot start in the future."),
    ],
    ids=["no reason", "before the current phase", "in the future"],
)
def test_a_move_without_a_reason_or_with_a_wrong_date_is_refused(
    english_client, trajectory_a, values, message
):
    _in_phase(trajectory_a, P.SWOT)
    form = {"phase": "planning", "started_on": "2026-11-24", "reason": "Klaar.", **values}

    page = english_client.post(_url(trajectory_a), form, follow=True)

    assert message in page.text
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == P.SWOT
    assert not PhaseChange.objects.exists()


def test_an_unknown_phase_changes_nothing(coordinator_client, trajectory_a):
    response = coordinator_client.post(
        _url(trajectory_a),
        {"phase": "done", "started_on": "2026-11-20", "reason": "x"},
        follow=True,
    )
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == "intake"
    assert not PhaseChange.objects.exists()
    assert "De fase kon niet gewijzigd worden" in response.text


def test_only_those_who_edit_the_trajectory_change_its_phase(official_a, trajectory_a):
    with pytest.raises(PermissionDenied):
        trajectory_change_phase(
            trajectory=trajectory_a,
            phase=P.SWOT,
            started_on=D(2026, 11, 24),
            reason="x",
            by=official_a,
        )
    assert not PhaseChange.objects.exists()


def test_the_form_offers_only_the_moves_the_lifecycle_allows(coordinator_client, trajectory_a):
    _in_phase(trajectory_a, P.REVIEW)
    form = coordinator_client.get(
        reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory_a.pk})
    ).context["phase_form"]

    assert [value for value, _label in form.fields["phase"].widget.choices] == [
        P.APPROVED,
        P.PLANNING,
    ]


def test_coordinator_edits_vision_and_collaborations(coordinator_client, trajectory_a):
    _in_phase(trajectory_a, P.SWOT)
    response = coordinator_client.post(
        reverse("municipalities:trajectory_edit", kwargs={"pk": trajectory_a.pk}),
        {
            "policy_vision": "Elk kind een plek.",
            "existing_collaborations": "Brede School",
            "lock_version": trajectory_a.version,
        },
    )
    assert response.status_code == 302
    trajectory_a.refresh_from_db()
    assert (trajectory_a.policy_vision, trajectory_a.existing_collaborations) == (
        "Elk kind een plek.",
        "Brede School",
    )
    assert trajectory_a.phase == P.SWOT

    page = coordinator_client.get(
        reverse("municipalities:trajectory_edit", kwargs={"pk": trajectory_a.pk})
    )
    assert "coordinators" not in page.context["form"].fields
