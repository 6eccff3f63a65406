"""The survey's results page: hand-counted numbers, small-cell suppression, the filter,
published texts only, access and a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from surveys import results
from surveys.models import Response
from tests.surveys.factories import ResponseFactory, SurveyFactory
from tests.surveys.results_fixtures import make_counted_survey, make_site


@pytest.fixture
def counted_survey(trajectory_a):
    return make_counted_survey(trajectory_a)


def _url(survey, **query):
    url = reverse("survey_results:results", args=[survey.trajectory_id, survey.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def _row(html: str, table_id: str, label: str) -> str:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    return re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(label)}.*?</tr>", table, re.S).group(0)


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_counts_are_those_counted_by_hand(counted_survey):
    found = results.results_of(counted_survey["survey"])
    assert (found.total, found.parents, found.children) == (12, 10, 2)
    matrix = {row.key: row.cells for row in found.matrix}
    assert matrix["after_school"] == [7, 1]
    assert matrix["wednesday"] == [3, 1]
    assert matrix["lunchtime"] == [3, 0]
    assert matrix["summer"] == [2, 1]
    # The burst's four answers at "before school" are not counted until accepted.
    assert matrix["morning"] == [0, 0]
    barriers = {code: count for code, _label, count in found.tallies[0].rows}
    assert (barriers["cost"], barriers["transport"]) == (7, 3)
    places = {code: count for code, _label, count in found.tallies[4].rows}
    assert places["club"] == 2


def test_a_burst_counts_once_accepted(counted_survey, coordinator):
    from surveys.review import burst_accept

    burst_accept(burst=counted_survey["burst"], by=coordinator)
    found = results.results_of(counted_survey["survey"])
    assert found.total == 16
    assert {row.key: row.cells for row in found.matrix}["morning"] == [4, 0]


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        # One small site: the total minus the other would tell it, so the other is hidden.
        ([7, 3], {"g0": "complement", "g1": "small"}),
        # Two small groups of 3 and 2: 5 hidden answers could be 1+4, 2+3, ...: safe.
        ([7, 3, 2], {"g1": "small", "g2": "small"}),
        # Two of 4: 8 hidden answers can only be 4+4, so the next smallest is hidden too.
        ([8, 4, 4], {"g0": "complement", "g1": "small", "g2": "small"}),
        # A tie with the protecting group is hidden with it (it would bound it exactly).
        ([8, 6, 6, 4], {"g1": "complement", "g2": "complement", "g3": "small"}),
        ([20, 9], {}),
    ],
)
def test_no_hidden_group_can_be_worked_out(counts, hidden):
    part = results.suppress("t", [(f"g{i}", f"G{i}", n) for i, n in enumerate(counts)])
    assert not part.withheld
    assert {g.key: g.hidden for g in part.groups if g.hidden} == hidden
    assert all(low < high for low, high in results._ranges(part.groups, sum(counts)))


def test_a_breakdown_that_would_tell_anyway_is_withheld():
    # 1 + 5: even with both hidden, "fewer than 5" and "5 or more" of 6 can only be 1 and 5.
    assert results.suppress("t", [("a", "A", 1), ("b", "B", 5)]).withheld


def test_the_page_shows_small_sites_without_their_number(client, coordinator, counted_survey):
    client.force_login(coordinator)
    html = _english(client).get(_url(counted_survey["survey"])).content.decode()
    assert re.search(r">\s*7\s*<", _row(html, "breakdown-site", "Sint-Jozef Velm"))
    regenboog = _row(html, "breakdown-site", "De Regenboog")
    assert "fewer than 5" in regenboog
    assert not re.search(r">\s*3\s*<", regenboog)
    assert "fewer than 5" in _row(html, "breakdown-area", "postal code 3800")
    assert "fewer than 5" in _row(html, "breakdown-language", "French")
    assert re.search(r">\s*8\s*<", _row(html, "breakdown-language", "Dutch"))


def test_the_filter_shows_a_large_site_and_refuses_a_small_one(client, coordinator, counted_survey):
    client.force_login(coordinator)
    _english(client)
    survey, site_a, site_b = (counted_survey[k] for k in ("survey", "site_a", "site_b"))
    shown = client.get(_url(survey, place=f"site-{site_a.pk}"))
    assert shown.context["results"].filtered_to.label == "Sint-Jozef Velm"
    matrix = {row.key: row.cells for row in shown.context["results"].matrix}
    assert matrix["after_school"] == [7, 1]
    assert matrix["lunchtime"] == [0, 0]
    refused = client.get(_url(survey, place=f"site-{site_b.pk}"))
    assert refused.status_code == 200
    assert refused.context["results"].filtered_to is None
    assert "are not shown" in refused.content.decode()
    # The whole survey's need, not site B's three answers.
    assert {row.key: row.cells for row in refused.context["results"].matrix}["lunchtime"] == [3, 0]
    assert client.get(_url(survey, place="postal-3800")).context["results"].filtered_to is None
    assert client.get(_url(survey, place="%00<b>")).status_code == 200


def test_officials_read_only_the_published_text(client, official_a, coordinator, counted_survey):
    from surveys.review import text_publish

    survey = counted_survey["survey"]
    published = ResponseFactory(survey=survey, free_text="Jan Peeters, Kerkstraat 3: meer opvang")
    text_publish(response=published, shown_text="[naam]: meer opvang", by=coordinator)
    ResponseFactory(survey=survey, free_text="Nog niet nagekeken")
    client.force_login(official_a)
    response = _english(client).get(_url(survey))
    html = response.content.decode()
    assert "[naam]: meer opvang" in html
    assert "Jan Peeters" not in html
    assert "Nog niet nagekeken" not in html
    assert "wait for review" not in html
    assert "waits for review" not in html
    client.force_login(coordinator)
    assert "1 text waits for review" in client.get(_url(survey)).content.decode()


def test_an_official_of_another_municipality_gets_404(client, official_b, counted_survey):
    client.force_login(official_b)
    assert client.get(_url(counted_survey["survey"])).status_code == 404


@pytest.mark.parametrize("answers", [5, 300])
def test_the_page_runs_a_fixed_number_of_queries(
    client, coordinator, trajectory_a, django_assert_num_queries, answers
):
    site = make_site(trajectory_a, "Sint-Jozef", 1)
    survey = SurveyFactory(trajectory=trajectory_a)
    Response.objects.bulk_create(
        ResponseFactory.build(
            survey=survey, site=site, free_text_status="published", free_text_shown="ok"
        )
        for _ in range(answers)
    )
    client.force_login(coordinator)
    client.get(_url(survey))  # the session and the user, loaded once
    with django_assert_num_queries(7):
        assert client.get(_url(survey, place=f"site-{site.pk}")).status_code == 200
