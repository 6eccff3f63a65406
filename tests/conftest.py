"""Personas every test can use: one per role, and two municipalities to keep apart.

Also the suite's machinery: the SQLite test database copied from a migrated template, and
one real Celery worker per test process, parked between the tests that use it.
"""

import fcntl
import hashlib
import importlib
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from municipalities.models import Province
from plus_portal.models import User
from tests.factories import MunicipalityFactory, TrajectoryFactory, UserFactory


# Each persona and record is made by a function, which the fixtures below call, and which
# tests that share one set of data for a whole module (the route walks) call once.
def make_municipality_a():
    return MunicipalityFactory(nis_code="71053", name_nl="Sint-Truiden", name_fr="Saint-Trond")


def make_municipality_b():
    return MunicipalityFactory(
        nis_code="24107", name_nl="Tienen", name_fr="Tirlemont", province=Province.VLAAMS_BRABANT
    )


def make_administrator():
    return UserFactory(username="admin", role=User.Role.ADMINISTRATOR, is_staff=True)


def make_coordinator(municipality_a):
    return UserFactory(
        username="coordinator", role=User.Role.COORDINATOR, municipalities=[municipality_a]
    )


def make_official(username, municipality):
    return UserFactory(username=username, role=User.Role.OFFICIAL, municipalities=[municipality])


def make_coordinator_b(municipality_b):
    return UserFactory(
        username="coordinator_b", role=User.Role.COORDINATOR, municipalities=[municipality_b]
    )


def make_coordinator_without_membership():
    return UserFactory(username="coordinator_none", role=User.Role.COORDINATOR)


def make_official_c():
    pelt = MunicipalityFactory(nis_code="72043", name_nl="Pelt", name_fr="Pelt")
    return UserFactory(username="official_c", role=User.Role.OFFICIAL, municipalities=[pelt])


def make_bridge_figure(worker):
    """The worker's own account: a bridge figure, who sees only the sessions they are on."""
    user = UserFactory(
        username="bridge_figure",
        role=User.Role.BRIDGE_FIGURE,
        first_name=worker.first_name,
        last_name=worker.last_name,
    )
    worker.account = user
    worker.save(update_fields=["account"])
    return user


@pytest.fixture
def municipality_a(db):
    return make_municipality_a()


@pytest.fixture
def municipality_b(db):
    return make_municipality_b()


@pytest.fixture
def trajectory_a(municipality_a):
    return TrajectoryFactory(municipality=municipality_a)


@pytest.fixture
def trajectory_b(municipality_b):
    return TrajectoryFactory(municipality=municipality_b)


@pytest.fixture
def administrator(db):
    return make_administrator()


@pytest.fixture
def coordinator(municipality_a):
    """Coordinates municipality A only."""
    return make_coordinator(municipality_a)


@pytest.fixture
def official_a(municipality_a):
    return make_official("official_a", municipality_a)


@pytest.fixture
def official_b(municipality_b):
    return make_official("official_b", municipality_b)


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


class SharedWorker:
    """A real Celery worker in a thread of this process, started once, working only while a
    test that asked for it runs.

    Between those tests it is parked inside a task of its own, so it takes no message that
    another test queues (a browser test's e-mails, say) and touches no other test's data.
    Each test finds the queue empty, as a freshly started worker would.
    """

    def __init__(self, app):
        self.app = app
        self.condition = threading.Condition()
        self.open = False
        self.parked_turn = self.turn = 0

        @app.task(name="tests.park_worker", acks_late=False, ignore_result=True)
        def park_worker(turn: int) -> None:
            self._wait_parked(turn)

        self.park_task = park_worker

    def _wait_parked(self, turn: int) -> None:
        from django.db import connections

        # Parked without a database connection, so none is left open when the test database
        # is dropped at the end (PostgreSQL refuses to drop a database in use).
        connections.close_all()
        with self.condition:
            self.parked_turn = turn
            self.condition.notify_all()
            self.condition.wait_for(lambda: self.open)

    def release(self) -> None:
        self.app.control.purge()
        with self.condition:
            self.open = True
            self.condition.notify_all()

    def park(self) -> None:
        """Once the task in hand (if any) is done; what the test left queued is dropped."""
        with self.condition:
            self.open = False
            self.turn += 1
        self.app.control.purge()
        self.park_task.delay(self.turn)
        with self.condition:
            if not self.condition.wait_for(lambda: self.parked_turn == self.turn, timeout=60):
                raise RuntimeError("the test worker did not finish its task within a minute")


