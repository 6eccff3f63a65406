"""Computed indicators: what the portal can measure from its own records, each with the
definition shown beside it, and the yearly points (target against actual) of any indicator.

Every measure reads a :class:`Facts` bundle (sessions with their attendance and staff,
enrolment counts, bridge contacts, the intake's care places) loaded once for many
trajectories, so a dashboard, the portfolio across 285 municipalities and the progress report
run a fixed number of queries however many indicators and years they show.

Rules chosen here (they are the definitions the user reads):

- *Children reached* counts enrolments, not attendance: per place (school site or central
  site) and age group, the highest count among the terms that overlap the period, summed over
  places. A child enrolled in autumn and again in winter is one child, not two; a count
  corrected in the middle of a term replaces the old one (the history keeps it).
- A *held* session is a session that was not cancelled and has its attendance recorded.
  Only sessions before today count for "sessions held": today's may still be recorded.
- *Care places added* compares the children PLUS reaches (as above, both age groups) with
  the places the intake's care providers offered (their capacity for 5–10 and 11–15): a
  share of the baseline, because the intake has no per-slot counts to subtract from.
- A manual indicator's actual for a year is its **latest** result (by end of period) whose
  period ends in that year: most manual indicators are shares or levels, which must not be
  added up.
- ``None`` means there was nothing to measure (no enrolments, no sessions, no contacts in the
  period, or no baseline to compare with) — never zero.
"""

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from execution.attendance import ratio_check
from execution.calendar import school_year, school_year_of
from execution.models import BridgeContact, Enrolment, Session, StaffPresence
from execution.records import term_dates
from monitoring.models import Indicator
from municipalities.choices import AgeGroup
from municipalities.models import CareProvider, Site, Trajectory

ONE_DECIMAL = Decimal("0.1")
_ATTENDANCE_FIELDS = [
    "attendance__children_5_10",
    "attendance__vulnerable_5_10",
    "attendance__children_11_15",
    "attendance__vulnerable_11_15",
    "attendance__partner_id",
]
HUNDRED = Decimal(100)


@dataclass
class Facts:
    """What the measures read of one trajectory, over a span of dates."""

    #: Sessions (cancelled ones too) with ``attendance`` and ``action``; ``staff_counted`` is
    #: the number of workers there to look after children (``StaffPresence.counts``).
    sessions: list[Session] = field(default_factory=list)
    #: Enrolment counts with ``site`` (for its urban/rural setting).
    enrolments: list[Enrolment] = field(default_factory=list)
    contacts: list[BridgeContact] = field(default_factory=list)
    #: Places for 5–15-year-olds the intake's care providers offered; ``None`` without any.
    care_places: int | None = None


@dataclass(frozen=True)
class Definition:
    key: str
    name: str
    #: Shown beside the indicator: what is counted, how, and from which records.
    definition: str
    unit: str
    #: ``compute(trajectory, start, end)``; ``None`` when there was nothing to measure.
    compute: Callable[[Trajectory, datetime.date, datetime.date], Decimal | None]
    #: The same measure on preloaded facts (what ``compute`` calls after loading them).
    measure: Callable[[Facts, datetime.date, datetime.date], Decimal | None] = field(
        repr=False, default=None
    )


@dataclass(frozen=True)
class Point:
    year: int
    target: Decimal | None
    actual: Decimal | None


# ---------------------------------------------------------------------------------------------
# Loading facts


