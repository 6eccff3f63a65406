"""The indicator services: what they refuse, what they keep, and who the history names."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from monitoring import indicator_services as services
from monitoring.models import IndicatorTarget

D = datetime.date


@pytest.fixture
def manual(plan_a, coordinator):
    return services.indicator_add(
        objective=plan_a["objective"],
        by=coordinator,
        name="Tevreden ouders",
        definition="Enquête bij de ouders",
        unit="%",
    )


def test_an_unknown_computed_key_is_refused(plan_a, coordinator):
    with pytest.raises(ValidationError) as error:
        services.indicator_add(objective=plan_a["objective"], by=coordinator, computed_key="x")
    assert "computed_key" in error.value.message_dict


def test_a_computed_indicator_keeps_its_own_definition(plan_a, coordinator, in_english):
    indicator = services.indicator_add(
        objective=plan_a["objective"], by=coordinator, computed_key="ratio_met"
    )
    assert (indicator.name, indicator.unit, indicator.definition) == ("Staff ratio met", "%", "")
    services.indicator_update(
        indicator=indicator, by=coordinator, name="Norm gehaald", definition="Iets anders"
    )
    indicator.refresh_from_db()
    assert (indicator.name, indicator.definition) == ("Norm gehaald", "")
    assert indicator.history.first().history_user == coordinator


def test_a_manual_indicator_needs_a_name(plan_a, coordinator):
    with pytest.raises(ValidationError):
        services.indicator_add(objective=plan_a["objective"], by=coordinator, name="")


def test_targets_outside_the_cycle_change_nothing(manual, coordinator):
    IndicatorTarget.objects.create(indicator=manual, year=2026, value=10)
    with pytest.raises(ValidationError):
        services.indicator_targets_set(
            indicator=manual, targets={2026: Decimal(20), 2040: Decimal(5)}, by=coordinator
        )
    assert list(manual.targets.values_list("year", "value")) == [(2026, Decimal(10))]


def test_targets_are_set_cleared_and_recorded(manual, coordinator):
    services.indicator_targets_set(
        indicator=manual, targets={2026: Decimal(10), 2027: Decimal(12)}, by=coordinator
    )
    services.indicator_targets_set(
        indicator=manual, targets={2026: None, 2027: Decimal(15)}, by=coordinator
    )
    assert list(manual.targets.values_list("year", "value")) == [(2027, Decimal(15))]
    target = manual.targets.get()
    assert target.history.first().history_user == coordinator


def test_results_are_checked_and_recorded(manual, coordinator):
    result = services.indicator_result_add(
        indicator=manual,
        by=coordinator,
        period_start=D(2026, 1, 1),
        period_end=D(2026, 6, 30),
        value=Decimal(70),
        source="Enquête",
    )
    assert result.recorded_by == coordinator
    with pytest.raises(ValidationError):  # the same period again
        services.indicator_result_add(
            indicator=manual,
            by=coordinator,
            period_start=D(2026, 1, 1),
            period_end=D(2026, 6, 30),
            value=Decimal(71),
            source="Enquête",
        )
    with pytest.raises(ValidationError):  # ends before it starts
        services.indicator_result_update(
            result=result, by=coordinator, period_start=D(2026, 7, 1), period_end=D(2026, 6, 30)
        )
    result.refresh_from_db()
    assert result.period_start == D(2026, 1, 1)
    services.indicator_result_remove(result=result, by=coordinator)
    assert not manual.results.exists()


def test_a_computed_indicator_takes_no_results(plan_a, coordinator):
    indicator = services.indicator_add(
        objective=plan_a["objective"], by=coordinator, computed_key="sessions_held"
    )
    with pytest.raises(ValidationError):
        services.indicator_result_add(
            indicator=indicator,
            by=coordinator,
            period_start=D(2026, 1, 1),
            period_end=D(2026, 6, 30),
            value=Decimal(1),
            source="x",
        )
