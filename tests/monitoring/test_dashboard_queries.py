"""The dashboard and the financial execution read a fixed number of queries, however many
sessions, attendance records, indicators and funding sources there are."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import FundingSource
from execution.models import Attendance, Session
from monitoring.models import FundingReceipt, Indicator, IndicatorTarget, Spending
from tests.monitoring import test_dashboard_rollup

pytestmark = pytest.mark.django_db

TODAY = test_dashboard_rollup.TODAY
two_actions = test_dashboard_rollup.two_actions
_today = test_dashboard_rollup._today


def _add_sessions(two_actions, count: int, start: int) -> None:
    action = two_actions["action"]
    site = action.sites.first()
    first = datetime.date(2026, 9, 1)
    sessions = Session.objects.bulk_create(
        Session(
            trajectory=action.trajectory,
            action=action,
            site=site if number % 3 else None,
            place_key=f"site-{site.pk}" if number % 3 else "central",
            slot="after_school" if number % 2 else "wednesday",
            planned_on=first + datetime.timedelta(days=number),
            day=first + datetime.timedelta(days=number),
            expected_children=14,
        )
        for number in range(start, start + count)
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, children_5_10=10, children_11_15=2) for session in sessions
    )


def _add_money_and_indicators(two_actions, number: int) -> None:
    objective = two_actions["objective"]
    for key in ("attendance_per_session", "sessions_held"):
        indicator = Indicator.objects.create(
            objective=objective, name=f"{key} {number}", computed_key=key
        )
        IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal("10"))
    Indicator.objects.create(objective=objective, name=f"Handmatig {number}")
    source = FundingSource.objects.create(
        action=two_actions["second"], kind="partner", year=2026, amount=Decimal(number + 1)
    )
    FundingReceipt.objects.create(
        funding_source=source, received_on=datetime.date(2026, 12, 1), amount=Decimal(1)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("name", ["dashboard:overview", "dashboard:finance", "dashboard:spending"])
def test_the_same_queries_for_10_and_500_sessions(
    name, two_actions, trajectory_a, coordinator_client
):
    url = reverse(name, kwargs={"trajectory_pk": trajectory_a.pk})
    Spending.objects.create(action=two_actions["action"], year=2026, amount=Decimal(5))
    _add_sessions(two_actions, 10, 0)
    _add_money_and_indicators(two_actions, 0)
    coordinator_client.get(url)  # warm the session and caches
    few = _queries(coordinator_client, url)
    _add_sessions(two_actions, 490, 10)
    for number in range(1, 6):
        _add_money_and_indicators(two_actions, number)
    assert _queries(coordinator_client, url) == few
    assert few <= 30
