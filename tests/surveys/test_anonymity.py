"""Anonymous by design: after answers through the public pages, nothing in the table (nor in a
session, nor in the history) tells who sent them, from where or with what."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse
from simple_history.models import registered_models

from surveys.models import Response
from tests.surveys.factories import SurveyFactory
from tests.surveys.public_helpers import form_data

ADDRESS = "203.0.113.9"
FORWARDED = "198.51.100.23"
AGENT = "Mozilla/5.0 (Linux; Android 9; Moto-G7-TESTPHONE) Chrome/120.0 Mobile"
# The columns an answer has: codes, an optional place, the day. A new column is a decision
# about anonymity, taken here on purpose.
COLUMNS = {
    "id",
    "survey_id",
    "kind",
    "language",
    "submission_key",
    "submitted_on",
    "site_id",
    "area_id",
    "postal_code",
    "age_groups",
    "moments",
    "pickup_time",
    "holidays",
    "barriers",
    "occupation",
    "interests",
    "places",
    "company",
    "free_text",
    "free_text_shown",
    "free_text_status",
    "burst_id",
}


@pytest.fixture
def survey(trajectory_a):
    return SurveyFactory(trajectory=trajectory_a)


@pytest.fixture
def answered(survey):
    """Three answers, from a phone behind a proxy, as a browser sends them."""
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_X_FORWARDED_FOR=FORWARDED)
    cookies = set()
    with time_machine.travel(datetime.datetime(2027, 2, 10, 17, 42, tzinfo=datetime.UTC)):
        for kind, answers in [
            ("parent", {"moments": ["after_school"], "free_text": "Graag opvang."}),
            ("child", {"age": "9", "places": ["outside"]}),
            ("parent", {"postal_code": "3800", "interests": ["sport"]}),
        ]:
            path = reverse(f"survey_public:{kind}", kwargs={"token": survey.token, "lang": "fr"})
            start = client.get(reverse("survey_public:start", kwargs={"token": survey.token}))
            page = client.get(path)
            sent = client.post(path, form_data(page.content.decode(), **answers), follow=True)
            assert sent.status_code == 200
            for response in (start, page, sent, *[r for r, _status in sent.redirect_chain]):
                cookies |= set(getattr(response, "cookies", {}).keys())
    assert Response.objects.count() == 3
    return cookies


def _rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM surveys_response")
        names = [column[0] for column in cursor.description]
        return names, cursor.fetchall()


def test_no_column_holds_the_address_or_the_browser(answered):
    names, rows = _rows()

    stored = " ".join(str(value) for row in rows for value in row)
    traces = (ADDRESS, FORWARDED, "203.0.113", "Moto-G7", "TESTPHONE", "Mozilla", "17:42", "18:42")
    for trace in traces:
        assert trace not in stored
    assert set(names) == COLUMNS


def test_only_the_day_is_kept(answered):
    assert set(Response.objects.values_list("submitted_on", flat=True)) == {
        datetime.date(2027, 2, 10)
    }


def test_no_session_is_made(answered):
    assert "sessionid" not in answered
    assert not Session.objects.exists()


def test_no_history_is_recorded_for_answers(answered):
    assert Response._meta.db_table not in registered_models
    assert not hasattr(Response, "history")
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert not [table for table in tables if "historical" in table and "response" in table]
