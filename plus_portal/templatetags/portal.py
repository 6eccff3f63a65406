from decimal import Decimal

from django import template
from django.db import models
from django.utils.formats import date_format, number_format, time_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def euro(amount) -> str:
    """Money the Belgian way: € 1.234,50."""
    if amount in (None, ""):
        return ""
    return "€ " + number_format(Decimal(amount), decimal_pos=2, force_grouping=True)


@register.filter
def signed_euro(amount) -> str:
    """A difference in money: "+ € 250,00", "− € 99,99", "€ 0,00"."""
    if amount in (None, ""):
        return ""
    amount = Decimal(amount)
    if amount > 0:
        return f"+ {euro(amount)}"
    if amount < 0:
        return f"− {euro(-amount)}"
    return euro(amount)


def display_value(obj: models.Model, name: str) -> str:
    """A field's value as a person reads it: labels for choices, Belgian dates and numbers."""
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if isinstance(field, models.ManyToManyField):
        return ", ".join(str(item) for item in value.all())
    if hasattr(field, "labels"):
        return ", ".join(field.labels(value))
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    if value is None or value == "":
        return "—"
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateField):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(field, models.TimeField):
        return time_format(value, "H:i")
    if isinstance(value, Decimal | float | int):
        return number_format(value, force_grouping=True)
    return str(value)


@register.simple_tag
def record_fields(obj: models.Model, names: list[str]) -> list[tuple[str, str]]:
    return [(obj._meta.get_field(name).verbose_name, display_value(obj, name)) for name in names]


@register.simple_tag
def field_display(obj: models.Model, name: str) -> str:
    return display_value(obj, name)


@register.filter
def split(value: str) -> list[str]:
    return value.split()


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key, "")


@register.filter
def content_label(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


@register.filter
def editable_for(obj: models.Model, user) -> bool:
    return obj.editable_by(user)


@register.filter
def choice_labels(obj: models.Model, name: str) -> list[str]:
    """The labels of a ChoiceListField's values."""
    return obj._meta.get_field(name).labels(getattr(obj, name))


@register.filter
def verbose_name(obj: models.Model) -> str:
    return str(obj._meta.verbose_name).capitalize()
