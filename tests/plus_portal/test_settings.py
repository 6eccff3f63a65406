"""Settings fail loudly: run each configuration in a fresh interpreter, as a server would."""

import os
import subprocess
import sys

import pytest

# Set by the browser tests' conftest for Playwright; a server never has it.
TEST_ONLY_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE"}
GOOD_SECRET = "x7!kP2#qL9@vN4$mR8^tW1&yZ6*bC3(dF5)gH0_jK-aE+sU" + "a1b2c3"


def _import_settings(module: str, **environment: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", *TEST_ONLY_VARIABLES}
    }
    env.update(environment, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_debug():
    result = _import_settings(
        "plus_portal.settings.production", DEBUG="true", SECRET_KEY=GOOD_SECRET
    )
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr


def test_production_refuses_a_missing_secret_key():
    result = _import_settings("plus_portal.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a boolean"),
        ("DATABASE_URL", "mysql://db/plus", "DATABASE_URL must be a postgres:// or sqlite://"),
        ("CELERY_BROKER_URL", "amqp://guest@localhost", "CELERY_BROKER_URL='amqp://"),
        ("AXES_FAILURE_LIMIT", "five", "AXES_FAILURE_LIMIT='five' is not a whole number"),
    ],
)
def test_bad_values_are_refused_clearly(variable, value, message):
    result = _import_settings("plus_portal.settings.local", **{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_check_deploy_is_clean():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", *TEST_ONLY_VARIABLES}}
    env.update(
        DJANGO_SETTINGS_MODULE="plus_portal.settings.production",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="plus.in-z.be",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
