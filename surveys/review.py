"""A coordinator's review of a survey: free texts shown to officials or hidden, and bursts of
answers accepted (a class that answered together) or discarded (a flood)."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.models import Burst, Response, Survey


def text_publish(*, response: Response, shown_text: str, by) -> Response:
    """Officials read ``shown_text`` (the original with any personal data taken out); the
    original stays for coordinators only."""
    shown_text = shown_text.strip()
    if not shown_text:
        raise ValidationError(
            {"shown_text": _("Write the text officials may read, or hide the answer.")}
        )
    response.free_text_shown = shown_text
    response.free_text_status = Response.TextStatus.PUBLISHED
    response.full_clean(validate_unique=False, validate_constraints=False)
    response.save(update_fields=["free_text_shown", "free_text_status"])
    return response


def text_hide(*, response: Response, by) -> Response:
    """Officials never read this answer's text (a published one is taken back)."""
    response.free_text_shown = ""
    response.free_text_status = Response.TextStatus.HIDDEN
    response.save(update_fields=["free_text_shown", "free_text_status"])
    return response


def _burst_review(burst: Burst, status: str, by) -> Burst:
    if burst.status != Burst.Status.PENDING:
        raise ValidationError(_("This burst has already been reviewed."))
    burst.status = status
    burst.reviewed_by = by
    burst.reviewed_at = timezone.now()
    burst.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return burst


def burst_accept(*, burst: Burst, by) -> Burst:
    """The burst's answers count from now on (a class that answered together)."""
    return _burst_review(burst, Burst.Status.ACCEPTED, by)


def burst_discard(*, burst: Burst, by) -> Burst:
    """The burst's answers are kept but never counted (a flood)."""
    return _burst_review(burst, Burst.Status.DISCARDED, by)


def pending_bursts(survey: Survey, *, sample: int):
    """The survey's bursts still to review, each with its number of answers and the first
    ``sample`` of them as ``burst.sample``: a flood of thousands loads only those."""
    answers = Response.objects.select_related("site__school").defer("free_text").order_by("pk")
    return (
        Burst.objects.filter(survey=survey, status=Burst.Status.PENDING)
        .annotate(answers=Count("responses"))
        .prefetch_related(Prefetch("responses", queryset=answers[:sample], to_attr="sample"))
    )
