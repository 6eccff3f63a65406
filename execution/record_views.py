"""A trajectory's reach records: the enrolment grid, bridge contacts, and the exports.

Coordinators of the municipality edit; its officials read (a POST answers 403); anyone else
gets 404 from ``trajectory_for``.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from execution import records
from execution.access import school_year_for
from execution.calendar import FIRST_YEAR, LAST_YEAR, school_year, school_year_of
from execution.exports import export_file
from execution.models import BridgeContact
from execution.record_forms import CoordinatorContactForm, EnrolmentGridForm, PeriodForm
from plus_portal.access import trajectory_for

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@login_required
def enrolments_current(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    year = school_year_of(timezone.localdate())
    return redirect("records:enrolments", trajectory_pk=trajectory.pk, year=year)


@login_required
def enrolment_grid(request: HttpRequest, trajectory_pk: int, year: int) -> HttpResponse:
    writing = request.method == "POST"
    trajectory = trajectory_for(request.user, trajectory_pk, write=writing)
    the_year = school_year_for(year)
    existing = records.enrolments_of(trajectory, year)
    cells = records.enrolment_cells(records.enrolment_places(trajectory))
    can_edit = trajectory.editable_by(request.user)
    data = request.POST if writing else None
    form = EnrolmentGridForm(data, cells=cells, existing=existing, read_only=not can_edit)
    if writing and form.is_valid():
        try:
            records.enrolments_save(
                trajectory=trajectory, year=year, counts=form.counts(), by=request.user
            )
        except ValidationError as error:
            form.add_cell_errors(error)
        else:
            messages.success(request, _("The enrolments have been saved."))
            return redirect("records:enrolments", trajectory_pk=trajectory.pk, year=year)
    context = {
        "trajectory": trajectory,
        "school_year": the_year,
        "form": form,
        "terms": records.Term.choices,
        "totals": records.enrolment_totals(existing.values()),
        "can_edit": can_edit,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
    }
    return render(request, "execution/records_enrolments.html", context, status=_status(form))


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@login_required
def contacts(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    writing = request.method == "POST"
    trajectory = trajectory_for(request.user, trajectory_pk, write=writing)
    can_edit = trajectory.editable_by(request.user)
    workers = records.workers_placed_in(trajectory)
    form = CoordinatorContactForm(request.POST if writing else None, workers=workers)
    if writing and form.is_valid():
        worker, week = form.cleaned_data["worker"], form.cleaned_data["week"]
        if _record(request, form, trajectory=trajectory, worker=worker, week=week):
            return redirect("records:contacts", trajectory_pk=trajectory.pk)
    elif not writing and can_edit:
        _prefill(form, trajectory, workers, request.GET)
    weeks, total = records.bridge_contact_weeks(trajectory.bridge_contacts.all())
    context = {
        "trajectory": trajectory,
        "form": form if can_edit else None,
        "weeks": weeks,
        "total": total,
        "kinds": BridgeContact.Kind.choices,
    }
    return render(request, "execution/records_contacts.html", context, status=_status(form))


def _record(request, form, **where) -> bool:
    """Save the form's week of contacts; False (with the errors on the form) when refused."""
    try:
        records.bridge_contacts_record(
            **where, counts=form.counts(), today=timezone.localdate(), by=request.user
        )
    except ValidationError as error:
        _add_errors(form, error)
        return False
    messages.success(request, _("The contacts of the week have been saved."))
    return True


def _add_errors(form, error: ValidationError) -> None:
    """The service's errors on the form's fields where it has them, above the form otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


def _prefill(form, trajectory, workers, query) -> None:
    """Open a week already recorded (``?worker=…&week=…``) with its counts in the form."""
    picked = CoordinatorContactForm(query, workers=workers)
    if "worker" not in query or not picked.is_valid():
        return
    worker, week = picked.cleaned_data["worker"], picked.cleaned_data["week"]
    form.initial.update(worker=worker.pk, week=week)
    form.set_counts(records.bridge_contacts_of_week(trajectory, worker, week))


def _default_period() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return school_year(school_year_of(today)).first, today


@login_required
def export_page(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    first, last = _default_period()
    form = PeriodForm(initial={"from": first, "to": last})
    return render(
        request, "execution/records_export.html", {"trajectory": trajectory, "form": form}
    )


def _export(request: HttpRequest, trajectory_pk: int, kind: str, fmt: str) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    if "from" not in request.GET and "to" not in request.GET:
        first, last = _default_period()
    else:
        form = PeriodForm(request.GET)
        if not form.is_valid():
            context = {"trajectory": trajectory, "form": form}
            return render(request, "execution/records_export.html", context, status=400)
        first, last = form.period
    content = export_file(kind, fmt, trajectory=trajectory, first=first, last=last)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = slugify(f"{kind}-{trajectory.municipality.name_nl}-{first:%Y%m%d}-{last:%Y%m%d}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def attendance_export(request: HttpRequest, trajectory_pk: int, fmt: str) -> HttpResponse:
    return _export(request, trajectory_pk, "attendance", fmt)


@login_required
def enrolment_export(request: HttpRequest, trajectory_pk: int, fmt: str) -> HttpResponse:
    return _export(request, trajectory_pk, "enrolments", fmt)
