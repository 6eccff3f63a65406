"""Benchmark: 200 concurrent respondents answering the public survey for 60 s.

    .venv/bin/python bench/survey_load.py
    .venv/bin/python bench/survey_load.py --clients 50 --seconds 20

Creates the PostgreSQL database (dropped again at the end), migrates it and makes one open
survey, starts gunicorn (2 workers, ``PLUS_TRUSTED_PROXY_COUNT=1``) on 127.0.0.1, then runs
the respondents: each opens the parents' form, solves its proof-of-work challenge with the
``altcha`` package (in a pool of processes, as a phone would in its own CPU), and sends an
answer under an address of its own in X-Forwarded-For (so the per-address limit of
``surveys.abuse`` is not what is measured; the survey-wide burst marking is), then starts
again. At the end every accepted answer (a redirect to the thanks page) must be stored
exactly once: the rows are counted against the accepted answers and their submission keys.
Response times are the server's (request sent to answer read), without the solving; a
respondent's own solving time is printed apart. Requests go to 127.0.0.1 only; the load is
bounded by --clients and --seconds. On a shared machine the figures move with the neighbours'
load. Without Redis each gunicorn worker counts in its own memory (see production.py).
"""

import argparse
import concurrent.futures
import html
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import altcha

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import ROOT, Server, cookies_from, environment, manage

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/plus_portal_survey_bench"
CLIENTS = 200
SECONDS = 60
LANGUAGE = "nl-be"

CHALLENGE = re.compile(r'challengejson="([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY_FIELD = re.compile(r'name="submission_key" value="([^"]+)"')


def make_survey(env: dict[str, str]) -> str:
    """One survey open today, made with the test factories; its public token."""
    script = """
import datetime
import django
django.setup()
from django.utils import timezone
from tests.surveys.factories import SurveyFactory
today = timezone.localdate()
survey = SurveyFactory(
    opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=30)
)
print(survey.token)
"""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]


def stored_keys(env: dict[str, str], token: str) -> tuple[list[str], int, int]:
    """The survey's stored submission keys, its bursts and the answers in them."""
    script = f"""
import json
import django
django.setup()
from surveys.models import Burst, Response
answers = Response.objects.filter(survey__token={token!r})
print(json.dumps([
    [str(key) for key in answers.values_list("submission_key", flat=True)],
    Burst.objects.filter(survey__token={token!r}).count(),
    answers.filter(burst__isnull=False).count(),
]))
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    keys, bursts, in_bursts = json.loads(result.stdout.splitlines()[-1])
    return keys, bursts, in_bursts


def solve(challenge: dict) -> tuple[str, float]:
    """The widget's payload for a challenge, and how long solving took (s)."""
    started = time.perf_counter()
    maximum = challenge.get("maxnumber") or challenge.get("max_number") or 1_000_000
    solution = altcha.solve_challenge(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], int(maximum)
    )
    payload = altcha.Payload(
        challenge["algorithm"],
        challenge["challenge"],
        solution.number,
        challenge["salt"],
        challenge["signature"],
    )
    return payload.to_base64(), time.perf_counter() - started


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.accepted: list[str] = []
        self.refused = 0
        self.rejected: dict[str, int] = {}  # answered, but neither thanks nor 429
        self.errors: dict[str, int] = {}  # no answer, or the form could not be read
        self.latencies: list[float] = []  # seconds, every request
        self.post_latencies: list[float] = []
        self.solving: list[float] = []

    def count(self, table: dict[str, int], reason: str) -> None:
        with self.lock:
            table[reason] = table.get(reason, 0) + 1


