"""Reach and follow-up, as counts: enrolments per site, age group and term; the bridge
figures' contacts with families per week; the sessions whose attendance is still missing.

Writes are services (``<entity>_<verb>``), reads are plain functions over querysets that run a
fixed number of queries. simple_history records every saved row with the person who saved it.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from execution.calendar import HolidayKind, SchoolYear, school_year, school_year_of
from execution.models import (
    BridgeContact,
    Enrolment,
    Session,
    StaffPresence,
    Term,
    place_key,
)
from municipalities.choices import AgeGroup
from municipalities.models import Site, Trajectory
from plus_portal.models import User
from staffing.models import Placement, Worker

DAY = datetime.timedelta(days=1)
# Attendance is due within this many school days after the session (§6 follow-up).
SCHOOL_DAYS_TO_RECORD = 2


# ---------------------------------------------------------------------------------------------
# Enrolments


@dataclass(frozen=True)
class EnrolmentCell:
    """One cell of the enrolment grid: a place, an age group and a term of a school year."""

    site: Site | None
    age_group: str
    term: str

    @property
    def key(self) -> str:
        site_id = self.site.pk if self.site is not None else None
        return f"{place_key(site_id)}-{self.age_group}-{self.term}"


def enrolment_places(trajectory: Trajectory) -> list[Site | None]:
    """The trajectory's school sites, and the central site (``None``) first."""
    return [None, *Site.objects.filter(school__trajectory=trajectory).select_related("school")]


def enrolment_cells(places: Iterable[Site | None]) -> list[EnrolmentCell]:
    return [
        EnrolmentCell(site, age_group, term)
        for site in places
        for age_group in AgeGroup.values
        for term in Term.values
    ]


def enrolments_of(trajectory: Trajectory, year: int) -> dict[str, Enrolment]:
    """The school year's counts by cell key (one query)."""
    enrolments = Enrolment.objects.filter(trajectory=trajectory, school_year=year)
    return {
        f"{place_key(e.site_id)}-{e.age_group}-{e.term}": e
        for e in enrolments.select_related("site")
    }


@dataclass
class Reach:
    children: int = 0
    vulnerable: int = 0

    @property
    def vulnerable_share(self) -> Decimal | None:
        """The share from vulnerable families in %, one decimal; None without children."""
        if not self.children:
            return None
        return (Decimal(self.vulnerable * 100) / self.children).quantize(Decimal("0.1"))

    def add(self, children: int, vulnerable: int) -> None:
        self.children += children
        self.vulnerable += vulnerable


@dataclass
class EnrolmentTotals:
    by_term: dict[str, Reach] = field(default_factory=dict)
    by_age_group_and_term: dict[tuple[str, str], Reach] = field(default_factory=dict)

    @property
    def terms(self) -> list[Reach]:
        """All places and age groups, per term in the order of the year."""
        return [self.by_term[term] for term in Term.values]

    @property
    def age_groups(self) -> list[tuple[str, list[Reach]]]:
        return [
            (
                AgeGroup(age_group).label,
                [self.by_age_group_and_term[(age_group, term)] for term in Term.values],
            )
            for age_group in AgeGroup.values
        ]


def enrolment_totals(enrolments: Iterable[Enrolment]) -> EnrolmentTotals:
    """Children enrolled per term (all places and age groups) and per age group and term.

    Terms are not added up over the year: the same children stay enrolled from term to term.
    """
    totals = EnrolmentTotals(
        by_term={term: Reach() for term in Term.values},
        by_age_group_and_term={
            (age_group, term): Reach() for age_group in AgeGroup.values for term in Term.values
        },
    )
    for enrolment in enrolments:
        totals.by_term[enrolment.term].add(enrolment.children, enrolment.vulnerable)
        totals.by_age_group_and_term[(enrolment.age_group, enrolment.term)].add(
            enrolment.children, enrolment.vulnerable
        )
    return totals


