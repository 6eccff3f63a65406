"""The portfolio's filters: by province and by phase."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import Province, Trajectory


class PortfolioFilter(django_filters.FilterSet):
    province = django_filters.ChoiceFilter(
        field_name="municipality__province",
        choices=Province.choices,
        label=_("Province"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    phase = django_filters.ChoiceFilter(
        choices=Trajectory.Phase.choices,
        label=_("Phase"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    class Meta:
        model = Trajectory
        fields = ["province", "phase"]
