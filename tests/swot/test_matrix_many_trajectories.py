"""The SWOT matrix runs the same queries for a coordinator of 2 municipalities as of 55."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.models import Membership
from swot.models import Strategy, SwotItem
from tests.swot.factories import SwotItemFactory


def _swots(count: int, coordinator):
    items = SwotItemFactory.create_batch(count)
    for item in items:
        Membership.objects.create(user=coordinator, municipality=item.trajectory.municipality)
    return items


def _queries(client, trajectory) -> int:
    url = reverse("swot:matrix", kwargs={"trajectory_pk": trajectory.pk})
    client.get(url)  # the first view counts the suggestions; later ones reuse the count
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_matrix_runs_a_fixed_number_of_queries_at_55_trajectories(
    coordinator, coordinator_client, django_assert_max_num_queries
):
    ContentType.objects.get_for_models(SwotItem, Strategy)
    first = _swots(2, coordinator)[0]
    few = _queries(coordinator_client, first.trajectory)

    _swots(53, coordinator)
    assert _queries(coordinator_client, first.trajectory) == few
    # Uncached: the two state queries of swot.matrix (data_state, intake_state) come on top.
    with django_assert_max_num_queries(16):
        coordinator_client.get(
            reverse("swot:matrix", kwargs={"trajectory_pk": first.trajectory.pk})
        )
