"""IN-Z's portfolio page: every municipality the user coordinates, what needs action by when."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from monitoring.access import portfolio_viewer
from monitoring.portfolio import portfolio_for, portfolio_trajectories
from municipalities.filters import TrajectoryPlaceFilter


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    user = portfolio_viewer(request.user)
    today = timezone.localdate()
    filters = TrajectoryPlaceFilter(request.GET or None, queryset=portfolio_trajectories(user, {}))
    cleaned = filters.form.cleaned_data if filters.is_bound and filters.form.is_valid() else {}
    context = {
        "filter": filters,
        "portfolio": portfolio_for(user, cleaned, today=today),
        "today": today,
    }
    return render(request, "monitoring/portfolio.html", context)
