"""The matrix's move buttons share one form (with the CSRF token and the filters) instead of
two forms per item: each button names its item's URL, direction and quadrant."""

import re

from django.urls import reverse


def _matrix(client, trajectory, **params) -> str:
    response = client.get(reverse("swot:matrix", kwargs={"trajectory_pk": trajectory.pk}), params)
    assert response.status_code == 200
    return response.text


def test_one_move_form_holds_the_token_and_the_filters(coordinator_client, trajectory_a, swot_a):
    page = _matrix(coordinator_client, trajectory_a, theme="schools")
    form = re.search(r'<form id="item-move".*?</form>', page, re.S).group(0)
    assert "csrfmiddlewaretoken" in form
    assert 'name="filter_theme" value="schools"' in form
    assert page.count('id="item-move"') == 1


def test_each_button_posts_its_item_and_direction(coordinator_client, trajectory_a, swot_a):
    page = _matrix(coordinator_client, trajectory_a)
    item = swot_a["W2"]
    url = reverse("swot:item_move", kwargs={"trajectory_pk": trajectory_a.pk, "pk": item.pk})
    button = re.search(rf'<button[^>]*id="move-up-{item.pk}"[^>]*>', page).group(0)
    assert 'form="item-move"' in button
    assert f'formaction="{url}"' in button
    assert f'hx-post="{url}"' in button
    assert 'name="direction" value="up"' in button
    assert 'hx-target="#quadrant-W"' in button


def test_the_shared_form_posts_a_move_as_before(coordinator_client, trajectory_a, swot_a):
    item = swot_a["W2"]
    url = reverse("swot:item_move", kwargs={"trajectory_pk": trajectory_a.pk, "pk": item.pk})
    response = coordinator_client.post(url, {"direction": "up", "filter_theme": "schools"})
    assert response.status_code == 302
    assert "theme=schools" in response.url
    item.refresh_from_db()
    assert item.priority == 1


def test_an_official_gets_no_move_form(official_a_client, trajectory_a, swot_a):
    page = _matrix(official_a_client, trajectory_a)
    assert 'id="item-move"' not in page
    assert 'form="item-move"' not in page
