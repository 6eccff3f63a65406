from django.urls import reverse

from tests.factories import TEST_PASSWORD


def _login(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_and_logout(anonymous_client, official_a):
    response = _login(anonymous_client, "official_a", TEST_PASSWORD)
    assert response.status_code == 302
    assert anonymous_client.get(reverse("home")).status_code == 302  # on to their municipality

    anonymous_client.post(reverse("logout"))
    assert anonymous_client.get(reverse("home")).url.startswith(reverse("login"))


def test_wrong_password_is_told_in_dutch(anonymous_client, official_a):
    response = _login(anonymous_client, "official_a", "wrong")
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.text


def test_five_failures_lock_that_username_from_that_address(anonymous_client, official_a):
    for _attempt in range(5):
        _login(anonymous_client, "official_a", "wrong")

    response = _login(anonymous_client, "official_a", TEST_PASSWORD)

    assert response.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in response.text
    assert "_auth_user_id" not in anonymous_client.session


def test_lockout_does_not_affect_another_username(anonymous_client, official_a, official_b):
    for _attempt in range(5):
        _login(anonymous_client, "official_a", "wrong")

    assert _login(anonymous_client, "official_b", TEST_PASSWORD).status_code == 302


def test_password_change(official_a_client, official_a):
    response = official_a_client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "een-nieuw-wachtwoord-42",
            "new_password2": "een-nieuw-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    official_a.refresh_from_db()
    assert official_a.check_password("een-nieuw-wachtwoord-42")
