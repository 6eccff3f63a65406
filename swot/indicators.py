"""Suggestions for SWOT items, computed from a trajectory's intake.

Every indicator reads the same in-memory copy of the intake: each table is loaded once,
so the number of queries does not grow with the number of schools, providers or needs.
(The children counts are read a second time by ``children_per_age_group``, so the totals
are those the intake overview shows.)
Texts are rendered in the active language with ``gettext`` (not lazily): an accepted
suggestion is stored on the item as it was shown.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.intake import AgeGroupFigures, children_per_age_group, latest_years
from municipalities.models import (
    Area,
    CareProvider,
    ChildrenCount,
    LeisureActor,
    Need,
    School,
    Site,
    SiteYear,
    Trajectory,
)
from swot.models import (
    IndicatorDecision,
    Quadrant,
    SuggestionKeys,
    SwotAnalysis,
    SwotItem,
    Theme,
)

# Care places per 100 children. These are PLUS rules of thumb, not legal norms: they only
# decide which suggestions appear, the coordinator judges the item.
# Below 15 places per 100 children of 5–10, hardly one child in seven can get a place,
# too few for working parents of primary-school children (the core of BOA).
LOW_CARE_PER_100_CHILDREN = 15
# From 30 places per 100 children of 5–10 on, nearly one child in three can be cared for:
# an offer to build on.
HIGH_CARE_PER_100_CHILDREN = 30
# Teens need less supervised care and the 11–15 group largely falls outside the BOA
# subsidies, so far fewer places are expected.
LOW_CARE_PER_100_TEENS = 5
# Twice the low mark, as for 5–10 (15 → 30).
HIGH_CARE_PER_100_TEENS = 10

LOW_CARE_PER_100 = {
    AgeGroup.CHILDREN: LOW_CARE_PER_100_CHILDREN,
    AgeGroup.TEENS: LOW_CARE_PER_100_TEENS,
}
HIGH_CARE_PER_100 = {
    AgeGroup.CHILDREN: HIGH_CARE_PER_100_CHILDREN,
    AgeGroup.TEENS: HIGH_CARE_PER_100_TEENS,
}

# The 11–15 offer is a gap when it is below this share of the 5–10 offer (per 100 children):
# PLUS joins care and leisure for both groups, and a teen offer at less than half the level
# of the younger group's is a gap worth naming in the SWOT.
TEEN_OFFER_MIN_SHARE = Decimal("0.5")

# Flemish primary-school averages of the GOK pupil indicators, 2021–22 (DESIGN.md §2).
GOK_AVERAGES = {
    "gok_school_allowance": Decimal(39),
    "gok_home_language": Decimal(24),
    "gok_neighbourhood": Decimal(24),
    "gok_mother_education": Decimal(21),
}

# The GOK averages are those of primary schools: a school that only teaches secondary
# is not compared with them.
PRIMARY_LEVELS = {School.Level.KLEUTER, School.Level.LAGER, School.Level.BUITENGEWOON}

# How many leisure actors the partnership suggestion names before "…".
NAMES_SHOWN = 5

STATEMENT_LENGTH = SwotItem._meta.get_field("statement").max_length


@dataclass(frozen=True)
class Suggestion:
    key: str
    theme: str
    quadrant: str
    statement: str
    explanation: str
    figures: str
    age_groups: list[str]
    evidence: dict[str, list[int]] = field(default_factory=dict)

    @property
    def theme_label(self) -> str:
        return str(Theme(self.theme).label)

    @property
    def quadrant_label(self) -> str:
        return str(Quadrant(self.quadrant).label)


@dataclass
class _Intake:
    """The intake of one trajectory, each table loaded once."""

    sites: list[Site]
    latest: dict[int, SiteYear]
    providers: list[CareProvider]
    actors: list[LeisureActor]
    needs: list[Need]
    counts: list[ChildrenCount]
    children: dict[str, int]
    providers_by_site: dict[int, list[CareProvider]] = field(default_factory=dict)

    def __post_init__(self):
        for provider in self.providers:
            for site in provider.sites_served.all():
                self.providers_by_site.setdefault(site.pk, []).append(provider)

    @classmethod
    def load(cls, trajectory: Trajectory) -> _Intake:
        sites = list(
            Site.objects.filter(school__trajectory=trajectory)
            .select_related("school", "area")
            .prefetch_related("years")
        )
        providers = list(
            CareProvider.objects.filter(trajectory=trajectory).prefetch_related(
                Prefetch("sites_served", queryset=Site.objects.order_by().only("pk"))
            )
        )
        return cls(
            sites=sites,
            latest=latest_years(sites),
            providers=providers,
            actors=list(LeisureActor.objects.filter(trajectory=trajectory).select_related("area")),
            needs=list(Need.objects.filter(trajectory=trajectory)),
            counts=list(ChildrenCount.objects.filter(trajectory=trajectory).select_related("area")),
            children=children_per_age_group(trajectory),
        )

    def served_by(self, site: Site) -> list[CareProvider]:
        return self.providers_by_site.get(site.pk, [])


def compute_suggestions(trajectory: Trajectory) -> list[Suggestion]:
    """Every suggestion the intake supports, ordered by theme, then quadrant."""
    intake = _Intake.load(trajectory)
    suggestions = [
        *_care_per_100(intake),
        *_sites_without_after_school(intake),
        *_sites_without_leisure(intake),
        *_schools_with_high_gok(intake),
        *_uncovered_needs(intake),
        *_teen_offer_gap(intake),
        *_actors_outside_partnership(intake),
        *_families_voice(intake),
    ]
    themes, quadrants = list(Theme.values), list(Quadrant.values)
    return sorted(suggestions, key=lambda s: (themes.index(s.theme), quadrants.index(s.quadrant)))


def _decided_keys(analysis: SwotAnalysis) -> set[str]:
    """The suggestions accepted or dismissed in this analysis."""
    decided = set(IndicatorDecision.objects.filter(analysis=analysis).values_list("key", flat=True))
    decided |= set(analysis.items.exclude(indicator_key="").values_list("indicator_key", flat=True))
    return decided


def suggestions_for(analysis: SwotAnalysis) -> list[Suggestion]:
    """The suggestions still open: not yet accepted or dismissed in this analysis."""
    decided = _decided_keys(analysis)
    return [s for s in compute_suggestions(analysis.trajectory) if s.key not in decided]


# The intake tables the indicators read. Every write to them, the import's bulk writes and
# deletions included, adds a history row, so the newest history row of each names the state
# of a trajectory's intake.
_INTAKE_TABLES = [Area, School, Site, SiteYear, CareProvider, LeisureActor, Need, ChildrenCount]


@functools.cache
def _newest_history_sql() -> str:
    """One SELECT of the newest history id per intake table of a trajectory. Written out
    because the ORM takes longer to compile its eight subqueries than the database to
    answer them, and built once: the history managers it asks for the tables are slow."""
    table = {model: model._meta.db_table for model in _INTAKE_TABLES}
    history = {model: model.history.model._meta.db_table for model in _INTAKE_TABLES}
    newest = []
    for model in _INTAKE_TABLES:
        if model is Site:
            way = f"JOIN {table[School]} s ON s.id = h.school_id WHERE s.trajectory_id = %s"
        elif model is SiteYear:
            way = (
                f"JOIN {table[Site]} si ON si.id = h.site_id "
                f"JOIN {table[School]} s ON s.id = si.school_id WHERE s.trajectory_id = %s"
            )
        else:
            way = "WHERE h.trajectory_id = %s"
        newest.append(f"(SELECT MAX(h.history_id) FROM {history[model]} h {way})")
    return f"SELECT {', '.join(newest)}"


def intake_state(trajectory: Trajectory) -> str:
    """What the suggestions are computed from, in one short string (one query): it changes
    whenever a record the indicators read is added, changed or deleted."""
    with connection.cursor() as cursor:
        cursor.execute(_newest_history_sql(), [trajectory.pk] * len(_INTAKE_TABLES))
        row = cursor.fetchone()
    return ":".join(str(history_id or 0) for history_id in row)


def open_suggestion_count(analysis: SwotAnalysis) -> int:
    """How many suggestions are still open. The indicators are computed again only when
    the intake changed since they were last counted."""
    trajectory = analysis.trajectory
    state = intake_state(trajectory)
    keys = (
        SuggestionKeys.objects.filter(trajectory=trajectory, intake_state=state)
        .values_list("keys", flat=True)
        .first()
    )
    if keys is None:
        keys = [suggestion.key for suggestion in compute_suggestions(trajectory)]
        SuggestionKeys.objects.update_or_create(
            trajectory=trajectory, defaults={"intake_state": state, "keys": keys}
        )
    return len(set(keys) - _decided_keys(analysis))


# --- Formatting ------------------------------------------------------------------------------


def _number(value, decimals: int | None = None) -> str:
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def _short(age_group: str) -> str:
    """The value with an en dash: shorter than the label, for the figures line."""
    return age_group.replace("-", "–")


def _label(age_group: str) -> str:
    return str(AgeGroup(age_group).label)


def _statement(text: str) -> str:
    return Truncator(text).chars(STATEMENT_LENGTH)


def _capacity(provider: CareProvider, age_group: str) -> int:
    return provider.capacity_5_10 if age_group == AgeGroup.CHILDREN else provider.capacity_11_15


def _evidence(**records) -> dict[str, list[int]]:
    """Evidence field name → pks, leaving out the fields with nothing to cite."""
    return {
        f"evidence_{name}": sorted({record.pk for record in items})
        for name, items in records.items()
        if items
    }


def _counts_used(intake: _Intake, age_group: str) -> list[ChildrenCount]:
    """The children counts behind ``children_per_age_group``: whole municipality, else areas."""
    rows = [c for c in intake.counts if c.age_group == age_group]
    whole = [c for c in rows if c.area_id is None and c.children]
    return whole or [c for c in rows if c.area_id is not None]


def _site_age_groups(intake: _Intake, site: Site) -> list[str]:
    year = intake.latest.get(site.pk)
    if year is None:
        return [AgeGroup.CHILDREN.value]
    groups = [
        group
        for group, pupils in (
            (AgeGroup.CHILDREN, year.pupils_5_10),
            (AgeGroup.TEENS, year.pupils_11_15),
        )
        if pupils
    ]
    return [str(g) for g in groups] or [AgeGroup.CHILDREN.value]


# --- 1. Care places per 100 children ---------------------------------------------------------


def _care_per_100(intake: _Intake) -> list[Suggestion]:
    suggestions = []
    for group in AgeGroup.values:
        providers = [p for p in intake.providers if _capacity(p, group)]
        figures = AgeGroupFigures(
            age_group=group,
            label=_label(group),
            pupils=0,
            children=intake.children[group] or None,
            care_places=sum(_capacity(p, group) for p in intake.providers),
        )
        suggestion = _care_suggestion(
            key=f"care-per-100:{group}",
            figures=figures,
            area=None,
            evidence=_evidence(
                care_providers=providers, children_counts=_counts_used(intake, group)
            ),
        )
        if suggestion:
            suggestions.append(suggestion)

    # Places per area only mean something once providers are placed in areas; otherwise
    # every area would show 0 places and a weakness that is only missing data.
    if not any(p.area_id for p in intake.providers):
        return suggestions
    for count in intake.counts:
        if count.area_id is None:
            continue
        group = count.age_group
        providers = [p for p in intake.providers if p.area_id == count.area_id]
        figures = AgeGroupFigures(
            age_group=group,
            label=_label(group),
            pupils=0,
            children=count.children or None,
            care_places=sum(_capacity(p, group) for p in providers),
        )
        suggestion = _care_suggestion(
            key=f"care-per-100:{group}:area:{count.area_id}",
            figures=figures,
            area=count.area.name,
            evidence=_evidence(
                care_providers=[p for p in providers if _capacity(p, group)],
                children_counts=[count],
            ),
        )
        if suggestion:
            suggestions.append(suggestion)
    return suggestions


def _care_suggestion(
    *, key: str, figures: AgeGroupFigures, area: str | None, evidence: dict
) -> Suggestion | None:
    per_100 = figures.places_per_100_children
    if per_100 is None:
        return None  # children unknown
    group = figures.age_group
    low, high = LOW_CARE_PER_100[group], HIGH_CARE_PER_100[group]
    if per_100 < low:
        quadrant = Quadrant.WEAKNESS
    elif per_100 >= high:
        quadrant = Quadrant.STRENGTH
    else:
        return None
    params = {
        "age_group": figures.label,
        "short": _short(group),
        "area": area,
        "places": _number(figures.care_places),
        "children": _number(figures.children),
        "per_100": _number(per_100, 1),
        "low": _number(low),
        "high": _number(high),
    }
    if quadrant == Quadrant.WEAKNESS and area:
        statement = _("Few care places for %(age_group)s in %(area)s: %(per_100)s per 100 children")
    elif quadrant == Quadrant.WEAKNESS:
        statement = _("Few care places for %(age_group)s: %(per_100)s per 100 children")
    elif area:
        statement = _(
            "Many care places for %(age_group)s in %(area)s: %(per_100)s per 100 children"
        )
    else:
        statement = _("Many care places for %(age_group)s: %(per_100)s per 100 children")
    if area:
        explanation = _(
            "The care providers recorded in %(area)s offer %(places)s places for %(age_group)s; "
            "%(children)s children of that age live there. %(places)s × 100 / %(children)s = "
            "%(per_100)s places per 100 children. Providers without an area are not counted."
        )
    else:
        explanation = _(
            "The care providers offer %(places)s places for %(age_group)s in all; "
            "%(children)s children of that age live in the municipality. "
            "%(places)s × 100 / %(children)s = %(per_100)s places per 100 children."
        )
    explanation += " " + _(
        "Below %(low)s places per 100 children counts as few, from %(high)s on as many."
    )
    return Suggestion(
        key=key,
        theme=Theme.CHILDCARE,
        quadrant=quadrant,
        statement=_statement(statement % params),
        explanation=explanation % params,
        figures=_(
            "Care places %(short)s: %(places)s; children %(short)s: %(children)s; "
            "%(per_100)s places per 100 children"
        )
        % params,
        age_groups=[group],
        evidence=evidence,
    )


# --- 2. Sites without after-school care ------------------------------------------------------


def _has_after_school(intake: _Intake, site: Site) -> bool:
    return Slot.AFTER_SCHOOL in site.care_offer or any(
        Slot.AFTER_SCHOOL in p.slots for p in intake.served_by(site)
    )


def _pupils_line(intake: _Intake, site: Site) -> str:
    year = intake.latest.get(site.pk)
    if year is None:
        return _("No pupil figures recorded.")
    return _("Pupils 5–10: %(children)s; pupils 11–15: %(teens)s (%(year)s)") % {
        "children": _number(year.pupils_5_10),
        "teens": _number(year.pupils_11_15),
        "year": year.school_year,
    }


def _sites_without_after_school(intake: _Intake) -> list[Suggestion]:
    suggestions = []
    for site in intake.sites:
        if _has_after_school(intake, site):
            continue
        providers = intake.served_by(site)
        params = {
            "site": str(site),
            "offer": ", ".join(Site._meta.get_field("care_offer").labels(site.care_offer))
            or _("none"),
            "providers": ", ".join(p.name for p in providers) or _("none"),
        }
        suggestions.append(
            Suggestion(
                key=f"site-no-after-school:{site.pk}",
                theme=Theme.CHILDCARE,
                quadrant=Quadrant.WEAKNESS,
                statement=_statement(_("No after-school care at or for %(site)s") % params),
                explanation=_(
                    "%(site)s offers no after-school care itself (care at the site: %(offer)s) "
                    "and no care provider open after school serves it (providers serving the "
                    "site: %(providers)s)."
                )
                % params,
                figures=_pupils_line(intake, site),
                age_groups=_site_age_groups(intake, site),
                evidence=_evidence(sites=[site], schools=[site.school]),
            )
        )
    return suggestions


# --- 3. Sites without a leisure actor in their area ------------------------------------------


def _sites_without_leisure(intake: _Intake) -> list[Suggestion]:
    # When actors are recorded but none is placed in an area, an empty area says nothing
    # about the offer, only about the data.
    if intake.actors and not any(a.area_id for a in intake.actors):
        return []
    areas_with_actors = {a.area_id for a in intake.actors if a.area_id}
    suggestions = []
    for site in intake.sites:
        if site.area_id is None or site.area_id in areas_with_actors:
            continue
        params = {"site": str(site), "area": site.area.name}
        suggestions.append(
            Suggestion(
                key=f"site-no-leisure:{site.pk}",
                theme=Theme.LEISURE,
                quadrant=Quadrant.WEAKNESS,
                statement=_statement(
                    _("No leisure actor in %(area)s, the area of %(site)s") % params
                ),
                explanation=_(
                    "None of the leisure actors in the intake is in %(area)s, where %(site)s "
                    "is: its pupils have no leisure offer close to school."
                )
                % params,
                figures=_("Leisure actors in %(area)s: 0") % params
                + "; "
                + _pupils_line(intake, site),
                age_groups=_site_age_groups(intake, site),
                evidence=_evidence(sites=[site], schools=[site.school]),
            )
        )
    return suggestions


# --- 4. Schools with a high GOK share --------------------------------------------------------


def _gok_labels() -> dict[str, str]:
    return {
        "gok_school_allowance": _("school allowance"),
        "gok_home_language": _("home language not Dutch"),
        "gok_neighbourhood": _("neighbourhood with high school delay"),
        "gok_mother_education": _("mother without secondary diploma"),
    }


def _percent(value: Decimal, decimals: int | None = 1) -> str:
    return f"{_number(value, decimals)} %"


@dataclass
class _HighGok:
    """A school's sites whose latest year is above a Flemish GOK average, and by how much."""

    sites: list[Site] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    highest: dict[str, Decimal] = field(default_factory=dict)

    @property
    def ordered(self) -> list[str]:
        return [name for name in GOK_AVERAGES if name in self.highest]


