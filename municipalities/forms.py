from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from municipalities.areas import area_from_postal_code
from municipalities.models import (
    Area,
    CareProvider,
    ChildrenCount,
    Contact,
    CooperationAgreement,
    LeisureActor,
    Membership,
    Municipality,
    Need,
    School,
    Site,
    SiteYear,
    Trajectory,
)
from plus_portal.locking import VersionLockedForm
from plus_portal.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TrajectoryScopedForm(VersionLockedForm):
    """A form for a record of one trajectory: choices of areas and sites stay within it."""

    def __init__(self, *args, trajectory: Trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        if "area" in self.fields:
            self.fields["area"].queryset = Area.objects.filter(trajectory=trajectory)
        if "sites_served" in self.fields:
            self.fields["sites_served"].queryset = Site.objects.filter(
                school__trajectory=trajectory
            ).select_related("school")
            self.fields["sites_served"].widget = forms.CheckboxSelectMultiple()
            self.fields["sites_served"].widget.choices = self.fields["sites_served"].choices

    def _post_clean(self):
        self.instance.trajectory = self.trajectory
        super()._post_clean()

    def _get_validation_exclusions(self):
        # The trajectory is set by the form, not a field: the model's constraints over it
        # (unique names and counts per trajectory) are checked too.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("trajectory")
        return exclusions


class TrajectoryStartForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        help_text=_(
            "The Flemish municipalities you coordinate; an administrator grants access to others."
        ),
    )
    cycle_start_year = forms.IntegerField(
        label=_("Planning cycle from"), min_value=2020, max_value=2050, initial=2026
    )
    cycle_end_year = forms.IntegerField(
        label=_("Planning cycle to"), min_value=2020, max_value=2050, initial=2031
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only municipalities the user already coordinates: starting a trajectory never
        # grants access, and an unknown id is just "not a valid choice", revealing nothing.
        self.fields["municipality"].queryset = Municipality.objects.flemish().visible_to(user)

    def clean(self):
        """The trajectory's own rules (one per municipality and cycle, a cycle that ends
        after it starts), checked on the trajectory the service will create."""
        cleaned = super().clean()
        if not self.errors:
            try:
                Trajectory(**cleaned).full_clean()
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned


class TrajectoryForm(VersionLockedForm):
    # Not the coordinators: those with access to the municipality are the ones responsible,
    # and access is granted on the administrators' Access page.
    class Meta:
        model = Trajectory
        fields = ["policy_vision", "existing_collaborations"]


class PhaseForm(forms.Form):
    """A move by hand; which moves the lifecycle allows is the service's to say."""

    phase = forms.ChoiceField(
        label=_("New phase"),
        choices=Trajectory.Phase.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    started_on = forms.DateField(
        label=_("Started on"), widget=DateInput(attrs={"class": "form-control"})
    )
    # Required by the service, which says so in its own words.
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )

    def __init__(self, *args, trajectory: Trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the allowed moves; any phase still validates, so a refused one is
        # told why by the service instead of "not a valid choice".
        self.fields["phase"].widget.choices = [
            (phase, Trajectory.Phase(phase).label)
            for phase in trajectory.TRANSITIONS[trajectory.phase]
        ]


class ContactForm(TrajectoryScopedForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone"]


class CooperationAgreementForm(TrajectoryScopedForm):
    class Meta:
        model = CooperationAgreement
        fields = [
            "status",
            "signed_on",
            "starts_on",
            "ends_on",
            "agreed_fte",
            "includes_project_worker",
            "notes",
        ]
        widgets = {"signed_on": DateInput(), "starts_on": DateInput(), "ends_on": DateInput()}


class AreaForm(TrajectoryScopedForm):
    class Meta:
        model = Area
        fields = ["name"]


class SchoolForm(TrajectoryScopedForm):
    class Meta:
        model = School
        fields = ["institution_number", "name", "network", "levels"]
        help_texts = {"institution_number": _("6 digits, as in the Flemish school register.")}


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = [
            "site_number",
            "name",
            "street",
            "postal_code",
            "area",
            "setting",
            "latitude",
            "longitude",
            "care_offer",
        ]
        help_texts = {
            "area": _(
                "Left empty, it follows from the postal code where the municipality has "
                "several: the area named after the code (for example “3806 Velm”), made "
                "when there is none. Pick another area to change it."
            )
        }

    def __init__(self, *args, trajectory: Trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        self.fields["area"].queryset = Area.objects.filter(trajectory=trajectory)

    def save(self, commit=True):
        if self.instance.area_id is None:
            self.instance.area = area_from_postal_code(self.trajectory, self.instance.postal_code)
        return super().save(commit)

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"]
        municipality = self.trajectory.municipality
        if code and not municipality.postal_codes.filter(code=code).exists():
            raise forms.ValidationError(
                _("Postal code %(code)s is not in %(municipality)s."),
                params={"code": code, "municipality": municipality},
            )
        return code


SiteFormSet = inlineformset_factory(
    School, Site, form=SiteForm, extra=1, can_delete=True, min_num=1, validate_min=True
)

SiteYearFormSet = inlineformset_factory(
    Site,
    SiteYear,
    fields=[
        "school_year",
        "pupils_5_10",
        "pupils_11_15",
        "gok_school_allowance",
        "gok_home_language",
        "gok_neighbourhood",
        "gok_mother_education",
    ],
    extra=1,
    can_delete=True,
)


class CareProviderForm(TrajectoryScopedForm):
    class Meta:
        model = CareProvider
        fields = [
            "name",
            "kind",
            "recognition",
            "capacity_5_10",
            "capacity_11_15",
            "enrolled_children",
            "slots",
            "sites_served",
            "area",
            "address",
        ]


class LeisureActorForm(TrajectoryScopedForm):
    class Meta:
        model = LeisureActor
        fields = [
            "name",
            "kind",
            "age_groups",
            "participants",
            "cost_level",
            "area",
            "location",
            "slots",
            "contact_name",
            "contact_email",
            "contact_phone",
            "in_partnership",
        ]


class ChildrenCountForm(TrajectoryScopedForm):
    class Meta:
        model = ChildrenCount
        fields = ["area", "age_group", "children", "vulnerable_share", "source"]


class NeedForm(TrajectoryScopedForm):
    class Meta:
        model = Need
        fields = [
            "voiced_by",
            "age_group",
            "slot",
            "until",
            "holiday_periods",
            "area",
            "children_concerned",
            "source",
            "source_name",
            "respondents",
            "description",
        ]
        widgets = {"until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("XLSX or CSV (comma or semicolon; UTF-8 or Windows-1252), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ImportConfirmForm(forms.Form):
    allow_partial = forms.BooleanField(
        required=False,
        label=_("Import only the valid rows and leave the rows with errors out"),
    )


class MembershipForm(forms.ModelForm):
    """An administrator grants a coordinator or an official access to a municipality."""

    class Meta:
        model = Membership
        fields = ["user", "municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Administrators see everything already; a membership would mean nothing to them.
        self.fields["user"].queryset = User.objects.filter(is_active=True).exclude(
            role=User.Role.ADMINISTRATOR
        )
        self.fields["municipality"].queryset = Municipality.objects.flemish()
