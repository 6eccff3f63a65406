"""Whose file a user reaches: an administrator every worker's, a coordinator those placed (ever)
in a municipality they coordinate and those not placed anywhere yet, an official nobody's."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from plus_portal.models import User
from staffing.models import Placement, Worker
from tests.factories import UserFactory
from tests.staffing.factories import (
    AvailabilityFactory,
    PlacementFactory,
    PlacementSlotFactory,
    WorkerFactory,
)

D = datetime.date
TODAY = D(2026, 10, 5)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def lone_coordinator(db):
    """An IN-Z coordinator with no membership at all."""
    return UserFactory(username="coordinator_lone", role=User.Role.COORDINATOR)


def _client(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _place(worker, trajectory, place, **fields):
    placement = PlacementFactory(
        worker=worker, trajectory=trajectory, central_site_name=place, **fields
    )
    PlacementSlotFactory(placement=placement)
    return placement


@pytest.fixture
def staff(trajectory_a, trajectory_b):
    """Workers of A, of B, of both, formerly of A, and of nowhere yet."""
    workers = {
        "a": WorkerFactory(first_name="Anna", last_name="Aerts"),
        "b": WorkerFactory(first_name="Bart", last_name="Bosmans"),
        "ab": WorkerFactory(first_name="Chris", last_name="Claes"),
        "former": WorkerFactory(first_name="Dirk", last_name="Dewit"),
        "new": WorkerFactory(first_name="Eva", last_name="Engels"),
    }
    _place(workers["a"], trajectory_a, "Sporthal Sint-Truiden")
    _place(workers["b"], trajectory_b, "Sporthal Tienen")
    _place(workers["ab"], trajectory_a, "Jeugdhuis Sint-Truiden")
    _place(workers["ab"], trajectory_b, "Jeugdhuis Tienen", hours_per_week=Decimal("5"))
    _place(
        workers["former"],
        trajectory_a,
        "Oude opvang Sint-Truiden",
        starts_on=D(2025, 1, 1),
        ends_on=D(2025, 6, 30),
    )
    return workers


def _listed(client) -> set[str]:
    response = client.get(reverse("staffing:list"))
    assert response.status_code == 200
    return {str(row.worker) for row in response.context["rows"]}


EVERYONE = {"Anna Aerts", "Bart Bosmans", "Chris Claes", "Dirk Dewit", "Eva Engels"}
OF_A = {"Anna Aerts", "Chris Claes", "Dirk Dewit", "Eva Engels"}


def test_visible_to_per_persona(
    staff, administrator, coordinator, lone_coordinator, official_a, official_b
):
    def names(user):
        return {str(w) for w in Worker.objects.visible_to(user)}

    assert names(administrator) == EVERYONE
    assert names(coordinator) == OF_A
    assert names(lone_coordinator) == {"Eva Engels"}
    assert names(official_a) == set()
    assert names(official_b) == set()


def test_a_worker_placed_many_times_comes_once(coordinator, trajectory_a, staff):
    for _ in range(3):
        _place(staff["a"], trajectory_a, "Nog een sporthal", starts_on=D(2027, 9, 1), ends_on=None)
    visible = Worker.objects.visible_to(coordinator)
    assert visible.count() == len(OF_A)
    assert list(visible).count(staff["a"]) == 1


def test_editable_by_follows_the_same_rule(
    staff, administrator, coordinator, lone_coordinator, official_a
):
    for key, worker in staff.items():
        assert worker.editable_by(administrator), key
        assert worker.editable_by(coordinator) == (key != "b"), key
        assert worker.editable_by(lone_coordinator) == (key == "new"), key
        assert not worker.editable_by(official_a), key


def test_administrator_lists_and_opens_every_worker(client, administrator, staff):
    _client(client, administrator)
    assert _listed(client) == EVERYONE
    for worker in staff.values():
        assert client.get(reverse("staffing:worker", args=[worker.pk])).status_code == 200
        assert client.get(reverse("staffing:worker_update", args=[worker.pk])).status_code == 200


def test_coordinator_lists_and_opens_the_workers_of_their_municipalities(
    client, coordinator, staff
):
    _client(client, coordinator)
    response = client.get(reverse("staffing:list"))
    assert {str(row.worker) for row in response.context["rows"]} == OF_A
    assert "Bart Bosmans" not in response.text
    for key, worker in staff.items():
        expected = 404 if key == "b" else 200
        detail = client.get(reverse("staffing:worker", args=[worker.pk]))
        assert detail.status_code == expected, key
        edit = client.get(reverse("staffing:worker_update", args=[worker.pk]))
        assert edit.status_code == expected, key


def test_coordinator_sees_only_the_placements_in_their_municipalities(client, coordinator, staff):
    _client(client, coordinator)
    listing = client.get(reverse("staffing:list")).text
    assert "Jeugdhuis Sint-Truiden" in listing
    assert "Jeugdhuis Tienen" not in listing
    assert "Tienen" not in listing
    detail = client.get(reverse("staffing:worker", args=[staff["ab"].pk])).text
    assert "Jeugdhuis Sint-Truiden" in detail
    assert "Jeugdhuis Tienen" not in detail
    assert "Tienen" not in detail
    former = client.get(reverse("staffing:worker", args=[staff["former"].pk])).text
    assert "Oude opvang Sint-Truiden" in former


def test_coordinator_cannot_change_a_worker_of_another_municipality(client, coordinator, staff):
    _client(client, coordinator)
    url = reverse("staffing:worker_update", args=[staff["b"].pk])
    response = client.post(url, {"first_name": "Overschreven"})
    assert response.status_code == 404
    staff["b"].refresh_from_db()
    assert staff["b"].first_name == "Bart"


def test_coordinator_without_membership_sees_only_workers_not_placed_yet(
    client, lone_coordinator, staff
):
    _client(client, lone_coordinator)
    assert _listed(client) == {"Eva Engels"}
    for key, worker in staff.items():
        expected = 200 if key == "new" else 404
        assert client.get(reverse("staffing:worker", args=[worker.pk])).status_code == expected
        edit = client.get(reverse("staffing:worker_update", args=[worker.pk]))
        assert edit.status_code == expected, key


def test_a_worker_created_by_a_coordinator_stays_reachable_until_placed(client, lone_coordinator):
    _client(client, lone_coordinator)
    response = client.post(
        reverse("staffing:worker_create"),
        {
            "first_name": "Fien",
            "last_name": "Franssen",
            "function": Worker.Function.BRIDGE_FIGURE,
            "languages": ["nl"],
            "regime": Worker.Regime.IMW,
            "contract_starts_on": "2026-09-01",
            "hours_per_week": "24",
            "trajectory_starts_on": "2026-09-01",
        },
    )
    worker = Worker.objects.get(last_name="Franssen")
    assert response.status_code == 302
    assert client.get(reverse("staffing:worker", args=[worker.pk])).status_code == 200


@pytest.mark.parametrize("official", ["official_a", "official_b"])
def test_officials_reach_no_worker_file(client, request, official, staff):
    _client(client, request.getfixturevalue(official))
    assert client.get(reverse("staffing:list")).status_code == 404
    assert client.get(reverse("staffing:alerts")).status_code == 404
    for worker in staff.values():
        assert client.get(reverse("staffing:worker", args=[worker.pk])).status_code == 404
        assert client.get(reverse("staffing:worker_update", args=[worker.pk])).status_code == 404


def test_filtering_on_a_municipality_not_coordinated_shows_nothing_of_it(
    client, coordinator, municipality_b, staff
):
    _client(client, coordinator)
    response = client.get(reverse("staffing:list"), {"municipality": municipality_b.pk})
    assert response.status_code == 400
    assert response.context["rows"] == []
    for secret in ("Tienen", "Bart Bosmans", "Chris Claes", "Sporthal Tienen"):
        assert secret not in response.text, secret


def test_filtering_on_a_coordinated_municipality(client, coordinator, municipality_a, staff):
    _client(client, coordinator)
    response = client.get(reverse("staffing:list"), {"municipality": municipality_a.pk})
    assert response.status_code == 200
    assert {str(row.worker) for row in response.context["rows"]} == {
        "Anna Aerts",
        "Chris Claes",
        "Dirk Dewit",
    }


def test_administrator_filters_on_any_municipality(client, administrator, municipality_b, staff):
    _client(client, administrator)
    response = client.get(reverse("staffing:list"), {"municipality": municipality_b.pk})
    assert {str(row.worker) for row in response.context["rows"]} == {
        "Bart Bosmans",
        "Chris Claes",
    }


def test_the_placement_form_offers_only_visible_workers(
    client, coordinator, trajectory_a, intake_a, staff
):
    _client(client, coordinator)
    url = reverse("staffing:placement_create", kwargs={"trajectory_pk": trajectory_a.pk})
    form = client.get(url).context["form"]
    assert {str(w) for w in form.fields["worker"].queryset} == OF_A
    response = client.post(
        url,
        {
            "worker": staff["b"].pk,
            "central_site_name": "Sporthal De Kei",
            "starts_on": "2026-10-05",
            "ends_on": "2027-06-30",
            "hours_per_week": "2",
            "slots-TOTAL_FORMS": "1",
            "slots-INITIAL_FORMS": "0",
            "slots-0-weekday": "1",
            "slots-0-starts_at": "15:30",
            "slots-0-ends_at": "17:00",
        },
    )
    assert response.status_code == 200
    assert "worker" in response.context["form"].errors
    assert not Placement.objects.filter(worker=staff["b"], trajectory=trajectory_a).exists()


def test_suggestions_offer_only_visible_workers(
    client, coordinator, trajectory_a, intake_a, plan_a, staff
):
    for worker in staff.values():
        AvailabilityFactory(worker=worker, weekday=0)
    _client(client, coordinator)
    url = reverse("staffing:suggestions", kwargs={"trajectory_pk": trajectory_a.pk})
    response = client.get(url, {"row": 0})
    assert response.status_code == 200
    names = {str(s.worker) for s in response.context["suggestions"]}
    assert "Eva Engels" in names
    assert "Bart Bosmans" not in names
    assert "Bart Bosmans" not in response.text
    # Chris is busy at a place in Tienen on Monday: said without naming it.
    assert "Jeugdhuis Tienen" not in response.text


def test_alerts_name_only_visible_workers(client, coordinator, administrator, staff):
    # Trajectories started in 2021 end within six months of today.
    Worker.objects.update(trajectory_starts_on=D(2021, 12, 1))
    _client(client, coordinator)
    names = {str(w) for w in client.get(reverse("staffing:alerts")).context["alerts"].ending}
    assert names == OF_A
    _client(client, administrator)
    names = {str(w) for w in client.get(reverse("staffing:alerts")).context["alerts"].ending}
    assert names == EVERYONE