def _above_average(year: SiteYear) -> list[tuple[str, Decimal]]:
    return [
        (name, getattr(year, name))
        for name, average in GOK_AVERAGES.items()
        if getattr(year, name) is not None and getattr(year, name) > average
    ]


def _high_gok(intake: _Intake, sites: list[Site], labels: dict[str, str]) -> _HighGok:
    found = _HighGok()
    for site in sites:
        year = intake.latest.get(site.pk)
        above = _above_average(year) if year else []
        if not above:
            continue
        found.sites.append(site)
        for name, value in above:
            found.highest[name] = max(value, found.highest.get(name, value))
            found.lines.append(
                _(
                    "%(site)s (%(year)s): %(indicator)s %(value)s, Flemish average "
                    "%(average)s (%(difference)s percentage points above)"
                )
                % {
                    "site": site,
                    "year": year.school_year,
                    "indicator": labels[name],
                    "value": _percent(value),
                    "average": _percent(GOK_AVERAGES[name], None),
                    "difference": _number(value - GOK_AVERAGES[name], 1),
                }
            )
    return found


def _gok_quadrant_and_texts(has_after_school: bool) -> tuple[str, str, str]:
    """Quadrant, statement and conclusion: care at school is an opportunity to reach the
    families, its absence a weakness."""
    if has_after_school:
        return (
            Quadrant.OPPORTUNITY,
            _(
                "%(school)s already offers care and reaches vulnerable families: GOK shares "
                "above the Flemish average (%(shares)s)"
            ),
            _("The school already offers after-school care: a way to reach vulnerable families."),
        )
    return (
        Quadrant.WEAKNESS,
        _("%(school)s: GOK shares above the Flemish average (%(shares)s) and no after-school care"),
        _("Neither its sites nor a care provider serving them offer after-school care."),
    )


