"""Presenting plan snapshots: codes and ISO dates in, labels and Belgian dates out."""

import datetime

from django import template
from django.utils.formats import date_format

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
def slot_text(slot: dict) -> str:
    """One time slot of a snapshot as a person says it: "Na school 15:30–18:00 (20)"."""
    label = (
        choice_label(slot["holiday_period"], "holiday_period")
        if slot.get("holiday_period")
        else choice_label(slot["slot"], "slot")
    )
    if slot.get("starts_at") and slot.get("ends_at"):
        label = f"{label} {slot['starts_at']}–{slot['ends_at']}"
    if slot.get("expected_children"):
        label = f"{label} ({slot['expected_children']})"
    return label
