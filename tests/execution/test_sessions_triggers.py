"""What makes the sessions follow: an approved version, a school's free day, a placement."""

import datetime
from decimal import Decimal

import pytest

from actionplans import services as plan_services
from execution.models import Session, StaffPresence
from execution.services import school_free_day_add, school_free_day_remove
from execution.sessions import sessions_generate
from staffing.models import Placement, PlacementSlot
from staffing.services import placement_save
from tests.execution.test_sessions_helpers import (
    AFTER_SCHOOL,
    approve,
    plan_with_action,
    sites_of,
)
from tests.staffing.factories import WorkerFactory

pytestmark = pytest.mark.django_db

WEEK = {"starts_on": datetime.date(2026, 10, 5), "ends_on": datetime.date(2026, 10, 9)}


def test_an_approved_version_generates_its_sessions(
    trajectory_a, coordinator, official_a, django_capture_on_commit_callbacks
):
    plan, action = plan_with_action(
        trajectory_a, sites=sites_of(trajectory_a, 1), slots=[AFTER_SCHOOL], **WEEK
    )
    plan_services.plan_submit(plan=plan, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.plan_decide(plan=plan, outcome="approved", reason="", by=official_a)
    assert Session.objects.filter(action=action).count() == 4
    assert Session.objects.first().history.first().history_user == official_a


def test_a_free_day_added_and_removed_moves_the_sessions(
    trajectory_a, coordinator, django_capture_on_commit_callbacks
):
    (site,) = sites_of(trajectory_a, 1)
    plan, action = plan_with_action(trajectory_a, sites=[site], slots=[AFTER_SCHOOL], **WEEK)
    approve(plan)
    sessions_generate(trajectory_a)
    with django_capture_on_commit_callbacks(execute=True):
        free_day = school_free_day_add(
            school=site.school, day=datetime.date(2026, 10, 5), kind="study_day", by=coordinator
        )
    assert not Session.objects.filter(action=action, day="2026-10-05").exists()
    with django_capture_on_commit_callbacks(execute=True):
        school_free_day_remove(free_day=free_day, by=coordinator)
    assert Session.objects.filter(action=action, day="2026-10-05").exists()


def test_a_placement_saved_lists_its_worker_on_the_sessions(
    trajectory_a, coordinator, django_capture_on_commit_callbacks
):
    (site,) = sites_of(trajectory_a, 1)
    plan, action = plan_with_action(trajectory_a, sites=[site], slots=[AFTER_SCHOOL], **WEEK)
    approve(plan)
    sessions_generate(trajectory_a)
    worker = WorkerFactory()
    placement = Placement(
        worker=worker,
        trajectory=trajectory_a,
        site=site,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 6, 30),
        hours_per_week=Decimal("5"),
    )
    slot = PlacementSlot(weekday=3, starts_at=datetime.time(15), ends_at=datetime.time(18))
    with django_capture_on_commit_callbacks(execute=True):
        placement_save(placement=placement, slots=[slot], actions=[action], by=coordinator)
    (presence,) = StaffPresence.objects.all()
    assert (presence.worker, presence.session.day) == (worker, datetime.date(2026, 10, 8))
