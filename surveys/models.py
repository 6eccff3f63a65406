"""Public needs surveys of parents and children (DESIGN §3: anonymous, results from 5 up).

A response keeps no name, e-mail, address, IP or device trace: only the language it was
given in, the day, the codes of ``surveys.questions`` and what the respondent typed in the
free-text box (which a coordinator reviews before officials read it). Whatever protects the
survey against abuse per address lives in the cache only (``surveys.abuse``).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from monitoring.models import TrajectoryScopedQuerySet
from municipalities.choices import AgeGroup
from municipalities.fields import ChoiceListField
from municipalities.models import Area, Need, Site, Trajectory
from plus_portal.locking import Versioned
from surveys.questions import Barrier, Company, Holiday, Interest, Moment, Occupation, Place

#: Results by school, site or area are shown only where at least this many answers exist
#: (small-cell suppression), on every page and in every export.
MINIMUM_CELL = 5

TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: typed from a flyer


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(8))


class SurveyPartQuerySet(TrajectoryScopedQuerySet):
    trajectory_path = "survey__trajectory"


class Survey(Versioned):
    """A survey of one trajectory's families, open to the public over a period."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="surveys")
    name = models.CharField(_("name"), max_length=120)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day answers are taken."))
    sites = models.ManyToManyField(
        Site,
        blank=True,
        related_name="surveys",
        verbose_name=_("schools and sites"),
        help_text=_("The sites whose families are asked; respondents pick one of them."),
    )
    # The public address (/s/<token>/), short enough to type from a flyer.
    token = models.CharField(max_length=12, unique=True, default=new_token, editable=False)
    closed_at = models.DateTimeField(_("closed early at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrajectoryScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
                violation_error_message=_("A survey must close on or after the day it opens."),
            ),
        ]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "surveys:detail", kwargs={"trajectory_pk": self.trajectory_id, "pk": self.pk}
        )

    def public_path(self) -> str:
        return reverse("survey_public:start", kwargs={"token": self.token})

    def editable_by(self, user) -> bool:
        return self.trajectory.editable_by(user)

    def is_open(self, today=None) -> bool:
        """Answers are taken from the opening day through the closing day, unless closed."""
        today = today or timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    def source_name(self) -> str:
        """How intake needs made from this survey name their source: "bevraging <name>",
        unless the name already says it is one."""
        if self.name.lower().startswith("bevraging"):
            return self.name
        return f"bevraging {self.name}"


class Burst(models.Model):
    """Answers that came in faster from one address than families answer (``surveys.abuse``).

    They are kept, but not counted, until a coordinator accepts them (a class that filled in
    the children's version together) or discards them (a flood).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("To review")
        ACCEPTED = "accepted", _("Accepted")
        DISCARDED = "discarded", _("Discarded")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="bursts")
    first_at = models.DateTimeField(_("first answer"))
    last_at = models.DateTimeField(_("last answer"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = SurveyPartQuerySet.as_manager()

    class Meta:
        ordering = ["first_at"]
        verbose_name = _("burst of answers")
        verbose_name_plural = _("bursts of answers")

    def __str__(self) -> str:
        return f"{self.survey}: {self.first_at:%d/%m %H:%M}–{self.last_at:%H:%M}"


class ResponseQuerySet(SurveyPartQuerySet):
    def counted(self):
        """The answers results count: not those of a burst still to review or discarded."""
        return self.filter(Q(burst__isnull=True) | Q(burst__status=Burst.Status.ACCEPTED))


class Response(models.Model):
    """One anonymous answer to a survey, by a parent or by a child (8–15)."""

    class Kind(models.TextChoices):
        PARENT = "parent", _("Parent")
        CHILD = "child", _("Child")

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("To review")
        PUBLISHED = "published", _("Shown to officials")
        HIDDEN = "hidden", _("Hidden")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    kind = models.CharField(_("respondent"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10)
    # Made when the form is shown and sent back with it: the same answer sent twice (a double
    # tap, a resend after a lost connection) is stored once.
    submission_key = models.UUIDField(editable=False)
    # The day only: a time of day would help link an answer to a person.
    submitted_on = models.DateField(_("answered on"), default=timezone.localdate)
    site = models.ForeignKey(
        Site,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("school or site"),
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("sub-municipality"),
    )
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    age_groups = ChoiceListField(_("age groups"), base_choices=AgeGroup.choices)
    # Parents' version.
    moments = ChoiceListField(_("moments"), base_choices=Moment.choices)
    pickup_time = models.TimeField(_("picked up at"), null=True, blank=True)
    holidays = ChoiceListField(_("holidays"), base_choices=Holiday.choices)
    barriers = ChoiceListField(_("what holds them back"), base_choices=Barrier.choices)
    occupation = models.CharField(
        _("work or study"), max_length=10, choices=Occupation.choices, blank=True
    )
    # Both versions.
    interests = ChoiceListField(_("likes to do"), base_choices=Interest.choices)
    # Children's version.
    places = ChoiceListField(_("where"), base_choices=Place.choices)
    company = ChoiceListField(_("with whom"), base_choices=Company.choices)
    free_text = models.TextField(_("in their own words"), blank=True, max_length=2000)
    # What officials read of the free text, once a coordinator has published it (personal
    # data taken out).
    free_text_shown = models.TextField(_("text shown"), blank=True, max_length=2000)
    free_text_status = models.CharField(
        _("free text"), max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    burst = models.ForeignKey(
        Burst, on_delete=models.SET_NULL, null=True, blank=True, related_name="responses"
    )

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "submission_key"], name="survey_response_stored_once"
            ),
        ]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"

    def language_name(self) -> str:
        """The answer's language as the reader's language names it (Django's own list)."""
        try:
            return str(translation.get_language_info(self.language)["name_translated"])
        except KeyError:
            return self.language


class Flyer(models.Model):
    """The printable A4 flyer of a survey (its address and QR code in every survey language),
    rendered in the background like the council PDF."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="flyers")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    pdf = models.FileField(upload_to="survey-flyers/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyPartQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flyer")
        verbose_name_plural = _("flyers")

    def __str__(self) -> str:
        return f"{self.survey} ({self.created_at:%d/%m/%Y})"


class SurveyNeed(models.Model):
    """An intake need made from a survey's answers: applying the survey again updates it
    instead of adding a second one."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="intake_needs")
    need = models.OneToOneField(Need, on_delete=models.CASCADE, related_name="survey_link")

    objects = SurveyPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("need from a survey")
        verbose_name_plural = _("needs from a survey")

    def __str__(self) -> str:
        return f"{self.survey}: {self.need}"
