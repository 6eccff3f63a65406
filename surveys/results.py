"""A survey's results: what its counted answers say, with small-cell suppression.

Everything here reads ``Response.objects.counted()`` (answers of a burst count only once a
coordinator accepted it) in one query, whatever the number of answers, and counts the need
with ``surveys.needs.needs_of``, the one rule for which needs an answer voices.

**Small-cell suppression.** The results page, its filter and both exports show a count of
answers by school site, by area (a sub-municipality, or a postal code where only that was
given) or by language only where that group is safe to show. The rule, per breakdown (the
groups of one kind, with "not given" as a group of its own, so the groups add up to the
total that the page shows):

1. *Primary*: a group with 1 to ``MINIMUM_CELL`` - 1 answers is hidden and reads "fewer
   than 5".
2. *Complementary*: hiding is not enough when the total minus the groups shown pins a
   hidden group to one number (one site hidden: total − the others is its count; two sites
   with 4 each: 8 hidden answers can only be 4 + 4). So for every hidden group we work out
   the range of counts it could have, given what a reader sees: the total, the counts shown,
   "fewer than 5" (1..4), "hidden" for a group of 5 or more hidden to protect another
   (5..the smallest count still shown). While some hidden group's range is a single
   number, the smallest group still shown is hidden too (reading "hidden"), together with
   every group of the same count (a tie would otherwise bound it exactly).
3. If even hiding every group leaves one pinned (e.g. 6 answers: 1 at one site, 5 at the
   other), the breakdown is withheld altogether: only the total is shown.

A group's results (the filter of the page) are shown only for a group whose count is shown;
the answers export blanks the site, area and language of every answer whose group is hidden
(primary or complementary), so counting its blank cells tells no more than the page.
Each column is suppressed on its own rule: a site hidden in an area whose count is shown is
still blank as a site (a reader learns that some answers of that area came from small sites,
as the page tells too).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from municipalities.choices import AgeGroup
from surveys.models import MINIMUM_CELL, Burst, Response, Survey
from surveys.needs import needs_of
from surveys.questions import Barrier, Company, Holiday, Interest, Moment, Occupation, Place

SHOWN = ""
SMALL = "small"  # 1..MINIMUM_CELL-1 answers: "fewer than 5"
COMPLEMENT = "complement"  # hidden to protect a small group

NOT_GIVEN = "none"


@dataclass
class Group:
    key: str
    label: str
    count: int
    hidden: str = SHOWN

    @property
    def shown(self) -> bool:
        return self.hidden == SHOWN


@dataclass
class Breakdown:
    title: str
    groups: list[Group]
    #: Even hiding every group would tell a group's count: only the total is shown.
    withheld: bool = False

    def hidden_keys(self) -> set[str]:
        if self.withheld:
            return {group.key for group in self.groups}
        return {group.key for group in self.groups if not group.shown}

    def shown_group(self, key: str) -> Group | None:
        if self.withheld:
            return None
        return next((g for g in self.groups if g.key == key and g.shown), None)


def _ranges(groups: list[Group], total: int) -> list[tuple[int, int]]:
    """For each hidden group, the lowest and highest count a reader could deduce."""
    shown = [group.count for group in groups if group.shown]
    hidden_sum = total - sum(shown)
    ceiling = min(shown, default=total)
    bounds = [
        (1, MINIMUM_CELL - 1) if group.hidden == SMALL else (MINIMUM_CELL, ceiling)
        for group in groups
        if not group.shown
    ]
    low_sum = sum(low for low, _high in bounds)
    high_sum = sum(high for _low, high in bounds)
    return [
        (max(low, hidden_sum - (high_sum - high)), min(high, hidden_sum - (low_sum - low)))
        for low, high in bounds
    ]


def _pinned(groups: list[Group], total: int) -> bool:
    return any(low >= high for low, high in _ranges(groups, total))


def suppress(title: str, counts: list[tuple[str, str, int]]) -> Breakdown:
    """The breakdown of these (key, label, count) groups, suppressed by the module's rule."""
    groups = [Group(key, label, count) for key, label, count in counts if count > 0]
    total = sum(group.count for group in groups)
    for group in groups:
        if group.count < MINIMUM_CELL:
            group.hidden = SMALL
    while _pinned(groups, total):
        shown = [group for group in groups if group.shown]
        if not shown:
            return Breakdown(title, groups, withheld=True)
        smallest = min(group.count for group in shown)
        for group in shown:
            if group.count == smallest:
                group.hidden = COMPLEMENT
    groups.sort(key=lambda group: (group.key == NOT_GIVEN, str(group.label).lower()))
    return Breakdown(title, groups)


def site_key(response) -> str:
    return f"site-{response.site_id}" if response.site_id else NOT_GIVEN


def area_key(response) -> str:
    if response.area_id:
        return f"area-{response.area_id}"
    if response.postal_code:
        return f"postal-{response.postal_code}"
    return NOT_GIVEN


def language_key(response) -> str:
    return response.language or NOT_GIVEN


def site_label(response) -> str:
    return str(response.site) if response.site_id else str(_("Not given"))


def area_label(response) -> str:
    if response.area_id:
        return response.area.name
    if response.postal_code:
        return str(_("postal code %(code)s") % {"code": response.postal_code})
    return str(_("Not given"))


def language_label(response) -> str:
    if not response.language:
        return str(_("Not given"))
    return response.language_name()


DIMENSIONS = {
    "site": (site_key, site_label, _("School or site")),
    "area": (area_key, area_label, _("Area")),
    "language": (language_key, language_label, _("Language")),
}