def _gok_suggestion(
    intake: _Intake, school: School, sites: list[Site], high: _HighGok, labels: dict[str, str]
) -> Suggestion:
    providers = {p.pk: p for site in sites for p in intake.served_by(site)}.values()
    offer = {slot for site in sites for slot in site.care_offer}
    area_ids = {site.area_id for site in sites if site.area_id}
    actors = [a for a in intake.actors if a.area_id in area_ids]
    params = {
        "school": school.name,
        "shares": ", ".join(f"{labels[n]} {_percent(high.highest[n])}" for n in high.ordered),
        "offer": ", ".join(str(Slot(s).label) for s in Slot.values if s in offer) or _("none"),
        "providers": ", ".join(p.name for p in providers) or _("none"),
        "actors": ", ".join(a.name for a in actors) or _("none"),
    }
    quadrant, statement, conclusion = _gok_quadrant_and_texts(
        any(_has_after_school(intake, site) for site in sites)
    )
    explanation = "\n".join(
        [
            *high.lines,
            _("Care offered at its sites: %(offer)s.") % params,
            _("Care providers serving its sites: %(providers)s.") % params,
            _("Leisure actors in the areas of its sites: %(actors)s.") % params,
            conclusion,
        ]
    )
    figures = "; ".join(
        _("%(indicator)s %(value)s (Flemish average %(average)s)")
        % {
            "indicator": labels[n],
            "value": _percent(high.highest[n]),
            "average": _percent(GOK_AVERAGES[n], None),
        }
        for n in high.ordered
    )
    return Suggestion(
        key=f"gok-high:school:{school.pk}",
        theme=Theme.SCHOOLS,
        quadrant=quadrant,
        statement=_statement(statement % params),
        explanation=explanation,
        figures=capfirst(figures),
        age_groups=[AgeGroup.CHILDREN.value],
        evidence=_evidence(
            schools=[school],
            sites=high.sites,
            care_providers=list(providers),
            leisure_actors=actors,
        ),
    )


