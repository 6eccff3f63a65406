"""Follow-up across municipalities: the sessions still without attendance, and a bridge
figure's own week of contacts with families."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from execution import records
from execution.access import own_worker
from execution.models import BridgeContact
from execution.record_forms import OwnContactForm


def _attendance_url(pk: int) -> str | None:
    """The session's attendance form, where the attendance part of the portal has one."""
    try:
        return reverse("today:attendance", kwargs={"pk": pk})
    except NoReverseMatch:
        return None


@login_required
def missing_attendance(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sessions = records.sessions_missing_attendance(request.user, today)
    groups = [
        (municipality, [(session, _attendance_url(session.pk)) for session in in_municipality])
        for municipality, in_municipality in groupby(
            sessions, key=lambda session: session.trajectory.municipality
        )
    ]
    context = {"groups": groups, "count": len(sessions)}
    return render(request, "execution/followup_missing_attendance.html", context)


@login_required
def my_contacts(request: HttpRequest) -> HttpResponse:
    worker = own_worker(request.user)
    today = timezone.localdate()
    trajectories = records.current_trajectories_of(worker, today)
    writing = request.method == "POST" and bool(trajectories)
    form = OwnContactForm(request.POST if writing else None, trajectories=trajectories, today=today)
    if writing and form.is_valid():
        trajectory = form.cleaned_data.get("trajectory") or trajectories[0]
        try:
            records.bridge_contacts_record(
                trajectory=trajectory,
                worker=worker,
                week=form.cleaned_data["week"],
                counts=form.counts(),
                today=today,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The contacts of the week have been saved."))
            return redirect("followup:my_contacts")
    elif trajectories:
        _prefill(form, worker, trajectories, today, request.GET)
    weeks, total = records.bridge_contact_weeks(BridgeContact.objects.visible_to(request.user))
    context = {"worker": worker, "form": form if trajectories else None, "weeks": weeks}
    context.update(total=total, kinds=BridgeContact.Kind.choices)
    return render(request, "execution/followup_my_contacts.html", context)


def _prefill(form, worker, trajectories, today, query) -> None:
    """Open the week asked for (``?week=…``), or this week, with the counts already recorded,
    so saving it again never wipes what was counted before."""
    picked = OwnContactForm(query, trajectories=trajectories, today=today)
    picked.is_valid()
    week = picked.cleaned_data.get("week") if "week" in query else records.monday_of(today)
    trajectory = picked.cleaned_data.get("trajectory") or trajectories[0]
    if week is None:
        return
    form.initial.update(week=week.isoformat(), trajectory=trajectory.pk)
    form.set_counts(records.bridge_contacts_of_week(trajectory, worker, week))
