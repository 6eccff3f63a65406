import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from execution.calendar import school_year, school_year_of
from municipalities.choices import AgeGroup, Slot
from municipalities.models import School, Trajectory


class SchoolFreeDayQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(school__trajectory__in=Trajectory.objects.visible_to(user))

    def of_schools_in(self, trajectory, *, first, last, site=None):
        """The free days between two dates of the trajectory's schools, or of one site's."""
        days = self.filter(school__trajectory=trajectory, day__range=(first, last))
        if site is not None:
            days = days.filter(school=site.school_id)
        return days.select_related("school")


class SchoolFreeDay(models.Model):
    """A day one school gives its pupils off on top of the Flemish calendar, so the sites
    of that school need care all day."""

    class Kind(models.TextChoices):
        STUDY_DAY = "study_day", _("Pedagogical study day")
        OPTIONAL = "optional", _("Optional free day")

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="free_days", verbose_name=_("school")
    )
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = SchoolFreeDayQuerySet.as_manager()

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "day"],
                name="unique_school_free_day",
                violation_error_message=_("This school already has a free day on this date."),
            )
        ]
        verbose_name = _("school free day")
        verbose_name_plural = _("school free days")

    def __str__(self) -> str:
        return f"{self.school.name} – {self.day:%d/%m/%Y}"

    def clean(self):
        # A school's own free day only counts where its pupils would otherwise be at school.
        if self.day is None:
            return
        try:
            year = school_year(school_year_of(self.day))
        except ValueError:
            message = _("There is no school calendar for this date.")
            raise ValidationError({"day": message}) from None
        if not year.is_school_day(self.day):
            raise ValidationError(
                {"day": _("This date is already free under the Flemish school calendar.")}
            )

    def editable_by(self, user) -> bool:
        return self.school.trajectory.editable_by(user)


class ExecutionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    STARTED = "started", _("Started")
    ON_HOLD = "on_hold", _("On hold")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionProgressQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            action__action_plan__objective__plan__trajectory__in=Trajectory.objects.visible_to(user)
        )


class ActionProgress(models.Model):
    """How an action of the plan in force is being carried out: kept beside the frozen plan,
    so it changes week by week without a new version to approve."""

    action = models.OneToOneField(
        "actionplans.Action", on_delete=models.CASCADE, related_name="execution"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ExecutionStatus.choices, default=ExecutionStatus.PLANNED
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Why the action was dropped or put on hold."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ActionProgressQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="execution_progress_at_most_100",
                violation_error_message=_("Progress is at most 100 %%."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ExecutionStatus.DROPPED) | ~Q(reason=""),
                name="dropped_action_has_a_reason",
                violation_error_message=_("Say why the action was dropped."),
            ),
        ]
        verbose_name = _("execution status")
        verbose_name_plural = _("execution statuses")

    def __str__(self) -> str:
        return f"{self.action} – {self.get_status_display()}"