def _schools_with_high_gok(intake: _Intake) -> list[Suggestion]:
    """A primary school with a site above a Flemish GOK average: an opportunity where it
    offers after-school care, a weakness where it does not."""
    labels = _gok_labels()
    sites_by_school: dict[School, list[Site]] = defaultdict(list)
    for site in intake.sites:
        sites_by_school[site.school].append(site)
    suggestions = []
    for school, sites in sites_by_school.items():
        if school.levels and not PRIMARY_LEVELS & set(school.levels):
            continue
        high = _high_gok(intake, sites, labels)
        if high.sites:
            suggestions.append(_gok_suggestion(intake, school, sites, high, labels))
    return suggestions


# --- 5. Needs no provider covers -------------------------------------------------------------


def _uncovered_needs(intake: _Intake) -> list[Suggestion]:
    groups: dict[tuple[str, str, str | None], list[Need]] = defaultdict(list)
    for need in intake.needs:
        if need.slot == Slot.HOLIDAYS and need.holiday_periods:
            for period in need.holiday_periods:
                groups[(need.age_group, need.slot, period)].append(need)
        else:
            groups[(need.age_group, need.slot, None)].append(need)

    voices = dict(Need.Voice.choices)
    suggestions = []
    for (group, slot, period), needs in groups.items():
        # Providers record holidays as one slot, not per period: open in the holidays with
        # places for the age group counts as covering every period.
        if any(slot in p.slots and _capacity(p, group) for p in intake.providers):
            continue
        known = [n.children_concerned for n in needs if n.children_concerned is not None]
        params = {
            "slot": str(HolidayPeriod(period).label) if period else str(Slot(slot).label),
            "age_group": _label(group),
            "children": _number(sum(known)) if known else _("unknown"),
            "respondents": _number(sum(n.respondents for n in needs)),
            "voices": ", ".join(
                str(voices[v]).lower() for v in dict.fromkeys(n.voiced_by for n in needs)
            ),
        }
        key = f"need-uncovered:{group}:{slot}" + (f":{period}" if period else "")
        suggestions.append(
            Suggestion(
                key=key,
                theme=Theme.CHILDCARE,
                quadrant=Quadrant.WEAKNESS,
                statement=_statement(
                    _(
                        "Need not covered by any care provider: %(slot)s, %(age_group)s "
                        "(%(children)s children concerned, %(respondents)s respondents)"
                    )
                    % params
                ),
                explanation=ngettext(
                    "%(count)s recorded need asks for %(slot)s for %(age_group)s (voiced by "
                    "%(voices)s), and no care provider in the intake is open then with places "
                    "for that age group.",
                    "%(count)s recorded needs ask for %(slot)s for %(age_group)s (voiced by "
                    "%(voices)s), and no care provider in the intake is open then with places "
                    "for that age group.",
                    len(needs),
                )
                % {**params, "count": len(needs)},
                figures=_("Children concerned: %(children)s; respondents: %(respondents)s")
                % params,
                age_groups=[group],
                evidence=_evidence(needs=needs),
            )
        )
    return suggestions


