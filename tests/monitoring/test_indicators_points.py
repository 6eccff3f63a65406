"""Points per year of the cycle (target against actual), the "behind target" rule, and the
fixed number of queries for many indicators at once."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from monitoring.indicators import Point, indicator_points, indicator_points_for, is_behind
from monitoring.models import Indicator, IndicatorResult, IndicatorTarget
from tests.execution.factories import EnrolmentFactory

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2027, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        yield


def _indicator(objective, **kwargs):
    return Indicator.objects.create(objective=objective, name=kwargs.pop("name", "I"), **kwargs)


def test_computed_points_per_calendar_year_none_for_the_future(plan_a, trajectory_a, intake_a):
    indicator = _indicator(plan_a["objective"], computed_key="children_reached_5_10")
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=20)
    IndicatorTarget.objects.create(indicator=indicator, year=2027, value=30)
    EnrolmentFactory(trajectory=trajectory_a, site=intake_a["site"], school_year=2026, children=25)
    EnrolmentFactory(
        trajectory=trajectory_a, site=intake_a["site"], school_year=2026, term="winter", children=9
    )
    points = indicator_points(indicator)
    assert [point.year for point in points] == list(range(2026, 2032))
    assert points[0] == Point(2026, Decimal(20), Decimal(25))
    # 2027 so far: the winter term (Christmas 2026 to Easter 2027) counts 9.
    assert points[1] == Point(2027, Decimal(30), Decimal(9))
    assert all(point.actual is None for point in points[2:])


def test_manual_actual_is_the_latest_result_ending_in_the_year(plan_a):
    indicator = _indicator(plan_a["objective"], name="Tevreden ouders", unit="%")

    def result(start, end, value):
        IndicatorResult.objects.create(
            indicator=indicator, period_start=start, period_end=end, value=value, source="Enquête"
        )

    result(D(2025, 9, 1), D(2026, 6, 30), 70)
    result(D(2026, 1, 1), D(2026, 3, 31), 60)
    result(D(2026, 9, 1), D(2027, 1, 31), 80)
    points = indicator_points(indicator)
    assert points[0].actual == Decimal(70)
    assert points[1].actual == Decimal(80)
    assert points[2].actual is None


def test_unknown_computed_key_gives_no_actuals(plan_a):
    indicator = _indicator(plan_a["objective"], computed_key="removed_since")
    assert all(point.actual is None for point in indicator_points(indicator))


@pytest.mark.parametrize(
    ("points", "direction", "behind"),
    [
        ([], "up", False),
        ([Point(2026, Decimal(10), None)], "up", False),
        ([Point(2026, Decimal(10), Decimal(9))], "up", True),
        ([Point(2026, Decimal(10), Decimal(10))], "up", False),
        ([Point(2026, Decimal(10), Decimal(11))], "down", True),
        ([Point(2026, Decimal(10), Decimal(9))], "down", False),
        # The latest year judged is what counts: 2026 was behind, 2027 caught up.
        (
            [Point(2026, Decimal(10), Decimal(5)), Point(2027, Decimal(12), Decimal(12))],
            "up",
            False,
        ),
        # 2027 has no target: 2026 decides.
        ([Point(2026, Decimal(10), Decimal(5)), Point(2027, None, Decimal(12))], "up", True),
    ],
)
def test_is_behind(points, direction, behind):
    assert is_behind(points, direction) is behind


def _many(plan, count):
    indicators = []
    for number in range(count):
        key = ["children_reached_5_10", "ratio_met", ""][number % 3]
        indicator = _indicator(plan["objective"], name=f"I{number}", computed_key=key)
        IndicatorTarget.objects.create(indicator=indicator, year=2026, value=number)
        if not key:
            IndicatorResult.objects.create(
                indicator=indicator,
                period_start=D(2026, 1, 1),
                period_end=D(2026, 12, 31),
                value=number,
                source="Telling",
            )
        indicators.append(indicator)
    return indicators


@pytest.mark.parametrize("count", [2, 20])
def test_many_indicators_in_a_fixed_number_of_queries(plan_a, django_assert_max_num_queries, count):
    indicators = _many(plan_a, count)
    # Indicators, targets, results; sessions, staff, enrolments, contacts, care places.
    with django_assert_max_num_queries(8):
        points = indicator_points_for(indicators)
    assert len(points) == count
