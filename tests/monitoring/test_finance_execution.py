"""Financial execution: spending against budget, funding received against planned, the gaps
flagged, the spending grid and the receipts form (all or nothing, with who saved)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from actionplans.models import FundingSource
from monitoring import finance
from monitoring.models import FundingReceipt, Spending
from tests.monitoring import test_dashboard_rollup

pytestmark = pytest.mark.django_db

TODAY = test_dashboard_rollup.TODAY
two_actions = test_dashboard_rollup.two_actions


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _url(name, trajectory, **kwargs):
    return reverse(f"dashboard:{name}", kwargs={"trajectory_pk": trajectory.pk, **kwargs})


def _grid(two_actions, **cells):
    """POST data for the grid: every cell empty but the ones given as a1_2026="12,50"."""
    data = {}
    for key, name in (("a1", "action"), ("a2", "second")):
        for year in range(2026, 2032):
            data[f"spent-{two_actions[name].pk}-{year}"] = cells.get(f"{key}_{year}", "")
    return data


def test_spending_over_budget_is_flagged(two_actions, trajectory_a, coordinator):
    Spending.objects.create(action=two_actions["action"], year=2026, amount=Decimal("19000"))
    Spending.objects.create(action=two_actions["second"], year=2026, amount=Decimal("4000"))
    overview = finance.finance_overview(trajectory_a, today=TODAY.date())
    first, second = overview.actions
    assert [cell.is_over_budget for cell in first.cells] == [True] + [False] * 5
    assert not any(cell.is_over_budget for cell in second.cells)  # equal is within budget
    # (and the BOA subsidy of 2026 has brought in nothing yet)
    assert [gap.kind for gap in overview.gaps] == ["over_budget", "funding_short"]
    assert overview.per_year[0] == finance.YearTotal(2026, Decimal("22500"), Decimal("23000"))
    assert overview.per_year[1] == finance.YearTotal(2027, Decimal("2500"), Decimal("0"))


def test_funding_short_after_its_year_is_flagged(two_actions, trajectory_a):
    boa = FundingSource.objects.get(action=two_actions["action"])  # € 18.500 in 2026
    current = FundingSource.objects.create(
        action=two_actions["second"], kind="municipal", year=2027, amount=Decimal("2500")
    )
    FundingReceipt.objects.create(
        funding_source=boa, received_on=datetime.date(2026, 10, 1), amount=Decimal("10000")
    )
    overview = finance.finance_overview(trajectory_a, today=TODAY.date())
    rows = {row.source.pk: row for row in overview.funding}
    assert rows[boa.pk].received == Decimal("10000")
    assert rows[boa.pk].is_short_after_its_year
    # 2027 is not over yet: nothing received is no gap (yet).
    assert not rows[current.pk].is_short_after_its_year
    assert [gap.kind for gap in overview.gaps] == ["funding_short"]
    assert (overview.planned_funding, overview.received_funding) == (
        Decimal("21000"),
        Decimal("10000"),
    )


def test_a_call_deadline_passed_without_receipt_is_flagged(two_actions, trajectory_a):
    missed = FundingSource.objects.create(
        action=two_actions["second"],
        kind="project_subsidy",
        year=2027,
        amount=Decimal("3000"),
        call_name="Oproep zomerwerking",
        call_deadline=datetime.date(2027, 3, 1),
    )
    coming = FundingSource.objects.create(
        action=two_actions["second"],
        kind="partner",
        year=2027,
        amount=Decimal("500"),
        call_deadline=datetime.date(2027, 4, 1),
    )
    overview = finance.finance_overview(trajectory_a, today=TODAY.date())
    rows = {row.source.pk: row for row in overview.funding}
    assert rows[missed.pk].is_deadline_missed
    assert not rows[coming.pk].is_deadline_missed
    FundingReceipt.objects.create(
        funding_source=missed, received_on=datetime.date(2027, 3, 10), amount=Decimal("1")
    )
    overview = finance.finance_overview(trajectory_a, today=TODAY.date())
    assert not {row.source.pk: row for row in overview.funding}[missed.pk].is_deadline_missed


def test_without_a_plan_in_force_there_is_nothing_to_follow(plan_a, trajectory_a):
    overview = finance.finance_overview(trajectory_a, today=TODAY.date())
    assert (overview.version, overview.actions, overview.funding) == (None, [], [])


def test_the_coordinator_saves_the_grid_with_their_name(
    two_actions, trajectory_a, coordinator, coordinator_client
):
    Spending.objects.create(action=two_actions["second"], year=2027, amount=Decimal("100"))
    data = _grid(two_actions, a1_2026="18.250,50", a2_2026="3900")
    response = coordinator_client.post(_url("spending", trajectory_a), data)
    assert response.status_code == 302
    saved = {(s.action_id, s.year): s for s in Spending.objects.all()}
    assert {key: s.amount for key, s in saved.items()} == {
        (two_actions["action"].pk, 2026): Decimal("18250.50"),
        (two_actions["second"].pk, 2026): Decimal("3900"),
    }  # the emptied 2027 cell removed its row
    row = saved[(two_actions["action"].pk, 2026)]
    assert row.recorded_by == coordinator
    assert row.history.first().history_user == coordinator


def test_one_bad_cell_saves_nothing(two_actions, trajectory_a, coordinator_client):
    coordinator_client.cookies["django_language"] = "en"
    data = _grid(two_actions, a1_2026="1000", a2_2026="-5")
    response = coordinator_client.post(_url("spending", trajectory_a), data)
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert not Spending.objects.exists()


def test_the_service_refuses_an_action_outside_the_plan_in_force(
    two_actions, trajectory_a, coordinator
):
    from django.core.exceptions import ValidationError

    from tests.actionplans.factories import ActionFactory

    later = ActionFactory(action_plan=two_actions["action_plan"])  # added after approval
    with pytest.raises(ValidationError):
        finance.spending_save(
            trajectory=trajectory_a,
            amounts={
                (two_actions["action"].pk, 2026): Decimal("5"),
                (later.pk, 2026): Decimal("1"),
            },
            by=coordinator,
        )
    assert not Spending.objects.exists()


def test_receipts_are_added_changed_and_removed_at_once(
    two_actions, trajectory_a, coordinator, coordinator_client
):
    boa = FundingSource.objects.get(action=two_actions["action"])
    old = FundingReceipt.objects.create(
        funding_source=boa, received_on=datetime.date(2026, 10, 1), amount=Decimal("100")
    )
    gone = FundingReceipt.objects.create(
        funding_source=boa, received_on=datetime.date(2026, 11, 1), amount=Decimal("5")
    )
    data = {
        "receipts-TOTAL_FORMS": "3",
        "receipts-INITIAL_FORMS": "2",
        "receipts-0-pk": str(old.pk),
        "receipts-0-received_on": "2026-10-02",
        "receipts-0-amount": "9250",
        "receipts-0-note": "Eerste schijf",
        "receipts-1-pk": str(gone.pk),
        "receipts-1-received_on": "2026-11-01",
        "receipts-1-amount": "5",
        "receipts-1-delete": "on",
        "receipts-2-received_on": "2027-02-01",
        "receipts-2-amount": "9250",
    }
    response = coordinator_client.post(_url("receipts", trajectory_a, pk=boa.pk), data)
    assert response.status_code == 302
    receipts = list(FundingReceipt.objects.order_by("received_on"))
    assert [(r.received_on, r.amount, r.note) for r in receipts] == [
        (datetime.date(2026, 10, 2), Decimal("9250"), "Eerste schijf"),
        (datetime.date(2027, 2, 1), Decimal("9250"), ""),
    ]
    assert {r.recorded_by for r in receipts} == {coordinator}
    assert receipts[1].history.first().history_user == coordinator


def test_a_half_filled_receipt_saves_nothing(two_actions, trajectory_a, coordinator_client):
    boa = FundingSource.objects.get(action=two_actions["action"])
    data = {
        "receipts-TOTAL_FORMS": "2",
        "receipts-INITIAL_FORMS": "0",
        "receipts-0-received_on": "2027-02-01",
        "receipts-0-amount": "100",
        "receipts-1-amount": "50",
    }
    response = coordinator_client.post(_url("receipts", trajectory_a, pk=boa.pk), data)
    assert response.status_code == 200
    assert not FundingReceipt.objects.exists()


def test_a_receipt_of_another_source_is_refused(two_actions, trajectory_a, coordinator_client):
    boa = FundingSource.objects.get(action=two_actions["action"])
    other = FundingSource.objects.create(
        action=two_actions["second"], kind="municipal", year=2027, amount=Decimal("2500")
    )
    foreign = FundingReceipt.objects.create(
        funding_source=other, received_on=datetime.date(2027, 1, 5), amount=Decimal("7")
    )
    data = {
        "receipts-TOTAL_FORMS": "1",
        "receipts-INITIAL_FORMS": "0",
        "receipts-0-pk": str(foreign.pk),
        "receipts-0-received_on": "2027-02-01",
        "receipts-0-amount": "100",
    }
    response = coordinator_client.post(_url("receipts", trajectory_a, pk=boa.pk), data)
    assert response.status_code == 200
    foreign.refresh_from_db()
    assert (foreign.funding_source, foreign.amount) == (other, Decimal("7"))
