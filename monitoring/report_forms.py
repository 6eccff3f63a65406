"""Forms of the progress reports page: which period to report on, and a story told."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from execution.calendar import school_year_of
from monitoring.models import Story
from monitoring.reports import PERIOD_KINDS, period_of
from municipalities.forms import DateInput


class ProgressReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=list(PERIOD_KINDS.items()))
    year = forms.TypedChoiceField(
        label=_("Starting in"),
        coerce=int,
        help_text=_("A school year starts on 1 September of this year."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        # A school year starting the year before the cycle still reaches into it.
        years = range(trajectory.cycle_start_year - 1, trajectory.cycle_end_year + 1)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        # The school year under way: the report people ask for most.
        current = school_year_of(timezone.localdate())
        self.fields["year"].initial = min(max(current, years.start), years.stop - 1)

    @property
    def period(self):
        return period_of(self.cleaned_data["kind"], self.cleaned_data["year"])


class StoryForm(forms.ModelForm):
    class Meta:
        model = Story
        fields = ["text", "told_by", "consent_on"]
        widgets = {"consent_on": DateInput(), "text": forms.Textarea(attrs={"rows": 4})}
