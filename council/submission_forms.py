"""The confirmation form an official fills in to send a document to the council."""

from django import forms
from django.utils.translation import gettext_lazy as _

from council.models import Submission
from municipalities.forms import DateInput


class SubmissionForm(forms.ModelForm):
    class Meta:
        model = Submission
        fields = ["meeting_on"]
        widgets = {"meeting_on": DateInput()}
        help_texts = {
            "meeting_on": _("Optional: the meeting at which the council will discuss it."),
        }
