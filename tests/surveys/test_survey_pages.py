"""The coordinator's survey pages: who sees and who changes a survey, the list's answer
counts in a fixed number of queries, the form's rules and its version lock, closing early."""

import datetime

import pytest
from django.urls import reverse

from municipalities.models import School, Site
from surveys.models import Burst, Survey
from tests.surveys.factories import ResponseFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites(intake_a, trajectory_a):
    school = School.objects.create(
        trajectory=trajectory_a, institution_number="036137", name="GO! Basisschool De Bron"
    )
    second = Site.objects.create(
        school=school, site_number=1, street="Schoolstraat 3", postal_code="3800"
    )
    return [Site.objects.filter(school__trajectory=trajectory_a).exclude(pk=second.pk)[0], second]


@pytest.fixture
def survey(trajectory_a, sites):
    return SurveyFactory(trajectory=trajectory_a, name="Opvang 2027", sites=sites[:1])


def _url(name, survey, **kwargs):
    return reverse(name, kwargs={"trajectory_pk": survey.trajectory_id, "pk": survey.pk, **kwargs})


def test_the_list_counts_only_counted_answers_in_a_fixed_number_of_queries(
    coordinator_client, trajectory_a, survey, django_assert_num_queries
):
    ResponseFactory.create_batch(3, survey=survey)
    burst = Burst.objects.create(
        survey=survey, first_at=survey.created_at, last_at=survey.created_at
    )
    ResponseFactory(survey=survey, burst=burst)  # still to review: not counted
    coordinator_client.cookies["django_language"] = "en"
    url = reverse("surveys:list", args=[trajectory_a.pk])
    # Session, user, trajectory, membership, and one query for all surveys with their counts.
    with django_assert_num_queries(5):
        assert coordinator_client.get(url).status_code == 200
    for index in range(6):
        ResponseFactory(survey=SurveyFactory(trajectory=trajectory_a, name=f"extra {index}"))
    with django_assert_num_queries(5):
        response = coordinator_client.get(url)
    answers = {survey.name: survey.answers for survey, _status in response.context["surveys"]}
    assert answers == {"Opvang 2027": 3, **{f"extra {index}": 1 for index in range(6)}}
    assert "New survey" in response.content.decode()


def test_an_official_reads_but_does_not_write(official_a_client, survey):
    official_a_client.cookies["django_language"] = "en"
    listing = official_a_client.get(reverse("surveys:list", args=[survey.trajectory_id]))
    assert listing.status_code == 200
    assert "New survey" not in listing.content.decode()
    assert official_a_client.get(_url("surveys:detail", survey)).status_code == 200
    assert official_a_client.get(_url("surveys:edit", survey)).status_code == 403
    assert official_a_client.post(_url("surveys:close", survey)).status_code == 403
    assert official_a_client.post(_url("surveys:flyer_request", survey)).status_code == 403
    survey.refresh_from_db()
    assert survey.closed_at is None


def test_an_outsider_gets_404(official_b_client, survey):
    for name in ("surveys:detail", "surveys:edit", "surveys:close"):
        assert official_b_client.get(_url(name, survey)).status_code == 404
    assert (
        official_b_client.get(reverse("surveys:list", args=[survey.trajectory_id])).status_code
        == 404
    )


def test_a_coordinator_creates_a_survey_over_two_sites(coordinator_client, trajectory_a, sites):
    coordinator_client.cookies["django_language"] = "en"
    form = coordinator_client.get(reverse("surveys:create", args=[trajectory_a.pk]))
    page = form.content.decode()
    assert "GO! Basisschool De Bron" in page  # the sites are grouped under their school
    response = coordinator_client.post(
        reverse("surveys:create", args=[trajectory_a.pk]),
        {
            "name": "Noden 2027",
            "opens_on": "2027-02-01",
            "closes_on": "2027-03-15",
            "sites": [site.pk for site in sites],
        },
    )
    survey = Survey.objects.get(name="Noden 2027")
    assert response.status_code == 302
    assert response["Location"] == survey.get_absolute_url()
    assert set(survey.sites.all()) == set(sites)
    assert survey.trajectory == trajectory_a


