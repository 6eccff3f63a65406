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
        ("PLUS_TRUSTED_PROXY_COUNT", "-1", "PLUS_TRUSTED_PROXY_COUNT='-1' must be at least 0"),
        ("SESSION_IDLE_HOURS", "0", "SESSION_IDLE_HOURS='0' must be at least 1"),
        ("SESSION_IDLE_HOURS", "8h", "SESSION_IDLE_HOURS='8h' is not a whole number"),
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
    # The one silenced check is axes.W006, on purpose (see the test below).
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_only_the_axes_address_check_is_silenced(settings):
    # Lockout counts failures per username (README, "Login lockout"); axes.W006 asks for the
    # address as well, which would let one good login wipe the failures counted against others.
    assert settings.SILENCED_SYSTEM_CHECKS == ["axes.W006"]
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username"]


def _local_setting(name: str, **environment: str) -> str:
    """A setting's value as a fresh local server would read it from this environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SESSION_IDLE_HOURS", *TEST_ONLY_VARIABLES}
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="plus_portal.settings.local")
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_the_session_idle_time_is_eight_hours_unless_configured():
    assert _local_setting("SESSION_COOKIE_AGE") == str(8 * 3600)
    assert _local_setting("SESSION_COOKIE_AGE", SESSION_IDLE_HOURS="2") == str(2 * 3600)
