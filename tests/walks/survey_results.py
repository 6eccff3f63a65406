"""Routes of the survey's results pages, for the persona × URL matrix and the bad-input walk.

The survey, its answers, burst and flyer come from ``tests/walks/surveys.py``.
"""


def extend(world: dict, objects: dict) -> dict:
    return {}


def _survey(world, **extra):
    return [{"trajectory_pk": world["trajectory"], "pk": world["survey"], **extra}]


def _formats(world):
    return [*_survey(world, fmt="xlsx"), *_survey(world, fmt="csv")]


FILL: dict = {
    "survey_results:results": _survey,
    "survey_results:texts": _survey,
    "survey_results:text_review": lambda w: _survey(w, response_pk=w["survey_text"]),
    "survey_results:bursts": _survey,
    "survey_results:burst_review": lambda w: _survey(w, burst_pk=w["survey_burst"]),
    "survey_results:export_answers": _formats,
    "survey_results:export_aggregates": _formats,
}
