"""What the intake of a trajectory adds up to: key figures and the checklist towards the SWOT."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from municipalities.choices import AgeGroup
from municipalities.models import (
    CareProvider,
    ChildrenCount,
    LeisureActor,
    Need,
    Site,
    SiteYear,
    Trajectory,
)


def places_per_100_children(care_places: int, children: int | None) -> float | None:
    """Care places for every 100 children of an age group; None while children are unknown."""
    if not children:
        return None
    return round(100 * care_places / children, 1)


@dataclass(frozen=True)
class AgeGroupFigures:
    age_group: str
    label: str
    pupils: int
    children: int | None
    care_places: int

    @property
    def places_per_100_children(self) -> float | None:
        return places_per_100_children(self.care_places, self.children)


@dataclass(frozen=True)
class IntakeFigures:
    schools: int
    sites: int
    school_year: str | None
    age_groups: list[AgeGroupFigures]
    care_providers: int
    leisure_by_kind: list[tuple[str, int]]
    leisure_in_partnership: int
    needs_by_age_group: dict[str, int]
    sites_without_figures: list[Site]

    @property
    def leisure_actors(self) -> int:
        return sum(count for _kind, count in self.leisure_by_kind)


def latest_years(sites: list[Site]) -> dict[int, SiteYear]:
    """Each site's most recent school year figures (sites must prefetch ``years``)."""
    return {site.pk: site.latest_year for site in sites if site.latest_year}


def children_per_age_group(trajectory: Trajectory) -> dict[str, int]:
    """Children per age group: the whole-municipality count, or else the sum of the areas."""
    whole, by_areas = Counter(), Counter()
    for count in ChildrenCount.objects.filter(trajectory=trajectory):
        target = whole if count.area_id is None else by_areas
        target[count.age_group] += count.children
    return {group: whole.get(group) or by_areas.get(group, 0) for group in AgeGroup.values}


def intake_figures(trajectory: Trajectory) -> IntakeFigures:
    sites = list(
        Site.objects.filter(school__trajectory=trajectory).prefetch_related(
            Prefetch("years", queryset=SiteYear.objects.order_by("-school_year"))
        )
    )
    latest = latest_years(sites)
    providers = list(CareProvider.objects.filter(trajectory=trajectory))
    children = children_per_age_group(trajectory)
    age_groups = [
        AgeGroupFigures(
            age_group=AgeGroup.CHILDREN,
            label=AgeGroup.CHILDREN.label,
            pupils=sum(year.pupils_5_10 for year in latest.values()),
            children=children[AgeGroup.CHILDREN] or None,
            care_places=sum(p.capacity_5_10 for p in providers),
        ),
        AgeGroupFigures(
            age_group=AgeGroup.TEENS,
            label=AgeGroup.TEENS.label,
            pupils=sum(year.pupils_11_15 for year in latest.values()),
            children=children[AgeGroup.TEENS] or None,
            care_places=sum(p.capacity_11_15 for p in providers),
        ),
    ]
    actors = list(
        LeisureActor.objects.filter(trajectory=trajectory).values("kind", "in_partnership")
    )
    kinds = Counter(actor["kind"] for actor in actors)
    labels = dict(LeisureActor.Kind.choices)
    needs = Counter(Need.objects.filter(trajectory=trajectory).values_list("age_group", flat=True))
    return IntakeFigures(
        schools=trajectory.schools.count(),
        sites=len(sites),
        school_year=max((year.school_year for year in latest.values()), default=None),
        age_groups=age_groups,
        care_providers=len(providers),
        leisure_by_kind=[(labels[kind], count) for kind, count in kinds.most_common()],
        leisure_in_partnership=sum(1 for actor in actors if actor["in_partnership"]),
        needs_by_age_group={
            AgeGroup(group).label: needs.get(group, 0) for group in AgeGroup.values
        },
        sites_without_figures=[site for site in sites if site.pk not in latest],
    )


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    done: bool
    detail: str = ""
    section: str = ""
    required: bool = True


def intake_checklist(trajectory: Trajectory, figures: IntakeFigures) -> list[ChecklistItem]:
    """What the intake still misses before the SWOT can start."""
    children = {g.age_group: g.children for g in figures.age_groups}
    need_groups = set(
        Need.objects.filter(trajectory=trajectory).values_list("age_group", flat=True)
    )
    voices = set(Need.objects.filter(trajectory=trajectory).values_list("voiced_by", flat=True))
    missing_groups = [str(AgeGroup(g).label) for g in AgeGroup.values if g not in need_groups]
    return [
        ChecklistItem(
            _("Policy vision described"), bool(trajectory.policy_vision.strip()), section="edit"
        ),
        ChecklistItem(
            _("Municipal contacts recorded"), trajectory.contacts.exists(), section="contacts"
        ),
        ChecklistItem(
            _("Cooperation agreement recorded"),
            trajectory.cooperationagreements.exists(),
            section="agreements",
        ),
        ChecklistItem(
            _("Areas of the municipality defined"),
            trajectory.areas.exists(),
            _("Optional: needed to count children and needs per area."),
            section="areas",
            required=False,
        ),
        ChecklistItem(_("Schools and their sites recorded"), figures.sites > 0, section="schools"),
        ChecklistItem(
            _("Pupil figures for every site"),
            figures.sites > 0 and not figures.sites_without_figures,
            ", ".join(str(site) for site in figures.sites_without_figures[:5]),
            section="schools",
        ),
        ChecklistItem(
            _("Care providers recorded"), figures.care_providers > 0, section="care-providers"
        ),
        ChecklistItem(
            _("Leisure actors recorded"), figures.leisure_actors > 0, section="leisure-actors"
        ),
        ChecklistItem(
            _("Children counted for both age groups"),
            all(children.values()),
            section="children",
        ),
        ChecklistItem(
            _("Needs recorded for both age groups"),
            not missing_groups,
            ", ".join(missing_groups),
            section="needs",
        ),
        ChecklistItem(
            _("Needs heard from parents and from schools"),
            {Need.Voice.PARENTS, Need.Voice.SCHOOLS} <= voices,
            section="needs",
        ),
    ]


def ready_for_swot(checklist: list[ChecklistItem]) -> bool:
    return all(item.done for item in checklist if item.required)
