"""A coordinator gives a municipal contact an official's account; the invitation is e-mailed
by the worker."""

import time

from django.core import mail
from django.urls import reverse

from municipalities.models import Contact, Membership
from plus_portal.models import User


def _grant(client, trajectory, contact):
    return client.post(
        reverse(
            "municipalities:contact_portal_access",
            kwargs={"pk": trajectory.pk, "record_pk": contact.pk},
        ),
        follow=True,
    )


def test_contact_becomes_an_official_of_this_municipality(
    celery_worker, coordinator_client, trajectory_a
):
    contact = Contact.objects.create(
        trajectory=trajectory_a, name="Koen Vanhees", email="Koen.Vanhees@sint-truiden.be"
    )

    response = _grant(coordinator_client, trajectory_a, contact)

    user = User.objects.get(email="Koen.Vanhees@sint-truiden.be")
    assert user.role == User.Role.OFFICIAL
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, municipality=trajectory_a.municipality).exists()
    contact.refresh_from_db()
    assert contact.user == user
    assert "kan het portaal nu gebruiken" in response.text

    deadline = time.monotonic() + 15
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Koen.Vanhees@sint-truiden.be"]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_contact_without_email_is_refused(coordinator_client, trajectory_a):
    contact = Contact.objects.create(trajectory=trajectory_a, name="Zonder Mail")
    response = _grant(coordinator_client, trajectory_a, contact)
    assert "heeft een e-mailadres nodig" in response.text
    assert not User.objects.filter(first_name="Zonder").exists()


def test_an_inz_address_is_never_turned_into_an_official(
    coordinator, coordinator_client, trajectory_a
):
    contact = Contact.objects.create(trajectory=trajectory_a, name="X", email=coordinator.email)
    response = _grant(coordinator_client, trajectory_a, contact)
    assert "hoort bij een IN-Z-account" in response.text
    coordinator.refresh_from_db()
    assert coordinator.role == User.Role.COORDINATOR
