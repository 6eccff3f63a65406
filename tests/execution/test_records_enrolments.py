"""The enrolment grid: every place × age group × term of a school year in one form, saved at
once or not at all, with totals and the vulnerable share; officials read it only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from execution.models import Enrolment
from execution.records import Reach, enrolment_totals
from municipalities.models import School, Site
from tests.execution.factories import EnrolmentFactory


def _url(trajectory, year=2026):
    return reverse("records:enrolments", kwargs={"trajectory_pk": trajectory.pk, "year": year})


def _field(site, age_group, term, what):
    place = f"site-{site.pk}" if site else "central"
    return f"{place}-{age_group}-{term}-{what}"


@pytest.fixture
def site(intake_a):
    return intake_a["site"]


def test_the_grid_has_a_cell_for_every_place_age_group_and_term(
    coordinator_client, trajectory_a, site
):
    response = coordinator_client.get(_url(trajectory_a))
    assert response.status_code == 200
    fields = response.context["form"].fields
    # The central site and one school site, two age groups, four terms, two counts each.
    assert len(fields) == 2 * 2 * 4 * 2
    assert _field(None, "11-15", "summer", "children") in fields
    assert _field(site, "5-10", "autumn", "vulnerable") in fields


def test_saving_the_grid_stores_every_count_with_its_author(
    coordinator_client, coordinator, trajectory_a, site
):
    data = {
        _field(site, "5-10", "autumn", "children"): "40",
        _field(site, "5-10", "autumn", "vulnerable"): "10",
        _field(None, "11-15", "winter", "children"): "12",
    }
    response = coordinator_client.post(_url(trajectory_a), data)
    assert response.status_code == 302
    autumn = Enrolment.objects.get(site=site, age_group="5-10", term="autumn")
    assert (autumn.children, autumn.vulnerable, autumn.school_year) == (40, 10, 2026)
    central = Enrolment.objects.get(site=None, term="winter")
    assert (central.children, central.vulnerable) == (12, 0)
    assert autumn.history.get().history_user == coordinator
    assert autumn.updated_by == coordinator


def test_saving_again_updates_the_counts_and_an_empty_cell_removes_one(
    coordinator_client, coordinator, trajectory_a, site
):
    kept = EnrolmentFactory(trajectory=trajectory_a, site=site, term="autumn", children=20)
    removed = EnrolmentFactory(trajectory=trajectory_a, site=None, term="spring", children=8)
    data = {
        _field(site, "5-10", "autumn", "children"): "25",
        _field(site, "5-10", "autumn", "vulnerable"): "5",
    }
    assert coordinator_client.post(_url(trajectory_a), data).status_code == 302
    kept.refresh_from_db()
    assert kept.children == 25
    assert not Enrolment.objects.filter(pk=removed.pk).exists()
    assert Enrolment.objects.count() == 1
    assert removed.history.latest().history_type == "-"
    assert removed.history.latest().history_user == coordinator


def test_one_wrong_cell_saves_nothing_and_is_marked_next_to_the_cell(
    coordinator_client, trajectory_a, site
):
    coordinator_client.cookies["django_language"] = "en"
    existing = EnrolmentFactory(trajectory=trajectory_a, site=site, term="autumn", children=20)
    data = {
        _field(site, "5-10", "autumn", "children"): "30",
        _field(site, "5-10", "winter", "children"): "10",
        _field(site, "5-10", "winter", "vulnerable"): "11",
    }
    response = coordinator_client.post(_url(trajectory_a), data)
    assert response.status_code == 400
    existing.refresh_from_db()
    assert existing.children == 20
    assert Enrolment.objects.count() == 1
    page = response.content.decode()
    key = f"site-{site.pk}-5-10-winter"
    assert f'id="error-{key}"' in page
    assert "There cannot be more children from vulnerable families than children." in page
    assert "Nothing was saved" in page
    assert response.context["form"].cell_errors.keys() == {key}


@pytest.mark.parametrize(
    ("children", "vulnerable"), [("abc", ""), ("-1", ""), ("", "3"), ("100000", "")]
)
def test_bad_counts_answer_the_form_again(
    coordinator_client, trajectory_a, site, children, vulnerable
):
    data = {
        _field(site, "11-15", "spring", "children"): children,
        _field(site, "11-15", "spring", "vulnerable"): vulnerable,
        _field(None, "5-10", "autumn", "children"): "9",
    }
    response = coordinator_client.post(_url(trajectory_a), data)
    assert response.status_code == 400
    assert not Enrolment.objects.exists()


def test_totals_and_the_vulnerable_share_per_term(coordinator_client, trajectory_a, site):
    EnrolmentFactory(trajectory=trajectory_a, site=site, term="autumn", children=30, vulnerable=6)
    EnrolmentFactory(
        trajectory=trajectory_a,
        site=None,
        age_group="11-15",
        term="autumn",
        children=10,
        vulnerable=4,
    )
    totals = coordinator_client.get(_url(trajectory_a)).context["totals"]
    assert totals.by_term["autumn"] == Reach(children=40, vulnerable=10)
    assert totals.by_term["autumn"].vulnerable_share == Decimal("25.0")
    assert totals.by_term["winter"].vulnerable_share is None
    assert totals.by_age_group_and_term[("11-15", "autumn")].vulnerable_share == Decimal("40.0")


def test_totals_do_not_add_up_another_trajectory_or_year(trajectory_a, trajectory_b):
    counted = EnrolmentFactory(trajectory=trajectory_a, children=7, vulnerable=1)
    totals = enrolment_totals([counted])
    assert totals.terms[0] == Reach(7, 1)
    assert sum(reach.children for reach in totals.terms) == 7


def test_an_official_reads_the_grid_and_changes_nothing(official_a_client, trajectory_a, site):
    EnrolmentFactory(trajectory=trajectory_a, site=site, term="autumn", children=20)
    response = official_a_client.get(_url(trajectory_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "disabled" in page
    assert 'type="submit"' not in page.split('<form method="post"')[1].split("</form>")[0]
    data = {_field(site, "5-10", "autumn", "children"): "99"}
    assert official_a_client.post(_url(trajectory_a), data).status_code == 403
    assert Enrolment.objects.get().children == 20


def test_another_municipality_gets_404(official_b_client, coordinator_b, client, trajectory_a):
    assert official_b_client.get(_url(trajectory_a)).status_code == 404
    client.force_login(coordinator_b)
    assert client.get(_url(trajectory_a)).status_code == 404
    assert client.post(_url(trajectory_a), {}).status_code == 404


def test_a_year_without_a_calendar_answers_404(coordinator_client, trajectory_a):
    assert coordinator_client.get(_url(trajectory_a, year=1999)).status_code == 404


def test_the_current_year_redirects_to_its_grid(coordinator_client, trajectory_a, time_machine):
    time_machine.move_to("2026-06-10 10:00+02:00")
    url = reverse("records:enrolments_current", kwargs={"trajectory_pk": trajectory_a.pk})
    assert coordinator_client.get(url).url == _url(trajectory_a, 2025)


def _add_sites(trajectory, count, *, first=0):
    for number in range(first, first + count):
        school = School.objects.create(
            trajectory=trajectory,
            institution_number=f"{900000 + number}",
            name=f"School {number}",
            network=School.Network.GO,
        )
        site = Site.objects.create(
            school=school, site_number=1, street="Markt 1", postal_code="3800"
        )
        EnrolmentFactory(trajectory=trajectory, site=site)


def test_the_grid_runs_a_fixed_number_of_queries(
    coordinator_client, trajectory_a, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _add_sites(trajectory_a, 1)
    with CaptureQueriesContext(connection) as few:
        assert coordinator_client.get(_url(trajectory_a)).status_code == 200
    _add_sites(trajectory_a, 12, first=1)
    with django_assert_num_queries(len(few)):
        assert coordinator_client.get(_url(trajectory_a)).status_code == 200


def test_the_central_site_has_one_count_per_age_group_and_term(trajectory_a):
    from django.db import IntegrityError, transaction

    from tests.execution.factories import EnrolmentFactory

    EnrolmentFactory(trajectory=trajectory_a, site=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        EnrolmentFactory(trajectory=trajectory_a, site=None)
