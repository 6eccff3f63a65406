"""A bridge figure's own day and week, and the attendance form of one session.

The attendance form serves a bridge figure on a phone and a coordinator in the browser;
officials of the municipality read it. Everything a bridge figure sees of other staff is
their first name.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from execution.access import attendance_page_session_for, own_worker
from execution.attendance import attendance_ratio_check, attendance_record
from execution.attendance_forms import AttendanceForm
from execution.models import Session, StaffPresence
from municipalities.choices import AgeGroup
from plus_portal.models import User

WEEK_DAYS = 7


def _own_sessions(user: User, first: datetime.date, last: datetime.date) -> list[Session]:
    """The bridge figure's sessions between two days, with what their cards show: a fixed
    number of queries however many sessions."""
    staff = StaffPresence.objects.select_related("worker").order_by("worker__first_name", "pk")
    return list(
        Session.objects.visible_to(user)
        .filter(day__range=(first, last))
        .select_related("action", "site__school", "attendance")
        .prefetch_related(Prefetch("staff", queryset=staff))
        .order_by("day", "starts_at", "pk")
    )


@login_required
def today(request: HttpRequest) -> HttpResponse:
    worker = own_worker(request.user)
    day = timezone.localdate()
    sessions = _own_sessions(request.user, day, day)
    context = {"worker": worker, "day": day, "today": day, "sessions": sessions}
    return render(request, "execution/today_list.html", context)


@login_required
def week(request: HttpRequest) -> HttpResponse:
    worker = own_worker(request.user)
    first = timezone.localdate()
    days = [first + datetime.timedelta(days=offset) for offset in range(WEEK_DAYS)]
    sessions = _own_sessions(request.user, days[0], days[-1])
    schedule = [(day, [s for s in sessions if s.day == day]) for day in days]
    context = {"worker": worker, "today": first, "schedule": schedule}
    return render(request, "execution/today_week.html", context)


def _add_errors(form: AttendanceForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _saved(request: HttpRequest, session: Session, form: AttendanceForm) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        attendance_record(
            session=session,
            by=request.user,
            submission_key=data["submission_key"],
            counts=form.counts,
            partner=data["partner"],
            activity=data["activity"],
            present_staff=form.present_staff(),
            replacement=data.get("replacement"),
            replaces=data.get("replaces"),
        )
    except ValidationError as error:
        _add_errors(form, error)
        return False
    return True


def _age_groups_shown(session: Session) -> dict:
    """Steppers only for the age groups the action is for (both when it names none)."""
    groups = list(session.action.age_groups or [])
    return {
        "show_5_10": not groups or AgeGroup.CHILDREN in groups,
        "show_11_15": not groups or AgeGroup.TEENS in groups,
    }


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = attendance_page_session_for(request.user, pk, write=request.method == "POST")
    staff = list(session.staff.all())
    data = request.POST if request.method == "POST" else None
    form = None
    if session.attendance_editable_by(request.user):  # officials read, without a form
        coordinator = session.editable_by(request.user)
        form = AttendanceForm(data, session=session, staff=staff, coordinator=coordinator)
    if request.method == "POST" and _saved(request, session, form):
        messages.success(request, _("Attendance saved."))
        return redirect("today:attendance", pk=session.pk)
    context = {
        "session": session,
        "attendance": getattr(session, "attendance", None),
        "staff": staff,
        "form": form,
        "ratio": attendance_ratio_check(session),
        "first_names_only": request.user.is_bridge_figure,
        "is_future": session.day > timezone.localdate(),
        **_age_groups_shown(session),
    }
    return render(request, "execution/attendance_form.html", context)
