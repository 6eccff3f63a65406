"""Calendar feeds: a secret, revocable address per site and per worker, first names only."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from execution.models import CalendarFeed, Session
from tests.execution.factories import SessionFactory, StaffPresenceFactory
from tests.execution.test_sessions_helpers import AFTER_SCHOOL, plan_with_action, sites_of
from tests.staffing.factories import PlacementFactory, WorkerFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture
def action(trajectory_a):
    _plan, action = plan_with_action(
        trajectory_a, sites=sites_of(trajectory_a, 2), slots=[AFTER_SCHOOL]
    )
    return action


@pytest.fixture
def worker(trajectory_a):
    worker = WorkerFactory(first_name="Ahmed", last_name="Benali", email="ahmed@example.be")
    PlacementFactory(worker=worker, trajectory=trajectory_a)
    return worker


def _feed_url(feed: CalendarFeed) -> str:
    return reverse("feeds:feed", kwargs={"token": feed.token})


def _events(response) -> list:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


@time_machine.travel(TODAY, tick=False)
def test_a_site_feed_is_valid_ical_with_first_names_only(trajectory_a, action, worker):
    session = SessionFactory(action=action, day=datetime.date(2026, 10, 5))
    SessionFactory(action=action, site=action.sites.last(), day=datetime.date(2026, 10, 5))
    StaffPresenceFactory(session=session, worker=worker)
    feed = CalendarFeed.objects.create(trajectory=trajectory_a, site=session.site)
    response = Client().get(_feed_url(feed))
    assert response.status_code == 200
    (event,) = _events(response)
    assert event["uid"] == f"plus-session-{session.pk}@plus-portal"
    assert event.decoded("dtstart") == datetime.datetime(
        2026, 10, 5, 15, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    assert "Ahmed" in str(event["description"])
    (zone,) = Calendar.from_ical(response.content).walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/Brussels"
    text = response.content.decode()
    assert "Benali" not in text
    assert "ahmed@example.be" not in text
    assert session.action.owner not in text


@time_machine.travel(TODAY, tick=False)
def test_a_worker_feed_holds_the_workers_sessions(trajectory_a, action, worker):
    theirs = SessionFactory(action=action, day=datetime.date(2026, 10, 5))
    SessionFactory(action=action, day=datetime.date(2026, 10, 6))
    StaffPresenceFactory(session=theirs, worker=worker)
    feed = CalendarFeed.objects.create(trajectory=trajectory_a, worker=worker)
    (event,) = _events(Client().get(_feed_url(feed)))
    assert event["uid"] == f"plus-session-{theirs.pk}@plus-portal"


@time_machine.travel(TODAY, tick=False)
def test_a_cancelled_session_is_a_cancelled_event(trajectory_a, action):
    SessionFactory(action=action, status="cancelled", change_reason="Staking")
    feed = CalendarFeed.objects.create(trajectory=trajectory_a)
    (event,) = _events(Client().get(_feed_url(feed)))
    assert event["status"] == "CANCELLED"


@time_machine.travel(TODAY, tick=False)
def test_an_all_day_session_is_an_all_day_event(trajectory_a, action):
    SessionFactory(action=action, slot="school_free_days", starts_at=None, ends_at=None)
    feed = CalendarFeed.objects.create(trajectory=trajectory_a)
    (event,) = _events(Client().get(_feed_url(feed)))
    assert event.decoded("dtstart") == datetime.date(2026, 10, 5)


def test_a_revoked_or_unknown_feed_answers_404(trajectory_a, action):
    feed = CalendarFeed.objects.create(trajectory=trajectory_a)
    feed.revoked_at = datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)
    feed.save()
    assert Client().get(_feed_url(feed)).status_code == 404
    assert Client().get(reverse("feeds:feed", kwargs={"token": "nothing"})).status_code == 404


def test_coordinators_make_and_revoke_feeds(coordinator_client, trajectory_a, worker):
    url = reverse("sessions:feeds", kwargs={"trajectory_pk": trajectory_a.pk})
    assert coordinator_client.get(url).status_code == 200
    assert coordinator_client.post(url, {"subject": f"worker-{worker.pk}"}).status_code == 302
    feed = CalendarFeed.objects.get()
    assert feed.worker == worker
    assert len(feed.token) >= 40
    page = coordinator_client.get(url).content.decode()
    assert _feed_url(feed) in page
    revoke = reverse(
        "sessions:feed_revoke", kwargs={"trajectory_pk": trajectory_a.pk, "pk": feed.pk}
    )
    assert coordinator_client.post(revoke).status_code == 302
    feed.refresh_from_db()
    assert feed.is_revoked
    assert feed.history.first().history_user.username == "coordinator"
    assert Client().get(_feed_url(feed)).status_code == 404


def test_officials_neither_see_nor_make_feed_addresses(official_a_client, trajectory_a):
    feed = CalendarFeed.objects.create(trajectory=trajectory_a)
    url = reverse("sessions:feeds", kwargs={"trajectory_pk": trajectory_a.pk})
    assert official_a_client.get(url).status_code == 403
    assert official_a_client.post(url, {"subject": "all"}).status_code == 403
    revoke = reverse(
        "sessions:feed_revoke", kwargs={"trajectory_pk": trajectory_a.pk, "pk": feed.pk}
    )
    assert official_a_client.post(revoke).status_code == 403
    feed.refresh_from_db()
    assert not feed.is_revoked


def test_a_feed_of_another_municipality_cannot_be_revoked(coordinator_client, trajectory_b):
    feed = CalendarFeed.objects.create(trajectory=trajectory_b)
    revoke = reverse(
        "sessions:feed_revoke", kwargs={"trajectory_pk": trajectory_b.pk, "pk": feed.pk}
    )
    assert coordinator_client.post(revoke).status_code == 404
    assert Session.objects.count() == 0