@transaction.atomic
def enrolments_save(
    *,
    trajectory: Trajectory,
    year: int,
    counts: Mapping[EnrolmentCell, tuple[int | None, int | None]],
    by: User,
) -> int:
    """Save the school year's enrolment grid at once: every cell or none.

    ``counts`` maps each cell to (children, vulnerable); a cell without children removes its
    count. Raises a ValidationError whose ``error_dict`` is keyed by the cells' keys when any
    cell is wrong, before anything is written. Returns the number of counts changed.
    """
    # Two saves of the grid at once take turns: the second reads what the first wrote, so a
    # cell is never stored twice (the central site's NULL escapes the unique constraint).
    list(Trajectory.objects.select_for_update().filter(pk=trajectory.pk).values_list("pk"))
    existing = enrolments_of(trajectory, year)
    to_save, to_delete, errors = [], [], {}
    for cell, (children, vulnerable) in counts.items():
        enrolment = existing.get(cell.key)
        if children is None:
            if vulnerable:
                errors[cell.key] = [_("Give the number of children enrolled first.")]
            elif enrolment is not None:
                to_delete.append(enrolment)
            continue
        vulnerable = vulnerable or 0
        if enrolment is not None and (enrolment.children, enrolment.vulnerable) == (
            children,
            vulnerable,
        ):
            continue
        if enrolment is None:
            enrolment = Enrolment(
                trajectory=trajectory,
                site=cell.site,
                age_group=cell.age_group,
                school_year=year,
                term=cell.term,
            )
        enrolment.children, enrolment.vulnerable, enrolment.updated_by = children, vulnerable, by
        try:
            enrolment.full_clean(exclude=["trajectory", "updated_by"])
        except ValidationError as error:
            errors[cell.key] = error.messages
        else:
            to_save.append(enrolment)
    if errors:
        raise ValidationError(errors)
    for enrolment in to_save:
        enrolment._history_user = by
        enrolment.save()
    for enrolment in to_delete:
        enrolment._history_user = by
        enrolment.delete()
    return len(to_save) + len(to_delete)


