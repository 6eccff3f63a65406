"""TOWS strategies cross internal with external items, and the coverage check follows them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from swot.models import Strategy
from swot.services import strategy_save


def _url(name, trajectory, **kwargs):
    return reverse(f"swot:{name}", kwargs={"trajectory_pk": trajectory.pk, **kwargs})


def test_a_strength_cannot_be_the_external_side(swot_a):
    strategy = Strategy(analysis=swot_a["analysis"], kind="WO", title="x")
    with pytest.raises(ValidationError) as error:
        strategy_save(strategy=strategy, items=[swot_a["W1"], swot_a["S1"]])
    assert "S" in str(error.value) or "sterkte" in str(error.value).lower()
    assert not Strategy.objects.filter(title="x").exists()


def test_a_strategy_needs_both_sides(swot_a):
    strategy = Strategy(analysis=swot_a["analysis"], kind="WT", title="y")
    with pytest.raises(ValidationError):
        strategy_save(strategy=strategy, items=[swot_a["W1"]])
    with pytest.raises(ValidationError):
        strategy_save(strategy=strategy, items=[swot_a["T1"]])
    strategy_save(strategy=strategy, items=[swot_a["W2"], swot_a["T1"]])
    assert set(strategy.items.all()) == {swot_a["W2"], swot_a["T1"]}


def test_the_form_explains_the_rule(coordinator_client, trajectory_a, swot_a):
    response = coordinator_client.post(
        _url("strategy_create", trajectory_a),
        {
            "kind": "SO",
            "title": "Sterk en kansrijk",
            "priority": "1",
            "internal_items": [swot_a["W1"].pk],
            "external_items": [swot_a["O1"].pk],
        },
    )
    assert response.status_code == 200
    assert "Geen naschoolse opvang in Velm" in response.text
    assert "is een zwakte" in response.text
    assert not Strategy.objects.filter(title="Sterk en kansrijk").exists()


def test_coverage_shrinks_as_strategies_answer_weaknesses(coordinator_client, trajectory_a, swot_a):
    coverage = coordinator_client.get(_url("coverage", trajectory_a))
    assert [i.statement for i in coverage.context["unaddressed"]] == [
        "Ouders vinden geen zomeropvang",
        "Weinig aanbod voor tieners",
    ]

    coordinator_client.post(
        _url("strategy_create", trajectory_a),
        {
            "kind": "WT",
            "title": "Zomerwerking",
            "priority": "1",
            "internal_items": [swot_a["W2"].pk],
            "external_items": [swot_a["T1"].pk],
        },
    )

    coverage = coordinator_client.get(_url("coverage", trajectory_a))
    assert list(coverage.context["unaddressed"]) == []
    assert "Elke zwakte en bedreiging" in coverage.text


def test_confrontation_matrix_marks_the_pairs(official_a_client, trajectory_a, swot_a):
    response = official_a_client.get(_url("tows", trajectory_a))
    rows = {
        inner.statement: {outer.statement: cell for outer, cell in cells}
        for inner, cells in response.context["rows"]
    }
    assert rows["Geen naschoolse opvang in Velm"]["BOA-subsidie vanaf 2026"] == [swot_a["strategy"]]
    assert rows["Erkende IBO in het centrum"]["BOA-subsidie vanaf 2026"] == []


def test_coverage_also_lists_what_no_objective_answers(
    coordinator_client, trajectory_a, plan_a, swot_a
):
    # plan_a's action follows the WO strategy that cites W1 and O1; W2 and T1 stay open.
    coverage = coordinator_client.get(_url("coverage", trajectory_a))
    assert [i.statement for i in coverage.context["without_objective"]] == [
        "Ouders vinden geen zomeropvang",
        "Weinig aanbod voor tieners",
    ]
    plan_a["objective"].swot_items.add(swot_a["T1"])
    coverage = coordinator_client.get(_url("coverage", trajectory_a))
    assert [i.statement for i in coverage.context["without_objective"]] == [
        "Weinig aanbod voor tieners"
    ]
