"""Routes and data of this part of execution, for the persona × URL matrix and the bad-input walk.

``extend(world, objects)`` adds this part's records to the walk's world (``objects`` are the
model instances ``build_world`` made) and returns the ids to put in it; ``FILL`` maps each of
this part's route names to the URL kwargs to walk it with.

The world's plan is only submitted, so its sessions are made here directly: one at the
world's site with the placed worker on it, and calendar feeds, one live and one revoked.
"""

import datetime

from django.utils import timezone


def extend(world: dict, objects: dict) -> dict:
    from execution.models import CalendarFeed
    from tests.execution.factories import SessionFactory, StaffPresenceFactory

    action = objects["plan"]["action"]
    # Ahead of today, so no list of sessions still waiting for attendance shows it.
    session = SessionFactory(action=action, day=timezone.localdate() + datetime.timedelta(days=14))
    StaffPresenceFactory(session=session, worker=objects["worker"])
    trajectory = objects["trajectory"]
    live = CalendarFeed.objects.create(
        trajectory=trajectory, site=objects["intake"]["site"], created_by=objects["coordinator"]
    )
    revoked = CalendarFeed.objects.create(
        trajectory=trajectory,
        worker=objects["worker"],
        created_by=objects["coordinator"],
        revoked_at=timezone.now(),
    )
    return {"session": session.pk, "feed": live.pk, "revoked_feed_token": revoked.token}


def _in_trajectory(world, **extra):
    return [{"trajectory_pk": world["trajectory"], **extra}]


FILL: dict = {
    "sessions:week": _in_trajectory,
    "sessions:month": _in_trajectory,
    "sessions:worker_week": lambda w: _in_trajectory(w, pk=w["worker"]),
    "sessions:worker_month": lambda w: _in_trajectory(w, pk=w["worker"]),
    "sessions:regenerate": _in_trajectory,
    "sessions:feeds": _in_trajectory,
    "sessions:feed_revoke": lambda w: _in_trajectory(w, pk=w["feed"]),
    "sessions:detail": lambda w: _in_trajectory(w, pk=w["session"]),
    "sessions:cancel": lambda w: _in_trajectory(w, pk=w["session"]),
    "sessions:move": lambda w: _in_trajectory(w, pk=w["session"]),
    "feeds:feed": lambda w: [{"token": w["revoked_feed_token"]}],
}
