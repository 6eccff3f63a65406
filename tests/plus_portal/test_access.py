"""Who reaches a trajectory and the pages hanging off it."""

import pytest
from django.urls import reverse

from municipalities.models import Membership, Trajectory
from plus_portal.access import trajectory_for

TRAJECTORY_PAGES = [
    "municipalities:trajectory_detail",
    "swot:matrix",
    "actionplans:plan",
    "staffing:municipality",
]


def _url(name: str, trajectory) -> str:
    kwarg = "pk" if name.startswith("municipalities:") else "trajectory_pk"
    return reverse(name, kwargs={kwarg: trajectory.pk})


@pytest.mark.parametrize("name", TRAJECTORY_PAGES)
def test_official_of_another_municipality_gets_404(name, official_b_client, trajectory_a):
    assert official_b_client.get(_url(name, trajectory_a)).status_code == 404


@pytest.mark.parametrize("name", TRAJECTORY_PAGES)
def test_official_of_the_municipality_reads(name, official_a_client, trajectory_a):
    response = official_a_client.get(_url(name, trajectory_a))
    assert response.status_code == 200
    assert "Sint-Truiden" in response.text


@pytest.mark.parametrize("name", TRAJECTORY_PAGES)
def test_anonymous_is_sent_to_login(name, anonymous_client, trajectory_a):
    url = _url(name, trajectory_a)
    response = anonymous_client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_coordinator_reaches_only_the_municipalities_they_coordinate(
    coordinator_client, trajectory_a, trajectory_b
):
    assert coordinator_client.get(_url(TRAJECTORY_PAGES[0], trajectory_a)).status_code == 200
    assert coordinator_client.get(_url(TRAJECTORY_PAGES[0], trajectory_b)).status_code == 404


def test_administrator_reaches_every_trajectory(administrator_client, trajectory_a, trajectory_b):
    for trajectory in (trajectory_a, trajectory_b):
        assert administrator_client.get(_url(TRAJECTORY_PAGES[0], trajectory)).status_code == 200


def test_official_b_does_not_see_municipality_a(official_b_client, municipality_a):
    url = reverse("municipalities:municipality_detail", kwargs={"pk": municipality_a.pk})
    assert official_b_client.get(url).status_code == 404


def test_visible_to_keeps_each_official_to_their_own(
    official_a, official_b, trajectory_a, trajectory_b
):
    assert list(Trajectory.objects.visible_to(official_a)) == [trajectory_a]
    assert list(Trajectory.objects.visible_to(official_b)) == [trajectory_b]


def test_write_access_is_forbidden_to_officials(official_a, trajectory_a):
    from django.core.exceptions import PermissionDenied

    assert trajectory_for(official_a, trajectory_a.pk) == trajectory_a
    with pytest.raises(PermissionDenied):
        trajectory_for(official_a, trajectory_a.pk, write=True)


def test_write_access_is_granted_to_the_coordinator(coordinator, trajectory_a):
    assert trajectory_for(coordinator, trajectory_a.pk, write=True) == trajectory_a


def test_a_page_reads_its_viewers_memberships_once(
    coordinator, trajectory_a, trajectory_b, django_assert_num_queries
):
    """A page asks whether its viewer may change each object it shows; the user object of
    the request answers from one read of the memberships."""
    with django_assert_num_queries(1):
        assert trajectory_a.editable_by(coordinator)
        assert not trajectory_b.editable_by(coordinator)
        assert coordinator.is_member_of(trajectory_a.municipality)
        assert not coordinator.is_member_of(trajectory_b.municipality_id)


def test_each_request_reads_the_memberships_again(client, coordinator, trajectory_b):
    """A membership granted between two requests counts on the second."""
    client.force_login(coordinator)
    url = reverse("swot:matrix", kwargs={"trajectory_pk": trajectory_b.pk})
    assert client.get(url).status_code == 404
    coordinator.memberships.create(municipality=trajectory_b.municipality)
    assert client.get(url).status_code == 200


def test_a_membership_saved_or_deleted_with_the_same_user_counts_at_once(coordinator, trajectory_b):
    assert not trajectory_b.editable_by(coordinator)
    membership = Membership.objects.create(user=coordinator, municipality=trajectory_b.municipality)
    assert trajectory_b.editable_by(coordinator)
    membership.delete()
    assert not trajectory_b.editable_by(coordinator)
