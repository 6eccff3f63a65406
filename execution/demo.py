"""Demo data for Phase 2: Sint-Truiden has run its approved plan since September 2025.

Sessions are generated from the plan in force over the school calendar up to the end of the
school year 2026–2027 (no sessions in the holidays, except the summer and Easter actions). A
few in the school year 2025–2026 were cancelled; every other session held has attendance,
except a few recent ones and one in every so many of this school year (so the
missing-attendance list has something to show). Enrolments are counted per term (some
change mid-year), and two bridge figures with accounts of their own count their contacts
with families every school week.

The first attendance goes through the portal's service (it starts the execution phase); the
rest, over a thousand sessions, is bulk-created with its history, to keep the demo fast.
"""

import datetime
import random
import uuid
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actionplans.models import Action
from execution import attendance, progress, records, sessions
from execution.calendar import school_year, school_year_of
from execution.models import (
    Attendance,
    BridgeContact,
    ExecutionStatus,
    Session,
    StaffPresence,
    Term,
)
from municipalities.choices import AgeGroup
from municipalities.demo import DEMO_PASSWORD, demo_user
from municipalities.models import LeisureActor, PhaseChange, Trajectory
from plus_portal.models import User
from staffing.models import Placement, Worker

# Sessions held in the last few school days are still waiting for their attendance, and one
# in this many older ones of the school year under way was never recorded.
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
    "Gezelschapsspelen",
    "Buitenspelen in het park",
]
# Fewer children in the first weeks of a school year, and in June, than in the months between.
MONTH_FACTOR = {9: 0.75, 10: 0.9, 6: 0.9}
# Sessions that did not take place: (day, slot, how many of that day, reason).
CANCELLED = [
    (datetime.date(2025, 10, 9), "after_school", 1, "Begeleider ziek, geen vervanging gevonden"),
    (datetime.date(2025, 11, 26), "wednesday", 1, "Sporthal bezet door een tornooi"),
    (datetime.date(2026, 1, 8), "after_school", 3, "Sneeuw en ijzel: de opvang bleef dicht"),
    (datetime.date(2026, 3, 4), "wednesday", 1, "Sporthal bezet door een tornooi"),
    (datetime.date(2026, 5, 8), "lunchtime", 2, "Schoolfeest: geen middagtoezicht"),
]
# Dated notes on every action, kept when they fall within the plan's period.
NOTES = [
    (
        datetime.date(2025, 10, 20),
        "Goed gestart: de eerste weken kwamen vooral kinderen uit de centrumscholen.",
    ),
    (
        datetime.date(2026, 2, 9),
        "Na de kerstvakantie meer kinderen uit de deelgemeenten; een extra begeleider gevraagd.",
    ),
    (
        datetime.date(2026, 6, 22),
        "Eerste schooljaar afgerond; evaluatie met de scholen in september.",
    ),
]
# How far each action of the plan is, in plan order, after its first school year(s).
PROGRESS_FIRST_YEAR, PROGRESS_PER_YEAR = 35, 30


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
        _cancel(trajectory, coordinator, today)
        _attendance(trajectory, coordinator, today)
        _progress(trajectory, coordinator, today)
        _date_execution_start(trajectory)
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


def _cancel(trajectory, coordinator: User, today: datetime.date) -> None:
    for day, slot, count, reason in CANCELLED:
        if day >= today:
            continue
        found = Session.objects.filter(
            trajectory=trajectory, day=day, slot=slot, status=Session.Status.PLANNED
        )[:count]
        for session in found:
            sessions.session_cancel(session=session, reason=reason, by=coordinator)


