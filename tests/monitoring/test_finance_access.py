"""Who reaches the financial execution: the municipality's coordinators edit, its officials
read (a POST answers 403), anyone of another municipality gets 404."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from actionplans.models import FundingSource
from monitoring.models import FundingReceipt, Spending
from tests.monitoring import test_dashboard_rollup

pytestmark = pytest.mark.django_db

TODAY = test_dashboard_rollup.TODAY
two_actions = test_dashboard_rollup.two_actions


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _urls(trajectory, source):
    kwargs = {"trajectory_pk": trajectory.pk}
    return [
        reverse("dashboard:overview", kwargs=kwargs),
        reverse("dashboard:finance", kwargs=kwargs),
        reverse("dashboard:spending", kwargs=kwargs),
        reverse("dashboard:receipts", kwargs={**kwargs, "pk": source.pk}),
    ]


def _posts(trajectory, two_actions, source):
    kwargs = {"trajectory_pk": trajectory.pk}
    return [
        (
            reverse("dashboard:spending", kwargs=kwargs),
            {f"spent-{two_actions['action'].pk}-2026": "10"},
        ),
        (
            reverse("dashboard:receipts", kwargs={**kwargs, "pk": source.pk}),
            {
                "receipts-TOTAL_FORMS": "1",
                "receipts-INITIAL_FORMS": "0",
                "receipts-0-received_on": "2027-01-01",
                "receipts-0-amount": "10",
            },
        ),
    ]


def test_officials_of_the_municipality_read_and_change_nothing(
    two_actions, trajectory_a, official_a_client
):
    official_a_client.cookies["django_language"] = "en"
    source = FundingSource.objects.get(action=two_actions["action"])
    for url in _urls(trajectory_a, source):
        page = official_a_client.get(url)
        assert page.status_code == 200, url
        assert "Save spending" not in page.text
        assert "Save funding received" not in page.text
    for url, data in _posts(trajectory_a, two_actions, source):
        assert official_a_client.post(url, data).status_code == 403
    assert not Spending.objects.exists()
    assert not FundingReceipt.objects.exists()


def test_another_municipality_gets_404(two_actions, trajectory_a, official_b_client, coordinator_b):
    coordinator_b_client = Client()
    coordinator_b_client.force_login(coordinator_b)
    source = FundingSource.objects.get(action=two_actions["action"])
    for client in (official_b_client, coordinator_b_client):
        for url in _urls(trajectory_a, source):
            assert client.get(url).status_code == 404, url
        for url, data in _posts(trajectory_a, two_actions, source):
            assert client.post(url, data).status_code == 404
    assert not Spending.objects.exists()


def test_a_funding_source_of_another_trajectory_is_404(
    two_actions, trajectory_a, trajectory_b, coordinator_client
):
    from tests.actionplans.factories import ActionFactory

    elsewhere = FundingSource.objects.create(
        action=ActionFactory(action_plan__objective__plan__trajectory=trajectory_b),
        kind="boa",
        year=2026,
        amount=Decimal("1"),
    )
    url = reverse(
        "dashboard:receipts", kwargs={"trajectory_pk": trajectory_a.pk, "pk": elsewhere.pk}
    )
    assert coordinator_client.get(url).status_code == 404


def test_the_coordinator_sees_the_forms(two_actions, trajectory_a, coordinator_client):
    source = FundingSource.objects.get(action=two_actions["action"])
    coordinator_client.cookies["django_language"] = "en"
    spending, receipts = _urls(trajectory_a, source)[2:]
    assert "Save spending" in coordinator_client.get(spending).text
    assert "Save funding received" in coordinator_client.get(receipts).text
    FundingReceipt.objects.create(
        funding_source=source, received_on=datetime.date(2027, 1, 1), amount=Decimal("3")
    )
    assert coordinator_client.get(_urls(trajectory_a, source)[3]).status_code == 200
