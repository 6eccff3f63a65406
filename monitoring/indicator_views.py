"""Indicators of a trajectory's plan: the objectives with their indicators, baselines, targets
and results per year; forms to add and change them. Coordinators of the municipality edit;
its officials read (their POSTs answer 403); anyone else gets 404."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans.models import Objective
from monitoring import indicator_services as services
from monitoring.access import indicator_for, indicator_result_for, objective_for
from monitoring.indicator_forms import IndicatorForm, ResultForm, TargetsForm
from monitoring.indicators import (
    DEFINITIONS,
    Point,
    definition_of,
    indicator_points_for,
    is_behind,
)
from monitoring.models import Indicator
from plus_portal.access import trajectory_for

MANUAL = "manual"


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    definition: str
    points: list[Point]
    behind: bool


def _rows(objectives) -> dict[int, list[IndicatorRow]]:
    indicators = [indicator for o in objectives for indicator in o.indicators.all()]
    points = indicator_points_for(indicators)
    return {
        objective.pk: [
            IndicatorRow(
                indicator,
                definition_of(indicator),
                points.get(indicator.pk, []),
                is_behind(points.get(indicator.pk, []), indicator.direction),
            )
            for indicator in objective.indicators.all()
        ]
        for objective in objectives
    }


@login_required
def indicator_list(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    objectives = list(
        Objective.objects.filter(plan__trajectory=trajectory).prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("pk"))
        )
    )
    rows = _rows(objectives)
    context = {
        "trajectory": trajectory,
        "objectives": [(objective, rows[objective.pk]) for objective in objectives],
        "years": list(range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1)),
        "can_edit": trajectory.editable_by(request.user),
    }
    return render(request, "monitoring/indicators_list.html", context)


def _to_list(trajectory, indicator=None):
    url = reverse("indicators:list", kwargs={"trajectory_pk": trajectory.pk})
    return redirect(url + (f"#indicator-{indicator.pk}" if indicator is not None else ""))


def _save_or_show(request, form, save, success) -> bool:
    """Calls the service with the form's data; a rule's message lands on its field."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, success)
    return True


@login_required
def indicator_add(request: HttpRequest, trajectory_pk: int, objective_pk: int) -> HttpResponse:
    trajectory, objective = objective_for(request.user, trajectory_pk, objective_pk, write=True)
    kind = request.GET.get("kind", "")
    if kind != MANUAL and kind not in DEFINITIONS:
        context = {"trajectory": trajectory, "objective": objective, "definitions": DEFINITIONS}
        return render(request, "monitoring/indicators_choose.html", context)
    definition = DEFINITIONS.get(kind)
    initial = {"name": definition.name} if definition else {}
    form = IndicatorForm(request.POST or None, initial=initial, computed=bool(definition))
    key = kind if definition else ""

    def save(form):
        form.indicator = services.indicator_add(
            objective=objective, by=request.user, computed_key=key, **form.cleaned_data
        )

    if _save_or_show(request, form, save, _("The indicator has been added.")):
        return _to_list(trajectory, form.indicator)
    context = {"trajectory": trajectory, "objective": objective, "form": form, "kind": kind}
    return render(request, "monitoring/indicators_form.html", {**context, "definition": definition})


@login_required
def indicator_edit(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, indicator = indicator_for(request.user, trajectory_pk, pk, write=True)
    form = IndicatorForm(request.POST or None, instance=indicator, computed=indicator.is_computed)

    def save(form):
        services.indicator_update(indicator=indicator, by=request.user, **form.cleaned_data)

    if _save_or_show(request, form, save, _("The indicator has been saved.")):
        return _to_list(trajectory, indicator)
    context = {"trajectory": trajectory, "objective": indicator.objective, "form": form}
    definition = DEFINITIONS.get(indicator.computed_key)
    return render(
        request,
        "monitoring/indicators_form.html",
        {**context, "indicator": indicator, "definition": definition},
    )


@login_required
def indicator_remove(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, indicator = indicator_for(request.user, trajectory_pk, pk, write=True)
    if request.method == "POST":
        services.indicator_remove(indicator=indicator, by=request.user)
        messages.success(request, _("The indicator has been removed."))
        return _to_list(trajectory)
    context = {"trajectory": trajectory, "indicator": indicator}
    return render(request, "monitoring/indicators_remove.html", context)


@login_required
def indicator_targets(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    trajectory, indicator = indicator_for(request.user, trajectory_pk, pk, write=True)
    years = range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1)
    initial = {f"year_{t.year}": t.value for t in indicator.targets.all()}
    form = TargetsForm(request.POST or None, initial=initial, years=years, unit=indicator.unit)

    def save(form):
        services.indicator_targets_set(indicator=indicator, targets=form.targets(), by=request.user)

    if _save_or_show(request, form, save, _("The targets have been saved.")):
        return _to_list(trajectory, indicator)
    context = {"trajectory": trajectory, "indicator": indicator, "form": form}
    return render(request, "monitoring/indicators_targets.html", context)


@login_required
def indicator_results(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    is_post = request.method == "POST"
    trajectory, indicator = indicator_for(request.user, trajectory_pk, pk, write=is_post)
    form = ResultForm(request.POST if is_post else None)

    def save(form):
        services.indicator_result_add(indicator=indicator, by=request.user, **form.cleaned_data)

    if _save_or_show(request, form, save, _("The result has been added.")):
        return redirect("indicators:results", trajectory_pk=trajectory.pk, pk=indicator.pk)
    context = {
        "trajectory": trajectory,
        "indicator": indicator,
        "definition": definition_of(indicator),
        "results": indicator.results.select_related("recorded_by"),
        "form": form,
        "can_edit": trajectory.editable_by(request.user) and not indicator.is_computed,
    }
    return render(request, "monitoring/indicators_results.html", context)


@login_required
def result_edit(request: HttpRequest, trajectory_pk: int, pk: int, result_pk: int) -> HttpResponse:
    trajectory, indicator, result = indicator_result_for(
        request.user, trajectory_pk, pk, result_pk, write=True
    )
    form = ResultForm(request.POST or None, instance=result)

    def save(form):
        services.indicator_result_update(result=result, by=request.user, **form.cleaned_data)

    if _save_or_show(request, form, save, _("The result has been saved.")):
        return redirect("indicators:results", trajectory_pk=trajectory.pk, pk=indicator.pk)
    context = {"trajectory": trajectory, "indicator": indicator, "result": result, "form": form}
    return render(request, "monitoring/indicators_result_form.html", context)


@require_POST
@login_required
def result_remove(request: HttpRequest, trajectory_pk: int, pk: int, result_pk: int):
    trajectory, indicator, result = indicator_result_for(
        request.user, trajectory_pk, pk, result_pk, write=True
    )
    services.indicator_result_remove(result=result, by=request.user)
    messages.success(request, _("The result has been removed."))
    return redirect("indicators:results", trajectory_pk=trajectory.pk, pk=indicator.pk)
