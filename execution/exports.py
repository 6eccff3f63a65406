"""Attendance and enrolments of a period as spreadsheets (XLSX and CSV), for reporting reach.

One row per session (cancelled ones too, with their status; attendance columns stay empty
where none was recorded) and one row per enrolment count. Counts only: no child and no worker
is named. Headers and labels are in the active language; the "(code)" columns keep the stored
codes for tools that match values.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from execution.models import Session
from execution.records import enrolments_in_period, sessions_in_period
from municipalities.choices import AgeGroup
from municipalities.models import Trajectory
from plus_portal import spreadsheets
from plus_portal.spreadsheets import Sheet


def attendance_headers() -> list[str]:
    return [
        _("Date"),
        _("Municipality"),
        _("Action code"),
        _("Action"),
        pgettext("session place", "Place"),
        _("Slot"),
        _("Slot (code)"),
        _("From"),
        _("Until"),
        _("Status"),
        _("Children 5–10"),
        _("Of whom vulnerable 5–10"),
        _("Children 11–15"),
        _("Of whom vulnerable 11–15"),
        _("Staff present"),
        _("Partner"),
        _("Activity"),
    ]


def _time(value: datetime.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def attendance_rows(trajectory: Trajectory, first: datetime.date, last: datetime.date) -> list:
    rows = []
    for session in sessions_in_period(trajectory, first, last):
        attendance = getattr(session, "attendance", None)
        counts = (
            [
                attendance.children_5_10,
                attendance.vulnerable_5_10,
                attendance.children_11_15,
                attendance.vulnerable_11_15,
                session.staff_present,
                attendance.partner.name if attendance.partner else "",
                attendance.activity,
            ]
            if attendance is not None
            else [None, None, None, None, session.staff_present or None, "", ""]
        )
        rows.append(
            [
                session.day,
                session.trajectory.municipality.name_nl,
                session.action.code,
                session.action.title,
                session.place,
                session.get_slot_display(),
                session.slot,
                _time(session.starts_at),
                _time(session.ends_at),
                _status(session),
                *counts,
            ]
        )
    return rows


def _status(session: Session) -> str:
    if session.is_cancelled:
        return _("Cancelled")
    if getattr(session, "attendance", None) is None:
        return _("Attendance missing")
    return _("Held")


def enrolment_headers() -> list[str]:
    return [
        _("School year"),
        _("Term"),
        _("Term (code)"),
        _("Municipality"),
        pgettext("session place", "Place"),
        _("Age group"),
        _("Children enrolled"),
        _("Of whom from vulnerable families"),
    ]


def enrolment_rows(trajectory: Trajectory, first: datetime.date, last: datetime.date) -> list:
    age_groups = dict(AgeGroup.choices)
    return [
        [
            f"{enrolment.school_year}–{enrolment.school_year + 1}",
            enrolment.get_term_display(),
            enrolment.term,
            enrolment.trajectory.municipality.name_nl,
            str(enrolment.site) if enrolment.site_id else _("Central site"),
            str(age_groups.get(enrolment.age_group, enrolment.age_group)),
            enrolment.children,
            enrolment.vulnerable,
        ]
        for enrolment in enrolments_in_period(trajectory, first, last)
    ]


EXPORTS = {
    "attendance": (attendance_headers, attendance_rows),
    "enrolments": (enrolment_headers, enrolment_rows),
}


def export_file(
    kind: str, fmt: str, *, trajectory: Trajectory, first: datetime.date, last: datetime.date
) -> bytes:
    """The ``kind`` export ("attendance" or "enrolments") as ``fmt`` ("xlsx" or "csv")."""
    headers_of, rows_of = EXPORTS[kind]
    headers, rows = headers_of(), rows_of(trajectory, first, last)
    if fmt == "csv":
        return spreadsheets.csv_bytes(headers, rows)
    title = _("Attendance") if kind == "attendance" else _("Enrolments")
    return spreadsheets.xlsx([Sheet(title=title, headers=headers, rows=rows, filter=True)])