def _counts(rng, session: Session) -> dict[str, int]:
    expected = max(session.expected_children, 8)
    teens = "11-15" in session.action.age_groups
    factor = MONTH_FACTOR.get(session.day.month, 1.0)
    children = max(3, round(rng.randint(expected * 2 // 3, expected + 3) * factor))
    vulnerable = rng.randint(1, children // 3)
    return {
        "children_5_10": 0 if teens else children,
        "vulnerable_5_10": 0 if teens else vulnerable,
        "children_11_15": children if teens else 0,
        "vulnerable_11_15": vulnerable if teens else 0,
    }


def _attendance(trajectory, coordinator: User, today: datetime.date) -> None:
    """Attendance of the sessions held: the first through the service, the rest in bulk."""
    rng = random.Random(trajectory.pk)
    partners = list(LeisureActor.objects.filter(trajectory=trajectory))
    this_year = school_year(school_year_of(today)).first
    held = list(
        Session.objects.filter(
            trajectory=trajectory,
            status=Session.Status.PLANNED,
            day__lt=today - RECENT_WITHOUT_ATTENDANCE,
        )
        .select_related("action")
        .prefetch_related("staff")
    )
    rows, absent, this_year_index = [], [], 0
    for session in held:
        if session.day >= this_year:
            this_year_index += 1
            if this_year_index % ONE_FORGOTTEN_IN == 0:
                continue
        counts = _counts(rng, session)
        partner = rng.choice(partners) if partners and rng.random() < 0.3 else None
        activity = rng.choice(ACTIVITIES)
        present = {presence.pk for presence in session.staff.all() if rng.random() > 0.08}
        key = uuid.UUID(int=rng.getrandbits(128))
        if not rows and not Attendance.objects.filter(session__trajectory=trajectory).exists():
            # The first one as a coordinator records it: it starts the execution phase.
            attendance.attendance_record(
                session=session,
                by=coordinator,
                submission_key=key,
                counts=counts,
                partner=partner,
                activity=activity,
                present_staff=present,
                today=today,
            )
            rows.append(None)
            continue
        rows.append(
            Attendance(
                session=session,
                partner=partner,
                activity=activity,
                submission_key=key,
                recorded_by=coordinator,
                **counts,
            )
        )
        for presence in session.staff.all():
            if presence.pk not in present:
                presence.status = StaffPresence.Status.ABSENT
                absent.append(presence)
    made = [row for row in rows if row is not None]
    if made:
        bulk_create_with_history(made, Attendance, batch_size=500, default_user=coordinator)
    if absent:
        bulk_update_with_history(
            absent, StaffPresence, ["status"], batch_size=500, default_user=coordinator
        )


def _date_execution_start(trajectory: Trajectory) -> None:
    """The execution phase started on the day of the first session held, not today."""
    first = (
        Attendance.objects.filter(session__trajectory=trajectory)
        .order_by("session__day")
        .values_list("session__day", flat=True)
        .first()
    )
    change = PhaseChange.objects.filter(
        trajectory=trajectory, phase=Trajectory.Phase.EXECUTION
    ).first()
    if first is None or change is None or change.started_on <= first:
        return
    at = timezone.make_aware(datetime.datetime.combine(first, datetime.time(18, 0)))
    PhaseChange.objects.filter(pk=change.pk).update(started_on=first, changed_at=at)
    Trajectory.objects.filter(pk=trajectory.pk, phase=Trajectory.Phase.EXECUTION).update(
        phase_started_on=first
    )


def _progress(trajectory, coordinator: User, today: datetime.date) -> None:
    _version, rows = progress.progress_overview(trajectory)
    years = school_year_of(today) - trajectory.cycle_start_year
    started = datetime.date(trajectory.cycle_start_year, 9, 1)
    actions = Action.objects.in_bulk([row.action.id for row in rows])
    for number, row in enumerate(rows):
        action = actions.get(row.action.id)
        if action is None:
            continue
        done = PROGRESS_FIRST_YEAR + PROGRESS_PER_YEAR * years - 5 * (number % 3)
        progress.action_progress_update(
            action=action, status=ExecutionStatus.STARTED, progress=min(done, 90), by=coordinator
        )
        for day, text in NOTES:
            if started <= day < today:
                progress.progress_note_add(action=action, day=day, text=text, by=coordinator)
        progress.progress_note_add(
            action=action,
            day=today - datetime.timedelta(days=14),
            text="Loopt volgens plan; na de herfstvakantie kwamen er kinderen bij.",
            by=coordinator,
        )


# Per term, children enrolled against the autumn's count: some join after Christmas, a few
# leave after Easter.
TERM_CHANGE = {Term.AUTUMN: 0, Term.WINTER: 3, Term.SPRING: 1}


def _enrolments(trajectory, coordinator: User, today: datetime.date) -> None:
    """Every term of the school years under the plan that has begun, per site and age group;
    the central site has the teenagers' club and, in the summer, the summer action."""
    sites = records.enrolment_places(trajectory)[1:]
    for year in range(trajectory.cycle_start_year, school_year_of(today) + 1):
        calendar = school_year(year)
        counts = {}
        for term in Term.values:
            if records.term_dates(calendar, term)[0] > today:
                continue
            growth = 2 * (year - trajectory.cycle_start_year)
            if term == Term.SUMMER:
                cell = records.EnrolmentCell(None, AgeGroup.CHILDREN, term)
                counts[cell] = (64, 19)
                continue
            cell = records.EnrolmentCell(None, AgeGroup.TEENS, term)
            counts[cell] = (14 + TERM_CHANGE[term] + growth, 4)
            for number, (site, age_group) in enumerate(
                (site, age_group) for site in sites for age_group in AgeGroup.values
            ):
                base = 18 + 7 * (number % 4) if age_group == "5-10" else 6 + number % 5
                # Growth from year to year; changes within the year at every other place.
                children = base - 4 + growth + (TERM_CHANGE[term] if number % 2 else 0)
                if year == school_year_of(today):
                    children = base
                counts[records.EnrolmentCell(site, age_group, term)] = (children, children // 4)
        records.enrolments_save(trajectory=trajectory, year=year, counts=counts, by=coordinator)


def _bridge_contacts(trajectory, bridge_figures, today: datetime.date) -> None:
    """Every school week since the plan began (none in the holidays), per bridge figure."""
    first_week = records.monday_of(datetime.date(trajectory.cycle_start_year, 9, 1))
    rows = []
    for number, (worker, account) in enumerate(bridge_figures):
        week = first_week
        while week <= today:
            calendar = school_year(school_year_of(week))
            if calendar.holiday_on(week) and calendar.holiday_on(week + datetime.timedelta(4)):
                week += datetime.timedelta(days=7)
                continue
            counts = {
                "school": (3 + (week.day + number) % 4, 1),
                "leisure": (2 + week.day % 3, week.day % 2),
                "work": ((week.day + number) % 2, 0),
                "welfare": (1 + number, (week.day + number) % 2),
            }
            rows += [
                BridgeContact(
                    trajectory=trajectory,
                    worker=worker,
                    week=week,
                    kind=kind,
                    contacts=contacts,
                    referrals=referrals,
                    recorded_by=account,
                )
                for kind, (contacts, referrals) in counts.items()
                if contacts or referrals
            ]
            week += datetime.timedelta(days=7)
    existing = defaultdict(set)
    for worker_id, week, kind in BridgeContact.objects.filter(trajectory=trajectory).values_list(
        "worker_id", "week", "kind"
    ):
        existing[worker_id].add((week, kind))
    rows = [row for row in rows if (row.week, row.kind) not in existing[row.worker_id]]
    if rows:
        bulk_create_with_history(rows, BridgeContact, batch_size=500)