def term_dates(year: SchoolYear, term: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a term: autumn until the Christmas holiday, winter until
    the Easter holiday, spring until the summer holiday, and the summer holiday itself."""
    starts = {holiday.kind: holiday.first for holiday in year.holidays}
    bounds = {
        Term.AUTUMN: (year.first, starts[HolidayKind.CHRISTMAS] - DAY),
        Term.WINTER: (starts[HolidayKind.CHRISTMAS], starts[HolidayKind.EASTER] - DAY),
        Term.SPRING: (starts[HolidayKind.EASTER], starts[HolidayKind.SUMMER] - DAY),
        Term.SUMMER: (starts[HolidayKind.SUMMER], year.last),
    }
    return bounds[term]


def enrolments_in_period(
    trajectory: Trajectory, first: datetime.date, last: datetime.date
) -> list[Enrolment]:
    """The enrolment counts of the terms that overlap the period (one query)."""
    enrolments = (
        Enrolment.objects.filter(
            trajectory=trajectory,
            school_year__range=(school_year_of(first), school_year_of(last)),
        )
        .select_related("site__school", "trajectory__municipality")
        .order_by("school_year", "term", "site__school__name", "site__site_number", "age_group")
    )
    term_order = {term: index for index, term in enumerate(Term.values)}
    found = []
    for enrolment in enrolments:
        term_first, term_last = term_dates(school_year(enrolment.school_year), enrolment.term)
        if term_first <= last and first <= term_last:
            found.append(enrolment)
    # Terms in the order of the year (September first), not alphabetically.
    found.sort(key=lambda e: (e.school_year, term_order[e.term]))
    return found


# ---------------------------------------------------------------------------------------------
# Bridge contacts


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def recent_weeks(today: datetime.date, count: int = 12) -> list[datetime.date]:
    """The Mondays of this week and the weeks before it, newest first."""
    this_week = monday_of(today)
    return [this_week - datetime.timedelta(weeks=weeks) for weeks in range(count)]


def current_trajectories_of(worker: Worker, today: datetime.date) -> QuerySet[Trajectory]:
    """The trajectories the worker has a placement in today."""
    placements = Placement.objects.filter(worker=worker, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    return (
        Trajectory.objects.filter(pk__in=placements.values("trajectory"))
        .select_related("municipality")
        .order_by("municipality__name_nl", "pk")
    )


def workers_placed_in(trajectory: Trajectory) -> QuerySet[Worker]:
    """The workers with a placement, past or present, in the trajectory."""
    placements = Placement.objects.filter(trajectory=trajectory)
    return Worker.objects.filter(pk__in=placements.values("worker")).order_by(
        "last_name", "first_name", "pk"
    )


def bridge_contacts_of_week(
    trajectory: Trajectory, worker: Worker, week: datetime.date
) -> dict[str, BridgeContact]:
    contacts = BridgeContact.objects.filter(trajectory=trajectory, worker=worker, week=week)
    return {contact.kind: contact for contact in contacts}


@transaction.atomic
def bridge_contacts_record(
    *,
    trajectory: Trajectory,
    worker: Worker,
    week: datetime.date,
    counts: Mapping[str, tuple[int, int]],
    today: datetime.date,
    by: User,
) -> list[BridgeContact]:
    """Record a worker's contacts and referrals of one week, per kind.

    Saving the same week again updates its counts instead of adding to them, so a form sent
    twice or corrected later leaves one count per kind. Kinds with nothing to count and no
    count yet are not stored. ValidationError for a week that does not start on a Monday or
    that has not begun.
    """
    if week is not None and week > today:
        raise ValidationError({"week": _("This week has not started yet.")})
    # A week sent twice at once (a slow phone, a double tap): the second waits for the first
    # and then updates its rows instead of colliding with them.
    list(Worker.objects.select_for_update().filter(pk=worker.pk).values_list("pk"))
    existing = bridge_contacts_of_week(trajectory, worker, week) if week else {}
    saved = []
    for kind, (contacts, referrals) in counts.items():
        contact = existing.get(kind)
        if contact is None and not contacts and not referrals:
            continue
        if contact is None:
            contact = BridgeContact(trajectory=trajectory, worker=worker, week=week, kind=kind)
        elif (contact.contacts, contact.referrals) == (contacts, referrals):
            continue
        contact.contacts, contact.referrals, contact.recorded_by = contacts, referrals, by
        # The week's Monday rule lives in BridgeContact.clean; one count per kind is the
        # unique constraint (rows already there were found above, so it holds).
        contact.full_clean(exclude=["trajectory", "worker", "recorded_by"])
        contact._history_user = by
        contact.save()
        saved.append(contact)
    return saved


@dataclass
class WeekRow:
    week: datetime.date
    by_kind: dict[str, tuple[int, int]]

    @property
    def contacts(self) -> int:
        return sum(contacts for contacts, _referrals in self.by_kind.values())

    @property
    def referrals(self) -> int:
        return sum(referrals for _contacts, referrals in self.by_kind.values())

    @property
    def cells(self) -> list[tuple[int, int]]:
        return [self.by_kind[kind] for kind in BridgeContact.Kind.values]


def bridge_contact_weeks(contacts: QuerySet[BridgeContact]) -> tuple[list[WeekRow], WeekRow]:
    """Contacts and referrals per week (newest first) and kind, and the totals (one query)."""
    rows: dict[datetime.date, WeekRow] = {}
    total = WeekRow(week=None, by_kind=dict.fromkeys(BridgeContact.Kind.values, (0, 0)))
    sums = (
        contacts.order_by()
        .values("week", "kind")
        .annotate(contacts_sum=Sum("contacts"), referrals_sum=Sum("referrals"))
    )
    for line in sums:
        row = rows.setdefault(
            line["week"],
            WeekRow(week=line["week"], by_kind=dict.fromkeys(BridgeContact.Kind.values, (0, 0))),
        )
        kind = line["kind"]
        if kind not in row.by_kind:
            continue  # a kind that no longer exists in the code
        row.by_kind[kind] = (line["contacts_sum"], line["referrals_sum"])
        old_contacts, old_referrals = total.by_kind[kind]
        total.by_kind[kind] = (
            old_contacts + line["contacts_sum"],
            old_referrals + line["referrals_sum"],
        )
    return sorted(rows.values(), key=lambda row: row.week, reverse=True), total


# ---------------------------------------------------------------------------------------------
# Missing attendance


def attendance_due_before(today: datetime.date) -> datetime.date:
    """Sessions on a day before this one are past their deadline on ``today``.

    Attendance is due within two school days (Flemish calendar) after the session: a session
    on Monday is flagged from Wednesday, one on Friday from Tuesday, one before a holiday on
    the second school day after it.
    """
    school_days_seen, day = 0, today
    while True:
        if school_year(school_year_of(day)).is_school_day(day):
            school_days_seen += 1
            if school_days_seen == SCHOOL_DAYS_TO_RECORD:
                return day
        day -= DAY


def missing_attendance(user: User, today: datetime.date) -> QuerySet[Session]:
    """The sessions the user sees that are past their attendance deadline without it."""
    return Session.objects.visible_to(user).filter(
        day__lt=attendance_due_before(today),
        status=Session.Status.PLANNED,
        attendance__isnull=True,
    )


def sessions_missing_attendance(user: User, today: datetime.date) -> list[Session]:
    """The sessions the user sees that took place two school days ago or longer without
    attendance (cancelled sessions never count), by municipality and oldest first. One query.
    """
    sessions = missing_attendance(user, today).select_related(
        "trajectory__municipality", "action__action_plan__objective", "site__school"
    )
    return list(sessions.order_by("trajectory__municipality__name_nl", "day", "starts_at", "pk"))


def missing_attendance_count(user: User, today: datetime.date) -> int:
    """How many sessions lack attendance past their deadline (for a badge in the menu)."""
    if not user.is_authenticated:
        return 0
    return missing_attendance(user, today).count()


# ---------------------------------------------------------------------------------------------
# Exports


def sessions_in_period(
    trajectory: Trajectory, first: datetime.date, last: datetime.date
) -> QuerySet[Session]:
    """The trajectory's sessions in the period with their attendance and the number of staff
    who were there (one query)."""
    present = Count("staff", filter=~Q(staff__status=StaffPresence.Status.ABSENT))
    return (
        Session.objects.filter(trajectory=trajectory, day__range=(first, last))
        .select_related(
            "trajectory__municipality",
            "action__action_plan__objective",
            "site__school",
            "attendance__partner",
        )
        .annotate(staff_present=present)
        .order_by("day", "starts_at", "place_key", "pk")
    )
