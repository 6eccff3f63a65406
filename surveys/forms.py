"""The survey's form: fields only; the model's ``full_clean`` says what is wrong."""

from itertools import groupby

from django import forms

from municipalities.forms import DateInput
from municipalities.models import Site, Trajectory
from plus_portal.locking import VersionLockedForm
from surveys.models import Survey


class SurveyForm(VersionLockedForm):
    class Meta:
        model = Survey
        fields = ["name", "opens_on", "closes_on", "sites"]
        widgets = {
            "opens_on": DateInput(attrs={"class": "form-control"}),
            "closes_on": DateInput(attrs={"class": "form-control"}),
            "sites": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, trajectory: Trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        self.fields["name"].widget.attrs["class"] = "form-control"
        sites = Site.objects.filter(school__trajectory=trajectory).select_related("school")
        self.fields["sites"].queryset = sites.order_by("school__name", "school_id", "site_number")
        self._sites = list(self.fields["sites"].queryset)
        self.fields["sites"].label_from_instance = _site_label

    def _post_clean(self):
        self.instance.trajectory = self.trajectory
        super()._post_clean()

    def site_groups(self):
        """The site checkboxes per school, for a fieldset each: [(school, [checkbox, …])]."""
        boxes = {str(box.data["value"]): box for box in self["sites"]}
        return [
            (school, [boxes[str(site.pk)] for site in school_sites])
            for school, school_sites in groupby(self._sites, key=lambda site: site.school)
        ]

    @property
    def survey_values(self) -> dict:
        """What the survey services take from the form."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _site_label(site: Site) -> str:
    place = ", ".join(part for part in (site.street, site.postal_code) if part)
    return f"{site.name or site.school.name} ({place})" if place else str(site)
