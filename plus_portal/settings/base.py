"""Settings shared by every environment; local, test and production refine them."""

import hashlib
import hmac
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from plus_portal.settings.environment import (
    env_bool,
    env_database,
    env_int,
    env_list,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PLUS_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "plus_portal",
    "municipalities",
    "swot",
    "actionplans",
    "staffing",
    "execution",
    "monitoring",
    "surveys",
    "council",
    "django_altcha",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "plus_portal.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "plus_portal.middleware.SessionIdleMiddleware",
    "plus_portal.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "plus_portal.middleware.BridgeFigureScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "plus_portal.urls"
WSGI_APPLICATION = "plus_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "libraries": {"plan_charts": "actionplans.charts"},
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", str(BASE_DIR / "db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "plus_portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection (README, "Login lockout"): failures are counted per username,
# whatever address they come from, so rotating addresses does not help an attacker. There is
# no lockout per address: a municipality's offices reach us through one NAT address, and a
# per-address limit would let a stranger (or a colleague who mistypes) lock all of them out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for 'ip_address' among the parameters. Here it would do harm: with
# AXES_RESET_ON_SUCCESS one good login from an address wipes every failure counted for that
# address, other usernames' too, so an attacker with any account could guess on forever.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The address recorded with each attempt. Behind N reverse proxies that each append the
# address they received the request from to X-Forwarded-For, the client is the N-th entry
# from the right; anything further left was written by the client and is not trusted.
# 0: no proxy, REMOTE_ADDR is the client and X-Forwarded-For is ignored.
PLUS_TRUSTED_PROXY_COUNT = env_int("PLUS_TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "plus_portal.middleware.client_ip_address"

# A session ends after this long without a request, and when the browser closes. Each save
# moves a session's expiry to now + SESSION_COOKIE_AGE, which makes the age an idle timeout;
# SessionIdleMiddleware saves an unchanged session again once its last save is five minutes
# old, instead of on every request as SESSION_SAVE_EVERY_REQUEST would (htmx polls a report's
# progress every second: that would be a database write a second).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8, minimum=1) * 3600
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# No inline script anywhere (static/js/portal.js holds the handlers). Style attributes stay
# allowed, because templates size chart boxes, fields and progress bars with them; <style>
# elements and stylesheets from elsewhere do not. htmx's own indicator <style> is turned off
# in base.html, and its rules live in static/css/portal.css. The admin has no inline script
# either, so needs no relaxing; WeasyPrint renders PDFs on the server, where no policy applies.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Dutch")), ("en", _("English"))]
# The languages of the public survey, each named in itself (parents pick theirs from this list).
# A language is added here with its catalogue under locale/; a right-to-left one (ar) is laid out
# so through Django's language info ("bidi"). Answers are stored as codes, whatever the language.
SURVEY_LANGUAGES = [("nl-be", "Nederlands"), ("fr", "Français"), ("en", "English")]

# The public survey's proof-of-work challenge (django-altcha), solved in the respondent's browser:
# no third-party service. The key signs the challenges; without its own variable it is derived
# from SECRET_KEY, so no default key is ever shared between installations.
ALTCHA_HMAC_KEY = (
    env_str("ALTCHA_HMAC_KEY")
    or hmac.new(SECRET_KEY.encode(), b"plus-portal-altcha", hashlib.sha256).hexdigest()
)
# About a second of work on a cheap phone; a flood has to pay it for every answer.
ALTCHA_MAX_NUMBER = env_int("ALTCHA_MAX_NUMBER", 50_000, minimum=1000)
# A challenge is shown with the form and must outlive a parent filling it in slowly.
ALTCHA_CHALLENGE_EXPIRE = 2 * 3600 * 1000  # milliseconds
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["plus_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Generated files are served through permission-checked views only, never by URL.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PLUS portal <plus@in-z.be>")
# Children per carer in recognised out-of-school care (one source; check before relying on it).
PLUS_STAFF_RATIO = env_int("PLUS_STAFF_RATIO", 14, minimum=1)
# The 1:14 ratio is a rule of recognised care for primary-school children (5–10); the 11–15 group
# largely falls outside it, so its ratio is a setting of its own: 0 (the default) means none.
PLUS_STAFF_RATIO_11_15 = env_int("PLUS_STAFF_RATIO_11_15", 0, minimum=0)
# How far ahead the portfolio shows deadlines (subsidy calls, contracts, agreements, cycles
# ending), unless its reader chooses another window on the page.
PLUS_PORTFOLIO_HORIZON_DAYS = env_int("PLUS_PORTFOLIO_HORIZON_DAYS", 60, minimum=1)

# Links in e-mails point here.
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")

# Celery. Redis when a URL is given; otherwise kombu's filesystem transport, so that a
# fresh machine still runs a real worker process without any server.
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", schemes={"redis", "rediss", "filesystem"})
CELERY_BROKER_URL = CELERY_BROKER_URL or env_url("REDIS_URL", schemes={"redis", "rediss"})
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240, minimum=10)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=10)
if CELERY_TASK_TIME_LIMIT <= CELERY_TASK_SOFT_TIME_LIMIT:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("CELERY_TASK_TIME_LIMIT must be above CELERY_TASK_SOFT_TIME_LIMIT.")
CELERY_BROKER_FOLDER = VAR_DIR / "celery-broker"
if CELERY_BROKER_URL.startswith("redis"):
    # A message not acknowledged within this time is delivered again; it must outlast
    # the longest task, or a slow task would run twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 2}
else:
    CELERY_BROKER_URL = "filesystem://"
    # kombu's filesystem transport with atomic writes (see plus_portal/broker.py).
    CELERY_BROKER_TRANSPORT = "plus_portal.broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER),
        "data_folder_out": str(CELERY_BROKER_FOLDER),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 200, minimum=1)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int(
    "CELERY_WORKER_MAX_MEMORY_PER_CHILD_KB", 600_000, minimum=50_000
)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    # A worker killed mid-render leaves its report in RENDERING; this queues it again.
    "sweep-stuck-reports": {"task": "actionplans.tasks.sweep_reports", "schedule": 60.0},
    "sweep-stuck-progress-reports": {
        "task": "monitoring.tasks.sweep_progress_reports",
        "schedule": 60.0,
    },
    "sweep-stuck-survey-flyers": {"task": "surveys.tasks.sweep_flyers", "schedule": 60.0},
}
# A PDF report whose worker died this many times is failed instead of queued again.
PLUS_REPORT_MAX_ATTEMPTS = env_int("PLUS_REPORT_MAX_ATTEMPTS", 3, minimum=1)
# How many PDFs one person may have made in an hour when they ask to render one again.
PLUS_REPORT_FORCED_PER_HOUR = env_int("PLUS_REPORT_FORCED_PER_HOUR", 5, minimum=1)
# The optional PAdES signature on the PDFs issued to a council (plus_portal/pdf_signing.py):
# paths to the key and certificate (or a .p12/.pfx as the key); empty = not signed.
PLUS_PDF_SIGNING_KEY = env_str("PLUS_PDF_SIGNING_KEY", "")
PLUS_PDF_SIGNING_CERT = env_str("PLUS_PDF_SIGNING_CERT", "")
PLUS_PDF_SIGNING_CHAIN = env_str("PLUS_PDF_SIGNING_CHAIN", "")
PLUS_PDF_SIGNING_PASSPHRASE = env_str("PLUS_PDF_SIGNING_PASSPHRASE", "")
PLUS_PDF_SIGNING_TIMESTAMP_URL = env_str("PLUS_PDF_SIGNING_TIMESTAMP_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every page it lays out; only its warnings matter.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}
