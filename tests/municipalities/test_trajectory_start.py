from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from municipalities.models import Membership, PhaseChange, Trajectory
from tests.factories import MunicipalityFactory


def test_coordinator_starts_a_trajectory_and_coordinates_it(coordinator, coordinator_client):
    pelt = MunicipalityFactory(nis_code="72043", name_nl="Pelt")
    Membership.objects.create(user=coordinator, municipality=pelt)

    response = coordinator_client.post(
        reverse("municipalities:trajectory_start"),
        {"municipality": pelt.pk, "cycle_start_year": "2026", "cycle_end_year": "2031"},
    )

    trajectory = Trajectory.objects.get(municipality=pelt)
    assert response.url == reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory.pk})
    assert list(trajectory.responsible_coordinators()) == [coordinator]
    change = PhaseChange.objects.get()
    assert (change.from_phase, change.phase, change.trigger, change.changed_by) == (
        "",
        Trajectory.Phase.INTAKE,
        PhaseChange.Trigger.STARTED,
        coordinator,
    )


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
    assert response.context["form"].has_error(NON_FIELD_ERRORS, "one_trajectory_per_cycle")
    assert Trajectory.objects.count() == 1


def test_officials_cannot_start_trajectories(official_a_client):
    assert official_a_client.get(reverse("municipalities:trajectory_start")).status_code == 403


def test_a_coordinator_cannot_grant_themselves_another_municipality(
    coordinator, coordinator_client
):
    pelt = MunicipalityFactory(nis_code="72043", name_nl="Pelt")

    response = coordinator_client.post(
        reverse("municipalities:trajectory_start"),
        {"municipality": pelt.pk, "cycle_start_year": "2027", "cycle_end_year": "2031"},
    )

    assert response.status_code == 200
    assert "Pelt" not in response.text
    assert not Trajectory.objects.filter(municipality=pelt).exists()
    assert not Membership.objects.filter(user=coordinator, municipality=pelt).exists()


def test_the_form_offers_only_municipalities_the_coordinator_coordinates(
    coordinator_client, municipality_a, municipality_b
):
    response = coordinator_client.get(reverse("municipalities:trajectory_start"))
    choices = [str(m) for m in response.context["form"].fields["municipality"].queryset]
    assert choices == [str(municipality_a)]


def test_existing_trajectory_elsewhere_is_not_revealed(coordinator_client, trajectory_b):
    # Tienen has a trajectory for 2026, but the coordinator does not coordinate Tienen.
    response = coordinator_client.post(
        reverse("municipalities:trajectory_start"),
        {
            "municipality": trajectory_b.municipality.pk,
            "cycle_start_year": "2026",
            "cycle_end_year": "2031",
        },
    )
    assert response.status_code == 200
    assert "Tienen" not in response.text
    assert "planningscyclus" not in response.text


def test_the_service_refuses_a_municipality_without_membership(coordinator):
    import pytest
    from django.core.exceptions import PermissionDenied

    from municipalities.services import trajectory_start

    pelt = MunicipalityFactory(nis_code="72043", name_nl="Pelt")
    with pytest.raises(PermissionDenied):
        trajectory_start(
            municipality=pelt, cycle_start_year=2026, cycle_end_year=2031, by=coordinator
        )
    assert not Membership.objects.filter(user=coordinator, municipality=pelt).exists()


def test_an_administrator_starts_a_trajectory_anywhere(administrator, administrator_client):
    pelt = MunicipalityFactory(nis_code="72043", name_nl="Pelt")
    response = administrator_client.post(
        reverse("municipalities:trajectory_start"),
        {"municipality": pelt.pk, "cycle_start_year": "2026", "cycle_end_year": "2031"},
    )
    assert response.status_code == 302
    assert Trajectory.objects.filter(municipality=pelt).exists()
