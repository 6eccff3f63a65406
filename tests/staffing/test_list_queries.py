"""The staffing alerts page and the staff list run a fixed number of queries, however many
trajectories, municipalities and workers there are: measured at 3 and at 53 trajectories."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from municipalities.models import CooperationAgreement
from staffing.models import Worker
from tests.actionplans.factories import ActionFactory, ActionSlotFactory
from tests.factories import TrajectoryFactory
from tests.staffing.factories import PlacementFactory, PlacementSlotFactory, WorkerFactory

D = datetime.date
CENTRAL = "Centrale opvang"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC), tick=False):
        yield


def _staffed_trajectories(count: int) -> None:
    """Trajectories whose one after-school action at a central site needs two carers and has
    one, and whose agreement asks more FTE than is placed: every one shows on the alerts page.
    Each also has a collectief maatwerk worker hired months ago without a POP."""
    for _n in range(count):
        trajectory = TrajectoryFactory()
        action = ActionFactory(
            action_plan__objective__plan__trajectory=trajectory,
            at_central_site=True,
            central_site_name=CENTRAL,
        )
        ActionSlotFactory(action=action, expected_children=20)  # 2 carers at 1:14
        placement = PlacementFactory(trajectory=trajectory, central_site_name=CENTRAL)
        PlacementSlotFactory(placement=placement, weekday=0)
        CooperationAgreement.objects.create(
            trajectory=trajectory,
            starts_on=D(2026, 1, 1),
            ends_on=D(2031, 12, 31),
            agreed_fte=Decimal("2.00"),
        )
        late = WorkerFactory(
            regime=Worker.Regime.COLLECTIVE,
            contract_starts_on=D(2026, 3, 1),
            trajectory_starts_on=D(2026, 3, 1),
        )
        PlacementFactory(worker=late, trajectory=trajectory, central_site_name="Elders")


def _queries(client, url, django_assert_max_num_queries, **params) -> int:
    client.get(url, params)  # warm the session and the caches of the first request
    with django_assert_max_num_queries(100) as counted:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(counted.captured_queries)


def test_the_alerts_page_runs_the_same_queries_for_3_and_53_trajectories(
    administrator_client, django_assert_max_num_queries
):
    url = reverse("staffing:alerts")
    _staffed_trajectories(3)
    small = _queries(administrator_client, url, django_assert_max_num_queries)
    _staffed_trajectories(50)
    with django_assert_max_num_queries(small):
        response = administrator_client.get(url)
    alerts = response.context["alerts"]
    assert len(alerts.short) == 53 * 4  # Monday, Tuesday, Thursday, Friday after school
    assert len(alerts.fte) == 53
    assert len(alerts.pop_overdue) == 53
    assert small <= 16


def test_the_staff_list_runs_the_same_queries_for_3_and_53_trajectories(
    administrator_client, django_assert_max_num_queries
):
    url = reverse("staffing:list")
    _staffed_trajectories(3)
    small = _queries(administrator_client, url, django_assert_max_num_queries)
    _staffed_trajectories(50)
    with django_assert_max_num_queries(small):
        response = administrator_client.get(url)
    assert response.context["page"].paginator.count == 106
    assert len(response.context["rows"]) == 50
    assert small <= 12


def test_the_staff_list_filtered_on_alerts_runs_the_same_queries(
    administrator_client, django_assert_max_num_queries
):
    url = reverse("staffing:list")
    filters = {"pop_due": "on", "regime": Worker.Regime.COLLECTIVE}
    _staffed_trajectories(3)
    small = _queries(administrator_client, url, django_assert_max_num_queries, **filters)
    _staffed_trajectories(50)
    with django_assert_max_num_queries(small):
        response = administrator_client.get(url, filters)
    # Only the collectief maatwerk workers, none of whom has a POP.
    assert response.context["page"].paginator.count == 53


def test_the_pagination_keeps_the_filters(administrator_client):
    _staffed_trajectories(30)
    response = administrator_client.get(
        reverse("staffing:list"), {"regime": Worker.Regime.LDE, "page": "1"}
    )
    page = response.context["page"]
    assert page.paginator.num_pages == 1
    response = administrator_client.get(reverse("staffing:list"), {"function": "bridge_figure"})
    assert response.context["page"].paginator.num_pages == 2
    # The controls are in Dutch and say which page is shown.
    assert '<nav aria-label="Pagina\'s">' in response.text
    assert '<li class="page-item active" aria-current="page"' in response.text
    assert "Pagina 1 van 2" in response.text
    assert "function=bridge_figure&amp;page=2" in response.text
    second = administrator_client.get(
        reverse("staffing:list"), {"function": "bridge_figure", "page": "2"}
    )
    assert len(second.context["rows"]) == 10
    # A page beyond the last shows the last, not an error.
    beyond = administrator_client.get(
        reverse("staffing:list"), {"function": "bridge_figure", "page": "99"}
    )
    assert beyond.status_code == 200
    assert beyond.context["page"].number == 2
