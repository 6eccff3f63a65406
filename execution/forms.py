from django import forms
from django.utils.translation import gettext_lazy as _

from execution.models import SchoolFreeDay


class SchoolFreeDayForm(forms.Form):
    # The rules (a school day, one free day per date) live on the model; the service reports them.
    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SchoolFreeDay.Kind.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class FreeDayImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_(
            "One row per free day with the columns instellingsnummer (or school), datum, soort "
            "(pedagogische studiedag or facultatieve vrije dag) and, if you like, opmerking."
        ),
    )
