"""Personas every test can use: one per role, and two municipalities to keep apart."""

import pytest
from django.test import Client

from municipalities.models import Province
from plus_portal.models import User
from tests.factories import MunicipalityFactory, TrajectoryFactory, UserFactory


@pytest.fixture
def municipality_a(db):
    return MunicipalityFactory(nis_code="71053", name_nl="Sint-Truiden", name_fr="Saint-Trond")


@pytest.fixture
def municipality_b(db):
    return MunicipalityFactory(
        nis_code="24107", name_nl="Tienen", name_fr="Tirlemont", province=Province.VLAAMS_BRABANT
    )


@pytest.fixture
def trajectory_a(municipality_a):
    return TrajectoryFactory(municipality=municipality_a)


@pytest.fixture
def trajectory_b(municipality_b):
    return TrajectoryFactory(municipality=municipality_b)


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", role=User.Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def coordinator(municipality_a):
    """Coordinates municipality A only."""
    return UserFactory(
        username="coordinator", role=User.Role.COORDINATOR, municipalities=[municipality_a]
    )


@pytest.fixture
def official_a(municipality_a):
    return UserFactory(
        username="official_a", role=User.Role.OFFICIAL, municipalities=[municipality_a]
    )


@pytest.fixture
def official_b(municipality_b):
    return UserFactory(
        username="official_b", role=User.Role.OFFICIAL, municipalities=[municipality_b]
    )


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def administrator_client(administrator):
    return _client_for(administrator)


@pytest.fixture
def coordinator_client(coordinator):
    return _client_for(coordinator)


@pytest.fixture
def official_a_client(official_a):
    return _client_for(official_a)


@pytest.fixture
def official_b_client(official_b):
    return _client_for(official_b)


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker on the configured broker, in a thread of this process.

    The broker is Redis on CI and kombu's filesystem transport elsewhere. Tests that
    use it need committed data, hence the transactional database.
    """
    from celery.contrib.testing.worker import start_worker

    from plus_portal.celery import app

    app.control.purge()
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False) as worker:
        yield worker


@pytest.fixture
def postal_codes_a(municipality_a):
    from municipalities.models import PostalCode

    return [
        PostalCode.objects.get_or_create(code=code, municipality=municipality_a)[0]
        for code in ("3800", "3803", "3806")
    ]


@pytest.fixture
def intake_a(trajectory_a, postal_codes_a):
    """One record of every intake kind in Sint-Truiden's trajectory."""
    import datetime

    from municipalities.models import (
        Area,
        CareProvider,
        ChildrenCount,
        Contact,
        CooperationAgreement,
        LeisureActor,
        Need,
        School,
        Site,
        SiteYear,
    )

    area = Area.objects.create(trajectory=trajectory_a, name="Velm")
    school = School.objects.create(
        trajectory=trajectory_a,
        institution_number="036129",
        name="Vrije Basisschool Sint-Jozef",
        network=School.Network.FREE_CATHOLIC,
        levels=["kleuter", "lager"],
    )
    site = Site.objects.create(
        school=school,
        site_number=1,
        street="Kerkstraat 20",
        postal_code="3806",
        area=area,
        setting=Site.Setting.RURAL,
    )
    SiteYear.objects.create(site=site, school_year="2025-2026", pupils_5_10=140)
    provider = CareProvider.objects.create(
        trajectory=trajectory_a,
        name="IBO De Speelvogel",
        kind=CareProvider.Kind.IBO,
        capacity_5_10=84,
        slots=["after_school"],
    )
    provider.sites_served.add(site)
    return {
        "areas": area,
        "schools": school,
        "site": site,
        "care-providers": provider,
        "leisure-actors": LeisureActor.objects.create(
            trajectory=trajectory_a,
            name="Chiro Velm",
            kind=LeisureActor.Kind.YOUTH_WORK,
            age_groups=["5-10", "11-15"],
        ),
        "children": ChildrenCount.objects.create(
            trajectory=trajectory_a, age_group="5-10", children=2950
        ),
        "needs": Need.objects.create(
            trajectory=trajectory_a,
            voiced_by=Need.Voice.PARENTS,
            age_group="5-10",
            slot="after_school",
            until=datetime.time(18, 30),
            source=Need.Source.SURVEY,
            respondents=112,
        ),
        "contacts": Contact.objects.create(
            trajectory=trajectory_a, name="Koen Vanhees", email="koen@sint-truiden.be"
        ),
        "agreements": CooperationAgreement.objects.create(
            trajectory=trajectory_a,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2031, 12, 31),
        ),
    }


