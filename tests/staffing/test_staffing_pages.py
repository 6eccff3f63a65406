"""The staff list and the municipality's week schedule stay at a fixed number of queries."""

import datetime
from decimal import Decimal

from django.urls import reverse

from staffing.models import (
    Availability,
    DevelopmentPlan,
    Milestone,
    Placement,
    PlacementSlot,
    Worker,
)


def _staff(trajectory, site, count: int) -> None:
    workers = Worker.objects.bulk_create(
        Worker(
            first_name=f"Werker{n}",
            last_name="Test",
            function=Worker.Function.BRIDGE_FIGURE,
            # Only an LDE trajectory ends: every seventh worker's ends soon.
            regime=Worker.Regime.LDE if n % 7 == 0 else Worker.Regime.IMW,
            contract_starts_on=datetime.date(2023, 1, 1),
            hours_per_week=Decimal("30"),
            trajectory_starts_on=datetime.date(2022, 1, 1)
            if n % 7 == 0
            else datetime.date(2025, 1, 1),
        )
        for n in range(count)
    )
    DevelopmentPlan.objects.bulk_create(
        DevelopmentPlan(
            worker=w,
            current_competences="x",
            target_competences="y",
            reviewed_on=datetime.date(2025, 6, 1),
        )
        for w in workers
    )
    Milestone.objects.bulk_create(
        Milestone(worker=w, kind="evaluation", planned_on=datetime.date(2026, 12, 10))
        for w in workers
    )
    Availability.objects.bulk_create(
        Availability(worker=w, weekday=0, starts_at=datetime.time(12), ends_at=datetime.time(18))
        for w in workers
    )
    placements = Placement.objects.bulk_create(
        Placement(
            worker=w,
            trajectory=trajectory,
            site=site,
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2026, 12, 31),
            hours_per_week=Decimal("5"),
        )
        for w in workers
    )
    PlacementSlot.objects.bulk_create(
        PlacementSlot(
            placement=p, weekday=n % 5, starts_at=datetime.time(15, 30), ends_at=datetime.time(18)
        )
        for n, p in enumerate(placements)
    )


def test_staff_list_with_300_workers(
    coordinator_client, trajectory_a, intake_a, django_assert_max_num_queries
):
    _staff(trajectory_a, intake_a["site"], 300)
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(reverse("staffing:list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 300
    assert len(response.context["rows"]) == 50
    with django_assert_max_num_queries(12):
        ending = coordinator_client.get(reverse("staffing:list"), {"ending_soon": "1"})
    assert ending.context["page"].paginator.count == len([n for n in range(300) if n % 7 == 0])


def test_week_schedule_of_a_municipality(
    official_a_client, trajectory_a, intake_a, plan_a, django_assert_max_num_queries
):
    _staff(trajectory_a, intake_a["site"], 30)
    url = reverse("staffing:municipality", kwargs={"trajectory_pk": trajectory_a.pk})
    official_a_client.get(url)
    with django_assert_max_num_queries(30) as small:
        official_a_client.get(url)
    _staff(trajectory_a, intake_a["site"], 270)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = official_a_client.get(url)
    assert response.status_code == 200
    assert "Weekrooster" in response.text
