"""Presenting plan snapshots: codes and ISO dates in, labels and Belgian dates out."""

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import ngettext

from actionplans.models import Action, BudgetLine, FundingSource, Plan
from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from swot.models import Quadrant, Strategy

register = template.Library()

CHOICES = {
    "slot": Slot,
    "holiday_period": HolidayPeriod,
    "age_group": AgeGroup,
    "action_status": Action.Status,
    "plan_status": Plan.Status,
    "category": BudgetLine.Category,
    "funding_kind": FundingSource.Kind,
    "quadrant": Quadrant,
    "strategy_kind": Strategy.Kind,
}


@register.filter
def choice_label(code: str, vocabulary: str) -> str:
    labels = dict(CHOICES[vocabulary].choices)
    return str(labels.get(code, code))


@register.filter
def choice_labels(codes: list[str], vocabulary: str) -> str:
    return ", ".join(choice_label(code, vocabulary) for code in codes or [])


@register.filter
def iso_date(value: str | None) -> str:
    if not value:
        return ""
    return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")


@register.filter
def slot_text(slot) -> str:
    """A time slot of a plan as a person says it: "Zomervakantie 09:00–16:00 (30 kinderen)"."""
    if slot.holiday_period:
        text = choice_label(slot.holiday_period, "holiday_period")
    else:
        text = choice_label(slot.slot, "slot")
    if slot.starts_at and slot.ends_at:
        text = f"{text} {slot.starts_at}–{slot.ends_at}"
    if slot.expected_children:
        count = slot.expected_children
        children = ngettext("%(count)d child", "%(count)d children", count) % {"count": count}
        text = f"{text} ({children})"
    return text


@register.filter
def by_id(rows: dict | None, key: int):
    """The row of a dict keyed by id (the execution beside each action), or None."""
    return (rows or {}).get(key)
