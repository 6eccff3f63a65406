from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.choices import AgeGroup
from municipalities.fields import ChoiceListField
from municipalities.models import (
    CareProvider,
    ChildrenCount,
    LeisureActor,
    Need,
    School,
    Site,
    Trajectory,
)
from plus_portal.locking import Versioned


class Theme(models.TextChoices):
    CHILDCARE = "childcare", _("Childcare")
    LEISURE = "leisure", _("Leisure")
    SCHOOLS = "schools", _("Schools")
    PARTICIPATION = "participation", _("Resident participation")
    # UN Convention on the Rights of the Child, art. 31: rest, play, leisure, culture.
    CHILDRENS_RIGHTS = "childrens_rights", _("Children's right to play and leisure (UNCRC art. 31)")


class Quadrant(models.TextChoices):
    STRENGTH = "S", _("Strength")
    WEAKNESS = "W", _("Weakness")
    OPPORTUNITY = "O", _("Opportunity")
    THREAT = "T", _("Threat")


INTERNAL = {Quadrant.STRENGTH, Quadrant.WEAKNESS}
EXTERNAL = {Quadrant.OPPORTUNITY, Quadrant.THREAT}


class AnalysisQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(trajectory__in=Trajectory.objects.visible_to(user))


class SwotAnalysis(models.Model):
    """One round of the SWOT analysis of a trajectory; only the current round is edited."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="swot_analyses"
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    is_current = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = AnalysisQuerySet.as_manager()

    class Meta:
        ordering = ["-round"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "round"], name="unique_swot_round"),
            models.UniqueConstraint(
                fields=["trajectory"], condition=Q(is_current=True), name="one_current_swot"
            ),
        ]
        verbose_name = _("SWOT analysis")
        verbose_name_plural = _("SWOT analyses")

    def __str__(self) -> str:
        return f"SWOT {self.trajectory} ({self.round})"

    def editable_by(self, user) -> bool:
        return self.is_current and self.trajectory.editable_by(user)


class ItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(analysis__trajectory__in=Trajectory.objects.visible_to(user))

    def unaddressed(self):
        """Weaknesses and threats that no strategy answers and that are not parked."""
        return self.filter(
            quadrant__in=[Quadrant.WEAKNESS, Quadrant.THREAT],
            is_parked=False,
            strategies__isnull=True,
        )

    def without_objective(self):
        """Weaknesses and threats that no objective or action of the action plan answers,
        directly or through a strategy, and that are not parked. Only parts still in the
        plan count: an action under a removed objective answers nothing."""
        from actionplans.models import Action, Objective  # they import this module

        objectives, actions = Objective.objects.active(), Action.objects.active()
        linked = (
            Q(objectives__in=objectives)
            | Q(actions__in=actions)
            | Q(strategies__objectives__in=objectives)
            | Q(strategies__actions__in=actions)
        )
        addressed = SwotItem.objects.filter(linked).values("pk")
        return self.filter(
            quadrant__in=[Quadrant.WEAKNESS, Quadrant.THREAT], is_parked=False
        ).exclude(pk__in=addressed)

    def with_support(self):
        """Each item with ``cites_evidence``: whether it cites any intake record, answered
        in the item's own query instead of loading the records (see ``is_supported``)."""
        cites = Q()
        for name in SwotItem.EVIDENCE_FIELDS:
            through = SwotItem._meta.get_field(name).remote_field.through
            cites |= Q(Exists(through.objects.filter(swotitem_id=OuterRef("pk"))))
        return self.annotate(cites_evidence=ExpressionWrapper(cites, output_field=BooleanField()))

    def with_evidence(self):
        return self.select_related("author").prefetch_related(
            "evidence_schools",
            "evidence_sites__school",
            "evidence_care_providers",
            "evidence_leisure_actors",
            "evidence_needs",
            "evidence_children_counts__area",
        )


