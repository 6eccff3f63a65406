from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from execution.calendar import school_year, school_year_of
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
