from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from municipalities.models import Municipality


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start page: an official their municipality, IN-Z staff their trajectories."""
    if request.user.is_official:
        own = list(Municipality.objects.visible_to(request.user)[:2])
        if len(own) == 1:
            return redirect("municipalities:municipality_detail", pk=own[0].pk)
    return redirect("municipalities:trajectory_list")


def health(request: HttpRequest) -> JsonResponse:
    """For the container's health check: answers once the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
