"""A coordinator reviews free texts and bursts; officials never do, nor read the original."""

import pytest
from django.urls import reverse

from surveys.models import Burst, Response
from tests.surveys.factories import ResponseFactory
from tests.surveys.results_fixtures import make_counted_survey


@pytest.fixture
def counted_survey(trajectory_a):
    return make_counted_survey(trajectory_a)


def _route(name, survey, *extra):
    return reverse(f"survey_results:{name}", args=[survey.trajectory_id, survey.pk, *extra])


@pytest.fixture
def text(counted_survey):
    return ResponseFactory(survey=counted_survey["survey"], free_text="Jan Peeters, 0470 12 34 56")


def test_a_coordinator_publishes_an_edited_text(client, coordinator, counted_survey, text):
    client.force_login(coordinator)
    survey = counted_survey["survey"]
    page = client.get(_route("texts", survey)).content.decode()
    assert "Jan Peeters, 0470 12 34 56" in page  # prefilled with the original
    response = client.post(
        _route("text_review", survey, text.pk),
        {f"{text.pk}-action": "publish", f"{text.pk}-shown_text": "[naam], [telefoon]"},
    )
    assert response.status_code == 302
    text.refresh_from_db()
    assert text.free_text_status == Response.TextStatus.PUBLISHED
    assert text.free_text_shown == "[naam], [telefoon]"
    assert text.free_text == "Jan Peeters, 0470 12 34 56"
    assert "Jan Peeters" not in client.get(_route("texts", survey)).content.decode()


def test_a_blank_shown_text_is_refused(client, coordinator, counted_survey, text):
    client.force_login(coordinator)
    client.post(
        _route("text_review", counted_survey["survey"], text.pk),
        {f"{text.pk}-action": "publish", f"{text.pk}-shown_text": "  "},
    )
    text.refresh_from_db()
    assert text.free_text_status == Response.TextStatus.PENDING


def test_a_hidden_text_is_never_shown(client, coordinator, counted_survey, text):
    client.force_login(coordinator)
    client.post(
        _route("text_review", counted_survey["survey"], text.pk), {f"{text.pk}-action": "hide"}
    )
    text.refresh_from_db()
    assert text.free_text_status == Response.TextStatus.HIDDEN
    assert text.free_text_shown == ""


def test_officials_may_not_review(client, official_a, counted_survey, text):
    client.force_login(official_a)
    survey = counted_survey["survey"]
    burst = counted_survey["burst"]
    assert client.get(_route("texts", survey)).status_code == 403
    assert client.get(_route("bursts", survey)).status_code == 403
    answer = client.post(
        _route("text_review", survey, text.pk),
        {f"{text.pk}-action": "publish", f"{text.pk}-shown_text": "x"},
    )
    assert answer.status_code == 403
    assert (
        client.post(_route("burst_review", survey, burst.pk), {"action": "accept"}).status_code
        == 403
    )
    text.refresh_from_db()
    burst.refresh_from_db()
    assert text.free_text_status == Response.TextStatus.PENDING
    assert burst.status == Burst.Status.PENDING


def test_another_municipality_gets_404(client, official_b, coordinator_b, counted_survey, text):
    survey = counted_survey["survey"]
    for user in (official_b, coordinator_b):
        client.force_login(user)
        assert client.get(_route("texts", survey)).status_code == 404
        assert client.post(_route("text_review", survey, text.pk), {}).status_code == 404


def test_a_coordinator_sees_a_burst_and_accepts_it(client, coordinator, counted_survey):
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    survey, burst = counted_survey["survey"], counted_survey["burst"]
    page = client.get(_route("bursts", survey)).content.decode()
    assert "4 answers from" in page
    assert "Before school" in page  # the answers side by side, as respondents read them
    client.post(_route("burst_review", survey, burst.pk), {"action": "accept"})
    burst.refresh_from_db()
    assert burst.status == Burst.Status.ACCEPTED
    assert burst.reviewed_by == coordinator
    assert Response.objects.counted().filter(survey=survey).count() == 16
    assert "No burst waits for review" in client.get(_route("bursts", survey)).content.decode()


def test_a_discarded_burst_is_never_counted(client, coordinator, counted_survey):
    client.force_login(coordinator)
    survey, burst = counted_survey["survey"], counted_survey["burst"]
    client.post(_route("burst_review", survey, burst.pk), {"action": "discard"})
    burst.refresh_from_db()
    assert burst.status == Burst.Status.DISCARDED
    assert Response.objects.counted().filter(survey=survey).count() == 12
    # Reviewed once: a second answer changes nothing.
    client.post(_route("burst_review", survey, burst.pk), {"action": "accept"})
    burst.refresh_from_db()
    assert burst.status == Burst.Status.DISCARDED


def test_bad_input_is_a_message_not_an_error(client, coordinator, counted_survey, text):
    client.force_login(coordinator)
    survey, burst = counted_survey["survey"], counted_survey["burst"]
    assert client.post(_route("burst_review", survey, burst.pk), {"action": "x"}).status_code == 302
    assert client.post(_route("text_review", survey, text.pk), {"x": "y"}).status_code == 302
    assert client.get(_route("text_review", survey, text.pk)).status_code == 405


@pytest.mark.parametrize("bursts", [1, 12])
def test_the_review_pages_run_a_fixed_number_of_queries(
    client, coordinator, counted_survey, django_assert_num_queries, bursts
):
    from django.utils import timezone

    survey = counted_survey["survey"]
    for _index in range(bursts):
        burst = Burst.objects.create(survey=survey, first_at=timezone.now(), last_at=timezone.now())
        for _answer in range(3):
            ResponseFactory(survey=survey, burst=burst, free_text="tekst")
    client.force_login(coordinator)
    client.get(_route("bursts", survey))
    with django_assert_num_queries(7):
        client.get(_route("bursts", survey))
    with django_assert_num_queries(6):
        client.get(_route("texts", survey))


def test_a_flood_loads_only_the_sample_of_its_answers(counted_survey):
    from surveys.review import pending_bursts

    burst = counted_survey["burst"]
    for _index in range(40):
        ResponseFactory(survey=counted_survey["survey"], burst=burst)

    [found] = pending_bursts(counted_survey["survey"], sample=5)

    assert found.answers == 44
    assert len(found.sample) == 5
    assert [r.pk for r in found.sample] == sorted(burst.responses.values_list("pk", flat=True))[:5]
