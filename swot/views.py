from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plus_portal.access import trajectory_for


@login_required
def index(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    return render(request, "swot/index.html", {"trajectory": trajectory})
