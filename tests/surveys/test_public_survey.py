"""Parents and children answer the public survey: the pages, the answer stored once, the
challenge required, the survey closed outside its period, the page light enough for a phone."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from municipalities.models import Area
from surveys import abuse
from surveys.models import Burst, Response
from tests.surveys.factories import SurveyFactory
from tests.surveys.public_helpers import form_data

# Inside the walk survey's period (1 February – 31 March 2027).
OPEN_DAY = datetime.datetime(2027, 2, 10, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def survey_period():
    with time_machine.travel(OPEN_DAY, tick=False):
        yield


@pytest.fixture
def survey(trajectory_a, intake_a):
    return SurveyFactory(trajectory=trajectory_a, name="Opvang 2027", sites=[intake_a["site"]])


def memory_cache() -> dict:
    """A cache that remembers, as production's does; its own for each test that asks."""
    location = f"public-survey-{uuid.uuid4()}"
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": location,
        }
    }


def url(name, survey, lang=None):
    kwargs = {"token": survey.token} if lang is None else {"token": survey.token, "lang": lang}
    return reverse(f"survey_public:{name}", kwargs=kwargs)


def answer(client, survey, kind="parent", lang="en", **answers):
    page = client.get(url(kind, survey, lang)).content.decode()
    return client.post(url(kind, survey, lang), form_data(page, **answers))


def test_the_start_page_offers_each_language_in_itself_and_says_what_is_kept(client, survey):
    page = client.get(url("start", survey)).content.decode()

    assert "Opvang 2027" in page
    assert "Sint-Truiden" in page
    assert '<a href="?lang=fr" lang="fr" hreflang="fr"' in page
    assert ">Français</a>" in page
    assert ">Nederlands</a>" in page
    assert 'html lang="nl-be" dir="ltr"' in page
    assert url("parent", survey, "nl-be") in page
    assert url("child", survey, "nl-be") in page

    english = client.get(url("start", survey), {"lang": "en"}).content.decode()
    assert "We do not store your IP address" in english
    assert "at least 5 answers" in english
    assert "read by a coordinator first" in english
    assert url("parent", survey, "en") in english


def test_a_parent_answers_and_the_codes_are_stored(client, survey):
    site = survey.sites.get()
    area = Area.objects.get(name="Velm")

    response = answer(
        client,
        survey,
        age_groups=["5-10", "11-15"],
        site=site.pk,
        area=area.pk,
        postal_code="3800",
        moments=["after_school", "wednesday"],
        pickup_time="17:30",
        holidays=["summer"],
        barriers=["cost", "transport"],
        occupation="both",
        interests=["sport"],
        free_text="Meer opvang op woensdag.",
    )

    assert response.status_code == 302
    assert response.url == url("thanks", survey, "en")
    stored = Response.objects.get()
    assert stored.kind == Response.Kind.PARENT
    assert stored.language == "en"
    assert stored.age_groups == ["5-10", "11-15"]
    assert (stored.site, stored.area, stored.postal_code) == (site, area, "3800")
    assert stored.moments == ["after_school", "wednesday"]
    assert stored.pickup_time == datetime.time(17, 30)
    assert stored.holidays == ["summer"]
    assert stored.barriers == ["cost", "transport"]
    assert stored.occupation == "both"
    assert stored.free_text == "Meer opvang op woensdag."
    assert stored.submitted_on == datetime.date(2027, 2, 10)
    assert stored.burst is None
    assert "Thank you!" in client.get(response.url).content.decode()


@pytest.mark.parametrize(("age", "group"), [("8", "5-10"), ("10", "5-10"), ("11", "11-15")])
def test_a_child_gives_an_age_stored_as_its_age_group(client, survey, age, group):
    response = answer(
        client, survey, kind="child", age=age, interests=["games"], places=["outside"]
    )

    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.kind, stored.age_groups) == (Response.Kind.CHILD, [group])
    assert (stored.interests, stored.places) == (["games"], ["outside"])


