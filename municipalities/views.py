from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from municipalities.filters import TrajectoryFilter
from municipalities.models import Municipality, Trajectory
from plus_portal.access import get_visible_or_404, trajectory_for


@login_required
def trajectory_list(request: HttpRequest) -> HttpResponse:
    trajectories = Trajectory.objects.visible_to(request.user).select_related("municipality")
    filterset = TrajectoryFilter(request.GET, queryset=trajectories)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "municipalities/trajectory_list.html",
        {"filterset": filterset, "page": page},
    )


@login_required
def trajectory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, pk)
    return render(
        request,
        "municipalities/trajectory_detail.html",
        {"trajectory": trajectory, "can_edit": trajectory.editable_by(request.user)},
    )


@login_required
def municipality_detail(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = get_visible_or_404(Municipality.objects.all(), request.user, pk)
    return render(
        request,
        "municipalities/municipality_detail.html",
        {"municipality": municipality, "trajectories": municipality.trajectories.all()},
    )
