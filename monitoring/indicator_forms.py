from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import Indicator, IndicatorResult


def _localized(field: forms.Field) -> None:
    """Read and show a number the Belgian way (50,5), as the rest of the page prints it."""
    field.localize = True
    field.widget.is_localized = True


class IndicatorForm(forms.ModelForm):
    """An indicator's own fields; a computed one shows neither definition nor unit (they are
    its definition's)."""

    class Meta:
        model = Indicator
        fields = ["name", "definition", "unit", "direction", "baseline", "baseline_note"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, computed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["baseline"].help_text = _("The value before PLUS, usually from the intake.")
        self.fields["baseline_note"].help_text = _("Where the baseline comes from.")
        _localized(self.fields["baseline"])
        if computed:
            del self.fields["definition"]
            del self.fields["unit"]
        else:
            self.fields["definition"].required = True

    def _post_clean(self):
        # The service checks the whole record (``full_clean``) once it knows its objective.
        pass


class TargetsForm(forms.Form):
    """One target field per year of the trajectory's cycle."""

    def __init__(self, *args, years, unit="", **kwargs):
        super().__init__(*args, **kwargs)
        for year in years:
            self.fields[f"year_{year}"] = forms.DecimalField(
                label=str(year),
                required=False,
                max_digits=12,
                decimal_places=2,
                help_text=unit,
                localize=True,
            )
        self.years = list(years)

    def targets(self) -> dict:
        return {year: self.cleaned_data.get(f"year_{year}") for year in self.years}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ResultForm(forms.ModelForm):
    class Meta:
        model = IndicatorResult
        fields = ["period_start", "period_end", "value", "source", "note"]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _localized(self.fields["value"])

    def _post_clean(self):
        # The service checks the whole record (``full_clean``) once it knows its indicator.
        pass
