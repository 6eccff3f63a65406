from django.urls import reverse

from municipalities.models import Membership, PhaseChange, Trajectory
from tests.factories import MunicipalityFactory


def test_coordinator_starts_a_trajectory_and_coordinates_it(coordinator, coordinator_client):
    pelt = MunicipalityFactory(nis_code="72043", name_nl="Pelt")

    response = coordinator_client.post(
        reverse("municipalities:trajectory_start"),
        {"municipality": pelt.pk, "cycle_start_year": "2026", "cycle_end_year": "2031"},
    )

    trajectory = Trajectory.objects.get(municipality=pelt)
    assert response.url == reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory.pk})
    assert list(trajectory.coordinators.all()) == [coordinator]
    assert Membership.objects.filter(user=coordinator, municipality=pelt).exists()
    assert PhaseChange.objects.get().phase == Trajectory.Phase.INTAKE


def test_a_second_trajectory_for_the_same_cycle_is_refused(coordinator_client, trajectory_a):
    response = coordinator_client.post(
        reverse("municipalities:trajectory_start"),
        {
            "municipality": trajectory_a.municipality.pk,
            "cycle_start_year": "2026",
            "cycle_end_year": "2031",
        },
    )
    assert response.status_code == 200
    assert "heeft al een traject voor deze planningscyclus" in response.text
    assert Trajectory.objects.count() == 1


def test_officials_cannot_start_trajectories(official_a_client):
    assert official_a_client.get(reverse("municipalities:trajectory_start")).status_code == 403
