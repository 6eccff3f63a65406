"""The action plan in the municipal BBC shape: objectives → action plans → actions.

Codes follow the multi-year plan (BD1, AP1.2, A1.2.3). Numbers are given once, when a part
is added, and change only when someone reorders on purpose, so a code quoted in a council
decision keeps pointing at the same thing.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.fields import ChoiceListField
from municipalities.models import CareProvider, LeisureActor, School, Site, Trajectory
from plus_portal.models import User
from swot.models import Strategy, SwotItem


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(trajectory__in=Trajectory.objects.visible_to(user))


class Plan(models.Model):
    """A trajectory's action plan; reviewed and approved as frozen versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    class Step(models.TextChoices):
        SUBMIT = "submit"
        APPROVE = "approve"
        REQUEST_CHANGES = "request_changes"
        AMEND = "amend"

    # The review, declared once: each step, the statuses it starts from, where it ends. An
    # amendment makes an approved plan a draft again; its approved version stays in force
    # (``PlanVersion.objects.in_force``) until a newer version is approved.
    STEPS = {
        Step.SUBMIT: (frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}), Status.IN_REVIEW),
        Step.APPROVE: (frozenset({Status.IN_REVIEW}), Status.APPROVED),
        Step.REQUEST_CHANGES: (frozenset({Status.IN_REVIEW}), Status.CHANGES_REQUESTED),
        Step.AMEND: (frozenset({Status.APPROVED}), Status.DRAFT),
    }

    trajectory = models.OneToOneField(
        Trajectory, on_delete=models.PROTECT, related_name="plan", verbose_name=_("trajectory")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary and vision"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actionplans:plan", kwargs={"trajectory_pk": self.trajectory_id})

    @property
    def is_editable_status(self) -> bool:
        """A plan is changed while it can be submitted: as a draft or when sent back."""
        return self.can(self.Step.SUBMIT)

    def can(self, step: str) -> bool:
        return self.status in self.STEPS[step][0]

    def take(self, step: str) -> None:
        """Move the status along one step of the review; the caller saves it."""
        if not self.can(step):
            raise ValueError(f"A plan in status {self.status} cannot take the step {step}.")
        self.status = self.STEPS[step][1]

    def editable_by(self, user) -> bool:
        """Coordinators edit, and only a draft or a plan sent back with requested changes."""
        return self.is_editable_status and self.trajectory.editable_by(user)

    def amendable_by(self, user) -> bool:
        """Coordinators open an amendment of an approved plan to change it."""
        return self.can(self.Step.AMEND) and self.trajectory.editable_by(user)

    def locked_reason(self, user) -> str:
        """Why a user who coordinates the municipality cannot change the plan now ("" when
        they can, or when they do not coordinate it: then only coordinators may)."""
        if not self.trajectory.editable_by(user) or self.is_editable_status:
            return ""
        if self.can(self.Step.AMEND):
            return _(
                "This plan is approved and in force. Open an amendment first to change it; "
                "the approved version stays in force until the amendment is approved."
            )
        return _(
            "This plan is in review with the municipality. It can be changed again when the "
            "municipality requests changes."
        )

    def has_decider(self, user) -> bool:
        """Only an official of the municipality decides on its plan."""
        return user.is_official_of(self.trajectory.municipality)

    def decidable_by(self, user) -> bool:
        return self.has_decider(user) and self.can(self.Step.APPROVE)


class PlanPartQuerySet(models.QuerySet):
    #: How each kind of part reaches its trajectory.
    trajectory_path = ""
    #: The parts above this kind, each of which may have been removed with it.
    ancestor_paths: tuple[str, ...] = ()

    def visible_to(self, user):
        return self.filter(**{f"{self.trajectory_path}__in": Trajectory.objects.visible_to(user)})

    def active(self):
        """Parts still in the plan: not removed themselves, nor under a removed part."""
        return self.filter(
            removed_at__isnull=True,
            **{f"{path}__removed_at__isnull": True for path in self.ancestor_paths},
        )


class ObjectiveQuerySet(PlanPartQuerySet):
    trajectory_path = "plan__trajectory"


class ActionPlanQuerySet(PlanPartQuerySet):
    trajectory_path = "objective__plan__trajectory"
    ancestor_paths = ("objective",)


