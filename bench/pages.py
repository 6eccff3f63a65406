"""Benchmark: requests per second of the key pages under 20 concurrent clients.

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --database-url postgres://postgres@127.0.0.1:5432/plus_portal_bench

Creates the PostgreSQL database (dropped again at the end), migrates it, loads the reference
data and the demo (its whole portfolio), starts gunicorn with 2 workers on 127.0.0.1, logs in as
the demo coordinator and sends a fixed number of requests to each page from 20 threads. Then
it adds 50 more trajectories built with the demo's own helpers and measures again. The login
page is the floor, measured in turns with each page (``--rounds``): goal is each key page
within 3× of its throughput. Requests go to 127.0.0.1 only. On a shared machine the figures
move with the neighbours' load; compare ratios within one run rather than absolute figures
between runs.
"""

import argparse
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/plus_portal_bench"
CLIENTS = 20
REQUESTS = 400
ROUNDS = 4
WARM_UP = 10
GOAL = 3.0
EXTRA_TRAJECTORIES = 50
# gunicorn kills a request after 30 s; a queued one may wait longer for a free worker.
TIMEOUT = 120


def environment(database_url: str) -> dict[str, str]:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "plus_portal.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def add_trajectories(env: dict[str, str], count: int) -> None:
    """More trajectories, each with the demo's intake, SWOT and draft plan."""
    script = f"""
import django
django.setup()
from municipalities import demo as intake_demo
from municipalities.models import Membership, Municipality
from municipalities.services import trajectory_start
from plus_portal.models import User
from swot import demo as swot_demo
from actionplans import demo as plan_demo

coordinator = User.objects.get(username="coordinator")
world = intake_demo.DemoWorld()
world.users = {{u.username: u for u in User.objects.filter(username__startswith="official.")}}
world.users["coordinator"] = coordinator
examples = intake_demo.DEMO_MUNICIPALITIES
# The demo's portfolio already runs trajectories in other municipalities than its examples.
others = Municipality.objects.filter(trajectories__isnull=True).order_by("nis_code")[:{count}]
for index, municipality in enumerate(others):
    Membership.objects.get_or_create(user=coordinator, municipality=municipality)
    trajectory = trajectory_start(
        municipality=municipality, cycle_start_year=2026, cycle_end_year=2031, by=coordinator
    )
    intake_demo._seed_intake(trajectory, intake_demo.INTAKES[examples[index % len(examples)]])
    world.trajectories.append(trajectory)
swot_demo.seed(world)
plan_demo.seed(world)
"""
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str]):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                "/dev/null",
                "--max-requests",
                "0",
                "plus_portal.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/health/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def request(self, method: str, path: str, *, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def cookies_from(headers) -> dict[str, str]:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key] = rest.split(";", 1)[0]
    return found


def log_in(server: Server, username: str, password: str) -> str:
    status, headers, body = server.request("GET", "/accounts/login/")
    csrf = cookies_from(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    status, headers, _ = server.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"http://127.0.0.1:{server.port}/accounts/login/",
        },
    )
    session = cookies_from(headers).get("sessionid")
    if status != 302 or not session:
        raise RuntimeError(f"login as {username} failed ({status})")
    return f"sessionid={session}; csrftoken={csrf}"


def load(server: Server, path: str, cookie: str | None, requests: int) -> tuple[float, float, int]:
    """Answered requests per second, median latency (ms), response size (bytes)."""
    headers = {"Cookie": cookie} if cookie else {}
    for _ in range(WARM_UP):
        status, _, body = server.request("GET", path, headers=headers)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    remaining = iter(range(requests))
    lock = threading.Lock()
    latencies: list[float] = []
    failures: list[int] = []

    def client() -> None:
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            started = time.perf_counter()
            try:
                status = server.request("GET", path, headers=headers)[0]
            except OSError:  # no answer within the client's timeout
                status = "timeout"
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if failures:
        print(f"  {path}: {len(failures)} of {requests} requests failed ({failures[0]})")
    return (requests - len(failures)) / wall, statistics.median(latencies) * 1000, len(body)


def pages(env: dict[str, str]) -> dict[str, str]:
    script = """
import django
django.setup()
from django.urls import reverse
from municipalities.models import Trajectory
t = Trajectory.objects.get(municipality__nis_code="71053")
for url in [
    reverse("swot:matrix", args=[t.pk]),
    reverse("actionplans:plan", args=[t.pk]),
    reverse("municipalities:trajectory_list"),
    reverse("staffing:alerts"),
    reverse("inbox"),
    reverse("staffing:list"),
]:
    print(url)
"""
    urls = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    names = [
        "SWOT matrix",
        "plan page",
        "trajectory overview",
        "staffing alerts",
        "inbox",
        "staffing list",
    ]
    return dict(zip(names, urls, strict=True))


def alternated(server: Server, path: str, cookie: str, requests: int, rounds: int):
    """The login page and the page in turns, ``rounds`` times: each rate over all its runs
    (requests / time), so a few seconds of a busy neighbour weigh on both alike."""
    share = max(1, requests // rounds)
    floor_time = page_time = 0.0
    medians, size = [], 0
    for _ in range(rounds):
        floor, _floor_ms, _floor_size = load(server, "/accounts/login/", None, share)
        rate, median, size = load(server, path, cookie, share)
        floor_time += share / floor
        page_time += share / rate
        medians.append(median)
    total = share * rounds
    return total / floor_time, total / page_time, statistics.median(medians), size


def measure(env: dict[str, str], label: str, requests: int, rounds: int) -> None:
    """Each page in turns with the login page: on a shared machine the floor moves by half
    from one minute to the next, so each ratio compares neighbours in time."""
    server = Server(env)
    try:
        cookie = log_in(server, "coordinator", "plus-demo-2026")
        print(f"\n{label}: {requests} requests per page, {CLIENTS} concurrent clients,", end="")
        print(f" in {rounds} turns with the login page")
        header = f"{'page':<22}{'r/s':>8}{'median ms':>11}{'KB':>7}"
        print(f"{header}{'login r/s':>11}{'login/page':>12}")
        for name, path in pages(env).items():
            floor, rate, median, size = alternated(server, path, cookie, requests, rounds)
            ratio = floor / rate
            verdict = "ok" if ratio <= GOAL else f"over {GOAL:.0f}×"
            print(
                f"{name:<22}{rate:8.1f}{median:11.0f}{size / 1024:7.0f}{floor:11.1f}"
                f"{ratio:11.1f}×  {verdict}",
                flush=True,
            )
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests per page")
    parser.add_argument(
        "--rounds", type=int, default=ROUNDS, help="turns of the login page and each page"
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres://postgres@127.0.0.1:"):
        parser.error("the benchmark runs against a PostgreSQL database on 127.0.0.1 only")
    name = args.database_url.rsplit("/", 1)[1]
    admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
    env = environment(args.database_url)
    cores = len(os.sched_getaffinity(0))
    print(f"{cores} cores, load average {os.getloadavg()[0]:.1f} (shared machine: figures vary)")
    subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    try:
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "load_municipalities", "--verbosity", "0")
        subprocess.run(
            [sys.executable, "manage.py", "seed_demo"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        measure(env, "demo", args.requests, args.rounds)
        add_trajectories(env, EXTRA_TRAJECTORIES)
        measure(env, f"demo + {EXTRA_TRAJECTORIES} trajectories", args.requests, args.rounds)
    finally:
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)


if __name__ == "__main__":
    main()
