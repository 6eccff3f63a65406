"""The council packet: what a municipality puts before its council for a plan version or a
yearly progress report — the draft decision, the archivable PDF anyone can verify, and its
accessible twin."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplans.models import PlanVersion
from monitoring.models import ProgressReport
from municipalities.models import Trajectory


def public_token() -> str:
    return secrets.token_urlsafe(16)


class DraftDecision(models.Model):
    """The draft council decision (ontwerpbesluit) on an approved plan version.

    The portal drafts it from the version's frozen snapshot; from then on the text is the
    municipality's: its officials edit it, and a later change to the plan changes nothing here.
    """

    version = models.OneToOneField(
        PlanVersion, on_delete=models.PROTECT, related_name="draft_decision"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("summary"), blank=True)
    legal_grounds = models.TextField(_("legal grounds"))
    motivation = models.TextField(_("motivation"))
    #: The decision's articles in order, each a text ("Artikel 1", "Artikel 2", … are numbered
    #: by their position, not stored).
    articles = models.JSONField(_("articles"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("draft decision")
        verbose_name_plural = _("draft decisions")

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    """A document the municipality put before its council: a plan version or a progress report.

    From then on anyone may check a PDF of it on the public verification page, and its
    accessible twin is public at the token's address; nothing else of the trajectory is.
    """

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="council_submissions"
    )
    plan_version = models.OneToOneField(
        PlanVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_submission",
    )
    progress_report = models.OneToOneField(
        ProgressReport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="council_submission",
    )
    meeting_on = models.DateField(_("date of the council meeting"), null=True, blank=True)
    public_token = models.CharField(
        max_length=32, unique=True, default=public_token, editable=False
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent to the council on"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(plan_version__isnull=False) & Q(progress_report__isnull=True))
                | (Q(plan_version__isnull=True) & Q(progress_report__isnull=False)),
                name="submission_is_of_one_document",
                violation_error_message=_(
                    "A submission is of one plan version or one progress report."
                ),
            )
        ]
        verbose_name = _("submission to the council")
        verbose_name_plural = _("submissions to the council")

    def __str__(self) -> str:
        return str(self.plan_version or self.progress_report)


def speaks_for_council(user, trajectory: Trajectory) -> bool:
    """Only the municipality's own officials edit its draft decision and put documents before
    its council: the decision is theirs; IN-Z staff read along."""
    return user.is_official_of(trajectory.municipality_id)
