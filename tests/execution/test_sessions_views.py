"""The session calendars, a session's page, cancelling, moving and generating again."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from execution.models import Session, StaffPresence
from tests.execution.factories import AttendanceFactory, SessionFactory, StaffPresenceFactory
from tests.execution.test_sessions_helpers import AFTER_SCHOOL, approve, plan_with_action, sites_of
from tests.staffing.factories import PlacementFactory, WorkerFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 10, 5)


@pytest.fixture
def action(trajectory_a):
    _plan, action = plan_with_action(
        trajectory_a, sites=sites_of(trajectory_a, 2), slots=[AFTER_SCHOOL]
    )
    return action


@pytest.fixture
def session(action):
    return SessionFactory(action=action, day=MONDAY)


def _url(name, trajectory, **kwargs):
    return reverse(f"sessions:{name}", kwargs={"trajectory_pk": trajectory.pk, **kwargs})


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_week_lists_the_sessions_of_each_day(coordinator_client, trajectory_a, session):
    response = _english(coordinator_client).get(_url("week", trajectory_a), {"day": "2026-10-07"})
    assert response.status_code == 200
    assert response.context["period"]["first"] == MONDAY
    assert response.context["by_day"][MONDAY] == [session]
    assert _url("detail", trajectory_a, pk=session.pk) in response.content.decode()
    assert "?day=2026-09-28" in response.content.decode()  # previous week
    assert "?day=2026-10-12" in response.content.decode()  # next week


def test_the_site_filter_shows_that_sites_sessions_only(
    coordinator_client, trajectory_a, action, session
):
    other_site = action.sites.exclude(pk=session.site_id).get()
    SessionFactory(action=action, site=other_site, day=MONDAY)
    response = coordinator_client.get(
        _url("month", trajectory_a), {"day": "2026-10-01", "site": other_site.pk}
    )
    (shown,) = response.context["by_day"][MONDAY]
    assert shown.site == other_site


@pytest.mark.parametrize("day", ["abc", "2026-13-01", "1900-01-01"])
def test_a_day_that_is_no_date_answers_404(coordinator_client, trajectory_a, day):
    assert coordinator_client.get(_url("week", trajectory_a), {"day": day}).status_code == 404


def test_a_cancelled_session_shows_as_cancelled(coordinator_client, trajectory_a, session):
    Session.objects.filter(pk=session.pk).update(status="cancelled", change_reason="Staking")
    response = _english(coordinator_client).get(_url("month", trajectory_a), {"day": "2026-10-05"})
    assert "Cancelled" in response.content.decode()
    page = _english(coordinator_client).get(_url("detail", trajectory_a, pk=session.pk))
    assert "needs no attendance" in page.content.decode()


def _month_queries(client, trajectory) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url("month", trajectory), {"day": "2026-10-01"})
    assert response.status_code == 200
    return len(queries.captured_queries), response


def _sessions_in_october(action, count: int) -> list[Session]:
    sites = list(action.sites.all())
    return Session.objects.bulk_create(
        Session(
            trajectory=action.trajectory,
            action=action,
            site=sites[n % 2],
            place_key=f"site-{sites[n % 2].pk}",
            slot="after_school",
            # A distinct planned date keeps each generation key unique.
            planned_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            day=datetime.date(2026, 10, 1 + n % 31),
            starts_at=datetime.time(15, 30),
            ends_at=datetime.time(18, 0),
        )
        for n in range(count)
    )


def test_the_month_runs_as_many_queries_for_2000_sessions_as_for_10(
    coordinator_client, trajectory_a, action
):
    worker = WorkerFactory()
    few = _sessions_in_october(action, 10)
    StaffPresence.objects.bulk_create(StaffPresence(session=one, worker=worker) for one in few)
    AttendanceFactory(session=few[0])
    _month_queries(coordinator_client, trajectory_a)  # the session and language settle
    small, _response = _month_queries(coordinator_client, trajectory_a)

    Session.objects.filter(pk__in=[one.pk for one in few]).delete()
    many = _sessions_in_october(action, 2000)
    StaffPresence.objects.bulk_create(StaffPresence(session=one, worker=worker) for one in many)
    for one in many[:300]:
        AttendanceFactory(session=one)
    large, response = _month_queries(coordinator_client, trajectory_a)
    assert response.context["count"] == 2000
    assert large == small


def test_the_worker_calendar_shows_their_sessions(
    coordinator_client, official_a_client, trajectory_a, action, session
):
    worker = WorkerFactory(first_name="Ahmed", last_name="Benali")
    PlacementFactory(worker=worker, trajectory=trajectory_a)
    StaffPresenceFactory(session=session, worker=worker)
    SessionFactory(action=action, day=MONDAY + datetime.timedelta(days=1))
    url = _url("worker_week", trajectory_a, pk=worker.pk)
    response = coordinator_client.get(url, {"day": "2026-10-05"})
    assert response.context["count"] == 1
    assert "Ahmed Benali" in response.content.decode()
    official = official_a_client.get(url, {"day": "2026-10-05"})
    assert official.status_code == 200
    assert "Ahmed" in official.content.decode()
    assert "Benali" not in official.content.decode()


def test_a_worker_of_another_municipality_answers_404(
    coordinator_client, trajectory_a, trajectory_b
):
    worker = WorkerFactory()
    PlacementFactory(worker=worker, trajectory=trajectory_b)
    url = _url("worker_week", trajectory_a, pk=worker.pk)
    assert coordinator_client.get(url).status_code == 404


def test_the_session_page_says_what_where_when_and_who(
    coordinator_client, official_a_client, trajectory_a, session
):
    worker = WorkerFactory(first_name="Sara", last_name="Zwartenbroek")
    StaffPresenceFactory(session=session, worker=worker)
    AttendanceFactory(session=session, children_5_10=11, vulnerable_5_10=4)
    response = _english(coordinator_client).get(_url("detail", trajectory_a, pk=session.pk))
    text = response.content.decode()
    assert session.action.title in text
    assert str(session.site) in text
    assert "Sara Zwartenbroek" in text
    assert ">11<" in text
    assert ">4<" in text
    official = official_a_client.get(_url("detail", trajectory_a, pk=session.pk)).content.decode()
    assert "Sara" in official
    assert "Zwartenbroek" not in official


def test_a_session_of_another_municipality_answers_404(
    coordinator_client, official_b_client, trajectory_a, trajectory_b, session
):
    assert coordinator_client.get(_url("detail", trajectory_b, pk=session.pk)).status_code == 404
    assert official_b_client.get(_url("detail", trajectory_a, pk=session.pk)).status_code == 404


def test_a_coordinator_cancels_a_session_with_a_reason(coordinator_client, trajectory_a, session):
    url = _url("cancel", trajectory_a, pk=session.pk)
    assert coordinator_client.post(url, {"reason": " "}).status_code == 200
    response = coordinator_client.post(url, {"reason": "Staking"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.change_reason) == ("cancelled", "Staking")
    assert session.history.first().history_user.username == "coordinator"


def test_a_coordinator_moves_a_session(coordinator_client, trajectory_a, session):
    url = _url("move", trajectory_a, pk=session.pk)
    response = coordinator_client.post(
        url,
        {"day": "2026-10-07", "starts_at": "13:00", "ends_at": "16:00", "reason": "Schoolfeest"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.day, session.planned_on) == (datetime.date(2026, 10, 7), MONDAY)
    assert session.starts_at == datetime.time(13)


def test_a_move_that_ends_before_it_starts_is_refused(coordinator_client, trajectory_a, session):
    url = _url("move", trajectory_a, pk=session.pk)
    response = coordinator_client.post(
        url, {"day": "2026-10-07", "starts_at": "16:00", "ends_at": "13:00", "reason": "Feest"}
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.day == MONDAY


def test_a_session_with_attendance_is_neither_cancelled_nor_moved(
    coordinator_client, trajectory_a, session
):
    AttendanceFactory(session=session)
    url = _url("cancel", trajectory_a, pk=session.pk)
    assert coordinator_client.post(url, {"reason": "Staking"}).status_code == 403


def test_officials_read_and_change_nothing(official_a_client, trajectory_a, session):
    assert official_a_client.get(_url("week", trajectory_a)).status_code == 200
    assert official_a_client.get(_url("detail", trajectory_a, pk=session.pk)).status_code == 200
    for name in ("cancel", "move"):
        url = _url(name, trajectory_a, pk=session.pk)
        assert official_a_client.post(url, {"reason": "x", "day": "2026-10-07"}).status_code == 403
    assert official_a_client.post(_url("regenerate", trajectory_a)).status_code == 403
    session.refresh_from_db()
    assert session.status == "planned"
    assert session.day == MONDAY


def test_the_regenerate_button_generates_the_plan_in_force(
    coordinator_client, trajectory_a, action
):
    approve(action.action_plan.objective.plan)
    response = coordinator_client.post(_url("regenerate", trajectory_a))
    assert response.status_code == 302
    assert Session.objects.filter(action=action).count() > 100


def test_the_session_page_shows_who_moved_it_and_why(coordinator_client, trajectory_a, session):
    coordinator_client.post(
        _url("move", trajectory_a, pk=session.pk),
        {"day": "2026-10-07", "starts_at": "13:00", "ends_at": "16:00", "reason": "Schoolfeest"},
    )
    response = _english(coordinator_client).get(_url("detail", trajectory_a, pk=session.pk))
    entries = response.context["history"]
    assert entries[0].who.username == "coordinator"
    assert "Schoolfeest" in response.content.decode()
