"""Forms of the reach records: the enrolment grid and a week of bridge contacts.

They parse and check input only; the rules (vulnerable ≤ children, a week starts on a Monday,
one count per kind and week) are the models' and services', reported through ``full_clean``.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from execution.calendar import FIRST_YEAR, LAST_YEAR
from execution.models import BridgeContact, Enrolment, Term
from execution.records import EnrolmentCell, recent_weeks
from municipalities.choices import AgeGroup

MAX_COUNT = 99_999


def _count_field(label: str, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_COUNT,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control"}),
    )


@dataclass
class GridCell:
    cell: EnrolmentCell
    children: forms.BoundField
    vulnerable: forms.BoundField
    errors: list[str]


@dataclass
class GridRow:
    place: str
    age_group: str
    cells: list[GridCell]


class EnrolmentGridForm(forms.Form):
    """Every place × age group × term of a school year, as one form saved at once."""

    def __init__(self, *args, cells: list[EnrolmentCell], existing: dict[str, Enrolment], **kw):
        self.read_only = kw.pop("read_only", False)
        super().__init__(*args, **kw)
        self.cells = cells
        self.cell_errors: dict[str, list[str]] = {}
        for cell in cells:
            enrolment = existing.get(cell.key)
            where = _("%(place)s, %(age_group)s, %(term)s") % {
                "place": _place_label(cell),
                "age_group": AgeGroup(cell.age_group).label,
                "term": Term(cell.term).label,
            }
            children = _count_field(_("Children enrolled: %(cell)s") % {"cell": where})
            vulnerable = _count_field(
                _("Of whom from vulnerable families: %(cell)s") % {"cell": where}
            )
            if enrolment is not None:
                children.initial, vulnerable.initial = enrolment.children, enrolment.vulnerable
            children.disabled = vulnerable.disabled = self.read_only
            self.fields[f"{cell.key}-children"] = children
            self.fields[f"{cell.key}-vulnerable"] = vulnerable

    def counts(self) -> dict[EnrolmentCell, tuple[int | None, int | None]]:
        return {
            cell: (
                self.cleaned_data.get(f"{cell.key}-children"),
                self.cleaned_data.get(f"{cell.key}-vulnerable"),
            )
            for cell in self.cells
        }

    def add_cell_errors(self, error: ValidationError) -> None:
        """The service's errors, keyed by cell, shown next to the cells they concern."""
        self.cell_errors = {key: list(messages) for key, messages in error.message_dict.items()}
        self.add_error(None, _("Nothing was saved: correct the marked cells and save again."))

    def rows(self) -> list[GridRow]:
        rows: dict[tuple[str, str], GridRow] = {}
        age_groups = dict(AgeGroup.choices)
        for cell in self.cells:
            key = (_place_key(cell), cell.age_group)
            row = rows.setdefault(
                key, GridRow(_place_label(cell), str(age_groups[cell.age_group]), [])
            )
            children, vulnerable = self[f"{cell.key}-children"], self[f"{cell.key}-vulnerable"]
            errors = [*self.cell_errors.get(cell.key, []), *children.errors, *vulnerable.errors]
            row.cells.append(GridCell(cell, children, vulnerable, errors))
        return list(rows.values())


def _place_key(cell: EnrolmentCell) -> str:
    return str(cell.site.pk) if cell.site else ""


def _place_label(cell: EnrolmentCell) -> str:
    return str(cell.site) if cell.site is not None else str(_("Central site"))


def _week_label(monday: datetime.date) -> str:
    sunday = monday + datetime.timedelta(days=6)
    return _("%(first)s – %(last)s") % {
        "first": date_format(monday, "j b"),
        "last": date_format(sunday, "j b Y"),
    }


class ContactWeekForm(forms.Form):
    """A week of bridge contacts: contacts and referrals per kind (counts, no names)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in BridgeContact.Kind.choices:
            self.fields[f"{kind}-contacts"] = _count_field(
                _("Contacts with families: %(kind)s") % {"kind": label}
            )
            self.fields[f"{kind}-referrals"] = _count_field(
                _("Referrals: %(kind)s") % {"kind": label}
            )

    def counts(self) -> dict[str, tuple[int, int]]:
        return {
            kind: (
                self.cleaned_data.get(f"{kind}-contacts") or 0,
                self.cleaned_data.get(f"{kind}-referrals") or 0,
            )
            for kind in BridgeContact.Kind.values
        }

    def kind_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (label, self[f"{kind}-contacts"], self[f"{kind}-referrals"])
            for kind, label in BridgeContact.Kind.choices
        ]

    def set_counts(self, existing: dict[str, BridgeContact]) -> None:
        for kind, contact in existing.items():
            if f"{kind}-contacts" in self.fields:
                self.initial[f"{kind}-contacts"] = contact.contacts
                self.initial[f"{kind}-referrals"] = contact.referrals


class CoordinatorContactForm(ContactWeekForm):
    """A coordinator records the week of any worker placed in the trajectory."""

    field_order = ["worker", "week"]

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"] = forms.ModelChoiceField(
            label=_("Worker"), queryset=workers, widget=forms.Select(attrs={"class": "form-select"})
        )
        self.fields["week"] = forms.DateField(
            label=_("Week"),
            help_text=_("The Monday of the week."),
            widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        )
        self.order_fields(self.field_order)


class OwnContactForm(ContactWeekForm):
    """A bridge figure records their own week: one of the last weeks, in a few taps."""

    def __init__(self, *args, trajectories, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["week"] = forms.TypedChoiceField(
            label=_("Week"),
            choices=[(week.isoformat(), _week_label(week)) for week in recent_weeks(today)],
            coerce=datetime.date.fromisoformat,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        order = ["week"]
        if len(trajectories) > 1:
            self.fields["trajectory"] = forms.ModelChoiceField(
                label=_("Municipality"),
                queryset=trajectories,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            order.insert(0, "trajectory")
        self.order_fields(order)


class PeriodForm(forms.Form):
    """The period of an export: ``from`` and ``to`` dates, at most two years apart."""

    MAX_DAYS = 2 * 366

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (("from", _("From")), ("to", _("To"))):
            self.fields[name] = forms.DateField(
                label=label,
                widget=forms.DateInput(
                    attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
                ),
            )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last:
            if not (first.year >= FIRST_YEAR and last.year <= LAST_YEAR + 1):
                raise ValidationError(_("Choose dates within the school calendar."))
            if last < first:
                raise ValidationError(_("The period ends before it starts."))
            if (last - first).days > self.MAX_DAYS:
                raise ValidationError(_("Choose a period of at most two years."))
        return cleaned

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return self.cleaned_data["from"], self.cleaned_data["to"]
