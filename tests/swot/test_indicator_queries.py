"""Computing suggestions runs the same number of queries for a small and a large intake."""

from decimal import Decimal

import pytest

from municipalities.models import ChildrenCount, Need
from swot.indicators import compute_suggestions
from tests.municipalities.factories import (
    AreaFactory,
    CareProviderFactory,
    LeisureActorFactory,
    SchoolFactory,
    SiteFactory,
    SiteYearFactory,
)

# Sites with their school and area, their years, providers, the sites they serve, leisure
# actors, needs, children counts, and the children per age group as the intake page counts them.
QUERIES = 8


def build_intake(trajectory, size: int) -> None:
    for n in range(size):
        area = AreaFactory(trajectory=trajectory)
        for age_group, children in (("5-10", 300), ("11-15", 250)):
            ChildrenCount.objects.create(
                trajectory=trajectory, area=area, age_group=age_group, children=children
            )
        school = SchoolFactory(trajectory=trajectory)
        sites = [
            SiteFactory(school=school, area=area, care_offer=[]),
            SiteFactory(school=school, area=None, care_offer=["morning"]),
        ]
        for site in sites:
            SiteYearFactory(site=site, school_year="2024-2025")
            SiteYearFactory(site=site, gok_school_allowance=Decimal("45.0"))
        CareProviderFactory(
            trajectory=trajectory, area=area, slots=["after_school"], sites_served=sites[:1]
        )
        LeisureActorFactory(trajectory=trajectory, in_partnership=n % 2 == 0, area=area)
        Need.objects.create(
            trajectory=trajectory,
            voiced_by=Need.Voice.PARENTS,
            age_group="11-15",
            slot="holidays",
            holiday_periods=["summer", "easter"],
            children_concerned=4,
            source=Need.Source.SURVEY,
            respondents=9,
        )


@pytest.mark.parametrize("size", [1, 10])
def test_suggestions_run_a_fixed_number_of_queries(
    trajectory_a, size, django_assert_max_num_queries
):
    build_intake(trajectory_a, size)

    with django_assert_max_num_queries(QUERIES):
        found = compute_suggestions(trajectory_a)

    # Every school is above the school allowance average: one suggestion each.
    assert sum(s.key.startswith("gok-high:") for s in found) == size
    # The second site of every school has no after-school care.
    assert sum(s.key.startswith("site-no-after-school:") for s in found) == size
