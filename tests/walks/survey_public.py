"""Routes of the survey's public pages, for the persona × URL matrix and the bad-input walk.

The survey, its answers, burst and flyer come from ``tests/walks/surveys.py``.
"""


def extend(world: dict, objects: dict) -> dict:
    return {}


def _start(world):
    return [{"token": world["survey_token"]}]


def _in_each_language(world):
    return [{"token": world["survey_token"], "lang": lang} for lang in ("nl-be", "fr", "en")]


FILL: dict = {
    "survey_public:start": _start,
    "survey_public:parent": _in_each_language,
    "survey_public:child": _in_each_language,
    "survey_public:thanks": _in_each_language,
}
