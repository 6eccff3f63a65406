import datetime

from django.urls import reverse

from municipalities.models import PhaseChange


def test_coordinator_moves_the_trajectory_to_the_swot(
    coordinator, coordinator_client, trajectory_a
):
    response = coordinator_client.post(
        reverse("municipalities:trajectory_phase", kwargs={"pk": trajectory_a.pk}),
        {"phase": "swot", "started_on": "2026-11-20"},
    )

    assert response.status_code == 302
    trajectory_a.refresh_from_db()
    assert (trajectory_a.phase, trajectory_a.phase_started_on) == (
        "swot",
        datetime.date(2026, 11, 20),
    )
    change = PhaseChange.objects.get()
    assert (change.phase, change.changed_by) == ("swot", coordinator)
    page = coordinator_client.get(response.url)
    assert "SWOT-analyse — 20/11/2026 (" in page.text


def test_an_unknown_phase_changes_nothing(coordinator_client, trajectory_a):
    response = coordinator_client.post(
        reverse("municipalities:trajectory_phase", kwargs={"pk": trajectory_a.pk}),
        {"phase": "done", "started_on": "2026-11-20"},
        follow=True,
    )
    trajectory_a.refresh_from_db()
    assert trajectory_a.phase == "intake"
    assert not PhaseChange.objects.exists()
    assert "De fase kon niet gewijzigd worden" in response.text


def test_coordinator_edits_vision_and_coordinators(
    coordinator, coordinator_client, trajectory_a, official_a
):
    response = coordinator_client.post(
        reverse("municipalities:trajectory_edit", kwargs={"pk": trajectory_a.pk}),
        {
            "policy_vision": "Elk kind een plek.",
            "coordinators": [coordinator.pk],
            "lock_version": trajectory_a.version,
        },
    )
    assert response.status_code == 302
    trajectory_a.refresh_from_db()
    assert trajectory_a.policy_vision == "Elk kind een plek."
    assert list(trajectory_a.coordinators.all()) == [coordinator]

    # An official is no coordinator.
    refused = coordinator_client.post(
        reverse("municipalities:trajectory_edit", kwargs={"pk": trajectory_a.pk}),
        {"policy_vision": "x", "coordinators": [official_a.pk], "lock_version": 2},
    )
    assert refused.status_code == 200
    assert list(trajectory_a.coordinators.all()) == [coordinator]
