"""An individueel maatwerk (IMW) contract has at least 24 hours a week: the worker's file
refuses fewer, with the reason, and other regimes keep any part-time contract."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from staffing.models import IMW_MIN_HOURS_PER_WEEK, Worker

D = datetime.date
MESSAGE = "An IMW contract has at least 24 hours a week."

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def _worker(**fields) -> Worker:
    values = {
        "first_name": "Kevin",
        "last_name": "Martens",
        "function": Worker.Function.BKO_SUPPORT,
        "regime": Worker.Regime.IMW,
        "languages": ["nl"],
        "age_group_experience": [],
        "contract_starts_on": D(2025, 1, 1),
        "trajectory_starts_on": D(2025, 1, 1),
        "hours_per_week": Decimal("24"),
    }
    return Worker(**(values | fields))


def test_the_minimum_is_24_hours():
    assert Decimal("24") == IMW_MIN_HOURS_PER_WEEK


def test_an_imw_contract_of_exactly_24_hours_is_kept():
    _worker(hours_per_week=Decimal("24")).full_clean()


def test_an_imw_contract_of_23_9_hours_is_refused_on_the_hours():
    with pytest.raises(ValidationError) as refused:
        _worker(hours_per_week=Decimal("23.9")).full_clean()
    assert refused.value.message_dict == {"hours_per_week": [MESSAGE]}


@pytest.mark.parametrize(
    "regime", [Worker.Regime.LDE, Worker.Regime.COLLECTIVE, Worker.Regime.OTHER]
)
def test_other_regimes_keep_a_shorter_contract(regime):
    _worker(
        regime=regime, hours_per_week=Decimal("19"), contract_starts_on=D(2023, 1, 1)
    ).full_clean()


def _post(client, hours: str):
    client.cookies["django_language"] = "en"
    return client.post(
        reverse("staffing:worker_create"),
        {
            "first_name": "Kevin",
            "last_name": "Martens",
            "function": Worker.Function.BKO_SUPPORT,
            "languages": ["nl"],
            "regime": Worker.Regime.IMW,
            "contract_starts_on": "2026-09-01",
            "hours_per_week": hours,
            "trajectory_starts_on": "2026-09-01",
        },
    )


def test_the_worker_form_refuses_23_9_hours_with_the_reason(coordinator_client):
    response = _post(coordinator_client, "23.9")
    assert response.status_code == 200
    assert MESSAGE in response.text
    assert not Worker.objects.exists()


def test_the_worker_form_keeps_24_hours(coordinator_client):
    assert _post(coordinator_client, "24").status_code == 302
    assert Worker.objects.get().hours_per_week == Decimal("24")
