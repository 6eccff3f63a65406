"""The municipality's dashboard and its financial execution. Coordinators of the municipality
record spending and receipts; its officials read everything and change nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring import dashboard, finance
from monitoring.access import funding_source_for
from monitoring.dashboard_forms import ReceiptFormSet, SpendingGridForm
from plus_portal.access import trajectory_for


@login_required
def overview(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    board = dashboard.build_dashboard(trajectory, today=timezone.localdate())
    context = {
        "trajectory": trajectory,
        "board": board,
        "can_edit": trajectory.editable_by(request.user),
    }
    return render(request, "monitoring/dashboard_overview.html", context)


@login_required
def finance_overview(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request.user, trajectory_pk)
    context = {
        "trajectory": trajectory,
        "overview": finance.finance_overview(trajectory, today=timezone.localdate()),
        "can_edit": trajectory.editable_by(request.user),
    }
    return render(request, "monitoring/finance_overview.html", context)


@login_required
def spending(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    is_post = request.method == "POST"
    trajectory = trajectory_for(request.user, trajectory_pk, write=is_post)
    overview = finance.finance_overview(trajectory, today=timezone.localdate())
    form = SpendingGridForm(request.POST if is_post else None, overview=overview)
    if is_post and overview.version and form.is_valid():
        try:
            finance.spending_save(trajectory=trajectory, amounts=form.amounts(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The spending has been saved."))
            return redirect("dashboard:finance", trajectory_pk=trajectory.pk)
    context = {
        "trajectory": trajectory,
        "overview": overview,
        "form": form,
        "can_edit": trajectory.editable_by(request.user),
    }
    return render(request, "monitoring/finance_spending.html", context)


@login_required
def receipts(request: HttpRequest, trajectory_pk: int, pk: int) -> HttpResponse:
    is_post = request.method == "POST"
    trajectory, source = funding_source_for(request.user, trajectory_pk, pk, write=is_post)
    initial = [
        {"pk": r.pk, "received_on": r.received_on, "amount": r.amount, "note": r.note}
        for r in source.receipts.all()
    ]
    formset = ReceiptFormSet(request.POST if is_post else None, initial=initial, prefix="receipts")
    if is_post and formset.is_valid():
        entries = [form.entry() for form in formset]
        try:
            finance.funding_receipts_save(funding_source=source, entries=entries, by=request.user)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("The funding received has been saved."))
            return redirect("dashboard:finance", trajectory_pk=trajectory.pk)
    context = {
        "trajectory": trajectory,
        "source": source,
        "formset": formset,
        "can_edit": trajectory.editable_by(request.user),
    }
    return render(request, "monitoring/finance_receipts.html", context)
