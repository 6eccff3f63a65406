"""Benchmark: server time of IN-Z's portfolio page at 285 municipalities.

    .venv/bin/python bench/portfolio.py                      # SQLite, for a quick look
    .venv/bin/python bench/portfolio.py --database-url postgres://postgres@127.0.0.1:5432/plus_bench
    .venv/bin/python bench/portfolio.py --weeks 40           # a school year of sessions each

Builds 285 trajectories in every phase and five provinces (``build_trajectories`` of the
portfolio's query test: a plan in review or in force, an action with a subsidy call, sessions
with and without attendance, an enrolment, a computed indicator with a target, a placed
worker, a weakness, an unanswered remark), then asks the page as an administrator (who sees
all of them) and as a coordinator of 40, through Django's test client: the server's work
(middleware, view, queries, template) without a network in between. Prints the median, the
90th percentile and the number of queries, which must not grow with the municipalities,
cold (the indicators' points measured on each request) and warm (read from the cache).
"""

import argparse
import datetime
import statistics
import time

from support import throwaway_database

RUNS = 15
MUNICIPALITIES = 285
COORDINATED = 40


def build(weeks: int):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from municipalities.models import Membership, Trajectory
    from plus_portal.models import User
    from tests.monitoring.test_portfolio_queries import build_trajectories

    # Four sessions a week (Monday, Tuesday, Thursday, Friday) from September on.
    first = datetime.date(2026, 9, 7)
    days = tuple(
        first + datetime.timedelta(weeks=week, days=day)
        for week in range(weeks)
        for day in (0, 1, 3, 4)
    )
    official = User.objects.create_user("bench.official", role=User.Role.OFFICIAL)
    administrator = User.objects.create_user("bench.admin", role=User.Role.ADMINISTRATOR)
    coordinator = User.objects.create_user("bench.coordinator", role=User.Role.COORDINATOR)
    started = time.perf_counter()
    trajectories = build_trajectories(MUNICIPALITIES, official=official, session_days=days)
    Membership.objects.bulk_create(
        Membership(user=coordinator, municipality=t.municipality)
        for t in trajectories[:COORDINATED]
    )
    print(
        f"built {Trajectory.objects.count()} trajectories with {len(days)} sessions each "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return administrator, coordinator


def measure(client, url: str) -> list[float]:
    for _ in range(2):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return timings


def run(weeks: int) -> None:
    import django

    django.setup()
    import time_machine
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    # The data is dated around this day: its alerts are then due, as they would be.
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        administrator, coordinator = build(weeks)
        url = reverse("portfolio:portfolio")
        local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        for label, user in (
            (f"administrator ({MUNICIPALITIES})", administrator),
            (f"coordinator ({COORDINATED})", coordinator),
        ):
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            # Cold: the indicators' points measured on every request (no cache, as in the
            # test settings); warm: measured once, then read from the cache until data changes.
            for state, caches in (("cold", settings.CACHES), ("warm", local)):
                with override_settings(CACHES=caches):
                    timings = measure(client, url)
                    with CaptureQueriesContext(connection) as queries:
                        client.get(url)
                print(
                    f"portfolio, {label:<20} {state}  median "
                    f"{statistics.median(timings):7.1f} ms   "
                    f"p90 {statistics.quantiles(timings, n=10)[-1]:7.1f} ms   "
                    f"{len(queries):3d} queries"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL URL; SQLite when left out")
    parser.add_argument(
        "--weeks", type=int, default=2, help="weeks of sessions (4 a week) per trajectory"
    )
    arguments = parser.parse_args()
    with throwaway_database(arguments.database_url):
        run(arguments.weeks)


if __name__ == "__main__":
    main()
