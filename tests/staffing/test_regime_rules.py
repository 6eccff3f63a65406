"""The rules belong to the funding regime: LDE has a term of five years (six with a reason) and
takes no new employment after 30 June 2023; an IMW attest holds five years and is renewed; a
collective work-support package is re-evaluated, never ended."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from staffing.models import Worker
from staffing.rules import (
    attest_renewal_due,
    package_reevaluation_due,
    placement_default_end,
    trajectory_end,
    trajectory_ends_soon,
    validate_placement,
)
from tests.factories import TrajectoryFactory
from tests.staffing.factories import PlacementFactory, WorkerFactory

D = datetime.date

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def _worker(**fields) -> Worker:
    values = {
        "first_name": "Ahmed",
        "last_name": "Benali",
        "function": Worker.Function.BRIDGE_FIGURE,
        "regime": Worker.Regime.LDE,
        "languages": ["nl"],
        "age_group_experience": [],
        "contract_starts_on": D(2023, 6, 30),
        "trajectory_starts_on": D(2023, 6, 30),
        "hours_per_week": 30,
    }
    return Worker(**(values | fields))


# LDE: no new employment after 30 June 2023 ------------------------------------------------


def test_an_lde_employment_starting_on_30_june_2023_is_kept():
    _worker(contract_starts_on=D(2023, 6, 30)).full_clean()


def test_an_lde_employment_starting_on_1_july_2023_is_refused_with_the_reason():
    with pytest.raises(ValidationError) as refused:
        _worker(contract_starts_on=D(2023, 7, 1), trajectory_starts_on=D(2023, 7, 1)).full_clean()
    assert any("after 30 June 2023" in message for message in refused.value.messages)


@pytest.mark.parametrize("regime", [Worker.Regime.IMW, Worker.Regime.COLLECTIVE])
def test_customised_work_may_start_after_june_2023(regime):
    _worker(regime=regime, contract_starts_on=D(2023, 7, 1)).full_clean()


def test_the_database_refuses_a_new_lde_employment_too():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        WorkerFactory(regime=Worker.Regime.LDE, contract_starts_on=D(2024, 1, 1))


def test_the_worker_form_says_why_a_new_lde_employment_is_refused(coordinator_client):
    from django.urls import reverse

    coordinator_client.cookies["django_language"] = "en"
    response = coordinator_client.post(
        reverse("staffing:worker_create"),
        {
            "first_name": "Nieuw",
            "last_name": "Werker",
            "function": Worker.Function.BRIDGE_FIGURE,
            "languages": ["nl"],
            "regime": Worker.Regime.LDE,
            "contract_starts_on": "2023-07-01",
            "hours_per_week": "30",
            "trajectory_starts_on": "2023-07-01",
        },
    )
    assert response.status_code == 200
    assert not Worker.objects.filter(last_name="Werker").exists()
    assert "No new employment in the local services economy (LDE) starts after 30 June 2023" in (
        response.text
    )


# LDE: five years, six with a reason --------------------------------------------------------


def test_an_lde_trajectory_lasts_five_years_or_six_when_extended():
    assert trajectory_end(_worker(trajectory_starts_on=D(2022, 3, 1))) == D(2027, 2, 28)
    extended = _worker(
        trajectory_starts_on=D(2022, 3, 1), extended_to_six_years=True, extension_reason="Ziekte"
    )
    assert trajectory_end(extended) == D(2028, 2, 29)


def test_a_sixth_year_needs_a_reason():
    with pytest.raises(ValidationError) as refused:
        _worker(extended_to_six_years=True).full_clean()
    assert "extension_reason" in refused.value.message_dict


@pytest.mark.parametrize("regime", [Worker.Regime.IMW, Worker.Regime.COLLECTIVE])
def test_only_lde_has_a_term_and_a_sixth_year(regime):
    worker = _worker(regime=regime, trajectory_starts_on=D(2015, 1, 1))
    assert trajectory_end(worker) is None
    assert not trajectory_ends_soon(worker, today=D(2026, 12, 1))
    with pytest.raises(ValidationError) as refused:
        _worker(regime=regime, extended_to_six_years=True, extension_reason="x").full_clean()
    assert "extended_to_six_years" in refused.value.message_dict


def test_an_imw_placement_is_not_bounded_by_a_trajectory_term():
    worker = WorkerFactory(
        regime=Worker.Regime.IMW,
        contract_starts_on=D(2015, 1, 1),
        trajectory_starts_on=D(2015, 1, 1),
    )
    placement = PlacementFactory.build(
        worker=worker, trajectory=TrajectoryFactory(), starts_on=D(2026, 9, 1), ends_on=None
    )
    assert not [e for e in validate_placement(placement, []) if "trajectory ends" in e]


# IMW: attest valid at most five years, renewable ------------------------------------------


def test_an_imw_attest_holds_five_years_at_most():
    _worker(
        regime=Worker.Regime.IMW, vdab_attest_on=D(2024, 3, 1), vdab_valid_until=D(2029, 2, 28)
    ).full_clean()
    with pytest.raises(ValidationError) as refused:
        _worker(
            regime=Worker.Regime.IMW, vdab_attest_on=D(2024, 3, 1), vdab_valid_until=D(2029, 3, 1)
        ).full_clean()
    assert "vdab_valid_until" in refused.value.message_dict


def test_an_imw_attest_to_renew_is_an_alert_from_a_year_before_it_expires():
    worker = _worker(regime=Worker.Regime.IMW, vdab_valid_until=D(2027, 6, 30))
    assert not attest_renewal_due(worker, today=D(2026, 6, 29))
    assert attest_renewal_due(worker, today=D(2026, 6, 30))
    assert attest_renewal_due(worker, today=D(2027, 7, 1))  # expired: even more so
    worker.vdab_valid_until = D(2032, 1, 1)  # renewed: a new attest, a new validity
    assert not attest_renewal_due(worker, today=D(2027, 7, 1))


def test_the_attest_alert_is_for_imw_only():
    lde = _worker(vdab_valid_until=D(2026, 7, 1))
    assert not attest_renewal_due(lde, today=D(2026, 6, 30))


# Collective customised work: a package that is re-evaluated --------------------------------


def test_a_package_reevaluation_is_an_alert_three_months_ahead():
    worker = _worker(
        regime=Worker.Regime.COLLECTIVE, support_package="40 laag", reevaluation_on=D(2027, 3, 31)
    )
    worker.full_clean()
    assert not package_reevaluation_due(worker, today=D(2026, 12, 30))
    assert package_reevaluation_due(worker, today=D(2026, 12, 31))
    assert trajectory_end(worker) is None


def test_a_package_belongs_to_collective_customised_work_only():
    with pytest.raises(ValidationError) as refused:
        _worker(regime=Worker.Regime.IMW, support_package="40 laag").full_clean()
    assert "support_package" in refused.value.message_dict


# The placement's default end --------------------------------------------------------------


def test_a_placement_ends_by_default_with_the_contract_or_the_trajectory_whichever_first():
    lde = _worker(trajectory_starts_on=D(2022, 1, 1))  # trajectory until 31/12/2026
    assert placement_default_end(lde) == D(2026, 12, 31)
    lde.contract_ends_on = D(2026, 8, 31)
    assert placement_default_end(lde) == D(2026, 8, 31)
    imw = _worker(regime=Worker.Regime.IMW, contract_starts_on=D(2024, 1, 1))
    assert placement_default_end(imw) is None
    imw.contract_ends_on = D(2027, 6, 30)
    assert placement_default_end(imw) == D(2027, 6, 30)


def test_the_placement_form_proposes_the_default_end(coordinator_client, trajectory_a, plan_a):
    from django.urls import reverse

    plan_a["action"].slots.update(expected_children=14)
    worker = WorkerFactory(
        regime=Worker.Regime.LDE,
        contract_starts_on=D(2022, 1, 1),
        contract_ends_on=D(2026, 10, 31),
        trajectory_starts_on=D(2022, 1, 1),
    )
    url = reverse("staffing:placement_create", kwargs={"trajectory_pk": trajectory_a.pk})
    response = coordinator_client.get(url, {"row": "0", "worker": worker.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["ends_on"] == D(2026, 10, 31)
