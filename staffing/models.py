"""Social-employment staff: who they are, their trajectory towards regular work, and where
they work.

Personal data (contact details, funding regime, development plan, evaluations) is for IN-Z
only; municipal officials see placements in their municipality and nothing more.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplans.models import Action
from municipalities.choices import AgeGroup, HolidayPeriod
from municipalities.fields import ChoiceListField
from municipalities.models import Municipality, Site, Trajectory

# Hours of a full-time job, to turn contract hours into FTE.
FULL_TIME_HOURS = Decimal("38")
# The trajectory starts the portal accepts.
TRAJECTORY_START_RANGE = (datetime.date(1950, 1, 1), datetime.date(2100, 12, 31))
# IMW: a contract of at least 24 hours a week. This is the rule as the project's design states
# it (DESIGN.md §2); unverified: the sources found do not confirm it. The Flemish government's
# page on IMW for employers names no minimum
# (https://www.vlaanderen.be/individueel-maatwerk/individueel-maatwerk-voor-werkgevers), and a
# social secretariat's summary says any employment contract longer than one day (24 hours)
# qualifies, full-time or part-time
# (https://www.liberform.be/blog/blogs-1/doelgroepvermindering-individueel-maatwerk-32).
IMW_MIN_HOURS_PER_WEEK = Decimal("24")
# LDE: no new recognitions from 1 July 2023, when individueel and collectief maatwerk took
# over; workers employed in LDE on 30 June 2023 keep their terms for the rest of their
# trajectory (https://www.prato.be/individueel-maatwerk-vlaanderen-update/ : "de Lokale
# Diensteneconomie (LDE)" is one of the measures individueel maatwerk replaces from 1/07/2023).
LDE_LAST_START = datetime.date(2023, 6, 30)


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    BERBER = "ber", _("Berber (Tamazight)")
    TURKISH = "tr", _("Turkish")
    POLISH = "pl", _("Polish")
    ROMANIAN = "ro", _("Romanian")
    BULGARIAN = "bg", _("Bulgarian")
    RUSSIAN = "ru", _("Russian")
    UKRAINIAN = "uk", _("Ukrainian")
    SPANISH = "es", _("Spanish")
    ITALIAN = "it", _("Italian")
    SOMALI = "so", _("Somali")
    TIGRINYA = "ti", _("Tigrinya")
    PASHTO = "ps", _("Pashto")
    DARI = "prs", _("Dari")
    KURDISH = "ku", _("Kurdish")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def imw_attest_max_end(issued_on: datetime.date) -> datetime.date:
    """The last day an IMW attest issued on this day can be valid: five whole years."""
    try:
        anniversary = issued_on.replace(year=issued_on.year + 5)
    except ValueError:  # 29 February
        anniversary = datetime.date(issued_on.year + 5, 3, 1)
    return anniversary - datetime.timedelta(days=1)


class Competence(models.Model):
    """A competence from the maintained list (childcare, activity leading, first aid, …)."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return self.name


class WorkerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The workers whose file the user may read (and, being IN-Z, change).

        An administrator sees every worker. A coordinator sees the workers with a placement,
        past or present, in a trajectory they may see (one of a municipality they coordinate),
        and the workers with no placement at all, so a new worker can be placed by whoever
        needs them. Officials see no worker as a person: they see placements.
        """
        if not user.is_authenticated or not user.works_for_inz:
            return self.none()
        if user.is_administrator:
            return self.all()
        # Exists, not a join: a worker placed several times still comes once.
        placements = Placement.objects.filter(worker=OuterRef("pk"))
        return self.filter(Exists(placements.visible_to(user)) | ~Exists(placements.values("pk")))


class Worker(models.Model):
    class Function(models.TextChoices):
        BRIDGE_FIGURE = "bridge_figure", _("Bridge figure (brugfiguur)")
        BKO_SUPPORT = "bko_support", _("Out-of-school care support")
        PROJECT_WORKER = "project_worker", _("Project worker for the local leisure offer")
        OTHER = "other", _("Other")

    class Regime(models.TextChoices):
        LDE = "lde", _("Local services economy (LDE)")
        IMW = "imw", _("Individual customised work (IMW)")
        COLLECTIVE = "collective", _("Collective customised work")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        REGULAR_JOB = "regular_job", _("Regular job")
        INTERNAL = "internal", _("Internal transition")
        OTHER_MEASURE = "other_measure", _("Other measure")
        STOPPED = "stopped", _("Stopped")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The worker's own sign-in, as a bridge figure: their sessions and schedule only.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="worker",
        editable=False,
    )
    function = models.CharField(_("function"), max_length=20, choices=Function.choices)
    languages = ChoiceListField(_("languages spoken"), base_choices=Language.choices)
    home_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home municipality"),
    )
    age_group_experience = ChoiceListField(
        _("experience with age groups"), base_choices=AgeGroup.choices
    )
    # Employment and funding
    regime = models.CharField(_("funding regime"), max_length=20, choices=Regime.choices)
    vdab_attest_on = models.DateField(_("VDAB advice or attest"), null=True, blank=True)
    vdab_valid_until = models.DateField(_("VDAB attest valid until"), null=True, blank=True)
    contract_starts_on = models.DateField(_("contract start"))
    contract_ends_on = models.DateField(_("contract end"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(FULL_TIME_HOURS)],
    )
    # The trajectory towards regular work (LDE: at most 5 years, 6 by exception).
    trajectory_starts_on = models.DateField(_("trajectory start"))
    extended_to_six_years = models.BooleanField(_("extended to 6 years"), default=False)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_employer = models.CharField(_("new employer"), max_length=200, blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    # Collectief maatwerk: VDAB sets a work-support package (WOP: wage premium of 40-60 % and a
    # low, middle or high coaching level, labelled like "40 laag"). It is valid at most five
    # years from hiring and is re-evaluated by VDAB, not ended: a re-evaluation may be asked
    # from the third year of employment
    # (https://werkgevers.vdab.be/sociale-economie/collectief-maatwerk-wop ;
    # https://herwin.be/question/na-welke-termijn-worden-de-startpakketten-geevalueerd/).
    support_package = models.CharField(
        _("work-support package"),
        max_length=40,
        blank=True,
        help_text=_("Collective customised work: the package VDAB set, e.g. “40 laag”."),
    )
    reevaluation_on = models.DateField(
        _("package re-evaluation on"),
        null=True,
        blank=True,
        help_text=_("Collective customised work: when VDAB re-evaluates the package."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = WorkerQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(extended_to_six_years=False) | ~Q(extension_reason=""),
                name="extension_has_a_reason",
                violation_error_message=_("A sixth year is an exception: record the reason."),
            ),
            models.CheckConstraint(
                condition=Q(contract_ends_on__isnull=True)
                | Q(contract_ends_on__gte=models.F("contract_starts_on")),
                name="contract_ends_after_it_starts",
                violation_error_message=_("The contract cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(regime="lde") | Q(contract_starts_on__lte=LDE_LAST_START),
                name="no_new_lde_after_june_2023",
                violation_error_message=_(
                    "No new employment in the local services economy (LDE) starts after "
                    "30 June 2023: individual or collective customised work replaced it. Only "
                    "LDE workers employed on 30 June 2023 keep their terms."
                ),
            ),
        ]
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        # The trajectory's end is computed from its start; a start in the far future (a typo
        # such as 9024) would give an end past the last date the calendar can hold.
        if self.trajectory_starts_on and not (
            TRAJECTORY_START_RANGE[0] <= self.trajectory_starts_on <= TRAJECTORY_START_RANGE[1]
        ):
            raise ValidationError(
                {
                    "trajectory_starts_on": _("A trajectory starts between %(first)s and %(last)s.")
                    % {
                        "first": TRAJECTORY_START_RANGE[0].year,
                        "last": TRAJECTORY_START_RANGE[1].year,
                    }
                }
            )
        errors = {}
        if self.extended_to_six_years and not self.extension_reason.strip():
            errors["extension_reason"] = _("A sixth year is an exception: record the reason.")
        if self.outcome == self.Outcome.REGULAR_JOB and not self.outcome_employer.strip():
            errors["outcome_employer"] = _("Name the regular employer.")
        # Only an LDE trajectory has a fixed term that a sixth year could extend.
        if self.extended_to_six_years and self.regime != self.Regime.LDE:
            errors["extended_to_six_years"] = _("Only an LDE trajectory can run a sixth year.")
        if self.regime == self.Regime.IMW and self.vdab_attest_on and self.vdab_valid_until:
            # IMW: VDAB's decision on the work limitation holds at most five years (then it can
            # be renewed) (https://www.vlaanderen.be/individueel-maatwerk/individueel-maatwerk-voor-werkgevers).
            if self.vdab_valid_until < self.vdab_attest_on:
                errors["vdab_valid_until"] = _("The attest cannot expire before it was issued.")
            elif self.vdab_valid_until > imw_attest_max_end(self.vdab_attest_on):
                errors["vdab_valid_until"] = _(
                    "An IMW attest is valid for at most five years; record a renewal as a new "
                    "attest."
                )
        if (
            self.regime == self.Regime.IMW
            and self.hours_per_week is not None
            and self.hours_per_week < IMW_MIN_HOURS_PER_WEEK
        ):
            errors["hours_per_week"] = _("An IMW contract has at least %(hours)s hours a week.") % {
                "hours": IMW_MIN_HOURS_PER_WEEK.normalize()
            }
        if self.regime != self.Regime.COLLECTIVE and (self.support_package or self.reevaluation_on):
            errors["support_package"] = _(
                "A work-support package belongs to collective customised work only."
            )
        if errors:
            raise ValidationError(errors)

    def editable_by(self, user) -> bool:
        """Whoever may read a worker's file may keep it up to date: the same rule as
        ``Worker.objects.visible_to``."""
        return Worker.objects.visible_to(user).filter(pk=self.pk).exists()


class WorkerCompetence(models.Model):
    class Level(models.IntegerChoices):
        BASIC = 1, _("Basic")
        GOOD = 2, _("Good")
        STRONG = 3, _("Strong")
        EXPERT = 4, _("Can coach others")

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="competences")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "competence"],
                name="unique_competence",
                violation_error_message=_("This competence is already on the worker's list."),
            )
        ]
        verbose_name = _("competence of a worker")
        verbose_name_plural = _("competences of a worker")

    def __str__(self) -> str:
        return f"{self.competence} ({self.get_level_display()})"


class Qualification(models.Model):
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="qualifications")
    name = models.CharField(_("qualification"), max_length=200)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self) -> str:
        return self.name


class Availability(models.Model):
    """When a worker can work, per weekday."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="availability_ends_after",
                violation_error_message=_("The available time must end after it starts."),
            )
        ]
        verbose_name = _("availability")
        verbose_name_plural = _("availability")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Milestone(models.Model):
    class Kind(models.TextChoices):
        POP_MADE = "pop_made", _("Development plan made")
        EVALUATION = "evaluation", _("Evaluation")
        TRAINEESHIP = "traineeship", _("Traineeship at a regular employer")
        TRANSITION = "transition", _("Transition")

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("milestone"), max_length=20, choices=Kind.choices)
    planned_on = models.DateField(_("planned on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["planned_on", "done_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self):
        if self.planned_on is None and self.done_on is None:
            raise ValidationError(
                {"planned_on": _("Give the date it is planned on, or the date it was done.")}
            )


class DevelopmentPlan(models.Model):
    """The worker's personal development plan (POP): current and target competences and at
    least ``MIN_ACTIONS`` improvement actions, reviewed before each evaluation."""

    # A POP names at least two improvement actions, each with an owner and a due date.
    MIN_ACTIONS = 2

    worker = models.OneToOneField(Worker, on_delete=models.CASCADE, related_name="pop")
    current_competences = models.TextField(_("current competences"))
    target_competences = models.TextField(_("target competences"))
    reviewed_on = models.DateField(_("last reviewed on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development plan (POP)")
        verbose_name_plural = _("development plans (POP)")

    def __str__(self) -> str:
        return f"POP {self.worker}"

    @classmethod
    def validate_actions(cls, actions: list) -> None:
        """Refuse a POP whose improvement actions, as they will be saved, are too few."""
        if len(actions) < cls.MIN_ACTIONS:
            raise ValidationError(
                _(
                    "A POP needs at least %(count)s improvement actions, each with an owner "
                    "and a due date."
                )
                % {"count": cls.MIN_ACTIONS},
                code="too_few_actions",
            )


class ImprovementAction(models.Model):
    pop = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("improvement action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=150)
    due_on = models.DateField(_("due on"))
    done = models.BooleanField(_("done"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")

    def __str__(self) -> str:
        return self.description


class Training(models.Model):
    class Kind(models.TextChoices):
        SOFT_SKILLS = "soft_skills", _("Soft skills")
        CAREER = "career", _("Career guidance")
        COURSE = "course", _("Course")
        COACHING = "coaching", _("Coaching")

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="trainings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    taken_on = models.DateField(_("date"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-taken_on"]
        verbose_name = _("training or coaching")
        verbose_name_plural = _("training and coaching")

    def __str__(self) -> str:
        return self.title


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(trajectory__in=Trajectory.objects.visible_to(user))


class Placement(models.Model):
    """A worker at a site of a municipality, on weekly slots, carrying out plan actions."""

    worker = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="placements", verbose_name=_("worker")
    )
    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("municipality's trajectory"),
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("school site"),
    )
    central_site_name = models.CharField(_("central site"), max_length=200, blank=True)
    actions = models.ManyToManyField(
        Action, blank=True, related_name="placements", verbose_name=_("actions carried out")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[actions])

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="placement_ends_after_it_starts",
                violation_error_message=_("A placement cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(site__isnull=False) | ~Q(central_site_name=""),
                name="placement_has_a_place",
                violation_error_message=_("Choose a school site or name the central site."),
            ),
        ]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.worker} @ {self.site or self.central_site_name}"

    @property
    def place(self) -> str:
        return str(self.site) if self.site_id else self.central_site_name

    def editable_by(self, user) -> bool:
        return self.trajectory.editable_by(user)


class PlacementSlot(models.Model):
    """A weekly moment of a placement (weekday and times), or a school holiday period."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    holiday_period = models.CharField(
        _("holiday period"), max_length=20, choices=HolidayPeriod.choices, blank=True
    )
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "holiday_period", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="placement_slot_ends_after",
                violation_error_message=_("The slot must end after it starts."),
            ),
            models.CheckConstraint(
                condition=(Q(weekday__isnull=False) & Q(holiday_period=""))
                | (Q(weekday__isnull=True) & ~Q(holiday_period="")),
                name="weekday_or_holiday_period",
                violation_error_message=_("Each slot needs either a weekday or a holiday period."),
            ),
        ]

    def __str__(self) -> str:
        day = (
            self.get_weekday_display()
            if self.weekday is not None
            else (self.get_holiday_period_display())
        )
        return f"{day} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"