def counted_answers(survey: Survey) -> list[Response]:
    """The survey's counted answers with what results and exports read, in one query. The
    original free text is left out: only the coordinator's review reads it."""
    return list(
        Response.objects.counted()
        .filter(survey=survey)
        .select_related("site__school", "area")
        .defer("free_text")
        .order_by("pk")
    )


def breakdowns(answers: list[Response]) -> dict[str, Breakdown]:
    result = {}
    for name, (key_of, label_of, title) in DIMENSIONS.items():
        counts: Counter = Counter()
        labels = {}
        for answer in answers:
            key = key_of(answer)
            counts[key] += 1
            labels.setdefault(key, label_of(answer))
        result[name] = suppress(str(title), [(key, labels[key], n) for key, n in counts.items()])
    return result


@dataclass
class MatrixRow:
    key: str
    label: str
    cells: list[int]


@dataclass
class Tally:
    """How many answers chose each option of one question (options in vocabulary order)."""

    title: str
    rows: list[tuple[str, str, int]]
    answered: int


def need_matrix(answers: list[Response]) -> list[MatrixRow]:
    """Parents' answers voicing a need, per moment (each holiday its own row) × age group:
    the shape of the plan's coverage matrix, turned so the moments are rows."""
    counts: Counter = Counter()
    for answer in answers:
        for need in set(needs_of(answer)):
            counts[(need.holiday or need.slot, need.age_group)] += 1
    rows = [(moment.value, moment.label) for moment in Moment] + [
        (holiday.value, holiday.label) for holiday in Holiday
    ]
    ages = [age.value for age in AgeGroup]
    return [MatrixRow(key, str(label), [counts[(key, age)] for age in ages]) for key, label in rows]


def _tally(title, choices, answers, attribute) -> Tally:
    counts: Counter = Counter()
    for answer in answers:
        value = getattr(answer, attribute)
        counts.update(value if isinstance(value, list) else [value] if value else [])
    return Tally(
        str(title),
        [(choice.value, str(choice.label), counts[choice.value]) for choice in choices],
        sum(1 for answer in answers if getattr(answer, attribute)),
    )


def tallies(answers: list[Response]) -> list[Tally]:
    parents = [answer for answer in answers if answer.kind == Response.Kind.PARENT]
    children = [answer for answer in answers if answer.kind == Response.Kind.CHILD]
    return [
        _tally(_("What holds parents back"), Barrier, parents, "barriers"),
        _tally(_("Whether the parents work or study"), Occupation, parents, "occupation"),
        _tally(_("What children like to do, say their parents"), Interest, parents, "interests"),
        _tally(_("What children like to do, say the children"), Interest, children, "interests"),
        _tally(_("Where children would like to be"), Place, children, "places"),
        _tally(_("With whom children would like to be"), Company, children, "company"),
    ]


@dataclass
class Results:
    total: int
    parents: int
    children: int
    breakdowns: dict[str, Breakdown]
    age_groups: list[str]
    matrix: list[MatrixRow]
    tallies: list[Tally]
    texts: list[str]
    #: The site or area the need, barriers and interests are filtered to.
    filtered_to: Group | None = None
    filter_dimension: str = ""
    filtered_total: int = 0
    filter_choices: list[tuple[str, str]] = field(default_factory=list)


def filter_choices(parts: dict[str, Breakdown]) -> list[tuple[str, str]]:
    """The sites and areas a reader may filter to: those whose count is shown."""
    return [
        (group.key, group.label)
        for name in ("site", "area")
        for group in parts[name].groups
        if group.key != NOT_GIVEN and parts[name].shown_group(group.key)
    ]


def results_of(survey: Survey, *, place: str = "", answers=None) -> Results:
    """The survey's results, the need and choices filtered to one site or area (its key, as
    in ``filter_choices``) when ``place`` names one whose count is shown; otherwise whole."""
    answers = counted_answers(survey) if answers is None else answers
    parts = breakdowns(answers)
    selected, dimension, chosen = None, "", answers
    for name in ("site", "area"):
        group = parts[name].shown_group(place) if place and place != NOT_GIVEN else None
        if group is not None:
            selected, dimension = group, name
            key_of = DIMENSIONS[name][0]
            chosen = [answer for answer in answers if key_of(answer) == place]
    return Results(
        total=len(answers),
        parents=sum(1 for answer in answers if answer.kind == Response.Kind.PARENT),
        children=sum(1 for answer in answers if answer.kind == Response.Kind.CHILD),
        breakdowns=parts,
        age_groups=[str(age.label) for age in AgeGroup],
        matrix=need_matrix(chosen),
        tallies=tallies(chosen),
        texts=published_texts(answers),
        filtered_to=selected,
        filter_dimension=dimension,
        filtered_total=len(chosen),
        filter_choices=filter_choices(parts),
    )


def published_texts(answers: list[Response]) -> list[str]:
    """What officials may read of the free texts: the shown version a coordinator published."""
    return [
        answer.free_text_shown
        for answer in answers
        if answer.free_text_status == Response.TextStatus.PUBLISHED and answer.free_text_shown
    ]


def texts_to_review(survey: Survey):
    """Free texts a coordinator has not reviewed yet (a discarded burst's are not asked)."""
    return (
        Response.objects.filter(survey=survey, free_text_status=Response.TextStatus.PENDING)
        .exclude(free_text="")
        .exclude(burst__status=Burst.Status.DISCARDED)
    )
