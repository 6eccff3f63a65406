"""Asking for a password reset answers alike whether or not the address has an account: the
request only queues the address; the worker looks it up and sends Django's reset mail."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plus_portal.models import User
from plus_portal.tasks import send_password_reset

NEW_PASSWORD = "een-nieuw-wachtwoord-42"


@pytest.fixture
def queued(monkeypatch):
    """The reset tasks the request queues, once its transaction commits."""
    calls = []
    monkeypatch.setattr(
        send_password_reset, "delay", lambda *args, **kwargs: calls.append((args, kwargs))
    )
    return calls


@pytest.mark.parametrize("known", [True, False], ids=["existing address", "unknown address"])
def test_the_request_queues_one_lookup_and_never_reads_the_users(
    anonymous_client, official_a, queued, django_capture_on_commit_callbacks, known
):
    email = official_a.email if known else "niemand@example.be"
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as queries,
    ):
        response = anonymous_client.post(reverse("password_reset"), {"email": email})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    user_table = User._meta.db_table
    assert not [query["sql"] for query in queries if user_table in query["sql"]]
    assert queued == [((email,), {"domain": "testserver", "use_https": False, "language": "nl-be"})]
    assert mail.outbox == []


def test_the_worker_mails_an_existing_account_a_link_that_works(anonymous_client, official_a):
    send_password_reset(official_a.email, domain="testserver", use_https=False, language="nl-be")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [official_a.email]
    assert "nieuw wachtwoord" in message.subject.lower()
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)

    form_url = anonymous_client.get(link).url  # Django moves the token into the session
    response = anonymous_client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    official_a.refresh_from_db()
    assert official_a.check_password(NEW_PASSWORD)


def test_the_worker_sends_nothing_for_an_unknown_address(db):
    send_password_reset("niemand@example.be", domain="testserver", use_https=False, language="en")

    assert mail.outbox == []


def test_the_worker_sends_nothing_to_an_account_without_a_password(official_a):
    official_a.set_unusable_password()
    official_a.save(update_fields=["password"])

    send_password_reset(official_a.email, domain="testserver", use_https=True, language="nl-be")

    assert mail.outbox == []


def test_the_mail_is_in_the_language_of_the_request(official_a):
    send_password_reset(official_a.email, domain="plus.example.be", use_https=True, language="en")

    assert mail.outbox[0].subject == "PLUS portal: choose a new password"
    assert "https://plus.example.be/accounts/reset/" in mail.outbox[0].body
