"""The attendance form: a few numbers, a partner, a line, and who of the staff was there.

Built for a phone: plain number inputs (the steppers in ``stepper.js`` only add − and +
buttons around them), and a hidden ``submission_key`` made when the form is rendered, so a
form sent twice is stored once.
"""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from execution.attendance import COUNT_FIELDS, replacement_candidates
from execution.models import Session, StaffPresence
from municipalities.models import LeisureActor
from staffing.models import Worker

STAFF_PREFIX = "present-"


class StepperInput(forms.NumberInput):
    """A number input the stepper script puts − and + buttons around."""

    def __init__(self):
        super().__init__(
            attrs={
                "min": 0,
                "max": 999,
                "inputmode": "numeric",
                "class": "form-control form-control-lg text-center",
                "data-stepper": "",
            }
        )


def _count(label):
    # Not required: an age group the action is not for is sent as nothing, and counts 0.
    return forms.IntegerField(
        label=label, min_value=0, max_value=999, initial=0, required=False, widget=StepperInput()
    )


class AttendanceForm(forms.Form):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    children_5_10 = _count(_("Children 5–10"))
    vulnerable_5_10 = _count(_("Of whom from vulnerable families (5–10)"))
    children_11_15 = _count(_("Children 11–15"))
    vulnerable_11_15 = _count(_("Of whom from vulnerable families (11–15)"))
    partner = forms.ModelChoiceField(
        label=_("Partner who led the activity"),
        queryset=LeisureActor.objects.none(),
        required=False,
        empty_label=_("No partner"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    activity = forms.CharField(
        label=_("Activity"),
        max_length=200,
        required=False,
        help_text=_("One line: what did the children do?"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    replacement = forms.ModelChoiceField(
        label=_("Add a replacement"),
        queryset=Worker.objects.none(),
        required=False,
        empty_label=_("No replacement"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    replaces = forms.ModelChoiceField(
        label=_("Replaces"),
        queryset=Worker.objects.none(),
        required=False,
        empty_label=_("Nobody (extra staff)"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, session: Session, staff: list[StaffPresence], coordinator, **kwargs):
        attendance = getattr(session, "attendance", None)
        initial = {"submission_key": uuid.uuid4()}
        if attendance is not None:
            initial |= {name: getattr(attendance, name) for name in COUNT_FIELDS}
            initial |= {"partner": attendance.partner_id, "activity": attendance.activity}
        super().__init__(*args, initial=initial, **kwargs)
        self.session, self.staff = session, staff
        self.fields["partner"].queryset = LeisureActor.objects.filter(
            trajectory_id=session.trajectory_id
        ).order_by("name", "pk")
        if coordinator:
            self.fields["replacement"].queryset = replacement_candidates(session)
            self.fields["replaces"].queryset = Worker.objects.filter(
                presences__session=session
            ).order_by("last_name", "first_name", "pk")
        else:
            del self.fields["replacement"], self.fields["replaces"]

    def staff_rows(self):
        """(presence, field name, checked) for the staff toggles."""
        for presence in self.staff:
            name = f"{STAFF_PREFIX}{presence.pk}"
            checked = name in self.data if self.is_bound else presence.counts
            yield presence, name, checked

    def present_staff(self) -> set[int]:
        return {presence.pk for presence, _name, checked in self.staff_rows() if checked}

    @property
    def counts(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] or 0 for name in COUNT_FIELDS}
