"""Who could fill a place and moment under the staff ratio: suggestions, never assignments.

A coordinator asks for suggestions for one row of the staffing check; this module ranks the
workers who could be employed then and says why. Placing someone stays a human decision made
through the placement form, which applies every rule.

Scoring (higher is better; workers not free are always listed after those who are):
- free at that time (+4): their availability covers the moment and no placement of theirs
  overlaps it, and their contract hours are not all placed yet. For holiday periods, for which
  workers record no availability, availability on any weekday covering the times counts;
- speaks a language other than Dutch (+2), when the place's school counts at least 24 % of
  pupils whose home language is not Dutch (the Flemish primary average), the only measure of
  families' languages the intake has; for a central site, the average of the action's sites;
- each needed competence held (+1): childcare for every slot, and activity leading for after
  school, Wednesday afternoon and holidays, matched on the competence's name (Dutch or
  English) ignoring case;
- experience with one of the action's age groups (+1);
- lives in the municipality (+3), or elsewhere in the same province (+1). There is no
  adjacency data between municipalities, so the province stands in for "nearby".

Runs a fixed number of queries (9) whatever the number of workers.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from actionplans.models import Action
from municipalities.choices import AgeGroup, Slot
from municipalities.models import Municipality, SiteYear, Trajectory
from staffing.models import (
    Language,
    Placement,
    Weekday,
    Worker,
    WorkerCompetence,
)
from staffing.ratio import StaffingRow, slot_covers
from staffing.rules import (
    format_hours,
    placement_active_on,
    trajectory_end,
)

# GOK indicator "home language not Dutch": Flemish primary average, 2021–22.
HOME_LANGUAGE_AVERAGE = Decimal("24")

CHILDCARE = frozenset({"kinderopvang", "childcare"})
ACTIVITY_LEADING = frozenset({"activiteiten begeleiden", "activity leading"})
NEEDED_COMPETENCES = {
    Slot.AFTER_SCHOOL: (CHILDCARE, ACTIVITY_LEADING),
    Slot.WEDNESDAY: (CHILDCARE, ACTIVITY_LEADING),
    Slot.HOLIDAYS: (CHILDCARE, ACTIVITY_LEADING),
}
DEFAULT_NEEDED = (CHILDCARE,)

FREE_SCORE = 4
LANGUAGE_SCORE = 2
COMPETENCE_SCORE = 1
AGE_GROUP_SCORE = 1
SAME_MUNICIPALITY_SCORE = 3
SAME_PROVINCE_SCORE = 1


@dataclass
class Suggestion:
    worker: Worker
    score: int
    reasons: list[str] = field(default_factory=list)
    is_free: bool = True


WORKING_WEEK = (
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
)


def _weekdays_to_check(row: StaffingRow) -> tuple[int, ...]:
    # Holidays have no availability of their own: any weekday that covers the times will do.
    return WORKING_WEEK if row.is_holiday else (row.weekday,)


def _available(worker: Worker, row: StaffingRow) -> bool:
    """The worker's availability that day covers the whole moment (windows may adjoin)."""
    for weekday in _weekdays_to_check(row):
        windows = sorted(
            (a.starts_at, a.ends_at) for a in worker.availability.all() if a.weekday == weekday
        )
        if not windows:
            continue
        if row.starts_at is None or row.ends_at is None:
            return True
        covered_until = None
        for starts_at, ends_at in windows:
            if covered_until is None:
                if starts_at <= row.starts_at:
                    covered_until = ends_at
            elif starts_at <= covered_until:
                covered_until = max(covered_until, ends_at)
            if covered_until is not None and covered_until >= row.ends_at:
                return True
    return False


def _clash(worker: Worker, row: StaffingRow, on: datetime.date) -> Placement | None:
    for placement in worker.placements.all():
        if not placement_active_on(placement, on):
            continue
        for slot in placement.slots.all():
            if slot_covers(slot, row.weekday, row.starts_at, row.ends_at):
                return placement
    return None


def _hours_placed(worker: Worker, on: datetime.date) -> Decimal:
    return sum(
        (p.hours_per_week for p in worker.placements.all() if placement_active_on(p, on)),
        Decimal(0),
    )


def _eligible(worker: Worker, on: datetime.date) -> bool:
    """Employed on that day and within the trajectory, with no outcome recorded."""
    return (
        not worker.outcome
        and worker.contract_starts_on <= on
        and (worker.contract_ends_on is None or on <= worker.contract_ends_on)
        and worker.trajectory_starts_on <= on
        # Only an LDE trajectory has a term.
        and (trajectory_end(worker) is None or on <= trajectory_end(worker))
    )


def _home_language_share(row: StaffingRow, action: Action | None) -> Decimal | None:
    if action is None:
        return None
    sites = [s for s in action.sites.all() if row.site_id is None or s.pk == row.site_id]
    shares = [
        year.gok_home_language
        for site in sites
        if (year := site.latest_year) is not None and year.gok_home_language is not None
    ]
    if not shares:
        return None
    return sum(shares, Decimal(0)) / len(shares)


@dataclass(frozen=True)
class _Need:
    """What the row asks of a worker, read once for all candidates."""

    row: StaffingRow
    on: datetime.date
    municipality: Municipality | None
    wants_languages: bool
    competences: tuple[frozenset, ...]
    age_groups: frozenset


Scored = tuple[int, str | None]


