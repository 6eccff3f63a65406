"""Generating sessions from the plan in force and the school calendar."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionSlot
from execution.models import ActionProgress, ExecutionStatus, SchoolFreeDay, Session, StaffPresence
from execution.sessions import sessions_generate
from tests.execution.factories import AttendanceFactory
from tests.execution.test_sessions_helpers import (
    AFTER_SCHOOL,
    FREE_DAYS,
    WEDNESDAY,
    approve,
    plan_with_action,
    sites_of,
)
from tests.staffing.factories import PlacementFactory, PlacementSlotFactory, WorkerFactory

pytestmark = pytest.mark.django_db

AUTUMN_2026 = (datetime.date(2026, 11, 2), datetime.date(2026, 11, 8))


def _days(action, **filters) -> list[datetime.date]:
    return sorted(Session.objects.filter(action=action, **filters).values_list("day", flat=True))


def _generate(trajectory, *, sites=None, slots=(AFTER_SCHOOL,), **fields):
    sites = sites_of(trajectory, 1) if sites is None else sites
    plan, action = plan_with_action(trajectory, sites=sites, slots=slots, **fields)
    approve(plan)
    return plan, action, sessions_generate(trajectory)


def test_after_school_runs_on_school_mondays_tuesdays_thursdays_and_fridays(trajectory_a):
    _plan, action, _result = _generate(
        trajectory_a, starts_on=datetime.date(2026, 10, 26), ends_on=datetime.date(2026, 11, 15)
    )
    # Autumn holiday 2–8 November 2026, Armistice Day on Wednesday 11 November.
    assert _days(action) == [datetime.date(2026, 10, day) for day in (26, 27, 29, 30)] + [
        datetime.date(2026, 11, day) for day in (9, 10, 12, 13)
    ]
    session = Session.objects.filter(action=action).first()
    assert (session.starts_at, session.ends_at) == (datetime.time(15, 30), datetime.time(18, 0))
    assert session.place_key == f"site-{session.site_id}"


def test_wednesday_afternoon_only_on_school_wednesdays(trajectory_a):
    _plan, action, _result = _generate(
        trajectory_a,
        slots=[WEDNESDAY],
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 11, 30),
    )
    # 4 November is in the autumn holiday, 11 November is Armistice Day.
    assert _days(action) == [datetime.date(2026, 11, day) for day in (18, 25)]


def test_before_school_on_every_school_day(trajectory_a):
    _plan, action, _result = _generate(
        trajectory_a,
        slots=[{"slot": "morning", "starts_at": datetime.time(7), "ends_at": datetime.time(8, 30)}],
        starts_on=datetime.date(2026, 11, 9),
        ends_on=datetime.date(2026, 11, 15),
    )
    assert _days(action) == [datetime.date(2026, 11, day) for day in (9, 10, 12, 13)]


def test_holiday_slot_on_the_weekdays_of_its_period_krokus_is_the_spring_holiday(trajectory_a):
    _plan, action, _result = _generate(
        trajectory_a,
        slots=[
            {"slot": "holidays", "holiday_period": "spring", "starts_at": datetime.time(9)},
            {"slot": "holidays", "holiday_period": "autumn", "starts_at": datetime.time(9)},
        ],
    )
    days = _days(action)
    # Krokus 2027: 8–14 February; autumn 2026: 2–8 November.
    assert days == [datetime.date(2026, 11, d) for d in range(2, 7)] + [
        datetime.date(2027, 2, d) for d in range(8, 13)
    ]


def test_school_free_days_the_calendars_and_the_schools_own(trajectory_a):
    site = sites_of(trajectory_a, 1)[0]
    SchoolFreeDay.objects.create(
        school=site.school, day=datetime.date(2026, 10, 7), kind="study_day"
    )
    _plan, action, _result = _generate(
        trajectory_a,
        sites=[site],
        slots=[AFTER_SCHOOL, FREE_DAYS],
        starts_on=datetime.date(2026, 10, 5),
        ends_on=datetime.date(2026, 11, 13),
    )
    assert _days(action, slot="school_free_days") == [
        datetime.date(2026, 10, 7),  # the school's own study day (a Wednesday)
        datetime.date(2026, 11, 11),  # Armistice Day
    ]
    free = Session.objects.get(action=action, slot="school_free_days", day="2026-10-07")
    assert free.starts_at is None  # all day


def test_a_schools_own_free_day_has_no_after_school_session_at_its_sites_only(trajectory_a):
    (site,) = sites_of(trajectory_a, 1)
    (other,) = sites_of(trajectory_a, 1)  # another school
    SchoolFreeDay.objects.create(
        school=site.school, day=datetime.date(2026, 10, 5), kind="optional"
    )
    _plan, action, _result = _generate(
        trajectory_a,
        sites=[site, other],
        starts_on=datetime.date(2026, 10, 5),
        ends_on=datetime.date(2026, 10, 5),
    )
    assert list(Session.objects.filter(action=action).values_list("site", flat=True)) == [other.pk]


def test_expected_children_are_split_over_the_sites_rounded_up(trajectory_a):
    _plan, action, _result = _generate(
        trajectory_a,
        sites=sites_of(trajectory_a, 2),
        starts_on=datetime.date(2026, 10, 5),
        ends_on=datetime.date(2026, 10, 5),
    )
    assert list(
        Session.objects.filter(action=action).values_list("expected_children", flat=True)
    ) == [
        13,
        13,
    ]


def test_a_central_site_has_one_session_without_a_site(trajectory_a):
    _plan, action, _result = _generate(
        trajectory_a,
        sites=sites_of(trajectory_a, 2),
        at_central_site=True,
        central_site_name="Jeugdhuis De Link",
        starts_on=datetime.date(2026, 10, 5),
        ends_on=datetime.date(2026, 10, 5),
    )
    (session,) = Session.objects.filter(action=action)
    assert (session.site, session.place_key, session.expected_children) == (None, "central", 25)
    assert session.place == "Jeugdhuis De Link"


def test_generating_twice_changes_nothing(trajectory_a):
    _plan, action, first = _generate(trajectory_a, slots=[AFTER_SCHOOL, WEDNESDAY, FREE_DAYS])
    assert first.created > 150
    again = sessions_generate(trajectory_a)
    assert not again.changed
    assert Session.objects.filter(action=action).count() == first.created


def test_without_a_plan_in_force_nothing_is_generated(trajectory_a):
    plan_with_action(trajectory_a, sites=sites_of(trajectory_a, 1), slots=[AFTER_SCHOOL])
    assert not sessions_generate(trajectory_a).changed
    assert not Session.objects.exists()


def test_the_version_in_force_is_the_truth_not_the_draft_of_an_amendment(trajectory_a):
    plan, action, _result = _generate(
        trajectory_a, starts_on=datetime.date(2026, 10, 5), ends_on=datetime.date(2026, 10, 9)
    )
    # The amendment's draft asks for Wednesdays too; it is not approved yet.
    ActionSlot.objects.create(action=action, slot="wednesday", expected_children=5)
    assert not sessions_generate(trajectory_a).changed
    approve(plan)
    sessions_generate(trajectory_a)
    assert _days(action, slot="wednesday") == [datetime.date(2026, 10, 7)]


def test_a_slot_dropped_deletes_its_sessions_but_keeps_those_with_attendance(trajectory_a):
    plan, action, _result = _generate(
        trajectory_a,
        slots=[AFTER_SCHOOL, WEDNESDAY],
        starts_on=datetime.date(2026, 10, 5),
        ends_on=datetime.date(2026, 10, 16),
    )
    attended = Session.objects.get(action=action, slot="wednesday", day="2026-10-07")
    AttendanceFactory(session=attended)
    action.slots.filter(slot="wednesday").delete()
    approve(plan)
    result = sessions_generate(trajectory_a)
    assert (result.deleted, result.orphaned) == (1, 1)
    attended.refresh_from_db()
    assert attended.is_orphan
    assert _days(action, slot="wednesday") == [datetime.date(2026, 10, 7)]
    assert not sessions_generate(trajectory_a).changed


def test_changed_times_reach_sessions_without_attendance_only(trajectory_a):
    plan, action, _result = _generate(
        trajectory_a, starts_on=datetime.date(2026, 10, 5), ends_on=datetime.date(2026, 10, 6)
    )
    attended = Session.objects.get(action=action, day="2026-10-05")
    AttendanceFactory(session=attended)
    action.slots.update(starts_at=datetime.time(16), ends_at=datetime.time(18, 30))
    approve(plan)
    assert sessions_generate(trajectory_a).updated == 1
    attended.refresh_from_db()
    assert attended.starts_at == datetime.time(15, 30)
    other = Session.objects.get(action=action, day="2026-10-06")
    assert (other.starts_at, other.ends_at) == (datetime.time(16), datetime.time(18, 30))


def test_a_moved_session_is_found_again_and_not_made_twice(trajectory_a):
    _plan, action, _result = _generate(
        trajectory_a, starts_on=datetime.date(2026, 10, 5), ends_on=datetime.date(2026, 10, 5)
    )
    session = Session.objects.get(action=action)
    session.day, session.starts_at = datetime.date(2026, 10, 7), datetime.time(13)
    session.change_reason = "Schoolfeest"
    session.save()
    assert not sessions_generate(trajectory_a).changed
    session.refresh_from_db()
    assert (session.day, session.starts_at) == (datetime.date(2026, 10, 7), datetime.time(13))
    assert Session.objects.filter(action=action).count() == 1


def test_a_cancelled_session_stays_cancelled(trajectory_a):
    _plan, action, _result = _generate(
        trajectory_a, starts_on=datetime.date(2026, 10, 5), ends_on=datetime.date(2026, 10, 5)
    )
    Session.objects.filter(action=action).update(status="cancelled", change_reason="Staking")
    sessions_generate(trajectory_a)
    assert Session.objects.get(action=action).status == "cancelled"


def test_a_dropped_action_asks_for_no_sessions(trajectory_a):
    _plan, action, _result = _generate(
        trajectory_a, starts_on=datetime.date(2026, 10, 5), ends_on=datetime.date(2026, 10, 5)
    )
    ActionProgress.objects.create(action=action, status=ExecutionStatus.DROPPED, reason="Geen geld")
    assert sessions_generate(trajectory_a).deleted == 1


def _placed(trajectory, site, action, **slot):
    worker = WorkerFactory()
    placement = PlacementFactory(
        worker=worker, trajectory=trajectory, site=site, central_site_name="", actions=[action]
    )
    PlacementSlotFactory(placement=placement, **slot)
    return worker, placement


def test_staff_expected_come_from_the_placements(trajectory_a):
    (site,) = sites_of(trajectory_a, 1)
    plan, action = plan_with_action(
        trajectory_a,
        sites=[site],
        slots=[AFTER_SCHOOL],
        starts_on=datetime.date(2026, 10, 5),
        ends_on=datetime.date(2026, 10, 9),
    )
    monday, _p = _placed(trajectory_a, site, action, weekday=0)
    _morning, _p = _placed(
        trajectory_a, site, action, weekday=1, starts_at=datetime.time(8), ends_at=datetime.time(12)
    )
    approve(plan)
    result = sessions_generate(trajectory_a)
    assert result.staff_added == 1
    presence = StaffPresence.objects.get()
    assert (presence.worker, presence.session.day) == (monday, datetime.date(2026, 10, 5))
    assert not sessions_generate(trajectory_a).changed


def test_staff_of_an_ended_placement_leave_the_sessions_after_its_end(trajectory_a):
    (site,) = sites_of(trajectory_a, 1)
    plan, action = plan_with_action(
        trajectory_a,
        sites=[site],
        slots=[AFTER_SCHOOL],
        starts_on=datetime.date(2026, 10, 5),
        ends_on=datetime.date(2026, 10, 12),
    )
    _worker, placement = _placed(trajectory_a, site, action, weekday=0)
    approve(plan)
    sessions_generate(trajectory_a)
    assert StaffPresence.objects.count() == 2
    placement.ends_on = datetime.date(2026, 10, 6)
    placement.save()
    assert sessions_generate(trajectory_a).staff_removed == 1
    assert StaffPresence.objects.get().session.day == datetime.date(2026, 10, 5)


def _generated(trajectory, *, sites: int, ends_on: datetime.date):
    """Sessions generated for an action on ``sites`` sites, from 1 September to ``ends_on``,
    each site with a placed worker: the result, and the queries the generation ran, as
    (inserts, others)."""
    chosen = sites_of(trajectory, sites)
    plan, action = plan_with_action(
        trajectory,
        sites=chosen,
        slots=[AFTER_SCHOOL, WEDNESDAY, {"slot": "holidays", "holiday_period": "summer"}],
        starts_on=datetime.date(2026, 9, 1),
        ends_on=ends_on,
    )
    for site in chosen:
        _placed(trajectory, site, action, weekday=0)
    approve(plan)
    with CaptureQueriesContext(connection) as queries:
        result = sessions_generate(trajectory)
    inserts = [query for query in queries if query["sql"].startswith("INSERT")]
    return result, len(inserts), len(queries) - len(inserts)


def test_a_school_year_is_written_in_bulk(trajectory_a, trajectory_b):
    """A school year for two sites and three slots reads as much as a month for one site and
    writes its sessions and their history in batches, not one by one. (How fast it runs is
    measured by a benchmark, not by a test.)"""
    month, _month_inserts, month_reads = _generated(
        trajectory_b, sites=1, ends_on=datetime.date(2026, 9, 30)
    )
    year, year_inserts, year_reads = _generated(
        trajectory_a, sites=2, ends_on=datetime.date(2027, 8, 31)
    )

    assert 10 < month.created < 30
    assert year.created > 400
    assert year_reads == month_reads
    assert year_inserts < year.created / 25


def test_holiday_and_central_site_staff_come_from_matching_placements(trajectory_a):
    plan, _action = plan_with_action(
        trajectory_a,
        slots=[{"slot": "holidays", "holiday_period": "autumn", "starts_at": datetime.time(9)}],
        at_central_site=True,
        central_site_name="Jeugdhuis De Link",
        starts_on=AUTUMN_2026[0],
        ends_on=AUTUMN_2026[1],
    )
    worker = WorkerFactory()
    placement = PlacementFactory(
        worker=worker, trajectory=trajectory_a, central_site_name="jeugdhuis  de link"
    )
    PlacementSlotFactory(placement=placement, weekday=None, holiday_period="autumn")
    elsewhere = PlacementFactory(trajectory=trajectory_a, central_site_name="Sporthal")
    PlacementSlotFactory(placement=elsewhere, weekday=None, holiday_period="autumn")
    approve(plan)
    result = sessions_generate(trajectory_a)
    assert (result.created, result.staff_added) == (5, 5)
    assert set(StaffPresence.objects.values_list("worker", flat=True)) == {worker.pk}


def test_a_changed_presence_is_kept_when_the_placement_no_longer_brings_the_worker(trajectory_a):
    (site,) = sites_of(trajectory_a, 1)
    plan, action = plan_with_action(
        trajectory_a,
        sites=[site],
        slots=[AFTER_SCHOOL],
        starts_on=datetime.date(2026, 10, 5),
        ends_on=datetime.date(2026, 10, 5),
    )
    _worker, placement = _placed(trajectory_a, site, action, weekday=0)
    approve(plan)
    sessions_generate(trajectory_a)
    StaffPresence.objects.update(status=StaffPresence.Status.ABSENT)
    placement.slots.all().delete()
    assert sessions_generate(trajectory_a).staff_removed == 0
    assert StaffPresence.objects.get().status == StaffPresence.Status.ABSENT