def test_the_child_form_is_short_with_pictograms_beside_the_words(client, survey):
    page = client.get(url("child", survey, "en")).content.decode()

    assert page.count("<fieldset") == 4
    assert '<span class="pic" aria-hidden="true">⚽</span> Sport and moving' in page
    assert 'name="age" value="8"' in page
    assert 'name="age" value="16"' not in page


def test_an_empty_answer_is_refused_with_a_summary_linking_to_the_questions(client, survey):
    response = answer(client, survey, postal_code="38")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page
    assert '<a href="#q-postal_code">A postal code has 4 digits' in page
    assert not Response.objects.exists()


def test_nothing_but_one_answer_is_required(client, survey):
    page = answer(client, survey).content.decode()

    assert '<a href="#questions">Please answer at least one question.</a>' in page
    assert answer(client, survey, interests=["reading"]).status_code == 302
    assert Response.objects.count() == 1


@pytest.mark.parametrize("payload", [None, "", "bm90IGEgcGF5bG9hZA==", "x" * 50])
def test_the_challenge_is_required(client, survey, payload):
    page = client.get(url("parent", survey, "en")).content.decode()
    data = form_data(page, interests=["sport"])
    if payload is None:
        del data["altcha"]
    else:
        data["altcha"] = payload

    response = client.post(url("parent", survey, "en"), data)

    assert response.status_code == 200
    assert "The check" in response.content.decode()
    assert not Response.objects.exists()


def test_a_challenge_solved_for_another_key_is_not_taken_twice(client, survey):
    page = client.get(url("parent", survey, "en")).content.decode()
    data = form_data(page, interests=["sport"])
    with override_settings(CACHES=memory_cache()):
        assert client.post(url("parent", survey, "en"), data).status_code == 302
        other = {**data, "submission_key": "5b0c6a3e-7d39-4f0e-9d9a-3f6d2b1c0a11"}
        assert client.post(url("parent", survey, "en"), other).status_code == 200

    assert Response.objects.count() == 1


def test_a_double_submission_is_stored_once(client, survey):
    page = client.get(url("parent", survey, "en")).content.decode()
    data = form_data(page, interests=["sport"])
    # A cache that remembers used challenges, as production has: the second copy carries a
    # used one, and must still land on the thank-you page.
    with override_settings(CACHES=memory_cache()):
        first = client.post(url("parent", survey, "en"), data)
        second = client.post(url("parent", survey, "en"), data)

    assert first.status_code == second.status_code == 302
    assert second.url == url("thanks", survey, "en")
    assert Response.objects.count() == 1


def test_the_unique_key_stores_a_racing_copy_once(survey):
    from surveys.responses import response_submit

    key = "0c5b7d52-4b4c-4e0e-8f53-0b7d9a8b7f10"
    data = {"interests": ["sport"]}
    first = response_submit(
        survey=survey, kind="parent", language="fr", data=data, submission_key=key
    )
    again = response_submit(
        survey=survey, kind="parent", language="fr", data=data, submission_key=key
    )

    assert first is not None
    assert again is None
    assert Response.objects.count() == 1


def test_a_refused_answer_gets_a_friendly_page_in_its_language(client, survey, monkeypatch):
    page = client.get(url("parent", survey, "fr")).content.decode()
    monkeypatch.setattr(
        abuse, "admit", lambda request, survey: abuse.Admission(allowed=False, retry_after=60)
    )

    response = client.post(url("parent", survey, "fr"), form_data(page, interests=["sport"]))

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert 'lang="fr"' in response.content.decode()
    assert not Response.objects.exists()


def test_an_answer_in_a_burst_is_stored_with_it(client, survey, monkeypatch):
    burst = Burst.objects.create(survey=survey, first_at=timezone.now(), last_at=timezone.now())
    monkeypatch.setattr(
        abuse, "admit", lambda request, survey: abuse.Admission(allowed=True, burst=burst)
    )

    assert answer(client, survey, interests=["sport"]).status_code == 302

    assert Response.objects.get().burst == burst


