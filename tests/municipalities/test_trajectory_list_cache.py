"""The trajectory overview keeps its table in the cache by a key of the data it reads: a new
trajectory or a renamed municipality shows on the next view, and each user sees their own."""

import pytest
from django.urls import reverse
from django.utils import timezone

from municipalities import services
from municipalities.models import Trajectory

pytestmark = pytest.mark.usefixtures("local_cache")


def _list(client, query="") -> str:
    response = client.get(reverse("municipalities:trajectory_list") + query)
    assert response.status_code == 200
    return response.text


def test_a_new_trajectory_and_a_phase_change_show_on_the_next_view(
    administrator_client, administrator, trajectory_a, municipality_b
):
    assert trajectory_a.municipality.name_nl in _list(administrator_client)
    assert municipality_b.name_nl not in _list(administrator_client)  # from the cache
    Trajectory.objects.create(municipality=municipality_b)
    assert municipality_b.name_nl in _list(administrator_client)
    before = _list(administrator_client)
    edge = next(iter(Trajectory.TRANSITIONS[trajectory_a.phase]))
    services.trajectory_change_phase(
        trajectory=trajectory_a,
        phase=edge,
        started_on=timezone.localdate(),
        reason="Test",
        by=administrator,
    )
    assert _list(administrator_client) != before


def test_each_user_sees_their_own_list(
    administrator_client, official_a_client, trajectory_a, trajectory_b
):
    name_b = trajectory_b.municipality.name_nl
    assert name_b in _list(administrator_client)
    assert name_b not in _list(official_a_client)
    assert name_b in _list(administrator_client)


def test_filters_are_cached_apart(administrator_client, trajectory_a, trajectory_b):
    name_a, name_b = trajectory_a.municipality.name_nl, trajectory_b.municipality.name_nl
    assert name_b in _list(administrator_client)
    filtered = _list(administrator_client, f"?municipality={name_a}")
    assert name_a in filtered
    assert name_b not in filtered
    assert name_b in _list(administrator_client)