def load_facts(
    trajectory_ids: Iterable[int], first: datetime.date, last: datetime.date
) -> dict[int, Facts]:
    """Facts of several trajectories between two dates, in five queries whatever their number
    (sessions with attendance, staff, enrolments, contacts, care places)."""
    ids = list(set(trajectory_ids))
    facts = {pk: Facts() for pk in ids}
    if not ids:
        return facts
    sessions = (
        Session.objects.filter(trajectory_id__in=ids, day__range=(first, last))
        .select_related("attendance", "action")
        .only("trajectory_id", "day", "status", "action__age_groups", *_ATTENDANCE_FIELDS)
        .order_by()
    )
    by_pk = {}
    for session in sessions:
        facts[session.trajectory_id].sessions.append(session)
        by_pk[session.pk] = session
    # Joined on the same filter rather than prefetched by id: a portfolio's many thousands
    # of sessions would not fit in one IN list.
    presences = StaffPresence.objects.filter(
        session__trajectory_id__in=ids, session__day__range=(first, last)
    ).only("session_id", "status")
    for presence in presences.order_by():
        if presence.counts and presence.session_id in by_pk:
            facts_session = by_pk[presence.session_id]
            facts_session.staff_counted = getattr(facts_session, "staff_counted", 0) + 1
    enrolments = Enrolment.objects.filter(
        trajectory_id__in=ids,
        school_year__range=(school_year_of(first) - 1, school_year_of(last)),
    ).select_related("site")
    for enrolment in enrolments.order_by():
        facts[enrolment.trajectory_id].enrolments.append(enrolment)
    contacts = BridgeContact.objects.filter(
        trajectory_id__in=ids, week__range=(first - datetime.timedelta(days=6), last)
    ).order_by()
    for contact in contacts:
        facts[contact.trajectory_id].contacts.append(contact)
    places = (
        CareProvider.objects.filter(trajectory_id__in=ids)
        .values("trajectory_id")
        .annotate(children=Sum("capacity_5_10"), teens=Sum("capacity_11_15"))
        .order_by()
    )
    for row in places:
        total = (row["children"] or 0) + (row["teens"] or 0)
        facts[row["trajectory_id"]].care_places = total or None
    return facts


# ---------------------------------------------------------------------------------------------
# Measures on facts


@functools.lru_cache(maxsize=256)
def _term_bounds(start_year: int, term: str) -> tuple[datetime.date, datetime.date]:
    return term_dates(school_year(start_year), term)


def _enrolments_in(facts: Facts, start, end) -> list[Enrolment]:
    found = []
    for enrolment in facts.enrolments:
        first, last = _term_bounds(enrolment.school_year, enrolment.term)
        if first <= end and start <= last:
            found.append(enrolment)
    return found


def _highest_per_place(enrolments: Iterable[Enrolment]) -> list[Enrolment]:
    """Per place and age group, the term with the most children (ties: the most vulnerable)."""
    best: dict[tuple, Enrolment] = {}
    for enrolment in enrolments:
        key = (enrolment.site_id, enrolment.age_group)
        current = best.get(key)
        if current is None or (enrolment.children, enrolment.vulnerable) > (
            current.children,
            current.vulnerable,
        ):
            best[key] = enrolment
    return list(best.values())


def _reached(facts, start, end, *, age_group=None, rural_only=False) -> Decimal | None:
    enrolments = _enrolments_in(facts, start, end)
    if age_group is not None:
        enrolments = [e for e in enrolments if e.age_group == age_group]
    if rural_only:
        enrolments = [
            e for e in enrolments if e.site is not None and e.site.setting == Site.Setting.RURAL
        ]
    if not enrolments:
        return None
    return Decimal(sum(e.children for e in _highest_per_place(enrolments)))


