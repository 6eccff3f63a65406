"""Storing a public survey answer, once (DESIGN §3: anonymous by design).

What a respondent's browser sends is turned into the codes of ``surveys.questions``; nothing
about the request itself (address, browser, time of day, session) is kept.
"""

import uuid

from django.db import IntegrityError, transaction

from surveys.models import Response, Survey


def response_stored(*, survey: Survey, submission_key: uuid.UUID) -> bool:
    """Whether the answer sent with this key is stored already (a double tap, a resend)."""
    return Response.objects.filter(survey=survey, submission_key=submission_key).exists()


def response_submit(
    *,
    survey: Survey,
    kind: str,
    language: str,
    data: dict,
    submission_key: uuid.UUID,
    burst=None,
) -> Response | None:
    """Store one answer; ``None`` when the answer with this key was stored already.

    ``data`` holds the answer's own fields (codes, the optional site, area or postal code, the
    free text). Two copies of one answer racing each other meet the database's unique
    constraint: the second is the same answer, so it is not an error.
    """
    response = Response(
        survey=survey,
        kind=kind,
        language=language,
        submission_key=submission_key,
        burst=burst,
        **data,
    )
    response.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            response.save(force_insert=True)
    except IntegrityError:
        if response_stored(survey=survey, submission_key=submission_key):
            return None
        raise
    return response