@pytest.fixture
def in_english():
    """For tests that read messages outside a request: in English, whatever the default."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def swot_a(trajectory_a, coordinator):
    """Sint-Truiden's current SWOT: one item per quadrant (two weaknesses) and a WO strategy."""
    from swot.models import Strategy, SwotAnalysis, SwotItem

    analysis = SwotAnalysis.objects.create(trajectory=trajectory_a)

    def item(quadrant, priority, statement, theme="childcare"):
        return SwotItem.objects.create(
            analysis=analysis,
            quadrant=quadrant,
            priority=priority,
            statement=statement,
            theme=theme,
            age_groups=["5-10"],
            author=coordinator,
        )

    items = {
        "S1": item("S", 1, "Erkende IBO in het centrum"),
        "W1": item("W", 1, "Geen naschoolse opvang in Velm"),
        "W2": item("W", 2, "Weinig aanbod voor tieners", theme="leisure"),
        "O1": item("O", 1, "BOA-subsidie vanaf 2026"),
        "T1": item("T", 1, "Ouders vinden geen zomeropvang"),
    }
    strategy = Strategy.objects.create(analysis=analysis, kind="WO", title="Opvang in Velm")
    strategy.items.set([items["W1"], items["O1"]])
    return {"analysis": analysis, "strategy": strategy, **items}


@pytest.fixture
def plan_a(trajectory_a, intake_a, swot_a):
    """Sint-Truiden's draft plan: BD1 → AP1.1 → A1.1.1 (with a slot, budget and funding)."""
    import datetime
    from decimal import Decimal

    from actionplans import services
    from actionplans.models import (
        Action,
        ActionPlan,
        ActionSlot,
        BudgetLine,
        FundingSource,
        Objective,
    )

    plan = services.plan_create(trajectory=trajectory_a, title="PLUS-actieplan Sint-Truiden")
    objective = services.part_add(Objective(plan=plan, title="Elk kind een plek na school"))
    action_plan = services.part_add(ActionPlan(objective=objective, title="Opvang op de campus"))
    action = services.part_add(
        Action(
            action_plan=action_plan,
            title="Naschoolse opvang in Velm",
            owner="Joris Claes",
            age_groups=["5-10"],
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2027, 6, 30),
        )
    )
    action.sites.set([intake_a["site"]])
    action.strategies.set([swot_a["strategy"]])
    ActionSlot.objects.create(
        action=action,
        slot="after_school",
        starts_at=datetime.time(15, 30),
        ends_at=datetime.time(18, 0),
        expected_children=24,
    )
    BudgetLine.objects.create(
        action=action, category="personnel", year=2026, amount=Decimal("18500")
    )
    FundingSource.objects.create(action=action, kind="boa", year=2026, amount=Decimal("18500"))
    return {"plan": plan, "objective": objective, "action_plan": action_plan, "action": action}


@pytest.fixture
def coordinator_b(municipality_b):
    """An IN-Z coordinator of municipality B only: an outsider to A."""
    return UserFactory(
        username="coordinator_b", role=User.Role.COORDINATOR, municipalities=[municipality_b]
    )


@pytest.fixture
def coordinator_without_membership(db):
    return UserFactory(username="coordinator_none", role=User.Role.COORDINATOR)


@pytest.fixture
def official_c(db):
    """An official of a municipality that has no trajectory at all."""
    pelt = MunicipalityFactory(nis_code="72043", name_nl="Pelt", name_fr="Pelt")
    return UserFactory(username="official_c", role=User.Role.OFFICIAL, municipalities=[pelt])


@pytest.fixture
def world(coordinator, official_a, trajectory_a, intake_a, swot_a, plan_a, trajectory_b):
    """Municipality A with one of everything, and B beside it; the ids the URL walk needs."""
    from tests.url_walk import build_world

    return build_world(
        coordinator=coordinator,
        official=official_a,
        trajectory=trajectory_a,
        intake=intake_a,
        swot=swot_a,
        plan=plan_a,
    )
