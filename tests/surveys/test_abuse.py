"""The public survey's flood protection: counted per address and per survey in the cache only;
fast answers are kept aside in a burst for review, far too many are refused; the address
never reaches the database."""

import concurrent.futures
import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory

from surveys import abuse
from surveys.models import Burst, Response
from tests.surveys.factories import ResponseFactory, SurveyFactory

pytestmark = pytest.mark.django_db

# The start of a 15-minute (and 5-minute) window, so a test's answers share one.
START = datetime.datetime(2027, 2, 10, 9, 0, tzinfo=datetime.UTC)
ADDRESS = "198.51.100.23"


@pytest.fixture(autouse=True)
def local_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-survey-abuse",
        }
    }
    settings.PLUS_TRUSTED_PROXY_COUNT = 0
    cache.clear()
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def survey():
    return SurveyFactory()


def _request(address=ADDRESS, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/s/abc/parent/", **extra)


def answer(survey, address=ADDRESS, forwarded=None):
    """What the public view does: admit, store with the burst, tell the module it is stored."""
    request = _request(address, forwarded)
    admission = abuse.admit(request, survey)
    if not admission.allowed:
        return admission, None
    response = ResponseFactory(survey=survey, burst=admission.burst)
    abuse.stored(request, survey, response)
    return admission, response


def test_answers_under_the_threshold_are_admitted_without_a_burst(survey):
    for _ in range(abuse.BURST_AFTER):
        admission, _response = answer(survey)
        assert admission == abuse.Admission(allowed=True)
    assert not Burst.objects.exists()
    assert Response.objects.counted().count() == abuse.BURST_AFTER


def test_past_the_threshold_one_burst_takes_them_all_in(survey, local_cache):
    first = [answer(survey)[1] for _ in range(abuse.BURST_AFTER)]
    local_cache.shift(60)
    admission, ninth = answer(survey)
    assert admission.allowed
    assert admission.burst is not None
    burst = admission.burst
    assert burst.status == Burst.Status.PENDING
    local_cache.shift(60)
    tenth_admission, tenth = answer(survey)
    assert tenth_admission.burst == burst

    assert Burst.objects.count() == 1
    burst.refresh_from_db()
    # The answers before the threshold joined it too.
    assert set(burst.responses.all()) == {*first, ninth, tenth}
    assert burst.first_at == START
    assert burst.last_at == START + datetime.timedelta(seconds=120)


def test_past_the_hard_limit_the_address_is_refused_until_the_window_ends(survey, local_cache):
    for _ in range(abuse.REFUSE_AFTER):
        assert answer(survey)[0].allowed
    local_cache.shift(5 * 60)
    refused, stored = answer(survey)
    assert not refused.allowed
    assert stored is None
    assert refused.retry_after == abuse.WINDOW - 5 * 60
    assert Response.objects.count() == abuse.REFUSE_AFTER

    local_cache.shift(refused.retry_after)
    assert answer(survey)[0].allowed


def test_addresses_are_counted_apart(survey):
    for _ in range(abuse.BURST_AFTER + 1):
        answer(survey, address="198.51.100.1")
    assert answer(survey, address="198.51.100.2")[0] == abuse.Admission(allowed=True)
    for _ in range(abuse.REFUSE_AFTER):
        answer(survey, address="198.51.100.1")
    assert not answer(survey, address="198.51.100.1")[0].allowed
    # Allowed, though into the survey-wide burst the first address's many answers started.
    admission, _response = answer(survey, address="198.51.100.2")
    assert admission.allowed
    assert admission.burst.pk != Burst.objects.earliest("pk").pk


def test_surveys_are_counted_apart(survey):
    for _ in range(abuse.REFUSE_AFTER):
        answer(survey)
    assert not answer(survey)[0].allowed
    assert answer(SurveyFactory())[0] == abuse.Admission(allowed=True)


def test_an_ipv6_household_counts_as_one_address(survey):
    for host in range(abuse.BURST_AFTER):
        answer(survey, address=f"2001:db8:1:2::{host + 1:x}")
    assert answer(survey, address="2001:db8:1:2:ffff::9")[0].burst is not None
    assert answer(survey, address="2001:db8:1:3::1")[0].burst is None


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(survey):
    for index in range(abuse.REFUSE_AFTER):
        answer(survey, forwarded=f"203.0.113.{index}")
    assert not answer(survey, forwarded="203.0.113.250")[0].allowed


def test_x_forwarded_for_counts_behind_a_trusted_proxy(survey, settings):
    settings.PLUS_TRUSTED_PROXY_COUNT = 1
    for _ in range(abuse.REFUSE_AFTER):
        answer(survey, address="10.0.0.2", forwarded="203.0.113.1")
    assert not answer(survey, address="10.0.0.2", forwarded="203.0.113.1")[0].allowed
    # Another client behind the same proxy; what a client puts left of it is not believed.
    assert answer(survey, address="10.0.0.2", forwarded="203.0.113.2")[0].allowed
    assert not answer(survey, address="10.0.0.2", forwarded="9.9.9.9, 203.0.113.1")[0].allowed


def test_a_flood_from_many_addresses_is_one_survey_wide_burst(survey):
    first = [
        answer(survey, address=f"198.51.100.{index}")[1]
        for index in range(abuse.SURVEY_BURST_AFTER)
    ]
    assert not Burst.objects.exists()
    admission, next_one = answer(survey, address="203.0.113.7")
    assert admission.burst is not None
    assert set(admission.burst.responses.all()) == {*first, next_one}
    assert Response.objects.counted().count() == 0


def test_nothing_of_the_address_reaches_the_database(survey, settings):
    settings.PLUS_TRUSTED_PROXY_COUNT = 1
    for _ in range(abuse.BURST_AFTER + 2):
        answer(survey, address="10.0.0.2", forwarded=ADDRESS)
    assert Burst.objects.count() == 1
    digest = abuse.address_digest(_request("10.0.0.2", ADDRESS))
    with connection.cursor() as cursor:
        for table in ("surveys_burst", "surveys_response"):
            cursor.execute(f"SELECT * FROM {table}")
            contents = repr(cursor.fetchall())
            assert ADDRESS not in contents
            assert "198.51.100" not in contents
            assert "10.0.0.2" not in contents
            assert digest not in contents
            assert digest[:16] not in contents


def test_a_pending_burst_is_counted_once_accepted_and_not_when_discarded(survey):
    for _ in range(abuse.BURST_AFTER + 4):
        answer(survey)
    answer(survey, address="192.0.2.1")
    burst = Burst.objects.get()
    assert Response.objects.counted().count() == 1

    burst.status = Burst.Status.ACCEPTED
    burst.save()
    assert Response.objects.counted().count() == abuse.BURST_AFTER + 5

    burst.status = Burst.Status.DISCARDED
    burst.save()
    assert Response.objects.counted().count() == 1


def test_answers_after_a_review_form_a_new_burst(survey):
    for _ in range(abuse.BURST_AFTER + 1):
        answer(survey)
    reviewed = Burst.objects.get()
    reviewed.status = Burst.Status.ACCEPTED
    reviewed.save()
    admission, _late = answer(survey)
    assert admission.burst is not None
    assert admission.burst != reviewed
    assert admission.burst.status == Burst.Status.PENDING
    assert reviewed.responses.count() == abuse.BURST_AFTER + 1


def test_a_cache_that_is_down_admits_the_answer(survey, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for _ in range(abuse.REFUSE_AFTER + 1):
        admission, _response = answer(survey)
        assert admission == abuse.Admission(allowed=True)
    assert Response.objects.count() == abuse.REFUSE_AFTER + 1
    assert "answer admitted unchecked" in caplog.text


def test_concurrent_answers_each_get_their_own_number(survey):
    """add + incr: no two answers sent at the same moment are counted as one."""
    address, _everyone = abuse._scopes(_request(), survey)
    now = START.timestamp()
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        numbers = list(pool.map(lambda _: abuse._count(address, now).number, range(200)))
    assert sorted(numbers) == list(range(1, 201))
