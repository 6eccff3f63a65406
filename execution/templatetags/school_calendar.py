from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def long_date(day) -> str:
    """'maandag 27 oktober 2025': Dutch writes weekdays in lower case, though the portal's
    catalogue capitalises them for use as labels."""
    text = date_format(day, "l j F Y")
    if (get_language() or "").startswith("nl"):
        return text[:1].lower() + text[1:]
    return text