def _share(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def _held_sessions(facts: Facts, start, end) -> list[Session]:
    """Sessions in the period that were not cancelled and have their attendance recorded."""
    return [
        session
        for session in facts.sessions
        if start <= session.day <= end
        and not session.is_cancelled
        and getattr(session, "attendance", None) is not None
    ]


def measure_children_reached(age_group):
    def measure(facts, start, end):
        return _reached(facts, start, end, age_group=age_group)

    return measure


def measure_vulnerable_share(facts, start, end):
    reached = _highest_per_place(_enrolments_in(facts, start, end))
    return _share(sum(e.vulnerable for e in reached), sum(e.children for e in reached))


def measure_attendance_per_session(facts, start, end):
    held = _held_sessions(facts, start, end)
    if not held:
        return None
    children = sum(session.attendance.children for session in held)
    return (Decimal(children) / Decimal(len(held))).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def measure_sessions_held(facts, start, end):
    today = timezone.localdate()
    due = [
        session
        for session in facts.sessions
        if start <= session.day <= end and session.day < today and not session.is_cancelled
    ]
    held = [session for session in due if getattr(session, "attendance", None) is not None]
    return _share(len(held), len(due))


def measure_care_places_added(facts, start, end):
    reached = _reached(facts, start, end)
    if reached is None or not facts.care_places:
        return None
    return _share(reached, facts.care_places)


def measure_rural_children(facts, start, end):
    return _reached(facts, start, end, rural_only=True)


def measure_active_partners(facts, start, end):
    held = _held_sessions(facts, start, end)
    if not held:
        return None
    partners = {s.attendance.partner_id for s in held if s.attendance.partner_id is not None}
    return Decimal(len(partners))


def measure_bridge_contacts(kind):
    def measure(facts, start, end):
        # A week belongs to the period its Monday falls in.
        weeks = [contact for contact in facts.contacts if start <= contact.week <= end]
        if not weeks:
            return None
        return Decimal(sum(contact.contacts for contact in weeks if contact.kind == kind))

    return measure


def measure_ratio_met(facts, start, end):
    checks = [
        ratio_check(
            session,
            children=session.attendance.children,
            present=getattr(session, "staff_counted", 0),
        )
        for session in _held_sessions(facts, start, end)
    ]
    return _share(sum(1 for check in checks if not check.is_short), len(checks))


# ---------------------------------------------------------------------------------------------
# Definitions


def _computed_by(measure):
    def compute(trajectory, start, end):
        return measure(load_facts([trajectory.pk], start, end)[trajectory.pk], start, end)

    return compute


def _definition(key, name, definition, unit, measure) -> Definition:
    return Definition(key, name, definition, unit, compute=_computed_by(measure), measure=measure)


# Lazy as the other texts, so each request shows them in its own language.
_with_kind = lazy(lambda template, kind: str(template) % {"kind": str(kind)}, str)

DEFINITIONS: dict[str, Definition] = {
    definition.key: definition
    for definition in [
        _definition(
            "children_reached_5_10",
            _("Children reached (5–10)"),
            _(
                "Children of 5–10 enrolled: per school site or central site, the highest count "
                "among the terms in the period, added up over the sites. Source: the "
                "enrolment counts."
            ),
            pgettext_lazy("indicator unit", "children"),
            measure_children_reached(AgeGroup.CHILDREN),
        ),
        _definition(
            "children_reached_11_15",
            _("Children reached (11–15)"),
            _(
                "Children of 11–15 enrolled: per school site or central site, the highest "
                "count among the terms in the period, added up over the sites. Source: the "
                "enrolment counts."
            ),
            pgettext_lazy("indicator unit", "children"),
            measure_children_reached(AgeGroup.TEENS),
        ),
        _definition(
            "vulnerable_share",
            _("Share from vulnerable families"),
            _(
                "Of the children reached (both age groups, counted as above), the percentage "
                "from vulnerable families. Source: the enrolment counts."
            ),
            "%",
            measure_vulnerable_share,
        ),
        _definition(
            "attendance_per_session",
            _("Attendance per session"),
            _(
                "Average number of children (both age groups) at the sessions held in the "
                "period: sessions not cancelled whose attendance was recorded."
            ),
            pgettext_lazy("indicator unit", "children per session"),
            measure_attendance_per_session,
        ),
        _definition(
            "sessions_held",
            _("Sessions held against planned"),
            _(
                "Of the sessions planned before today in the period and not cancelled, the "
                "percentage whose attendance was recorded."
            ),
            "%",
            measure_sessions_held,
        ),
        _definition(
            "care_places_added",
            _("Care places added against the intake"),
            _(
                "Children reached by PLUS in the period (enrolments, both age groups, counted "
                "as above) as a percentage of the places the intake's care providers offered "
                "for 5–15-year-olds (the baseline)."
            ),
            # Translators: a unit, never formatted.
            # xgettext:no-python-format
            pgettext_lazy("indicator unit", "% of intake places"),
            measure_care_places_added,
        ),
        _definition(
            "rural_children",
            _("Children from rural school sites"),
            _(
                "Children enrolled at school sites marked rural (both age groups): per site "
                "and age group the highest count among the terms in the period, added up. "
                "Sites whose setting is unknown do not count."
            ),
            pgettext_lazy("indicator unit", "children"),
            measure_rural_children,
        ),
        _definition(
            "active_partners",
            _("Active leisure partners"),
            _(
                "Different leisure actors that led an activity at a session held in the "
                "period (the partner recorded with the attendance)."
            ),
            pgettext_lazy("indicator unit", "partners"),
            measure_active_partners,
        ),
        *[
            _definition(
                f"bridge_contacts_{kind}",
                _with_kind(_("Bridge contacts: %(kind)s"), label),
                _with_kind(
                    _(
                        "Contacts of the bridge figures with families of the kind “%(kind)s”, "
                        "added up over the weeks whose Monday falls in the period."
                    ),
                    label,
                ),
                pgettext_lazy("indicator unit", "contacts"),
                measure_bridge_contacts(kind),
            )
            for kind, label in BridgeContact.Kind.choices
        ],
        _definition(
            "ratio_met",
            _("Staff ratio met"),
            _(
                "Of the sessions held in the period, the percentage where the staff present "
                "(present or replacing) were at least the staff the ratio asks for the "
                "children counted."
            ),
            "%",
            measure_ratio_met,
        ),
    ]
}


def compute(key: str, trajectory: Trajectory, start: datetime.date, end: datetime.date):
    """The computed indicator ``key`` of a trajectory over a period (``None``: nothing to
    measure). Raises ``KeyError`` for an unknown key."""
    return DEFINITIONS[key].compute(trajectory, start, end)


# ---------------------------------------------------------------------------------------------
# Points per year


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _manual_actual(results, year: int) -> Decimal | None:
    in_year = [result for result in results if result.period_end.year == year]
    if not in_year:
        return None
    return max(in_year, key=lambda result: (result.period_end, result.period_start)).value


def _points(indicator: Indicator, facts: Facts | None, today) -> list[Point]:
    trajectory = indicator.objective.plan.trajectory
    targets = {target.year: target.value for target in indicator.targets.all()}
    definition = DEFINITIONS.get(indicator.computed_key) if indicator.computed_key else None
    results = list(indicator.results.all())
    points = []
    for year in range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1):
        actual = None
        if year <= today.year:
            if definition is not None and facts is not None:
                actual = definition.measure(facts, *_year_bounds(year))
            elif not indicator.computed_key:
                actual = _manual_actual(results, year)
        points.append(Point(year=year, target=targets.get(year), actual=actual))
    return points