@pytest.fixture(scope="session")
def _shared_celery_worker(django_db_setup):
    from celery.contrib.testing.worker import start_worker

    from plus_portal.celery import app

    shared = SharedWorker(app)
    app.control.purge()
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False) as worker:
        shared.worker = worker
        shared.park()
        yield shared
        shared.release()


@pytest.fixture
def celery_worker(transactional_db, _shared_celery_worker):
    """A real Celery worker on the configured broker, in a thread of this process.

    The broker is Redis on CI and kombu's filesystem transport elsewhere. Tests that
    use it need committed data, hence the transactional database.
    """
    _shared_celery_worker.release()
    yield _shared_celery_worker.worker
    _shared_celery_worker.park()


@pytest.fixture
def postal_codes_a(municipality_a):
    return make_postal_codes_a(municipality_a)


def make_postal_codes_a(municipality_a):
    from municipalities.models import PostalCode

    return [
        PostalCode.objects.get_or_create(code=code, municipality=municipality_a)[0]
        for code in ("3800", "3803", "3806")
    ]


@pytest.fixture
def intake_a(trajectory_a, postal_codes_a):
    """One record of every intake kind in Sint-Truiden's trajectory."""
    return make_intake_a(trajectory_a)


def make_intake_a(trajectory_a):
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
    return make_swot_a(trajectory_a, coordinator)


def make_swot_a(trajectory_a, coordinator):
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
    return make_plan_a(trajectory_a, intake_a, swot_a)


def make_plan_a(trajectory_a, intake_a, swot_a):
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
def bridge_figure(trajectory_a, intake_a):
    """Ahmed, a bridge figure placed at A's school site, signed in with his own account."""
    import datetime
    from decimal import Decimal

    from staffing.models import Placement
    from tests.staffing.factories import WorkerFactory

    worker = WorkerFactory(first_name="Ahmed", last_name="Benali")
    Placement.objects.create(
        worker=worker,
        trajectory=trajectory_a,
        site=intake_a["site"],
        starts_on=datetime.date(2026, 9, 1),
        hours_per_week=Decimal("10"),
    )
    return make_bridge_figure(worker)


@pytest.fixture
def bridge_figure_client(bridge_figure):
    return _client_for(bridge_figure)


@pytest.fixture
def coordinator_b(municipality_b):
    """An IN-Z coordinator of municipality B only: an outsider to A."""
    return make_coordinator_b(municipality_b)


@pytest.fixture
def coordinator_without_membership(db):
    return make_coordinator_without_membership()


@pytest.fixture
def official_c(db):
    """An official of a municipality that has no trajectory at all."""
    return make_official_c()


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


@pytest.fixture(scope="module")
def walk_data(django_db_setup, django_db_blocker):
    """What ``world`` makes, with every persona, made once for a whole test module.

    Made in a transaction rolled back when the module is done; each test runs in a savepoint
    within it (and each request of the walks in one more), so every test meets the same data.
    """
    from django.db import transaction

    from tests.url_walk import build_world

    with django_db_blocker.unblock(), transaction.atomic():
        municipality_a, municipality_b = make_municipality_a(), make_municipality_b()
        trajectory_a = TrajectoryFactory(municipality=municipality_a)
        TrajectoryFactory(municipality=municipality_b)
        personas = {
            "administrator": make_administrator(),
            "coordinator": make_coordinator(municipality_a),
            "official_a": make_official("official_a", municipality_a),
            "official_b": make_official("official_b", municipality_b),
            "coordinator_b": make_coordinator_b(municipality_b),
            "coordinator_without_membership": make_coordinator_without_membership(),
            "official_c": make_official_c(),
        }
        make_postal_codes_a(municipality_a)
        intake = make_intake_a(trajectory_a)
        swot = make_swot_a(trajectory_a, personas["coordinator"])
        world = build_world(
            coordinator=personas["coordinator"],
            official=personas["official_a"],
            trajectory=trajectory_a,
            intake=intake,
            swot=swot,
            plan=make_plan_a(trajectory_a, intake, swot),
        )
        personas["bridge_figure"] = User.objects.get(pk=world["bridge_figure"])
        yield world, personas
        transaction.set_rollback(True)


