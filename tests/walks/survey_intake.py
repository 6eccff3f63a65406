"""Routes of the survey's intake pages, for the persona × URL matrix and the bad-input walk.

The survey, its answers, burst and flyer come from ``tests/walks/surveys.py``.
"""


def extend(world: dict, objects: dict) -> dict:
    return {}


FILL: dict = {
    "survey_intake:proposal": lambda world: [
        {"trajectory_pk": world["trajectory"], "pk": world["survey"]}
    ],
}
