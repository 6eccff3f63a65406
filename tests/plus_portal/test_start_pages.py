from django.urls import reverse


def test_official_starts_on_their_municipality(official_a_client, municipality_a, trajectory_a):
    response = official_a_client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "municipalities:municipality_detail", kwargs={"pk": municipality_a.pk}
    )
    assert "Sint-Truiden" in response.text
    assert reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory_a.pk}) in (
        response.text
    )


def test_coordinator_starts_on_their_portfolio(coordinator_client, trajectory_a, trajectory_b):
    response = coordinator_client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("portfolio:portfolio")
    assert "Sint-Truiden" in response.text
    assert "Tienen" not in response.text


def test_administrator_sees_all_trajectories(administrator_client, trajectory_a, trajectory_b):
    response = administrator_client.get(reverse("municipalities:trajectory_list"))
    assert "Sint-Truiden" in response.text
    assert "Tienen" in response.text


def test_navigation_shows_only_what_the_role_may_use(official_a_client, administrator_client):
    official_page = official_a_client.get(reverse("home"), follow=True).text
    assert f'href="{reverse("admin:index")}"' not in official_page
    assert f'href="{reverse("municipalities:trajectory_list")}"' not in official_page
    assert (
        reverse("admin:index")
        in administrator_client.get(reverse("municipalities:trajectory_list")).text
    )


def test_anonymous_home_asks_to_log_in(anonymous_client):
    response = anonymous_client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_health_answers(anonymous_client, db):
    assert anonymous_client.get(reverse("health")).json() == {"status": "ok"}
