"""From a survey's answers to intake needs: the proposal a coordinator reviews, and applying it.

The rules, each stated on the review page too:

- **Which answers.** The counted answers (``ResponseQuerySet.counted``: no burst still to
  review or discarded) of parents. Children's answers say what they like to do, where and
  with whom: interests, not moments of care, so they make no intake need (the results page
  shows them).
- **Which needs.** An answer voices the needs ``surveys.needs.needs_of`` says; one proposed
  need per age group × area × moment (× holiday period), its ``respondents`` the number of
  answers voicing it.
- **Holidays.** One need per holiday period, each with that one period in
  ``holiday_periods``: the coverage matrix counts a holiday need in every period it names,
  so one need naming all voiced periods would count its answers in each of them.
- **Area.** The answer's own area (sub-municipality). The answers of an area with fewer
  than ``MINIMUM_CELL`` counted parents' answers are folded into the row for the whole
  municipality (no area), with the answers that name no area: small-cell suppression holds
  in the intake too.
- **Until** (after school): the latest pick-up time that at least half of the answers
  giving one need care until (the upper median); answers without a time are not counted.
- **Children concerned**: the number of answers, a lower bound (each answer has at least
  one child of the age group), so the coverage matrix can weigh it against places.

Applying the chosen rows updates the needs this survey made before (``SurveyNeed``) instead
of adding them again, and, only when asked, removes those it no longer proposes; all in one
transaction, every need through ``full_clean``.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext

from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.models import Area, Need
from surveys.models import MINIMUM_CELL, Response, Survey, SurveyNeed
from surveys.needs import needs_of

_SLOT_ORDER = {slot: index for index, slot in enumerate(Slot.values)}
_HOLIDAY_ORDER = {holiday: index for index, holiday in enumerate(HolidayPeriod.values)}
_AGE_ORDER = {group: index for index, group in enumerate(AgeGroup.values)}


def row_key(age_group: str, area_id: int | None, slot: str, holiday: str = "") -> str:
    """The key a proposed row is ticked by on the review page (and matched to a need)."""
    return f"{age_group}|{area_id or 0}|{slot}|{holiday}"


def need_key(need: Need) -> str:
    holiday = need.holiday_periods[0] if len(need.holiday_periods) == 1 else ""
    return row_key(need.age_group, need.area_id, need.slot, holiday)


@dataclass
class ProposedNeed:
    key: str
    age_group: str
    area: Area | None
    slot: str
    holiday: str
    respondents: int
    #: The parents' answers of the row's area (or of the whole municipality's row).
    answers: int
    until: datetime.time | None = None
    #: The need this survey made before for this row, updated when applied again.
    existing: Need | None = None

    @property
    def age_group_label(self):
        return AgeGroup(self.age_group).label

    @property
    def moment_label(self):
        if self.holiday:
            return HolidayPeriod(self.holiday).label
        return Slot(self.slot).label

    def description(self, survey: Survey) -> str:
        return gettext("%(count)s of %(total)s answers (%(source)s, %(opens)s–%(closes)s)") % {
            "count": self.respondents,
            "total": self.answers,
            "source": survey.source_name(),
            "opens": _day(survey.opens_on),
            "closes": _day(survey.closes_on),
        }

    def fill(self, need: Need, survey: Survey) -> None:
        need.voiced_by = Need.Voice.PARENTS
        need.age_group = self.age_group
        need.slot = self.slot
        need.holiday_periods = [self.holiday] if self.holiday else []
        need.area = self.area
        need.until = self.until
        need.children_concerned = self.respondents
        need.respondents = self.respondents
        need.source = Need.Source.SURVEY
        need.source_name = survey.source_name()[: Need._meta.get_field("source_name").max_length]
        need.description = self.description(survey)


def _day(day: datetime.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def until_of(times: list[datetime.time]) -> datetime.time | None:
    """The latest pick-up time at least half of ``times`` are at or after (upper median)."""
    if not times:
        return None
    latest_first = sorted(times, reverse=True)
    return latest_first[math.ceil(len(latest_first) / 2) - 1]


def counted_parent_answers(survey: Survey):
    return (
        Response.objects.filter(survey=survey, kind=Response.Kind.PARENT)
        .counted()
        .select_related("area")
        .only("kind", "area", "age_groups", "moments", "holidays", "pickup_time")
    )


def proposal(survey: Survey) -> list[ProposedNeed]:
    """The intake needs the survey's counted parents' answers voice (see the module)."""
    answers = list(counted_parent_answers(survey))
    per_area = Counter(answer.area_id for answer in answers if answer.area_id)
    shown_areas = {pk for pk, count in per_area.items() if count >= MINIMUM_CELL}
    areas: dict[int | None, Area | None] = {None: None}
    scope_answers: Counter = Counter()
    voices: dict[str, list[Response]] = defaultdict(list)
    for answer in answers:
        area_id = answer.area_id if answer.area_id in shown_areas else None
        areas[area_id] = answer.area if area_id else None
        scope_answers[area_id] += 1
        for voiced in set(needs_of(answer)):
            voices[row_key(voiced.age_group, area_id, voiced.slot, voiced.holiday)].append(answer)
    existing = _existing(survey)
    rows = []
    for key, voicing in voices.items():
        age_group, area_pk, slot, holiday = key.split("|")
        area_id = int(area_pk) or None
        until = None
        if slot == Slot.AFTER_SCHOOL:
            until = until_of([a.pickup_time for a in voicing if a.pickup_time is not None])
        rows.append(
            ProposedNeed(
                key=key,
                age_group=age_group,
                area=areas[area_id],
                slot=slot,
                holiday=holiday,
                respondents=len(voicing),
                answers=scope_answers[area_id],
                until=until,
                existing=existing.get(key, [None])[0],
            )
        )
    rows.sort(
        key=lambda row: (
            _AGE_ORDER.get(row.age_group, 99),
            row.area is not None,
            row.area.name if row.area else "",
            _SLOT_ORDER.get(row.slot, 99),
            _HOLIDAY_ORDER.get(row.holiday, -1),
        )
    )
    return rows


def _existing(survey: Survey) -> dict[str, list[Need]]:
    """The needs this survey made before, by the row they stand for."""
    needs: dict[str, list[Need]] = defaultdict(list)
    for need in (
        Need.objects.filter(survey_link__survey=survey).select_related("area").order_by("pk")
    ):
        needs[need_key(need)].append(need)
    return needs


def linked_needs(survey: Survey) -> list[Need]:
    """What the intake already holds from this survey."""
    return list(
        Need.objects.filter(survey_link__survey=survey)
        .select_related("area")
        .order_by("age_group", "slot", "pk")
    )


@dataclass
class Applied:
    added: int = 0
    updated: int = 0
    removed: int = 0
    needs: list[Need] = field(default_factory=list)


@transaction.atomic
def apply(survey: Survey, keys, *, remove_stale: bool = False) -> Applied:
    """Write the proposed rows whose key is in ``keys`` as intake needs of the trajectory.

    A row this survey made a need for before updates that need; with ``remove_stale``, the
    survey's needs no proposed row stands for any more are deleted (a row left unticked is
    not removed: it is still proposed). Keys that name no proposed row are ignored.
    Everything or nothing is saved: a need that fails ``full_clean`` raises and rolls back.
    """
    chosen = set(keys)
    rows = proposal(survey)
    existing = _existing(survey)
    result = Applied()
    for row in rows:
        if row.key not in chosen:
            continue
        matching = existing.get(row.key) or []
        need = matching[0] if matching else Need(trajectory=survey.trajectory)
        row.fill(need, survey)
        need.full_clean()
        if need.pk:
            need.version += 1
            need.save()
            result.updated += 1
        else:
            need.save()
            SurveyNeed.objects.create(survey=survey, need=need)
            result.added += 1
        result.needs.append(need)
    if remove_stale:
        stale = _stale(existing, rows)
        for need in stale:
            need.delete()
        result.removed = len(stale)
    return result


def stale_needs(survey: Survey, rows: list[ProposedNeed]) -> list[Need]:
    """The survey's needs no proposed row stands for (removed only when the user asks)."""
    return _stale(_existing(survey), rows)


def _stale(existing: dict[str, list[Need]], rows: list[ProposedNeed]) -> list[Need]:
    # A second need for the same row (made by hand into a copy) is stale too.
    proposed = {row.key for row in rows}
    return [
        need
        for key, needs in existing.items()
        for index, need in enumerate(needs)
        if key not in proposed or index > 0
    ]
