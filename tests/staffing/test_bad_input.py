"""Junk in a query string or a form never breaks a staffing page: the answer is 400 or 404, or
the form again with what is wrong, for every role."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from staffing.models import Placement, Worker
from tests.staffing.factories import PlacementFactory, PlacementSlotFactory, WorkerFactory

HUGE = "9" * 30


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def ahmed(trajectory_a, intake_a, plan_a):
    worker = WorkerFactory(first_name="Ahmed", last_name="Benali")
    placement = PlacementFactory(
        worker=worker, trajectory=trajectory_a, site=intake_a["site"], central_site_name=""
    )
    PlacementSlotFactory(placement=placement, weekday=0)
    return worker


def _as(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


# Query strings -------------------------------------------------------------------------------

LIST_JUNK = [
    {"municipality": "abc"},
    {"municipality": HUGE},
    {"municipality": "-1"},
    {"municipality": "1.5"},
    {"function": "<script>alert(1)</script>"},
    {"regime": "'; DROP TABLE staffing_worker; --"},
    {"regime": "lde\x00"},
]


@pytest.mark.parametrize("query", LIST_JUNK)
def test_a_junk_filter_on_the_staff_list_is_refused_with_the_reason(coordinator, ahmed, query):
    response = _as(coordinator).get(reverse("staffing:list"), query)
    assert response.status_code == 400
    assert "These filters cannot be applied" in response.text
    assert response.context["rows"] == []


def test_other_odd_values_on_the_staff_list_are_harmless(coordinator, ahmed):
    client = _as(coordinator)
    for query in ({"worker": "abc"}, {"ending_soon": "maybe", "pop_due": HUGE}, {"page": "x"}):
        assert client.get(reverse("staffing:list"), query).status_code == 200, query


def _trajectory_urls(trajectory):
    def url(name, **kwargs):
        return reverse(f"staffing:{name}", kwargs={"trajectory_pk": trajectory.pk, **kwargs})

    return url


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("suggestions", {}),
        ("suggestions", {"row": "abc"}),
        ("suggestions", {"row": "-1"}),
        ("suggestions", {"row": HUGE}),
        ("placement_create", {"row": "abc"}),
        ("placement_create", {"row": "0", "worker": "abc"}),
        ("placement_create", {"row": "0", "worker": HUGE}),
        ("placement_create", {"row": "0", "worker": "-3"}),
    ],
)
def test_junk_in_the_query_of_a_municipality_page_is_404(
    coordinator, trajectory_a, ahmed, name, query
):
    url = _trajectory_urls(trajectory_a)(name)
    assert _as(coordinator).get(url, query).status_code == 404


def test_a_suggested_worker_the_coordinator_may_not_see_is_404(
    coordinator, trajectory_a, trajectory_b, ahmed
):
    outsider = WorkerFactory(first_name="Bart", last_name="Bosmans")
    PlacementSlotFactory(placement=PlacementFactory(worker=outsider, trajectory=trajectory_b))
    url = _trajectory_urls(trajectory_a)("placement_create")
    response = _as(coordinator).get(url, {"row": "0", "worker": outsider.pk})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/staffing/workers/0/",
        f"/staffing/workers/{HUGE}/",
        f"/staffing/workers/{HUGE}/edit/",
        f"/staffing/municipality/{HUGE}/",
        "/staffing/municipality/1/placements/0/",
        f"/staffing/municipality/1/placements/{HUGE}/",
    ],
)
def test_ids_that_name_nothing_are_404(coordinator, ahmed, url):
    assert _as(coordinator).get(url).status_code == 404


# The placement form --------------------------------------------------------------------------


def _placement_data(ahmed, **changes):
    data = {
        "worker": str(ahmed.pk),
        "central_site_name": "Sporthal De Kei",
        "starts_on": "2026-10-05",
        "ends_on": "2027-06-30",
        "hours_per_week": "2",
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "1",
        "slots-MAX_NUM_FORMS": "1000",
        "slots-0-weekday": "1",
        "slots-0-holiday_period": "",
        "slots-0-starts_at": "15:30",
        "slots-0-ends_at": "17:00",
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def test_the_placement_data_used_below_is_saved_as_it_is(coordinator, trajectory_a, ahmed):
    url = _trajectory_urls(trajectory_a)("placement_create")
    response = _as(coordinator).post(url, _placement_data(ahmed))
    assert response.status_code == 302
    assert Placement.objects.filter(worker=ahmed, central_site_name="Sporthal De Kei").exists()


PLACEMENT_JUNK = {
    "worker not a number": {"worker": "abc"},
    "worker too large": {"worker": HUGE},
    "worker too small": {"worker": f"-{HUGE}"},
    "worker missing": {"worker": None},
    "site not a number": {"site": "abc"},
    "site of nowhere": {"site": "987654"},
    "action not a number": {"actions": "abc"},
    "action too large": {"actions": HUGE},
    "action too large with a sign": {"actions": f"+{HUGE}"},
    "start not a date": {"starts_on": "31/02/2026"},
    "start in year 0": {"starts_on": "0000-01-01"},
    "start far ahead": {"starts_on": "9999-12-31", "ends_on": "9999-12-31"},
    "hours not a number": {"hours_per_week": "NaN"},
    "hours too many": {"hours_per_week": "1e9"},
    "no management form": {
        "slots-TOTAL_FORMS": None,
        "slots-INITIAL_FORMS": None,
    },
    "slot count not a number": {"slots-TOTAL_FORMS": "abc"},
    "slot count negative": {"slots-TOTAL_FORMS": "-1"},
    "slot count huge": {"slots-TOTAL_FORMS": HUGE},
    "initial slots that do not exist": {"slots-INITIAL_FORMS": "1", "slots-0-id": "abc"},
    "initial slot of nowhere": {"slots-INITIAL_FORMS": "1", "slots-0-id": "987654"},
    "weekday not a number": {"slots-0-weekday": "abc"},
    "weekday out of range": {"slots-0-weekday": "9"},
    "holiday period junk": {"slots-0-weekday": "", "slots-0-holiday_period": "<b>"},
    "weekday and holiday": {"slots-0-holiday_period": "summer"},
    "time not a time": {"slots-0-starts_at": "25:99"},
    "slot ends before it starts": {"slots-0-ends_at": "14:00"},
    "delete flag junk": {"slots-0-DELETE": "maybe"},
}


@pytest.mark.parametrize("changes", PLACEMENT_JUNK.values(), ids=PLACEMENT_JUNK.keys())
def test_junk_in_the_placement_form_shows_the_form_again(coordinator, trajectory_a, ahmed, changes):
    before = Placement.objects.count()
    url = _trajectory_urls(trajectory_a)("placement_create")
    response = _as(coordinator).post(url, _placement_data(ahmed, **changes))
    assert response.status_code == 200
    form, formset = response.context["form"], response.context["formset"]
    assert form.errors or not formset.is_valid()
    assert Placement.objects.count() == before


def test_junk_when_editing_a_placement_shows_the_form_again(coordinator, trajectory_a, ahmed):
    placement = ahmed.placements.get()
    url = _trajectory_urls(trajectory_a)("placement_update", pk=placement.pk)
    data = _placement_data(ahmed, **{"worker": "abc", "slots-INITIAL_FORMS": "1"})
    data["slots-0-id"] = "abc"
    response = _as(coordinator).post(url, data)
    assert response.status_code == 200
    placement.refresh_from_db()
    assert placement.worker == ahmed


def test_an_empty_post_shows_what_is_missing(coordinator, trajectory_a, ahmed):
    url = _trajectory_urls(trajectory_a)("placement_create")
    response = _as(coordinator).post(url, {})
    assert response.status_code == 200
    assert response.context["form"].errors


# The worker form -----------------------------------------------------------------------------


def _worker_data(**changes):
    data = {
        "first_name": "Fien",
        "last_name": "Franssen",
        "function": Worker.Function.BRIDGE_FIGURE,
        "languages": ["nl"],
        "regime": Worker.Regime.IMW,
        "contract_starts_on": "2026-09-01",
        "hours_per_week": "24",
        "trajectory_starts_on": "2026-09-01",
    }
    data.update(changes)
    return data


WORKER_JUNK = {
    "function junk": {"function": "boss"},
    "language junk": {"languages": ["nl", "klingon"]},
    "age group junk": {"age_group_experience": ["0-99"]},
    "home municipality not a number": {"home_municipality": "abc"},
    "home municipality too large": {"home_municipality": HUGE},
    "hours junk": {"hours_per_week": "Infinity"},
    "trajectory far ahead": {"trajectory_starts_on": "9999-01-01"},
    "contract not a date": {"contract_starts_on": "2026-13-01"},
    "extension without a reason": {"extended_to_six_years": "on"},
}


@pytest.mark.parametrize("changes", WORKER_JUNK.values(), ids=WORKER_JUNK.keys())
def test_junk_in_the_worker_form_shows_the_form_again(coordinator, changes):
    response = _as(coordinator).post(reverse("staffing:worker_create"), _worker_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Worker.objects.filter(last_name="Franssen").exists()


def test_a_trajectory_start_far_ahead_is_told_why(coordinator):
    response = _as(coordinator).post(
        reverse("staffing:worker_create"), _worker_data(trajectory_starts_on="9999-01-01")
    )
    assert response.context["form"].errors["trajectory_starts_on"] == [
        "A trajectory starts between 1950 and 2100."
    ]


# Officials -----------------------------------------------------------------------------------


@pytest.mark.parametrize("official", ["official_a", "official_b"])
def test_officials_meet_no_server_error_with_junk_either(request, official, trajectory_a, ahmed):
    client = _as(request.getfixturevalue(official))
    url = _trajectory_urls(trajectory_a)
    placement = ahmed.placements.get()
    expected_write = 403 if official == "official_a" else 404
    answers = {
        client.get(reverse("staffing:list"), {"municipality": "abc"}).status_code: "list",
        client.get(reverse("staffing:list"), {"regime": "junk"}).status_code: "list",
    }
    assert set(answers) == {404}
    assert client.get(url("suggestions"), {"row": "abc"}).status_code == expected_write
    assert (
        client.get(url("placement_create"), {"row": "0", "worker": "abc"}).status_code
        == expected_write
    )
    post = client.post(url("placement_create"), _placement_data(ahmed, worker="abc"))
    assert post.status_code == expected_write
    edit = client.post(url("placement_update", pk=placement.pk), {"slots-TOTAL_FORMS": "x"})
    assert edit.status_code == expected_write
    page = client.get(url("municipality"), {"row": "abc", "worker": "abc"})
    assert page.status_code == (200 if official == "official_a" else 404)
    worker = client.post(reverse("staffing:worker_create"), _worker_data(function="boss"))
    assert worker.status_code == 404
