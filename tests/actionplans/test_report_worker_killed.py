"""A worker killed (SIGKILL) mid-render loses nothing: the report still ends DONE, once, one file.

Real processes, not threads: ``manage.py`` for the data and the sweep, two separate
``celery worker --pool solo`` processes for the rendering. They share a temporary SQLite file
(a copy of the suite's migrated template) and kombu's filesystem broker in a temporary
PLUS_VAR_DIR, whatever the suite's own database and broker are. The same scenario on Redis
and PostgreSQL is not run here.

The sweep is called with its clock moved past the hard time limit instead of waiting for it,
so the test stays around 25 seconds.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import copy_sqlite, migrated_sqlite_template

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CELERY = str(Path(PYTHON).with_name("celery"))

SETUP = """
import sys
sys.path.insert(0, "bench")
from pdf_render import build_plan
from actionplans import reports
version, user = build_plan("71053", "Sint-Truiden", objectives=4, action_plans=3, actions=6)
report, _ = reports.report_request(version=version, language="nl-be", by=user)
print(report.pk)
"""

SWEEP = """
import datetime
from django.conf import settings
from django.utils import timezone
from actionplans import reports
later = timezone.now() + datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
print(reports.report_sweep(now=later))
"""


@pytest.fixture
def environment(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "REDIS_URL", "DATABASE_URL", "MEDIA_ROOT"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="plus_portal.settings.test",
        PLUS_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path}/reports.sqlite3",
        CELERY_TASK_SOFT_TIME_LIMIT="10",
        CELERY_TASK_TIME_LIMIT="11",
        LOG_LEVEL="WARNING",
    )
    return env


def _manage(env, *args, timeout=60) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip()


def _worker(env, name: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            CELERY,
            "-A",
            "plus_portal",
            "worker",
            "--pool",
            "solo",
            "--hostname",
            f"{name}@%h",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def _row(database: Path, report_id: str) -> tuple[str, int, int]:
    with sqlite3.connect(database, timeout=10) as connection:
        return connection.execute(
            "SELECT status, attempts, progress FROM actionplans_report WHERE id = ?",
            [report_id.replace("-", "")],
        ).fetchone()


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def test_a_killed_worker_loses_no_report(environment, tmp_path):
    database = tmp_path / "reports.sqlite3"
    copy_sqlite(migrated_sqlite_template(), database)
    report_id = _manage(environment, "shell", "-c", SETUP, timeout=120).splitlines()[-1]
    assert _row(database, report_id)[0] == "queued"

    first = _worker(environment, "first", tmp_path / "first.log")
    try:
        _wait(lambda: _row(database, report_id)[0] == "rendering", 60, "the first claim")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    status, attempts, _progress = _row(database, report_id)
    assert (status, attempts) == ("rendering", 1)  # the dead worker left it mid-way

    assert report_id in _manage(environment, "shell", "-c", SWEEP)
    assert _row(database, report_id)[0] == "queued"

    second = _worker(environment, "second", tmp_path / "second.log")
    try:
        _wait(lambda: _row(database, report_id)[0] in {"done", "failed"}, 90, "the second worker")
    finally:
        second.terminate()
        second.wait(timeout=20)

    status, attempts, progress = _row(database, report_id)
    assert (status, attempts, progress) == ("done", 2, 100), (tmp_path / "second.log").read_text()
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT COUNT(*) FROM actionplans_report").fetchone() == (1,)
    media = tmp_path / "var" / settings.MEDIA_ROOT.relative_to(settings.VAR_DIR)
    files = list((media / "reports").iterdir())
    assert [file.name for file in files] == [f"{report_id}.pdf"]
    assert files[0].read_bytes().startswith(b"%PDF")
