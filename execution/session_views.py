"""Sessions of a municipality: week and month calendars (per site, per worker), a session's
page, cancelling and moving it, generating them again, and the calendar feeds."""

import calendar as stdlib_calendar
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from execution.access import feed_in, session_in, site_in, worker_in
from execution.calendar import MONDAY
from execution.feeds import feed_create, feed_revoke
from execution.models import CalendarFeed
from execution.session_forms import CalendarFeedForm, SessionCancelForm, SessionMoveForm
from execution.sessions import (
    CALENDAR_FIRST,
    CALENDAR_LAST,
    by_day,
    calendar_sessions,
    session_cancel,
    session_move,
    sessions_generate,
)
from execution.views import WEEKDAY_HEADERS
from municipalities.models import Site
from plus_portal.access import trajectory_for
from plus_portal.history import record_history_entries
from staffing.models import Worker

WEEK = datetime.timedelta(days=7)


def _day(request: HttpRequest) -> datetime.date:
    """The day the calendar shows (``?day=YYYY-MM-DD``, today without it); 404 for a day
    that is no date or outside the school calendar."""
    text = request.GET.get("day")
    if not text:
        return timezone.localdate()
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise Http404 from None
    if not CALENDAR_FIRST <= day <= CALENDAR_LAST:
        raise Http404
    return day


def _within(day: datetime.date) -> datetime.date | None:
    return day if CALENDAR_FIRST <= day <= CALENDAR_LAST else None


def _week(day: datetime.date) -> dict:
    monday = day - datetime.timedelta(days=day.weekday())
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    return {
        "first": monday,
        "last": days[-1],
        "weeks": [days],
        "previous": _within(monday - WEEK),
        "next": _within(monday + WEEK),
    }


def _month(day: datetime.date) -> dict:
    first = day.replace(day=1)
    last = day.replace(day=stdlib_calendar.monthrange(day.year, day.month)[1])
    weeks = stdlib_calendar.Calendar(MONDAY).monthdatescalendar(day.year, day.month)
    return {
        "first": first,
        "last": last,
        "weeks": weeks,
        "previous": _within(first - datetime.timedelta(days=1)),
        "next": _within(last + datetime.timedelta(days=1)),
    }


def _calendar(request: HttpRequest, trajectory_pk: int, view: str, *, worker_pk=None):
    trajectory = trajectory_for(request.user, trajectory_pk)
    worker = worker_in(trajectory, worker_pk) if worker_pk is not None else None
    site = site_in(trajectory, request.GET["site"]) if request.GET.get("site") else None
    period = (_week if view == "week" else _month)(_day(request))
    sessions = calendar_sessions(
        trajectory, period["weeks"][0][0], period["weeks"][-1][-1], site=site, worker=worker
    )
    can_edit = trajectory.editable_by(request.user)
    context = {
        "trajectory": trajectory,
        "view": view,
        "period": period,
        "by_day": by_day(sessions),
        "count": len(sessions),
        "site": site,
        "sites": Site.objects.filter(school__trajectory=trajectory).select_related("school"),
        "worker": worker,
        # Officials see a worker's first name and sessions only (DESIGN §3).
        "worker_name": (str(worker) if can_edit else worker.first_name) if worker else "",
        "weekdays": WEEKDAY_HEADERS,
        "today": timezone.localdate(),
        "can_edit": can_edit,
    }
    return render(request, f"execution/sessions_{view}.html", context)


@login_required
def week(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    return _calendar(request, trajectory_pk, "week")


@login_required
def month(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    return _calendar(request, trajectory_pk, "month")


@login_required
def worker_week(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    return _calendar(request, trajectory_pk, "week", worker_pk=pk)


@login_required
def worker_month(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    return _calendar(request, trajectory_pk, "month", worker_pk=pk)


def _attendance_url(session) -> str:
    # The attendance form is another part's page: link to it once it exists.
    try:
        return reverse("today:attendance", kwargs={"pk": session.pk})
    except NoReverseMatch:
        return ""


@login_required
def detail(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    session = session_in(trajectory, request.user, pk)
    can_edit = trajectory.editable_by(request.user)
    staff = session.staff.select_related("worker", "replaces")
    attendance = getattr(session, "attendance", None)
    context = {
        "trajectory": trajectory,
        "session": session,
        "staff": staff,
        "attendance": attendance,
        "attendance_url": _attendance_url(session) if can_edit else "",
        "can_edit": can_edit and attendance is None,
        "full_names": can_edit,
        "history": record_history_entries(session),
    }
    return render(request, "execution/sessions_detail.html", context)


def _change(request: HttpRequest, trajectory_pk: int, pk: int, form_class, service, template):
    """The cancel and move pages: a form, and on a valid POST the service."""
    writing = request.method == "POST"
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    session = session_in(trajectory, request.user, pk, write=True)
    if hasattr(session, "attendance"):
        raise PermissionDenied  # it took place: there is nothing left to cancel or move
    form = form_class(request.POST or None, initial=_move_initial(session))
    if writing and form.is_valid():
        try:
            service(session=session, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session has been changed."))
            return redirect("sessions:detail", trajectory.pk, session.pk)
    context = {"trajectory": trajectory, "session": session, "form": form}
    return render(request, template, context)


def _move_initial(session) -> dict:
    return {"day": session.day, "starts_at": session.starts_at, "ends_at": session.ends_at}


@login_required
def cancel(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    return _change(
        request,
        trajectory_pk,
        pk,
        SessionCancelForm,
        session_cancel,
        "execution/sessions_cancel.html",
    )


@login_required
def move(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    return _change(
        request, trajectory_pk, pk, SessionMoveForm, session_move, "execution/sessions_move.html"
    )


@require_POST
@login_required
def regenerate(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    result = sessions_generate(trajectory, by=request.user)
    if result.changed:
        messages.success(
            request,
            _(
                "Sessions generated: %(created)d new, %(updated)d changed, %(deleted)d removed, "
                "%(orphaned)d kept with attendance although no longer planned."
            )
            % vars(result),
        )
    else:
        messages.info(request, _("The sessions already follow the plan in force."))
    return redirect("sessions:week", trajectory.pk)


def _feed_form(request: HttpRequest, trajectory) -> CalendarFeedForm:
    sites = Site.objects.filter(school__trajectory=trajectory).select_related("school")
    workers = Worker.objects.filter(placements__trajectory=trajectory).distinct()
    return CalendarFeedForm(request.POST or None, sites=list(sites), workers=list(workers))


@login_required
def feeds(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    # The addresses are secrets that open a calendar without an account: coordinators only.
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    form = _feed_form(request, trajectory)
    if request.method == "POST" and form.is_valid():
        feed_create(trajectory=trajectory, **form.subject_kwargs(), by=request.user)
        messages.success(request, _("The calendar feed has been made."))
        return redirect("sessions:feeds", trajectory.pk)
    listed = CalendarFeed.objects.filter(trajectory=trajectory).select_related(
        "site__school", "worker"
    )
    context = {"trajectory": trajectory, "form": form, "feeds": listed}
    return render(request, "execution/feeds_list.html", context)


@require_POST
@login_required
def feed_revoke_view(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    feed = feed_in(trajectory, pk)
    try:
        feed_revoke(feed=feed, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The calendar feed has been revoked."))
    return redirect("sessions:feeds", trajectory.pk)
