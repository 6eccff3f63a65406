"""Writes of the council packet: putting a plan version or a progress report before the council."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from actionplans.models import PlanVersion
from council.models import Submission, speaks_for_council
from monitoring.models import ProgressReport
from plus_portal.models import User


class SubmissionError(Exception):
    """A document that cannot be sent to the council (the message says why)."""


def _trajectory(version, report):
    return version.plan.trajectory if version is not None else report.trajectory


def send_refusal(
    *, version: PlanVersion | None = None, report: ProgressReport | None = None
) -> str | None:
    """Why this document cannot go to the council, or None when it can.

    The council decides on the plan the municipality approved, and reads a report once it is
    made: an unapproved version or a report still being made (or failed) is not sent.
    """
    if (version is None) == (report is None):
        raise TypeError("send one plan version or one progress report")
    if version is not None:
        if not version.is_approved:
            return _("Only an approved plan version can be sent to the council.")
        if Submission.objects.filter(plan_version=version).exists():
            return _("This plan version was already sent to the council.")
        return None
    if report.status != ProgressReport.Status.DONE:
        return _("Only a finished progress report can be sent to the council.")
    if Submission.objects.filter(progress_report=report).exists():
        return _("This progress report was already sent to the council.")
    return None


def send_to_council(
    *,
    version: PlanVersion | None = None,
    report: ProgressReport | None = None,
    meeting_on: datetime.date | None = None,
    by: User,
) -> Submission:
    """Mark a plan version or a progress report as put before the municipality's council.

    From then on its PDFs are found on the public verification page and its twin is public.
    A document is sent once: the one-to-one columns are the guard, so of two officials
    sending at the same moment one is told it was already sent.
    """
    trajectory = _trajectory(version, report)
    if not speaks_for_council(by, trajectory):
        raise SubmissionError(_("Only an official of the municipality sends to its council."))
    refusal = send_refusal(version=version, report=report)
    if refusal:
        raise SubmissionError(refusal)
    submission = Submission(
        trajectory=trajectory,
        plan_version=version,
        progress_report=report,
        meeting_on=meeting_on,
        sent_by=by,
    )
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        raise SubmissionError(_("This document was already sent to the council.")) from None
    return submission