def indicator_points_for(indicators: Iterable[Indicator]) -> dict[int, list[Point]]:
    """Target and actual per year of the cycle for many indicators (by pk), in a fixed number
    of queries: the indicators with their trajectory, targets and results, then the facts.

    Actuals of computed indicators are measured over each calendar year; future years have
    none. An unknown ``computed_key`` (a definition since removed) gives no actuals."""
    pks = [indicator.pk for indicator in indicators]
    if not pks:
        return {}
    loaded = list(
        Indicator.objects.filter(pk__in=pks)
        .select_related("objective__plan__trajectory")
        .prefetch_related("targets", "results")
    )
    today = timezone.localdate()
    computed = [indicator for indicator in loaded if indicator.computed_key in DEFINITIONS]
    facts: dict[int, Facts] = {}
    if computed:
        trajectories = [indicator.objective.plan.trajectory for indicator in computed]
        first_year = min(trajectory.cycle_start_year for trajectory in trajectories)
        last_year = min(max(t.cycle_end_year for t in trajectories), today.year)
        if first_year <= last_year:
            facts = load_facts(
                [trajectory.pk for trajectory in trajectories],
                _year_bounds(first_year)[0],
                _year_bounds(last_year)[1],
            )
    return {
        indicator.pk: _points(indicator, facts.get(indicator.objective.plan.trajectory_id), today)
        for indicator in loaded
    }


def indicator_points(indicator: Indicator) -> list[Point]:
    """Target and actual per year of the trajectory's cycle (see ``indicator_points_for``)."""
    return indicator_points_for([indicator])[indicator.pk]


def is_behind(points: Iterable[Point], direction: str) -> bool:
    """Whether the indicator is behind target: the latest year (up to this one) that has both
    an actual and a target, compared respecting the direction (``Indicator.Direction``).
    No such year: not behind (there is nothing to judge yet)."""
    judged = [point for point in points if point.actual is not None and point.target is not None]
    if not judged:
        return False
    latest = max(judged, key=lambda point: point.year)
    if direction == Indicator.Direction.DOWN:
        return latest.actual > latest.target
    return latest.actual < latest.target


def definition_of(indicator: Indicator) -> str:
    """The definition shown beside an indicator: a computed one's own (in the reader's
    language, and never out of step with how it is computed), a manual one's as typed."""
    definition = DEFINITIONS.get(indicator.computed_key) if indicator.computed_key else None
    return definition.definition if definition is not None else indicator.definition
