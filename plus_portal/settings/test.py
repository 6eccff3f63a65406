"""The test suite: fast hashing, mail kept in memory, a broker folder of its own."""

import os

from plus_portal.settings.base import *  # noqa: F403
from plus_portal.settings.base import CELERY_BROKER_URL, VAR_DIR

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"

# One broker folder per test run, so two runs on one machine never take each other's
# messages; processes a run starts (even with another broker) inherit it and share the folder.
TEST_RUN = os.environ.setdefault("PLUS_TEST_RUN", str(os.getpid()))

if CELERY_BROKER_URL == "filesystem://":
    CELERY_BROKER_FOLDER = VAR_DIR / f"test-celery-broker-{TEST_RUN}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER),
        "data_folder_out": str(CELERY_BROKER_FOLDER),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }

# Serve static files straight from the app folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
