"""Writes to the execution records. simple_history records each saved and deleted row with
the person who made the change."""

import datetime

from django.db import transaction

from execution.models import SchoolFreeDay
from execution.sessions import sessions_generate_on_commit
from municipalities.models import School
from plus_portal.models import User


@transaction.atomic
def school_free_day_add(
    *, school: School, day: datetime.date, kind: str, note: str = "", by: User
) -> SchoolFreeDay:
    """Record one of the school's own free days; ValidationError when the date is taken or
    is no school day of the Flemish calendar anyway."""
    free_day = SchoolFreeDay(school=school, day=day, kind=kind, note=note, created_by=by)
    free_day.full_clean(exclude=["created_by"])
    free_day._history_user = by
    free_day.save()
    sessions_generate_on_commit(school.trajectory_id, by=by)
    return free_day


@transaction.atomic
def school_free_day_remove(*, free_day: SchoolFreeDay, by: User) -> None:
    free_day._history_user = by
    trajectory_id = free_day.school.trajectory_id
    free_day.delete()
    sessions_generate_on_commit(trajectory_id, by=by)
