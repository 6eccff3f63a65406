"""Access helpers for surveys: every view, export and task that takes an id (or a public
token) from outside goes through one of these."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from plus_portal.access import parse_id, trajectory_for


def survey_for(user, trajectory_pk, pk, *, write: bool = False):
    """The trajectory and one of its surveys (404 for any other, 403 with ``write`` for
    someone who may only read)."""
    from surveys.models import Survey

    trajectory = trajectory_for(user, trajectory_pk, write=write)
    survey = get_object_or_404(
        Survey.objects.filter(trajectory=trajectory).select_related("trajectory__municipality"),
        pk=parse_id(pk),
    )
    return trajectory, survey


def survey_part_for(user, model, trajectory_pk, survey_pk, pk, *, write: bool = False):
    """The trajectory, one of its surveys and one record of that survey (a response, a
    burst, a flyer): 404 for a record of any other survey."""
    trajectory, survey = survey_for(user, trajectory_pk, survey_pk, write=write)
    return (
        trajectory,
        survey,
        get_object_or_404(model.objects.filter(survey=survey), pk=parse_id(pk)),
    )


def public_survey(token):
    """The survey with this public token, for anyone without an account. A token of the
    wrong shape names no survey."""
    from surveys.models import TOKEN_ALPHABET, Survey

    text = str(token)
    if not (0 < len(text) <= 12 and set(text) <= set(TOKEN_ALPHABET)):
        raise Http404
    return get_object_or_404(Survey.objects.select_related("trajectory__municipality"), token=text)
