"""Impact: indicators with targets per objective, what was really spent and received, and the
yearly progress report for the council, frozen like a plan version."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Trajectory


class TrajectoryScopedQuerySet(models.QuerySet):
    #: How a record reaches its trajectory.
    trajectory_path = "trajectory"

    def visible_to(self, user):
        return self.filter(**{f"{self.trajectory_path}__in": Trajectory.objects.visible_to(user)})


class IndicatorQuerySet(TrajectoryScopedQuerySet):
    trajectory_path = "objective__plan__trajectory"


class Indicator(models.Model):
    """A measure of an objective (beleidsdoelstelling), as BBC plans carry them: a baseline,
    a target per year of the cycle, and results per period.

    A computed indicator takes its results from the portal's own data (``computed_key`` names
    its definition in ``monitoring.indicators``); a manual one from values typed in per
    period, with their source.
    """

    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")

    objective = models.ForeignKey(
        "actionplans.Objective", on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    computed_key = models.CharField(
        _("computed from"),
        max_length=60,
        blank=True,
        help_text=_("Empty for an indicator whose results are entered by hand."),
    )
    definition = models.TextField(
        _("definition"), blank=True, help_text=_("What is counted, how, and from which source.")
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    baseline_note = models.CharField(_("baseline source"), max_length=200, blank=True)
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["objective__number", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def trajectory(self) -> Trajectory:
        return self.objective.plan.trajectory

    @property
    def is_computed(self) -> bool:
        return bool(self.computed_key)

    def editable_by(self, user) -> bool:
        return self.trajectory.editable_by(user)


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="one_target_per_indicator_and_year",
                violation_error_message=_("This indicator already has a target for this year."),
            )
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class IndicatorResultQuerySet(TrajectoryScopedQuerySet):
    trajectory_path = "indicator__objective__plan__trajectory"


class IndicatorResult(models.Model):
    """A manual indicator's value over a period, with where it comes from."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="results")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = IndicatorResultQuerySet.as_manager()

    class Meta:
        ordering = ["period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="indicator_result_period_ends_after_it_starts",
                violation_error_message=_("The period must end on or after its start."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"],
                name="one_result_per_indicator_and_period",
                violation_error_message=_("This period already has a result."),
            ),
        ]
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class SpendingQuerySet(TrajectoryScopedQuerySet):
    trajectory_path = "action__action_plan__objective__plan__trajectory"


class Spending(models.Model):
    """What an action really cost in a year, against its budget lines (ramingen)."""

    action = models.ForeignKey(
        "actionplans.Action", on_delete=models.CASCADE, related_name="spending"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount spent"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = SpendingQuerySet.as_manager()

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "year"],
                name="one_spending_per_action_and_year",
                violation_error_message=_("This action already has its spending for this year."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="spending_not_negative",
                violation_error_message=_("Spending cannot be negative."),
            ),
        ]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")

    def __str__(self) -> str:
        return f"{self.action} {self.year}: {self.amount}"


class FundingReceiptQuerySet(TrajectoryScopedQuerySet):
    trajectory_path = "funding_source__action__action_plan__objective__plan__trajectory"


class FundingReceipt(models.Model):
    """Money that really came in for one planned funding source."""

    funding_source = models.ForeignKey(
        "actionplans.FundingSource", on_delete=models.CASCADE, related_name="receipts"
    )
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(_("amount received"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = FundingReceiptQuerySet.as_manager()

    class Meta:
        ordering = ["received_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="receipt_not_negative",
                violation_error_message=_("An amount received cannot be negative."),
            ),
        ]
        verbose_name = _("funding received")
        verbose_name_plural = _("funding received")

    def __str__(self) -> str:
        return f"{self.funding_source}: {self.amount}"


class Story(models.Model):
    """A quote or short story for the progress report, told with the consent of the person."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="stories")
    text = models.TextField(_("quote or story"))
    told_by = models.CharField(
        _("told by"), max_length=100, help_text=_("A description, not a name: “a mother in Velm”.")
    )
    consent_on = models.DateField(
        _("consent recorded on"),
        help_text=_("The date the person agreed to be quoted in a public report."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = TrajectoryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.told_by

    def editable_by(self, user) -> bool:
        return self.trajectory.editable_by(user)


class ProgressReport(models.Model):
    """The yearly progress report of a trajectory over a period, frozen when it is made: its
    snapshot (the period's figures) and that snapshot's hash never change afterwards."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="progress_reports"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=10, default="nl-be")
    snapshot = models.JSONField(editable=False)
    content_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    # When the last render was claimed, and how many were: a worker that died mid-render
    # leaves the report running, and ``progress_report_sweep`` queues it again.
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    pdf = models.FileField(upload_to="progress-reports/", blank=True)
    #: The SHA-256 of the issued PDF, by which the public verification page finds it.
    pdf_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["snapshot", "progress", "started_at", "attempts"])

    objects = TrajectoryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="progress_report_period_ends_after_it_starts",
                violation_error_message=_("The period must end on or after its start."),
            ),
        ]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "progress_reports:detail", kwargs={"trajectory_pk": self.trajectory_id, "pk": self.pk}
        )

    @property
    def is_downloadable(self) -> bool:
        """Rendered and stored: the PDF can be handed out."""
        return self.status == self.Status.DONE and bool(self.pdf)

    def editable_by(self, user) -> bool:
        return self.trajectory.editable_by(user)
