"""A column an import accepts, and the cell check every column shares.

A column names the model field that stores its value. The field's own validators (length,
choices, range, pattern, e-mail) check every cell after the column's parser has read it, so
a rule the model holds is never written again here; and a column is required when its field
must have a value the import cannot default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from municipalities.models import Area
from municipalities.spreadsheets.cells import CellError, collapse
from plus_portal.spreadsheets import belgian_number

_MISSING_CODES = {"blank", "null", "required"}
_RANGE_CODES = {"min_value", "max_value"}


def plain(value: Any) -> Any:
    return "" if value is None else value


@dataclass(frozen=True)
class Column:
    """One column a kind of import accepts, as the import page and the template explain it."""

    key: str
    header: str
    # The model field that holds the value; its validators check every cell.
    model_field: models.Field | None = None
    # None: required when the field must have a value and has no default.
    required: bool | None = None
    help: str | Promise = ""
    aliases: tuple[str, ...] = ()
    parse: Callable[[str], Any] = field(default=collapse, repr=False)
    # The value as an export writes it: text in the canonical form, or a number.
    export: Callable[[Any], Any] = field(default=plain, repr=False)
    example: Any = ""
    # Read this column from another key when the file was read without knowing its kind and
    # its header means something else in another kind ("Adres").
    fallback_key: str = ""
    # What the row says when the field refuses a value (%(value)s is the cell's text), and
    # when it is outside the field's range (%(min)s and %(max)s from its validators).
    invalid: str | Promise = ""
    out_of_range: str | Promise = ""

    def __post_init__(self):
        if self.required is None:
            required = (
                self.model_field is not None
                and not self.model_field.blank
                and not self.model_field.has_default()
            )
            object.__setattr__(self, "required", required)

    def clean(self, text: str) -> Any:
        """The value of a cell's text, checked by the model field; CellError if it is none."""
        if not text and self.required:
            raise CellError(gettext("A value is required."))
        value = self.parse(text)
        if self.model_field is None or (
            not self.required and value in self.model_field.empty_values
        ):
            return value
        try:
            return self.model_field.clean(value, None)
        except ValidationError as error:
            raise CellError(self._message(error, text)) from None

    def _message(self, error: ValidationError, text: str) -> str:
        codes = {each.code for each in error.error_list}
        if codes & _MISSING_CODES:
            return gettext("A value is required.")
        if self.out_of_range and codes & _RANGE_CODES:
            low, high = _range(self.model_field)
            return str(self.out_of_range) % {
                "value": text,
                "min": belgian_number(low),
                "max": belgian_number(high),
            }
        if self.invalid:
            return str(self.invalid) % {"value": text}
        if "max_length" in codes:
            return gettext("Longer than %(max)d characters.") % {"max": self.model_field.max_length}
        return " ".join(error.messages)

    def display(self, value: Any) -> str:
        exported = self.export(value)
        if isinstance(exported, Decimal):
            return belgian_number(exported)
        return "" if exported is None else str(exported)


def _range(model_field: models.Field) -> tuple[Decimal, Decimal]:
    lows = [v.limit_value for v in model_field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in model_field.validators if isinstance(v, MaxValueValidator)]
    return max(lows), min(highs)


SLOT_HELP = _(
    "One or more of: voor school, na school, woensdag, middag, flexibel, schoolvrije dagen, "
    "vakantie; separated by commas."
)
COUNT_HELP = _("A whole number of 0 or more; empty means 0.")
NAME_HELP = _("The name; it identifies the row, so importing again updates it.")


def area_column(example: str) -> Column:
    """The part of the municipality a record lies in; every kind has it."""
    return Column(
        "area",
        "Deelgemeente",
        model_field=Area._meta.get_field("name"),
        # A record without an area lies in the municipality as a whole.
        required=False,
        help=_(
            "The part of the municipality (deelgemeente or wijk). A name the trajectory does "
            "not have yet is added as a new area."
        ),
        aliases=("wijk", "deelgemeente of wijk", "deelgemeente/wijk", "gebied"),
        example=example,
    )
