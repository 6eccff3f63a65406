from django import forms
from django.utils.translation import gettext_lazy as _


class ApplyProposalForm(forms.Form):
    """Which proposed rows to write into the intake; a key that names no row is refused."""

    rows = forms.MultipleChoiceField(
        label=_("Needs to save"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one need to save.")},
    )
    remove_stale = forms.BooleanField(
        label=_("Remove the needs this survey made that it no longer proposes"),
        required=False,
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rows"].choices = [(row.key, row.key) for row in proposal]
        if not self.is_bound:
            self.initial["rows"] = [row.key for row in proposal]
