from django.urls import reverse

from municipalities.models import Membership
from tests.factories import TrajectoryFactory


def test_list_runs_a_fixed_number_of_queries(
    coordinator, coordinator_client, django_assert_max_num_queries
):
    for trajectory in TrajectoryFactory.create_batch(60):
        Membership.objects.create(user=coordinator, municipality=trajectory.municipality)
    with django_assert_max_num_queries(6):
        response = coordinator_client.get(reverse("municipalities:trajectory_list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 60


def test_list_filters_by_phase(administrator_client, trajectory_a, trajectory_b):
    trajectory_b.phase = trajectory_b.Phase.SWOT
    trajectory_b.save(update_fields=["phase"])
    response = administrator_client.get(
        reverse("municipalities:trajectory_list"), {"phase": "swot"}
    )
    assert "Tienen" in response.text
    assert "Sint-Truiden" not in response.text
