"""The coordinator's to-do page runs the same queries for 2 municipalities as for 55."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.models import Membership
from plus_portal.comments import comment_add
from plus_portal.models import User
from tests.actionplans.factories import ActionFactory
from tests.factories import TrajectoryFactory, UserFactory
from tests.swot.factories import SwotItemFactory


def _remarks_in(count: int, coordinator: User) -> list:
    targets = []
    for _ in range(count):
        trajectory = TrajectoryFactory()
        Membership.objects.create(user=coordinator, municipality=trajectory.municipality)
        official = UserFactory(role=User.Role.OFFICIAL, municipalities=[trajectory.municipality])
        action = ActionFactory(action_plan__objective__plan__trajectory=trajectory)
        item = SwotItemFactory(analysis__trajectory=trajectory)
        comment_add(target=action, author=official, body=f"Vraag bij {action.code}")
        comment_add(target=item, author=official, body="Klopt dit cijfer?")
        targets += [action, item]
    return targets


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("inbox"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_inbox_runs_a_fixed_number_of_queries(client):
    coordinator = UserFactory(role=User.Role.COORDINATOR)
    client.force_login(coordinator)
    _remarks_in(2, coordinator)
    _queries(client)  # content types are cached after the first request
    few = _queries(client)

    _remarks_in(53, coordinator)
    many = _queries(client)

    assert many == few


@pytest.mark.django_db
def test_the_inbox_names_and_links_each_remark_on_pages_of_fifty(client):
    coordinator = UserFactory(role=User.Role.COORDINATOR)
    client.force_login(coordinator)
    targets = _remarks_in(30, coordinator)

    first = client.get(reverse("inbox")).text
    second = client.get(reverse("inbox"), {"page": 2}).text

    assert first.count("Klopt dit cijfer?") + second.count("Klopt dit cijfer?") == 30
    assert first.count("<article") == 50
    pages = first + second
    assert all(f'href="{target.get_absolute_url()}#comments"' in pages for target in targets)
