"""The staff list keeps its rendered table in the cache by a key of the data it reads: a new
worker or placement shows on the next view, and each user sees only their own list."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.staffing.factories import PlacementFactory, WorkerFactory

pytestmark = pytest.mark.usefixtures("local_cache")


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC), tick=False):
        yield


def _list(client, query="") -> str:
    response = client.get(reverse("staffing:list") + query)
    assert response.status_code == 200
    return response.text


def test_a_new_worker_and_a_placement_show_on_the_next_view(administrator_client, trajectory_a):
    worker = WorkerFactory(first_name="Ilse", last_name="Vandenbroucke")
    assert "Vandenbroucke" in _list(administrator_client)
    assert "Centrale opvang" not in _list(administrator_client)  # from the cache
    PlacementFactory(worker=worker, trajectory=trajectory_a)
    assert "Centrale opvang" in _list(administrator_client)
    worker.last_name = "Vandenbroucke-Peeters"
    worker.save()
    assert "Vandenbroucke-Peeters" in _list(administrator_client)


def test_each_coordinator_sees_their_own_list(
    administrator_client, coordinator_b, trajectory_a, trajectory_b
):
    PlacementFactory(worker=WorkerFactory(last_name="Alleenina"), trajectory=trajectory_a)
    assert "Alleenina" in _list(administrator_client)
    client_b = Client()
    client_b.force_login(coordinator_b)
    assert "Alleenina" not in _list(client_b)
    assert "Alleenina" in _list(administrator_client)


def test_filters_and_pages_are_cached_apart(administrator_client):
    WorkerFactory(last_name="Begeleider", function="other")
    assert "Begeleider" in _list(administrator_client)
    assert "Begeleider" not in _list(administrator_client, "?function=bridge_figure")
    assert "Begeleider" in _list(administrator_client)


def _chosen(page: str, name: str) -> str:
    select = page[page.index(f'name="{name}"') :]
    select = select[: select.index("</select>")]
    return select.split(" selected>")[0].rsplit('value="', 1)[1].split('"')[0]


def test_the_filter_form_shows_the_choice_and_the_municipalities_of_now(
    coordinator_client, coordinator, trajectory_a, trajectory_b
):
    assert _chosen(_list(coordinator_client, "?function=bridge_figure"), "function") == (
        "bridge_figure"
    )
    assert _chosen(_list(coordinator_client), "function") == ""
    assert "Tienen" not in _list(coordinator_client)
    coordinator.memberships.create(municipality=trajectory_b.municipality)
    assert "Tienen" in _list(coordinator_client)


def test_invalid_filters_show_their_own_errors(coordinator_client):
    for query in ("?municipality=999999", "?function=nonsense"):
        response = coordinator_client.get(reverse("staffing:list") + query)
        assert response.status_code == 400
        assert "aria-invalid" in response.text
    assert "aria-invalid" not in _list(coordinator_client)


def test_a_cached_view_reads_no_worker_and_no_municipality(
    coordinator_client, trajectory_a, django_assert_num_queries
):
    WorkerFactory(last_name="Begeleider")
    _list(coordinator_client)
    # session, user, the state of the staff's data
    with django_assert_num_queries(3) as queries:
        _list(coordinator_client)
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert '"staffing_worker"' not in tables
    assert 'FROM "municipalities_municipality"' not in tables