@override_settings(CACHES=memory_cache())
def test_answers_faster_than_families_answer_are_kept_aside_for_review(survey):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _number in range(abuse.BURST_AFTER + 1):
        assert answer(client, survey, interests=["sport"]).status_code == 302

    assert Response.objects.count() == abuse.BURST_AFTER + 1
    assert Response.objects.filter(burst__isnull=False).count() == abuse.BURST_AFTER + 1
    assert not Response.objects.counted().exists()


@pytest.mark.parametrize(
    ("day", "status", "text"),
    [
        (datetime.date(2027, 1, 31), 200, "You can answer from 1 February 2027"),
        (datetime.date(2027, 4, 1), 410, "This survey is closed"),
    ],
)
def test_the_survey_takes_answers_only_in_its_period(client, survey, day, status, text):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False):
        for name in ("start", "parent", "child"):
            lang = None if name == "start" else "en"
            response = client.get(url(name, survey, lang), {"lang": "en"})
            assert response.status_code == status
            assert text in response.content.decode()
            assert "<form" not in response.content.decode()
        posted = client.post(url("parent", survey, "en"), {"interests": ["sport"]})

    assert posted.status_code == status
    assert not Response.objects.exists()


def test_a_survey_closed_early_takes_no_answers(client, survey):
    page = client.get(url("parent", survey, "en")).content.decode()
    survey.closed_at = timezone.now()
    survey.save(update_fields=["closed_at"])

    response = client.post(url("parent", survey, "en"), form_data(page, interests=["sport"]))

    assert response.status_code == 410
    assert not Response.objects.exists()


@pytest.mark.parametrize("lang", ["de", "nl", "xx-yy", "FR"])
def test_an_unknown_language_is_not_found(client, survey, lang):
    for name in ("parent", "child", "thanks"):
        assert client.get(url(name, survey, lang)).status_code == 404


@pytest.mark.parametrize("token", ["unknown2", "0000", "a" * 13, "ABCDEFGH"])
def test_an_unknown_address_is_not_found(client, survey, token):
    assert client.get(reverse("survey_public:start", kwargs={"token": token})).status_code == 404


def test_the_form_page_weighs_less_than_150_kilobytes(client, survey):
    """The HTML, its stylesheets and scripts together: what a cheap phone downloads."""
    response = client.get(url("parent", survey, "fr"))
    page = response.content.decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)

    sizes = [len(response.content)]
    for asset in assets:
        static = client.get(asset)
        assert static.status_code == 200, asset
        sizes.append(sum(len(chunk) for chunk in static.streaming_content))

    assert {"/static/surveys/survey.css", "/static/altcha/altcha.min.js"} <= set(assets)
    assert "bootstrap" not in page
    assert sum(sizes) < 150_000, sizes


@pytest.mark.parametrize("lang", ["nl-be", "fr", "en"])
def test_the_challenge_reads_its_range_as_a_plain_number(client, survey, lang):
    # "50.000" or "50 000" reads as 50 in the widget, which then never finds a solution.
    page = client.get(url("child", survey, lang)).content.decode()

    assert 'maxnumber="50000"' in page
    assert "/static/altcha/altcha.min.js" in page


def test_the_form_pages_let_the_challenge_start_its_workers_and_nothing_else(client, survey):
    policy = client.get(url("parent", survey, "en"))["Content-Security-Policy"]
    start_policy = client.get(url("start", survey))["Content-Security-Policy"]

    assert "worker-src 'self' blob:" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self';" in policy or policy.endswith("style-src 'self'")
    assert "worker-src" not in start_policy


def test_a_bridge_figure_can_answer_like_any_parent(bridge_figure_client, survey):
    assert bridge_figure_client.get(url("start", survey)).status_code == 200
    assert answer(bridge_figure_client, survey, interests=["sport"]).status_code == 302


def test_a_page_needs_no_account(survey):
    assert Client().get(url("child", survey, "nl-be")).status_code == 200
