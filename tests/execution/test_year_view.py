"""The year view: twelve month grids with holidays, free days and the schools' own days, per
municipality and per site, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from execution.services import school_free_day_add
from municipalities.models import School, Site


def _url(trajectory, year=2025, **query):
    url = reverse("execution:year", kwargs={"trajectory_pk": trajectory.pk, "year": year})
    return f"{url}?site={query['site']}" if query else url


def _other_school(trajectory, number):
    school = School.objects.create(
        trajectory=trajectory,
        institution_number=f"{number:06d}",
        name=f"School {number}",
        network=School.Network.GO,
    )
    site = Site.objects.create(school=school, site_number=1, street="Markt 1", postal_code="3800")
    return school, site


def test_the_year_shows_holidays_and_free_days_in_dutch(official_a_client, trajectory_a):
    page = official_a_client.get(_url(trajectory_a)).content.decode()
    assert "september 2025" in page
    assert "augustus 2026" in page
    assert page.count("<table") == 12
    assert "maandag 27 oktober 2025 – zondag 2 november 2025" in page
    assert "dinsdag 11 november 2025" in page
    assert 'title="Maandag">ma</abbr></th>' in page
    assert '<caption class="caption-top fw-semibold text-body">oktober 2025</caption>' in page


def test_a_site_shows_its_own_schools_free_days_only(
    coordinator_client, coordinator, trajectory_a, intake_a
):
    other_school, _ = _other_school(trajectory_a, 1)
    school_free_day_add(
        school=intake_a["schools"],
        day=datetime.date(2025, 10, 15),
        kind="study_day",
        by=coordinator,
    )
    school_free_day_add(
        school=other_school, day=datetime.date(2026, 3, 18), kind="optional", by=coordinator
    )
    everything = coordinator_client.get(_url(trajectory_a)).content.decode()
    assert "woensdag 15 oktober 2025" in everything
    assert "woensdag 18 maart 2026" in everything
    site = coordinator_client.get(_url(trajectory_a, site=intake_a["site"].pk)).content.decode()
    assert "woensdag 15 oktober 2025" in site
    assert "woensdag 18 maart 2026" not in site
    assert "School 1:" not in site


def test_a_site_of_another_municipality_answers_404(coordinator_client, trajectory_a, trajectory_b):
    _, foreign_site = _other_school(trajectory_b, 2)
    assert coordinator_client.get(_url(trajectory_a, site=foreign_site.pk)).status_code == 404


def test_a_year_outside_the_calendar_answers_404(coordinator_client, trajectory_a):
    assert coordinator_client.get(_url(trajectory_a, year=2100)).status_code == 404


def test_another_municipality_gets_404(official_b_client, trajectory_a):
    assert official_b_client.get(_url(trajectory_a)).status_code == 404


def test_the_calendar_opens_on_this_school_year(coordinator_client, trajectory_a, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC))
    response = coordinator_client.get(
        reverse("execution:current_year", kwargs={"trajectory_pk": trajectory_a.pk})
    )
    assert response.url == _url(trajectory_a, year=2026)


@pytest.mark.parametrize("schools", [1, 30])
def test_the_year_runs_a_fixed_number_of_queries(
    coordinator_client, coordinator, trajectory_a, django_assert_max_num_queries, schools
):
    for number in range(schools):
        school, _ = _other_school(trajectory_a, number + 10)
        for day in (datetime.date(2025, 10, 15), datetime.date(2026, 3, 18)):
            school_free_day_add(school=school, day=day, kind="study_day", by=coordinator)
    with django_assert_max_num_queries(7):
        assert coordinator_client.get(_url(trajectory_a)).status_code == 200


def test_the_trajectory_page_links_to_the_calendar(official_a_client, trajectory_a):
    page = official_a_client.get(
        reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory_a.pk})
    ).content.decode()
    assert reverse("execution:current_year", kwargs={"trajectory_pk": trajectory_a.pk}) in page
