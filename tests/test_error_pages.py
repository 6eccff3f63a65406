"""Error pages speak Dutch, and a refusal says why when the portal knows."""

from django.urls import reverse


def test_a_bad_request_answers_in_dutch(coordinator_client, trajectory_a, swot_a):
    url = reverse("swot:item_quick_add", kwargs={"trajectory_pk": trajectory_a.pk})
    response = coordinator_client.post(url, {"quadrant": "X"})
    assert response.status_code == 400
    assert "Ongeldige vraag" in response.text


def test_not_found_answers_in_dutch(coordinator_client):
    response = coordinator_client.get("/trajectories/987654/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


def test_a_refusal_says_why(coordinator_client):
    response = coordinator_client.get(reverse("municipalities:membership_list"))
    assert response.status_code == 403
    assert "Alleen IN-Z-beheerders geven of ontnemen toegang" in response.text
