"""``next`` brings a user back to a page of the portal, never to another site."""

import pytest
from django.urls import reverse

OUTSIDE = [
    "https://evil.example/login",
    "//evil.example/login",
    "/\\evil.example",
    "javascript:alert(1)",
    "http://testserver.evil.example/",
    "abc",
]


@pytest.mark.parametrize("next_url", OUTSIDE)
def test_parking_a_swot_item_never_redirects_elsewhere(
    coordinator_client, trajectory_a, swot_a, next_url
):
    item = swot_a["W1"]
    url = reverse("swot:item_park", kwargs={"trajectory_pk": trajectory_a.pk, "pk": item.pk})
    response = coordinator_client.post(url, {"reason": "Elders beantwoord", "next": next_url})
    assert response.status_code == 302
    assert response.url == item.get_absolute_url()


def test_parking_returns_to_a_page_of_the_portal(coordinator_client, trajectory_a, swot_a):
    item = swot_a["W1"]
    url = reverse("swot:item_park", kwargs={"trajectory_pk": trajectory_a.pk, "pk": item.pk})
    back = reverse("swot:coverage", kwargs={"trajectory_pk": trajectory_a.pk})
    response = coordinator_client.post(url, {"reason": "Elders beantwoord", "next": back})
    assert response.url == back


@pytest.mark.parametrize("next_url", OUTSIDE)
def test_commenting_never_redirects_elsewhere(official_a_client, plan_a, next_url):
    action = plan_a["action"]
    url = reverse("comment_add", kwargs={"label": "actionplans.action", "pk": action.pk})
    response = official_a_client.post(url, {"body": "Graag meer plaatsen", "next": next_url})
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
