"""Forms of the financial execution: the spending grid (actions × years) and the receipts of
one funding source. They parse input only; the rules are the models' and finance's."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.finance import FinanceOverview, ReceiptEntry


def cell_name(action_id: int, year: int) -> str:
    return f"spent-{action_id}-{year}"


class SpendingGridForm(forms.Form):
    """One amount per action of the plan in force and year of the cycle; empty = none."""

    def __init__(self, *args, overview: FinanceOverview, **kwargs):
        super().__init__(*args, **kwargs)
        self.overview = overview
        for row in overview.actions:
            for cell in row.cells:
                name = cell_name(row.action.id, cell.year)
                self.fields[name] = forms.DecimalField(
                    label=_("%(action)s, spent in %(year)s")
                    % {"action": row.action.code, "year": cell.year},
                    required=False,
                    min_value=Decimal(0),
                    max_digits=12,
                    decimal_places=2,
                    localize=True,
                    initial=cell.spent,
                )

    def grid(self):
        """Rows of (action row, [(cell, bound field)]), for the template."""
        return [
            (row, [(cell, self[cell_name(row.action.id, cell.year)]) for cell in row.cells])
            for row in self.overview.actions
        ]

    def amounts(self) -> dict[tuple[int, int], Decimal | None]:
        return {
            (row.action.id, cell.year): self.cleaned_data[cell_name(row.action.id, cell.year)]
            for row in self.overview.actions
            for cell in row.cells
        }


class ReceiptForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    received_on = forms.DateField(
        label=_("Received on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.DecimalField(
        label=_("Amount received"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        localize=True,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)
    delete = forms.BooleanField(label=_("Remove"), required=False)

    def clean(self):
        data = super().clean()
        filled = data.get("received_on") is not None or data.get("amount") is not None
        if filled and not data.get("delete"):
            if data.get("received_on") is None:
                self.add_error("received_on", _("Say when it was received."))
            if data.get("amount") is None:
                self.add_error("amount", _("Give the amount received."))
        return data

    def entry(self) -> ReceiptEntry:
        data = self.cleaned_data
        return ReceiptEntry(
            received_on=data.get("received_on"),
            amount=data.get("amount"),
            note=data.get("note") or "",
            pk=data.get("pk"),
            delete=bool(data.get("delete")),
        )


ReceiptFormSet = forms.formset_factory(ReceiptForm, extra=2, max_num=200, absolute_max=200)