class ActionQuerySet(PlanPartQuerySet):
    trajectory_path = "action_plan__objective__plan__trajectory"
    ancestor_paths = ("action_plan", "action_plan__objective")

    def library(self, *, excluding: "Plan"):
        """Actions of approved plans elsewhere, which any coordinator may copy from; a plan
        being amended stays in the library, since its approved version stays in force."""
        approved = Plan.objects.filter(versions__decisions__outcome=Decision.Outcome.APPROVED)
        return (
            self.active()
            .filter(action_plan__objective__plan__in=approved)
            .exclude(action_plan__objective__plan=excluding)
            .select_related("action_plan__objective__plan__trajectory__municipality")
            .prefetch_related("slots")
            .order_by("action_plan__objective__plan__trajectory__municipality__name_nl", "title")
        )

    def matching(self, query: str):
        if not query:
            return self
        return self.filter(Q(title__icontains=query) | Q(description__icontains=query))


class ActivePartManager(models.Manager):
    """The default manager of a plan part: only the parts still in the plan.

    Parts are never deleted once a plan exists, since versions, comments and decisions may
    point at them; removing one sets ``removed_at``, and ``all_objects`` still finds it.
    """

    def get_queryset(self):
        return super().get_queryset().active()


class PlanPart(models.Model):
    """What objectives, action plans and actions share: a number, a title, a lock version."""

    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Optimistic locking: every save raises it; a save based on an older value is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["number"]
        default_manager_name = "objects"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Objective(PlanPart):
    """A beleidsdoelstelling."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    is_prioritair = models.BooleanField(_("prioritair"), default=False)
    strategies = models.ManyToManyField(
        Strategy, blank=True, related_name="objectives", verbose_name=_("TOWS strategies")
    )
    swot_items = models.ManyToManyField(
        SwotItem, blank=True, related_name="objectives", verbose_name=_("SWOT items")
    )
    history = HistoricalRecords(m2m_fields=[strategies, swot_items])

    all_objects = models.Manager()
    objects = ActivePartManager.from_queryset(ObjectiveQuerySet)()

    class Meta(PlanPart.Meta):
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_objective_number")
        ]
        verbose_name = _("policy objective")
        verbose_name_plural = _("policy objectives")

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#{self.code}"

    @property
    def code(self) -> str:
        return f"BD{self.number}"

    @property
    def trajectory(self) -> Trajectory:
        return self.plan.trajectory


class ActionPlan(PlanPart):
    """An actieplan within a policy objective."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="action_plans")
    is_prioritair = models.BooleanField(_("prioritair"), default=False)
    history = HistoricalRecords()

    all_objects = models.Manager()
    objects = ActivePartManager.from_queryset(ActionPlanQuerySet)()

    class Meta(PlanPart.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "number"], name="unique_action_plan_number"
            )
        ]
        verbose_name = _("action plan (actieplan)")
        verbose_name_plural = _("action plans (actieplannen)")

    def get_absolute_url(self) -> str:
        return f"{self.objective.plan.get_absolute_url()}#{self.code}"

    @property
    def code(self) -> str:
        return f"AP{self.objective.number}.{self.number}"

    @property
    def plan(self) -> Plan:
        return self.objective.plan

    @property
    def trajectory(self) -> Trajectory:
        return self.plan.trajectory


class Action(PlanPart):
    """An actie: what happens, for whom, where, when, by whom, and with what money."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    action_plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    is_prioritair = models.BooleanField(_("prioritair"), default=False)
    strategies = models.ManyToManyField(
        Strategy, blank=True, related_name="actions", verbose_name=_("TOWS strategies")
    )
    swot_items = models.ManyToManyField(
        SwotItem, blank=True, related_name="actions", verbose_name=_("SWOT items")
    )
    age_groups = ChoiceListField(_("age groups"), base_choices=AgeGroup.choices)
    at_central_site = models.BooleanField(
        _("at one central site"),
        default=False,
        help_text=_("Children of several schools come together at one place."),
    )
    central_site_name = models.CharField(_("central site"), max_length=200, blank=True)
    sites = models.ManyToManyField(
        Site, blank=True, related_name="actions", verbose_name=_("school sites")
    )
    partner_actors = models.ManyToManyField(
        LeisureActor, blank=True, related_name="actions", verbose_name=_("leisure partners")
    )
    partner_providers = models.ManyToManyField(
        CareProvider, blank=True, related_name="actions", verbose_name=_("care partners")
    )
    partner_schools = models.ManyToManyField(
        School, blank=True, related_name="partner_actions", verbose_name=_("partner schools")
    )
    owner = models.CharField(
        _("owner"),
        max_length=150,
        blank=True,
        help_text=_("The named person who answers for this action."),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords(
        m2m_fields=[
            strategies,
            swot_items,
            sites,
            partner_actors,
            partner_providers,
            partner_schools,
        ]
    )

    all_objects = models.Manager()
    objects = ActivePartManager.from_queryset(ActionQuerySet)()

    class Meta(PlanPart.Meta):
        constraints = [
            models.UniqueConstraint(fields=["action_plan", "number"], name="unique_action_number"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="action_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="progress_at_most_100"),
        ]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def get_absolute_url(self) -> str:
        return reverse(
            "actionplans:action_detail",
            kwargs={"trajectory_pk": self.plan.trajectory_id, "pk": self.pk},
        )

    @property
    def code(self) -> str:
        return f"A{self.action_plan.objective.number}.{self.action_plan.number}.{self.number}"

    @property
    def plan(self) -> Plan:
        return self.action_plan.objective.plan

    @property
    def trajectory(self) -> Trajectory:
        return self.plan.trajectory


class ActionSlot(models.Model):
    """When an action runs: a weekly moment (with times) or a school holiday period."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="slots")
    slot = models.CharField(_("slot"), max_length=20, choices=Slot.choices)
    holiday_period = models.CharField(
        _("holiday period"), max_length=20, choices=HolidayPeriod.choices, blank=True
    )
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    expected_children = models.PositiveIntegerField(_("expected children"), default=0)

    class Meta:
        ordering = ["slot", "holiday_period", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slot="holidays", holiday_period__gt="")
                | (~Q(slot="holidays") & Q(holiday_period="")),
                name="holiday_period_only_for_holidays",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="slot_ends_after_it_starts",
            ),
        ]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")

    def __str__(self) -> str:
        label = (
            self.get_holiday_period_display() if self.holiday_period else self.get_slot_display()
        )
        if self.starts_at and self.ends_at:
            return f"{label} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"
        return str(label)


