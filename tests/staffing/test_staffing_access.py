"""Who sees staff: IN-Z sees workers' files; an official sees the placements in their own
municipality (name, function, site, slots) and none of the personal data."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from staffing.models import DevelopmentPlan, Placement, PlacementSlot, Worker


@pytest.fixture
def placed_worker(trajectory_a, intake_a, plan_a):
    worker = Worker.objects.create(
        first_name="Ahmed",
        last_name="Benali",
        email="ahmed.benali@in-z.example",
        phone="0470 12 34 56",
        function=Worker.Function.BRIDGE_FIGURE,
        regime=Worker.Regime.LDE,
        languages=["nl", "ar"],
        contract_starts_on=datetime.date(2023, 6, 1),
        hours_per_week=Decimal("30"),
        trajectory_starts_on=datetime.date(2024, 1, 1),
    )
    DevelopmentPlan.objects.create(
        worker=worker,
        current_competences="Geheim: werkt aan zelfvertrouwen",
        target_competences="Zelfstandig groepen begeleiden",
        reviewed_on=datetime.date(2026, 1, 10),
    )
    placement = Placement.objects.create(
        worker=worker,
        trajectory=trajectory_a,
        site=intake_a["site"],
        starts_on=datetime.date(2026, 9, 1),
        hours_per_week=Decimal("10"),
    )
    placement.actions.set([plan_a["action"]])
    PlacementSlot.objects.create(
        placement=placement,
        weekday=0,
        starts_at=datetime.time(15, 30),
        ends_at=datetime.time(18, 0),
    )
    return worker


def _inz_urls(worker):
    return [
        reverse("staffing:list"),
        reverse("staffing:alerts"),
        reverse("staffing:worker", kwargs={"pk": worker.pk}),
        reverse("staffing:worker_update", kwargs={"pk": worker.pk}),
        reverse("staffing:worker_create"),
    ]


def test_officials_do_not_reach_workers_files(official_a_client, placed_worker):
    for url in _inz_urls(placed_worker):
        assert official_a_client.get(url).status_code == 404, url


def test_official_sees_placements_without_personal_data(
    official_a_client, trajectory_a, placed_worker
):
    response = official_a_client.get(
        reverse("staffing:municipality", kwargs={"trajectory_pk": trajectory_a.pk})
    )
    assert response.status_code == 200
    text = response.text
    assert "Ahmed Benali" in text
    assert "Brugfiguur" in text or "Bridge figure" in text
    assert "Vrije Basisschool Sint-Jozef" in text
    for secret in (
        "ahmed.benali@in-z.example",
        "0470 12 34 56",
        "Geheim",
        "lokale diensteneconomie",
    ):
        assert secret not in text, secret
    # As a word: a random CSRF token may hold the letters L, D, E in a row.
    assert not re.search(r"(?<![A-Za-z0-9])LDE(?![A-Za-z0-9])", text)


def test_official_of_another_municipality_gets_404(official_b_client, trajectory_a, placed_worker):
    for name in ("municipality", "placement_create"):
        url = reverse(f"staffing:{name}", kwargs={"trajectory_pk": trajectory_a.pk})
        assert official_b_client.get(url).status_code == 404, url


def test_official_cannot_place(official_a_client, trajectory_a, placed_worker):
    url = reverse("staffing:placement_create", kwargs={"trajectory_pk": trajectory_a.pk})
    assert official_a_client.get(url).status_code == 403
    assert official_a_client.post(url).status_code == 403


def test_coordinator_reaches_everything(coordinator_client, trajectory_a, placed_worker):
    urls = [
        *_inz_urls(placed_worker),
        reverse("staffing:municipality", kwargs={"trajectory_pk": trajectory_a.pk}),
        reverse("staffing:placement_create", kwargs={"trajectory_pk": trajectory_a.pk}),
    ]
    for url in urls:
        assert coordinator_client.get(url).status_code == 200, url
    detail = coordinator_client.get(reverse("staffing:worker", kwargs={"pk": placed_worker.pk}))
    assert "ahmed.benali@in-z.example" in detail.text
    assert "Geheim" in detail.text