def _load_need(row: StaffingRow, trajectory: Trajectory, on: datetime.date) -> _Need:
    action = (
        Action.all_objects.filter(pk=row.action_id)
        .prefetch_related(
            Prefetch(
                "sites__years",
                queryset=SiteYear.objects.only("site_id", "school_year", "gok_home_language"),
            )
        )
        .first()
        if row.action_id
        else None
    )
    share = _home_language_share(row, action)
    return _Need(
        row=row,
        on=on,
        municipality=Municipality.objects.filter(pk=trajectory.municipality_id).first(),
        wants_languages=share is not None and share >= HOME_LANGUAGE_AVERAGE,
        competences=NEEDED_COMPETENCES.get(row.slot_code, DEFAULT_NEEDED),
        age_groups=frozenset(action.age_groups) if action else frozenset(),
    )


def _candidates(workers: QuerySet[Worker], row: StaffingRow, on: datetime.date):
    """The workers employed on the day and not counted in the row yet, with what scoring reads."""
    running = (
        Placement.objects.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("site__school", "trajectory")
        .prefetch_related("slots")
    )
    candidates = (
        workers.filter(outcome="", contract_starts_on__lte=on, trajectory_starts_on__lte=on)
        .filter(Q(contract_ends_on__isnull=True) | Q(contract_ends_on__gte=on))
        .exclude(pk__in=row.worker_ids)
        .select_related("home_municipality")
        .prefetch_related(
            "availability",
            Prefetch("competences", queryset=WorkerCompetence.objects.select_related("competence")),
            Prefetch("placements", queryset=running),
        )
    )
    return [worker for worker in candidates if _eligible(worker, on)]


def _freedom(worker: Worker, need: _Need) -> tuple[bool, Scored]:
    """Whether the worker is free for the row, and the score and reason that says so.

    A clash with a placement in another municipality is told without naming the place, which
    belongs to that municipality.
    """
    clash = _clash(worker, need.row, need.on)
    placed_hours = _hours_placed(worker, need.on)
    hours = format_hours(worker.hours_per_week)
    if clash is not None:
        here = need.municipality is not None and (
            clash.trajectory.municipality_id == need.municipality.pk
        )
        return False, (
            0,
            _("busy: works at %(place)s then") % {"place": clash.place}
            if here
            else _("busy: works in another municipality then"),
        )
    if not _available(worker, need.row):
        return False, (0, _("busy: not available at that time"))
    if placed_hours >= worker.hours_per_week:
        return False, (0, _("busy: all %(hours)s contract hours are placed") % {"hours": hours})
    if not placed_hours:
        return True, (FREE_SCORE, _("free at that time"))
    left = format_hours(worker.hours_per_week - placed_hours)
    return True, (
        FREE_SCORE,
        _("free at that time, %(left)s of %(hours)s hours a week still unplaced")
        % {"left": left, "hours": hours},
    )


def _languages(worker: Worker, need: _Need) -> Scored:
    spoken = [code for code in worker.languages if code != Language.DUTCH]
    if not (need.wants_languages and spoken):
        return 0, None
    names = dict(Language.choices)
    listed = ", ".join(str(names.get(code, code)) for code in spoken)
    return LANGUAGE_SCORE, _("speaks %(languages)s") % {"languages": listed}


def _competences(worker: Worker, need: _Need) -> Scored:
    held = {
        wc.competence.name.strip().casefold(): wc.competence.name for wc in worker.competences.all()
    }
    matched = [
        next(held[name] for name in sorted(names) if name in held)
        for names in need.competences
        if names & held.keys()
    ]
    if not matched:
        return 0, None
    reason = _("has the competences: %(names)s") % {"names": ", ".join(matched)}
    return COMPETENCE_SCORE * len(matched), reason


def _age_groups(worker: Worker, need: _Need) -> Scored:
    experienced = [group for group in worker.age_group_experience if group in need.age_groups]
    if not experienced:
        return 0, None
    names = dict(AgeGroup.choices)
    listed = ", ".join(str(names.get(group, group)) for group in experienced)
    return AGE_GROUP_SCORE, _("experience with %(groups)s") % {"groups": listed}


def _home(worker: Worker, need: _Need) -> Scored:
    lives, here = worker.home_municipality, need.municipality
    if lives is None or here is None:
        return 0, None
    if lives.pk == here.pk:
        return SAME_MUNICIPALITY_SCORE, _("lives in %(municipality)s") % {"municipality": lives}
    if lives.province == here.province:
        return SAME_PROVINCE_SCORE, _("lives nearby, in %(municipality)s (same province)") % {
            "municipality": lives
        }
    return 0, None


def _suggestion(worker: Worker, need: _Need) -> Suggestion:
    is_free, freedom = _freedom(worker, need)
    scored = [
        freedom,
        *(score(worker, need) for score in (_languages, _competences, _age_groups, _home)),
    ]
    return Suggestion(
        worker=worker,
        score=sum(points for points, _reason in scored),
        reasons=[reason for _points, reason in scored if reason],
        is_free=is_free,
    )


def suggest_workers(
    row: StaffingRow,
    trajectory: Trajectory,
    *,
    on: datetime.date,
    workers: QuerySet[Worker] | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """Workers who could fill ``row`` on ``on``, best first, each with the reasons.

    ``workers`` are the candidates: views pass ``Worker.objects.visible_to(user)``, so nobody
    is suggested whose file the user may not open; every worker when left out. Leaves out
    workers already counted in the row and those not employed (outside their contract or
    trajectory, or with an outcome recorded) on that day.
    """
    need = _load_need(row, trajectory, on)
    candidates = _candidates(Worker.objects.all() if workers is None else workers, row, on)
    suggestions = [_suggestion(worker, need) for worker in candidates]
    suggestions.sort(
        key=lambda s: (
            not s.is_free,
            -s.score,
            s.worker.last_name.casefold(),
            s.worker.first_name.casefold(),
        )
    )
    return suggestions[:limit]