# --- 6. The 11–15 offer against the 5–10 offer -----------------------------------------------


def _teen_offer_gap(intake: _Intake) -> list[Suggestion]:
    per_100, params, evidence = {}, {}, defaultdict(list)
    for group in AgeGroup.values:
        children = intake.children[group]
        if not children:
            return []  # children unknown: nothing to compare
        places = sum(_capacity(p, group) for p in intake.providers)
        actors = [a for a in intake.actors if group in a.age_groups]
        per_100[group] = (
            Decimal(100 * places) / children,
            Decimal(100 * len(actors)) / children,
        )
        prefix = "teen" if group == AgeGroup.TEENS else "child"
        params.update(
            {
                f"{prefix}_children": _number(children),
                f"{prefix}_places": _number(places),
                f"{prefix}_actors": _number(len(actors)),
                f"{prefix}_places_per_100": _number(per_100[group][0], 1),
                f"{prefix}_actors_per_100": _number(per_100[group][1], 2),
            }
        )
        evidence["children_counts"] += _counts_used(intake, group)
        if group == AgeGroup.TEENS:
            evidence["care_providers"] = [p for p in intake.providers if p.capacity_11_15]
            evidence["leisure_actors"] = actors

    children_offer, teen_offer = per_100[AgeGroup.CHILDREN], per_100[AgeGroup.TEENS]
    short = [
        label
        for label, child, teen in zip(
            (_("care places"), _("leisure actors")), children_offer, teen_offer, strict=True
        )
        if child and teen < child * TEEN_OFFER_MIN_SHARE
    ]
    if not short:
        return []
    params.update(
        {
            "children_label": _label(AgeGroup.CHILDREN),
            "teen_label": _label(AgeGroup.TEENS),
            "short": (" " + _("and") + " ").join(short),
        }
    )
    return [
        Suggestion(
            key="teen-offer-gap",
            theme=Theme.LEISURE,
            quadrant=Quadrant.WEAKNESS,
            statement=_statement(
                _(
                    "Less offer for 11–15 than for 5–10: %(teen_places_per_100)s against "
                    "%(child_places_per_100)s care places and %(teen_actors_per_100)s against "
                    "%(child_actors_per_100)s leisure actors per 100 children"
                )
                % params
            ),
            explanation=_(
                "%(children_label)s: %(child_places)s care places and %(child_actors)s leisure "
                "actors for %(child_children)s children, or %(child_places_per_100)s places and "
                "%(child_actors_per_100)s actors per 100 children. %(teen_label)s: "
                "%(teen_places)s care places and %(teen_actors)s leisure actors for "
                "%(teen_children)s children, or %(teen_places_per_100)s places and "
                "%(teen_actors_per_100)s actors per 100 children. For %(short)s the 11–15 "
                "figure is less than half the 5–10 one."
            )
            % params,
            figures=_(
                "Per 100 children 5–10: %(child_places_per_100)s care places, "
                "%(child_actors_per_100)s leisure actors; per 100 children 11–15: "
                "%(teen_places_per_100)s care places, %(teen_actors_per_100)s leisure actors"
            )
            % params,
            age_groups=[AgeGroup.TEENS.value],
            evidence=_evidence(**evidence),
        )
    ]


