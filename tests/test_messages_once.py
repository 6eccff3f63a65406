"""A success or error message appears once on the page, however many fragments it holds."""

from django.urls import reverse


def test_starting_the_swot_says_so_once(coordinator_client, trajectory_a):
    response = coordinator_client.post(
        reverse("swot:analysis_start", kwargs={"trajectory_pk": trajectory_a.pk}), follow=True
    )
    assert response.text.count("De SWOT-analyse is gestart") == 1


def test_a_quick_add_error_in_the_matrix_shows_once(coordinator_client, trajectory_a, swot_a):
    url = reverse("swot:item_quick_add", kwargs={"trajectory_pk": trajectory_a.pk})
    response = coordinator_client.post(url, {"quadrant": "S", "theme": "childcare"}, follow=True)
    assert response.text.count("Het item werd niet toegevoegd") == 1


def test_a_comment_on_a_plan_part_is_confirmed_once(official_a_client, plan_a):
    action = plan_a["action"]
    url = reverse("comment_add", kwargs={"label": "actionplans.action", "pk": action.pk})
    response = official_a_client.post(url, {"body": "Graag ook in Brustem"}, follow=True)
    page = response.text
    assert "Graag ook in Brustem" in page
    alerts = page.count('class="alert alert-')
    assert alerts == page.count("alert-dismissible")  # every alert is a message …
    assert alerts <= 1  # … and none is shown twice
