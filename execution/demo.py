"""Demo data for Phase 2: Sint-Truiden has run its approved plan since September 2026.

Sessions are generated from the plan in force over the school calendar up to the end of the
school year; the ones already held have attendance, except a few recent ones (so the
missing-attendance list has something to show). Two bridge figures have accounts of their
own, with contacts with families counted per week.
"""

import datetime
import random
import uuid

from django.db import transaction
from django.utils import timezone

from actionplans.models import Action
from execution import attendance, progress, records, sessions
from execution.calendar import school_year, school_year_of
from execution.models import Attendance, ExecutionStatus, Session
from municipalities.demo import DEMO_PASSWORD, demo_user
from municipalities.models import LeisureActor
from plus_portal.models import User
from staffing.models import Placement, Worker

# Sessions held in the last few school days are still waiting for their attendance, and one
# in this many older ones was never recorded.
RECENT_WITHOUT_ATTENDANCE = datetime.timedelta(days=4)
ONE_FORGOTTEN_IN = 25
BRIDGE_FIGURE_ACCOUNTS = 2
ACTIVITIES = [
    "Huiswerkklas en vrij spel",
    "Knutselen met herfstbladeren",
    "Voetbal op de speelplaats",
    "Voorleesmoment met de bib",
    "Drumworkshop",
    "Koken: soep van de dag",
]


@transaction.atomic
def seed(world) -> None:
    coordinator = world.users["coordinator"]
    today = timezone.localdate()
    for trajectory in world.trajectories:
        if progress.version_in_force(trajectory) is None:
            continue
        if Attendance.objects.filter(session__trajectory=trajectory).exists():
            continue
        sessions.sessions_generate(trajectory, by=coordinator)
        bridge_figures = _bridge_figure_accounts(world, trajectory)
        _attendance(trajectory, coordinator, today)
        _progress(trajectory, coordinator, today)
        _enrolments(trajectory, coordinator, today)
        _bridge_contacts(trajectory, bridge_figures, today)


def _bridge_figure_accounts(world, trajectory) -> list[tuple[Worker, User]]:
    """Accounts for the first bridge figures placed in the trajectory."""
    placed = (
        Worker.objects.filter(
            function=Worker.Function.BRIDGE_FIGURE,
            placements__in=Placement.objects.filter(trajectory=trajectory),
        )
        .distinct()
        .order_by("last_name", "first_name")[:BRIDGE_FIGURE_ACCOUNTS]
    )
    accounts = []
    for worker in placed:
        username = f"brugfiguur.{worker.first_name.lower()}"
        account = demo_user(username, User.Role.BRIDGE_FIGURE, worker.first_name, worker.last_name)
        worker.account = account
        worker.save(update_fields=["account"])
        world.logins.append(
            (username, DEMO_PASSWORD, f"{account.get_role_display()} ({worker.first_name})")
        )
        accounts.append((worker, account))
    return accounts


def _attendance(trajectory, coordinator: User, today: datetime.date) -> None:
    rng = random.Random(trajectory.pk)
    partners = list(LeisureActor.objects.filter(trajectory=trajectory))
    held = (
        Session.objects.filter(
            trajectory=trajectory,
            status=Session.Status.PLANNED,
            day__lt=today - RECENT_WITHOUT_ATTENDANCE,
        )
        .select_related("action")
        .prefetch_related("staff")
    )
    for index, session in enumerate(held):
        if index % ONE_FORGOTTEN_IN == ONE_FORGOTTEN_IN - 1:
            continue
        expected = max(session.expected_children, 8)
        teens = "11-15" in session.action.age_groups
        children = rng.randint(expected * 2 // 3, expected + 3)
        counts = {
            "children_5_10": 0 if teens else children,
            "vulnerable_5_10": 0 if teens else rng.randint(1, children // 3),
            "children_11_15": children if teens else 0,
            "vulnerable_11_15": rng.randint(1, children // 3) if teens else 0,
        }
        present = {presence.pk for presence in session.staff.all() if rng.random() > 0.08}
        attendance.attendance_record(
            session=session,
            by=coordinator,
            submission_key=uuid.UUID(int=rng.getrandbits(128)),
            counts=counts,
            partner=rng.choice(partners) if partners and rng.random() < 0.3 else None,
            activity=rng.choice(ACTIVITIES),
            present_staff=present,
            today=today,
        )


def _progress(trajectory, coordinator: User, today: datetime.date) -> None:
    _version, rows = progress.progress_overview(trajectory)
    for action in Action.objects.filter(pk__in=[row.action.id for row in rows]):
        progress.action_progress_update(
            action=action, status=ExecutionStatus.STARTED, progress=35, by=coordinator
        )
        progress.progress_note_add(
            action=action,
            day=today - datetime.timedelta(days=14),
            text="Loopt volgens plan; na de herfstvakantie kwamen er kinderen bij.",
            by=coordinator,
        )


def _enrolments(trajectory, coordinator: User, today: datetime.date) -> None:
    year = school_year_of(today)
    places = records.enrolment_places(trajectory)[1:]
    counts = {}
    autumn = [cell for cell in records.enrolment_cells(places) if cell.term == "autumn"]
    for number, cell in enumerate(autumn):
        children = 18 + 7 * (number % 4) if cell.age_group == "5-10" else 6 + number % 5
        counts[cell] = (children, children // 4)
    records.enrolments_save(trajectory=trajectory, year=year, counts=counts, by=coordinator)


def _bridge_contacts(trajectory, bridge_figures, today: datetime.date) -> None:
    first_week = records.monday_of(school_year(school_year_of(today)).first)
    for number, (worker, account) in enumerate(bridge_figures):
        for week in records.recent_weeks(today, count=10):
            if week < first_week:
                continue
            counts = {
                "school": (3 + (week.day + number) % 4, 1),
                "leisure": (2 + week.day % 3, week.day % 2),
                "work": ((week.day + number) % 2, 0),
                "welfare": (1 + number, (week.day + number) % 2),
            }
            records.bridge_contacts_record(
                trajectory=trajectory,
                worker=worker,
                week=week,
                counts=counts,
                today=today,
                by=account,
            )
