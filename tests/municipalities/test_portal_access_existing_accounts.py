"""A contact whose address already has an official's account: linked within the municipality,
never given a second municipality (only an administrator links accounts), and never told which
municipality the account has."""

import pytest
from django.urls import reverse

from municipalities.models import Contact, Membership
from plus_portal.models import User
from tests.factories import UserFactory


@pytest.fixture
def client_in_english(coordinator_client):
    coordinator_client.cookies["django_language"] = "en"
    return coordinator_client


def _grant(client, contact, callbacks):
    with callbacks(execute=False) as queued:
        response = client.post(
            reverse(
                "municipalities:contact_portal_access",
                kwargs={"pk": contact.trajectory_id, "record_pk": contact.pk},
            ),
            follow=True,
        )
    return response, queued


def test_an_official_of_another_municipality_is_refused(
    client_in_english, trajectory_a, official_b, municipality_b, django_capture_on_commit_callbacks
):
    contact = Contact.objects.create(
        trajectory=trajectory_a, name="Ann Peeters", email=official_b.email.upper()
    )

    response, queued = _grant(client_in_english, contact, django_capture_on_commit_callbacks)

    assert (
        "This e-mail address already has an account for another municipality; an administrator "
        "can link accounts." in response.text
    )
    assert municipality_b.name_nl not in response.text
    assert list(
        Membership.objects.filter(user=official_b).values_list("municipality", flat=True)
    ) == [municipality_b.pk]
    contact.refresh_from_db()
    assert contact.user is None
    assert queued == []  # no invitation e-mail


def test_an_official_of_this_municipality_is_linked_without_a_new_membership(
    client_in_english, trajectory_a, official_a, django_capture_on_commit_callbacks
):
    contact = Contact.objects.create(
        trajectory=trajectory_a, name="Koen Vanhees", email=official_a.email.upper()
    )

    response, queued = _grant(client_in_english, contact, django_capture_on_commit_callbacks)

    assert "Koen Vanhees can now use the portal" in response.text
    contact.refresh_from_db()
    assert contact.user == official_a
    assert Membership.objects.filter(user=official_a).count() == 1
    assert len(queued) == 1  # the invitation


def test_an_official_of_this_and_another_municipality_is_linked_as_they_are(
    client_in_english,
    trajectory_a,
    municipality_a,
    municipality_b,
    django_capture_on_commit_callbacks,
):
    both = UserFactory(
        username="both", role=User.Role.OFFICIAL, municipalities=[municipality_a, municipality_b]
    )
    contact = Contact.objects.create(trajectory=trajectory_a, name="Both", email=both.email)

    _grant(client_in_english, contact, django_capture_on_commit_callbacks)

    contact.refresh_from_db()
    assert contact.user == both
    assert Membership.objects.filter(user=both).count() == 2


def test_an_official_without_a_municipality_gets_this_one(
    client_in_english, trajectory_a, municipality_a, django_capture_on_commit_callbacks
):
    loose = UserFactory(username="loose", role=User.Role.OFFICIAL)
    contact = Contact.objects.create(trajectory=trajectory_a, name="Loose", email=loose.email)

    _grant(client_in_english, contact, django_capture_on_commit_callbacks)

    contact.refresh_from_db()
    assert contact.user == loose
    assert list(Membership.objects.filter(user=loose).values_list("municipality", flat=True)) == [
        municipality_a.pk
    ]
