"""Demo data for a newcomer: three municipalities, one per IN-Z province, one user per role,
and a believable intake for each (fictional schools and organisations, real place names).

Sint-Truiden, where PLUS began, started a year ahead of the others: its trajectory runs from
2025 (funded in the last budget change of the 2020–2025 multi-year plan) to 2031, the end of
the BBC cycle 2026–2031 every other demo municipality plans in. So its first school year of
execution, 2025–2026, is complete, and the current one runs on.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from municipalities.choices import AgeGroup, HolidayPeriod, Slot
from municipalities.models import (
    Area,
    CareProvider,
    ChildrenCount,
    Contact,
    CooperationAgreement,
    LeisureActor,
    Membership,
    Municipality,
    Need,
    School,
    Site,
    SiteYear,
    Trajectory,
)
from municipalities.services import trajectory_start
from plus_portal.models import User

DEMO_PASSWORD = "plus-demo-2026"

# Sint-Truiden's Brede School (2014) is where PLUS began. Every trajectory starts in the
# intake; the later parts of the demo (SWOT, plans, review) move the phase as the work does.
DEMO_MUNICIPALITIES = [
    "71053",  # Sint-Truiden, Limburg
    "24107",  # Tienen, Vlaams-Brabant
    "11057",  # Malle, Antwerpen
]
# The planning cycle per municipality (first and last year); the BBC cycle unless named here.
BBC_CYCLE = (2026, 2031)
CYCLES = {"71053": (2025, 2031)}
# The cooperation agreement follows the cycle: (starts, ends, signed).
AGREEMENTS = {
    2025: (datetime.date(2025, 1, 1), datetime.date(2031, 12, 31), datetime.date(2024, 12, 16)),
    2026: (datetime.date(2026, 1, 1), datetime.date(2031, 12, 31), datetime.date(2025, 12, 15)),
}
_password_hashes: dict[str, str] = {}


def demo_trajectory(municipality: Municipality) -> Trajectory | None:
    """The demo's trajectory of a municipality: the one of its demo cycle, or in a database
    seeded before that cycle changed, the one it has (seeding again never makes a second)."""
    start, _end = CYCLES.get(municipality.nis_code, BBC_CYCLE)
    trajectories = Trajectory.objects.filter(municipality=municipality)
    return (
        trajectories.filter(cycle_start_year=start).first()
        or trajectories.order_by("-cycle_start_year").first()
    )


@dataclass
class DemoWorld:
    trajectories: list[Trajectory] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def demo_user(username: str, role: str, first_name: str, last_name: str, **extra) -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@demo.plus-portal.be",
            **extra,
        },
    )
    # Always reset, so the printed credentials work even after someone changed them. One hash
    # for every demo user: hashing is slow on purpose, and they all share the password anyway.
    if DEMO_PASSWORD not in _password_hashes:
        _password_hashes[DEMO_PASSWORD] = make_password(DEMO_PASSWORD)
    user.password = _password_hashes[DEMO_PASSWORD]
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed(world: DemoWorld) -> None:
    municipalities = {
        m.nis_code: m for m in Municipality.objects.filter(nis_code__in=DEMO_MUNICIPALITIES)
    }
    if len(municipalities) != len(DEMO_MUNICIPALITIES):
        raise RuntimeError("Load the reference data first: python manage.py load_municipalities")

    administrator = demo_user(
        "admin", User.Role.ADMINISTRATOR, "Ilse", "Vandenbroeck", is_staff=True, is_superuser=True
    )
    coordinator = demo_user("coordinator", User.Role.COORDINATOR, "Joris", "Claes")
    world.users.update(admin=administrator, coordinator=coordinator)
    world.logins += [
        ("admin", DEMO_PASSWORD, administrator.get_role_display()),
        ("coordinator", DEMO_PASSWORD, coordinator.get_role_display()),
    ]
    officials = {
        "71053": ("official.sint-truiden", "Sofie", "Lambrechts"),
        "24107": ("official.tienen", "Pieter", "Wouters"),
        "11057": ("official.malle", "An", "Peeters"),
    }
    for nis_code in DEMO_MUNICIPALITIES:
        municipality = municipalities[nis_code]
        username, first_name, last_name = officials[nis_code]
        official = demo_user(username, User.Role.OFFICIAL, first_name, last_name)
        world.users[username] = official
        world.logins.append(
            (username, DEMO_PASSWORD, f"{official.get_role_display()}, {municipality}")
        )
        for user in (coordinator, official):
            Membership.objects.get_or_create(user=user, municipality=municipality)
        # The coordinator's membership makes them responsible for the trajectory.
        start, end = CYCLES.get(nis_code, BBC_CYCLE)
        trajectory = demo_trajectory(municipality) or trajectory_start(
            municipality=municipality, cycle_start_year=start, cycle_end_year=end, by=coordinator
        )
        _seed_intake(trajectory, INTAKES[nis_code])
        world.trajectories.append(trajectory)


G = School.Network
K = CareProvider.Kind
L = LeisureActor.Kind
AFTER, WED, LUNCH, MORNING, HOLIDAYS = (
    Slot.AFTER_SCHOOL,
    Slot.WEDNESDAY,
    Slot.LUNCHTIME,
    Slot.MORNING,
    Slot.HOLIDAYS,
)

# Per municipality: vision, areas, schools (number, name, network, levels, sites), providers,
# leisure actors, children per area, needs, contacts. Schools and organisations are fictional.
INTAKES = {
    "71053": {
        "vision": (
            "Sint-Truiden wil dat elk kind na school een plek heeft om te spelen, te sporten en "
            "te leren, dicht bij school. De Brede School (sinds 2014) is het vertrekpunt; de "
            "landelijke deelgemeenten verdienen extra aandacht."
        ),
        "collaborations": (
            "Brede School Sint-Truiden met vijf basisscholen; overleg met de sportdienst en de "
            "academie; Huis van het Kind Sint-Truiden."
        ),
        "areas": ["Centrum", "Brustem", "Velm", "Zepperen", "Wilderen"],
        "schools": [
            (
                "036111",
                "Basisschool De Zonnewijzer",
                G.OFFICIAL_MUNICIPAL,
                ["kleuter", "lager"],
                [
                    (
                        1,
                        "Stationsstraat 12",
                        "3800",
                        "Centrum",
                        "urban",
                        (310, 0),
                        (38.5, 31.0, 22.0, 20.5),
                        [MORNING, AFTER, WED],
                    ),
                    (
                        2,
                        "Brustemstraat 4",
                        "3800",
                        "Brustem",
                        "rural",
                        (95, 0),
                        (28.0, 12.0, 10.0, 14.0),
                        [MORNING],
                    ),
                ],
            ),
            (
                "036129",
                "Vrije Basisschool Sint-Jozef",
                G.FREE_CATHOLIC,
                ["kleuter", "lager"],
                [
                    (
                        1,
                        "Kerkstraat 20",
                        "3806",
                        "Velm",
                        "rural",
                        (140, 0),
                        (22.0, 6.0, 8.0, 12.0),
                        [],
                    )
                ],
            ),
            (
                "036137",
                "GO! Basisschool Het Speelhof",
                G.GO,
                ["kleuter", "lager"],
                [
                    (
                        1,
                        "Tiensesteenweg 88",
                        "3800",
                        "Centrum",
                        "urban",
                        (260, 0),
                        (52.0, 41.0, 35.0, 27.0),
                        [MORNING, AFTER, WED, LUNCH],
                    )
                ],
            ),
            (
                "036145",
                "Basisschool De Boomgaard",
                G.FREE_CATHOLIC,
                ["kleuter", "lager"],
                [
                    (
                        1,
                        "Zepperenweg 3",
                        "3800",
                        "Zepperen",
                        "rural",
                        (120, 0),
                        (18.0, 4.0, 5.0, 9.0),
                        [MORNING],
                    )
                ],
            ),
            (
                "045211",
                "Atheneum Sint-Truiden",
                G.GO,
                ["secundair"],
                [
                    (
                        1,
                        "Naamsesteenweg 40",
                        "3800",
                        "Centrum",
                        "urban",
                        (0, 410),
                        (35.0, 28.0, 30.0, 24.0),
                        [],
                    )
                ],
            ),
        ],
        "providers": [
            (
                "IBO De Speelvogel",
                K.IBO,
                "recognised",
                (84, 0),
                96,
                [MORNING, AFTER, WED, HOLIDAYS],
                "Centrum",
                [("036111", 1), ("036137", 1)],
            ),
            (
                "Schoolopvang Sint-Jozef",
                K.SCHOOL_RUN,
                "none",
                (25, 0),
                30,
                [MORNING, AFTER],
                "Velm",
                [("036129", 1)],
            ),
            (
                "Speelpleinwerking Kattenberg",
                K.PLAYGROUND,
                "reported",
                (120, 40),
                150,
                [HOLIDAYS],
                "Wilderen",
                [],
            ),
        ],
        "actors": [
            ("KFC Brustem", L.SPORT, ["5-10", "11-15"], 140, "low", "Brustem", [WED], True),
            (
                "Academie voor Muziek, Woord en Dans",
                L.DKO,
                ["5-10", "11-15"],
                420,
                "medium",
                "Centrum",
                [AFTER, WED],
                True,
            ),
            ("Chiro Velm", L.YOUTH_WORK, ["5-10", "11-15"], 85, "low", "Velm", [], False),
            (
                "Bibliotheek Sint-Truiden",
                L.LIBRARY,
                ["5-10", "11-15"],
                600,
                "free",
                "Centrum",
                [AFTER, WED],
                True,
            ),
            ("Huiswerkklas De Brug", L.LANGUAGE, ["5-10"], 40, "free", "Centrum", [AFTER], False),
            (
                "Huis van het Kind Sint-Truiden",
                L.HUIS_VAN_HET_KIND,
                ["5-10"],
                0,
                "free",
                "Centrum",
                [],
                True,
            ),
        ],
        "children": [
            (None, "5-10", 2950, Decimal("17.5")),
            (None, "11-15", 2480, Decimal("15.0")),
            ("Centrum", "5-10", 1320, Decimal("24.0")),
            ("Velm", "5-10", 210, Decimal("8.0")),
        ],
        "needs": [
            ("parents", "5-10", AFTER, datetime.time(18, 30), [], "Velm", 35, "survey", 112),
            (
                "parents",
                "5-10",
                HOLIDAYS,
                None,
                [HolidayPeriod.SUMMER, HolidayPeriod.EASTER],
                None,
                80,
                "survey",
                112,
            ),
            ("schools", "5-10", LUNCH, None, [], "Centrum", 60, "school_interview", 5),
            ("parents", "11-15", WED, None, [], None, 45, "focus_group", 14),
            (
                "schools",
                "11-15",
                AFTER,
                datetime.time(17, 30),
                [],
                "Centrum",
                50,
                "school_interview",
                2,
            ),
        ],
        "contacts": [
            (
                "Sofie Lambrechts",
                "Beleidsmedewerker kinderopvang",
                "official.sint-truiden@demo.plus-portal.be",
            ),
            ("Koen Vanhees", "Schepen van onderwijs en jeugd", "koen.vanhees@demo.plus-portal.be"),
        ],
    },
    "24107": {
        "vision": (
            "Tienen bouwt een lokaal samenwerkingsverband BOA uit: opvang en vrije tijd voor "
            "5- tot 15-jarigen, betaalbaar en bereikbaar in alle deelgemeenten."
        ),
        "collaborations": "Overleg met IBO en scholen over woensdagnamiddag; sportkampen.",
        "areas": ["Centrum", "Kumtich", "Oplinter", "Hakendover"],
        "schools": [
            (
                "027011",
                "Stedelijke Basisschool Grimde",
                G.OFFICIAL_MUNICIPAL,
                ["kleuter", "lager"],
                [
                    (
                        1,
                        "Grimdestraat 2",
                        "3300",
                        "Centrum",
                        "urban",
                        (280, 0),
                        (41.0, 29.0, 26.0, 23.0),
                        [MORNING, AFTER],
                    )
                ],
            ),
            (
                "027029",
                "Vrije Basisschool Kumtich",
                G.FREE_CATHOLIC,
                ["kleuter", "lager"],
                [
                    (
                        1,
                        "Dorpsplein 7",
                        "3300",
                        "Kumtich",
                        "rural",
                        (150, 0),
                        (19.0, 5.0, 6.0, 11.0),
                        [],
                    )
                ],
            ),
            (
                "027037",
                "GO! Basisschool Oplinter",
                G.GO,
                ["kleuter", "lager"],
                [
                    (
                        1,
                        "Oplintersesteenweg 15",
                        "3300",
                        "Oplinter",
                        "rural",
                        (110, 0),
                        (26.0, 9.0, 7.0, 15.0),
                        [MORNING],
                    )
                ],
            ),
        ],
        "providers": [
            (
                "IBO Tienen-Centrum",
                K.IBO,
                "recognised",
                (70, 0),
                88,
                [MORNING, AFTER, WED, HOLIDAYS],
                "Centrum",
                [("027011", 1)],
            ),
        ],
        "actors": [
            (
                "Sportdienst Tienen",
                L.SPORT,
                ["5-10", "11-15"],
                300,
                "low",
                "Centrum",
                [WED, HOLIDAYS],
                True,
            ),
            ("Scouts Kumtich", L.YOUTH_WORK, ["5-10", "11-15"], 95, "low", "Kumtich", [], False),
            (
                "Tekenacademie Tienen",
                L.DKO,
                ["5-10", "11-15"],
                180,
                "medium",
                "Centrum",
                [WED],
                False,
            ),
        ],
        "children": [(None, "5-10", 2300, Decimal("16.0")), (None, "11-15", 1900, Decimal("14.0"))],
        "needs": [
            ("parents", "5-10", AFTER, datetime.time(18, 0), [], "Kumtich", 30, "survey", 76),
            ("parents", "5-10", WED, None, [], "Oplinter", 25, "survey", 76),
        ],
        "contacts": [
            ("Pieter Wouters", "Diensthoofd vrije tijd", "official.tienen@demo.plus-portal.be")
        ],
    },
    "11057": {
        "vision": (
            "Malle kiest voor een centrale vrijetijdsplek in Oostmalle en opvang op de "
            "schoolcampussen in Westmalle, met aandacht voor tieners."
        ),
        "collaborations": "Brede School Malle (sinds 2019); jeugdraad; OCMW-welzijnsloket.",
        "areas": ["Oostmalle", "Westmalle"],
        "schools": [
            (
                "012351",
                "Gemeentelijke Basisschool Oostmalle",
                G.OFFICIAL_MUNICIPAL,
                ["kleuter", "lager"],
                [
                    (
                        1,
                        "Lotelingstraat 1",
                        "2390",
                        "Oostmalle",
                        "rural",
                        (230, 0),
                        (21.0, 10.0, 9.0, 12.0),
                        [MORNING, AFTER, WED],
                    )
                ],
            ),
            (
                "012369",
                "Vrije Basisschool Westmalle",
                G.FREE_CATHOLIC,
                ["kleuter", "lager"],
                [
                    (
                        1,
                        "Antwerpsesteenweg 230",
                        "2390",
                        "Westmalle",
                        "rural",
                        (260, 0),
                        (17.0, 7.0, 6.0, 10.0),
                        [MORNING],
                    ),
                    (
                        2,
                        "Sint-Jansstraat 5",
                        "2390",
                        "Westmalle",
                        "rural",
                        (80, 0),
                        (15.0, 5.0, 6.0, 9.0),
                        [],
                    ),
                ],
            ),
            (
                "047011",
                "Sint-Jan Berchmanscollege",
                G.FREE_CATHOLIC,
                ["secundair"],
                [
                    (
                        1,
                        "Antwerpsesteenweg 200",
                        "2390",
                        "Westmalle",
                        "rural",
                        (0, 650),
                        (20.0, 8.0, 10.0, 11.0),
                        [],
                    )
                ],
            ),
        ],
        "providers": [
            (
                "IBO De Schakel",
                K.IBO,
                "recognised",
                (56, 0),
                70,
                [MORNING, AFTER, WED, HOLIDAYS],
                "Oostmalle",
                [("012351", 1)],
            ),
            (
                "Onthaalouders Westmalle",
                K.CHILDMINDERS,
                "quality_label",
                (12, 0),
                12,
                [AFTER],
                "Westmalle",
                [],
            ),
        ],
        "actors": [
            (
                "Tennisclub Malle",
                L.SPORT,
                ["5-10", "11-15"],
                160,
                "medium",
                "Westmalle",
                [WED],
                True,
            ),
            ("KSA Oostmalle", L.YOUTH_WORK, ["5-10", "11-15"], 120, "low", "Oostmalle", [], True),
            (
                "Bibliotheek Malle",
                L.LIBRARY,
                ["5-10", "11-15"],
                350,
                "free",
                "Oostmalle",
                [AFTER, WED],
                False,
            ),
        ],
        "children": [(None, "5-10", 1450, Decimal("9.0")), (None, "11-15", 1200, Decimal("8.0"))],
        "needs": [
            ("parents", "5-10", AFTER, datetime.time(18, 0), [], "Westmalle", 40, "survey", 95),
            (
                "schools",
                "11-15",
                AFTER,
                datetime.time(17, 0),
                [],
                "Westmalle",
                60,
                "school_interview",
                1,
            ),
            (
                "parents",
                "11-15",
                HOLIDAYS,
                None,
                [HolidayPeriod.SUMMER],
                None,
                70,
                "focus_group",
                12,
            ),
        ],
        "contacts": [
            ("An Peeters", "Coördinator Huis van het Kind", "official.malle@demo.plus-portal.be")
        ],
    },
}


def _seed_intake(trajectory: Trajectory, intake: dict) -> None:
    if not trajectory.policy_vision:
        trajectory.policy_vision = intake["vision"]
        trajectory.existing_collaborations = intake["collaborations"]
        trajectory.save(update_fields=["policy_vision", "existing_collaborations", "updated_at"])
    starts_on, ends_on, signed_on = AGREEMENTS.get(
        trajectory.cycle_start_year, AGREEMENTS[BBC_CYCLE[0]]
    )
    CooperationAgreement.objects.get_or_create(
        trajectory=trajectory,
        starts_on=starts_on,
        defaults={
            "ends_on": ends_on,
            "status": CooperationAgreement.Status.SIGNED,
            "signed_on": signed_on,
        },
    )
    areas = {
        name: Area.objects.get_or_create(trajectory=trajectory, name=name)[0]
        for name in intake["areas"]
    }
    sites = {}
    for number, name, network, levels, site_rows in intake["schools"]:
        school, _created = School.objects.update_or_create(
            trajectory=trajectory,
            institution_number=number,
            defaults={"name": name, "network": network, "levels": levels},
        )
        for site_number, street, postal_code, area, setting, pupils, gok, care in site_rows:
            site, _created = Site.objects.update_or_create(
                school=school,
                site_number=site_number,
                defaults={
                    "street": street,
                    "postal_code": postal_code,
                    "area": areas[area],
                    "setting": setting,
                    "care_offer": care,
                },
            )
            sites[(number, site_number)] = site
            SiteYear.objects.update_or_create(
                site=site,
                school_year="2025-2026",
                defaults={
                    "pupils_5_10": pupils[0],
                    "pupils_11_15": pupils[1],
                    "gok_school_allowance": Decimal(str(gok[0])),
                    "gok_home_language": Decimal(str(gok[1])),
                    "gok_neighbourhood": Decimal(str(gok[2])),
                    "gok_mother_education": Decimal(str(gok[3])),
                },
            )
    for name, kind, recognition, capacity, enrolled, slots, area, served in intake["providers"]:
        provider, _created = CareProvider.objects.update_or_create(
            trajectory=trajectory,
            name=name,
            defaults={
                "kind": kind,
                "recognition": recognition,
                "capacity_5_10": capacity[0],
                "capacity_11_15": capacity[1],
                "enrolled_children": enrolled,
                "slots": slots,
                "area": areas[area],
            },
        )
        provider.sites_served.set([sites[key] for key in served])
    for name, kind, groups, participants, cost, area, slots, partner in intake["actors"]:
        LeisureActor.objects.update_or_create(
            trajectory=trajectory,
            name=name,
            defaults={
                "kind": kind,
                "age_groups": groups,
                "participants": participants,
                "cost_level": cost,
                "area": areas[area],
                "location": area,
                "slots": slots,
                "in_partnership": partner,
            },
        )
    for area, group, children, vulnerable in intake["children"]:
        ChildrenCount.objects.update_or_create(
            trajectory=trajectory,
            area=areas[area] if area else None,
            age_group=AgeGroup(group),
            defaults={
                "children": children,
                "vulnerable_share": vulnerable,
                "source": "Lokale Inburgerings- en Integratiemonitor / Kind en Gezin 2025",
            },
        )
    for voiced_by, group, slot, until, periods, area, concerned, source, respondents in intake[
        "needs"
    ]:
        Need.objects.update_or_create(
            trajectory=trajectory,
            voiced_by=voiced_by,
            age_group=group,
            slot=slot,
            area=areas[area] if area else None,
            defaults={
                "until": until,
                "holiday_periods": periods,
                "children_concerned": concerned,
                "source": source,
                "respondents": respondents,
            },
        )
    for name, role, email in intake["contacts"]:
        contact, _created = Contact.objects.get_or_create(
            trajectory=trajectory, name=name, defaults={"role": role, "email": email}
        )
        official = User.objects.filter(email=email, role=User.Role.OFFICIAL).first()
        if official and contact.user_id != official.pk:
            contact.user = official
            contact.save(update_fields=["user", "updated_at"])
