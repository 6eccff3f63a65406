"""Each computed indicator against values worked out by hand on a small fixture.

Sint-Truiden (trajectory_a) has a rural school site (intake_a), an urban one added here and
the central site; the intake's care provider offers 84 places. Today is Friday 20 November
2026: sessions of today and later are not due yet.

Enrolments (children / of whom vulnerable):
  2025–26 winter, rural, 5–10: 10 / 2      2025–26 spring, rural, 5–10: 12 / 3
  2026–27 autumn, rural, 5–10: 15 / 6, corrected mid-term to 18 / 4
  2026–27 autumn, urban, 5–10:  8 / 1      2026–27 autumn, central, 11–15: 5 / 0
Sessions in October–November 2026 (all 5–10, ratio 1:14):
  5 Oct  12 children, Chiro, 1 present            → held, ratio met
  6 Oct  20 children, no partner, 1 present 1 absent → held, short (needs 2)
  7 Oct  cancelled, but 30 children and the Scouts recorded earlier → not counted
  8 Oct  no attendance                              → due, not held
  20 Nov (today) and 25 Nov, no attendance          → not due
"""

import datetime
from decimal import Decimal

import pytest
import time_machine

from execution.models import BridgeContact, Session, StaffPresence
from monitoring.indicators import DEFINITIONS, compute
from municipalities.models import LeisureActor, Site
from tests.execution.factories import (
    AttendanceFactory,
    BridgeContactFactory,
    EnrolmentFactory,
    SessionFactory,
    StaffPresenceFactory,
)
from tests.staffing.factories import WorkerFactory

D = datetime.date
YEAR_2026 = (D(2026, 1, 1), D(2026, 12, 31))
EMPTY_2024 = (D(2024, 1, 1), D(2024, 12, 31))
AUTUMN_SESSIONS = (D(2026, 10, 1), D(2026, 11, 30))


@pytest.fixture(autouse=True)
def _today(settings):
    settings.PLUS_STAFF_RATIO = 14
    settings.PLUS_STAFF_RATIO_11_15 = 0
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def world(trajectory_a, intake_a, plan_a):
    rural = intake_a["site"]
    urban = Site.objects.create(
        school=rural.school,
        site_number=2,
        street="Stationsstraat 1",
        postal_code="3800",
        setting=Site.Setting.URBAN,
    )

    def enrol(site, age_group, school_year, term, children, vulnerable):
        return EnrolmentFactory(
            trajectory=trajectory_a,
            site=site,
            age_group=age_group,
            school_year=school_year,
            term=term,
            children=children,
            vulnerable=vulnerable,
        )

    enrol(rural, "5-10", 2025, "winter", 10, 2)
    enrol(rural, "5-10", 2025, "spring", 12, 3)
    corrected = enrol(rural, "5-10", 2026, "autumn", 15, 6)
    corrected.children, corrected.vulnerable = 18, 4
    corrected.save(update_fields=["children", "vulnerable"])
    enrol(urban, "5-10", 2026, "autumn", 8, 1)
    enrol(None, "11-15", 2026, "autumn", 5, 0)

    action = plan_a["action"]
    chiro = intake_a["leisure-actors"]
    scouts = LeisureActor.objects.create(
        trajectory=trajectory_a, name="Scouts Velm", kind=LeisureActor.Kind.YOUTH_WORK
    )

    def session(day, **kwargs):
        return SessionFactory(action=action, site=rural, day=day, **kwargs)

    met = session(D(2026, 10, 5))
    AttendanceFactory(session=met, children_5_10=12, vulnerable_5_10=3, partner=chiro)
    StaffPresenceFactory(session=met)
    short = session(D(2026, 10, 6))
    AttendanceFactory(session=short, children_5_10=20, vulnerable_5_10=0)
    StaffPresenceFactory(session=short)
    StaffPresenceFactory(session=short, status=StaffPresence.Status.ABSENT)
    cancelled = session(D(2026, 10, 7))
    AttendanceFactory(session=cancelled, children_5_10=30, vulnerable_5_10=0, partner=scouts)
    cancelled.status, cancelled.change_reason = Session.Status.CANCELLED, "Staking"
    cancelled.save(update_fields=["status", "change_reason"])
    session(D(2026, 10, 8))
    session(D(2026, 11, 20))
    session(D(2026, 11, 25))

    worker = WorkerFactory()

    def contacts(week, kind, count):
        BridgeContactFactory(
            trajectory=trajectory_a, worker=worker, week=week, kind=kind, contacts=count
        )

    contacts(D(2026, 10, 5), BridgeContact.Kind.SCHOOL, 4)
    contacts(D(2026, 10, 5), BridgeContact.Kind.LEISURE, 2)
    contacts(D(2026, 10, 12), BridgeContact.Kind.SCHOOL, 3)
    contacts(D(2026, 12, 28), BridgeContact.Kind.SCHOOL, 10)
    return trajectory_a


