"""Logging in, and the lockout policy of the README's "Login lockout" paragraph."""

from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from tests.factories import TEST_PASSWORD


def _login(client, username: str, password: str, **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def _fail_up_to_the_limit(client, settings, username: str, **headers) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, username, "wrong", **headers)


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


def test_failures_up_to_the_limit_lock_that_username(anonymous_client, settings, official_a):
    _fail_up_to_the_limit(anonymous_client, settings, "official_a")

    response = _login(anonymous_client, "official_a", TEST_PASSWORD)

    assert response.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in response.text
    assert "_auth_user_id" not in anonymous_client.session


def test_one_failure_fewer_than_the_limit_still_lets_the_right_password_in(
    anonymous_client, settings, official_a
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(anonymous_client, "official_a", "wrong")

    assert _login(anonymous_client, "official_a", TEST_PASSWORD).status_code == 302


def test_failures_from_as_many_addresses_lock_the_account_from_every_address(
    anonymous_client, settings, official_a
):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = _login(
            anonymous_client, "official_a", "wrong", REMOTE_ADDR=f"198.51.100.{attempt + 1}"
        )
        assert response.status_code in {200, 429}

    response = _login(anonymous_client, "official_a", TEST_PASSWORD, REMOTE_ADDR="203.0.113.99")

    assert response.status_code == 429
    assert "_auth_user_id" not in anonymous_client.session


def test_lockout_does_not_affect_another_username(
    anonymous_client, settings, official_a, official_b
):
    _fail_up_to_the_limit(anonymous_client, settings, "official_a")

    assert _login(anonymous_client, "official_b", TEST_PASSWORD).status_code == 302


def test_failures_for_other_usernames_from_a_shared_address_do_not_lock_a_colleague(
    anonymous_client, settings, official_a, official_b
):
    # Every office of a municipality reaches the portal through one NAT address.
    office = {"REMOTE_ADDR": "192.0.2.10"}
    for attempt in range(settings.AXES_FAILURE_LIMIT * 3):
        _login(anonymous_client, f"guess-{attempt % 4}", "wrong", **office)
    _fail_up_to_the_limit(anonymous_client, settings, "official_a", **office)

    assert _login(anonymous_client, "official_b", TEST_PASSWORD, **office).status_code == 302


def test_an_administrator_unlocks_an_account(anonymous_client, settings, official_a):
    _fail_up_to_the_limit(anonymous_client, settings, "official_a")

    call_command("axes_reset_username", "official_a", verbosity=0)

    assert _login(anonymous_client, "official_a", TEST_PASSWORD).status_code == 302


def test_choosing_a_new_password_through_the_mailed_link_ends_the_lockout(
    anonymous_client, settings, official_a
):
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    _fail_up_to_the_limit(anonymous_client, settings, "official_a")
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(official_a.pk)),
            "token": default_token_generator.make_token(official_a),
        },
    )
    form = anonymous_client.get(link, follow=True)
    new_password = "Nieuw-wachtwoord-2026!"
    done = anonymous_client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    assert done.status_code == 302
    assert _login(anonymous_client, "official_a", new_password).status_code == 302


def test_behind_a_trusted_proxy_the_address_comes_from_x_forwarded_for(
    anonymous_client, settings, official_a
):
    settings.PLUS_TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it was connected from; what the client wrote stays left.
    _login(
        anonymous_client,
        "official_a",
        "wrong",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.66, 203.0.113.7",
    )

    assert AccessAttempt.objects.get(username="official_a").ip_address == "203.0.113.7"


def test_behind_two_trusted_proxies_the_second_address_from_the_right_is_the_client(
    anonymous_client, settings, official_a
):
    settings.PLUS_TRUSTED_PROXY_COUNT = 2
    _login(
        anonymous_client,
        "official_a",
        "wrong",
        REMOTE_ADDR="10.0.0.3",
        HTTP_X_FORWARDED_FOR="192.0.2.66, 203.0.113.7, 10.0.0.2",
    )

    assert AccessAttempt.objects.get(username="official_a").ip_address == "203.0.113.7"


def test_without_a_trusted_proxy_a_forged_x_forwarded_for_is_ignored(
    anonymous_client, settings, official_a
):
    settings.PLUS_TRUSTED_PROXY_COUNT = 0
    _login(
        anonymous_client,
        "official_a",
        "wrong",
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="192.0.2.66",
    )

    assert AccessAttempt.objects.get(username="official_a").ip_address == "203.0.113.7"


def test_a_request_that_skipped_the_proxy_is_recorded_under_its_own_address(
    anonymous_client, settings, official_a
):
    settings.PLUS_TRUSTED_PROXY_COUNT = 1
    _login(
        anonymous_client,
        "official_a",
        "wrong",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="nonsense",
    )

    assert AccessAttempt.objects.get(username="official_a").ip_address == "10.0.0.2"


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