def respondent(server, number, token, deadline, pool, tally) -> None:
    forwarded = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
    path = f"/s/{token}/{LANGUAGE}/parent/"
    while time.monotonic() < deadline:
        try:
            started = time.perf_counter()
            status, headers, body = server.request(
                "GET", path, headers={"X-Forwarded-For": forwarded}
            )
            with tally.lock:
                tally.latencies.append(time.perf_counter() - started)
            if status != 200:
                tally.count(tally.rejected, f"form {status}")
                continue
            page = body.decode()
            challenge = json.loads(html.unescape(CHALLENGE.search(page).group(1)))
            key_found = KEY_FIELD.search(page)
            key = key_found.group(1) if key_found else str(uuid.uuid4())
            fields = {"submission_key": key, "age_groups": "5-10", "moments": "after_school"}
            cookie = ""
            csrf = CSRF_FIELD.search(page)
            if csrf:
                fields["csrfmiddlewaretoken"] = csrf.group(1)
                cookie = f"csrftoken={cookies_from(headers).get('csrftoken', '')}"
            fields["altcha"], took = pool.submit(solve, challenge).result()
            with tally.lock:
                tally.solving.append(took)
            started = time.perf_counter()
            status, headers, _ = server.request(
                "POST",
                path,
                body=urlencode(fields),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": cookie,
                    "Referer": f"http://127.0.0.1:{server.port}{path}",
                    "X-Forwarded-For": forwarded,
                },
            )
            elapsed = time.perf_counter() - started
            with tally.lock:
                tally.latencies.append(elapsed)
                tally.post_latencies.append(elapsed)
            location = {name.lower(): value for name, value in headers}.get("location", "")
            if status in (302, 303) and location.endswith("/thanks/"):
                with tally.lock:
                    tally.accepted.append(key)
            elif status == 429:
                with tally.lock:
                    tally.refused += 1
            else:
                tally.count(tally.rejected, f"answer {status}")
        except OSError as error:  # no answer within the client's timeout
            tally.count(tally.errors, type(error).__name__)
        except (AttributeError, ValueError, KeyError) as error:  # a page the client cannot read
            tally.count(tally.errors, f"unreadable form ({type(error).__name__})")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def run(env: dict[str, str], clients: int, seconds: int, solvers: int) -> bool:
    token = make_survey(env)
    server = Server(env)
    tally = Tally()
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=solvers) as pool:
            pool.submit(int, 0).result()  # started before the clock runs
            deadline = time.monotonic() + seconds
            threads = [
                threading.Thread(
                    target=respondent, args=(server, number, token, deadline, pool, tally)
                )
                for number in range(clients)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
    finally:
        server.stop()
    keys, bursts, in_bursts = stored_keys(env, token)
    accepted = tally.accepted
    print(f"\n{clients} respondents for {seconds} s ({wall:.1f} s until the last one finished)")
    print(f"accepted (thanks): {len(accepted)}   refused (429): {tally.refused}")
    print(f"rejected: {tally.rejected or 0}   errors: {tally.errors or 0}")
    print(f"submissions/s: {len(accepted) / wall:.1f}")
    if tally.latencies:
        print(
            f"all requests ({len(tally.latencies)}): p50 {percentile(tally.latencies, 0.5):.0f} ms"
            f"  p95 {percentile(tally.latencies, 0.95):.0f} ms"
            f"  p99 {percentile(tally.latencies, 0.99):.0f} ms"
        )
    if tally.post_latencies:
        posts = tally.post_latencies
        print(
            f"answers sent ({len(posts)}): p50 {percentile(posts, 0.5):.0f} ms"
            f"  p95 {percentile(posts, 0.95):.0f} ms  p99 {percentile(posts, 0.99):.0f} ms"
        )
    if tally.solving:
        print(
            f"challenge solving (client side, {solvers} processes): "
            f"median {statistics.median(tally.solving) * 1000:.0f} ms"
        )
    print(f"bursts marked for review: {bursts} ({in_bursts} answers in them)")
    lost = set(accepted) - set(keys)
    unexpected = set(keys) - set(accepted)
    once = len(keys) == len(set(keys)) and len(accepted) == len(set(accepted))
    print(
        f"stored rows: {len(keys)}   accepted but lost: {len(lost)}   stored but not accepted:"
        f" {len(unexpected)}   each stored once: {'yes' if once else 'NO'}"
    )
    ok = not lost and not unexpected and once and len(keys) == len(accepted) and accepted
    print("verdict:", "ok" if ok else "FAILED")
    return bool(ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--clients", type=int, default=CLIENTS, help="concurrent respondents")
    parser.add_argument("--seconds", type=int, default=SECONDS, help="how long they answer")
    parser.add_argument(
        "--solvers", type=int, default=2, help="processes solving the respondents' challenges"
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres://postgres@127.0.0.1:"):
        parser.error("the benchmark runs against a PostgreSQL database on 127.0.0.1 only")
    if not (1 <= args.clients <= 500 and 1 <= args.seconds <= 600 and 1 <= args.solvers <= 8):
        parser.error("bounded: 1–500 clients, 1–600 seconds, 1–8 solvers")
    name = args.database_url.rsplit("/", 1)[1]
    admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
    env = environment(args.database_url) | {"PLUS_TRUSTED_PROXY_COUNT": "1"}
    cores = len(os.sched_getaffinity(0))
    print(f"{cores} cores, load average {os.getloadavg()[0]:.1f} (shared machine: figures vary)")
    subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    try:
        manage(env, "migrate", "--verbosity", "0")
        ok = run(env, args.clients, args.seconds, args.solvers)
    finally:
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
