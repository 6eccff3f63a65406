"""Vocabularies shared by the intake, the SWOT, the action plan and staffing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeGroup(models.TextChoices):
    # BOA subsidies mainly concern the primary-school group; the 11–15 group largely
    # falls outside them, so eligibility belongs on the age group, not the programme.
    CHILDREN = "5-10", _("5–10 years")
    TEENS = "11-15", _("11–15 years")


class Slot(models.TextChoices):
    MORNING = "morning", _("Before school")
    AFTER_SCHOOL = "after_school", _("After school")
    WEDNESDAY = "wednesday", _("Wednesday afternoon")
    LUNCHTIME = "lunchtime", _("Lunchtime")
    FLEXIBLE = "flexible", _("Flexible care hours")
    SCHOOL_FREE_DAYS = "school_free_days", _("School-free days")
    HOLIDAYS = "holidays", _("School holidays")


class HolidayPeriod(models.TextChoices):
    AUTUMN = "autumn", _("Autumn holiday")
    CHRISTMAS = "christmas", _("Christmas holiday")
    SPRING = "spring", _("Spring (krokus) holiday")
    EASTER = "easter", _("Easter holiday")
    SUMMER = "summer", _("Summer holiday")
