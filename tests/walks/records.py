"""Routes and data of this part of execution, for the persona × URL matrix and the bad-input walk.

``extend(world, objects)`` adds this part's records to the walk's world (``objects`` are the
model instances ``build_world`` made) and returns the ids to put in it; ``FILL`` maps each of
this part's route names to the URL kwargs to walk it with.
"""

import datetime


def extend(world: dict, objects: dict) -> dict:
    """An enrolment count, a week of bridge contacts, and a session long past without
    attendance, so every page of this part shows something of municipality A."""
    from execution.models import BridgeContact
    from tests.execution.factories import BridgeContactFactory, EnrolmentFactory, SessionFactory

    trajectory = objects["trajectory"]
    enrolment = EnrolmentFactory(trajectory=trajectory, site=objects["intake"]["site"])
    contact = BridgeContactFactory(
        trajectory=trajectory, worker=objects["worker"], kind=BridgeContact.Kind.WELFARE
    )
    session = SessionFactory(
        action=objects["plan"]["action"],
        site=objects["intake"]["site"],
        slot="lunchtime",
        day=datetime.date(2026, 11, 17),
    )
    return {
        "enrolment": enrolment.pk,
        "bridge_contact": contact.pk,
        "session_missing_attendance": session.pk,
    }


def _in_trajectory(world, **extra):
    return [{"trajectory_pk": world["trajectory"], **extra}]


def _formats(world):
    return [{"trajectory_pk": world["trajectory"], "fmt": fmt} for fmt in ("xlsx", "csv")]


FILL: dict = {
    "records:enrolments_current": _in_trajectory,
    "records:enrolments": lambda w: _in_trajectory(w, year=2026),
    "records:contacts": _in_trajectory,
    "records:export": _in_trajectory,
    "records:attendance_export": _formats,
    "records:enrolment_export": _formats,
    "followup:missing_attendance": lambda w: [{}],
    "followup:my_contacts": lambda w: [{}],
}
