"""The portfolio's filters, its comparison of indicators across municipalities, and the
weaknesses several SWOT analyses share."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from monitoring.models import Indicator, IndicatorTarget
from monitoring.portfolio import normalised_statement, portfolio_for, weakness_kind
from municipalities.models import Province, Trajectory
from swot.models import Quadrant, Theme
from tests.actionplans.factories import ObjectiveFactory, PlanFactory
from tests.execution.factories import EnrolmentFactory
from tests.factories import MunicipalityFactory, TrajectoryFactory
from tests.swot.factories import SwotAnalysisFactory, SwotItemFactory

TODAY = datetime.date(2026, 11, 20)
URL = reverse("portfolio:portfolio")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def spread(db):
    """Three municipalities in two provinces and two phases."""
    return {
        name: TrajectoryFactory(
            municipality=MunicipalityFactory(name_nl=name, province=province), phase=phase
        )
        for name, province, phase in (
            ("Hasselt", Province.LIMBURG, Trajectory.Phase.SWOT),
            ("Genk", Province.LIMBURG, Trajectory.Phase.EXECUTION),
            ("Leuven", Province.VLAAMS_BRABANT, Trajectory.Phase.EXECUTION),
        )
    }


def _names(user, **filters):
    return [
        r.trajectory.municipality.name_nl for r in portfolio_for(user, filters, today=TODAY).rows
    ]


def test_filter_by_province(administrator, administrator_client, spread):
    assert _names(administrator, province=Province.LIMBURG) == ["Genk", "Hasselt"]
    page = administrator_client.get(URL, {"province": Province.VLAAMS_BRABANT}).text
    assert "Leuven" in page
    assert "Hasselt" not in page


def test_filter_by_phase(administrator, administrator_client, spread):
    assert _names(administrator, phase=Trajectory.Phase.EXECUTION) == ["Genk", "Leuven"]
    page = administrator_client.get(URL, {"phase": Trajectory.Phase.SWOT}).text
    assert "Hasselt" in page
    assert "Genk" not in page


def test_a_wrong_filter_value_shows_everything_with_the_error(administrator_client, spread):
    response = administrator_client.get(URL, {"province": "nowhere"})
    assert response.status_code == 200
    assert "Leuven" in response.text
    assert "invalid-feedback" in response.text


def _indicator(trajectory, key, target, children):
    objective = ObjectiveFactory(plan=PlanFactory(trajectory=trajectory))
    indicator = Indicator.objects.create(
        objective=objective, name="Bereik", computed_key=key, unit="kinderen"
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal(target))
    EnrolmentFactory(trajectory=trajectory, site=None, children=children)
    return indicator


def test_the_same_indicators_side_by_side(administrator, administrator_client, spread):
    _indicator(spread["Genk"], "children_reached_5_10", "30", 40)
    _indicator(spread["Leuven"], "children_reached_5_10", "50", 20)
    comparison = portfolio_for(administrator, {}, today=TODAY).comparison
    assert comparison.year == 2026
    assert [key for key, _label in comparison.columns] == ["children_reached_5_10"]
    cells = {t.municipality.name_nl: row for t, row in comparison.rows}
    assert set(cells) == {"Genk", "Leuven"}
    [genk] = cells["Genk"]
    [leuven] = cells["Leuven"]
    assert (genk.actual, genk.target, genk.behind) == (Decimal(40), Decimal(30), False)
    assert (leuven.actual, leuven.target, leuven.behind) == (Decimal(20), Decimal(50), True)
    administrator_client.cookies["django_language"] = "en"
    page = administrator_client.get(URL).text
    assert "Children reached (5–10)" in page
    assert "behind" in page


def _weakness(trajectory, statement, theme=Theme.CHILDCARE, **extra):
    analysis = trajectory.swot_analyses.first() or SwotAnalysisFactory(trajectory=trajectory)
    return SwotItemFactory(analysis=analysis, statement=statement, theme=theme, **extra)


def test_weaknesses_of_the_same_kind_recur_across_municipalities(
    administrator, administrator_client, spread
):
    _weakness(spread["Genk"], "Te weinig opvang op woensdag.")
    _weakness(spread["Leuven"], "te  weinig opvang op Woensdag")
    _weakness(spread["Hasselt"], "Te weinig opvang op woensdag", theme=Theme.LEISURE)
    _weakness(spread["Hasselt"], "Geen naschoolse opvang", indicator_key="site-no-after-school:7")
    _weakness(spread["Leuven"], "Campus zonder opvang", indicator_key="site-no-after-school:12")
    _weakness(spread["Genk"], "Geen opvang", quadrant=Quadrant.THREAT)
    _weakness(spread["Leuven"], "Geen opvang", quadrant=Quadrant.THREAT)
    recurring = portfolio_for(administrator, {}, today=TODAY).recurring
    found = {r.kind: [t.municipality.name_nl for t, _item in r.occurrences] for r in recurring}
    assert found == {
        "text:childcare:te weinig opvang op woensdag": ["Genk", "Leuven"],
        "key:site-no-after-school": ["Hasselt", "Leuven"],
    }
    page = administrator_client.get(URL).text
    assert "Campus zonder opvang" in page or "Geen naschoolse opvang" in page


def test_parked_and_earlier_rounds_do_not_count(administrator, spread):
    _weakness(spread["Genk"], "Geen vervoer", is_parked=True, parked_reason="Buiten PLUS")
    old = SwotAnalysisFactory(trajectory=spread["Leuven"], is_current=False)
    SwotItemFactory(analysis=old, statement="Geen vervoer")
    _weakness(spread["Hasselt"], "Geen vervoer")
    assert portfolio_for(administrator, {}, today=TODAY).recurring == []


@pytest.mark.parametrize(
    ("statement", "normalised"),
    [
        ("Té weinig   opvang!", "te weinig opvang"),
        ("Geen 'brugfiguur' in Velm.", "geen brugfiguur in velm"),
    ],
)
def test_statements_are_compared_without_case_accents_or_punctuation(statement, normalised):
    assert normalised_statement(statement) == normalised


def test_a_suggestion_key_loses_the_municipality_s_own_record_ids(db):
    item = SwotItemFactory.build(indicator_key="care-per-100:5-10:area:44")
    assert weakness_kind(item) == "key:care-per-100:5-10:area"
