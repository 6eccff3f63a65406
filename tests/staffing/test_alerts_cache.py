"""The alerts page keeps its rendered part in the cache by a key of the data it reads: a
change shows on the next view, and each user sees their own municipalities."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from actionplans import services as plan_services
from actionplans.models import Action
from staffing.overview import alerts_cache_key
from tests.actionplans.factories import ActionFactory, ActionSlotFactory
from tests.conftest import _client_for, make_coordinator_b
from tests.staffing.factories import PlacementFactory, PlacementSlotFactory

CENTRAL = "Centrale opvang"


@pytest.fixture(autouse=True)
def cached_on_a_fixed_day(local_cache):
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC), tick=False):
        yield


def _short_action(trajectory, **fields):
    """An after-school action at a central site needing two carers on four days, one placed
    on Monday: four slots under the ratio."""
    action = ActionFactory(
        action_plan__objective__plan__trajectory=trajectory,
        at_central_site=True,
        central_site_name=CENTRAL,
        **fields,
    )
    ActionSlotFactory(action=action, expected_children=20)
    placement = PlacementFactory(trajectory=trajectory, central_site_name=CENTRAL)
    PlacementSlotFactory(placement=placement, weekday=0)
    return action


def _alerts(client) -> str:
    client.cookies["django_language"] = "en"
    response = client.get(reverse("staffing:alerts"))
    assert response.status_code == 200
    return response.text


def test_a_new_placement_shows_on_the_next_view(administrator_client, trajectory_a):
    _short_action(trajectory_a)
    assert "4 slots" in _alerts(administrator_client)
    assert "4 slots" in _alerts(administrator_client)  # from the cache
    second = PlacementFactory(trajectory=trajectory_a, central_site_name=CENTRAL)
    PlacementSlotFactory(placement=second, weekday=0)
    assert "3 slots" in _alerts(administrator_client)


def test_a_removed_action_leaves_on_the_next_view(administrator_client, trajectory_a):
    action = _short_action(trajectory_a)
    assert "4 slots" in _alerts(administrator_client)
    plan_services.part_remove(action)
    assert "4 slots" not in _alerts(administrator_client)


def test_moving_a_part_changes_the_key(administrator, trajectory_a):
    first = _short_action(trajectory_a)
    ActionFactory(action_plan=first.action_plan)
    today = datetime.date(2026, 10, 5)
    before = alerts_cache_key(administrator, today=today)
    plan_services.part_move(Action.objects.get(pk=first.pk), offset=1)
    assert alerts_cache_key(administrator, today=today) != before


def test_the_key_changes_with_the_day_and_the_user(administrator, coordinator):
    today = datetime.date(2026, 10, 5)
    key = alerts_cache_key(administrator, today=today)
    assert alerts_cache_key(administrator, today=today + datetime.timedelta(days=1)) != key
    assert alerts_cache_key(coordinator, today=today) != key


def test_each_coordinator_sees_their_own_municipalities(
    coordinator_client, trajectory_a, trajectory_b, municipality_a, municipality_b
):
    _short_action(trajectory_a)
    _short_action(trajectory_b)
    seen_by_a = _alerts(coordinator_client)
    assert str(municipality_a) in seen_by_a
    assert str(municipality_b) not in seen_by_a
    seen_by_b = _alerts(_client_for(make_coordinator_b(municipality_b)))
    assert str(municipality_b) in seen_by_b
    assert str(municipality_a) not in seen_by_b
