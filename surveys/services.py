"""Every write of a survey's coordinator pages: the survey itself and its flyer."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from municipalities.models import Trajectory
from plus_portal.models import User

# The flyer's writes (request, retry, claim, sweep) live beside its rendering.
from surveys.flyers import flyer_process, flyer_request, flyer_retry, flyer_sweep
from surveys.models import Survey

__all__ = ["flyer_process", "flyer_request", "flyer_retry", "flyer_sweep"]

NOT_YET_OPEN, OPEN, CLOSED = "not_yet_open", "open", "closed"
STATUS_LABELS = {
    NOT_YET_OPEN: pgettext_lazy("survey status", "not yet open"),
    OPEN: pgettext_lazy("survey status", "open"),
    CLOSED: pgettext_lazy("survey status", "closed"),
}


def survey_status(survey: Survey, today=None) -> tuple[str, str]:
    """(code, label) of whether the survey takes answers today, follows ``Survey.is_open``."""
    today = today or timezone.localdate()
    if survey.is_open(today):
        code = OPEN
    elif survey.closed_at is None and today < survey.opens_on:
        code = NOT_YET_OPEN
    else:
        code = CLOSED
    return code, STATUS_LABELS[code]


def public_url(survey: Survey) -> str:
    """The survey's public address in full, as printed on the flyer and in its QR code."""
    return f"{settings.PORTAL_URL}{survey.public_path()}"


def short_address(survey: Survey) -> str:
    """The public address without its scheme: what a parent types from the flyer."""
    return public_url(survey).split("://", 1)[-1]


def _fill(survey: Survey, *, name, opens_on, closes_on) -> None:
    survey.name, survey.opens_on, survey.closes_on = name, opens_on, closes_on
    # The model carries the rules (closing after opening) and their messages.
    survey.full_clean(exclude=["trajectory", "created_by"])


@transaction.atomic
def survey_create(
    *, trajectory: Trajectory, name: str, opens_on, closes_on, sites, by: User
) -> Survey:
    """Open a survey for the trajectory's families over the given sites of its schools."""
    if not trajectory.editable_by(by):
        raise PermissionDenied
    survey = Survey(trajectory=trajectory, created_by=by)
    _fill(survey, name=name, opens_on=opens_on, closes_on=closes_on)
    survey.save()
    survey.sites.set(_own_sites(trajectory, sites))
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, name: str, opens_on, closes_on, sites, by: User) -> Survey:
    """Change a survey's name, period and sites (the caller holds its version lock)."""
    if not survey.editable_by(by):
        raise PermissionDenied
    _fill(survey, name=name, opens_on=opens_on, closes_on=closes_on)
    survey.save(update_fields=["name", "opens_on", "closes_on", "updated_at"])
    survey.sites.set(_own_sites(survey.trajectory, sites))
    return survey


def _own_sites(trajectory: Trajectory, sites):
    from municipalities.models import Site

    # Only sites of the trajectory's own schools, whatever the caller passes.
    return Site.objects.filter(school__trajectory=trajectory, pk__in=[site.pk for site in sites])


def survey_close(*, survey: Survey, by: User) -> bool:
    """Close the survey now, before its closing day; False when it was closed already."""
    if not survey.editable_by(by):
        raise PermissionDenied
    now = timezone.now()
    closed = Survey.objects.filter(pk=survey.pk, closed_at__isnull=True).update(
        closed_at=now, updated_at=now
    )
    if closed:
        survey.closed_at = now
    return closed == 1
