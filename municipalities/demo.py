"""Demo data for a newcomer: three municipalities, one per IN-Z province, and one user per role."""

from dataclasses import dataclass, field

from django.db import transaction

from municipalities.models import Membership, Municipality, Trajectory
from plus_portal.models import User

DEMO_PASSWORD = "plus-demo-2026"

# (NIS code, phase) — Sint-Truiden's Brede School (2014) is where PLUS began.
DEMO_MUNICIPALITIES = [
    ("71053", Trajectory.Phase.SWOT),  # Sint-Truiden, Limburg
    ("24107", Trajectory.Phase.INTAKE),  # Tienen, Vlaams-Brabant
    ("11057", Trajectory.Phase.PLANNING),  # Malle, Antwerpen
]


@dataclass
class DemoWorld:
    trajectories: list[Trajectory] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def _demo_user(username: str, role: str, first_name: str, last_name: str, **extra) -> User:
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
    # Always reset, so the printed credentials work even after someone changed them.
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed(world: DemoWorld) -> None:
    municipalities = {
        m.nis_code: m
        for m in Municipality.objects.filter(nis_code__in=[nis for nis, _ in DEMO_MUNICIPALITIES])
    }
    if len(municipalities) != len(DEMO_MUNICIPALITIES):
        raise RuntimeError("Load the reference data first: python manage.py load_municipalities")

    administrator = _demo_user(
        "admin", User.Role.ADMINISTRATOR, "Ilse", "Vandenbroeck", is_staff=True, is_superuser=True
    )
    coordinator = _demo_user("coordinator", User.Role.COORDINATOR, "Joris", "Claes")
    world.logins += [
        ("admin", DEMO_PASSWORD, administrator.get_role_display()),
        ("coordinator", DEMO_PASSWORD, coordinator.get_role_display()),
    ]
    officials = {
        "71053": ("official.sint-truiden", "Sofie", "Lambrechts"),
        "24107": ("official.tienen", "Pieter", "Wouters"),
        "11057": ("official.malle", "An", "Peeters"),
    }
    for nis_code, phase in DEMO_MUNICIPALITIES:
        municipality = municipalities[nis_code]
        username, first_name, last_name = officials[nis_code]
        official = _demo_user(username, User.Role.OFFICIAL, first_name, last_name)
        world.logins.append(
            (username, DEMO_PASSWORD, f"{official.get_role_display()}, {municipality}")
        )
        for user in (coordinator, official):
            Membership.objects.get_or_create(user=user, municipality=municipality)
        trajectory, _created = Trajectory.objects.get_or_create(
            municipality=municipality, cycle_start_year=2026, defaults={"phase": phase}
        )
        world.trajectories.append(trajectory)