class ProgressNote(models.Model):
    """A dated line on how an action is going, for the municipality to read."""

    action = models.ForeignKey(
        "actionplans.Action", on_delete=models.CASCADE, related_name="progress_notes"
    )
    day = models.DateField(_("date"))
    text = models.TextField(_("note"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ActionProgressQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-created_at"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.action} – {self.day:%d/%m/%Y}"


CENTRAL_PLACE = "central"


def place_key(site_id: int | None) -> str:
    """How sessions and enrolment counts name their place: a school site, or the central
    site, which has no row a key could point at."""
    return f"site-{site_id}" if site_id is not None else CENTRAL_PLACE


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """IN-Z and officials: the sessions of the trajectories they see; a bridge figure: the
        sessions they are placed at (``Session.staff`` or a placement of their own)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_bridge_figure:
            return self.filter(staff__worker__account=user).distinct()
        return self.filter(trajectory__in=Trajectory.objects.visible_to(user))


class Session(models.Model):
    """One concrete moment of an action at a place: a date, a slot and its times.

    Generated from the action's slots and the school calendar (``execution.sessions``); the
    generation key (action, place, slot, planned date) stays when a session is moved, so
    generating again finds it instead of making a second one.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="sessions", editable=False
    )
    action = models.ForeignKey(
        "actionplans.Action", on_delete=models.PROTECT, related_name="sessions"
    )
    site = models.ForeignKey(
        "municipalities.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("school site"),
        help_text=_("Empty for the action's central site."),
    )
    # "site-<id>" or "central": part of the generation key, where a missing site cannot be.
    place_key = models.CharField(max_length=30, editable=False)
    slot = models.CharField(_("slot"), max_length=20, choices=Slot.choices)
    planned_on = models.DateField(_("planned date"), editable=False)
    day = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    expected_children = models.PositiveIntegerField(_("expected children"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    change_reason = models.CharField(
        _("reason for the change"),
        max_length=300,
        blank=True,
        help_text=_("Why the session was moved or cancelled."),
    )
    # Generated sessions the plan no longer asks for, kept because attendance was recorded.
    is_orphan = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["day", "starts_at", "place_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "place_key", "slot", "planned_on"],
                name="one_session_per_action_place_slot_day",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("The session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status="planned") | ~Q(change_reason=""),
                name="cancelled_session_has_a_reason",
                violation_error_message=_("Say why the session is cancelled."),
            ),
        ]
        indexes = [models.Index(fields=["trajectory", "day"])]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.action.code} · {self.place} · {self.day:%d/%m/%Y}"

    @property
    def place(self) -> str:
        if self.site_id is not None:
            return str(self.site)
        return self.action.central_site_name or str(_("Central site"))

    @property
    def is_moved(self) -> bool:
        return self.day != self.planned_on

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def editable_by(self, user) -> bool:
        """Moving, cancelling and regenerating sessions is the coordinators' work."""
        return self.trajectory.editable_by(user)

    def attendance_editable_by(self, user) -> bool:
        """Attendance is recorded by the coordinators and by the bridge figures on the session."""
        if user.is_bridge_figure:
            return self.staff.filter(worker__account=user).exists()
        return self.editable_by(user)


class AttendanceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(session__in=Session.objects.visible_to(user))


class Attendance(models.Model):
    """Who came to a session, as counts: no child is ever named in the portal."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="attendance")
    children_5_10 = models.PositiveIntegerField(_("children 5–10"), default=0)
    vulnerable_5_10 = models.PositiveIntegerField(
        _("of whom from vulnerable families (5–10)"), default=0
    )
    children_11_15 = models.PositiveIntegerField(_("children 11–15"), default=0)
    vulnerable_11_15 = models.PositiveIntegerField(
        _("of whom from vulnerable families (11–15)"), default=0
    )
    partner = models.ForeignKey(
        "municipalities.LeisureActor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner who led the activity"),
    )
    activity = models.CharField(_("activity"), max_length=200, blank=True)
    # The key of the form that sent it: the same submission sent twice is stored once.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(vulnerable_5_10__lte=models.F("children_5_10")),
                name="vulnerable_5_10_within_children",
                violation_error_message=_(
                    "There cannot be more children from vulnerable families than children (5–10)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(vulnerable_11_15__lte=models.F("children_11_15")),
                name="vulnerable_11_15_within_children",
                violation_error_message=_(
                    "There cannot be more children from vulnerable families than children (11–15)."
                ),
            ),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.session} – {self.children}"

    @property
    def children(self) -> int:
        return self.children_5_10 + self.children_11_15


class StaffPresence(models.Model):
    """A worker expected at a session (from the placements), and whether they came."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        REPLACEMENT = "replacement", _("Replacement")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="staff")
    worker = models.ForeignKey(
        "staffing.Worker", on_delete=models.PROTECT, related_name="presences"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PRESENT
    )
    replaces = models.ForeignKey(
        "staffing.Worker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaces"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["worker__last_name", "worker__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "worker"],
                name="one_presence_per_worker_and_session",
                violation_error_message=_("This worker is already listed for the session."),
            ),
        ]
        verbose_name = _("staff presence")
        verbose_name_plural = _("staff presences")

    def __str__(self) -> str:
        return f"{self.worker} – {self.get_status_display()}"

    @property
    def counts(self) -> bool:
        """Whether this worker was there to look after children."""
        return self.status != self.Status.ABSENT


class Term(models.TextChoices):
    """The three school terms of a school year, for enrolments."""

    AUTUMN = "autumn", _("September to Christmas")
    WINTER = "winter", _("Christmas to Easter")
    SPRING = "spring", _("Easter to summer")
    SUMMER = "summer", _("Summer holiday")


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(trajectory__in=Trajectory.objects.visible_to(user))


class Enrolment(models.Model):
    """How many children are enrolled at a site for an age group and a term (counts only)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="enrolments")
    site = models.ForeignKey(
        "municipalities.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("school site"),
        help_text=_("Empty for the central site."),
    )
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices)
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The year the school year starts in.")
    )
    term = models.CharField(_("term"), max_length=10, choices=Term.choices)
    children = models.PositiveIntegerField(_("children enrolled"))
    vulnerable = models.PositiveIntegerField(_("of whom from vulnerable families"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-school_year", "term", "site", "age_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "site", "age_group", "school_year", "term"],
                name="one_enrolment_count_per_site_group_and_term",
                violation_error_message=_(
                    "There is already a count for this site, age group and term."
                ),
            ),
            # A missing site (the central site) is never equal to another in a unique
            # constraint, so the central site's counts need one of their own.
            models.UniqueConstraint(
                fields=["trajectory", "age_group", "school_year", "term"],
                condition=Q(site__isnull=True),
                name="one_central_enrolment_count_per_group_and_term",
                violation_error_message=_(
                    "There is already a count for this site, age group and term."
                ),
            ),
            models.CheckConstraint(
                condition=Q(vulnerable__lte=models.F("children")),
                name="enrolled_vulnerable_within_children",
                violation_error_message=_(
                    "There cannot be more children from vulnerable families than children."
                ),
            ),
        ]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.site or _('Central site')} · {self.age_group} · {self.school_year}"

    def editable_by(self, user) -> bool:
        return self.trajectory.editable_by(user)


class BridgeContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_bridge_figure:
            return self.filter(worker__account=user)
        return self.filter(trajectory__in=Trajectory.objects.visible_to(user))


class BridgeContact(models.Model):
    """A bridge figure's work with families in one week, counted by kind: no names."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        LEISURE = "leisure", _("Leisure")
        WORK = "work", _("Work")
        WELFARE = "welfare", _("Welfare / Huis van het Kind")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="bridge_contacts"
    )
    worker = models.ForeignKey(
        "staffing.Worker", on_delete=models.PROTECT, related_name="bridge_contacts"
    )
    week = models.DateField(_("week"), help_text=_("The Monday of the week."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    contacts = models.PositiveIntegerField(_("contacts with families"), default=0)
    referrals = models.PositiveIntegerField(_("referrals"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = BridgeContactQuerySet.as_manager()

    class Meta:
        ordering = ["-week", "worker", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "worker", "week", "kind"],
                name="one_contact_count_per_worker_week_and_kind",
                violation_error_message=_("This week already has a count of this kind."),
            ),
        ]
        verbose_name = _("bridge contacts")
        verbose_name_plural = _("bridge contacts")

    def __str__(self) -> str:
        return f"{self.worker} · {self.week:%d/%m/%Y} · {self.get_kind_display()}"

    def clean(self):
        if self.week is not None and self.week.weekday() != 0:
            raise ValidationError({"week": _("A week starts on a Monday.")})


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A secret address from which a calendar app reads sessions: of one site, of one worker,
    or of the whole municipality (neither). Whoever has the address reads the feed without an
    account, so the token is the secret; revoking it makes the address answer 404."""

    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    site = models.ForeignKey(
        "municipalities.Site",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school site"),
    )
    worker = models.ForeignKey(
        "staffing.Worker",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
        verbose_name=_("worker"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(site__isnull=True) | Q(worker__isnull=True),
                name="calendar_feed_of_a_site_or_a_worker",
                violation_error_message=_("A feed is for a site or for a worker, not both."),
            ),
        ]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.trajectory} · {self.subject}"

    @property
    def subject(self) -> str:
        if self.worker_id is not None:
            return self.worker.first_name
        if self.site_id is not None:
            return str(self.site)
        return str(_("All sites"))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def editable_by(self, user) -> bool:
        return self.trajectory.editable_by(user)