# --- 7. Leisure actors outside the local partnership -----------------------------------------


def _actors_outside_partnership(intake: _Intake) -> list[Suggestion]:
    outside = [a for a in intake.actors if not a.in_partnership]
    if not outside:
        return []
    names = ", ".join(a.name for a in outside[:NAMES_SHOWN])
    if len(outside) > NAMES_SHOWN:
        names += ", …"
    params = {"count": len(outside), "names": names, "total": len(intake.actors)}
    groups = {group for actor in outside for group in actor.age_groups}
    return [
        Suggestion(
            key="actors-outside-partnership",
            theme=Theme.PARTICIPATION,
            quadrant=Quadrant.OPPORTUNITY,
            statement=_statement(
                ngettext(
                    "%(count)s leisure actor is not yet in the local partnership: %(names)s",
                    "%(count)s leisure actors are not yet in the local partnership: %(names)s",
                    len(outside),
                )
                % params
            ),
            explanation=ngettext(
                "%(count)s of the %(total)s leisure actors in the intake is not yet in the "
                "local partnership (lokaal samenwerkingsverband) that the municipality forms "
                "for its out-of-school care and activities policy: a partner to invite.",
                "%(count)s of the %(total)s leisure actors in the intake are not yet in the "
                "local partnership (lokaal samenwerkingsverband) that the municipality forms "
                "for its out-of-school care and activities policy: partners to invite.",
                len(outside),
            )
            % params,
            figures=_("Leisure actors: %(total)s; outside the partnership: %(count)s") % params,
            age_groups=[g for g in AgeGroup.values if g in groups],
            evidence=_evidence(leisure_actors=outside),
        )
    ]


