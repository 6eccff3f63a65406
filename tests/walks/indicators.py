"""Routes and data of this part of monitoring, for the persona × URL matrix and the bad-input walk.

``extend(world, objects)`` adds this part's records to the walk's world (``objects`` are the
model instances ``build_world`` made) and returns the ids to put in it; ``FILL`` maps each of
this part's route names to the URL kwargs to walk it with.
"""

import datetime
from decimal import Decimal


def extend(world: dict, objects: dict) -> dict:
    """A manual indicator with a target and a result, and a computed one with a target, on
    the plan's objective."""
    from monitoring.models import Indicator, IndicatorResult, IndicatorTarget

    objective = objects["plan"]["objective"]
    manual = Indicator.objects.create(
        objective=objective,
        name="Ouders die de school vinden",
        definition="Aandeel ouders dat de school zegt te kennen (enquête).",
        unit="%",
        baseline=Decimal("40"),
        baseline_note="Enquête 2025",
    )
    IndicatorTarget.objects.create(indicator=manual, year=2026, value=Decimal("50"))
    result = IndicatorResult.objects.create(
        indicator=manual,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        value=Decimal("45"),
        source="Oudervragenlijst",
    )
    computed = Indicator.objects.create(
        objective=objective, name="Kinderen bereikt (5–10)", computed_key="children_reached_5_10"
    )
    IndicatorTarget.objects.create(indicator=computed, year=2026, value=Decimal("20"))
    return {
        "indicator": manual.pk,
        "computed_indicator": computed.pk,
        "indicator_result": result.pk,
    }


def _in_trajectory(world, **extra):
    return [{"trajectory_pk": world["trajectory"], **extra}]


def _indicators(world):
    return [
        {"trajectory_pk": world["trajectory"], "pk": world[key]}
        for key in ("indicator", "computed_indicator")
    ]


def _result(world):
    return _in_trajectory(world, pk=world["indicator"], result_pk=world["indicator_result"])


FILL: dict = {
    "indicators:list": _in_trajectory,
    "indicators:add": lambda w: _in_trajectory(w, objective_pk=w["parts"]["objective"]),
    "indicators:edit": _indicators,
    "indicators:remove": _indicators,
    "indicators:targets": _indicators,
    "indicators:results": _indicators,
    "indicators:result_edit": _result,
    "indicators:result_remove": _result,
}
