from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.choices import AgeGroup
from plus_portal.access import trajectory_for
from plus_portal.comments import threads_for, with_open_comment_count
from plus_portal.history import record_history_entries
from plus_portal.locking import StaleEdit, stale_context
from plus_portal.redirects import redirect_to_next
from swot import services
from swot.access import analysis_for, current_analysis_for, item_for, strategy_for
from swot.exports import swot_xlsx
from swot.forms import ParkForm, QuickItemForm, StrategyForm, SwotItemForm
from swot.indicators import suggestions_for
from swot.matrix import matrix_counts, matrix_key, quadrants
from swot.models import Quadrant, Strategy, SwotAnalysis, SwotItem, Theme


def _filters(source, prefix: str = "") -> dict:
    """The matrix filters, from the query string or (prefixed) from an htmx form."""
    theme = source.get(f"{prefix}theme", "")
    age_group = source.get(f"{prefix}age_group", "")
    return {
        "theme": theme if theme in Theme.values else "",
        "age_group": age_group if age_group in AgeGroup.values else "",
    }


def _matrix_context(request, trajectory, analysis, filters) -> dict:
    can_edit = analysis is not None and analysis.editable_by(request.user)
    return {
        "trajectory": trajectory,
        "analysis": analysis,
        "can_edit": can_edit,
        "filters": filters,
        "matrix_key": matrix_key(analysis, filters, can_edit=can_edit) if analysis else "",
        "themes": Theme.choices,
        "age_groups": AgeGroup.choices,
        "quadrants": quadrants(analysis, filters) if analysis else [],
        # Once for the four quadrants' quick-add forms.
        "quick_add_url": reverse("swot:item_quick_add", kwargs={"trajectory_pk": trajectory.pk}),
        "move_buttons": [("up", "▲", _("Move up")), ("down", "▼", _("Move down"))],
    }


