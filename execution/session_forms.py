from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.forms import DateInput


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SessionCancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is the session cancelled?"), max_length=300)


class SessionMoveForm(forms.Form):
    # That it ends after it starts is the model's rule; the service reports it.
    day = forms.DateField(label=_("New date"), widget=DateInput())
    starts_at = forms.TimeField(label=_("From"), required=False, widget=TimeInput())
    ends_at = forms.TimeField(label=_("Until"), required=False, widget=TimeInput())
    reason = forms.CharField(label=_("Why is the session moved?"), max_length=300)


class CalendarFeedForm(forms.Form):
    """Whose sessions a new feed holds: "all", "site-<id>" or "worker-<id>"."""

    subject = forms.ChoiceField(label=_("Sessions of"))

    def __init__(self, *args, sites, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [
            ("all", _("All sites of the municipality")),
            (_("Sites"), [(f"site-{site.pk}", str(site)) for site in sites]),
            (_("Workers"), [(f"worker-{worker.pk}", str(worker)) for worker in workers]),
        ]
        self.sites = {f"site-{site.pk}": site for site in sites}
        self.workers = {f"worker-{worker.pk}": worker for worker in workers}

    def subject_kwargs(self) -> dict:
        subject = self.cleaned_data["subject"]
        return {"site": self.sites.get(subject), "worker": self.workers.get(subject)}
