from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from municipalities.models import Municipality
from plus_portal.access import comment_for
from plus_portal.comments import (
    CommentError,
    comment_add,
    comment_reopen,
    comment_resolve,
    commentable_for,
    threads_for,
)
from plus_portal.redirects import redirect_to_next


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start page: an official their municipality, IN-Z staff their portfolio,
    a bridge figure their sessions of today."""
    if request.user.is_bridge_figure:
        return redirect("today:today")
    if request.user.is_official:
        own = list(Municipality.objects.visible_to(request.user)[:2])
        if len(own) == 1:
            return redirect("municipalities:municipality_detail", pk=own[0].pk)
    if request.user.works_for_inz:
        return redirect("portfolio:portfolio")
    return redirect("municipalities:trajectory_list")


def health(request: HttpRequest) -> JsonResponse:
    """For the container's health check: answers once the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _comments_response(request: HttpRequest, target) -> HttpResponse:
    if request.htmx:
        return render(
            request,
            "includes/comments.html",
            {"target": target, "threads": threads_for(target)},
        )
    return redirect_to_next(request, target.get_absolute_url())


@require_POST
@login_required
def comment_add_view(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    target = commentable_for(request.user, label, pk)
    parent = None
    if request.POST.get("parent"):
        parent = comment_for(request.user, request.POST["parent"], trajectory=target.trajectory)
    try:
        comment_add(
            target=target, author=request.user, body=request.POST.get("body", ""), parent=parent
        )
    except CommentError as error:
        messages.error(request, str(error))
    return _comments_response(request, target)


@require_POST
@login_required
def comment_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    comment = comment_for(request.user, pk)
    target = commentable_for(
        request.user,
        f"{comment.target_type.app_label}.{comment.target_type.model}",
        comment.target_id,
    )
    if comment.is_resolved:
        comment_reopen(comment=comment)
    else:
        comment_resolve(comment=comment, by=request.user)
    return _comments_response(request, target)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's "choose a new password" page, which also ends a lockout of the username:
    following the e-mailed link proves the mailbox, which a password guesser lacks."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response
