"""Only an administrator grants access to a municipality, on a portal page, with history."""

import pytest
from django.urls import reverse

from municipalities.models import Membership
from plus_portal.models import User
from tests.factories import UserFactory

LIST = reverse("municipalities:membership_list")


@pytest.fixture
def newcomer(db):
    return UserFactory(
        username="newcomer", first_name="Nele", last_name="Nieuw", role=User.Role.COORDINATOR
    )


def test_an_administrator_grants_access(
    administrator_client, administrator, newcomer, municipality_a
):
    response = administrator_client.post(
        LIST, {"user": newcomer.pk, "municipality": municipality_a.pk}, follow=True
    )

    assert Membership.objects.filter(user=newcomer, municipality=municipality_a).exists()
    assert "Nele Nieuw heeft nu toegang tot Sint-Truiden" in response.text
    entry = Membership.history.get()
    assert (entry.history_type, entry.history_user) == ("+", administrator)
    assert "gaf Nele Nieuw toegang tot Sint-Truiden" in response.text


def test_a_second_grant_is_refused_with_a_message(
    administrator_client, coordinator, municipality_a
):
    response = administrator_client.post(
        LIST, {"user": coordinator.pk, "municipality": municipality_a.pk}
    )
    assert response.status_code == 200
    assert "heeft al toegang tot deze gemeente" in response.text
    assert Membership.objects.filter(user=coordinator).count() == 1


def test_an_administrator_revokes_access_and_responsibility(
    administrator_client, coordinator, trajectory_a
):
    assert coordinator in trajectory_a.responsible_coordinators()
    membership = Membership.objects.get(user=coordinator)

    response = administrator_client.post(
        reverse("municipalities:membership_revoke", args=[membership.pk]), follow=True
    )

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not trajectory_a.responsible_coordinators().exists()
    assert "heeft geen toegang meer tot Sint-Truiden" in response.text
    assert [entry.history_type for entry in Membership.history.order_by("history_date")] == [
        "+",
        "-",
    ]


@pytest.mark.parametrize("persona", ["coordinator_client", "official_a_client"])
def test_nobody_else_grants_or_revokes(request, persona, newcomer, municipality_a, coordinator):
    client = request.getfixturevalue(persona)
    membership = Membership.objects.get(user=coordinator)

    assert client.get(LIST).status_code == 403
    assert (
        client.post(LIST, {"user": newcomer.pk, "municipality": municipality_a.pk}).status_code
        == 403
    )
    revoke = reverse("municipalities:membership_revoke", args=[membership.pk])
    assert client.post(revoke).status_code == 403
    assert not Membership.objects.filter(user=newcomer).exists()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_list_runs_a_fixed_number_of_queries(
    administrator_client, municipality_a, municipality_b, django_assert_max_num_queries
):
    for number in range(60):
        user = UserFactory(username=f"user{number}", role=User.Role.COORDINATOR)
        Membership.objects.create(user=user, municipality=municipality_a)
        Membership.objects.create(user=user, municipality=municipality_b)
    with django_assert_max_num_queries(12):
        response = administrator_client.get(LIST)
    assert response.status_code == 200
