"""Helpers for the session calendars."""

from django import template

register = template.Library()


@register.filter
def sessions_on(by_day: dict, day):
    """The sessions of one day from a calendar's sessions by day."""
    return by_day.get(day, [])
