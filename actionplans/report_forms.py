"""The council decision form on a version's reports: what the college or the council decided."""

from django import forms
from django.db import models

from actionplans.models import CouncilDecision
from municipalities.forms import DateInput


def _formfield(field: models.Field, **kwargs) -> forms.Field:
    # A link typed without a scheme is read as https, as Django 6 will.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class CouncilDecisionForm(forms.ModelForm):
    class Meta:
        model = CouncilDecision
        fields = ["body", "decided_on", "outcome", "reference", "url"]
        widgets = {"decided_on": DateInput()}
        formfield_callback = _formfield
