"""The indicators pages: who may read and edit them, the forms, and the list's query count."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from monitoring.models import Indicator, IndicatorResult, IndicatorTarget
from tests.execution.factories import EnrolmentFactory

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2027, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def manual(plan_a):
    indicator = Indicator.objects.create(
        objective=plan_a["objective"],
        name="Ouders die de school vinden",
        definition="Aandeel ouders dat de school kent (enquête).",
        unit="%",
        baseline=Decimal(40),
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=50)
    IndicatorResult.objects.create(
        indicator=indicator,
        period_start=D(2026, 1, 1),
        period_end=D(2026, 6, 30),
        value=45,
        source="Enquête",
    )
    return indicator


def url(name, trajectory, **kwargs):
    return reverse(f"indicators:{name}", kwargs={"trajectory_pk": trajectory.pk, **kwargs})


def test_list_shows_targets_results_and_behind_flag(coordinator_client, trajectory_a, manual):
    coordinator_client.cookies["django_language"] = "en"
    response = coordinator_client.get(url("list", trajectory_a))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ouders die de school vinden" in text
    assert "Aandeel ouders dat de school kent" in text
    assert "behind target" in text  # 45 of 50 in 2026
    assert "Add an indicator" in text


def test_official_reads_but_changes_nothing(official_a_client, trajectory_a, manual):
    official_a_client.cookies["django_language"] = "en"
    response = official_a_client.get(url("list", trajectory_a))
    assert response.status_code == 200
    assert "Add an indicator" not in response.content.decode()
    assert official_a_client.get(url("results", trajectory_a, pk=manual.pk)).status_code == 200
    for name in ("edit", "targets", "remove"):
        assert official_a_client.get(url(name, trajectory_a, pk=manual.pk)).status_code == 403
        assert official_a_client.post(url(name, trajectory_a, pk=manual.pk)).status_code == 403
    data = {"period_start": "2026-07-01", "period_end": "2026-12-31", "value": "1", "source": "x"}
    response = official_a_client.post(url("results", trajectory_a, pk=manual.pk), data)
    assert response.status_code == 403
    assert manual.results.count() == 1


def test_another_municipality_gets_404(official_b_client, trajectory_a, manual):
    assert official_b_client.get(url("list", trajectory_a)).status_code == 404
    assert official_b_client.get(url("results", trajectory_a, pk=manual.pk)).status_code == 404


def test_indicator_of_another_trajectory_is_404(coordinator_client, trajectory_a, manual):
    from tests.factories import TrajectoryFactory

    other = TrajectoryFactory(
        municipality=trajectory_a.municipality, cycle_start_year=2032, cycle_end_year=2037
    )
    assert coordinator_client.get(url("edit", other, pk=manual.pk)).status_code == 404


def test_add_a_computed_indicator_with_its_name_prefilled(
    coordinator_client, coordinator, trajectory_a, plan_a, intake_a
):
    coordinator_client.cookies["django_language"] = "en"
    objective = plan_a["objective"]
    add = url("add", trajectory_a, objective_pk=objective.pk)
    chooser = coordinator_client.get(add).content.decode()
    assert "?kind=children_reached_5_10" in chooser
    form = coordinator_client.get(add + "?kind=children_reached_5_10").content.decode()
    assert 'value="Children reached (5–10)"' in form
    response = coordinator_client.post(
        add + "?kind=children_reached_5_10",
        {"name": "Children reached (5–10)", "direction": "up", "baseline": "12"},
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(objective=objective)
    assert indicator.computed_key == "children_reached_5_10"
    assert indicator.baseline == Decimal(12)
    assert indicator.unit == "children"
    assert indicator.history.first().history_user == coordinator
    EnrolmentFactory(trajectory=trajectory_a, site=intake_a["site"], children=17)
    page = coordinator_client.get(url("list", trajectory_a)).content.decode()
    assert "Children of 5–10 enrolled" in page  # the definition beside it
    assert ">17<" in page


def test_add_a_manual_indicator_needs_a_definition(coordinator_client, trajectory_a, plan_a):
    add = url("add", trajectory_a, objective_pk=plan_a["objective"].pk) + "?kind=manual"
    response = coordinator_client.post(add, {"name": "Tevreden ouders", "direction": "up"})
    assert response.status_code == 200
    assert not Indicator.objects.exists()
    data = {"name": "Tevreden ouders", "definition": "Enquête", "unit": "%", "direction": "up"}
    assert coordinator_client.post(add, data).status_code == 302
    assert Indicator.objects.get().computed_key == ""


def test_targets_are_saved_all_or_nothing(coordinator_client, trajectory_a, manual):
    targets = url("targets", trajectory_a, pk=manual.pk)
    bad = {"year_2026": "55", "year_2027": "60", "year_2028": "abc"}
    response = coordinator_client.post(targets, bad)
    assert response.status_code == 200
    assert dict(manual.targets.values_list("year", "value")) == {2026: Decimal(50)}
    good = {"year_2026": "", "year_2027": "60", "year_2031": "80,5"}
    assert coordinator_client.post(targets, good).status_code == 302
    assert dict(manual.targets.values_list("year", "value")) == {2027: 60, 2031: Decimal("80.5")}


def test_a_result_added_edited_and_removed(coordinator_client, trajectory_a, manual):
    results = url("results", trajectory_a, pk=manual.pk)
    data = {"period_start": "2026-07-01", "period_end": "2026-12-31", "value": "48", "source": "E"}
    assert coordinator_client.post(results, data).status_code == 302
    # The same period twice, or a period ending before it starts: the form with its message.
    assert coordinator_client.post(results, data).status_code == 200
    backwards = {**data, "period_start": "2027-02-01", "period_end": "2027-01-01"}
    assert coordinator_client.post(results, backwards).status_code == 200
    assert manual.results.count() == 2
    result = manual.results.get(period_start=D(2026, 7, 1))
    edit = url("result_edit", trajectory_a, pk=manual.pk, result_pk=result.pk)
    assert coordinator_client.post(edit, {**data, "value": "52"}).status_code == 302
    result.refresh_from_db()
    assert result.value == Decimal(52)
    remove = url("result_remove", trajectory_a, pk=manual.pk, result_pk=result.pk)
    assert coordinator_client.get(remove).status_code == 405
    assert coordinator_client.post(remove).status_code == 302
    assert manual.results.count() == 1


def test_a_computed_indicator_takes_no_typed_results(coordinator_client, trajectory_a, plan_a):
    indicator = Indicator.objects.create(
        objective=plan_a["objective"], name="R", computed_key="ratio_met"
    )
    data = {"period_start": "2026-07-01", "period_end": "2026-12-31", "value": "1", "source": "E"}
    coordinator_client.post(url("results", trajectory_a, pk=indicator.pk), data)
    assert not indicator.results.exists()


def test_remove_an_indicator(coordinator_client, trajectory_a, manual):
    assert coordinator_client.get(url("remove", trajectory_a, pk=manual.pk)).status_code == 200
    assert coordinator_client.post(url("remove", trajectory_a, pk=manual.pk)).status_code == 302
    assert not Indicator.objects.filter(pk=manual.pk).exists()
    assert not IndicatorResult.objects.exists()


def _indicators(plan, count):
    for number in range(count):
        key = ["children_reached_5_10", "ratio_met", ""][number % 3]
        indicator = Indicator.objects.create(
            objective=plan["objective"], name=f"I{number}", computed_key=key, definition="d"
        )
        IndicatorTarget.objects.create(indicator=indicator, year=2026, value=number)
        IndicatorResult.objects.create(
            indicator=indicator,
            period_start=D(2026, 1, 1),
            period_end=D(2026, 12, 31),
            value=number,
            source="Telling",
        )


def _queries(client, trajectory) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("list", trajectory)).status_code == 200
    return len(queries)


def test_list_runs_the_same_queries_for_2_and_20_indicators(
    coordinator_client, trajectory_a, plan_a
):
    from tests.execution.factories import AttendanceFactory, SessionFactory

    AttendanceFactory(session=SessionFactory(action=plan_a["action"], day=D(2026, 10, 5)))
    _indicators(plan_a, 2)
    small = _queries(coordinator_client, trajectory_a)
    _indicators(plan_a, 18)
    assert _queries(coordinator_client, trajectory_a) == small