# --- 8. Whether families voiced the needs themselves -----------------------------------------

# Sources where parents or children speak for themselves, not a school or a coordinator's notes.
FAMILY_SOURCES = {Need.Source.SURVEY, Need.Source.FOCUS_GROUP}


def _families_voice(intake: _Intake) -> list[Suggestion]:
    """Resident participation: the intake's needs come from parents and children themselves
    (a survey, a focus group), or they do not."""
    if not intake.needs:
        return []
    voiced = [
        n
        for n in intake.needs
        if n.source in FAMILY_SOURCES and n.voiced_by in (Need.Voice.PARENTS, Need.Voice.CHILDREN)
    ]
    if not voiced:
        return [
            Suggestion(
                key="families-voice-missing",
                theme=Theme.PARTICIPATION,
                quadrant=Quadrant.WEAKNESS,
                statement=_statement(
                    _("No need in the intake comes from parents or children themselves")
                ),
                explanation=_(
                    "The %(count)s recorded needs come from schools, interviews or other "
                    "sources; none from a survey or focus group of families. A public survey "
                    "lets parents and children say what they need in their own words."
                )
                % {"count": len(intake.needs)},
                figures=_("Needs: %(count)s; from families themselves: 0")
                % {"count": len(intake.needs)},
                age_groups=[],
            )
        ]
    sources = dict(Need.Source.choices)
    names = list(dict.fromkeys(n.source_name or str(sources[n.source]) for n in voiced))
    params = {
        "count": len(voiced),
        "sources": ", ".join(names[:NAMES_SHOWN]) + (", …" if len(names) > NAMES_SHOWN else ""),
        "respondents": _number(max(n.respondents for n in voiced)),
    }
    return [
        Suggestion(
            key="families-voice",
            theme=Theme.PARTICIPATION,
            quadrant=Quadrant.STRENGTH,
            statement=_statement(
                ngettext(
                    "Families voiced %(count)s need themselves (%(sources)s)",
                    "Families voiced %(count)s needs themselves (%(sources)s)",
                    len(voiced),
                )
                % params
            ),
            explanation=_(
                "These needs in the intake come from parents or children themselves, through "
                "%(sources)s: the plan can answer what families asked for."
            )
            % params,
            figures=_(
                "Needs from families: %(count)s; most respondents behind one need: %(respondents)s"
            )
            % params,
            age_groups=[g for g in AgeGroup.values if any(n.age_group == g for n in voiced)],
            evidence=_evidence(needs=voiced),
        )
    ]
