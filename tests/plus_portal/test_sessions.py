"""A session ends after SESSION_IDLE_HOURS without a request, and when the browser closes."""

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import TEST_PASSWORD

MONDAY_9AM = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _log_in(client) -> None:
    response = client.post(reverse("login"), {"username": "official_a", "password": TEST_PASSWORD})
    assert response.status_code == 302


def _inbox(client):
    return client.get(reverse("inbox"))


def test_a_session_idle_longer_than_the_limit_is_sent_to_login(
    anonymous_client, settings, official_a
):
    with time_machine.travel(MONDAY_9AM, tick=False) as clock:
        _log_in(anonymous_client)
        assert _inbox(anonymous_client).status_code == 200

        clock.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        response = _inbox(anonymous_client)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_each_request_restarts_the_idle_time(anonymous_client, settings, official_a):
    almost_idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    with time_machine.travel(MONDAY_9AM, tick=False) as clock:
        _log_in(anonymous_client)
        for _working_day in range(3):
            clock.shift(almost_idle)
            assert _inbox(anonymous_client).status_code == 200


def test_the_session_cookie_ends_with_the_browser(anonymous_client, official_a):
    response = anonymous_client.post(
        reverse("login"), {"username": "official_a", "password": TEST_PASSWORD}
    )

    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_a_request_soon_after_the_last_one_writes_nothing(anonymous_client, official_a):
    with time_machine.travel(MONDAY_9AM, tick=False) as clock:
        _log_in(anonymous_client)
        clock.shift(datetime.timedelta(minutes=4))
        with CaptureQueriesContext(connection) as queries:
            assert _inbox(anonymous_client).status_code == 200

    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert not [sql for sql in writes if "django_session" in sql]