@login_required
def matrix(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    prefetch_related_objects([trajectory], "swot_analyses")  # the rounds, listed below
    analysis = analysis_for(trajectory, request.GET.get("round"))
    context = _matrix_context(request, trajectory, analysis, _filters(request.GET))
    context["rounds"] = trajectory.swot_analyses.all()
    context["can_start"] = trajectory.editable_by(request.user)
    if analysis:
        context |= matrix_counts(analysis, context["matrix_key"], can_edit=context["can_edit"])
    template = "swot/print.html" if request.GET.get("print") else "swot/matrix.html"
    return render(request, template, context)


def _quadrant_response(request, trajectory, analysis, quadrant_code: str) -> HttpResponse:
    if quadrant_code not in Quadrant.values:
        raise BadRequest("Unknown quadrant")
    filters = _filters(request.POST, prefix="filter_")
    if not request.htmx:
        url = reverse("swot:matrix", kwargs={"trajectory_pk": trajectory.pk})
        query = urlencode({key: value for key, value in filters.items() if value})
        return redirect(f"{url}?{query}#quadrant-{quadrant_code}")
    context = _matrix_context(request, trajectory, analysis, filters)
    quadrant = next(q for q in context["quadrants"] if q["code"] == quadrant_code)
    return render(request, "swot/includes/quadrant.html", {**context, "quadrant": quadrant})


@require_POST
@login_required
def analysis_start(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk, write=True)
    analysis = services.analysis_start(trajectory=trajectory)
    if analysis.round == 1:
        messages.success(request, _("The SWOT analysis has started."))
    else:
        messages.success(
            request,
            _("Round %(round)s has started; earlier rounds stay available, read-only.")
            % {"round": analysis.round},
        )
    return redirect("swot:matrix", trajectory_pk=trajectory.pk)


@require_POST
@login_required
def item_quick_add(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory, analysis = current_analysis_for(request.user, trajectory_pk)
    if request.POST.get("quadrant", "S") not in Quadrant.values:
        raise BadRequest("Unknown quadrant")
    form = QuickItemForm(request.POST)
    form.instance.analysis = analysis
    if form.is_valid():
        services.item_add(item=form.instance, by=request.user)
    else:
        messages.error(
            request, _("The item was not added: %(errors)s") % {"errors": _form_errors(form)}
        )
    return _quadrant_response(request, trajectory, analysis, request.POST.get("quadrant", "S"))


def _form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@require_POST
@login_required
def item_move(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    item = item_for(request.user, trajectory_pk, pk, write=True)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.item_move(item=item, offset=offset)
    return _quadrant_response(request, item.trajectory, item.analysis, item.quadrant)


@login_required
def item_inline_edit(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    item = item_for(request.user, trajectory_pk, pk, write=True)
    old_quadrant = item.quadrant
    form = QuickItemForm(request.POST or None, instance=item, prefix=f"item{item.pk}")
    stale = {}
    if request.method == "POST" and form.is_valid():
        try:
            form.save_locked(
                lambda: services.item_update(item=item, old_quadrant=old_quadrant, save=form.save)
            )
        except StaleEdit as error:
            form.add_error(None, str(error))
            stale = stale_context(error, form.Meta.fields)
        else:
            return _quadrant_response(request, item.trajectory, item.analysis, old_quadrant)
    return render(
        request,
        "swot/includes/item_inline_form.html",
        {
            "item": item,
            "form": form,
            "trajectory": item.trajectory,
            "filters": _filters(request.GET or request.POST, prefix="filter_"),
            **stale,
        },
    )


def _suggestion_initial(analysis: SwotAnalysis, key: str) -> dict | None:
    """The item form filled with a still open suggestion, to edit before accepting it."""
    suggestion = next((s for s in suggestions_for(analysis) if s.key == key), None)
    if suggestion is None:
        return None
    return {
        "quadrant": suggestion.quadrant,
        "theme": suggestion.theme,
        "statement": suggestion.statement,
        "explanation": suggestion.explanation,
        "age_groups": suggestion.age_groups,
        "evidence_figures": suggestion.figures,
        **suggestion.evidence,
    }


@login_required
def item_create(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory, analysis = current_analysis_for(request.user, trajectory_pk)
    suggestion_key = request.GET.get("suggestion") or request.POST.get("suggestion", "")
    initial = {"quadrant": request.GET.get("quadrant")}
    if suggestion_key:
        initial = _suggestion_initial(analysis, suggestion_key)
        if initial is None:
            messages.error(request, _("This suggestion is no longer available."))
            return redirect("swot:suggestions", trajectory_pk=trajectory.pk)
    form = SwotItemForm(request.POST or None, initial=initial, analysis=analysis)
    if request.method == "POST" and form.is_valid():
        if suggestion_key:
            item = services.suggestion_accept(
                analysis=analysis,
                key=suggestion_key,
                by=request.user,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        else:
            item = services.item_add(item=form.instance, by=request.user)
            form.save_m2m()
        messages.success(request, _("“%(item)s” has been added.") % {"item": item})
        return redirect("swot:matrix", trajectory_pk=trajectory.pk)
    return render(
        request,
        "swot/item_form.html",
        {
            "trajectory": trajectory,
            "analysis": analysis,
            "form": form,
            "suggestion_key": suggestion_key,
        },
    )


@login_required
def item_detail(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    item = item_for(
        request.user,
        trajectory_pk,
        pk,
        queryset=SwotItem.objects.with_evidence().prefetch_related("strategies"),
    )
    return render(
        request,
        "swot/item_detail.html",
        {
            "trajectory": item.trajectory,
            "item": item,
            "can_edit": item.editable_by(request.user),
            "threads": threads_for(item),
            "history": record_history_entries(item),
            "park_form": ParkForm(),
        },
    )


@login_required
def item_update(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    item = item_for(request.user, trajectory_pk, pk, write=True)
    old_quadrant = item.quadrant
    form = SwotItemForm(request.POST or None, instance=item, analysis=item.analysis)
    stale = {}
    if request.method == "POST" and form.is_valid():
        try:
            form.save_locked(
                lambda: services.item_update(item=item, old_quadrant=old_quadrant, save=form.save)
            )
        except StaleEdit as error:
            messages.error(request, str(error))
            stale = stale_context(error, form.Meta.fields)
        else:
            messages.success(request, _("“%(item)s” has been saved.") % {"item": item})
            return redirect(item)
    return render(
        request,
        "swot/item_form.html",
        {
            "trajectory": item.trajectory,
            "analysis": item.analysis,
            "form": form,
            "item": item,
            **stale,
        },
    )


@login_required
def item_delete(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    item = item_for(request.user, trajectory_pk, pk, write=True)
    if request.method == "POST":
        services.item_delete(item=item)
        messages.success(request, _("“%(item)s” has been deleted.") % {"item": item})
        return redirect("swot:matrix", trajectory_pk=trajectory_pk)
    return render(
        request,
        "swot/confirm_delete.html",
        {"trajectory": item.trajectory, "object": item, "cancel_url": item.get_absolute_url()},
    )


@require_POST
@login_required
def item_park(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    item = item_for(request.user, trajectory_pk, pk, write=True)
    if item.is_parked:
        services.item_unpark(item=item)
        messages.success(request, _("“%(item)s” is no longer parked.") % {"item": item})
    else:
        form = ParkForm(request.POST)
        if form.is_valid():
            services.item_park(item=item, reason=form.cleaned_data["reason"])
            messages.success(request, _("“%(item)s” has been parked.") % {"item": item})
        else:
            messages.error(request, _("A parked item needs a reason."))
    return redirect_to_next(request, item.get_absolute_url())


@login_required
def suggestions(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory, analysis = current_analysis_for(request.user, trajectory_pk)
    return render(
        request,
        "swot/suggestions.html",
        {"trajectory": trajectory, "analysis": analysis, "suggestions": suggestions_for(analysis)},
    )


@require_POST
@login_required
def suggestion_decide(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory, analysis = current_analysis_for(request.user, trajectory_pk)
    key = request.POST.get("key", "")
    try:
        if request.POST.get("decision") == "dismiss":
            services.suggestion_dismiss(analysis=analysis, key=key, by=request.user)
            messages.info(request, _("The suggestion has been dismissed."))
        else:
            item = services.suggestion_accept(analysis=analysis, key=key, by=request.user)
            messages.success(request, _("“%(item)s” has been added to the SWOT.") % {"item": item})
    except services.SwotError as error:
        messages.error(request, str(error))
    return redirect("swot:suggestions", trajectory_pk=trajectory.pk)


def _tows_items(analysis: SwotAnalysis):
    return list(analysis.items.prefetch_related("strategies").order_by("quadrant", "priority"))


def _confrontation(items: list[SwotItem], strategies) -> tuple[list, list]:
    """The confrontation matrix: the external items (columns), and per internal item (row)
    each external item with the strategies that cross the two."""
    internal = [item for item in items if item.is_internal]
    external = [item for item in items if not item.is_internal]
    pairs = {}
    for strategy in strategies:
        for inner in strategy.items.all():
            for outer in strategy.items.all():
                if inner.is_internal and not outer.is_internal:
                    pairs.setdefault((inner.pk, outer.pk), []).append(strategy)
    rows = [
        (inner, [(outer, pairs.get((inner.pk, outer.pk), [])) for outer in external])
        for inner in internal
    ]
    return external, rows


@login_required
def tows(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    analysis = analysis_for(trajectory, request.GET.get("round"))
    if analysis is None:
        return redirect("swot:matrix", trajectory_pk=trajectory.pk)
    strategies = with_open_comment_count(
        analysis.strategies.prefetch_related(
            Prefetch("items", queryset=SwotItem.objects.order_by("quadrant", "priority"))
        )
    )
    external, rows = _confrontation(_tows_items(analysis), strategies)
    return render(
        request,
        "swot/tows.html",
        {
            "trajectory": trajectory,
            "analysis": analysis,
            "can_edit": analysis.editable_by(request.user),
            "strategies": strategies,
            "kinds": Strategy.Kind.choices,
            "external": external,
            "rows": rows,
        },
    )


def _strategy_to_edit(user, trajectory_pk: int, pk: int | None) -> Strategy:
    """The strategy to edit, or a new one in the current round."""
    if pk is None:
        _trajectory, analysis = current_analysis_for(user, trajectory_pk)
        return Strategy(analysis=analysis)
    return strategy_for(user, trajectory_pk, pk, write=True)


@login_required
def strategy_form(request: HttpRequest, trajectory_pk: int, pk: int | None = None):
    strategy = _strategy_to_edit(request.user, trajectory_pk, pk)
    trajectory, analysis = strategy.trajectory, strategy.analysis
    form = StrategyForm(request.POST or None, instance=strategy, analysis=analysis)
    stale = {}
    if request.method == "POST" and form.is_valid():
        try:
            form.save_locked(
                lambda: services.strategy_save(strategy=form.instance, items=form.cited_items())
            )
        except StaleEdit as error:
            form.add_error(None, str(error))
            stale = stale_context(error, form.Meta.fields)
        except (services.SwotError, ValidationError) as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("“%(strategy)s” has been saved.") % {"strategy": form.instance}
            )
            return redirect("swot:tows", trajectory_pk=trajectory.pk)
    return render(
        request,
        "swot/strategy_form.html",
        {
            "trajectory": trajectory,
            "analysis": analysis,
            "form": form,
            "strategy": strategy if pk else None,
            **stale,
        },
    )


@login_required
def strategy_detail(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    strategy = strategy_for(request.user, trajectory_pk, pk)
    return render(
        request,
        "swot/strategy_detail.html",
        {
            "trajectory": strategy.trajectory,
            "strategy": strategy,
            "items": strategy.items.order_by("quadrant", "priority"),
            "can_edit": strategy.editable_by(request.user),
            "threads": threads_for(strategy),
            "history": record_history_entries(strategy),
        },
    )


@login_required
def strategy_delete(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    strategy = strategy_for(request.user, trajectory_pk, pk, write=True)
    if request.method == "POST":
        strategy.delete()
        messages.success(request, _("“%(strategy)s” has been deleted.") % {"strategy": strategy})
        return redirect("swot:tows", trajectory_pk=trajectory_pk)
    return render(
        request,
        "swot/confirm_delete.html",
        {
            "trajectory": strategy.trajectory,
            "object": strategy,
            "cancel_url": strategy.get_absolute_url(),
        },
    )


@login_required
def coverage(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    analysis = analysis_for(trajectory, request.GET.get("round"))
    if analysis is None:
        return redirect("swot:matrix", trajectory_pk=trajectory.pk)
    return render(
        request,
        "swot/coverage.html",
        {
            "trajectory": trajectory,
            "analysis": analysis,
            "can_edit": analysis.editable_by(request.user),
            "unaddressed": analysis.items.unaddressed().order_by("quadrant", "priority"),
            "has_plan": hasattr(trajectory, "plan"),
            "without_objective": analysis.items.without_objective().order_by(
                "quadrant", "priority"
            ),
            "parked": analysis.items.filter(is_parked=True).order_by("quadrant", "priority"),
            "park_form": ParkForm(),
        },
    )


@login_required
def export(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    analysis = analysis_for(trajectory, request.GET.get("round"))
    if analysis is None:
        raise Http404
    response = HttpResponse(
        swot_xlsx(analysis),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = slugify(f"swot-{trajectory.municipality.name_nl}-{trajectory.cycle_start_year}")
    response["Content-Disposition"] = f'attachment; filename="{name}-ronde-{analysis.round}.xlsx"'
    return response
