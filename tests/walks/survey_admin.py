"""Routes of the survey's admin pages, for the persona × URL matrix and the bad-input walk.

The survey, its answers, burst and flyer come from ``tests/walks/surveys.py``.
"""


def extend(world: dict, objects: dict) -> dict:
    return {}


def _in_trajectory(world, **extra):
    return [{"trajectory_pk": world["trajectory"], **extra}]


def _survey(world, **extra):
    return _in_trajectory(world, pk=world["survey"], **extra)


def _flyer(world):
    return _survey(world, flyer_pk=world["survey_flyer"])


FILL: dict = {
    "surveys:list": _in_trajectory,
    "surveys:create": _in_trajectory,
    "surveys:detail": _survey,
    "surveys:edit": _survey,
    "surveys:close": _survey,
    "surveys:qr": lambda w: [*_survey(w, fmt="svg"), *_survey(w, fmt="png")],
    "surveys:flyer_request": _survey,
    "surveys:flyer_status": _flyer,
    "surveys:flyer_retry": _flyer,
    "surveys:flyer_download": _flyer,
}
