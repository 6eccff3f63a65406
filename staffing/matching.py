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
    trajectory, or with an outcome recorded) on that day. A clash with a placement in another
    municipality is told without naming the place, which belongs to that municipality.
    """
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
    home = Municipality.objects.filter(pk=trajectory.municipality_id).first()
    workers = (
        (Worker.objects.all() if workers is None else workers)
        .filter(outcome="", contract_starts_on__lte=on, trajectory_starts_on__lte=on)
        .filter(Q(contract_ends_on__isnull=True) | Q(contract_ends_on__gte=on))
        .exclude(pk__in=row.worker_ids)
        .select_related("home_municipality")
        .prefetch_related(
            "availability",
            Prefetch("competences", queryset=WorkerCompetence.objects.select_related("competence")),
            Prefetch(
                "placements",
                queryset=Placement.objects.filter(starts_on__lte=on)
                .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
                .select_related("site__school", "trajectory")
                .prefetch_related("slots"),
            ),
        )
    )
    share = _home_language_share(row, action)
    wants_languages = share is not None and share >= HOME_LANGUAGE_AVERAGE
    needed = NEEDED_COMPETENCES.get(row.slot_code, DEFAULT_NEEDED)
    age_groups = set(action.age_groups) if action else set()
    language_names = dict(Language.choices)
    age_group_names = dict(AgeGroup.choices)

    suggestions = []
    for worker in workers:
        if not _eligible(worker, on):
            continue
        score, reasons = 0, []

        clash = _clash(worker, row, on)
        placed_hours = _hours_placed(worker, on)
        if clash is not None:
            is_free = False
            reasons.append(
                _("busy: works at %(place)s then") % {"place": clash.place}
                if clash.trajectory.municipality_id == trajectory.municipality_id
                else _("busy: works in another municipality then")
            )
        elif not _available(worker, row):
            is_free = False
            reasons.append(_("busy: not available at that time"))
        elif placed_hours >= worker.hours_per_week:
            is_free = False
            reasons.append(
                _("busy: all %(hours)s contract hours are placed")
                % {"hours": format_hours(worker.hours_per_week)}
            )
        else:
            is_free = True
            score += FREE_SCORE
            reasons.append(
                _("free at that time, %(left)s of %(hours)s hours a week still unplaced")
                % {
                    "left": format_hours(worker.hours_per_week - placed_hours),
                    "hours": format_hours(worker.hours_per_week),
                }
                if placed_hours
                else _("free at that time")
            )

        if wants_languages:
            spoken = [code for code in worker.languages if code != Language.DUTCH]
            if spoken:
                score += LANGUAGE_SCORE
                reasons.append(
                    _("speaks %(languages)s")
                    % {"languages": ", ".join(str(language_names.get(c, c)) for c in spoken)}
                )

        held = {
            wc.competence.name.strip().casefold(): wc.competence.name
            for wc in worker.competences.all()
        }
        matched = [
            next(held[name] for name in sorted(names) if name in held)
            for names in needed
            if names & held.keys()
        ]
        if matched:
            score += COMPETENCE_SCORE * len(matched)
            reasons.append(_("has the competences: %(names)s") % {"names": ", ".join(matched)})

        experienced = [g for g in worker.age_group_experience if g in age_groups]
        if experienced:
            score += AGE_GROUP_SCORE
            reasons.append(
                _("experience with %(groups)s")
                % {"groups": ", ".join(str(age_group_names.get(g, g)) for g in experienced)}
            )

        lives = worker.home_municipality
        if lives is not None and home is not None:
            if lives.pk == home.pk:
                score += SAME_MUNICIPALITY_SCORE
                reasons.append(_("lives in %(municipality)s") % {"municipality": lives})
            elif lives.province == home.province:
                score += SAME_PROVINCE_SCORE
                reasons.append(
                    _("lives nearby, in %(municipality)s (same province)") % {"municipality": lives}
                )

        suggestions.append(Suggestion(worker=worker, score=score, reasons=reasons, is_free=is_free))

    suggestions.sort(
        key=lambda s: (
            not s.is_free,
            -s.score,
            s.worker.last_name.casefold(),
            s.worker.first_name.casefold(),
        )
    )
    return suggestions[:limit]
