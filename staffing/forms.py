from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action
from municipalities.forms import DateInput
from municipalities.models import Municipality, Site, Trajectory
from plus_portal.access import MAX_ID
from staffing.models import (
    Availability,
    DevelopmentPlan,
    ImprovementAction,
    Milestone,
    Placement,
    PlacementSlot,
    Qualification,
    Training,
    Worker,
    WorkerCompetence,
)


class WorkerForm(forms.ModelForm):
    class Meta:
        model = Worker
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "function",
            "languages",
            "home_municipality",
            "age_group_experience",
            "regime",
            "vdab_attest_on",
            "vdab_valid_until",
            "contract_starts_on",
            "contract_ends_on",
            "hours_per_week",
            "trajectory_starts_on",
            "extended_to_six_years",
            "extension_reason",
            "support_package",
            "reevaluation_on",
            "outcome",
            "outcome_employer",
            "outcome_on",
        ]
        widgets = {
            name: DateInput()
            for name in [
                "vdab_attest_on",
                "vdab_valid_until",
                "contract_starts_on",
                "contract_ends_on",
                "trajectory_starts_on",
                "reevaluation_on",
                "outcome_on",
            ]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_municipality"].queryset = Municipality.objects.flemish()


# Weekly slots of one placement, at most.
MAX_SLOTS = 30


class ActionsField(forms.ModelMultipleChoiceField):
    """Django looks the chosen ids up with ``IN (…)``, which the database refuses for an id
    beyond a bigint; such an id is an invalid value like any other that names nothing."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number at all: Django says so itself
            if abs(number) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class PlacementForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = [
            "worker",
            "site",
            "central_site_name",
            "actions",
            "starts_on",
            "ends_on",
            "hours_per_week",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        field_classes = {"actions": ActionsField}

    def __init__(self, *args, trajectory, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        # Workers still in their trajectory whose file the user may open; the worker of the
        # placement being edited stays a choice even once an outcome is recorded.
        self.fields["worker"].queryset = Worker.objects.visible_to(user).filter(
            Q(outcome="") | Q(pk=self.instance.worker_id)
        )
        self.fields["site"].queryset = Site.objects.filter(
            school__trajectory=trajectory
        ).select_related("school")
        self.fields["actions"].queryset = (
            Action.objects.active()
            .filter(action_plan__objective__plan__trajectory=trajectory)
            .select_related("action_plan__objective")
        )
        self.fields["actions"].label_from_instance = lambda action: str(action)
        self.fields["actions"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["actions"].choices
        )

    def _post_clean(self):
        self.instance.trajectory = self.trajectory
        super()._post_clean()


class PlacementSlotForm(forms.ModelForm):
    """One weekly slot. Whether it has a weekday or a holiday period and ends after it starts
    are the model's constraints, reported through the model form's full_clean."""

    class Meta:
        model = PlacementSlot
        fields = ["weekday", "holiday_period", "starts_at", "ends_at"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def has_changed(self):
        # A slot proposed by the page (from the uncovered row) counts as filled in, even when
        # the coordinator accepts it as it is.
        return super().has_changed() or bool(self.initial)


class BasePlacementSlotFormSet(forms.BaseInlineFormSet):
    def slots(self) -> list[PlacementSlot]:
        """The unsaved weekly slots the valid formset keeps."""
        return [
            PlacementSlot(
                **{name: form.cleaned_data[name] for name in PlacementSlotForm.Meta.fields}
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


PlacementSlotFormSet = inlineformset_factory(
    Placement,
    PlacementSlot,
    form=PlacementSlotForm,
    formset=BasePlacementSlotFormSet,
    extra=2,
    can_delete=True,
    min_num=1,
    validate_min=True,
    # A week and every holiday period fit well within this; a forged form count beyond it
    # would only make the page render thousands of empty slots.
    max_num=MAX_SLOTS,
    absolute_max=MAX_SLOTS,
    validate_max=True,
)


class StaffFilterForm(forms.Form):
    """The staff list's filters, read from the query string.

    The municipalities offered are those of the trajectories the user may see: filtering on
    another one is an invalid choice, not an empty list that would confirm it exists.
    """

    function = forms.ChoiceField(
        label=_("Function"), choices=[("", "—"), *Worker.Function.choices], required=False
    )
    regime = forms.ChoiceField(
        label=_("Funding regime"), choices=[("", "—"), *Worker.Regime.choices], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), required=False
    )
    ending_soon = forms.BooleanField(label=_("Trajectory ends within 6 months"), required=False)
    pop_due = forms.BooleanField(label=_("POP review due"), required=False)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=Trajectory.objects.visible_to(user).values("municipality")
        ).order_by("name_nl")
        self.fields["municipality"].empty_label = "—"
        for name in ("function", "regime", "municipality"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        for name in ("ending_soon", "pop_due"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


# The POP and the parts of a worker's file -------------------------------------------------

# Rows of one part of a file on one page, at most; a forged form count beyond it would only
# make the page render thousands of empty rows.
MAX_ROWS = 50
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DevelopmentPlanForm(forms.ModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["current_competences", "target_competences", "reviewed_on"]
        widgets = {
            "current_competences": forms.Textarea(attrs={"rows": 3}),
            "target_competences": forms.Textarea(attrs={"rows": 3}),
            "reviewed_on": DateInput(),
        }


def improvement_action_formset(*, new: bool):
    """Improvement actions of a POP: a new POP offers as many empty rows as it needs."""
    return inlineformset_factory(
        DevelopmentPlan,
        ImprovementAction,
        fields=["description", "owner", "due_on", "done"],
        widgets={"due_on": DateInput()},
        extra=DevelopmentPlan.MIN_ACTIONS if new else 1,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )


@dataclass(frozen=True)
class Section:
    """One part of a worker's file that the coordinator keeps in the portal."""

    key: str
    model: type
    fields: tuple[str, ...]
    title: str
    widgets: dict

    def formset(self):
        return inlineformset_factory(
            Worker,
            self.model,
            fields=list(self.fields),
            widgets=self.widgets,
            extra=1,
            can_delete=True,
            max_num=MAX_ROWS,
            absolute_max=MAX_ROWS,
            validate_max=True,
        )


SECTIONS = {
    section.key: section
    for section in [
        Section("competences", WorkerCompetence, ("competence", "level"), _("Competences"), {}),
        Section(
            "qualifications",
            Qualification,
            ("name", "valid_until"),
            _("Qualifications"),
            {"valid_until": DateInput()},
        ),
        Section(
            "availability",
            Availability,
            ("weekday", "starts_at", "ends_at"),
            _("Availability"),
            {"starts_at": TIME_INPUT, "ends_at": TIME_INPUT},
        ),
        Section(
            "milestones",
            Milestone,
            ("kind", "planned_on", "done_on", "notes"),
            _("Milestones"),
            {
                "planned_on": DateInput(),
                "done_on": DateInput(),
                "notes": forms.TextInput(),
            },
        ),
        Section(
            "trainings",
            Training,
            ("kind", "title", "hours", "taken_on"),
            _("Training and coaching"),
            {"taken_on": DateInput()},
        ),
    ]
}
