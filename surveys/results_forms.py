"""Forms of the survey's results pages: the filter of the results and the reviews."""

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import MINIMUM_CELL


class ResultsFilterForm(forms.Form):
    """One site or area, among those whose count is shown (``results.filter_choices``)."""

    place = forms.CharField(label=_("Show the results of"), required=False, max_length=40)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = dict(choices)

    def clean_place(self):
        place = self.cleaned_data["place"]
        if place and place not in self.allowed:
            raise forms.ValidationError(
                _(
                    "The results of this site or area are not shown: it has fewer than "
                    "%(minimum)s answers, or showing it would tell the number of one that has."
                ),
                params={"minimum": MINIMUM_CELL},
            )
        return place


class TextReviewForm(forms.Form):
    PUBLISH = "publish"
    HIDE = "hide"

    action = forms.ChoiceField(choices=[(PUBLISH, _("Publish")), (HIDE, _("Hide"))])
    shown_text = forms.CharField(
        label=_("Text shown to officials"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Take out names, addresses and anything else that points to a person."),
    )


class BurstReviewForm(forms.Form):
    ACCEPT = "accept"
    DISCARD = "discard"

    action = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (DISCARD, _("Discard"))])
