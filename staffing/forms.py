from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action
from municipalities.forms import DateInput
from municipalities.models import Municipality, Site
from staffing.models import Placement, PlacementSlot, Worker


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
                "outcome_on",
            ]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_municipality"].queryset = Municipality.objects.flemish()

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("extended_to_six_years")
            and not (cleaned.get("extension_reason") or "").strip()
        ):
            self.add_error(
                "extension_reason", _("A sixth year is an exception: record the reason.")
            )
        if cleaned.get("outcome") == Worker.Outcome.REGULAR_JOB and not cleaned.get(
            "outcome_employer"
        ):
            self.add_error("outcome_employer", _("Name the regular employer."))
        return cleaned


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

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        self.fields["worker"].queryset = Worker.objects.filter(outcome="")
        self.fields["site"].queryset = Site.objects.filter(
            school__trajectory=trajectory
        ).select_related("school")
        self.fields["actions"].queryset = Action.objects.filter(
            action_plan__objective__plan__trajectory=trajectory
        ).select_related("action_plan__objective")
        self.fields["actions"].label_from_instance = lambda action: str(action)
        self.fields["actions"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["actions"].choices
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("site") and not cleaned.get("central_site_name"):
            self.add_error("site", _("Choose a school site or name the central site."))
        return cleaned

    def _post_clean(self):
        self.instance.trajectory = self.trajectory
        super()._post_clean()


class PlacementSlotForm(forms.ModelForm):
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

    def clean(self):
        cleaned = super().clean()
        has_day = cleaned.get("weekday") is not None
        has_period = bool(cleaned.get("holiday_period"))
        if has_day == has_period:
            raise forms.ValidationError(_("Choose either a weekday or a holiday period."))
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The slot must end after it starts."))
        return cleaned


PlacementSlotFormSet = inlineformset_factory(
    Placement,
    PlacementSlot,
    form=PlacementSlotForm,
    extra=2,
    can_delete=True,
    min_num=1,
    validate_min=True,
)