def test_every_definition_says_what_it_counts():
    assert list(DEFINITIONS)[:2] == ["children_reached_5_10", "children_reached_11_15"]
    for definition in DEFINITIONS.values():
        assert str(definition.name)
        assert len(str(definition.definition)) > 40
        assert str(definition.unit)


def test_unknown_key_is_refused(trajectory_a):
    with pytest.raises(KeyError):
        compute("no_such_indicator", trajectory_a, *YEAR_2026)


@pytest.mark.parametrize(
    ("key", "period", "expected"),
    [
        # Rural max(10, 12, 18 after the correction) + urban 8.
        ("children_reached_5_10", YEAR_2026, Decimal(26)),
        ("children_reached_5_10", (D(2026, 1, 1), D(2026, 3, 31)), Decimal(10)),
        ("children_reached_5_10", EMPTY_2024, None),
        ("children_reached_11_15", YEAR_2026, Decimal(5)),
        ("children_reached_11_15", (D(2026, 1, 1), D(2026, 6, 30)), None),
        # (4 + 1 + 0) of (18 + 8 + 5) = 16.13 %.
        ("vulnerable_share", YEAR_2026, Decimal("16.1")),
        # Spring 2026 alone: 3 of 12.
        ("vulnerable_share", (D(2026, 5, 1), D(2026, 5, 31)), Decimal("25.0")),
        ("vulnerable_share", EMPTY_2024, None),
        # 31 children reached of 84 intake places = 36.90 %.
        ("care_places_added", YEAR_2026, Decimal("36.9")),
        ("care_places_added", EMPTY_2024, None),
        ("rural_children", YEAR_2026, Decimal(18)),
        ("rural_children", (D(2026, 1, 1), D(2026, 3, 31)), Decimal(10)),
        ("rural_children", EMPTY_2024, None),
    ],
)
def test_enrolment_indicators(world, key, period, expected):
    assert compute(key, world, *period) == expected


@pytest.mark.parametrize(
    ("key", "period", "expected"),
    [
        # (12 + 20) / 2 held sessions; the cancelled one's 30 children do not count.
        ("attendance_per_session", AUTUMN_SESSIONS, Decimal("16.0")),
        ("attendance_per_session", (D(2026, 10, 5), D(2026, 10, 5)), Decimal("12.0")),
        ("attendance_per_session", EMPTY_2024, None),
        # Due: 5, 6 and 8 October (7 is cancelled, 20 and 25 November are not past): 2 of 3.
        ("sessions_held", AUTUMN_SESSIONS, Decimal("66.7")),
        ("sessions_held", (D(2026, 11, 20), D(2026, 11, 30)), None),
        ("sessions_held", EMPTY_2024, None),
        # Chiro only: the Scouts were at the cancelled session.
        ("active_partners", AUTUMN_SESSIONS, Decimal(1)),
        ("active_partners", (D(2026, 10, 6), D(2026, 10, 6)), Decimal(0)),
        ("active_partners", EMPTY_2024, None),
        # 5 October met 1:14 with 1 of 12; 6 October had 1 present for 20 (needs 2).
        ("ratio_met", AUTUMN_SESSIONS, Decimal("50.0")),
        ("ratio_met", (D(2026, 10, 5), D(2026, 10, 5)), Decimal("100.0")),
        ("ratio_met", EMPTY_2024, None),
    ],
)
def test_session_indicators(world, key, period, expected):
    assert compute(key, world, *period) == expected


@pytest.mark.parametrize(
    ("key", "period", "expected"),
    [
        ("bridge_contacts_school", (D(2026, 10, 1), D(2026, 10, 31)), Decimal(7)),
        ("bridge_contacts_leisure", (D(2026, 10, 1), D(2026, 10, 31)), Decimal(2)),
        ("bridge_contacts_work", (D(2026, 10, 1), D(2026, 10, 31)), Decimal(0)),
        ("bridge_contacts_school", YEAR_2026, Decimal(17)),
        # The week of 28 December 2026 belongs to 2026, where its Monday is.
        ("bridge_contacts_school", (D(2027, 1, 1), D(2027, 1, 31)), None),
        ("bridge_contacts_welfare", EMPTY_2024, None),
    ],
)
def test_bridge_contact_indicators(world, key, period, expected):
    assert compute(key, world, *period) == expected


def test_no_care_places_in_the_intake_means_nothing_to_compare(world, intake_a):
    intake_a["care-providers"].delete()
    assert compute("care_places_added", world, *YEAR_2026) is None
    assert compute("children_reached_5_10", world, *YEAR_2026) == Decimal(26)


def test_another_trajectorys_records_do_not_count(world, trajectory_b):
    assert compute("children_reached_5_10", trajectory_b, *YEAR_2026) is None
    assert compute("attendance_per_session", trajectory_b, *AUTUMN_SESSIONS) is None
