"""Demo SWOT and TOWS for each demo municipality: items backed by their intake, and strategies."""

from django.db import transaction

from municipalities.models import CareProvider, LeisureActor, Need, School, Site, Trajectory
from swot.models import Strategy, SwotAnalysis, SwotItem, Theme

# (quadrant, theme, statement, age groups, evidence: model -> names or keys)
ITEMS = [
    (
        "S",
        Theme.CHILDCARE,
        "Erkende IBO met voor- en naschoolse opvang en vakantieopvang",
        ["5-10"],
        {"care": "IBO"},
    ),
    (
        "S",
        Theme.LEISURE,
        "Bibliotheek en academie bereiken veel kinderen na school",
        ["5-10", "11-15"],
        {"actors": ("Bibliotheek", "Academie", "Sportdienst", "Tennisclub")},
    ),
    (
        "W",
        Theme.CHILDCARE,
        "Landelijke vestigingen hebben geen naschoolse opvang",
        ["5-10"],
        {"sites": "landelijk"},
    ),
    ("W", Theme.LEISURE, "Weinig aanbod voor tieners (11–15) na school", ["11-15"], {}),
    (
        "W",
        Theme.SCHOOLS,
        "Scholen met veel kwetsbare gezinnen missen een brugfiguur",
        ["5-10"],
        {"schools": "GO!"},
    ),
    (
        "O",
        Theme.PARTICIPATION,
        "Verenigingen willen aansluiten bij het lokaal samenwerkingsverband",
        ["5-10", "11-15"],
        {},
    ),
    (
        "O",
        Theme.CHILDCARE,
        "BOA-subsidie gaat vanaf 2026 rechtstreeks naar de gemeente",
        ["5-10"],
        {},
    ),
    (
        "T",
        Theme.CHILDCARE,
        "Ouders vinden geen opvang tijdens de zomervakantie",
        ["5-10"],
        {"needs": "holidays"},
    ),
    ("T", Theme.PARTICIPATION, "Vrijwilligers in het jeugdwerk haken af", ["11-15"], {}),
]

STRATEGIES = [
    (
        Strategy.Kind.WO,
        "Naschoolse opvang op de landelijke campussen met brugfiguren",
        ["Landelijke vestigingen", "BOA-subsidie"],
    ),
    (
        Strategy.Kind.SO,
        "Bibliotheek en academie als vaste partners van de naschoolse tijd",
        ["Bibliotheek en academie", "Verenigingen willen"],
    ),
    (
        Strategy.Kind.WT,
        "Zomerwerking samen met de speelpleinwerking uitbreiden",
        ["Weinig aanbod voor tieners", "zomervakantie"],
    ),
]


def _evidence(trajectory: Trajectory, spec: dict) -> dict:
    evidence = {}
    if "care" in spec:
        evidence["evidence_care_providers"] = CareProvider.objects.filter(
            trajectory=trajectory, name__icontains=spec["care"]
        )
    if "actors" in spec:
        evidence["evidence_leisure_actors"] = [
            actor
            for actor in LeisureActor.objects.filter(trajectory=trajectory)
            if any(word in actor.name for word in spec["actors"])
        ]
    if "sites" in spec:
        evidence["evidence_sites"] = [
            site
            for site in Site.objects.filter(
                school__trajectory=trajectory, setting=Site.Setting.RURAL
            )
            if "after_school" not in site.care_offer
        ]
    if "schools" in spec:
        evidence["evidence_schools"] = School.objects.filter(
            trajectory=trajectory, network=School.Network.GO
        )
    if "needs" in spec:
        evidence["evidence_needs"] = Need.objects.filter(trajectory=trajectory, slot=spec["needs"])
    return evidence


@transaction.atomic
def seed(world) -> None:
    coordinator = world.users["coordinator"]
    for trajectory in world.trajectories:
        analysis, created = SwotAnalysis.objects.get_or_create(trajectory=trajectory, round=1)
        if not created:
            continue
        priorities = {}
        items = {}
        for quadrant, theme, statement, age_groups, spec in ITEMS:
            priorities[quadrant] = priorities.get(quadrant, 0) + 1
            item = SwotItem.objects.create(
                analysis=analysis,
                quadrant=quadrant,
                theme=theme,
                statement=statement,
                age_groups=age_groups,
                priority=priorities[quadrant],
                author=coordinator,
            )
            for name, records in _evidence(trajectory, spec).items():
                getattr(item, name).set(records)
            items[statement] = item
        for kind, title, cited in STRATEGIES:
            strategy = Strategy.objects.create(analysis=analysis, kind=kind, title=title)
            strategy.items.set(
                [item for statement, item in items.items() if any(c in statement for c in cited)]
            )