def year_in_cycle(record: "BudgetLine | FundingSource") -> None:
    """Refuse a budget or funding year outside the trajectory's planning cycle.

    The municipal multi-year plan (BBC) covers its cycle only (e.g. 2026–2031): money planned
    in another year belongs to no budget the council votes on for this plan.
    """
    try:
        trajectory = record.action.trajectory
    except Action.DoesNotExist:
        return  # not linked to an action yet: no cycle to check against
    if record.year is None:
        return
    if not trajectory.cycle_start_year <= record.year <= trajectory.cycle_end_year:
        raise ValidationError(
            {
                "year": ValidationError(
                    _("%(year)s lies outside the planning cycle %(cycle)s."),
                    code="outside_cycle",
                    params={"year": record.year, "cycle": trajectory.cycle},
                )
            }
        )


def copies_for_years(record: "BudgetLine | FundingSource", years) -> list:
    """Unsaved copies of a budget line or funding source, one for each other year.

    Money is kept one row per year (the BBC estimate is per year); entering "2027–2029,
    € 12.000 each" is a way of typing three rows, not a row of its own.
    """
    values = {
        field.attname: getattr(record, field.attname)
        for field in record._meta.concrete_fields
        if not field.primary_key and field.name != "year"
    }
    copies = []
    for year in years:
        copy = type(record)(**values, year=year)
        if type(record).action.is_cached(record):
            # The same (possibly unsaved) action object, so the cycle is read only once.
            copy.action = record.action
        copies.append(copy)
    return copies


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        PERSONNEL = "personnel", _("Personnel")
        ACTIVITIES = "activities", _("Activities")
        MATERIALS = "materials", _("Materials")
        TRANSPORT = "transport", _("Transport")
        OTHER = "other", _("Other")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(
        _("amount (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "category"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_not_negative")
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}: {self.amount}"

    def clean(self):
        year_in_cycle(self)


class FundingSource(models.Model):
    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal own means")
        BOA = "boa", _("BOA subsidy")
        PROJECT_SUBSIDY = "project_subsidy", _("Supra-local project subsidy")
        PARTNER = "partner", _("Partner contribution")
        SOCIAL_EMPLOYMENT = "social_employment", _("Social-employment subsidy")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="funding")
    kind = models.CharField(_("source"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(
        _("amount (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    call_name = models.CharField(_("subsidy call"), max_length=200, blank=True)
    call_deadline = models.DateField(_("call deadline"), null=True, blank=True)

    class Meta:
        ordering = ["year", "kind"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_not_negative")
        ]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.amount}"

    def clean(self):
        year_in_cycle(self)


class PlanVersionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(decisions__outcome=Decision.Outcome.APPROVED).distinct()

    def in_force(self) -> "PlanVersion | None":
        """The newest approved version: the plan in force, and what officials get by default."""
        return self.approved().order_by("-number").first()

    def in_force_or_latest(self) -> "PlanVersion | None":
        return self.in_force() or self.order_by("-number").first()


class PlanVersion(models.Model):
    """An immutable, content-hashed snapshot of a plan, made when it is submitted."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(editable=False)
    content_hash = models.CharField(_("SHA-256"), max_length=64, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_version_number")
        ]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]

    @property
    def is_approved(self) -> bool:
        return self.decisions.filter(outcome=Decision.Outcome.APPROVED).exists()


class Decision(models.Model):
    """A municipal official's decision on a version in review."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    content_hash = models.CharField(max_length=64, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Who decided, as they were when they decided: the PDF cover names them, and a later
    # change of the person's name, function or role must not change a re-render.
    decided_by_name = models.CharField(_("name"), max_length=300, editable=False)
    #: The function on their contact record in the trajectory; blank when there is none.
    decided_by_function = models.CharField(
        _("function"), max_length=200, blank=True, editable=False
    )
    decided_by_role = models.CharField(
        _("role"), max_length=20, choices=User.Role.choices, editable=False
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="approved") | ~Q(reason=""),
                name="requested_changes_have_a_reason",
            )
        ]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} v{self.version.number}"

    @property
    def decider_function(self) -> str:
        """The function the cover prints: their own, else their role in the portal."""
        return self.decided_by_function or str(self.get_decided_by_role_display())


