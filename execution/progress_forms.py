from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from execution.models import ExecutionStatus


class ActionProgressForm(forms.Form):
    """How an action is going, and a note on it. The rules (which status may follow which, a
    reason for a drop, no note dated in the future) live in ``execution.progress``."""

    status = forms.ChoiceField(label=_("Status"), choices=ExecutionStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Required when the action is dropped; you may give one when it is on hold."),
    )
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    text = forms.CharField(
        label=_("Add a progress note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened since the last note. Leave empty to add none."),
    )
    day = forms.DateField(
        label=_("Date of the note"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].initial = timezone.localdate()
