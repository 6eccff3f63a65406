"""The test suite: fast hashing, mail kept in memory, a broker folder of its own."""

import os

from plus_portal.settings.base import *  # noqa: F403
from plus_portal.settings.base import CELERY_BROKER_URL, DATABASES, VAR_DIR

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# One broker folder per test run, so two runs on one machine never take each other's
# messages; processes a run starts (even with another broker) inherit it and share the folder.
# Each pytest-xdist worker has its own folder, queue and media folder within the run.
TEST_RUN = os.environ.setdefault("PLUS_TEST_RUN", str(os.getpid()))
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
MEDIA_ROOT = VAR_DIR / "test-media" / TEST_WORKER
CELERY_TASK_DEFAULT_QUEUE = f"test-{TEST_RUN}-{TEST_WORKER}"

if CELERY_BROKER_URL == "filesystem://":
    CELERY_BROKER_FOLDER = VAR_DIR / f"test-celery-broker-{TEST_RUN}" / TEST_WORKER
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER),
        "data_folder_out": str(CELERY_BROKER_FOLDER),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The test database is a file (tests/conftest.py copies it from a migrated template), so
    # the live server and the worker thread open their own connections, as in production.
    # Nothing in it needs to survive a power cut.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
    }

# Nothing cached between requests, so a test sees what a request computes; the tests of a
# cache (tests/staffing/test_alerts_cache.py, …) switch on a local-memory one.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# Serve static files straight from the app folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