class SwotItem(Versioned):
    analysis = models.ForeignKey(SwotAnalysis, on_delete=models.CASCADE, related_name="items")
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    quadrant = models.CharField(_("quadrant"), max_length=1, choices=Quadrant.choices)
    statement = models.CharField(_("statement"), max_length=200)
    explanation = models.TextField(_("explanation"), blank=True)
    # 1 is the most important; the order within a quadrant is what the matrix shows.
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    age_groups = ChoiceListField(_("age groups"), base_choices=AgeGroup.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    evidence_schools = models.ManyToManyField(
        School, blank=True, related_name="+", verbose_name=_("schools")
    )
    evidence_sites = models.ManyToManyField(
        Site, blank=True, related_name="+", verbose_name=_("school sites")
    )
    evidence_care_providers = models.ManyToManyField(
        CareProvider, blank=True, related_name="+", verbose_name=_("care providers")
    )
    evidence_leisure_actors = models.ManyToManyField(
        LeisureActor, blank=True, related_name="+", verbose_name=_("leisure actors")
    )
    evidence_needs = models.ManyToManyField(
        Need, blank=True, related_name="+", verbose_name=_("needs")
    )
    evidence_children_counts = models.ManyToManyField(
        ChildrenCount, blank=True, related_name="+", verbose_name=_("children counts")
    )
    evidence_figures = models.TextField(
        _("figures"), blank=True, help_text=_("The numbers from the intake this item rests on.")
    )
    source_name = models.CharField(_("external source"), max_length=200, blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    indicator_key = models.CharField(max_length=100, blank=True, editable=False)
    is_parked = models.BooleanField(_("parked"), default=False)
    parked_reason = models.TextField(_("reason for parking"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        m2m_fields=[
            evidence_schools,
            evidence_sites,
            evidence_care_providers,
            evidence_leisure_actors,
            evidence_needs,
            evidence_children_counts,
        ]
    )

    objects = ItemQuerySet.as_manager()

    EVIDENCE_FIELDS = [
        "evidence_schools",
        "evidence_sites",
        "evidence_care_providers",
        "evidence_leisure_actors",
        "evidence_needs",
        "evidence_children_counts",
    ]

    class Meta:
        ordering = ["quadrant", "priority", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_parked=False) | ~Q(parked_reason=""),
                name="parked_item_has_a_reason",
            ),
            models.CheckConstraint(
                condition=Q(quadrant__in=["S", "W", "O", "T"]), name="known_quadrant"
            ),
        ]
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")

    def __str__(self) -> str:
        return self.statement

    def get_absolute_url(self) -> str:
        return reverse(
            "swot:item_detail", kwargs={"trajectory_pk": self.trajectory.pk, "pk": self.pk}
        )

    @property
    def trajectory(self) -> Trajectory:
        return self.analysis.trajectory

    def editable_by(self, user) -> bool:
        return self.analysis.editable_by(user)

    @property
    def is_internal(self) -> bool:
        return self.quadrant in INTERNAL

    def evidence(self) -> list:
        """The intake records cited (prefetch with ``with_evidence()``)."""
        return [record for name in self.EVIDENCE_FIELDS for record in getattr(self, name).all()]

    @property
    def is_supported(self) -> bool:
        """Whether the item rests on something: intake records, figures or a source. Read
        the items ``with_support()`` or ``with_evidence()``, or each asks for its records."""
        cites = self.cites_evidence if hasattr(self, "cites_evidence") else bool(self.evidence())
        return cites or bool(self.evidence_figures or self.source_name or self.source_url)


class IndicatorDecision(models.Model):
    """A coordinator's answer to a suggestion computed from the intake: taken up or dismissed."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    analysis = models.ForeignKey(
        SwotAnalysis, on_delete=models.CASCADE, related_name="indicator_decisions"
    )
    key = models.CharField(max_length=100)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["analysis", "key"], name="one_decision_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.decision}"


class SuggestionKeys(models.Model):
    """Which suggestions a trajectory's intake supported when they were last computed.

    The matrix counts the open suggestions from this row instead of computing every
    indicator on each view; ``intake_state`` says which intake it was computed from (see
    ``swot.indicators.intake_state``), so a changed intake is computed again.
    """

    trajectory = models.OneToOneField(
        Trajectory, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    intake_state = models.CharField(max_length=255)
    keys = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.trajectory}: {len(self.keys)}"


class StrategyQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(analysis__trajectory__in=Trajectory.objects.visible_to(user))


class Strategy(Versioned):
    """A TOWS strategy: internal items (S or W) crossed with external ones (O or T)."""

    class Kind(models.TextChoices):
        SO = "SO", _("SO – use strengths to seize opportunities")
        WO = "WO", _("WO – overcome weaknesses by seizing opportunities")
        ST = "ST", _("ST – use strengths to counter threats")
        WT = "WT", _("WT – limit weaknesses and avoid threats")

    analysis = models.ForeignKey(SwotAnalysis, on_delete=models.CASCADE, related_name="strategies")
    kind = models.CharField(_("kind"), max_length=2, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    items = models.ManyToManyField(SwotItem, related_name="strategies", verbose_name=_("items"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[items])

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "priority", "pk"]
        verbose_name = _("TOWS strategy")
        verbose_name_plural = _("TOWS strategies")

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "swot:strategy_detail", kwargs={"trajectory_pk": self.trajectory.pk, "pk": self.pk}
        )

    @property
    def trajectory(self) -> Trajectory:
        return self.analysis.trajectory

    def editable_by(self, user) -> bool:
        return self.analysis.editable_by(user)

    @classmethod
    def check_items(cls, kind: str, items) -> None:
        """A TOWS strategy crosses its kind's internal quadrant with its external one.

        A WO strategy cites at least one weakness and one opportunity, and nothing else: an
        S/W item can never be its external side, nor an O/T item its internal side.
        """
        internal, external = kind[0], kind[1]
        labels = dict(Quadrant.choices)
        errors = []
        for item in items:
            if item.quadrant not in (internal, external):
                errors.append(
                    _(
                        "A %(kind)s strategy crosses %(internal)s with %(external)s items; "
                        "“%(item)s” is a %(quadrant)s."
                    )
                    % {
                        "kind": kind,
                        "internal": str(labels[internal]).lower(),
                        "external": str(labels[external]).lower(),
                        "item": item,
                        "quadrant": str(labels[item.quadrant]).lower(),
                    }
                )
        quadrants = {item.quadrant for item in items}
        if internal not in quadrants:
            errors.append(
                _("Cite at least one internal item (%(quadrant)s).")
                % {"quadrant": str(labels[internal]).lower()}
            )
        if external not in quadrants:
            errors.append(
                _("Cite at least one external item (%(quadrant)s).")
                % {"quadrant": str(labels[external]).lower()}
            )
        if errors:
            raise ValidationError(errors)
