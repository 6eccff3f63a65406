"""A coordinator gives a worker their own bridge figure's account, and can close it again."""

import datetime
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from plus_portal.models import User
from staffing.models import Placement
from tests.conftest import _client_for
from tests.factories import TEST_PASSWORD
from tests.staffing.factories import WorkerFactory


@pytest.fixture
def worker_a(trajectory_a, intake_a):
    worker = WorkerFactory(first_name="Fatma", last_name="Yilmaz", email="fatma@example.be")
    Placement.objects.create(
        worker=worker,
        trajectory=trajectory_a,
        site=intake_a["site"],
        starts_on=datetime.date(2026, 9, 1),
        hours_per_week=10,
    )
    return worker


def _account_url(worker) -> str:
    return reverse("staffing:worker_account", kwargs={"pk": worker.pk})


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_an_invitation_makes_a_bridge_figure_account_and_mails_a_link(
    celery_worker, coordinator_client, worker_a
):
    response = _english(coordinator_client).post(
        _account_url(worker_a), {"email": "Fatma.Y@example.be"}, follow=True
    )

    worker_a.refresh_from_db()
    account = worker_a.account
    assert account.role == User.Role.BRIDGE_FIGURE
    assert (account.username, account.email) == ("fatma.y@example.be", "Fatma.Y@example.be")
    assert (account.first_name, account.last_name) == ("Fatma", "Yilmaz")
    assert not account.has_usable_password()
    assert not account.memberships.exists()
    assert "on its way to Fatma.Y@example.be" in response.text

    deadline = time.monotonic() + 15
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Fatma.Y@example.be"]
    assert "/accounts/reset/" in mail.outbox[0].body
    assert "fatma.y@example.be" in mail.outbox[0].body


@pytest.fixture
def mails(monkeypatch):
    """The invitation mails queued (without a worker)."""
    from plus_portal.tasks import send_email

    queued = []
    monkeypatch.setattr(send_email, "delay_on_commit", lambda *args, **kw: queued.append(args))
    return queued


def test_an_address_of_another_account_is_refused(coordinator, coordinator_client, worker_a, mails):
    response = _english(coordinator_client).post(
        _account_url(worker_a), {"email": coordinator.email}, follow=True
    )
    assert "already belongs to an account" in response.text
    worker_a.refresh_from_db()
    assert worker_a.account is None
    assert not mails


@pytest.mark.parametrize("email", ["", "geen-adres", "a@b@c"])
def test_a_malformed_address_is_refused(coordinator_client, worker_a, mails, email):
    response = _english(coordinator_client).post(
        _account_url(worker_a), {"email": email}, follow=True
    )
    assert "Enter a valid e-mail address." in response.text
    assert not User.objects.filter(role=User.Role.BRIDGE_FIGURE).exists()


def test_a_worker_with_an_account_is_not_invited_twice(bridge_figure, coordinator_client, mails):
    worker = bridge_figure.worker
    response = _english(coordinator_client).post(
        _account_url(worker), {"email": "tweede@example.be"}, follow=True
    )
    assert "already has an account" in response.text
    assert User.objects.filter(role=User.Role.BRIDGE_FIGURE).count() == 1


def test_only_coordinators_of_the_workers_municipality_invite(
    worker_a, official_a, coordinator_b, mails
):
    for user, status in ((official_a, 404), (coordinator_b, 404)):
        response = _client_for(user).post(_account_url(worker_a), {"email": "x@example.be"})
        assert response.status_code == status
    assert _client_for(coordinator_b).get(_account_url(worker_a)).status_code == 405
    worker_a.refresh_from_db()
    assert worker_a.account is None
    assert not mails


def test_a_revoked_account_cannot_sign_in(bridge_figure, coordinator_client):
    bridge_figure.set_password(TEST_PASSWORD)
    bridge_figure.save()
    credentials = {"username": "bridge_figure", "password": TEST_PASSWORD}
    assert Client().post(reverse("login"), credentials).status_code == 302
    signed_in = _client_for(bridge_figure)
    assert signed_in.get(reverse("today:today")).status_code == 200

    coordinator_client.post(_account_url(bridge_figure.worker), {"revoke": "1"})

    bridge_figure.refresh_from_db()
    assert not bridge_figure.is_active
    browser = Client()
    answer = browser.post(
        reverse("login"), {"username": "bridge_figure", "password": TEST_PASSWORD}
    )
    assert answer.status_code == 200  # the form again, not the way in
    assert "_auth_user_id" not in browser.session
    response = signed_in.get(reverse("today:today"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_revoked_account_is_opened_again_by_a_new_invitation(
    bridge_figure, coordinator_client, mails
):
    worker = bridge_figure.worker
    coordinator_client.post(_account_url(worker), {"revoke": "1"})
    coordinator_client.post(_account_url(worker), {"email": "ahmed@example.be"})

    bridge_figure.refresh_from_db()
    assert bridge_figure.is_active
    assert bridge_figure.email == "ahmed@example.be"
    assert not bridge_figure.has_usable_password()
    assert len(mails) == 1


def test_the_worker_page_offers_the_invitation(coordinator_client, worker_a):
    text = (
        _english(coordinator_client)
        .get(reverse("staffing:worker", kwargs={"pk": worker_a.pk}))
        .text
    )
    assert _account_url(worker_a) in text
    assert "Invite to the portal" in text
