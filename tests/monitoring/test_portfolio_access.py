"""Only IN-Z staff have a portfolio, and a coordinator's shows only their municipalities."""

import datetime

import pytest
from django.urls import reverse

from monitoring.portfolio import portfolio_for
from tests.factories import MunicipalityFactory, TrajectoryFactory

URL = reverse("portfolio:portfolio")


def _municipalities(user):
    return [
        row.trajectory.municipality
        for row in portfolio_for(user, {}, today=datetime.date(2026, 11, 20)).rows
    ]


def test_a_coordinator_sees_only_the_municipalities_they_coordinate(
    coordinator, coordinator_client, trajectory_a, trajectory_b
):
    assert _municipalities(coordinator) == [trajectory_a.municipality]
    page = coordinator_client.get(URL).text
    assert str(trajectory_a.municipality) in page
    assert str(trajectory_b.municipality) not in page


def test_an_administrator_sees_every_municipality(administrator, trajectory_a, trajectory_b):
    assert set(_municipalities(administrator)) == {
        trajectory_a.municipality,
        trajectory_b.municipality,
    }


@pytest.mark.parametrize("persona", ["official_a_client", "bridge_figure_client"])
def test_officials_and_bridge_figures_have_no_portfolio(request, persona, trajectory_a):
    assert request.getfixturevalue(persona).get(URL).status_code == 404


def test_anonymous_is_asked_to_log_in(anonymous_client):
    response = anonymous_client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_portfolio_is_the_start_page_of_in_z_staff(coordinator_client, administrator_client):
    for client in (coordinator_client, administrator_client):
        assert client.get(reverse("home"))["Location"] == URL


def test_officials_keep_their_own_start_page(official_a_client, municipality_a):
    response = official_a_client.get(reverse("home"))
    assert response["Location"] == reverse(
        "municipalities:municipality_detail", kwargs={"pk": municipality_a.pk}
    )


def test_the_navigation_links_to_it_for_in_z_staff_only(coordinator_client, official_a_client):
    assert f'href="{URL}"' in coordinator_client.get(reverse("inbox")).text
    assert f'href="{URL}"' not in official_a_client.get(reverse("inbox")).text


def test_a_coordinator_without_municipalities_sees_an_empty_portfolio(
    coordinator_without_membership, db
):
    TrajectoryFactory(municipality=MunicipalityFactory())
    assert _municipalities(coordinator_without_membership) == []
