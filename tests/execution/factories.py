"""Factories for Phase 2's records: sessions, attendance, staff on a session, enrolments."""

import datetime

import factory
from factory.django import DjangoModelFactory

from execution.models import (
    Attendance,
    BridgeContact,
    Enrolment,
    Session,
    StaffPresence,
    place_key,
)
from municipalities.choices import Slot


class SessionFactory(DjangoModelFactory):
    """A session of an action at its first site (pass ``site=None`` for the central site)."""

    class Meta:
        model = Session

    action = factory.SubFactory("tests.actionplans.factories.ActionFactory")
    trajectory = factory.LazyAttribute(lambda session: session.action.trajectory)
    site = factory.LazyAttribute(lambda session: session.action.sites.first())
    place_key = factory.LazyAttribute(
        lambda session: place_key(session.site.pk if session.site else None)
    )
    slot = Slot.AFTER_SCHOOL
    day = datetime.date(2026, 10, 5)
    planned_on = factory.SelfAttribute("day")
    starts_at = datetime.time(15, 30)
    ends_at = datetime.time(18, 0)
    expected_children = 14


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    children_5_10 = 12
    vulnerable_5_10 = 3


class StaffPresenceFactory(DjangoModelFactory):
    class Meta:
        model = StaffPresence

    session = factory.SubFactory(SessionFactory)
    worker = factory.SubFactory("tests.staffing.factories.WorkerFactory")


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    trajectory = factory.SubFactory("tests.factories.TrajectoryFactory")
    age_group = "5-10"
    school_year = 2026
    term = "autumn"
    children = 20
    vulnerable = 5


class BridgeContactFactory(DjangoModelFactory):
    class Meta:
        model = BridgeContact

    trajectory = factory.SubFactory("tests.factories.TrajectoryFactory")
    worker = factory.SubFactory("tests.staffing.factories.WorkerFactory")
    week = datetime.date(2026, 10, 5)
    kind = BridgeContact.Kind.SCHOOL
    contacts = 4
    referrals = 1
