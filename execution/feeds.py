"""Calendar feeds: a secret address per site, per worker or for the whole municipality, read
by calendar apps without an account (the token is the secret; revoking it ends the feed).

Event texts say what, where and when, and name the staff by first name only: whoever holds
the address reads them, so nothing else of a person goes into a feed (DESIGN §3).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from execution.models import CalendarFeed, Session
from execution.sessions import calendar_sessions
from municipalities.models import Site, Trajectory
from plus_portal.models import User
from staffing.models import Worker

# What a feed holds around today: calendar apps poll often, and old weeks change nothing.
FEED_PAST = datetime.timedelta(weeks=8)
FEED_AHEAD = datetime.timedelta(days=400)


@transaction.atomic
def feed_create(
    *, trajectory: Trajectory, site: Site | None = None, worker: Worker | None = None, by: User
) -> CalendarFeed:
    """A new secret address for the sessions of a site, of a worker, or of all sites."""
    feed = CalendarFeed(trajectory=trajectory, site=site, worker=worker, created_by=by)
    feed.full_clean(exclude=["created_by"])
    feed._history_user = by
    feed.save()
    return feed


@transaction.atomic
def feed_revoke(*, feed: CalendarFeed, by: User) -> CalendarFeed:
    """End a feed: its address answers 404 from now on (a new feed has a new address)."""
    if feed.is_revoked:
        raise ValidationError(_("This feed was already revoked."))
    feed.revoked_at = timezone.now()
    feed._history_user = by
    feed.save(update_fields=["revoked_at"])
    return feed


def _summary(session: Session) -> str:
    summary = f"{session.action.code} {session.action.title}"
    if session.is_cancelled:
        return _("Cancelled: %(summary)s") % {"summary": summary}
    return summary


def _description(session: Session) -> str:
    lines = [str(session.get_slot_display())]
    if session.is_moved:
        lines.append(_("Moved from %(day)s.") % {"day": f"{session.planned_on:%d/%m/%Y}"})
    if session.change_reason:
        lines.append(session.change_reason)
    first_names = sorted({presence.worker.first_name for presence in session.staff.all()})
    if first_names:
        lines.append(_("Staff: %(names)s") % {"names": ", ".join(first_names)})
    return "\n".join(lines)


def _event(session: Session, zone: zoneinfo.ZoneInfo, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", f"plus-session-{session.pk}@plus-portal")
    event.add("dtstamp", stamp)
    if session.starts_at and session.ends_at:
        event.add("dtstart", datetime.datetime.combine(session.day, session.starts_at, zone))
        event.add("dtend", datetime.datetime.combine(session.day, session.ends_at, zone))
    else:
        event.add("dtstart", session.day)
        event.add("dtend", session.day + datetime.timedelta(days=1))
    event.add("summary", _summary(session))
    event.add("location", session.place)
    event.add("description", _description(session))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def feed_calendar(feed: CalendarFeed, *, today: datetime.date) -> bytes:
    """The feed's sessions around ``today`` as an iCalendar file, in the portal's language."""
    sessions = calendar_sessions(
        feed.trajectory,
        today - FEED_PAST,
        today + FEED_AHEAD,
        site=feed.site,
        worker=feed.worker,
    )
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        calendar = Calendar()
        calendar.add("prodid", "-//IN-Z//PLUS portal//NL")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", f"PLUS {feed.trajectory.municipality} · {feed.subject}")
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        for session in sessions:
            calendar.add_component(_event(session, zone, stamp))
        # RFC 5545 wants the VTIMEZONE of every TZID an event names; Outlook refuses without.
        calendar.add_missing_timezones()
        return calendar.to_ical()
