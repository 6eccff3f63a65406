from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from actionplans.models import (
    Action,
    ActionPlan,
    ActionSlot,
    BudgetLine,
    Decision,
    FundingSource,
    Objective,
    Plan,
    copies_for_years,
)
from municipalities.forms import DateInput
from municipalities.models import CareProvider, LeisureActor, School, Site
from plus_portal.locking import VersionLockedForm
from swot.models import Strategy, SwotItem


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


class PartForm(VersionLockedForm):
    """A plan part's form; it carries the version it was opened at (optimistic locking)."""

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        swot = plan.trajectory.swot_analyses.filter(is_current=True).first()
        for name, queryset in (
            ("strategies", Strategy.objects.filter(analysis=swot)),
            ("swot_items", SwotItem.objects.filter(analysis=swot)),
        ):
            if name in self.fields:
                self.fields[name].queryset = queryset
                self.fields[name].widget = forms.CheckboxSelectMultiple()
                self.fields[name].widget.choices = self.fields[name].choices


class ObjectiveForm(PartForm):
    class Meta:
        model = Objective
        fields = ["title", "description", "is_prioritair", "strategies", "swot_items"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ActionPlanForm(PartForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "description", "is_prioritair"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ActionForm(PartForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "is_prioritair",
            "age_groups",
            "at_central_site",
            "central_site_name",
            "sites",
            "owner",
            "starts_on",
            "ends_on",
            "status",
            "progress",
            "partner_actors",
            "partner_providers",
            "partner_schools",
            "strategies",
            "swot_items",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        trajectory = self.plan.trajectory
        for name, queryset in (
            ("sites", Site.objects.filter(school__trajectory=trajectory).select_related("school")),
            ("partner_actors", LeisureActor.objects.filter(trajectory=trajectory)),
            ("partner_providers", CareProvider.objects.filter(trajectory=trajectory)),
            ("partner_schools", School.objects.filter(trajectory=trajectory)),
        ):
            self.fields[name].queryset = queryset
            self.fields[name].widget = forms.CheckboxSelectMultiple()
            self.fields[name].widget.choices = self.fields[name].choices

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("An action cannot end before it starts."))
        if cleaned.get("at_central_site") and not cleaned.get("central_site_name"):
            self.add_error("central_site_name", _("Name the central site."))
        if not cleaned.get("at_central_site") and cleaned.get("central_site_name"):
            cleaned["central_site_name"] = ""
        return cleaned


class ActionSlotForm(forms.ModelForm):
    class Meta:
        model = ActionSlot
        fields = ["slot", "holiday_period", "starts_at", "ends_at", "expected_children"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        is_holiday = cleaned.get("slot") == "holidays"
        if is_holiday and not cleaned.get("holiday_period"):
            self.add_error("holiday_period", _("Choose the holiday period."))
        if not is_holiday and cleaned.get("holiday_period"):
            self.add_error("holiday_period", _("A holiday period only goes with school holidays."))
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The slot must end after it starts."))
        return cleaned


class YearsForm(forms.ModelForm):
    """A budget line or funding source that may be entered for several years at once.

    "Until" makes one row per year from ``year`` to ``until_year`` with the same values; every
    copy is validated by the model (``full_clean``), so a year outside the cycle is refused
    with the model's message, and nothing is saved unless every year is valid.
    """

    # The hint is given once below the lines (part_form.html), not repeated on every row.
    until_year = forms.IntegerField(
        label=_("until year"), required=False, min_value=1, max_value=32767
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.year_copies = []

    def _post_clean(self):
        super()._post_clean()
        until_year, year = self.cleaned_data.get("until_year"), self.cleaned_data.get("year")
        if self.errors or not until_year or year is None:
            return
        if until_year < year:
            self.add_error("until_year", _("The last year cannot come before the first."))
            return
        copies = copies_for_years(self.instance, range(year + 1, until_year + 1))
        for copy in copies:
            try:
                copy.full_clean(exclude=["action"], validate_unique=False)
            except ValidationError as error:
                for message in error.message_dict.get("year", error.messages):
                    self.add_error("until_year", message)
                return
        self.year_copies = copies


class BudgetLineForm(YearsForm):
    field_order = ["category", "year", "until_year", "amount", "description"]

    class Meta:
        model = BudgetLine
        fields = ["category", "year", "amount", "description"]


class FundingSourceForm(YearsForm):
    field_order = ["kind", "year", "until_year", "amount", "call_name", "call_deadline"]

    class Meta:
        model = FundingSource
        fields = ["kind", "year", "amount", "call_name", "call_deadline"]
        widgets = {"call_deadline": DateInput()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == FundingSource.Kind.PROJECT_SUBSIDY and not cleaned.get(
            "call_name"
        ):
            self.add_error("call_name", _("Name the subsidy call."))
        return cleaned


class YearsFormSet(BaseInlineFormSet):
    """Budget lines or funding sources of an action, with the rows "until" adds."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The action itself, even unsaved, so the model can check its years against the
        # trajectory's planning cycle while the form validates.
        form.instance.action = self.instance
        return form

    def save(self, commit=True):
        saved = super().save(commit=commit)
        for form in self.forms:
            if form in self.deleted_forms or not form.has_changed():
                continue
            for copy in form.year_copies:
                copy.action = self.instance
                copy.save()
        return saved


ActionSlotFormSet = inlineformset_factory(
    Action, ActionSlot, form=ActionSlotForm, extra=1, can_delete=True
)
BudgetLineFormSet = inlineformset_factory(
    Action, BudgetLine, form=BudgetLineForm, formset=YearsFormSet, extra=1, can_delete=True
)
FundingFormSet = inlineformset_factory(
    Action, FundingSource, form=FundingSourceForm, formset=YearsFormSet, extra=1, can_delete=True
)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you request changes."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("outcome") == Decision.Outcome.CHANGES_REQUESTED
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Say which changes you request."))
        return cleaned


class ActionCopyForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Copy into"), queryset=ActionPlan.objects.none())

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = ActionPlan.objects.filter(
            objective__plan=plan
        ).select_related("objective")
        self.fields["into"].label_from_instance = lambda ap: f"{ap.code} {ap.title}"


class AmendmentForm(forms.Form):
    # Required here and in ``plan_amend``: the form only says it next to the field.
    reason = forms.CharField(
        label=_("Why amend the plan?"),
        max_length=300,
        widget=forms.TextInput(),
        help_text=_("For example: a new campus joins, or the Wednesday slot moves."),
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the plan page has a decision form with a "reason" too.
        kwargs.setdefault("auto_id", "amendment-%s")
        super().__init__(*args, **kwargs)
