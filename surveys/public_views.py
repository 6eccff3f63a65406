"""The public survey's pages: no account, no session, nothing of the respondent kept.

Each page is rendered inside the language the respondent chose (the language in the address,
one of ``SURVEY_LANGUAGES``); the portal's own language cookie plays no part.
"""

import uuid

from csp.constants import SELF
from csp.decorators import csp_update
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation

from surveys import abuse
from surveys.access import public_survey
from surveys.public_forms import KINDS
from surveys.responses import response_stored, response_submit

# The challenge widget solves its proof of work in Web Workers it starts from a blob: URL.
WORKERS = {"worker-src": [SELF, "blob:"]}


def survey_language(lang: str) -> str:
    """The survey language in the address; any other answers 404."""
    if lang not in dict(settings.SURVEY_LANGUAGES):
        raise Http404
    return lang


def _render(request, template, language, context, status=200):
    info = translation.get_language_info(language)
    context = {
        **context,
        "language": language,
        "bidi": info["bidi"],
        "languages": settings.SURVEY_LANGUAGES,
    }
    response = render(request, f"surveys/public/{template}", context, status=status)
    response["Content-Language"] = language
    return response


def _closed(request, survey, language):
    opens_later = survey.closed_at is None and timezone.localdate() < survey.opens_on
    context = {"survey": survey, "opens_later": opens_later}
    return _render(request, "closed.html", language, context, status=200 if opens_later else 410)


def start(request, token):
    survey = public_survey(token)
    lang = request.GET.get("lang", "")
    language = lang if lang in dict(settings.SURVEY_LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        if not survey.is_open():
            return _closed(request, survey, language)
        return _render(request, "start.html", language, {"survey": survey})


def _key(data) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(data.get("submission_key", "")))
    except ValueError:
        return None


@csp_update(WORKERS)
def answer(request, token, lang, kind):
    survey = public_survey(token)
    language = survey_language(lang)
    with translation.override(language):
        if not survey.is_open():
            return _closed(request, survey, language)
        if request.method == "POST":
            return _submit(request, survey, kind, language)
        form = KINDS[kind](survey=survey, initial={"submission_key": uuid.uuid4()})
        return _render(request, f"{kind}.html", language, {"survey": survey, "form": form})


def _submit(request, survey, kind, language):
    thanks = redirect("survey_public:thanks", token=survey.token, lang=language)
    # Before the challenge: a second copy of a stored answer carries a challenge already
    # used, which the field would refuse, and the respondent would think it lost.
    key = _key(request.POST)
    if key is not None and response_stored(survey=survey, submission_key=key):
        return thanks
    form = KINDS[kind](request.POST, survey=survey)
    if not form.is_valid():
        return _render(request, f"{kind}.html", language, {"survey": survey, "form": form})
    admission = abuse.admit(request, survey)
    if not admission.allowed:
        response = _render(request, "busy.html", language, {"survey": survey}, status=429)
        response["Retry-After"] = str(admission.retry_after)
        return response
    stored_answer = response_submit(
        survey=survey,
        kind=kind,
        language=language,
        data=form.answer(),
        submission_key=form.cleaned_data["submission_key"],
        burst=admission.burst,
    )
    if stored_answer is not None:
        abuse.stored(request, survey, stored_answer)
    return thanks


def thanks(request, token, lang):
    survey = public_survey(token)
    language = survey_language(lang)
    with translation.override(language):
        return _render(request, "thanks.html", language, {"survey": survey})
