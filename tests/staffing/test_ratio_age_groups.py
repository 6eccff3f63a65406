"""The 1:14 ratio is the rule of recognised care for primary-school children (5–10); an action
for 11–15 only follows its own setting, off unless set. Wednesday morning before school is a
morning like the others."""

import datetime

import pytest
from django.urls import reverse

from staffing.ratio import staffing_rows
from tests.actionplans.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionSlotFactory,
    ObjectiveFactory,
    PlanFactory,
)
from tests.factories import TrajectoryFactory
from tests.municipalities.factories import SchoolFactory, SiteFactory

ON = datetime.date(2026, 11, 27)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture(autouse=True)
def ratios(settings):
    settings.PLUS_STAFF_RATIO = 14
    settings.PLUS_STAFF_RATIO_11_15 = 0


@pytest.fixture
def trajectory(db):
    return TrajectoryFactory()


def _slot(trajectory, age_groups, *, slot="wednesday", children=30):
    site = SiteFactory(school=SchoolFactory(trajectory=trajectory), name="Het Speelhof")
    action_plan = ActionPlanFactory(
        objective=ObjectiveFactory(plan=PlanFactory(trajectory=trajectory))
    )
    action = ActionFactory(action_plan=action_plan, sites=[site], age_groups=age_groups)
    ActionSlotFactory(action=action, slot=slot, expected_children=children)
    return action


def test_teenagers_have_no_ratio_while_the_setting_is_off(trajectory):
    _slot(trajectory, ["11-15"])
    [row] = staffing_rows(trajectory, on=ON)
    assert (row.required, row.is_short, row.ratio, row.teens_only) == (0, False, None, True)


def test_teenagers_follow_their_own_ratio_when_it_is_set(settings, trajectory):
    settings.PLUS_STAFF_RATIO_11_15 = 20
    _slot(trajectory, ["11-15"])
    [row] = staffing_rows(trajectory, on=ON)
    assert (row.required, row.is_short, row.ratio) == (2, True, 20)


@pytest.mark.parametrize("age_groups", [["5-10"], ["5-10", "11-15"], []])
def test_everything_else_follows_the_recognised_care_ratio(settings, trajectory, age_groups):
    settings.PLUS_STAFF_RATIO_11_15 = 20
    _slot(trajectory, age_groups)
    [row] = staffing_rows(trajectory, on=ON)
    assert (row.required, row.ratio, row.teens_only) == (3, 14, False)


def test_the_staffing_page_shows_the_teenagers_setting(settings, coordinator_client, trajectory_a):
    coordinator_client.cookies["django_language"] = "en"
    url = reverse("staffing:municipality", kwargs={"trajectory_pk": trajectory_a.pk})
    off = coordinator_client.get(url).text
    assert "one carer per 14 children, the rule of recognised out-of-school care" in off
    assert "11–15 years: no staff ratio applies" in off
    settings.PLUS_STAFF_RATIO_11_15 = 18
    on = coordinator_client.get(url).text
    assert "11–15 years: one carer per 18 children" in on


def test_wednesday_morning_before_school_is_a_row_like_the_other_mornings(trajectory):
    _slot(trajectory, ["5-10"], slot="morning", children=14)
    assert [row.weekday for row in staffing_rows(trajectory, on=ON)] == [0, 1, 2, 3, 4]