def test_a_site_of_another_trajectory_is_refused(coordinator_client, trajectory_a, trajectory_b):
    school = School.objects.create(trajectory=trajectory_b, institution_number="1", name="Elders")
    elsewhere = Site.objects.create(school=school, site_number=1, street="x", postal_code="3000")
    response = coordinator_client.post(
        reverse("surveys:create", args=[trajectory_a.pk]),
        {"name": "x", "opens_on": "2027-02-01", "closes_on": "2027-03-15", "sites": [elsewhere.pk]},
    )
    assert response.status_code == 200
    assert "sites" in response.context["form"].errors
    assert not Survey.objects.exists()


def test_the_model_says_a_survey_closes_after_it_opens(coordinator_client, trajectory_a):
    coordinator_client.cookies["django_language"] = "en"
    response = coordinator_client.post(
        reverse("surveys:create", args=[trajectory_a.pk]),
        {"name": "x", "opens_on": "2027-03-01", "closes_on": "2027-02-01"},
    )
    assert response.status_code == 200
    assert "A survey must close on or after the day it opens." in response.content.decode()
    assert not Survey.objects.exists()


@pytest.mark.parametrize("bad", ["", "31/02/2027", "x" * 200])
def test_malformed_dates_get_a_message_not_a_500(coordinator_client, trajectory_a, bad):
    response = coordinator_client.post(
        reverse("surveys:create", args=[trajectory_a.pk]),
        {"name": "x", "opens_on": bad, "closes_on": "2027-02-01", "sites": ["abc"]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_an_edit_based_on_an_older_version_is_refused(coordinator_client, survey, sites):
    coordinator_client.cookies["django_language"] = "en"
    data = {
        "name": "Opvang 2027 (herzien)",
        "opens_on": "2027-02-01",
        "closes_on": "2027-04-30",
        "sites": [site.pk for site in sites],
        "lock_version": survey.version,
    }
    assert coordinator_client.post(_url("surveys:edit", survey), data).status_code == 302
    survey.refresh_from_db()
    assert (survey.name, survey.closes_on, survey.version) == (
        "Opvang 2027 (herzien)",
        datetime.date(2027, 4, 30),
        2,
    )
    assert set(survey.sites.all()) == set(sites)
    # A second editor who opened the form at version 1.
    stale = coordinator_client.post(_url("surveys:edit", survey), {**data, "name": "Oud"})
    assert stale.status_code == 200
    assert "Someone else saved" in stale.content.decode()
    survey.refresh_from_db()
    assert survey.name == "Opvang 2027 (herzien)"


def test_closing_early_asks_first_then_closes_once(coordinator_client, survey):
    coordinator_client.cookies["django_language"] = "en"
    confirm = coordinator_client.get(_url("surveys:close", survey))
    assert "cannot be undone" in confirm.content.decode()
    survey.refresh_from_db()
    assert survey.closed_at is None
    assert coordinator_client.post(_url("surveys:close", survey)).status_code == 302
    survey.refresh_from_db()
    assert survey.closed_at is not None
    assert not survey.is_open(survey.opens_on)
    closed_at = survey.closed_at
    coordinator_client.post(_url("surveys:close", survey))
    survey.refresh_from_db()
    assert survey.closed_at == closed_at


def test_the_detail_page_shows_the_full_address_and_the_qr_code(
    coordinator_client, survey, settings
):
    settings.PORTAL_URL = "https://plus.example.be"
    coordinator_client.cookies["django_language"] = "en"
    page = coordinator_client.get(_url("surveys:detail", survey)).content.decode()
    address = f"https://plus.example.be/s/{survey.token}/"
    assert f'value="{address}"' in page
    assert f'aria-label="QR code of the address {address}"' in page
    assert "{# survey_results links #}" not in page  # a template comment, replaced later
    assert _url("surveys:qr", survey, fmt="svg") in page
    assert _url("surveys:qr", survey, fmt="png") in page


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2027, 1, 31), "not yet open"),
        (datetime.date(2027, 2, 1), "open"),
        (datetime.date(2027, 3, 31), "open"),
        (datetime.date(2027, 4, 1), "closed"),
    ],
)
def test_the_status_follows_the_period(survey, today, expected, in_english):
    from surveys.services import survey_status

    assert str(survey_status(survey, today)[1]) == expected