ROOT = Path(__file__).resolve().parents[1]
TEST_DB_FOLDER = settings.VAR_DIR / "test-db"


def pytest_collection_modifyitems(items):
    # pytest-xdist's --dist loadgroup sends the tests of one group to one process: a single
    # Celery worker thread serves them all.
    for item in items:
        if "celery_worker" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("celery_worker"))


def _uses_sqlite() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def _migrations_key() -> str:
    """Changes whenever a migration of any installed app (or Django itself) does."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256(django.get_version().encode())
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        module_name, _explicit = MigrationLoader.migrations_module(config.label)
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue  # an app without migrations
        for path in sorted(Path(next(iter(module.__path__))).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrated_sqlite_template(*, rebuild: bool = False) -> Path:
    """An SQLite file holding the empty, migrated schema, made by ``manage.py migrate``.

    Made once for a set of migrations and kept under var/test-db: migrating takes most of a
    test process's start, and every test process (and the worker-kill test's processes)
    starts from a copy. The first process to need it makes it; the others wait for it.
    """
    TEST_DB_FOLDER.mkdir(parents=True, exist_ok=True)
    template = TEST_DB_FOLDER / f"template-{_migrations_key()}.sqlite3"
    with (TEST_DB_FOLDER / "template.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if rebuild:
            template.unlink(missing_ok=True)
        if not template.exists():
            partial = template.with_suffix(f".{os.getpid()}.partial")
            environment = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "plus_portal.settings.test",
                "DATABASE_URL": f"sqlite:///{partial}",
            }
            result = subprocess.run(
                [sys.executable, "manage.py", "migrate", "--skip-checks", "-v0"],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode:
                pytest.exit(f"Migrating the test database failed:\n{result.stderr[-3000:]}")
            copy_sqlite(partial, template)
            for path in TEST_DB_FOLDER.glob("template-*"):
                if path != template:
                    path.unlink(missing_ok=True)
    return template


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy, whatever the source's journal (SQLite's online backup)."""
    for path in (target, *target.parent.glob(f"{target.name}-*")):
        path.unlink(missing_ok=True)
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_createdb):
    """On SQLite, each test process gets a file of its own, copied from the template.

    A file rather than memory, so the live server and the Celery worker thread use their own
    connections as they do in production. ``--create-db`` migrates it from scratch instead.
    """
    if not _uses_sqlite():
        yield
        return
    database = TEST_DB_FOLDER / f"suite-{settings.TEST_RUN}-{settings.TEST_WORKER}.sqlite3"
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(database)
    if not django_db_createdb:
        copy_sqlite(migrated_sqlite_template(), database)
    yield
    from django.db import connections

    connections.close_all()
    for path in (database, *database.parent.glob(f"{database.name}-*")):
        path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """SQLite's copy is fresh and migrated: Django uses it as it is (and migrates nothing)."""
    return _uses_sqlite() or request.config.getvalue("reuse_db")


FIRST_TEST_ID = 10_001


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every table's ids start at 10,001, as they soon do in production.

    An id printed with the Belgian thousands separator ("10.001") in a link or a form then
    breaks the tests that follow it, instead of only a busy production site.
    """
    from django.db import connection

    if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
        return  # no test selected needs the database, so it was not set up: leave it be
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for sequence in connection.introspection.sequence_list():
            table, column = sequence["table"], sequence["column"]
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
                    [table, column, FIRST_TEST_ID],
                )
            else:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                    [table, FIRST_TEST_ID - 1],
                )


@pytest.fixture
def local_cache(settings):
    """A real in-memory cache (the test settings have none), empty: for tests of what a page
    keeps in the cache and when it lets go."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
