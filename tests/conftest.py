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