class CouncilDecision(models.Model):
    """What the college or the council decided on an approved version, as recorded in the portal.

    An official's approval puts the plan before the council; this records the political
    decision that follows (more than one when a vote is postponed). The approved version stays
    the plan in force whatever is recorded here.
    """

    class Body(models.TextChoices):
        COLLEGE = (
            "college",
            _("Board of mayor and aldermen (college van burgemeester en schepenen)"),
        )
        COUNCIL = "council", _("Municipal council (gemeenteraad)")

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        APPROVED_WITH_CHANGES = "approved_with_changes", _("Approved with changes")
        REJECTED = "rejected", _("Rejected")
        POSTPONED = "postponed", _("Postponed")

    version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="council_decisions"
    )
    body = models.CharField(_("decided by"), max_length=20, choices=Body.choices)
    decided_on = models.DateField(_("date of the decision"))
    outcome = models.CharField(
        pgettext_lazy("council decision", "outcome"), max_length=30, choices=Outcome.choices
    )
    reference = models.CharField(
        _("decision reference"),
        max_length=200,
        blank=True,
        help_text=_("The number or title of the decision in the minutes."),
    )
    url = models.URLField(
        _("link to the decision"),
        max_length=500,
        blank=True,
        help_text=_("Where the public can read the decision, e.g. on the municipality's website."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reference="") | ~Q(url=""),
                name="council_decision_has_a_reference",
                violation_error_message=_(
                    "Give the decision's reference or a link to it, so a reader can find it."
                ),
            )
        ]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.decided_on}: {self.get_outcome_display()}"

    def clean(self) -> None:
        super().clean()
        if self.decided_on and self.decided_on > timezone.localdate():
            raise ValidationError(
                {"decided_on": _("A decision is recorded once it is taken: not in the future.")}
            )

    @staticmethod
    def recordable_by(user, municipality) -> bool:
        """A coordinator of the municipality or one of its officials records its decisions."""
        return (user.is_coordinator or user.is_official) and user.is_member_of(municipality)


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(version__plan__trajectory__in=Trajectory.objects.visible_to(user))

    def pending(self):
        """Queued or being rendered: on its way, so not to be asked for again."""
        return self.filter(status__in=[Report.Status.QUEUED, Report.Status.RENDERING])


class Report(models.Model):
    """A PDF of one plan version in one language, rendered in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="reports")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    error_message = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to="reports/", blank=True)
    file_hash = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True, db_index=True)
    file_size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    #: Made by the portal itself (at freeze, approval, council decision), not asked for by
    #: ``requested_by``: it does not count against their hourly limit of forced renders.
    is_automatic = models.BooleanField(_("made automatically"), default=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_max_100"),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file_hash=""), name="done_report_has_a_file"
            ),
            # However often people click, a version is rendered in one language by one
            # worker at a time; two simultaneous requests cannot both pass.
            models.UniqueConstraint(
                fields=["version", "language"],
                condition=Q(status__in=["queued", "rendering"]),
                name="one_pending_report_per_version_and_language",
                violation_error_message=_("This PDF is already being made."),
            ),
        ]
        indexes = [models.Index(fields=["status", "started_at"])]
        verbose_name = _("PDF report")
        verbose_name_plural = _("PDF reports")

    def __str__(self) -> str:
        return f"{self.version} ({self.language}) {self.status}"

    @property
    def trajectory(self) -> Trajectory:
        return self.version.plan.trajectory

    @property
    def is_downloadable(self) -> bool:
        """Rendered and stored: the PDF can be handed out."""
        return self.status == self.Status.DONE and bool(self.file)
