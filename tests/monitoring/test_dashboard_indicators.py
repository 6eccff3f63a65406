"""Indicators on the dashboard: a chart of target against result per year for each, with
its definition beside it and a mark when it is behind target; and staffing coverage as the
share of the plan's places and moments that have their carers."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring import dashboard
from monitoring.models import Indicator, IndicatorResult, IndicatorTarget
from staffing.ratio import staffing_rows
from tests.monitoring import test_dashboard_rollup

pytestmark = pytest.mark.django_db

TODAY = test_dashboard_rollup.TODAY
two_actions = test_dashboard_rollup.two_actions
_today = test_dashboard_rollup._today


@pytest.fixture
def manual_indicator(two_actions):
    indicator = Indicator.objects.create(
        objective=two_actions["objective"],
        name="Tevreden ouders",
        definition="Share of parents satisfied in the yearly survey.",
        unit="%",
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal("70"))
    IndicatorTarget.objects.create(indicator=indicator, year=2027, value=Decimal("80"))
    IndicatorResult.objects.create(
        indicator=indicator,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        value=Decimal("64"),
        source="Bevraging juni 2026",
    )
    return indicator


def test_each_indicator_has_its_chart_against_its_targets(manual_indicator, trajectory_a):
    [item] = dashboard.build_dashboard(trajectory_a, today=TODAY.date()).indicators
    assert item.indicator == manual_indicator
    assert item.behind  # 64 against a target of 70 in 2026
    rows = {row[0]: row[1:] for row in item.chart.rows}
    assert rows["2026"] == ["70", "64"]
    assert rows["2027"] == ["80", "—"]
    assert "stroke-dasharray" in item.chart.svg  # the target is the dashed line


def test_the_page_shows_the_indicator_with_its_definition(
    manual_indicator, trajectory_a, official_a_client
):
    official_a_client.cookies["django_language"] = "en"
    page = official_a_client.get(
        reverse("dashboard:overview", kwargs={"trajectory_pk": trajectory_a.pk})
    ).text
    assert "Tevreden ouders" in page
    assert "Share of parents satisfied in the yearly survey." in page
    assert "behind target" in page
    assert page.count("<details") == 6


def test_coverage_is_the_share_of_rows_with_their_carers(two_actions, trajectory_a):
    coverage = dashboard.staffing_coverage(trajectory_a, on=TODAY.date())
    rows = staffing_rows(trajectory_a, on=TODAY.date())
    assert coverage.rows == len(rows) > 0
    assert coverage.covered == sum(1 for row in rows if not row.is_short)
    assert dashboard.Coverage(rows=4, covered=3, short=[]).share == 75.0
    assert dashboard.Coverage(rows=0, covered=0, short=[]).share is None
