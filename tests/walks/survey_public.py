"""Routes of the survey's public pages, for the persona × URL matrix and the bad-input walk.

The survey, its answers, burst and flyer come from ``tests/walks/surveys.py``.
"""


def extend(world: dict, objects: dict) -> dict:
    return {}


FILL: dict = {}
