"""IN-Z's portfolio page: every municipality the user coordinates, what needs action by when."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from monitoring.access import portfolio_viewer
from monitoring.portfolio import (
    default_horizon_days,
    horizon_choices,
    portfolio_for,
    portfolio_trajectories,
)
from municipalities.filters import TrajectoryPlaceFilter


class HorizonForm(forms.Form):
    """How far ahead the reader wants deadlines shown; anything else is the default window."""

    horizon = forms.TypedChoiceField(coerce=int, required=False)

    def __init__(self, data):
        super().__init__(data)
        self.fields["horizon"].choices = [(days, days) for days in horizon_choices()]

    def days(self) -> int:
        chosen = self.cleaned_data.get("horizon") if self.is_valid() else None
        return chosen or default_horizon_days()


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    user = portfolio_viewer(request.user)
    today = timezone.localdate()
    filters = TrajectoryPlaceFilter(request.GET or None, queryset=portfolio_trajectories(user, {}))
    cleaned = filters.form.cleaned_data if filters.is_bound and filters.form.is_valid() else {}
    horizon = HorizonForm(request.GET)
    context = {
        "filter": filters,
        "horizon_choices": horizon_choices(),
        "portfolio": portfolio_for(user, cleaned, today=today, horizon_days=horizon.days()),
        "today": today,
    }
    return render(request, "monitoring/portfolio.html", context)
