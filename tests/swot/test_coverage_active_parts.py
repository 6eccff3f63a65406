"""SWOT coverage counts only plan parts still in the plan."""

from actionplans import services
from swot.models import SwotItem


def _open(analysis) -> list[str]:
    return [
        item.statement for item in SwotItem.objects.filter(analysis=analysis).without_objective()
    ]


def test_an_action_under_a_removed_objective_answers_nothing(plan_a, swot_a):
    # plan_a's action follows the WO strategy that cites W1: W1 counts as answered.
    assert "Geen naschoolse opvang in Velm" not in _open(swot_a["analysis"])

    services.part_remove(plan_a["objective"])

    assert "Geen naschoolse opvang in Velm" in _open(swot_a["analysis"])


def test_a_removed_action_answers_nothing(plan_a, swot_a):
    services.part_remove(plan_a["action"])

    assert "Geen naschoolse opvang in Velm" in _open(swot_a["analysis"])
