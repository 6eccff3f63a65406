from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from municipalities.forms import DateInput
from municipalities.models import (
    CareProvider,
    ChildrenCount,
    LeisureActor,
    Need,
    School,
    Site,
)
from plus_portal.locking import VersionLockedForm
from swot.models import EXTERNAL, INTERNAL, Strategy, SwotAnalysis, SwotItem


class EvidenceChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class SwotItemForm(VersionLockedForm):
    # A link typed without a scheme is taken as https (Django 6's default).
    source_url = forms.URLField(label=_("Source link"), required=False, assume_scheme="https")

    class Meta:
        model = SwotItem
        fields = [
            "quadrant",
            "theme",
            "statement",
            "explanation",
            "age_groups",
            *SwotItem.EVIDENCE_FIELDS,
            "evidence_figures",
            "source_name",
            "source_url",
            "source_date",
        ]
        widgets = {
            "source_date": DateInput(),
            "explanation": forms.Textarea(attrs={"rows": 3}),
            "evidence_figures": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, analysis: SwotAnalysis, **kwargs):
        super().__init__(*args, **kwargs)
        self.analysis = analysis
        trajectory = analysis.trajectory
        querysets = {
            "evidence_schools": School.objects.filter(trajectory=trajectory),
            "evidence_sites": Site.objects.filter(school__trajectory=trajectory).select_related(
                "school"
            ),
            "evidence_care_providers": CareProvider.objects.filter(trajectory=trajectory),
            "evidence_leisure_actors": LeisureActor.objects.filter(trajectory=trajectory),
            "evidence_needs": Need.objects.filter(trajectory=trajectory),
            "evidence_children_counts": ChildrenCount.objects.filter(
                trajectory=trajectory
            ).select_related("area"),
        }
        for name, queryset in querysets.items():
            field = self.fields[name]
            self.fields[name] = EvidenceChoiceField(
                queryset=queryset, required=False, label=field.label
            )

    def _post_clean(self):
        self.instance.analysis = self.analysis
        super()._post_clean()


class QuickItemForm(VersionLockedForm):
    """The few fields to add an item straight into a quadrant of the matrix."""

    class Meta:
        model = SwotItem
        fields = ["quadrant", "theme", "statement", "age_groups"]
        widgets = {"quadrant": forms.HiddenInput()}


class ParkForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this item parked?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: outside the municipality's reach, or answered elsewhere."),
    )


class StrategyForm(VersionLockedForm):
    internal_items = forms.ModelMultipleChoiceField(
        queryset=SwotItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Internal items (strengths, weaknesses)"),
        required=False,
    )
    external_items = forms.ModelMultipleChoiceField(
        queryset=SwotItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("External items (opportunities, threats)"),
        required=False,
    )

    class Meta:
        model = Strategy
        fields = ["kind", "title", "description", "priority"]

    def __init__(self, *args, analysis: SwotAnalysis, **kwargs):
        super().__init__(*args, **kwargs)
        self.analysis = analysis
        items = analysis.items.order_by("quadrant", "priority")
        self.fields["internal_items"].queryset = items.filter(quadrant__in=INTERNAL)
        self.fields["external_items"].queryset = items.filter(quadrant__in=EXTERNAL)
        self.fields["internal_items"].label_from_instance = _item_label
        self.fields["external_items"].label_from_instance = _item_label
        if self.instance.pk:
            cited = list(self.instance.items.all())
            self.initial["internal_items"] = [i for i in cited if i.quadrant in INTERNAL]
            self.initial["external_items"] = [i for i in cited if i.quadrant in EXTERNAL]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind:
            items = [*cleaned.get("internal_items", []), *cleaned.get("external_items", [])]
            try:
                Strategy.check_items(kind, items)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def _post_clean(self):
        self.instance.analysis = self.analysis
        super()._post_clean()

    def cited_items(self) -> list[SwotItem]:
        return [*self.cleaned_data["internal_items"], *self.cleaned_data["external_items"]]


def _item_label(item: SwotItem) -> str:
    return f"{item.quadrant}{item.priority} · {item.statement}"
