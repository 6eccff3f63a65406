from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from execution.access import free_day_for, school_for, school_year_for, site_in
from execution.calendar import FIRST_YEAR, LAST_YEAR, school_year_of, year_months
from execution.forms import FreeDayImportForm, SchoolFreeDayForm
from execution.imports import ImportRefused, read_rows, school_free_days_import
from execution.models import SchoolFreeDay
from execution.services import school_free_day_add, school_free_day_remove
from municipalities.models import School, Site
from plus_portal.access import trajectory_for

WEEKDAY_HEADERS = [(WEEKDAYS[day], WEEKDAYS_ABBR[day]) for day in range(7)]


@login_required
def current_year(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    this_year = school_year_of(timezone.localdate())
    return redirect("execution:year", trajectory_pk=trajectory.pk, year=this_year)


@login_required
def year_view(request: HttpRequest, trajectory_pk: int, year: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    school_year = school_year_for(year)
    site = site_in(trajectory, request.GET["site"]) if request.GET.get("site") else None
    free_days = list(
        SchoolFreeDay.objects.of_schools_in(
            trajectory, first=school_year.first, last=school_year.last, site=site
        )
    )
    context = {
        "trajectory": trajectory,
        "school_year": school_year,
        "months": year_months(school_year, _labels_by_day(free_days)),
        "weekdays": WEEKDAY_HEADERS,
        "site": site,
        "sites": Site.objects.filter(school__trajectory=trajectory).select_related("school"),
        "free_days": free_days,
        "schools": School.objects.filter(trajectory=trajectory),
        "can_edit": trajectory.editable_by(request.user),
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
    }
    return render(request, "execution/year.html", context)


def _labels_by_day(free_days: list[SchoolFreeDay]) -> dict:
    labels = {}
    for free_day in free_days:
        labels.setdefault(free_day.day, []).append(
            f"{free_day.school.name}: {free_day.get_kind_display()}"
        )
    return labels


@login_required
def school_free_days(request: HttpRequest, trajectory_pk: int, school_pk: int) -> HttpResponse:
    writing = request.method == "POST"
    trajectory, school = school_for(request.user, trajectory_pk, school_pk, write=writing)
    form = SchoolFreeDayForm(request.POST or None)
    if writing and form.is_valid():
        try:
            free_day = school_free_day_add(school=school, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The free day of %(day)s has been added.") % {"day": f"{free_day.day:%d/%m/%Y}"},
            )
            return redirect("execution:school_free_days", trajectory.pk, school.pk)
    context = {
        "trajectory": trajectory,
        "school": school,
        "free_days": school.free_days.all(),
        "form": form,
        "can_edit": trajectory.editable_by(request.user),
        "this_year": school_year_of(timezone.localdate()),
    }
    return render(request, "execution/school_free_days.html", context)


@require_POST
@login_required
def school_free_day_remove_view(
    request: HttpRequest, trajectory_pk: int, school_pk: int
) -> HttpResponse:
    trajectory, free_day = free_day_for(
        request.user, trajectory_pk, school_pk, request.POST.get("free_day")
    )
    school_free_day_remove(free_day=free_day, by=request.user)
    messages.success(
        request,
        _("The free day of %(day)s has been removed.") % {"day": f"{free_day.day:%d/%m/%Y}"},
    )
    return redirect("execution:school_free_days", trajectory.pk, free_day.school_id)


@login_required
def free_day_import(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    form = FreeDayImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_rows(form.cleaned_data["file"])
        except ImportRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            added, errors = school_free_days_import(
                trajectory=trajectory, rows=rows, by=request.user
            )
            if not errors:
                added_text = ngettext(
                    "%(count)d free day has been added.",
                    "%(count)d free days have been added.",
                    added,
                )
                messages.success(request, added_text % {"count": added})
                return redirect("execution:current_year", trajectory.pk)
    context = {"trajectory": trajectory, "form": form, "errors": errors}
    return render(request, "execution/free_day_import.html", context)
