"""Benchmark: server time of the plan page and the version diff page for a 160-action plan.

    .venv/bin/python bench/plan_pages.py --database-url postgres://postgres@127.0.0.1:5432/plus_bench
    .venv/bin/python bench/plan_pages.py            # SQLite, for a quick look

8 objectives × 4 action plans × 5 actions, each with sites, a strategy, slots, budget and
funding; two frozen versions that differ in a few actions. Goal: median under 150 ms on
PostgreSQL on this 2-core machine. Measured through Django's test client, so the figure is
the server's work (middleware, views, queries, templates) without a network in between.
"""

import argparse
import statistics
import time
from decimal import Decimal

from support import throwaway_database

RUNS = 25


def build():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_municipalities", verbosity=0)
    from actionplans import services
    from actionplans.models import (
        Action,
        ActionPlan,
        ActionSlot,
        BudgetLine,
        FundingSource,
        Objective,
        Plan,
    )
    from municipalities.models import Membership, Municipality, School, Site, Trajectory
    from plus_portal.models import User
    from swot.models import Strategy, SwotAnalysis, SwotItem

    municipality = Municipality.objects.get(nis_code="71053")
    trajectory = Trajectory.objects.create(municipality=municipality)
    coordinator = User.objects.create_user("bench", password="x", role=User.Role.COORDINATOR)
    Membership.objects.create(user=coordinator, municipality=municipality)
    school = School.objects.create(
        trajectory=trajectory, institution_number="036111", name="De Zonnewijzer", network="go"
    )
    sites = [
        Site.objects.create(
            school=school, site_number=n, street=f"Straat {n}", postal_code="3800", setting="urban"
        )
        for n in range(1, 4)
    ]
    analysis = SwotAnalysis.objects.create(trajectory=trajectory)
    weakness = SwotItem.objects.create(
        analysis=analysis, quadrant="W", theme="childcare", statement="Te weinig opvang"
    )
    chance = SwotItem.objects.create(
        analysis=analysis, quadrant="O", theme="childcare", statement="BOA-subsidie"
    )
    strategy = Strategy.objects.create(analysis=analysis, kind="WO", title="Opvang op de campus")
    strategy.items.set([weakness, chance])
    plan = services.plan_create(trajectory=trajectory, title="Benchmarkplan")
    for o in range(8):
        objective = services.part_add(Objective(plan=plan, title=f"Doelstelling {o + 1}"))
        objective.strategies.set([strategy])
        for p in range(4):
            action_plan = services.part_add(ActionPlan(objective=objective, title=f"Actieplan {p}"))
            for a in range(5):
                action = services.part_add(
                    Action(
                        action_plan=action_plan,
                        title=f"Actie {o}.{p}.{a}",
                        owner="Joris",
                        age_groups=["5-10"],
                        is_prioritair=a == 0,
                    )
                )
                action.sites.set(sites[: 1 + a % 3])
                action.strategies.set([strategy])
                ActionSlot.objects.create(action=action, slot="after_school", expected_children=12)
                ActionSlot.objects.create(
                    action=action, slot="holidays", holiday_period="summer", expected_children=20
                )
                for year in (2026, 2027):
                    BudgetLine.objects.create(
                        action=action, category="activities", year=year, amount=Decimal("1250.50")
                    )
                    FundingSource.objects.create(
                        action=action, kind="boa", year=year, amount=Decimal("1250.50")
                    )
    services.plan_submit(plan=plan, by=coordinator)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CHANGES_REQUESTED)
    for action in Action.objects.filter(title__endswith=".0")[:10]:
        action.title += " (herzien)"
        services.part_save(action, expected_version=action.version)
    services.plan_submit(plan=Plan.objects.get(pk=plan.pk), by=coordinator)
    return trajectory, coordinator


def measure(client, url: str) -> list[float]:
    for _ in range(3):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return timings


def run() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    trajectory, coordinator = build()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coordinator)
    pages = {
        "plan page (160 actions)": reverse("actionplans:plan", args=[trajectory.pk]),
        "diff page (v1 → v2)": reverse("actionplans:diff", args=[trajectory.pk]),
    }
    for label, url in pages.items():
        timings = measure(client, url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"{label:<26} median {statistics.median(timings):6.1f} ms   "
            f"p90 {statistics.quantiles(timings, n=10)[-1]:6.1f} ms   "
            f"{len(queries)} queries   (goal: median under 150 ms)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="postgres://… database to create, use and drop")
    args = parser.parse_args()
    with throwaway_database(args.database_url):
        run()


if __name__ == "__main__":
    main()
