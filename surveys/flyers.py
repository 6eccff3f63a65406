"""The printable A4 flyer of a survey, made in the background like the progress report.

The request creates a ``Flyer`` row and queues ``render_flyer`` once the transaction
commits; the task claims the row with a conditional UPDATE (a second delivery of the same
message finds nothing queued), renders it with actionplans' WeasyPrint machinery (print
stylesheet, our fonts, the fetcher that serves static files only) and stores the file under
a name of the row. A worker killed mid-render leaves the row running; ``flyer_sweep`` (celery
beat) queues it again, and gives it up after ``PLUS_REPORT_MAX_ATTEMPTS``.

The flyer speaks every survey language: its text is ``pgettext("survey", …)`` rendered
inside ``translation.override`` of each language, so it follows the survey's catalogues.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import ngettext, pgettext

from actionplans.background import BackgroundPdf
from actionplans.reports import GENERIC_FAILURE, ReportError, css_string, render_pdf
from plus_portal.models import User
from surveys.models import MINIMUM_CELL, Flyer, Survey

__all__ = ["GENERIC_FAILURE", "ReportError"]


PDF_TEMPLATE = "surveys/pdf/flyer.html"
PENDING = (Flyer.Status.QUEUED, Flyer.Status.RUNNING)
#: Until the survey languages are a setting of their own.
# --- Requests ---------------------------------------------------------------------------------


@transaction.atomic
def flyer_request(*, survey: Survey, by: User) -> Flyer:
    """A new flyer row for the survey, its PDF queued once this commits."""
    if not survey.editable_by(by):
        raise PermissionDenied
    # The limit the other PDFs have on renders asked for by hand: every flyer is a render.
    limit = settings.PLUS_REPORT_FORCED_PER_HOUR
    since = timezone.now() - datetime.timedelta(hours=1)
    if Flyer.objects.filter(requested_by=by, created_at__gte=since).count() >= limit:
        raise ReportError(
            ngettext(
                "You have had %(count)s flyer made in the past hour; please try again later.",
                "You have had %(count)s flyers made in the past hour; please try again later.",
                limit,
            )
            % {"count": limit}
        )
    flyer = Flyer.objects.create(survey=survey, requested_by=by)
    _queue(flyer.pk)
    return flyer


def _queue(flyer_id: int) -> None:
    from surveys.tasks import render_flyer

    render_flyer.delay_on_commit(flyer_id)


def flyer_retry(*, flyer: Flyer, by: User) -> bool:
    """Queue a failed flyer again; False when it was not (or no longer) failed."""
    if not flyer.survey.editable_by(by):
        raise PermissionDenied
    with transaction.atomic():
        retried = Flyer.objects.filter(pk=flyer.pk, status=Flyer.Status.FAILED).update(
            status=Flyer.Status.QUEUED, progress=0, error=""
        )
        if retried == 1:
            _queue(flyer.pk)
    return retried == 1


# --- What the flyer says ----------------------------------------------------------------------


def _language_tag(code: str) -> str:
    return "nl-BE" if code.startswith("nl") else code


def _invitations(survey: Survey) -> list[dict]:
    """The flyer's text in each survey language (right-to-left ones marked so)."""
    texts = []
    for code, name in settings.SURVEY_LANGUAGES:
        with translation.override(code):
            closes_on = formats.date_format(survey.closes_on, "DATE_FORMAT")
            texts.append(
                {
                    "code": code,
                    "tag": _language_tag(code),
                    "name": name,
                    "direction": "rtl" if translation.get_language_bidi() else "ltr",
                    "title": pgettext("survey", "What do your children need after school?"),
                    "invitation": pgettext(
                        "survey",
                        "Parents and children (8–15): tell us what you need for care and "
                        "leisure before and after school, on Wednesday afternoons and in the "
                        "holidays. It takes about five minutes.",
                    ),
                    "scan": pgettext(
                        "survey", "Scan the code or type the address in your browser:"
                    ),
                    "closes": pgettext("survey", "Open until %(date)s.") % {"date": closes_on},
                    "privacy": pgettext(
                        "survey",
                        "Anonymous: we do not ask your name. Results are only shown for "
                        "groups of at least %(count)s answers.",
                    )
                    % {"count": MINIMUM_CELL},
                }
            )
    return texts


def flyer_context(survey: Survey) -> dict:
    from surveys.qr import qr_svg_inline
    from surveys.services import public_url, short_address

    url = public_url(survey)
    return {
        "survey": survey,
        "municipality": survey.trajectory.municipality.name_nl,
        "address": short_address(survey),
        "qr": qr_svg_inline(url, label=pgettext("survey", "QR code of the survey"), scale=8),
        "texts": _invitations(survey),
    }


def flyer_filename(flyer: Flyer) -> str:
    survey = flyer.survey
    return f"{slugify(f'flyer-{survey.trajectory.municipality.name_nl}-{survey.name}')}.pdf"


def render_flyer_pdf(survey: Survey, *, progress: Callable[[int], None] | None = None) -> bytes:
    # One page, no running headers: the print stylesheet's margins are kept, its margin
    # boxes stay empty.
    html = render_to_string(PDF_TEMPLATE, flyer_context(survey))
    if progress:
        progress(35)
    page_css = (
        "@page { size: A4; margin: 14mm 16mm; "
        f"@bottom-left {{ content: {css_string(survey.trajectory.municipality.name_nl)}; }} }}"
    )
    return render_pdf(html, page_css=page_css, progress=progress).content


# --- The background work ----------------------------------------------------------------------


def storage_name(flyer_id: int) -> str:
    return f"survey-flyers/{flyer_id}.pdf"


def _load(flyer_id: int) -> Flyer:
    return Flyer.objects.select_related("survey__trajectory__municipality").get(pk=flyer_id)


def _render(flyer: Flyer, *, progress) -> bytes:
    return render_flyer_pdf(flyer.survey, progress=progress)


BACKGROUND = BackgroundPdf(
    model=Flyer,
    noun="Flyer",
    load=_load,
    render=_render,
    storage_name=storage_name,
    queue=lambda flyer_id: _queue(flyer_id),
)


def flyer_process(*, flyer_id: int) -> bool:
    """Claim a queued flyer and render it; False when someone else has it or it failed."""
    return BACKGROUND.process(flyer_id)


def flyer_sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Queue again the flyers whose worker died mid-render (``BackgroundPdf.sweep``)."""
    return BACKGROUND.sweep(now=now)
